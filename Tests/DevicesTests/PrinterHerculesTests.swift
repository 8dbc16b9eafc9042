import Channel
import Devices
import Foundation
import Media
import S370Core
import Testing

/// The same printer channel program on vm67 and on Hercules 3.13: the
/// printer files must be equal byte for byte.
@Suite("Printer output against Hercules",
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/hercules"), "Hercules is not installed"))
struct PrinterHerculesTests {
    /// Every kind of carriage motion, with text that has blanks, lower case
    /// and a null. Spacing never crosses the bottom of a page, where the two
    /// differ (see `PrintCarriage`).
    static let lines: [(command: UInt8, text: String)] = [
        (0x8B, ""), (0x09, "A"), (0x11, "  Bb  "), (0x01, "C"), (0x09, "___"), (0x0B, ""), (0x91, "E"),
        (0x8B, ""), (0x09, "F"), (0x89, "G"), (0xC9, "H"), (0xE1, "I"), (0x1B, ""), (0x09, "J"), (0x8B, ""), (0x13, ""),
        (0xD1, "K"), (0xA3, ""), (0x09, "L\0M"), (0xDB, ""), (0xB1, "N"), (0x89, "END"),
    ]

    /// A program at X'200' that starts the chain at X'400' on 00E, waits
    /// with TEST I/O, and stops in a disabled wait at 0.
    static func coreImage() -> [UInt8] {
        var core = [UInt8](repeating: 0, count: 0x1000)
        core.replaceSubrange(0..<8, with: [0, 0, 0, 0, 0, 0, 0x02, 0x00])
        let program: [UInt8] = [0x41, 0x10, 0x04, 0x00, 0x50, 0x10, 0x00, 0x48, 0x9C, 0x00, 0x00, 0x0E,
                                0x9D, 0x00, 0x00, 0x0E, 0x47, 0x60, 0x02, 0x0C, 0x82, 0x00, 0x02, 0x20]
        core.replaceSubrange(0x200..<0x200 + program.count, with: program)
        core.replaceSubrange(0x220..<0x228, with: [0x00, 0x02, 0, 0, 0, 0, 0, 0])
        var data = 0x800
        for (i, line) in lines.enumerated() {
            let bytes = CodePage.cp037.ebcdic(line.text)
            core.replaceSubrange(data..<data + bytes.count, with: bytes)
            let flags: UInt8 = i == lines.count - 1 ? 0x20 : 0x60
            let ccw: [UInt8] = [line.command, 0, UInt8(data >> 8), UInt8(data & 0xFF), flags, 0, 0, UInt8(max(1, bytes.count))]
            core.replaceSubrange(0x400 + 8 * i..<0x408 + 8 * i, with: ccw)
            data += 16
        }
        return core
    }

    static func vm67(crlf: Bool) -> [UInt8] {
        let machine = Machine(model: .s370, storageSize: 2 << 20)
        machine.storage.write(0, coreImage())
        let io = IOSystem(machine: machine)
        let output = MemoryOutput()
        io.channels.attach(Printer(type: 0x1403, output: output, crlf: crlf), at: 0x00E)
        machine.restart()
        for _ in 0..<100 where io.run(budget: 1_000_000) != .disabledWait {}
        #expect(machine.psw & 0xFF_FFFF == 0)
        return output.bytes
    }

    static func hercules(crlf: Bool) throws -> [UInt8] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-herc-prt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(coreImage()).write(to: dir.appendingPathComponent("test.core"))
        let printFile = dir.appendingPathComponent("prt.txt").path
        try "ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C /\n000E 1403 \(printFile)\(crlf ? " crlf" : "")\n"
            .write(to: dir.appendingPathComponent("test.cnf"), atomically: true, encoding: .utf8)
        try "hao tgt HHCCP011I\nhao cmd quit\nloadcore \(dir.path)/test.core 0\nrestart\n"
            .write(to: dir.appendingPathComponent("test.rc"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/hercules")
        process.arguments = ["-f", "test.cnf", "-d"]
        process.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        environment["HERCULES_RC"] = "test.rc"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            Issue.record("Hercules did not finish")
        }
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: printFile)))
    }

    @Test(arguments: [false, true])
    func sameFileAsHercules(crlf: Bool) throws {
        let ours = Self.vm67(crlf: crlf)
        let theirs = try Self.hercules(crlf: crlf)
        #expect(ours == theirs, "vm67: \(String(decoding: ours, as: UTF8.self).debugDescription)\nHercules: \(String(decoding: theirs, as: UTF8.self).debugDescription)")
    }
}
