import Channel
import Media

/// Broad kinds of devices, for configuration and CP's QUERY output.
public enum DeviceClass: String, Sendable {
    case console, reader, punch, printer, dasd, tape, display
}

/// What a factory needs besides the configuration words.
public struct DeviceContext: Sendable {
    /// Where console devices send their output (the bare machine's terminal, a CP user).
    public var console: (@Sendable (UInt16) -> ConsoleEndpoint)?

    public init(console: (@Sendable (UInt16) -> ConsoleEndpoint)? = nil) {
        self.console = console
    }
}

/// One row of the device catalog: a device type, its names, and how to make one.
public struct DeviceCatalogEntry: Sendable {
    /// Names accepted in configurations; the first is the canonical one.
    public let names: [String]
    public let deviceClass: DeviceClass
    /// The device type as SENSE ID and QUERY show it.
    public let typeCode: UInt16
    public let summary: String
    public let make: @Sendable (_ address: UInt16, _ arguments: DeviceArguments, _ context: DeviceContext) throws -> ChannelDevice

    public var name: String { names[0] }
}

/// Every device type vm67 emulates.
public enum DeviceCatalog {
    public static var entries: [DeviceCatalogEntry] {
        [
            DeviceCatalogEntry(names: ["3215", "3215-C"], deviceClass: .console, typeCode: 0x3215,
                               summary: "console printer-keyboard") { address, args, context in
                try makeConsole(0x3215, address, args, context)
            },
            DeviceCatalogEntry(names: ["1052", "1052-C"], deviceClass: .console, typeCode: 0x1052,
                               summary: "console printer-keyboard (S/360)") { address, args, context in
                try makeConsole(0x1052, address, args, context)
            },
            DeviceCatalogEntry(names: ["3505"], deviceClass: .reader, typeCode: 0x3505,
                               summary: "card reader") { _, args, _ in
                try makeReader(0x3505, args)
            },
            DeviceCatalogEntry(names: ["2540R", "2540"], deviceClass: .reader, typeCode: 0x2540,
                               summary: "card reader (2540 reader side)") { _, args, _ in
                try makeReader(0x2540, args)
            },
            DeviceCatalogEntry(names: ["3420", "3420-8", "3420-6", "3420-4", "3803"], deviceClass: .tape, typeCode: 0x3420,
                               summary: "magnetic tape drive, 9 track (AWS or HET file)") { _, args, _ in
                try makeTape(0x3420, args)
            },
            DeviceCatalogEntry(names: ["2400", "2401", "2415", "2420"], deviceClass: .tape, typeCode: 0x2400,
                               summary: "magnetic tape drive, S/360 series (AWS or HET file)") { _, args, _ in
                try makeTape(0x2400, args)
            },
        ]
    }

    /// Finds a device type by any of its names (case-insensitive).
    public static func entry(named name: String) -> DeviceCatalogEntry? {
        let upper = name.uppercased()
        return entries.first { $0.names.contains(upper) }
    }

    static func makeConsole(_ type: UInt16, _ address: UInt16, _ args: DeviceArguments,
                            _ context: DeviceContext) throws -> ChannelDevice {
        guard let endpoint = context.console?(address) else {
            throw DeviceConfigurationError("no terminal to attach console \(String(address, radix: 16, uppercase: true)) to")
        }
        return Console3215(type: type, endpoint: endpoint, codePage: try args.codePage)
    }

    static func makeTape(_ type: UInt16, _ args: DeviceArguments) throws -> ChannelDevice {
        let drive = Tape3420(type: type)
        if let reel = try TapeMount.medium(args) { drive.mount(reel) }
        return drive
    }

    static func makeReader(_ type: UInt16, _ args: DeviceArguments) throws -> ChannelDevice {
        let reader = CardReader(type: type)
        if let file = args.file {
            let format: CardDeck.Format = args.flag("ascii") ? .ascii : .ebcdic
            let deck = try CardDeck.load(path: file, format: format, codePage: try args.codePage)
            reader.load(deck, endOfFile: args.flag("eof"))
        }
        return reader
    }
}
