import Foundation
import Testing
import S370Core

/// Hercules' own S/370 instruction tests (../shared/conformance/hercules-s370),
/// run against vm67's core by `HerculesTestScript`.
@Suite("Hercules conformance")
struct HerculesConformanceTests {
    static let folder = "conformance/hercules-s370"

    /// The test files and the test cases each must run (by name) — a case
    /// that silently stops applying fails. 1403.tst runs a printer on the
    /// real channel.
    static let cases: [(file: String, mustRun: [String])] = [
        ("bc-ilc.tst", ["BC-mode ILC Handling"]),
        ("mvcle.tst", ["mvcle-370"]),
        ("float.tst", ["HFP Floating Point (370, no AFP, no EXTENSION)",
                       "HFP Floating Point (370, with AFP, no EXTENSION)",
                       "HFP Floating Point (370, no AFP, with EXTENSION)",
                       "HFP Floating Point (370, with AFP, with EXTENSION)"]),
        ("skey370.tst", ["skey370"]),
        ("stidp.tst", ["S/370 BASIC FMT-0 CPUs = 1"]),
        ("CLCL-s370", ["CLCL Unaligned Buffers Test (S/370)"]),
        ("1403.tst", ["1403 printer Load UCS Buffer"]),
    ]

    /// Program interruptions a test program provokes on purpose to learn
    /// what the machine has, and handles itself. skey370 tries RRBE (an
    /// ESA/370 instruction); vm67's S/370, like the original machines, does
    /// not have it, so the program takes the older-S/370 path. Hyperion's
    /// checker would count that probe as unannounced; the program's own
    /// verdict (a zero wait PSW) still decides.
    static let probes: [String: UInt16] = ["skey370.tst": 0x0001]

    @Test(arguments: cases.map { $0.file })
    func runTestFile(_ file: String) throws {
        guard let dir = SharedFiles.require(Self.folder) else { return }
        let mustRun = Self.cases.first { $0.file == file }!.mustRun
        let script = HerculesTestScript(testPath: dir, toleratedProbe: Self.probes[file])
        let outcomes: [HerculesTestScript.Outcome]
        if file == "CLCL-s370" {
            // The S/370 variant: CLCL.tst with its patch applied (archlvl 390 → 370).
            let text = try applyPatch(to: dir.appendingPathComponent("CLCL.tst"),
                                      patch: dir.appendingPathComponent("CLCL-s370.patch"))
            outcomes = try script.run(file: dir.appendingPathComponent("CLCL.tst"), text: text)
        } else {
            outcomes = try script.run(file: dir.appendingPathComponent(file))
        }
        for name in mustRun {
            guard let o = outcomes.first(where: { $0.name == name }) else {
                Issue.record("\(file): test case '\(name)' not found")
                continue
            }
            #expect(o.notApplicable == nil, "\(file) '\(name)' did not run: \(o.notApplicable ?? "")")
            #expect(o.checks > 0, "\(file) '\(name)' checked nothing")
            #expect(o.failures.isEmpty, "\(file) '\(name)': \(o.failures.joined(separator: "; "))")
        }
    }

    /// The printer test's channel program as the CCW trace (`t+00E`) saw it:
    /// the gate load, then the UCS buffer load chained to it.
    @Test func printerUCSLoadTrace() throws {
        guard let dir = SharedFiles.require(Self.folder) else { return }
        let script = HerculesTestScript(testPath: dir)
        let outcomes = try script.run(file: dir.appendingPathComponent("1403.tst"))
        #expect(outcomes.first?.failures.isEmpty == true)
        #expect(script.trace.count == 2, "\(script.trace)")
        #expect(script.trace.first?.contains("EB") == true)
        #expect(script.trace.last?.contains("FB") == true)
    }

    /// Applies a unified diff that only replaces lines (what CLCL-s370.patch does).
    func applyPatch(to file: URL, patch: URL) throws -> String {
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        let diff = try String(contentsOf: patch, encoding: .utf8).components(separatedBy: "\n")
        var removed: [String] = [], added: [String] = []
        func flush() {
            for (old, new) in zip(removed, added) {
                if let i = lines.firstIndex(of: old) { lines[i] = new }
            }
            removed = []; added = []
        }
        for line in diff {
            if line.hasPrefix("---") || line.hasPrefix("+++") { continue }
            if line.hasPrefix("-") { removed.append(String(line.dropFirst())) }
            else if line.hasPrefix("+") { added.append(String(line.dropFirst())) }
            else { flush() }
        }
        flush()
        return lines.joined(separator: "\n")
    }
}
