/// The system configuration, `config/vm67.conf`: one statement per line,
/// `#` starts a comment. File names are relative to the state directory
/// (var/) unless absolute.
///
///     SYSTEM     VM67                        name shown on the logo and in messages
///     LISTEN     127.0.0.1:2367              SSH listen address (repeatable)
///     LOGON-USER logon                       SSH user that reaches the logo screen (OFF: none)
///     VOLUME     VM67U0 3350 volumes/vm67u0.cckd [CREATE|READONLY]   real volume (CREATE: make it on
///                                            first start; READONLY: never written)
///     SAVESYS    CMS 0 nss/cms.nss           named saved system: name, first page, image
///     TDISK      VM67U0 400 100              T-disk pool: volume, first cylinder, cylinders
///     SPOOL      spool                       spool directory
///     LOGMSG     text                        log message shown at logon (repeatable)
///     LOGO       text                        a line of the logo screen (repeatable)
///     DEVICE     180 3420 tapes/x.aws [ro]   a real device for DEDICATE / ATTACH (type and arguments as vm67 machine takes them)
///     AUTOLOG    OPERATOR                    users logged on (disconnected) at start
///     MAXUSERS   200
///     CLEAR-PASSWORDS NO                     YES allows clear-text directory passwords (insecure)
///     PRINTER    00E printer [CLASS AB…] [TEXT|PDF|GREENBAR]   real printer: address, output
///                                            directory, classes it prints (default A), and text
///                                            files (default) or PDF (GREENBAR: shaded bands);
///                                            class D START makes it take files
///     PUNCH      00D punch [CLASS A…] [EBCDIC|ASCII]   real punch: 80-byte EBCDIC card images
///                                            (default) or one text line per card
///     READER     00C cards                   real card reader: decks dropped in this directory
///                                            (first card `ID userid`) go to that user's reader
public struct SystemConfiguration: Sendable {
    public struct Volume: Sendable, Equatable {
        public var volser: String
        public var deviceType: String
        public var file: String
        public var create: Bool
        /// Opened read-only: every link to it is read-only (a shipped system disk).
        public var readOnly: Bool = false
        public var line: Int
    }

    public struct SavedSystem: Sendable, Equatable {
        public var name: String
        /// First page (4 KB) the system occupies: 0 for CMS, 3840 for CMSSEG.
        public var firstPage: Int
        public var file: String
        public var line: Int
    }

    public struct TDiskPool: Sendable, Equatable {
        public var volser: String
        public var firstCylinder: Int
        public var cylinders: Int
        public var line: Int
    }

    public var systemName = "VM67"
    public var listen: [String] = []
    public var logonUser: String? = "logon"
    public var volumes: [Volume] = []
    /// Real printers, punches and readers (PRINTER, PUNCH, READER).
    public var unitRecords: [UnitRecordDefinition] = []
    /// Real devices users get with DEDICATE or the operator's ATTACH.
    public var realDevices: [RealDevice] = []

    /// `DEVICE 180 3420 tapes/starter.aws`: a real device of the system, the
    /// way `vm67 machine` configures one (type and arguments from DeviceCatalog).
    public struct RealDevice: Sendable, Equatable {
        public var address: UInt16
        public var deviceType: String
        public var arguments: [String]
        public var line: Int
    }
    public var savedSystems: [SavedSystem] = []
    public var tdiskPools: [TDiskPool] = []
    public var spoolDirectory = "spool"
    public var logMessage: [String] = []
    /// Lines of the logo screen, under the system name.
    public var logoText: [String] = []
    public var autolog: [String] = []
    public var maximumUsers = 200
    public var allowClearPasswords = false
    public var file = "(inline)"

    public init() {}

    public func volume(_ volser: String) -> Volume? { volumes.first { $0.volser == volser.uppercased() } }
    public func savedSystem(_ name: String) -> SavedSystem? { savedSystems.first { $0.name == name.uppercased() } }

