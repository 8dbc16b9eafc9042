/// Identifies what a relocatable value is relative to: a control section, a
/// dummy section or an external symbol (all kept in the section table).
typealias RelocationID = Int

/// The value of an assembler expression: a number plus, for addresses, the
/// sections it is relative to. `A - B` of two addresses in one section has no
/// relocation left (absolute); `A + B` has two (complexly relocatable), which
/// only address constants may hold.
struct Value: Sendable, Hashable {
    var number: Int
    /// Relocation counts per section, never zero; kept sorted by id.
    private(set) var relocations: [Relocation] = []

    struct Relocation: Sendable, Hashable {
        var id: RelocationID
        var count: Int
    }

    static func absolute(_ number: Int) -> Value { Value(number: number) }

    static func relocatable(_ number: Int, in id: RelocationID) -> Value {
        Value(number: number, relocations: [Relocation(id: id, count: 1)])
    }

    var isAbsolute: Bool { relocations.isEmpty }

    /// The section of a simply relocatable value (one section, count +1).
    var simpleRelocation: RelocationID? {
        relocations.count == 1 && relocations[0].count == 1 ? relocations[0].id : nil
    }

    var isSimplyRelocatable: Bool { simpleRelocation != nil }

    static func + (a: Value, b: Value) -> Value {
        var result = Value(number: wrap32(a.number &+ b.number), relocations: a.relocations)
        for r in b.relocations { result.addRelocation(r.id, r.count) }
        return result
    }

    static func - (a: Value, b: Value) -> Value { a + (-b) }

    static prefix func - (a: Value) -> Value {
        Value(number: wrap32(0 &- a.number), relocations: a.relocations.map { Relocation(id: $0.id, count: -$0.count) })
    }

    private mutating func addRelocation(_ id: RelocationID, _ count: Int) {
        if let i = relocations.firstIndex(where: { $0.id == id }) {
            relocations[i].count += count
            if relocations[i].count == 0 { relocations.remove(at: i) }
        } else {
            relocations.append(Relocation(id: id, count: count))
            relocations.sort { $0.id < $1.id }
        }
    }

    /// Keeps numbers in the 32-bit signed range the assembler works in.
    static func wrap32(_ v: Int) -> Int { Int(Int32(truncatingIfNeeded: v)) }
}
