import S370Spec

/// How to assemble.
public struct AssemblerOptions: Sendable {
    public var dialect: Dialect
    /// Directories searched for library macros and COPY members (--maclib).
    public var macroLibraries: [String]
    /// The instructions the assembler knows; the shared instruction table
    /// unless a caller adds or removes rows.
    public var instructions: [InstructionSpec]
    /// Where source files come from.
    public var reader: any SourceFileReader
    /// The value of &SYSPARM.
    public var systemParameter: String

    public init(dialect: Dialect = .hlasm, macroLibraries: [String] = [],
                instructions: [InstructionSpec] = InstructionTable.all,
                reader: any SourceFileReader = FileSystemReader(), systemParameter: String = "") {
        self.dialect = dialect
        self.macroLibraries = macroLibraries
        self.instructions = instructions
        self.reader = reader
        self.systemParameter = systemParameter
    }
}

/// The assembler: source in, an `Assembly` (diagnostics, listing, core
/// image, object deck, IPL deck) out.
///
/// The language is a subset of IBM High Level Assembler:
///
/// * every instruction of the shared instruction table, with implicit
///   addresses resolved through USING (several USINGs, the smallest
///   displacement wins, ties go to the higher register; dependent USINGs),
///   implied lengths, and HLASM's extended branch mnemonics (BE, BNER, NOP,
///   J, JNE, BRU, BRE, JLU, JLNE, BRNEL …);
/// * CSECT, DSECT, START, END, ORG, EQU, DC, DS (types C CA X B F FD H A AD
///   Y V VD S P Z E D L with duplication, length, scale and exponent
///   modifiers), literals and LTORG, CNOP, USING, DROP, PUSH, POP, PRINT,
///   TITLE, EJECT, SPACE, ENTRY, EXTRN, WXTRN, OPSYN, CCW, CCW0, CCW1, COPY;
///   AMODE, RMODE, ICTL and ISEQ are accepted and ignored;
/// * macros with positional and keyword parameters, sublists, &SYSLIST,
///   &SYSNDX, &SYSECT, AIF, AGO, ANOP, ACTR, MEXIT, MNOTE, SETA, SETB, SETC,
///   LCLx and GBLx (scalars and arrays), library macros and COPY members
///   from the `macroLibraries` directories.
///
/// Not supported: LOCTR, labeled USING, DXD/CXD/Q-constants, AREAD, macro
/// definitions inside macro expansions, and RLD items for 8-byte address
/// constants (the core image still holds their values).
public enum Assembler {
    /// Assembles the file at `path`.
    public static func assemble(file path: String, options: AssemblerOptions = AssemblerOptions()) -> Assembly {
        guard let bytes = options.reader.contents(of: path) else {
            let d = Diagnostic(severity: .error, position: SourcePosition(file: path, line: 1, column: 1),
                               message: "cannot read the source file")
            return Assembly(product: AssemblyProduct(failure: d, path: path))
        }
        let engine = AssemblyEngine(options: options)
        return Assembly(product: engine.run(path: path, lines: SourceLines.split(bytes)))
    }

    /// Assembles source text held in memory; `name` is used in messages.
    public static func assemble(source: String, name: String = "source.asm",
                                options: AssemblerOptions = AssemblerOptions()) -> Assembly {
        let engine = AssemblyEngine(options: options)
        return Assembly(product: engine.run(path: name, lines: SourceLines.split(Array(source.utf8))))
    }
}
