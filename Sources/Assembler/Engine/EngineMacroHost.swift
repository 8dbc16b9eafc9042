/// The engine answers the macro processor's questions about ordinary
/// symbols, the current section and operation codes.
extension AssemblyEngine: MacroHost {
    func ordinarySymbol(_ name: String) -> SymbolDefinition? { symbols[name.uppercased()] }

    var currentSectionName: String { currentSection.map { sections[$0].name } ?? "" }

    func operationKind(_ name: String) -> Character? {
        switch operations.lookup(name) {
        case .directive?: return "A"
        case .instruction(_, let mask)?:
            return mask != nil || ExtendedMnemonics.all[name.uppercased()] != nil ? "E" : "O"
        case nil: return nil
        }
    }
}
