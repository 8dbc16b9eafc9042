import Assembler
import Media
import S370Core
import S370Spec

/// DISPLAY and STORE: the VM's storage (hex, with EBCDIC, keys, or as
/// instructions), registers, control registers, PSW, CSW and CAW.
enum DisplayStore {
    static func display(_ c: inout CommandContext) -> Int {
        guard !c.words.isEmpty else { return c.fail(Messages.operandMissing) }
        for word in c.words {
            let rc = displayOne(&c, word)
            if rc != 0 { return rc }
        }
        return 0
    }

    static func displayOne(_ c: inout CommandContext, _ word: String) -> Int {
        let m = c.vm.machine
        switch word {
        case "PSW":
            c.say("PSW = \(c.vm.pswText)")
            return 0
        case "CSW":
            let csw = m.storage.load64(0x40)
            c.say("CSW = \(hex8(UInt32(csw >> 32))) \(hex8(UInt32(truncatingIfNeeded: csw)))")
            return 0
        case "CAW":
            c.say("CAW = \(hex8(m.storage.load32(0x48)))")
            return 0
        default: break
        }
        guard let first = word.first else { return c.fail(Messages.operandMissing) }
        switch first {
        case "G", "X":
            guard let range = registerRange(word.dropFirst()) else { return c.fail(Messages.invalidOperand(word)) }
            let name = first == "G" ? "GPR" : "CR "
            let values = (0..<16).map { first == "G" ? m.gpr($0) : m.cr($0) }
            c.say(registerLines(name, values, range))
            return 0
        case "Y":
            guard let range = registerRange(word.dropFirst()) else { return c.fail(Messages.invalidOperand(word)) }
            for r in [0, 2, 4, 6] where range.contains(r) {
                let v = m.fpr(r)
                c.say("FPR \(r) = \(hex8(UInt32(v >> 32))) \(hex8(UInt32(truncatingIfNeeded: v)))")
            }
            return 0
        case "K", "T", "I", "L":
            return storage(&c, word.dropFirst(), mode: first)
        default:
            return storage(&c, Substring(word), mode: "L")
        }
    }

    /// "", "5", "2-7" → register numbers.
    static func registerRange(_ text: Substring) -> ClosedRange<Int>? {
        if text.isEmpty { return 0...15 }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let a = registerNumber(parts[0]) else { return nil }
        if parts.count == 1 { return a...a }
        guard parts.count == 2, let b = registerNumber(parts[1]), b >= a else { return nil }
        return a...b
    }

    /// A register number: decimal 0–15, or one hex digit (A–F).
    static func registerNumber(_ text: Substring) -> Int? {
        if let n = Int(text), (0...15).contains(n) { return n }
        if text.count == 1, let n = Int(text, radix: 16) { return n }
        return nil
    }

    static func registerLines(_ name: String, _ values: [UInt32], _ range: ClosedRange<Int>) -> [String] {
        var lines: [String] = []
        var r = range.lowerBound
        while r <= range.upperBound {
            let end = min(range.upperBound, (r / 4) * 4 + 3)
            let label = r < 10 ? " \(r)" : "\(r)"
            lines.append("\(name) \(label) = " + (r...end).map { hex8(values[$0]) }.joined(separator: " "))
            r = end + 1
        }
        return lines
    }

    /// `hexloc`, `hexloc-end`, `hexloc.len` → (start, length).
    static func storageRange(_ text: Substring, defaultLength: Int) -> (UInt32, Int)? {
        if let dot = text.firstIndex(of: ".") {
            guard let a = UInt32(text[..<dot], radix: 16), let n = Int(text[text.index(after: dot)...], radix: 16), n > 0 else { return nil }
            return (a, n)
        }
        if let dash = text.firstIndex(of: "-") {
            guard let a = UInt32(text[..<dash], radix: 16), let b = UInt32(text[text.index(after: dash)...], radix: 16), b >= a else { return nil }
            return (a, Int(b - a) + 1)
        }
        guard let a = UInt32(text, radix: 16) else { return nil }
        return (a, defaultLength)
    }