    /// Parses the configuration; every problem is reported with its line.
    public static func parse(_ text: String, file: String) -> (SystemConfiguration, [DirectoryError]) {
        var config = SystemConfiguration()
        config.file = file
        var errors: [DirectoryError] = []
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let keyword = words.first?.uppercased() else { continue }
            let args = Array(words.dropFirst())
            func fail(_ reason: String) { errors.append(DirectoryError(file: file, line: number, reason: reason)) }
            switch keyword {
            case "SYSTEM":
                guard args.count == 1, args[0].count <= 8 else { fail("SYSTEM needs a name of up to 8 characters"); continue }
                config.systemName = args[0].uppercased()
            case "LISTEN":
                guard args.count == 1, let colon = args[0].lastIndex(of: ":"),
                      let port = Int(args[0][args[0].index(after: colon)...]), (1...65535).contains(port) else {
                    fail("LISTEN needs HOST:PORT"); continue
                }
                config.listen.append(args[0])
            case "LOGON-USER":
                guard args.count == 1 else { fail("LOGON-USER needs a user name or OFF"); continue }
                config.logonUser = args[0].uppercased() == "OFF" ? nil : args[0]
            case "VOLUME":
                guard args.count == 3 || (args.count == 4 && ["CREATE", "READONLY"].contains(args[3].uppercased())) else {
                    fail("VOLUME needs volser, device type, image file and optionally CREATE or READONLY"); continue
                }
                let volser = args[0].uppercased()
                guard !volser.isEmpty, volser.count <= 6 else { fail("volume serial '\(args[0])' must be 1 to 6 characters"); continue }
                guard DirectoryParser.dasdTypes.contains(args[1].uppercased()) else {
                    fail("volume device type \(args[1]) is not a CKD DASD type"); continue
                }
                if config.volume(volser) != nil { fail("volume \(volser) is defined twice"); continue }
                config.volumes.append(Volume(volser: volser, deviceType: args[1].uppercased(), file: args[2],
                                             create: args.count == 4 && args[3].uppercased() == "CREATE",
                                             readOnly: args.count == 4 && args[3].uppercased() == "READONLY", line: number))
            case "SAVESYS":
                guard args.count == 3, args[0].count <= 8, let page = Int(args[1]), page >= 0, page < 4096 else {
                    fail("SAVESYS needs a name of up to 8 characters, the first page number (0-4095) and an image file"); continue
                }
                if config.savedSystem(args[0]) != nil { fail("saved system \(args[0].uppercased()) is defined twice"); continue }
                config.savedSystems.append(SavedSystem(name: args[0].uppercased(), firstPage: page, file: args[2], line: number))
            case "TDISK":
                guard args.count == 3, let first = Int(args[1]), let count = Int(args[2]), first >= 0, count > 0 else {
                    fail("TDISK needs volser, first cylinder and number of cylinders"); continue
                }
                config.tdiskPools.append(TDiskPool(volser: args[0].uppercased(), firstCylinder: first, cylinders: count, line: number))
            case "SPOOL":
                guard args.count == 1 else { fail("SPOOL needs a directory"); continue }
                config.spoolDirectory = args[0]
            case "DEVICE":
                guard args.count >= 2, let address = UInt16(args[0], radix: 16), address <= 0xFFF else {
                    fail("DEVICE needs a real address (hex, up to FFF), a device type and its arguments (a tape file, say)"); continue
                }
                if config.realDevices.contains(where: { $0.address == address })
                    || config.unitRecords.contains(where: { $0.address == address }) {
                    fail("real device address \(hex3(address)) is defined twice"); continue
                }
                config.realDevices.append(RealDevice(address: address, deviceType: args[1].uppercased(),
                                                     arguments: Array(args.dropFirst(2)), line: number))
            case "PRINTER", "PUNCH", "READER":
                switch UnitRecordDefinition.parse(keyword, args, line: number) {
                case .success(let device):
                    if config.unitRecords.contains(where: { $0.address == device.address }) {
                        fail("unit record address \(hex3(device.address)) is defined twice"); continue
                    }
                    config.unitRecords.append(device)
                case .failure(let problem):
                    fail(problem.reason)
                }
            case "LOGMSG":
                config.logMessage.append(args.joined(separator: " "))
            case "LOGO":
                config.logoText.append(args.joined(separator: " "))
            case "AUTOLOG":
                guard !args.isEmpty else { fail("AUTOLOG needs at least one userid"); continue }
                config.autolog += args.map { $0.uppercased() }
            case "MAXUSERS":
                guard args.count == 1, let n = Int(args[0]), n > 0, n <= 10_000 else { fail("MAXUSERS needs a number from 1 to 10000"); continue }
                config.maximumUsers = n
            case "CLEAR-PASSWORDS":
                guard args.count == 1, ["YES", "NO"].contains(args[0].uppercased()) else { fail("CLEAR-PASSWORDS needs YES or NO"); continue }
                config.allowClearPasswords = args[0].uppercased() == "YES"
            default:
                fail("unknown statement \(words[0])")
            }
        }
        for pool in config.tdiskPools where config.volume(pool.volser) == nil {
            errors.append(DirectoryError(file: file, line: pool.line, reason: "TDISK volume \(pool.volser) is not a VOLUME"))
        }
        return (config, errors)
    }
}

