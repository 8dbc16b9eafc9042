import ArgumentParser
import Assembler
import Foundation
import S370Spec

/// `vm67 asm SOURCE …`: assemble HLASM-style S/370 source into a core
/// image, an object deck, an IPL deck and a listing; or, with
/// `--disassemble`, turn a file of storage back into instructions. The
/// interface is stable: scripts depend on it.
struct AsmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asm",
        abstract: "Assemble S/370 source (HLASM style), or disassemble storage.",
        discussion: """
            Exit status is 0 only when the assembly has no errors. With errors no output \
            file is written and each error is printed as FILE:LINE:COLUMN: error: message.

            --core writes the assembled bytes at their addresses, from address 0. --object \
            writes ESD/TXT/RLD/END cards (80 bytes, EBCDIC). --ipl-deck writes a card deck \
            that loads the program when IPLed from a card reader: card 1 holds the IPL PSW and \
            two CCWs (read the next card into a channel-program area after the program, TIC \
            to it); each channel-program card then reads up to nine data cards of 80 bytes \
            straight to their addresses and the next channel-program card. The IPL PSW is the \
            program's own doubleword at 0 if it has one, otherwise a disabled BC-mode PSW \
            pointing at END's entry point.
            """
    )

    @Argument(help: "Assembler source file.")
    var source: String?

    @Option(help: "Write the flat core image (assembled bytes at their addresses, from address 0).")
    var core: String?

    @Option(help: "Write the object deck (ESD/TXT/RLD/END cards, EBCDIC).")
    var object: String?

    @Option(help: "Write the listing.")
    var listing: String?

    @Option(name: .customLong("ipl-deck"), help: "Write a self-loading IPL card deck.")
    var iplDeck: String?

    @Option(name: .customLong("maclib"), help: "Directory of library macros and COPY members. Repeatable.")
    var macroLibraries: [String] = []

    @Option(help: "Source dialect: hlasm (fixed columns) or asma (SATK ASMA: long lines, backslash continuation).")
    var dialect: String = "hlasm"

    @Option(help: "Disassemble this file of storage instead of assembling.")
    var disassemble: String?

    @Option(help: "Address (hex) of the first byte of the file to disassemble.")
    var origin: String = "0"

    @Option(help: "Machine model for disassembly: s370 or s360-67.")
    var model: String = "s370"

    @Option(name: .customLong("facility"), help: "Facility for disassembly (370ext). Repeatable.")
    var facilities: [String] = []

    func run() throws {
        if let disassemble {
            try runDisassembler(disassemble)
            return
        }
        guard let source else {
            throw ValidationError("expected a SOURCE file to assemble (or --disassemble FILE)")
        }
        guard let sourceDialect = Dialect(rawValue: dialect.lowercased()) else {
            throw ValidationError("unknown dialect '\(dialect)': use hlasm or asma")
        }
        let options = AssemblerOptions(dialect: sourceDialect, macroLibraries: macroLibraries)
        let assembly = Assembler.assemble(file: source, options: options)
        for diagnostic in assembly.diagnostics where diagnostic.severity >= .warning {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
        guard assembly.succeeded else { throw ExitCode(1) }
        if let listing { try write(Data(assembly.listing().utf8), to: listing) }
        if let core { try write(Data(assembly.coreImage), to: core) }
        if let object { try write(Data(assembly.objectDeck()), to: object) }
        if let iplDeck { try write(Data(assembly.iplDeck()), to: iplDeck) }
    }

    private func write(_ data: Data, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            FileHandle.standardError.write(Data("\(path): error: cannot write the file\n".utf8))
            throw ExitCode(1)
        }
    }

    private func runDisassembler(_ path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read '\(path)'")
        }
        guard let start = Int(origin.hasPrefix("0x") ? String(origin.dropFirst(2)) : origin, radix: 16) else {
            throw ValidationError("--origin \(origin): expected a hexadecimal address")
        }
        let architecture: Architectures
        switch model.lowercased() {
        case "s370": architecture = .s370
        case "s360-67": architecture = .s360_67
        default: throw ValidationError("unknown model '\(model)': use s370 or s360-67")
        }
        var facilitySet: Set<Facility> = []
        for f in facilities {
            guard f.lowercased() == "370ext" else { throw ValidationError("unknown facility '\(f)': known is 370ext") }
            facilitySet.insert(.ext370)
        }
        let lines = Disassembler.disassemble(bytes: [UInt8](data), address: start, architecture: architecture,
                                             facilities: facilitySet)
        // Long runs of zero bytes (unused storage) are shown as one line.
        var zeroRun: [DisassembledInstruction] = []
        func flushZeros() {
            if zeroRun.count > 2 {
                let bytes = zeroRun.reduce(0) { $0 + $1.length }
                print(zeroRun[0].text.prefix(8) + "  ... \(bytes) bytes of zeros")
            } else {
                zeroRun.forEach { print($0.text) }
            }
            zeroRun = []
        }
        for line in lines {
            if line.instruction == nil && line.bytes.allSatisfy({ $0 == 0 }) {
                zeroRun.append(line)
                continue
            }
            flushZeros()
            print(line.text)
        }
        flushZeros()
    }
}
