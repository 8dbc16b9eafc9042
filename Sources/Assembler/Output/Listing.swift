/// The assembly listing: location, object code, effective addresses,
/// statement number and source for every statement, with its messages
/// right under it; then the symbols and a summary.
struct ListingWriter {
    let product: AssemblyProduct

    /// 8 hex digits when some address needs more than 24 bits, else 6.
    private var addressDigits: Int {
        let high = product.sections.filter(\.isControl).map { $0.origin + $0.highWater }.max() ?? 0
        return high > 0xFF_FFFF ? 8 : 6
    }

    func render() -> String {
        var out: [String] = []
        let digits = addressDigits
        let diagnosticsByStatement = Dictionary(grouping: product.diagnostics, by: \.statementNumber)
        var title = ""
        func heading() -> [String] {
            let text = "vm67 asm  " + title
            let columns = "  " + "LOC".padding(toLength: digits, withPad: " ") + "  OBJECT CODE      "
                + "ADDR1".padding(toLength: digits + 1, withPad: " ") + " " + "ADDR2".padding(toLength: digits + 1, withPad: " ")
                + "  STMT  SOURCE STATEMENT"
            return [text, "", columns, ""]
        }
        // The first TITLE names the listing from the start.
        if let firstTitle = product.records.first(where: { isDirective($0, .title) }) {
            title = titleText(firstTitle) ?? ""
        }
        out += heading()
        for record in product.records {
            let messages = diagnosticsByStatement[record.number] ?? []
            let visible = record.print.on && !record.statement.hiddenInListing
                && (record.statement.macroDepth == 0 || record.print.gen)
            if !visible && messages.isEmpty { continue }
            if isDirective(record, .eject) || (isDirective(record, .title) && record.number != firstTitleNumber) {
                if isDirective(record, .title) { title = titleText(record) ?? title }
                out.append("\u{0C}")
                out += heading()
                if messages.isEmpty { continue }
            }
            if isDirective(record, .space) && messages.isEmpty {
                let n = Int(record.statement.operandText.trimmingBlanks()) ?? 1
                out += [String](repeating: "", count: max(1, min(n, 60)))
                continue
            }
            out += lines(for: record, digits: digits)
            for m in messages {
                out.append("** \(m.severity.word.uppercased()) \(m.position): \(m.message)")
            }
        }
        out.append("")
        out += symbolTable(digits: digits)
        let errors = product.diagnostics.filter { $0.severity == .error }.count
        let warnings = product.diagnostics.filter { $0.severity == .warning }.count
        out.append("")
        out.append(errors == 0 && warnings == 0 ? "** NO ERRORS FOUND **"
                   : "** \(errors) ERROR\(errors == 1 ? "" : "S"), \(warnings) WARNING\(warnings == 1 ? "" : "S") **")
        return out.joined(separator: "\n") + "\n"
    }

    private var firstTitleNumber: Int? {
        product.records.first(where: { isDirective($0, .title) })?.number
    }

    private func isDirective(_ record: StatementRecord, _ directive: Directive) -> Bool {
        if case .directive(let d) = record.action { return d == directive }
        return false
    }

    private func titleText(_ record: StatementRecord) -> String? {
        var scanner = CharacterScanner(record.statement.operands)
        return scanner.readQuoted().map(SelfDefiningTerm.unescapeCharacterConstant)
    }

    private func address(_ record: StatementRecord, _ offset: Int) -> Int {
        guard let s = record.section, product.sections[s].isControl else { return offset }
        return product.sections[s].origin + offset
    }

    /// The object code of an instruction in its fields' groups (`D23F C276 C236`),
    /// of data in groups of four bytes.
    private func objectText(_ bytes: [UInt8], instruction: Bool) -> String {
        let hexBytes = bytes.map { hex(Int($0), digits: 2) }
        var groups: [String] = []
        let size = instruction ? 2 : 4
        var i = 0
        while i < hexBytes.count {
            groups.append(hexBytes[i..<min(i + size, hexBytes.count)].joined())
            i += size
        }
        return groups.joined(separator: " ")
    }

    private func lines(for record: StatementRecord, digits: Int) -> [String] {
        let isInstruction: Bool
        if case .instruction = record.action { isInstruction = true } else { isInstruction = false }
        let perLine = isInstruction ? 6 : 8
        let first = Array(record.objectCode.prefix(perLine))
        var location = ""
        if record.showsLocation { location = hex(address(record, record.location), digits: digits) }
        var addr1 = "", addr2 = ""
        if record.addresses.count == 1 { addr2 = hex(record.addresses[0], digits: digits) }
        if record.addresses.count >= 2 {
            addr1 = hex(record.addresses[0], digits: digits)
            addr2 = hex(record.addresses[1], digits: digits)
        }
        if case .equate = record.action, let v = record.shownValue {
            addr1 = hex(v, digits: digits)
            if let l = record.shownValue2 { addr2 = hex(l, digits: digits) }
        }
        if case .directive(let d) = record.action {
            if d == .using, let v = record.shownValue { addr2 = hex(v, digits: digits) }
            if d == .org, let v = record.shownValue2 { addr2 = hex(address(record, v), digits: digits) }
        }
        if case .end = record.action, let v = record.shownValue2 { addr2 = hex(v, digits: digits) }
        let prefix = location.padding(toLength: digits, withPad: " ") + "  "
            + objectText(first, instruction: isInstruction).padding(toLength: 17, withPad: " ") + " "
            + addr1.padding(toLength: digits + 1, withPad: " ") + " " + addr2.padding(toLength: digits + 1, withPad: " ")
        let number = String(record.number)
        let marker = record.statement.macroDepth > 0 ? "+" : " "
        var result: [String] = []
        for (i, line) in record.statement.listingLines.enumerated() {
            if i == 0 {
                result.append(prefix + " " + String(repeating: " ", count: max(0, 5 - number.count)) + number + marker + line)
            } else {
                result.append(String(repeating: " ", count: prefix.count + 7) + line)
            }
        }
        if record.statement.listingLines.isEmpty {
            result.append(prefix + " " + String(repeating: " ", count: max(0, 5 - number.count)) + number)
        }
        // PRINT DATA: the rest of the bytes, eight to a line.
        if record.print.data && !isInstruction && record.objectCode.count > perLine {
            var offset = perLine
            while offset < record.objectCode.count {
                let chunk = Array(record.objectCode[offset..<min(offset + 8, record.objectCode.count)])
                result.append(hex(address(record, record.location + offset), digits: digits) + "  "
                              + objectText(chunk, instruction: false))
                offset += 8
            }
        }
        return result
    }

    private func symbolTable(digits: Int) -> [String] {
        var out = ["SYMBOL                           TYPE  VALUE     LENGTH  DEFN  REFERENCES"]
        for name in product.symbols.sortedNames {
            guard let d = product.symbols[name] else { continue }
            var value = d.value.number
            for r in d.value.relocations where product.sections[r.id].isControl {
                value += r.count * product.sections[r.id].origin
            }
            let references = (product.symbols.references[name] ?? []).map(String.init).joined(separator: " ")
            out.append(name.padding(toLength: 32, withPad: " ") + " " + String(d.type) + "     "
                       + hex(value, digits: 8) + "  " + String(d.length).padding(toLength: 6, withPad: " ")
                       + "  " + String(d.statement).padding(toLength: 4, withPad: " ") + "  " + references)
        }
        return out
    }
}

extension Assembly {
    /// The listing text.
    public func listing() -> String { ListingWriter(product: product).render() }
}