/// Checks a directory against the system configuration: minidisks on
/// volumes that exist, clear-text passwords only when allowed, LINKs to
/// users and disks that exist.
public func validateDirectory(_ directory: UserDirectory, against config: SystemConfiguration,
                     volumeCylinders: (String) -> Int? = { _ in nil }) -> [DirectoryError] {
    var errors: [DirectoryError] = []
    let file = directory.file
    for userid in directory.order {
        let entry = directory.entries[userid]!
        if case .plain = entry.password, !config.allowClearPasswords {
            errors.append(DirectoryError(file: file, line: entry.line,
                reason: "\(userid) has a clear-text password; use a crypt hash (vm67 user passwd) or set CLEAR-PASSWORDS YES in \(config.file)"))
        }
        for disk in entry.minidisks {
            guard let volser = disk.volser else {
                if config.tdiskPools.isEmpty {
                    errors.append(DirectoryError(file: file, line: disk.line, reason: "T-DISK for \(userid) but no TDISK pool in \(config.file)"))
                }
                continue
            }
            guard let volume = config.volume(volser) else {
                errors.append(DirectoryError(file: file, line: disk.line, reason: "minidisk \(userid) \(hex3(disk.address)) is on volume \(volser), which \(config.file) does not define"))
                continue
            }
            if volume.deviceType != disk.deviceType {
                errors.append(DirectoryError(file: file, line: disk.line, reason: "minidisk \(userid) \(hex3(disk.address)) is a \(disk.deviceType) but volume \(volser) is a \(volume.deviceType)"))
            }
            if let total = volumeCylinders(volser), let start = disk.startCylinder, start + disk.cylinders > total {
                errors.append(DirectoryError(file: file, line: disk.line, reason: "minidisk \(userid) \(hex3(disk.address)) ends at cylinder \(start + disk.cylinders - 1), beyond the \(total) cylinders of \(volser)"))
            }
        }
        for link in entry.links {
            guard let owner = directory.entry(link.owner) else {
                errors.append(DirectoryError(file: file, line: link.line, reason: "LINK to \(link.owner), who is not in the directory"))
                continue
            }
            if !owner.minidisks.contains(where: { $0.address == link.ownerAddress }) {
                errors.append(DirectoryError(file: file, line: link.line, reason: "LINK to \(link.owner) \(hex3(link.ownerAddress)), which is not one of their minidisks"))
            }
        }
        if let ipl = entry.ipl, UInt16(ipl, radix: 16) == nil, config.savedSystem(ipl) == nil {
            errors.append(DirectoryError(file: file, line: entry.line, reason: "\(userid) IPLs \(ipl), which is neither a device address nor a SAVESYS in \(config.file)"))
        }
    }
    return errors
}
