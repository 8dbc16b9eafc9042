import Assembler
import Devices
import Foundation
import Media
import S370Core
import S370Spec

/// The bare machine's operator commands (Hercules-style names):
///
///     ipl ADDR [clear] | iplc ADDR     load from a device
///     start | stop | restart            CPU controls
///     psw [NEW]                         display or load the PSW (16 hex digits)
///     gpr [N=HEX] | cr [N=HEX] | fpr    registers
///     r ADDR[.LEN|-END] | r ADDR=HEX    display or alter storage (hex)
///     u ADDR[.LEN]                      disassemble storage
///     attach ADDR TYPE [ARGS]           add a device
///     detach ADDR                       remove a device
///     devinit ADDR FILE [ARGS]          mount media on a device
///     devlist                           list devices
///     attn ADDR | cancel ADDR           console REQUEST and CANCEL keys
///     /TEXT                             a line for the console
///     t+ADDR | t-ADDR                   CCW trace on/off for a device
///     screen ADDR | key ADDR NAME | type ADDR TEXT   3270 display
///     help                              this list
extension BareMachine {
    /// Runs one operator command; returns the response lines.
    public func command(_ line: String) -> [String] {
        let text = line.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return [] }
        if text.hasPrefix("/") {
            guard let console = perform({ $0.defaultConsole }) else { return ["no console device"] }
            console.enter(String(text.dropFirst()))
            return []
        }
        let words = text.split(separator: " ").map(String.init)
        let verb = words[0].lowercased()
        let args = Array(words.dropFirst())
        switch verb {
        case "help", "?":
            return Self.helpText
        case "ipl", "iplc":
            guard let address = args.first.flatMap({ UInt16($0, radix: 16) }) else { return ["usage: ipl ADDR [clear]"] }
            let clear = verb == "iplc" || args.dropFirst().contains { $0.lowercased() == "clear" }
            return [perform { $0.ipl(from: address, clear: clear) }]
        case "start":
            perform { $0.start() }
            return []
        case "stop":
            perform { $0.stop() }
            return ["CPU stopped, PSW \(hex16(perform { $0.machine.psw }))"]
        case "restart":
            perform { $0.restart() }
            return []
        case "psw":
            if let value = args.first {
                guard let psw = UInt64(value.replacingOccurrences(of: "_", with: ""), radix: 16) else {
                    return ["usage: psw [16 hex digits]"]
                }
                perform { $0.machine.loadPSW(psw) }
            }
            return ["PSW=\(hex16(perform { $0.machine.psw }))"]
        case "gpr", "cr":
            if let assignment = args.first, let eq = assignment.firstIndex(of: "=") {
                guard let n = Int(assignment[..<eq]), (0..<16).contains(n),
                      let v = UInt32(assignment[assignment.index(after: eq)...], radix: 16) else {
                    return ["usage: \(verb) N=HEX"]
                }
                perform { m in verb == "gpr" ? m.machine.setGPR(n, v) : m.machine.setCR(n, v) }
            }
            let values = perform { m in (0..<16).map { verb == "gpr" ? m.machine.gpr($0) : m.machine.cr($0) } }
            let name = verb == "gpr" ? "GR" : "CR"
            return stride(from: 0, to: 16, by: 4).map { row in
                (row..<row + 4).map { "\(name)\(String(format: "%02d", $0))=\(String(format: "%08X", values[$0]))" }
                    .joined(separator: "  ")
            }
        case "fpr":
            let values = perform { m in [0, 2, 4, 6].map { m.machine.fpr($0) } }
            return [0, 2, 4, 6].enumerated().map { i, n in String(format: "FPR%d=%016llX", n, values[i]) }
        case "r":
            return storageCommand(args.joined())
        case "u":
            return disassemble(args.joined())
        case "attach":
            guard args.count >= 2, let address = UInt16(args[0], radix: 16) else { return ["usage: attach ADDR TYPE [ARGS]"] }
            let type = args[1], rest = Array(args.dropFirst(2))
            return perform { m in
                do {
                    try m.attach(type: type, at: address, arguments: rest)
                    return ["device \(hex4(address)) attached"]
                } catch {
                    return ["attach \(hex4(address)) failed: \(error)"]
                }
            }
        case "detach":
            guard let address = args.first.flatMap({ UInt16($0, radix: 16) }) else { return ["usage: detach ADDR"] }
            perform { m in
                m.flushDevices([address])
                m.io.channels.detach(address)
                m.attachedTypes[address] = nil
            }
            return ["device \(hex4(address)) detached"]
        case "devinit":
            guard args.count >= 2, let address = UInt16(args[0], radix: 16) else { return ["usage: devinit ADDR FILE [ARGS]"] }
            let rest = Array(args.dropFirst())
            return perform { m in m.mount(address, rest) }
        case "devlist":
            return perform { m in
                m.io.channels.addresses.map { a in
                    let d = m.io.channels.device(at: a)!
                    let line = "\(hex4(a)) \(String(d.deviceType, radix: 16, uppercase: true))"
                    if let drive = d as? Tape3420 { return line + " " + drive.status }
                    return line
                }
            }
        case "attn", "cancel":
            guard let address = args.first.flatMap({ UInt16($0, radix: 16) }) else { return ["usage: \(verb) ADDR"] }
            guard let console = perform({ $0.console(at: address) }) else { return ["\(hex4(address)) is not a console"] }
            if verb == "attn" { console.requestAttention() } else { console.cancel() }
            return []
        default:
            if let response = displayCommand(verb, args) { return response }
            if verb.hasPrefix("t+") || verb.hasPrefix("t-"), let address = UInt16(verb.dropFirst(2), radix: 16) {
                let on = verb.hasPrefix("t+")
                let say = message
                perform { m in
                    m.io.channels.trace = on ? { device, text in
                        if device == address { say("CCW \(hex4(device)) \(text)") }
                    } : nil
                }
                return ["CCW trace \(on ? "on" : "off") for \(hex4(address))"]
            }
            return ["unknown command '\(words[0])'; type help"]
        }
    }

    static let helpText = [
        "ipl ADDR [clear] | iplc ADDR      load from a device",
        "start | stop | restart            CPU controls",
        "psw [NEW] | gpr [N=HEX] | cr [N=HEX] | fpr",
        "r ADDR[.LEN|-END] | r ADDR=HEX    display or alter storage (hex)",
        "u ADDR[.LEN]                      disassemble",
        "attach ADDR TYPE [ARGS] | detach ADDR | devinit ADDR FILE [ARGS] | devlist",
        "attn ADDR | cancel ADDR | /TEXT   console keys and input",
        "t+ADDR | t-ADDR                   CCW trace",
        "screen ADDR | key ADDR NAME | type ADDR TEXT   3270 display: show, press ENTER/CLEAR/PAn/PFn, type",
    ]

    /// Mounts a new medium: a card deck on a reader, a reel on a tape
    /// drive, or re-attaches other devices with new arguments.
    func mount(_ address: UInt16, _ args: [String]) -> [String] {
        guard let device = io.channels.device(at: address) else { return ["device \(hex4(address)) not found"] }
        let arguments = DeviceArguments(args, baseDirectory: configuration.baseDirectory)
        if let reader = device as? CardReader {
            do {
                guard let file = arguments.file else { return ["devinit \(hex4(address)): no file named"] }
                let deck = try CardDeck.load(path: file, format: arguments.flag("ascii") ? .ascii : .ebcdic,
                                             codePage: try arguments.codePage)
                reader.load(deck, endOfFile: arguments.flag("eof"))
                return ["\(deck.cards.count) cards loaded on \(hex4(address))"]
            } catch {
                return ["devinit \(hex4(address)) failed: \(error)"]
            }
        }
        if let drive = device as? Tape3420 {
            return mountTape(drive, address, arguments)
        }
        guard let type = attachedTypes[address]
                ?? DeviceCatalog.entries.first(where: { $0.typeCode == device.deviceType })?.name else {
            return ["devinit \(hex4(address)): device type unknown"]
        }
        do {
            try attach(type: type, at: address, arguments: args)
            return ["\(hex4(address)) reinitialised"]
        } catch {
            return ["devinit \(hex4(address)) failed: \(error)"]
        }
    }

    /// Mounts a reel on a tape drive without touching its position or
    /// status otherwise: the drive becomes ready and says so with device
    /// end. `devinit ADDR *` unloads it.
    func mountTape(_ drive: Tape3420, _ address: UInt16, _ arguments: DeviceArguments) -> [String] {
        do {
            guard let reel = try TapeMount.medium(arguments) else {
                try drive.unload()
                return ["\(hex4(address)) unloaded"]
            }
            drive.mount(reel)
            return ["\(hex4(address)) mounted \(drive.status)"]
        } catch {
            return ["devinit \(hex4(address)) failed: \(error)"]
        }
    }

    func storageCommand(_ text: String) -> [String] {
        if let eq = text.firstIndex(of: "=") {
            guard let address = UInt32(text[..<eq], radix: 16) else { return ["usage: r ADDR=HEX"] }
            let hex = text[text.index(after: eq)...].filter { !$0.isWhitespace }
            guard hex.count % 2 == 0, let bytes = hexBytes(String(hex)) else { return ["r: '\(hex)' is not hex bytes"] }
            return perform { m in
                guard m.machine.storage.contains(address, count: bytes.count) else { return ["r: outside storage"] }
                m.machine.storage.write(address, bytes)
                return m.dump(address, bytes.count)
            }
        }
        var address: UInt32 = 0, length = 16
        if let dot = text.firstIndex(of: ".") {
            address = UInt32(text[..<dot], radix: 16) ?? 0
            length = Int(text[text.index(after: dot)...], radix: 16) ?? 16
        } else if let dash = text.firstIndex(of: "-") {
            address = UInt32(text[..<dash], radix: 16) ?? 0
            length = Int(UInt32(text[text.index(after: dash)...], radix: 16) ?? address) - Int(address) + 1
        } else if let a = UInt32(text, radix: 16) {
            address = a
        } else {
            return ["usage: r ADDR[.LEN|-END]"]
        }
        let start = address, count = max(1, min(length, 4096))
        return perform { $0.dump(start, count) }
    }

    /// Storage lines in the Hercules layout: "R:ADDRESS:K:KEY=hex  text".
    func dump(_ address: UInt32, _ length: Int) -> [String] {
        let s = machine.storage
        var lines: [String] = []
        var a = address & ~0xF
        let end = Int(address) + length
        while Int(a) < end && s.contains(a, count: 16) {
            let bytes = s.read(a, count: 16)
            let words = stride(from: 0, to: 16, by: 4).map { i in bytes[i..<i + 4].map { String(format: "%02X", $0) }.joined() }
            let text = CodePage.cp037.string(bytes).map { $0.isLetter || $0.isNumber || $0 == " " ? $0 : "." }
            lines.append(String(format: "R:%08X:K:%02X=", a, s.key(at: a)) + words.joined(separator: " ") + "  " + String(text))
            a += 16
        }
        return lines.isEmpty ? ["r: outside storage"] : lines
    }

    func disassemble(_ text: String) -> [String] {
        let parts = text.split(separator: ".")
        guard let address = parts.first.flatMap({ UInt32($0, radix: 16) }) else { return ["usage: u ADDR[.LEN]"] }
        let length = parts.count > 1 ? Int(parts[1], radix: 16) ?? 32 : 32
        return perform { m in
            let s = m.machine.storage
            let n = max(0, min(length, s.size - Int(address)))
            let bytes = s.read(address, count: n)
            let architecture: Architectures = m.machine.model == .s370 ? .s370 : .s360_67
            let facilities: Set<Facility> = m.machine.facilities.contains(.ext370) ? [.ext370] : []
            return Disassembler.disassemble(bytes: bytes, address: Int(address), architecture: architecture,
                                            facilities: facilities).map(\.text)
        }
    }

    private func hexBytes(_ hex: String) -> [UInt8]? {
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            guard let b = UInt8(hex[i..<j], radix: 16) else { return nil }
            out.append(b)
            i = j
        }
        return out
    }
}
