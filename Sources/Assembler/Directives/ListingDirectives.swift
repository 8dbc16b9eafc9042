/// PRINT, PUSH, POP and TITLE: they shape the listing (PUSH/POP USING is
/// handled in pass 2, where USINGs live).
extension AssemblyEngine {
    func layoutPrint(_ record: inout StatementRecord, _ directive: Directive) throws {
        for piece in OperandSplitter.split(record.statement.operands) where !piece.isEmpty {
            let word = String(piece.text).uppercased()
            switch (directive, word) {
            case (.print, "ON"): print.on = true
            case (.print, "OFF"): print.on = false
            case (.print, "GEN"): print.gen = true
            case (.print, "NOGEN"): print.gen = false
            case (.print, "DATA"): print.data = true
            case (.print, "NODATA"): print.data = false
            case (.print, "NOPRINT"): record.print.on = false
            case (.print, "MCALL"), (.print, "NOMCALL"), (.print, "MSOURCE"), (.print, "NOMSOURCE"),
                 (.print, "UHEAD"), (.print, "NOUHEAD"):
                break
            case (.push, "PRINT"): printStack.append(print)
            case (.pop, "PRINT"):
                guard let saved = printStack.popLast() else {
                    throw AssemblyError("expected a PUSH PRINT before this POP PRINT", at: piece.offset)
                }
                print = saved
            case (.push, "USING"), (.pop, "USING"), (.push, "NOPRINT"), (.pop, "NOPRINT"):
                if word == "NOPRINT" { record.print.on = false }
            default:
                throw AssemblyError("expected \(directive == .print ? "ON, OFF, GEN, NOGEN, DATA or NODATA" : "PRINT or USING"), found \(word)", at: piece.offset)
            }
        }
    }

    func layoutTitle(_ record: inout StatementRecord) throws {
        var scanner = CharacterScanner(record.statement.operands)
        guard scanner.current == "'", let text = scanner.readQuoted() else {
            throw AssemblyError("expected the title in quotes, as in TITLE 'PAYROLL'", at: 0)
        }
        title = SelfDefiningTerm.unescapeCharacterConstant(text)
    }
}
