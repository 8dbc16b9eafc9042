/// Everything an assembly produced, frozen after pass 2.
struct AssemblyProduct: Sendable {
    var path: String
    var diagnostics: [Diagnostic]
    var sections: [Section] = []
    var images: [Int: SectionImage] = [:]
    var records: [StatementRecord] = []
    var symbols = SymbolTable()
    var relocations: [RelocationItem] = []
    /// Entry point from END: its address and section.
    var entryAddress: Int?
    var entrySection: Int?
    var entrySymbols: [String] = []
    var title = ""
    var dialect: Dialect = .hlasm

    init(engine: AssemblyEngine) {
        path = engine.records.first?.statement.location.file ?? ""
        diagnostics = engine.diagnostics.sorted {
            ($0.statementNumber, $0.position.line, $0.position.column) < ($1.statementNumber, $1.position.line, $1.position.column)
        }
        sections = engine.sections
        images = engine.images
        records = engine.records
        symbols = engine.symbols
        relocations = engine.relocationItems
        if let entry = engine.entryPoint {
            entryAddress = engine.address(of: entry)
            entrySection = entry.simpleRelocation
        }
        entrySymbols = engine.entrySymbols.map(\.name)
        title = engine.title
        dialect = engine.options.dialect
    }

    init(failure: Diagnostic, path: String) {
        self.path = path
        diagnostics = [failure]
    }

    /// The control sections in address order.
    var controlSections: [Int] {
        sections.indices.filter { sections[$0].isControl }.sorted { sections[$0].origin < sections[$1].origin }
    }
}

/// Facts about one ordinary symbol, for callers and tests.
public struct SymbolInfo: Sendable, Hashable {
    public var name: String
    /// The absolute address or value (for DSECT symbols, the offset).
    public var value: Int
    public var length: Int
    public var type: Character
    public var isRelocatable: Bool
}

/// The result of an assembly: diagnostics, and — when there were no
/// errors — the listing, the core image, the object deck and an IPL deck.
public struct Assembly: Sendable {
    let product: AssemblyProduct

    init(product: AssemblyProduct) { self.product = product }

    public var diagnostics: [Diagnostic] { product.diagnostics }
    public var errors: [Diagnostic] { product.diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { product.diagnostics.filter { $0.severity == .warning } }
    /// True when the assembly has no errors (warnings are allowed).
    public var succeeded: Bool { errors.isEmpty }

    /// The entry point given on END, as an address.
    public var entryPoint: Int? { product.entryAddress }

    public var symbolNames: [String] { product.symbols.sortedNames }

    public func symbol(_ name: String) -> SymbolInfo? {
        let upper = name.uppercased()
        guard let d = product.symbols[upper] else { return nil }
        var value = d.value.number
        for r in d.value.relocations where product.sections[r.id].isControl {
            value += r.count * product.sections[r.id].origin
        }
        return SymbolInfo(name: upper, value: value, length: d.length, type: d.type, isRelocatable: !d.value.isAbsolute)
    }

    /// The assembled bytes placed at their addresses, from address 0 to the
    /// end of the last control section; bytes nothing was assembled into are zero.
    public var coreImage: [UInt8] {
        var end = 0
        for i in product.controlSections {
            end = max(end, product.sections[i].origin + product.sections[i].highWater)
        }
        var image = [UInt8](repeating: 0, count: end)
        for (i, section) in product.images {
            let base = product.sections[i].origin + section.lowOffset
            for (k, byte) in section.bytes.enumerated() where section.written[k] && base + k < image.count && base + k >= 0 {
                image[base + k] = byte
            }
        }
        return image
    }

    /// The lowest address that holds assembled bytes (nil when there are none).
    public var lowestAddress: Int? {
        var lowest: Int?
        for (i, section) in product.images {
            let base = product.sections[i].origin + section.lowOffset
            if let k = section.written.firstIndex(of: true) { lowest = min(lowest ?? Int.max, base + k) }
        }
        return lowest
    }
}
