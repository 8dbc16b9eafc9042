/// What the assembler knows about an ordinary symbol.
struct SymbolDefinition: Sendable {
    var value: Value
    /// The length attribute (L').
    var length: Int
    /// The type attribute (T'): 'I' instruction, 'C' 'F' … constant type,
    /// 'J' section name, 'U' for EQU without a type.
    var type: Character
    var definedAt: SourcePosition
    /// Listing statement number of the definition.
    var statement: Int
}

/// Ordinary symbols of one assembly (names are upper case).
struct SymbolTable: Sendable {
    private(set) var definitions: [String: SymbolDefinition] = [:]
    /// Statements that used each symbol, for the cross-reference.
    private(set) var references: [String: [Int]] = [:]

    subscript(name: String) -> SymbolDefinition? { definitions[name] }

    func isDefined(_ name: String) -> Bool { definitions[name] != nil }

    /// Defines a symbol; returns the earlier definition when it already exists.
    mutating func define(_ name: String, _ definition: SymbolDefinition) -> SymbolDefinition? {
        if let old = definitions[name] { return old }
        definitions[name] = definition
        return nil
    }

    /// Changes a symbol defined earlier (used when a deferred EQU is resolved).
    mutating func redefine(_ name: String, _ definition: SymbolDefinition) {
        definitions[name] = definition
    }

    mutating func noteReference(_ name: String, statement: Int) {
        if references[name]?.last != statement { references[name, default: []].append(statement) }
    }

    var sortedNames: [String] { definitions.keys.sorted() }
}
