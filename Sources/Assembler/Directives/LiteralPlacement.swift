/// LTORG and the literal pool at END: literals are sized, grouped by
/// alignment and given addresses; each becomes a statement of its own in
/// the listing.
extension AssemblyEngine {
    func placeLiteralPool(at position: SourcePosition) {
        let index = currentPool
        guard !pools[index].isEmpty else { return }
        let section = ensureSection(at: position)
        // Size every literal.
        var sizes: [ConstantLayout?] = []
        for entry in pools[index].entries {
            let ctx = EvaluationContext(location: entry.userLocation ?? locationValue, statement: entry.firstUse, pool: index)
            do {
                let size = try constantSize(entry.reference.constant, ctx)
                guard size.size <= Self.storageLimit else {
                    throw AssemblyError("the literal \(entry.reference.key) is larger than 16 MB", at: 0)
                }
                sizes.append(size)
            } catch let e as AssemblyError {
                if let record = records.last { report(e, statement: record.statement, number: record.number) }
                sizes.append(nil)
            } catch { sizes.append(nil) }
        }
        // Group: literals that need doubleword, fullword, halfword alignment
        // first, in order of appearance within each group.
        func group(of i: Int) -> Int {
            guard let size = sizes[i] else { return 1 }
            switch options.dialect {
            case .asma:
                // ASMA groups by the length attribute: exactly 16, 8, 4 or 2.
                let length = size.lengths.first ?? 1
                return [16, 8, 4, 2].contains(length) ? length : 1
            case .hlasm:
                // HLASM groups by the total length's alignment.
                let total = size.size
                for g in [16, 8, 4, 2] where total > 0 && total % g == 0 { return g }
                return 1
            }
        }
        let groups = [16, 8, 4, 2, 1]
        let present = groups.filter { g in sizes.indices.contains { group(of: $0) == g } }
        // HLASM starts every pool on a doubleword (its section alignment);
        // ASMA on the alignment of its largest group.
        let poolAlignment = options.dialect == .hlasm ? 8 : (present.first ?? 1)
        align(to: poolAlignment)
        for g in groups {
            for i in sizes.indices where group(of: i) == g {
                guard var size = sizes[i] else { continue }
                let entry = pools[index].entries[i]
                // An odd-length literal that a relative branch or LARL refers
                // to must still be on a halfword (as HLASM does since PH34824).
                if g == 1 && entry.referencedRelatively { align(to: 2) }
                size.offset = locationCounter
                pools[index].update(i) {
                    $0.section = section
                    $0.offset = size.offset
                    $0.length = size.size
                    $0.lengthAttribute = size.lengths.first ?? 1
                }
                var statement = Statement.generated(label: "", operation: "", operands: entry.reference.key,
                                                    at: position, depth: 0, macro: nil)
                statement.listingLines = [String(repeating: " ", count: 15) + entry.reference.key]
                var record = StatementRecord(statement: statement, number: records.count + 1, section: section,
                                             location: size.offset, length: size.size, pool: index, print: print)
                record.showsLocation = true
                record.action = .literal(pool: index, entry: i)
                records.append(record)
                locationCounter += size.size
            }
        }
        pools[index].isPlaced = true
        pools.append(LiteralPool())
        currentPool = pools.count - 1
    }

    /// At END, literals not yet in a pool go to the end of the first control section.
    func finishLiteralsAtEnd(position: SourcePosition) {
        guard !pools[currentPool].isEmpty else { return }
        let saved = currentSection
        if let first = sections.firstIndex(where: { $0.isControl }) {
            currentSection = first
            sections[first].locationCounter = sections[first].highWater
        }
        placeLiteralPool(at: position)
        currentSection = saved
    }

    /// Pass 2 for one literal: generated like a DC operand, with `*` meaning
    /// the location of the statement that used the literal.
    func generateLiteral(_ record: inout StatementRecord, pool: Int, entry: Int) throws {
        let item = pools[pool].entries[entry]
        guard let section = item.section else { return }
        var ctx = EvaluationContext(location: item.userLocation ?? .relocatable(item.offset, in: section),
                                    statement: item.firstUse, pool: pool)
        ctx.locationLength = 1
        var size = try constantSize(item.reference.constant, ctx)
        size.offset = item.offset
        try generateConstants(&record, operands: [item.reference.constant], layout: [size], starLocation: item.userLocation)
    }
}
