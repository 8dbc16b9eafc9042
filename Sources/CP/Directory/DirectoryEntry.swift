/// Privilege classes A–H of a user.
public struct PrivilegeClasses: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let a = PrivilegeClasses(rawValue: 1 << 0)
    public static let b = PrivilegeClasses(rawValue: 1 << 1)
    public static let c = PrivilegeClasses(rawValue: 1 << 2)
    public static let d = PrivilegeClasses(rawValue: 1 << 3)
    public static let e = PrivilegeClasses(rawValue: 1 << 4)
    public static let f = PrivilegeClasses(rawValue: 1 << 5)
    public static let g = PrivilegeClasses(rawValue: 1 << 6)
    public static let h = PrivilegeClasses(rawValue: 1 << 7)
    public static let all = PrivilegeClasses(rawValue: 0xFF)

    /// Parses a class string such as "G" or "ABCDEFG"; nil if a letter is not A–H.
    public init?(letters: some StringProtocol) {
        var set = PrivilegeClasses()
        for ch in letters.uppercased() {
            guard let v = ch.asciiValue, v >= 0x41, v <= 0x48 else { return nil }
            set.insert(PrivilegeClasses(rawValue: 1 << (v - 0x41)))
        }
        self = set
    }

    public var description: String {
        (0..<8).filter { rawValue & (1 << $0) != 0 }.map { String(UnicodeScalar(0x41 + UInt8($0))) }.joined()
    }
}

/// How a user's password is kept in the directory.
public enum DirectoryPassword: Sendable, Equatable {
    /// A crypt(3) hash: `$y$…` (yescrypt) or `$6$…` (SHA-512 crypt).
    case hashed(String)
    /// A password in clear text, as VM/370 kept them; refused unless the
    /// system configuration allows clear passwords.
    case plain(String)
    /// NOLOG: nobody can log on as this user.
    case noLogon
}

/// Link modes of MDISK and LINK statements.
public enum LinkMode: String, Sendable, CaseIterable {
    case r = "R", rr = "RR", w = "W", wr = "WR", m = "M", mr = "MR", mw = "MW"
}

/// One minidisk of a user.
public struct MinidiskDefinition: Sendable, Equatable {
    public var address: UInt16
    public var deviceType: String
    /// First real cylinder, or nil for a temporary disk (T-DISK).
    public var startCylinder: Int?
    public var cylinders: Int
    /// Volume serial of the real volume (nil for T-DISK).
    public var volser: String?
    public var mode: LinkMode
    /// The V suffix on the mode: virtual RESERVE/RELEASE.
    public var virtualReserve: Bool
    public var readPassword: String?
    public var writePassword: String?
    public var multiPassword: String?
    public var line: Int
}

public struct LinkDefinition: Sendable, Equatable {
    public var owner: String
    public var ownerAddress: UInt16
    public var address: UInt16
    public var mode: LinkMode
    public var line: Int
}

public struct SpoolDefinition: Sendable, Equatable {
    public var address: UInt16
    public var deviceType: String
    /// READ, PUNCH, or nil (for a printer or a 3505/3525).
    public var function: String?
    /// Spool class letter, or "*" (all classes, for readers).
    public var spoolClass: String
    public var line: Int
}

public struct DedicateDefinition: Sendable, Equatable {
    public var address: UInt16
    /// Real device address or volume serial.
    public var real: String
    public var line: Int
}

public struct SpecialDefinition: Sendable, Equatable {
    public var address: UInt16
    public var deviceType: String
    public var line: Int
}

/// One USER entry of the directory.
public struct DirectoryEntry: Sendable, Equatable {
    public var userid: String
    public var password: DirectoryPassword
    /// Storage at logon and the most DEFINE STORAGE may give, in bytes.
    public var storage: Int
    public var maximumStorage: Int
    public var classes: PrivilegeClasses
    /// Scheduling priority 1–99 (lower is better).
    public var priority: Int
    public var lineEnd: Character
    public var lineDelete: Character
    public var characterDelete: Character
    public var escape: Character
    public var account: String?
    public var distribution: String?
    public var options: Set<String>
    public var cpuid: String?
    /// IPL device or system name, and its PARM text.
    public var ipl: String?
    public var iplParm: String?
    public var consoleAddress: UInt16?
    public var consoleType: String?
    public var consoleClass: String?
    public var spool: [SpoolDefinition]
    public var minidisks: [MinidiskDefinition]
    public var links: [LinkDefinition]
    public var dedicates: [DedicateDefinition]
    public var specials: [SpecialDefinition]
    /// SSH public keys (vm67 extension), as "type base64 [comment]".
    public var sshKeys: [String]
    /// Line of the USER statement.
    public var line: Int

    public init(userid: String, password: DirectoryPassword, line: Int) {
        self.userid = userid
        self.password = password
        storage = 1 << 20
        maximumStorage = 1 << 20
        classes = .g
        priority = 50
        lineEnd = "#"
        lineDelete = "¢"
        characterDelete = "@"
        escape = "\""
        options = []
        spool = []
        minidisks = []
        links = []
        dedicates = []
        specials = []
        sshKeys = []
        self.line = line
    }

    /// Whether this user may log on at all.
    public var canLogOn: Bool { password != .noLogon }
}
