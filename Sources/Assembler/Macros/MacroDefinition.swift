/// A macro: its prototype (name, name-field parameter, positional and
/// keyword parameters) and the model statements of its body.
struct MacroDefinition: Sendable {
    var name: String
    /// The parameter in the prototype's name field (`&LABEL`), if any.
    var nameParameter: String?
    var positional: [String]
    /// Keyword parameters with their default values.
    var keywords: [(name: String, defaultValue: String)]
    var body: [Statement]
    /// Sequence symbols (`.LOOP`) and the body index they label.
    var sequenceSymbols: [String: Int]
    var definedAt: SourcePosition

    /// Builds a definition from its prototype statement and body.
    static func make(prototype: Statement, body: [Statement]) throws -> MacroDefinition {
        let name = prototype.opcode
        guard !name.isEmpty, !name.hasPrefix("&") else {
            throw AssemblyError("expected the macro name in the operation field of the prototype", in: .operation)
        }
        var nameParameter: String?
        if !prototype.label.isEmpty {
            guard prototype.label.hasPrefix("&") else {
                throw AssemblyError("expected a variable symbol (&NAME) in the name field of the prototype", in: .label)
            }
            nameParameter = String(prototype.label.dropFirst()).uppercased()
        }
        var positional: [String] = []
        var keywords: [(String, String)] = []
        for piece in OperandSplitter.split(prototype.operands) where !piece.isEmpty {
            let text = String(piece.text)
            guard text.hasPrefix("&") else {
                throw AssemblyError("expected a parameter such as &P or &K=default, found '\(text)'", at: piece.offset)
            }
            if let eq = text.firstIndex(of: "=") {
                let key = String(text[text.index(after: text.startIndex)..<eq]).uppercased()
                keywords.append((key, String(text[text.index(after: eq)...])))
            } else {
                positional.append(String(text.dropFirst()).uppercased())
            }
        }
        var sequence: [String: Int] = [:]
        for (i, statement) in body.enumerated() where statement.label.hasPrefix(".") {
            sequence[statement.label.uppercased()] = i
        }
        return MacroDefinition(name: name, nameParameter: nameParameter, positional: positional,
                               keywords: keywords, body: body, sequenceSymbols: sequence,
                               definedAt: prototype.operationPosition)
    }
}
