/// Expands a terminfo parameterised string (`cup`, `setaf`, …) the way
/// terminfo(5) defines its %-language: a small stack machine with nine
/// parameters, 52 variables, arithmetic, comparisons and %? %t %e %;
/// conditionals.
///
/// We expand the strings ourselves instead of calling ncurses' tparm: tparm
/// keeps static buffers and analysis caches, so calling it from many session
/// queues at once would need a process-wide lock around every cursor move.
public enum ParameterString {
    /// `template` with `parameters` (p1 … p9) substituted. Padding (`$<…>`)
    /// is dropped: SSH clients are not hardware terminals that need delays.
    public static func expand(_ template: [UInt8], _ parameters: [Int] = []) -> [UInt8] {
        var machine = Machine(template: template, parameters: parameters)
        machine.run()
        return machine.output
    }

    private enum Value {
        case number(Int)
        case string([UInt8])

        var number: Int {
            switch self {
            case .number(let n): return n
            case .string(let s): return s.isEmpty ? 0 : 1
            }
        }

        var bytes: [UInt8] {
            switch self {
            case .number(let n): return Array(String(n).utf8)
            case .string(let s): return s
            }
        }
    }

    private struct Machine {
        let template: [UInt8]
        var parameters: [Int]
        var output: [UInt8] = []
        var stack: [Value] = []
        var variables = [Int](repeating: 0, count: 52)
        var i = 0

        init(template: [UInt8], parameters: [Int]) {
            self.template = template
            self.parameters = parameters + [Int](repeating: 0, count: max(0, 9 - parameters.count))
        }

        mutating func pop() -> Value { stack.popLast() ?? .number(0) }
        mutating func popNumber() -> Int { pop().number }
        mutating func push(_ n: Int) { stack.append(.number(n)) }
        mutating func push(_ flag: Bool) { push(flag ? 1 : 0) }

        var atEnd: Bool { i >= template.count }
        mutating func next() -> UInt8 {
            defer { i += 1 }
            return atEnd ? 0 : template[i]
        }

        mutating func run() {
            while !atEnd {
                let byte = next()
                if byte == UInt8(ascii: "$"), !atEnd, template[i] == UInt8(ascii: "<") {
                    skipPadding()
                } else if byte == UInt8(ascii: "%") {
                    percent()
                } else {
                    output.append(byte)
                }
            }
        }

        /// `$<5>`, `$<2*/>`: a delay in milliseconds; never sent.
        mutating func skipPadding() {
            let start = i
            while !atEnd && template[i] != UInt8(ascii: ">") { i += 1 }
            if atEnd {
                // Not padding after all: keep the text as it was.
                output.append(UInt8(ascii: "$"))
                i = start
                return
            }
            i += 1
        }

