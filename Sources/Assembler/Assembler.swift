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
