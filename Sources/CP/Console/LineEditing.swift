/// VM/370 logical line editing: the line-end character splits one physical
/// line into several logical lines, the line-delete character drops what
/// came before it in the logical line, the character-delete character drops
/// the character before it, and the escape character makes the next
/// character literal. Defaults: # ¢ @ ".
public struct LineEditing: Sendable, Equatable {
    public var lineEnd: Character? = "#"
    public var lineDelete: Character? = "¢"
    public var characterDelete: Character? = "@"
    public var escape: Character? = "\""

    public init() {}

    /// A logical line, and whether a line-end character came right before it
    /// (so `#CP …` reaches CP whatever the console state).
    public struct Logical: Sendable, Equatable {
        public var text: String
        public var afterLineEnd: Bool
    }

    /// The logical lines of a physical line. A leading line-end character
    /// does not make an empty first line.
    public func split(_ physical: String) -> [Logical] {
        let lines = logicalLines(physical)
        var result: [Logical] = []
        for (i, line) in lines.enumerated() {
            if i == 0 && line.isEmpty && lines.count > 1 { continue }
            result.append(Logical(text: line, afterLineEnd: i > 0))
        }
        return result
    }

    /// The logical lines of a physical line.
    public func logicalLines(_ physical: String) -> [String] {
        var lines: [String] = []
        var current: [Character] = []
        var escaped = false
        for ch in physical {
            if escaped {
                current.append(ch)
                escaped = false
                continue
            }
            if let e = escape, ch == e {
                escaped = true
                continue
            }
            if let end = lineEnd, ch == end {
                lines.append(String(current))
                current = []
            } else if let delete = lineDelete, ch == delete {
                current = []
            } else if let delete = characterDelete, ch == delete {
                if !current.isEmpty { current.removeLast() }
            } else {
                current.append(ch)
            }
        }
        lines.append(String(current))
        return lines
    }
}
