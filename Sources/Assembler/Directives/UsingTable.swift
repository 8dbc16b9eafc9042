/// The base registers in effect (USING / DROP), and how an address is
/// turned into a base register and a 12-bit displacement.
struct UsingTable: Sendable {
    /// One register's USING: the register holds `base`.
    struct Entry: Sendable {
        var register: Int
        var base: Value
    }

    /// A dependent USING: addresses relative to `base` are reached through
    /// the address `anchor`, itself resolved by the other USINGs.
    struct DependentEntry: Sendable {
        var base: Value
        var anchor: Value
    }

    private(set) var entries: [Entry] = []
    private(set) var dependents: [DependentEntry] = []

    /// `USING base,r1,r2…`: r1 covers base…base+4095, r2 the next 4096 bytes…
    mutating func using(base: Value, registers: [Int]) {
        for (i, register) in registers.enumerated() {
            entries.removeAll { $0.register == register }
            entries.append(Entry(register: register, base: base + .absolute(4096 * i)))
        }
    }

    mutating func usingDependent(base: Value, anchor: Value) {
        dependents.removeAll { $0.base.relocations == base.relocations }
        dependents.append(DependentEntry(base: base, anchor: anchor))
    }

    mutating func drop(_ register: Int) -> Bool {
        let before = entries.count
        entries.removeAll { $0.register == register }
        return entries.count != before
    }

    mutating func dropAll() {
        entries.removeAll()
        dependents.removeAll()
    }

    /// The base register and displacement for an address, choosing, as
    /// HLASM does, the smallest displacement and on a tie the highest
    /// register. Returns nil when no USING covers the address.
    func resolve(_ address: Value, depth: Int = 0) -> (base: Int, displacement: Int)? {
        var best: (base: Int, displacement: Int)?
        for entry in entries where entry.base.relocations == address.relocations {
            let d = address.number - entry.base.number
            guard (0...4095).contains(d) else { continue }
            if best == nil || d < best!.displacement || (d == best!.displacement && entry.register > best!.base) {
                best = (entry.register, d)
            }
        }
        if best != nil || depth > 4 { return best }
        for dependent in dependents where dependent.base.relocations == address.relocations {
            let translated = dependent.anchor + .absolute(address.number - dependent.base.number)
            if let r = resolve(translated, depth: depth + 1) { return r }
        }
        return nil
    }

    var isEmpty: Bool { entries.isEmpty && dependents.isEmpty }
}
