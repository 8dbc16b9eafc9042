import Channel
import Media
import Terminal

/// Broad kinds of devices, for configuration and CP's QUERY output.
public enum DeviceClass: String, Sendable {
    case console, reader, punch, printer, dasd, tape, display
}

/// What a factory needs besides the configuration words.
public struct DeviceContext: Sendable {
    /// Where console devices send their output (the bare machine's terminal, a CP user).
    public var console: (@Sendable (UInt16) -> ConsoleEndpoint)?
    /// Where 3270 displays are shown; without it a display runs unseen (its
    /// screen can still be read from the device).
    public var display: (@Sendable (UInt16) -> DisplayEndpoint?)?

    public init(console: (@Sendable (UInt16) -> ConsoleEndpoint)? = nil,
                display: (@Sendable (UInt16) -> DisplayEndpoint?)? = nil) {
        self.console = console
        self.display = display
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
            DeviceCatalogEntry(names: ["2540P"], deviceClass: .punch, typeCode: 0x2540,
                               summary: "card punch (2540 punch side)") { _, args, _ in
                try makePunch(0x2540, args)
            },
            DeviceCatalogEntry(names: ["3525"], deviceClass: .punch, typeCode: 0x3525,
                               summary: "card punch") { _, args, _ in
                try makePunch(0x3525, args)
            },
            DeviceCatalogEntry(names: ["1403"], deviceClass: .printer, typeCode: 0x1403,
                               summary: "line printer (carriage tape)") { _, args, _ in
                try makePrinter(0x1403, args)
            },
            DeviceCatalogEntry(names: ["3211"], deviceClass: .printer, typeCode: 0x3211,
                               summary: "line printer (forms control buffer)") { _, args, _ in
                try makePrinter(0x3211, args)
            },
            DeviceCatalogEntry(names: ["3278", "3270", "3279"], deviceClass: .display, typeCode: 0x3278,
                               summary: "display station, models 2-5 (model=N)") { address, args, context in
                try makeDisplay(0x3278, address, args, context)
            },
            DeviceCatalogEntry(names: ["3277"], deviceClass: .display, typeCode: 0x3277,
                               summary: "display station, 24x80, basic data stream") { address, args, context in
                try makeDisplay(0x3277, address, args, context)
            },
            DeviceCatalogEntry(names: ["3286"], deviceClass: .printer, typeCode: 0x3286,
                               summary: "3270 printer") { _, args, _ in
                Printer3286(output: try outputFile(args, "a 3270 printer"), codePage: try args.codePage,
                            crlf: args.flag("crlf"))
            },
            DeviceCatalogEntry(names: ["3420", "3420-8", "3420-6", "3420-4", "3803"], deviceClass: .tape, typeCode: 0x3420,
                               summary: "magnetic tape drive, 9 track (AWS or HET file)") { _, args, _ in
                try makeTape(0x3420, args)
            },
            DeviceCatalogEntry(names: ["2400", "2401", "2415", "2420"], deviceClass: .tape, typeCode: 0x2400,
                               summary: "magnetic tape drive, S/360 series (AWS or HET file)") { _, args, _ in
                try makeTape(0x2400, args)
            },
        ] + dasdEntries
    }

    /// One row per CKD disk model, named as Hercules names them (3330, 3330-11, 3380-K…).
    static var dasdEntries: [DeviceCatalogEntry] {
        DASDGeometry.all.map { geometry in
            DeviceCatalogEntry(names: [geometry.name] + geometry.aliases, deviceClass: .dasd,
                               typeCode: geometry.deviceType,
                               summary: "disk, \(geometry.cylinders) cylinders of \(geometry.heads) tracks (CKD or CCKD image)") { address, args, _ in
                try makeDASD(geometry, address, args)
            }
        }
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

    /// The output file a printer or punch writes: the first word, created
    /// afresh unless `append` is given.
    static func outputFile(_ args: DeviceArguments, _ what: String) throws -> OutputFile {
        guard let path = args.file else {
            throw DeviceConfigurationError("\(what) needs an output file name")
        }
        return try OutputFile(path: path, append: args.flag("append"))
    }

    static func makePrinter(_ type: UInt16, _ args: DeviceArguments) throws -> ChannelDevice {
        Printer(type: type, output: try outputFile(args, "a printer"), codePage: try args.codePage,
                fcb: try FormsControlBuffer.configured(options: args.options), crlf: args.flag("crlf"))
    }

    static func makePunch(_ type: UInt16, _ args: DeviceArguments) throws -> ChannelDevice {
        let format: CardDeck.Format = args.flag("ascii") ? .ascii : .ebcdic
        return CardPunch(type: type, output: try outputFile(args, "a card punch"), format: format,
                         codePage: try args.codePage, crlf: args.flag("crlf"))
    }

    static func makeDisplay(_ type: UInt16, _ address: UInt16, _ args: DeviceArguments,
                            _ context: DeviceContext) throws -> ChannelDevice {
        var model = DisplayModel.model2
        if let value = args.options["model"] {
            guard let n = Int(value), let m = DisplayModel(rawValue: n), type != 0x3277 || m == .model2 else {
                throw DeviceConfigurationError(type == 0x3277 ? "model=\(value): a 3277 is model 2"
                                                              : "model=\(value): 3278 models are 2, 3, 4 and 5")
            }
            model = m
        }
        return Display3270(type: type, model: model, codePage: try args.codePage, endpoint: context.display?(address))
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

    /// A disk drive on a Hercules CKD or CCKD image. Options: `ro` (read
    /// only), `extent=FIRST-LAST` (only those cylinders, shown as 0…).
    static func makeDASD(_ geometry: DASDGeometry, _ address: UInt16, _ args: DeviceArguments) throws -> ChannelDevice {
        guard let file = args.file else {
            throw DeviceConfigurationError("a \(geometry.name) needs a volume image file (make one with vm67 dasd init)")
        }
        let readOnly = args.flag("ro") || args.flag("readonly")
        let volume: DASDVolume
        do {
            volume = try DASDImage.open(file, readOnly: readOnly)
        } catch let error as MediaError where !readOnly && error.reason.hasPrefix("cannot open for writing") {
            throw DeviceConfigurationError("\(error) (add ro to attach it read-only)")
        }
        guard volume.deviceType == geometry.deviceType else {
            try? volume.close()
            throw DeviceConfigurationError("\(file) is a \(volume.geometry.name) volume, not a \(geometry.name)")
        }
        var extent: CKDExtent? = nil
        if let text = args.options["extent"] {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, parts[0] >= 0, parts[1] >= parts[0] else {
                try? volume.close()
                throw DeviceConfigurationError("extent=\(text): give the first and last cylinder, like extent=10-19")
            }
            extent = CKDExtent(firstCylinder: parts[0], cylinders: parts[1] - parts[0] + 1)
        }
        // The image's size names the smallest model that holds it; a
        // larger model of the same type named in the configuration wins.
        let model = volume.cylinders <= geometry.cylindersWithAlternates ? geometry : volume.geometry
        do {
            return try CKDDasd(geometry: model, store: volume, address: address, readOnly: readOnly,
                               extent: extent, ownsStore: true)
        } catch {
            try? volume.close()
            throw error
        }
    }
}
