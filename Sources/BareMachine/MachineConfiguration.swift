import Devices
import Media
import S370Core

/// A bare machine's configuration file, in the spirit of a Hercules
/// configuration:
///
///     # comment
///     ARCHMODE  S/370          (or S/360-67)
///     MAINSIZE  2              (megabytes; STORAGE nK for kilobytes)
///     FACILITY  370ext
///     001F      3215
///     000C      3505  hello.deck ebcdic eof
///     0580      3420  dmkddr.aws ro
///
/// Device lines are an address (hex), a device type from the catalog, then
/// the type's arguments. Every error names the file and line.
public struct MachineConfiguration: Sendable {
    public struct DeviceLine: Sendable {
        public let address: UInt16
        public let type: String
        public let arguments: [String]
        public let line: Int
    }

    public var model: MachineModel = .s370
    public var storageSize = 2 << 20
    public var facilities: Facilities = []
    public var devices: [DeviceLine] = []
    /// Directory the relative file names are resolved against.
    public var baseDirectory = "."
    public var file = "(inline)"

    public init() {}

    public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
        public let file: String
        public let line: Int
        public let reason: String
        public var description: String { "\(file):\(line): \(reason)" }
    }

    public static func load(path: String) throws -> MachineConfiguration {
        let bytes: [UInt8]
        do { bytes = try readFile(path) } catch let e as MediaError {
            throw ConfigurationError(file: path, line: 0, reason: e.reason)
        }
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        return try parse(String(decoding: bytes, as: UTF8.self), file: path, baseDirectory: directory)
    }

    public static func parse(_ text: String, file: String = "(inline)", baseDirectory: String = ".") throws -> MachineConfiguration {
        var config = MachineConfiguration()
        config.file = file
        config.baseDirectory = baseDirectory
        var seen: [UInt16: Int] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let keyword = words.first else { continue }
            func fail(_ reason: String) -> ConfigurationError { ConfigurationError(file: file, line: number, reason: reason) }
            switch keyword.uppercased() {
            case "ARCHMODE", "MODEL":
                guard words.count == 2 else { throw fail("\(keyword) needs one value: S/370 or S/360-67") }
                switch words[1].uppercased().replacingOccurrences(of: "/", with: "") {
                case "S370", "370": config.model = .s370
                case "S360-67", "360-67", "36067", "S36067": config.model = .s360_67
                default: throw fail("unknown architecture '\(words[1])': use S/370 or S/360-67")
                }
            case "MAINSIZE":
                guard words.count == 2, let mb = Int(words[1]), mb >= 1, mb <= 16 else {
                    throw fail("MAINSIZE needs a size in megabytes, 1 to 16")
                }
                config.storageSize = mb << 20
            case "STORAGE":
                guard words.count == 2, words[1].uppercased().hasSuffix("K"),
                      let kb = Int(words[1].dropLast()), kb >= 4, kb <= 16384 else {
                    throw fail("STORAGE needs a size like 512K (4K to 16384K)")
                }
                config.storageSize = kb << 10
            case "FACILITY":
                guard words.count == 2 else { throw fail("FACILITY needs one facility name") }
                switch words[1].lowercased() {
                case "370ext": config.facilities.insert(.ext370)
                default: throw fail("unknown facility '\(words[1])': known is 370ext")
                }
            default:
                guard let address = UInt16(keyword, radix: 16), keyword.count <= 4 else {
                    throw fail("'\(keyword)' is neither a statement nor a device address")
                }
                guard words.count >= 2 else { throw fail("device \(keyword) needs a device type") }
                guard DeviceCatalog.entry(named: words[1]) != nil else {
                    let known = DeviceCatalog.entries.map(\.name).joined(separator: " ")
                    throw fail("unknown device type '\(words[1])'; known types: \(known)")
                }
                if let earlier = seen[address] {
                    throw fail("device \(keyword) is already defined on line \(earlier)")
                }
                seen[address] = number
                config.devices.append(DeviceLine(address: address, type: words[1],
                                                 arguments: Array(words.dropFirst(2)), line: number))
            }
        }
        return config
    }
}
