import S370Spec

/// Assembler directives the engine knows.
enum Directive: String, Sendable, CaseIterable {
    case csect = "CSECT", dsect = "DSECT", start = "START", end = "END", org = "ORG"
    case equ = "EQU", dc = "DC", ds = "DS", ltorg = "LTORG", cnop = "CNOP"
    case using = "USING", drop = "DROP", print = "PRINT", title = "TITLE", eject = "EJECT"
    case space = "SPACE", entry = "ENTRY", extrn = "EXTRN", wxtrn = "WXTRN", opsyn = "OPSYN"
    case push = "PUSH", pop = "POP", ccw = "CCW", ccw0 = "CCW0", ccw1 = "CCW1"
    case amode = "AMODE", rmode = "RMODE", ictl = "ICTL", iseq = "ISEQ"
    // ASMA's PSW-building directives (dialect asma).
    case psw = "PSW", pswbc = "PSWBC", pswec = "PSWEC", psw360 = "PSW360", psws = "PSWS"
}

/// What an operation code names.
enum Operation: Sendable {
    case instruction(InstructionSpec, extendedMask: UInt8?)
    case directive(Directive)
}

/// Looks operation codes up: machine instructions from the instruction
/// table, extended mnemonics, directives, and OPSYN renamings.
struct OperationTable: Sendable {
    private var instructions: [String: InstructionSpec] = [:]
    let dialect: Dialect
    /// OPSYN: new name → old name; an empty old name deletes the operation.
    private var synonyms: [String: String] = [:]

    init(instructions: [InstructionSpec], dialect: Dialect) {
        self.dialect = dialect
        for row in instructions {
            self.instructions[row.mnemonic] = row
            for alias in row.aliases { self.instructions[alias] = row }
        }
    }

    func lookup(_ name: String) -> Operation? {
        var name = name.uppercased()
        if let synonym = synonyms[name] {
            if synonym.isEmpty { return nil }
            name = synonym
        }
        if let directive = Directive(rawValue: name) {
            switch directive {
            case .psw, .pswbc, .pswec, .psw360, .psws:
                if dialect == .asma { return .directive(directive) }
            default:
                return .directive(directive)
            }
        }
        if let spec = instructions[name] { return .instruction(spec, extendedMask: nil) }
        if let extended = ExtendedMnemonics.all[name], let spec = instructions[extended.base] {
            return .instruction(spec, extendedMask: extended.mask == 0xFF ? nil : extended.mask)
        }
        return nil
    }

    func isKnown(_ name: String) -> Bool { lookup(name) != nil }

    /// `NEW OPSYN OLD` (or `NEW OPSYN` to delete).
    mutating func defineSynonym(_ new: String, for old: String?) -> Bool {
        guard let old else { synonyms[new] = ""; return true }
        let target = synonyms[old.uppercased()] ?? old.uppercased()
        guard lookup(target) != nil else { return false }
        synonyms[new.uppercased()] = target
        return true
    }
}