    static func storage(_ c: inout CommandContext, _ text: Substring, mode: Character) -> Int {
        let s = c.vm.machine.storage
        guard let (start, requested) = storageRange(text, defaultLength: mode == "I" ? 2 : 4) else {
            return c.fail(Messages.invalidHex(String(text)))
        }
        guard s.contains(start) else {
            return c.fail(CPMessage("CFC", 4, "E", "\(hex8(start)) EXCEEDS STORAGE"))
        }
        let length = min(requested, s.size - Int(start), 4096)
        switch mode {
        case "K":
            var block = start & ~0x7FF
            while Int(block) < Int(start) + length && s.contains(block) {
                let key = s.key(at: block) & 0xFE
                c.say("\(hex6(block)) TO \(hex6(block + 0x7FF)) KEY = \(hex2(key))")
                block += 0x800
            }
        case "I":
            let bytes = s.read(start, count: min(length + 6, s.size - Int(start)))
            var offset = 0
            while offset < length {
                let item = Disassembler.instruction(in: Array(bytes[offset...]), address: Int(start) + offset,
                                                    architecture: .s370, facilities: [.ext370])
                c.say(item.text)
                offset += max(item.length, 2)
            }
        default:
            // Whole fullwords from the start, four to a line.
            let first = Int(start) & ~3
            let end = min(s.size, (Int(start) + length + 3) & ~3)
            var line = first
            while line < end {
                let count = min(16, end - line)
                let bytes = s.read(UInt32(line), count: count)
                var text = hex6(UInt32(line)) + " "
                for w in 0..<(count / 4) {
                    text += " " + bytes[4 * w..<4 * w + 4].map(hex2).joined()
                }
                if mode == "T" {
                    text += String(repeating: " ", count: (16 - count) / 4 * 9)
                    let chars = bytes.map { b -> Character in
                        let latin = CodePage.cp037.toLatin1[Int(b)]
                        return latin >= 0x20 && latin < 0x7F ? Character(Unicode.Scalar(latin)) : "."
                    }
                    text += "  *" + String(chars) + String(repeating: " ", count: 16 - count) + "*"
                }
                c.say(text)
                line += 16
            }
        }
        return 0
    }

    static func store(_ c: inout CommandContext) -> Int {
        guard let target = c.word(0), c.words.count >= 2 else { return c.fail(Messages.operandMissing) }
        let m = c.vm.machine
        let values = c.words.dropFirst()
        if target == "PSW" {
            guard values.count == 2, let hi = UInt32(values.first!, radix: 16), let lo = UInt32(values.last!, radix: 16) else {
                return c.fail(Messages.invalidOperand(values.joined(separator: " ")))
            }
            m.loadPSW(UInt64(hi) << 32 | UInt64(lo))
            c.say("STORE COMPLETE")
            return 0
        }
        if let first = target.first, first == "G" || first == "X", let r = registerNumber(target.dropFirst()) {
            var reg = r
            for v in values {
                guard let value = UInt32(v, radix: 16), reg < 16 else { return c.fail(Messages.invalidOperand(v)) }
                if first == "G" { m.setGPR(reg, value) } else { m.setCR(reg, value) }
                reg += 1
            }
            c.say("STORE COMPLETE")
            return 0
        }
        let addressText = target.hasPrefix("L") ? target.dropFirst() : Substring(target)
        guard let address = UInt32(addressText, radix: 16) else { return c.fail(Messages.invalidHex(target)) }
        var bytes: [UInt8] = []
        for v in values {
            guard v.count % 2 == 0, v.count <= 8, let word = UInt32(v, radix: 16) else { return c.fail(Messages.invalidOperand(v)) }
            let n = v.count / 2
            for i in 0..<n { bytes.append(UInt8(truncatingIfNeeded: word >> UInt32(8 * (n - 1 - i)))) }
        }
        guard m.storage.contains(address, count: bytes.count) else {
            return c.fail(CPMessage("CFC", 4, "E", "\(hex8(address)) EXCEEDS STORAGE"))
        }
        m.storage.write(address, bytes)
        c.say("STORE COMPLETE")
        return 0
    }

    static func hex2(_ b: UInt8) -> String { b < 16 ? "0" + String(b, radix: 16, uppercase: true) : String(b, radix: 16, uppercase: true) }
    static func hex6(_ v: UInt32) -> String { let s = String(v, radix: 16, uppercase: true); return String(repeating: "0", count: max(0, 6 - s.count)) + s }
}
