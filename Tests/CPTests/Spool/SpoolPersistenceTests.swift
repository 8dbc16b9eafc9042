import Foundation
import Media
import Testing
@testable import CP

/// Spool files on disk: closed files survive a restart of the control
/// program (a warm start) with every attribute, and an interrupted write
/// never leaves a half file visible.
@Suite("Spool persistence", .serialized)
struct SpoolPersistenceTests {
    /// A state directory of its own, removed afterwards.
    final class StateDirectory {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-spool-\(UUID().uuidString)")
        var spool: URL { url.appendingPathComponent("spool") }
        deinit { try? FileManager.default.removeItem(at: url) }

        /// A control program on this state directory (not started: the
        /// spool needs no workers).
        func controlProgram(configuration: String = "") throws -> ControlProgram {
            let (config, errors) = SystemConfiguration.parse(configuration, file: "test.conf")
            try #require(errors.isEmpty)
            let (directory, _) = UserDirectory.parse(SpoolExchangeTests.directory, file: "test.direct")
            return ControlProgram(configuration: config, directory: directory, stateDirectory: url.path, workers: 1)
        }

        var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: spool.path)) ?? []).sorted() }
    }

    static func cards(_ texts: [String]) -> [[UInt8]] { texts.map { CodePage.cp037.ebcdic($0) } }

    @Test func closedFilesSurviveARestartWithTheirAttributes() throws {
        let state = StateDirectory()
        var before: [SpoolFile] = []
        var printed: SpoolFile?
        do {
            let cp = try state.controlProgram()
            let first = cp.spool.sendToReader(of: "bob", from: "alice", cards: Self.cards(["ONE", "TWO"]),
                                              name: "PROFILE", type: "EXEC", spoolClass: "B")
            let second = cp.spool.sendToReader(of: "bob", from: "alice", cards: Self.cards(["THREE"]))
            cp.spool.change(of: "bob", queue: .reader, where: { $0.id == first }) {
                $0.hold = true; $0.copies = 7; $0.tag = "ROUTE TO NODE1"; $0.distribution = "ROOM12"
            }
            #expect(cp.spool.order(of: "bob", queue: .reader, ids: [second]) == 1)
            printed = cp.spool.add(SpoolFile(id: 0, queue: .printer, owner: "ALICE", from: "ALICE", origin: .printer,
                                             spoolClass: "A", records: [[0x09] + CodePage.cp037.ebcdic("LINE")],
                                             name: "", type: "", distribution: "ALICE", created: Date()))
            before = cp.spool.readerFiles(of: "bob")
            cp.shutdown()
        }
        #expect(state.names.contains { $0.hasSuffix(".data") } && state.names.contains { $0.hasSuffix(".meta") })
        let cp = try state.controlProgram()
        let after = cp.spool.readerFiles(of: "bob")
        #expect(after.count == 2)
        for (a, b) in zip(after, before) {
            #expect(a.id == b.id && a.owner == b.owner && a.from == b.from && a.origin == b.origin
                    && a.spoolClass == b.spoolClass && a.records == b.records && a.name == b.name && a.type == b.type
                    && a.distribution == b.distribution && a.copies == b.copies && a.hold == b.hold && a.tag == b.tag)
            #expect(abs(a.created.timeIntervalSince(b.created)) < 0.001)
        }
        // ORDER survives: the second file is still first.
        #expect(after.map(\.id) == before.map(\.id))
        #expect(cp.spool.outputFiles(of: "alice", queue: .printer).first?.records == printed?.records)
        // Spool ids are not handed out twice across the restart.
        let next = cp.spool.sendToReader(of: "bob", from: "alice", cards: Self.cards(["FOUR"]))
        let used = before.map(\.id) + [printed?.id ?? 0]
        #expect(used.contains(next) == false)
        #expect(next > (printed?.id ?? 0))
    }

    @Test func aFileBeingReadIsStillThereAfterARestart() throws {
        let state = StateDirectory()
        do {
            let cp = try state.controlProgram()
            cp.spool.sendToReader(of: "bob", from: "alice", cards: Self.cards(["ONE"]))
            // A reader has it open: out of the queue, not yet read to its end.
            #expect(cp.spool.takeNextReaderFile(of: "bob", spoolClass: nil) != nil)
            #expect(cp.spool.readerFiles(of: "bob").isEmpty)
        }
        let cp = try state.controlProgram()
        #expect(cp.spool.readerFiles(of: "bob").count == 1)
        // Read to the end (NOHOLD), it is gone for good.
        let file = try #require(cp.spool.takeNextReaderFile(of: "bob", spoolClass: nil))
        cp.spool.finished(file, keep: false)
        #expect(state.names == ["spoolid"])
        #expect(try state.controlProgram().spool.readerFiles(of: "bob").isEmpty)
    }

    @Test func aCrashBetweenDataAndMetadataLeavesNoFile() throws {
        let state = StateDirectory()
        do {
            let cp = try state.controlProgram()
            cp.spool.sendToReader(of: "bob", from: "alice", cards: Self.cards(["KEPT"]))
            cp.spool.storeForTests?.crashAfterData = true
            // The daemon "dies" after writing the data of the second file.
            #expect(cp.spool.sendToReader(of: "bob", from: "alice", cards: Self.cards(["LOST"])) == 0)
            #expect(cp.spool.readerFiles(of: "bob").count == 1)
        }
        #expect(state.names.filter { $0.hasSuffix(".data") }.count == 2)
        let cp = try state.controlProgram()
        let files = cp.spool.readerFiles(of: "bob")
        #expect(files.count == 1 && files.first?.records == [SpoolSystem.card(CodePage.cp037.ebcdic("KEPT"))])
        // The orphan data is cleaned away at start.
        #expect(state.names.filter { $0.hasSuffix(".data") }.count == 1)
    }

    @Test func tornAndTemporaryFilesAreNotVisible() throws {
        let state = StateDirectory()
        var kept = 0
        do {
            let cp = try state.controlProgram()
            kept = cp.spool.sendToReader(of: "bob", from: "alice", cards: Self.cards(["KEPT"]))
            let torn = cp.spool.sendToReader(of: "bob", from: "alice", cards: Self.cards(["ONE", "TWO", "THREE"]))
            let other = cp.spool.sendToReader(of: "bob", from: "alice", cards: Self.cards(["OTHER"]))
            // A data file cut short (a disk that lost its tail), metadata
            // that is garbage, and the temporary files of a write cut off
            // before its rename.
            let data = state.spool.appendingPathComponent(String(format: "%04d.data", torn))
            let bytes = try Data(contentsOf: data)
            try bytes.prefix(bytes.count - 30).write(to: data)
            try Data("{\"id\": 12".utf8).write(to: state.spool.appendingPathComponent(String(format: "%04d.meta", other)))
            try Data([1, 2, 3]).write(to: state.spool.appendingPathComponent("0077.data.tmp"))
            try Data("{".utf8).write(to: state.spool.appendingPathComponent("0077.meta.tmp"))
        }
        let cp = try state.controlProgram()
        #expect(cp.spool.readerFiles(of: "bob").map(\.id) == [kept])
        #expect(state.names == [String(format: "%04d.data", kept), String(format: "%04d.meta", kept), "spoolid"])
    }

    @Test func theSpoolDirectoryComesFromTheConfiguration() throws {
        let state = StateDirectory()
        let cp = try state.controlProgram(configuration: "SPOOL queues")
        cp.spool.sendToReader(of: "bob", from: "alice", cards: Self.cards(["ONE"]))
        let names = try FileManager.default.contentsOfDirectory(atPath: state.url.appendingPathComponent("queues").path)
        #expect(names.contains { $0.hasSuffix(".meta") })
    }
}
