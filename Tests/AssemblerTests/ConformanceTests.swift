import Foundation
import Testing
import S370Spec
@testable import Assembler

/// The Hercules S/370 test programs, written for SATK's ASMA, assembled
/// with `--dialect asma` and compared byte for byte with ASMA's images.
@Suite("Hercules conformance images (ASMA dialect)")
struct ConformanceTests {
    /// Rows the shared instruction table does not have (yet). The table is
    /// not changed here; these tests add the rows locally so the rest of
    /// each program can be checked byte for byte. They are listed in the
    /// report as rows to add: LPSWE (float.asm), and ISKE, SSKE, RRBE,
    /// IVSK, TPROT, TB (skey370.asm).
    static let missingRows: [InstructionSpec] = [
        .init("LPSWE", 0xB2B2, .s, .s370, .privileged, title: "Load PSW Extended (ESA/390)"),
        .init("IVSK", 0xB223, .rre, .s370, .privileged, title: "Insert Virtual Storage Key"),
        .init("ISKE", 0xB229, .rre, .s370, .privileged, title: "Insert Storage Key Extended"),
        .init("RRBE", 0xB22A, .rre, .s370, .privileged, title: "Reset Reference Bit Extended"),
        .init("SSKE", 0xB22B, .rre, .s370, .privileged, title: "Set Storage Key Extended"),
        .init("TB", 0xB22C, .rre, .s370, .privileged, title: "Test Block"),
        .init("TPROT", 0xE501, .sse, .s370, .privileged, title: "Test Protection"),
    ]

    static let folder = "conformance/hercules-s370/"

    func check(_ name: String, extraRows: [InstructionSpec] = [], maclibs: [String] = []) {
        guard let source = SharedFiles.path(Self.folder + name + ".asm"),
              let corePath = SharedFiles.path(Self.folder + name + ".core"),
              let expected = SharedFiles.bytes(corePath) else { return }
        let options = AssemblerOptions(dialect: .asma, macroLibraries: maclibs,
                                       instructions: InstructionTable.all + extraRows)
        let assembly = Assembler.assemble(file: source, options: options)
        #expect(assembly.errors.isEmpty, "\(name): \(assembly.errors.map(\.description).joined(separator: "\n"))")
        let image = assembly.coreImage
        #expect(image.count == expected.count, "\(name): image is \(image.count) bytes, ASMA's \(expected.count)")
        if let i = zip(image, expected).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record("\(name): first difference at X'\(String(i, radix: 16, uppercase: true))': got \(hexString(Array(image[i..<min(i + 8, image.count)]))), ASMA has \(hexString(Array(expected[i..<min(i + 8, expected.count)])))")
        }
    }

    @Test func bcILC() { check("bc-ilc") }

    /// float.asm also runs in z/Architecture mode and uses LPSWE (B2B2).
    @Test func float() { check("float", extraRows: Self.missingRows) }

    /// skey370.asm uses ISKE, SSKE, RRBE, IVSK, TPROT and TB.
    @Test func skey370() { check("skey370", extraRows: Self.missingRows) }

    /// fix-page.asm builds its E502 instructions with DC (X'E502',AL2(0),S(AMPLP)),
    /// so every instruction it assembles is in the table.
    @Test func fixPage() { check("fix-page") }

    /// CLCL.asm needs SATK's macro library; Fixtures/maclib/satk.mac holds
    /// vm67's own versions of the five macros it uses.
    @Test func clcl() { check("CLCL", maclibs: [SharedFiles.fixtures.appendingPathComponent("maclib").path]) }

    /// Without the extra rows, an unknown instruction is a located error.
    @Test func unknownInstructionIsReported() {
        guard let source = SharedFiles.path(Self.folder + "float.asm") else { return }
        let assembly = Assembler.assemble(file: source, options: AssemblerOptions(dialect: .asma))
        let lpswe = assembly.errors.filter { $0.message.contains("LPSWE") }
        #expect(lpswe.count == 3)
        #expect(lpswe.first?.position.line == 89)
        #expect(lpswe.first?.position.column == 10)
    }

    /// skey370.asm without the extra rows: each instruction the table lacks
    /// is an error at its operation field.
    @Test func skey370NamesTheMissingInstructions() {
        guard let source = SharedFiles.path(Self.folder + "skey370.asm") else { return }
        let assembly = Assembler.assemble(file: source, options: AssemblerOptions(dialect: .asma))
        let unknown = Set(assembly.errors.compactMap { error -> String? in
            guard error.message.hasPrefix("unknown operation ") else { return nil }
            #expect(error.position.column == 10)
            return error.message.dropFirst("unknown operation ".count).split(separator: ":").first.map(String.init)
        })
        #expect(unknown == ["ISKE", "SSKE", "RRBE", "IVSK", "TPROT", "TB"])
        #expect(assembly.errors.allSatisfy { $0.message.hasPrefix("unknown operation ") })
    }
}
