/// One statement split into its fields: name, operation, operands, remarks.
struct Statement: Sendable {
    enum Kind: Sendable {
        case instruction
        /// `*` in column 1: listed, otherwise ignored.
        case comment
        /// `.*` in column 1: a macro comment, never listed in expansions.
        case macroComment
        /// An empty line.
        case blank
    }

    var kind: Kind
    /// The name field as written ("" when empty).
    var label: String = ""
    /// The operation field as written.
    var operation: String = ""
    /// The operand field, possibly gathered from several lines.
    var operands: [Character] = []
    /// Where each operand character came from (empty for generated text).
    var operandPositions: [SourcePosition] = []
    var remarks: String = ""
    var labelPosition: SourcePosition
    var operationPosition: SourcePosition
    /// Column 1 of the first line, or the macro call for generated statements.
    var location: SourcePosition
    /// The lines to show in the listing.
    var listingLines: [String]
    /// 0 for open code, the macro nesting depth for generated statements.
    var macroDepth: Int = 0
    /// The macro that generated this statement, if any.
    var macroName: String?
    /// Conditional-assembly statements inside macro expansions are not listed.
    var hiddenInListing = false

    /// Operation in upper case, as looked up.
    var opcode: String { operation.uppercased() }

    var operandText: String { String(operands) }

    /// The position of an operand character, for messages. Generated
    /// statements point at their macro call.
    func position(ofOperand offset: Int?) -> SourcePosition {
        guard let offset, !operandPositions.isEmpty else {
            return operandPositions.first ?? (macroDepth > 0 ? location : operationPosition)
        }
        if offset < operandPositions.count { return operandPositions[offset] }
        var end = operandPositions[operandPositions.count - 1]
        end.column += 1
        return end
    }

    /// Where a problem in a given field of this statement is shown.
    func position(of error: AssemblyError) -> SourcePosition {
        switch error.field {
        case .label: return macroDepth > 0 ? location : labelPosition
        case .operation: return macroDepth > 0 ? location : operationPosition
        case .operand: return position(ofOperand: error.operandOffset)
        }
    }

    /// A statement made by the assembler itself (a literal in the pool) or
    /// by a macro: it has no text positions of its own.
    static func generated(label: String, operation: String, operands: String, remarks: String = "",
                          at location: SourcePosition, depth: Int, macro: String?) -> Statement {
        var line = label.padding(toLength: max(8, label.count), withPad: " ") + " "
        line += operation.padding(toLength: max(5, operation.count), withPad: " ") + " " + operands
        if !remarks.isEmpty { line += " " + remarks }
        return Statement(kind: .instruction, label: label, operation: operation, operands: Array(operands),
                         operandPositions: [], remarks: remarks, labelPosition: location,
                         operationPosition: location, location: location,
                         listingLines: [line], macroDepth: depth, macroName: macro)
    }
}

extension String {
    func padding(toLength length: Int, withPad pad: Character) -> String {
        count >= length ? self : self + String(repeating: pad, count: length - count)
    }
}
