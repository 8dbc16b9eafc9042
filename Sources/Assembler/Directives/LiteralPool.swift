/// Literals collected since the last LTORG, waiting to be placed.
struct LiteralPool: Sendable {
    struct Entry: Sendable {
        var reference: LiteralReference
        /// Statement number of the first use.
        var firstUse: Int
        /// For a literal with `*`: the location of the statement that used it.
        var userLocation: Value?
        /// Used by a relative-address operand (LARL): it must start on a halfword.
        var referencedRelatively = false
        /// Where the literal was placed (section and offset), once it is.
        var section: Int?
        var offset: Int = 0
        /// Total length and length attribute, known when placed.
        var length: Int = 0
        var lengthAttribute: Int = 1
    }

    private(set) var entries: [Entry] = []
    private var byKey: [String: Int] = [:]
    var isPlaced = false

    var isEmpty: Bool { entries.isEmpty }

    /// The pool key of a literal used by a statement: shared literals are
    /// keyed by their text, literals with `*` by text and statement.
    static func key(_ reference: LiteralReference, statement: Int) -> String {
        reference.isUnique ? "\(reference.key)#\(statement)" : reference.key
    }

    mutating func add(_ reference: LiteralReference, statement: Int, location: Value, relative: Bool = false) {
        let key = Self.key(reference, statement: statement)
        if let existing = byKey[key] {
            if relative { entries[existing].referencedRelatively = true }
            return
        }
        byKey[key] = entries.count
        entries.append(Entry(reference: reference, firstUse: statement,
                             userLocation: reference.isUnique ? location : nil, referencedRelatively: relative))
    }

    func entry(for reference: LiteralReference, statement: Int) -> Entry? {
        byKey[Self.key(reference, statement: statement)].map { entries[$0] }
    }

    mutating func update(_ index: Int, _ body: (inout Entry) -> Void) { body(&entries[index]) }
}