        mutating func percent() {
            let code = next()
            switch code {
            case UInt8(ascii: "%"): output.append(code)
            case UInt8(ascii: "c"): output.append(UInt8(truncatingIfNeeded: popNumber()))
            case UInt8(ascii: "s"): output += pop().bytes
            case UInt8(ascii: "d"), UInt8(ascii: "o"), UInt8(ascii: "x"), UInt8(ascii: "X"):
                output += format(Format(conversion: code), popNumber())
            case UInt8(ascii: ":"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."),
                 UInt8(ascii: "#"), UInt8(ascii: " "):
                // A printf-style format: %[[:]flags][width[.precision]][doxXs]
                i -= 1
                let spec = parseFormat()
                if spec.conversion == UInt8(ascii: "s") {
                    output += pad(pop().bytes, spec)
                } else {
                    output += format(spec, popNumber())
                }
            case UInt8(ascii: "p"):
                let digit = Int(next()) - Int(UInt8(ascii: "1"))
                push((0..<9).contains(digit) ? parameters[digit] : 0)
            case UInt8(ascii: "P"):
                if let v = variableIndex(next()) { variables[v] = popNumber() }
            case UInt8(ascii: "g"):
                push(variableIndex(next()).map { variables[$0] } ?? 0)
            case UInt8(ascii: "'"):
                push(Int(next()))
                _ = next()   // the closing quote
            case UInt8(ascii: "{"):
                var n = 0
                while !atEnd && template[i] != UInt8(ascii: "}") {
                    n = n &* 10 &+ Int(template[i]) - Int(UInt8(ascii: "0"))
                    i += 1
                }
                i += 1
                push(n)
            case UInt8(ascii: "l"): push(pop().bytes.count)
            case UInt8(ascii: "+"): binary { $0 &+ $1 }
            case UInt8(ascii: "-"): binary { $0 &- $1 }
            case UInt8(ascii: "*"): binary { $0 &* $1 }
            case UInt8(ascii: "/"): binary { $1 == 0 ? 0 : $0 / $1 }
            case UInt8(ascii: "m"): binary { $1 == 0 ? 0 : $0 % $1 }
            case UInt8(ascii: "&"): binary { $0 & $1 }
            case UInt8(ascii: "|"): binary { $0 | $1 }
            case UInt8(ascii: "^"): binary { $0 ^ $1 }
            case UInt8(ascii: "="): binary { $0 == $1 ? 1 : 0 }
            case UInt8(ascii: ">"): binary { $0 > $1 ? 1 : 0 }
            case UInt8(ascii: "<"): binary { $0 < $1 ? 1 : 0 }
            case UInt8(ascii: "A"): binary { ($0 != 0 && $1 != 0) ? 1 : 0 }
            case UInt8(ascii: "O"): binary { ($0 != 0 || $1 != 0) ? 1 : 0 }
            case UInt8(ascii: "!"): push(popNumber() == 0)
            case UInt8(ascii: "~"): push(~popNumber())
            case UInt8(ascii: "i"):
                // Rows and columns count from 1 on most terminals.
                parameters[0] += 1
                parameters[1] += 1
            case UInt8(ascii: "?"), UInt8(ascii: ";"): break
            case UInt8(ascii: "t"):
                if popNumber() == 0 { skipToElse() }
            case UInt8(ascii: "e"):
                // The "then" part ran: skip the rest of the conditional.
                skipToEnd()
            default: break   // unknown code: ignore, as ncurses does
            }
        }

        mutating func binary(_ op: (Int, Int) -> Int) {
            let b = popNumber(), a = popNumber()
            push(op(a, b))
        }

        func variableIndex(_ name: UInt8) -> Int? {
            switch name {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(name - UInt8(ascii: "a"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): return 26 + Int(name - UInt8(ascii: "A"))
            default: return nil
            }
        }

        /// After a false %t: on to just after the matching %e (or to %;),
        /// stepping over nested conditionals.
        mutating func skipToElse() {
            var depth = 0
            while !atEnd {
                guard next() == UInt8(ascii: "%") else { continue }
                let code = next()
                if code == UInt8(ascii: "?") { depth += 1 }
                else if code == UInt8(ascii: ";") {
                    if depth == 0 { return }
                    depth -= 1
                } else if code == UInt8(ascii: "e") && depth == 0 { return }
            }
        }

        /// After a taken branch: on to just after the matching %;.
        mutating func skipToEnd() {
            var depth = 0
            while !atEnd {
                guard next() == UInt8(ascii: "%") else { continue }
                let code = next()
                if code == UInt8(ascii: "?") { depth += 1 }
                else if code == UInt8(ascii: ";") {
                    if depth == 0 { return }
                    depth -= 1
                }
            }
        }

        struct Format {
            var leftAlign = false, plus = false, space = false, alternate = false, zero = false
            var width = 0
            var precision: Int?
            var conversion: UInt8
        }

        mutating func parseFormat() -> Format {
            var spec = Format(conversion: UInt8(ascii: "d"))
            if !atEnd && template[i] == UInt8(ascii: ":") { i += 1 }
            flags: while !atEnd {
                switch template[i] {
                case UInt8(ascii: "-"): spec.leftAlign = true
                case UInt8(ascii: "+"): spec.plus = true
                case UInt8(ascii: " "): spec.space = true
                case UInt8(ascii: "#"): spec.alternate = true
                case UInt8(ascii: "0"): spec.zero = true
                default: break flags
                }
                i += 1
            }
            while !atEnd, let d = digit(template[i]) { spec.width = spec.width * 10 + d; i += 1 }
            if !atEnd && template[i] == UInt8(ascii: ".") {
                i += 1
                var p = 0
                while !atEnd, let d = digit(template[i]) { p = p * 10 + d; i += 1 }
                spec.precision = p
            }
            spec.conversion = next()
            return spec
        }

        func digit(_ byte: UInt8) -> Int? {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
        }

        func format(_ spec: Format, _ value: Int) -> [UInt8] {
            let radix: Int, uppercase: Bool
            switch spec.conversion {
            case UInt8(ascii: "o"): (radix, uppercase) = (8, false)
            case UInt8(ascii: "x"): (radix, uppercase) = (16, false)
            case UInt8(ascii: "X"): (radix, uppercase) = (16, true)
            default: (radix, uppercase) = (10, false)
            }
            var digits = Array(String(value.magnitude, radix: radix, uppercase: uppercase).utf8)
            if let p = spec.precision, digits.count < p {
                digits = [UInt8](repeating: UInt8(ascii: "0"), count: p - digits.count) + digits
            }
            var sign: [UInt8] = []
            if value < 0 { sign = [UInt8(ascii: "-")] }
            else if spec.plus && radix == 10 { sign = [UInt8(ascii: "+")] }
            else if spec.space && radix == 10 { sign = [UInt8(ascii: " ")] }
            if spec.alternate && value != 0 {
                if radix == 8 { sign += [UInt8(ascii: "0")] }
                if radix == 16 { sign += Array((uppercase ? "0X" : "0x").utf8) }
            }
            let length = sign.count + digits.count
            if spec.zero && !spec.leftAlign && spec.precision == nil && length < spec.width {
                return sign + [UInt8](repeating: UInt8(ascii: "0"), count: spec.width - length) + digits
            }
            return pad(sign + digits, spec)
        }

        func pad(_ text: [UInt8], _ spec: Format) -> [UInt8] {
            var text = text
            if spec.conversion == UInt8(ascii: "s"), let p = spec.precision, text.count > p { text = Array(text.prefix(p)) }
            guard text.count < spec.width else { return text }
            let fill = [UInt8](repeating: UInt8(ascii: " "), count: spec.width - text.count)
            return spec.leftAlign ? text + fill : fill + text
        }
    }
}
