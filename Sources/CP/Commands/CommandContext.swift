/// Where a command came from: it decides where its output goes.
enum CommandSource: Equatable {
    /// Typed at the console (CP READ, #CP, a PF key).
    case console
    /// The directory's IPL at logon.
    case logon
    /// DIAGNOSE X'08' without a response buffer: output to the console.
    case diagnose
    /// DIAGNOSE X'08' with a response buffer: output captured.
    case diagnoseBuffer
    /// A command from outside a session (`ssh user@host 'QUERY NAMES'`):
    /// output captured for the caller.
    case remote
}

/// One command being run: its operands, the VM it runs for, its output.
struct CommandContext {
    let vm: VirtualMachine
    var cp: ControlProgram { vm.cp }
    let verb: String
    /// Operands, upper-cased.
    let words: [String]
    /// The operand text as typed (for message texts).
    let text: String
    let source: CommandSource
    private(set) var output: [String] = []

    init(vm: VirtualMachine, verb: String, text: String, source: CommandSource) {
        self.vm = vm
        self.verb = verb
        self.text = text
        self.words = text.split(separator: " ").map { $0.uppercased() }
        self.source = source
    }

    mutating func say(_ line: String) { output.append(line) }
    mutating func say(_ lines: [String]) { output += lines }

    /// Reports an error message (as SET EMSG asks) and returns its number,
    /// the command's return code.
    mutating func fail(_ message: CPMessage) -> Int {
        if let line = message.line(vm.settings.emsg) { output.append(line) }
        return message.number
    }

    /// Operand `i`, or nil.
    func word(_ i: Int) -> String? { i < words.count ? words[i] : nil }

    /// The operand text after the first `n` words, as typed.
    func rest(after n: Int) -> String {
        var remaining = Substring(text)
        for _ in 0..<n {
            remaining = remaining.drop { $0 == " " }
            remaining = remaining.drop { $0 != " " }
        }
        return String(remaining.drop { $0 == " " })
    }
}

/// Parses a virtual device address (1–3 hex digits).
func parseAddress(_ word: String?) -> UInt16? {
    guard let word, !word.isEmpty, word.count <= 4, let a = UInt16(word, radix: 16), a <= 0xFFF else { return nil }
    return a
}
