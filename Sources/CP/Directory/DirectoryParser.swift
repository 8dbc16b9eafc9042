/// A problem in the directory: where and why.
public struct DirectoryError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(file):\(line): \(reason)" }
}

/// The user directory, parsed from VM/370 USER DIRECT syntax.
///
/// Columns 1–71 of a card image are significant and 72–80 are a sequence
/// field, as in VM/370; a line longer than 80 characters (a password hash,
/// an SSH key) is read whole. `*` lines and blank lines are comments.
public struct UserDirectory: Sendable {
    public var entries: [String: DirectoryEntry]
    /// USER statements in file order.
    public var order: [String]
    public var file: String

    public func entry(_ userid: String) -> DirectoryEntry? { entries[userid.uppercased()] }

    /// Parses directory text. Returns every error found (the directory is
    /// only usable when the list is empty).
    public static func parse(_ text: String, file: String) -> (UserDirectory, [DirectoryError]) {
        var parser = DirectoryParser(file: file)
        parser.parse(text)
        return (UserDirectory(entries: parser.entries, order: parser.order, file: file), parser.errors)
    }
}

struct DirectoryParser {
    let file: String
    var entries: [String: DirectoryEntry] = [:]
    var order: [String] = []
    var errors: [DirectoryError] = []
    var current: DirectoryEntry?
    var sawDirectory = false

    init(file: String) { self.file = file }

    mutating func fail(_ line: Int, _ reason: String) {
        errors.append(DirectoryError(file: file, line: line, reason: reason))
    }

    mutating func parse(_ text: String) {
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = String(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.count <= 80 && line.count > 71 { line = String(line.prefix(71)) }
            let trimmed = line.trimmingWhitespace
            if trimmed.isEmpty || trimmed.hasPrefix("*") { continue }
            let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            statement(words, line: number)
        }
        finishUser()
        checkOverlaps()
    }

    mutating func finishUser() {
        guard let entry = current else { return }
        if entries[entry.userid] != nil {
            fail(entry.line, "user \(entry.userid) is defined twice")
        } else {
            entries[entry.userid] = entry
            order.append(entry.userid)
        }
        current = nil
    }

    mutating func statement(_ words: [String], line: Int) {
        let verb = words[0].uppercased()
        let args = Array(words.dropFirst())
        if verb == "DIRECTORY" {
            if sawDirectory { fail(line, "DIRECTORY appears twice") }
            if current != nil { fail(line, "DIRECTORY must come before the first USER") }
            if args.count != 3 { fail(line, "DIRECTORY needs cuu, device type and volser") }
            sawDirectory = true
            return
        }
        if verb == "USER" {
            finishUser()
            user(args, line: line)
            return
        }
        guard current != nil else {
            fail(line, "\(verb) before any USER statement")
            return
        }
        switch verb {
        case "ACCOUNT": account(args, line: line)
        case "OPTION": option(args, line: line)
        case "IPL": ipl(args, line: line)
        case "CONSOLE": console(args, line: line)
        case "SPOOL": spool(args, line: line)
        case "MDISK": mdisk(args, line: line)
        case "LINK": link(args, line: line)
        case "DEDICATE": dedicate(args, line: line)
        case "SPECIAL": special(args, line: line)
        case "SSHKEY": sshKey(args, line: line)
        default: fail(line, "unknown statement \(verb)")
        }
    }

    // MARK: USER

    mutating func user(_ args: [String], line: Int) {
        guard args.count >= 2 else {
            fail(line, "USER needs at least a userid and a password")
            current = nil
            return
        }
        let userid = args[0].uppercased()
        guard DirectoryParser.isValidUserid(userid) else {
            fail(line, "userid '\(args[0])' must be 1 to 8 letters, digits or @ # $")
            current = nil
            return
        }
        let password: DirectoryPassword
        if args[1].uppercased() == "NOLOG" {
            password = .noLogon
        } else if args[1].hasPrefix("$") {
            guard args[1].hasPrefix("$y$") || args[1].hasPrefix("$6$"), args[1].split(separator: "$").count >= 3 else {
                fail(line, "password hash of \(userid) is neither yescrypt ($y$…) nor SHA-512 crypt ($6$…)")
                current = nil
                return
            }
            password = .hashed(args[1])
        } else {
            password = .plain(args[1].uppercased())
        }
        var entry = DirectoryEntry(userid: userid, password: password, line: line)
        if args.count > 2 {
            guard let size = DirectoryParser.storageSize(args[2]) else {
                fail(line, "storage '\(args[2])' of \(userid) must be like 512K or 4M, at most 16M")
                current = entry
                return
            }
            entry.storage = size
            entry.maximumStorage = size
        }
        if args.count > 3 {
            if let size = DirectoryParser.storageSize(args[3]) {
                entry.maximumStorage = size
                if size < entry.storage { fail(line, "maximum storage of \(userid) is less than its logon storage") }
            } else {
                fail(line, "maximum storage '\(args[3])' of \(userid) must be like 512K or 16M")
            }
        }
        if args.count > 4 {
            if let classes = PrivilegeClasses(letters: args[4]), !classes.isEmpty {
                entry.classes = classes
            } else {
                fail(line, "privilege classes '\(args[4])' of \(userid) must be letters A to H")
            }
        }
        if args.count > 5 {
            if let p = Int(args[5]), (1...99).contains(p) { entry.priority = p } else {
                fail(line, "priority '\(args[5])' of \(userid) must be 1 to 99")
            }
        }
        let editCharacters = Array(args.dropFirst(6))
        for (i, word) in editCharacters.enumerated() where i < 4 {
            guard word.count == 1, let c = word.first else {
                fail(line, "line-editing character '\(word)' must be one character")
                continue
            }
            switch i {
            case 0: entry.lineEnd = c
            case 1: entry.lineDelete = c
            case 2: entry.characterDelete = c
            default: entry.escape = c
            }
        }
        if args.count > 10 { fail(line, "USER has too many operands") }
        current = entry
    }

    static func isValidUserid(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 8 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "@#$".contains($0)) }
    }

    /// "512K", "4M" → bytes (multiple of 4 KB, at most 16 MB).
    static func storageSize(_ s: String) -> Int? {
        let upper = s.uppercased()
        guard let unit = upper.last, unit == "K" || unit == "M", let n = Int(upper.dropLast()), n > 0 else { return nil }
        let bytes = unit == "K" ? n << 10 : n << 20
        guard bytes % 4096 == 0, bytes <= 16 << 20 else { return nil }
        return bytes
    }

    // MARK: Other statements

    mutating func account(_ args: [String], line: Int) {
        guard (1...2).contains(args.count) else { return fail(line, "ACCOUNT needs an account number and optionally a distribution code") }
        current!.account = args[0].uppercased()
        if args.count > 1 { current!.distribution = args[1].uppercased() }
    }

    /// MODEL67 is vm67's: the virtual machine is a System/360 Model 67.
    static let knownOptions: Set<String> = ["REALTIMER", "ECMODE", "MODEL67", "ISAM", "VIRT=REAL", "ACCT", "SVCOFF", "BMX",
                                            "LNKNOPAS", "STFIRST", "AFFINITY", "CPUID", "MAXCONN"]

    mutating func option(_ args: [String], line: Int) {
        var i = 0
        while i < args.count {
            let word = args[i].uppercased()
            guard DirectoryParser.knownOptions.contains(word) else {
                fail(line, "unknown OPTION \(args[i])")
                i += 1
                continue
            }
            if word == "CPUID" {
                guard i + 1 < args.count, args[i + 1].count == 6, UInt32(args[i + 1], radix: 16) != nil else {
                    fail(line, "OPTION CPUID needs six hexadecimal digits")
                    i += 1
                    continue
                }
                current!.cpuid = args[i + 1].uppercased()
                i += 2
                continue
            }
            if word == "AFFINITY" || word == "MAXCONN" {
                guard i + 1 < args.count, Int(args[i + 1]) != nil else {
                    fail(line, "OPTION \(word) needs a number")
                    i += 1
                    continue
                }
                i += 2
                continue
            }
            current!.options.insert(word)
            i += 1
        }
    }

    mutating func ipl(_ args: [String], line: Int) {
        guard !args.isEmpty else { return fail(line, "IPL needs a device address or a system name") }
        current!.ipl = args[0].uppercased()
        if args.count > 1 {
            guard args[1].uppercased() == "PARM", args.count > 2 else {
                return fail(line, "IPL operands after the device or system must be PARM text")
            }
            current!.iplParm = args.dropFirst(2).joined(separator: " ")
        }
    }

    mutating func address(_ word: String, _ what: String, line: Int) -> UInt16? {
        guard word.count <= 4, let a = UInt16(word, radix: 16), a <= 0xFFF else {
            fail(line, "\(what) '\(word)' must be a virtual device address of up to 3 hexadecimal digits")
            return nil
        }
        return a
    }

    mutating func claim(_ address: UInt16, line: Int) {
        let used = (current!.consoleAddress.map { [$0] } ?? []) + current!.spool.map(\.address)
            + current!.minidisks.map(\.address) + current!.links.map(\.address)
            + current!.dedicates.map(\.address) + current!.specials.map(\.address)
        if used.filter({ $0 == address }).count > 1 {
            fail(line, "device \(hex3(address)) of \(current!.userid) is defined twice")
        }
    }

    mutating func console(_ args: [String], line: Int) {
        guard (2...3).contains(args.count) else { return fail(line, "CONSOLE needs a device address, a device type and optionally a spool class") }
        guard let a = address(args[0], "console address", line: line) else { return }
        let type = args[1].uppercased()
        guard ["3215", "1052", "3210", "3270"].contains(type) else {
            return fail(line, "console device type \(args[1]) is not 3215, 1052, 3210 or 3270")
        }
        current!.consoleAddress = a
        current!.consoleType = type
        if args.count > 2 { current!.consoleClass = args[2].uppercased() }
        claim(a, line: line)
    }

    mutating func spool(_ args: [String], line: Int) {
        guard args.count >= 2 else { return fail(line, "SPOOL needs a device address and a device type") }
        guard let a = address(args[0], "spool device address", line: line) else { return }
        let type = args[1].uppercased()
        var rest = Array(args.dropFirst(2)).map { $0.uppercased() }
        var function: String? = nil
        if type == "2540" {
            guard let f = rest.first, f == "READ" || f == "PUNCH" else {
                return fail(line, "SPOOL 2540 needs READ or PUNCH")
            }
            function = f
            rest.removeFirst()
        } else if !["1403", "3211", "3203", "1443", "3505", "3525", "2501"].contains(type) {
            return fail(line, "spool device type \(args[1]) is not a reader, punch or printer")
        }
        let spoolClass = rest.first ?? "A"
        guard spoolClass.count == 1, spoolClass == "*" || spoolClass.first!.isLetter || spoolClass.first!.isNumber else {
            return fail(line, "spool class '\(spoolClass)' must be a letter, a digit or *")
        }
        if rest.count > 1 { return fail(line, "SPOOL has too many operands") }
        current!.spool.append(SpoolDefinition(address: a, deviceType: type, function: function,
                                              spoolClass: spoolClass, line: line))
        claim(a, line: line)
    }

    static let dasdTypes: Set<String> = ["2311", "2314", "2319", "3330", "3340", "3350", "3375", "3380"]

    mutating func mdisk(_ args: [String], line: Int) {
        guard args.count >= 4 else {
            return fail(line, "MDISK needs address, device type, start cylinder (or T-DISK), cylinders and volser")
        }
        guard let a = address(args[0], "minidisk address", line: line) else { return }
        let type = args[1].uppercased()
        guard DirectoryParser.dasdTypes.contains(type) else {
            return fail(line, "minidisk device type \(args[1]) is not a CKD DASD type (\(DirectoryParser.dasdTypes.sorted().joined(separator: " ")))")
        }
        var start: Int? = nil
        var index = 3
        if args[2].uppercased() == "T-DISK" {
            index = 3
        } else {
            guard let s = Int(args[2]), s >= 0 else { return fail(line, "start cylinder '\(args[2])' must be a number") }
            start = s
        }
        guard let count = Int(args[index]), count > 0 else { return fail(line, "cylinder count '\(args[index])' must be a positive number") }
        index += 1
        var volser: String? = nil
        if start != nil {
            guard index < args.count else { return fail(line, "MDISK needs the volume serial") }
            let v = args[index].uppercased()
            guard v.count <= 6, !v.isEmpty else { return fail(line, "volume serial '\(args[index])' must be 1 to 6 characters") }
            volser = v
            index += 1
        }
        var mode = LinkMode.w
        var virtualReserve = false
        if index < args.count {
            var m = args[index].uppercased()
            if m.count > 1 && m.hasSuffix("V") {
                virtualReserve = true
                m.removeLast()
            }
            guard let parsed = LinkMode(rawValue: m) else {
                return fail(line, "link mode '\(args[index])' must be R, RR, W, WR, M, MR or MW (with an optional V)")
            }
            mode = parsed
            index += 1
        }
        let passwords = Array(args.dropFirst(index)).map { $0.uppercased() }
        if passwords.count > 3 { return fail(line, "MDISK has too many operands") }
        current!.minidisks.append(MinidiskDefinition(
            address: a, deviceType: type, startCylinder: start, cylinders: count, volser: volser,
            mode: mode, virtualReserve: virtualReserve,
            readPassword: passwords.count > 0 ? passwords[0] : nil,
            writePassword: passwords.count > 1 ? passwords[1] : nil,
            multiPassword: passwords.count > 2 ? passwords[2] : nil, line: line))
        claim(a, line: line)
    }

    mutating func link(_ args: [String], line: Int) {
        guard args.count == 3 || args.count == 4 else { return fail(line, "LINK needs userid, their address, your address and optionally a mode") }
        let owner = args[0].uppercased()
        guard DirectoryParser.isValidUserid(owner) || owner == "*" else { return fail(line, "LINK userid '\(args[0])' is not a valid userid") }
        guard let from = address(args[1], "linked device address", line: line),
              let to = address(args[2], "device address", line: line) else { return }
        var mode = LinkMode.r
        if args.count == 4 {
            guard let m = LinkMode(rawValue: args[3].uppercased()) else {
                return fail(line, "link mode '\(args[3])' must be R, RR, W, WR, M, MR or MW")
            }
            mode = m
        }
        current!.links.append(LinkDefinition(owner: owner == "*" ? current!.userid : owner,
                                             ownerAddress: from, address: to, mode: mode, line: line))
        claim(to, line: line)
    }

    mutating func dedicate(_ args: [String], line: Int) {
        guard args.count == 2 else { return fail(line, "DEDICATE needs a virtual address and a real address or volser") }
        guard let a = address(args[0], "dedicated device address", line: line) else { return }
        current!.dedicates.append(DedicateDefinition(address: a, real: args[1].uppercased(), line: line))
        claim(a, line: line)
    }

    mutating func special(_ args: [String], line: Int) {
        guard args.count >= 2 else { return fail(line, "SPECIAL needs a virtual address and a device type") }
        guard let a = address(args[0], "special device address", line: line) else { return }
        let type = args[1].uppercased()
        guard ["3270", "TIMER", "CTCA", "2701", "2702", "2703"].contains(type) else {
            return fail(line, "SPECIAL device type \(args[1]) is not 3270, TIMER, CTCA or a 270x line")
        }
        current!.specials.append(SpecialDefinition(address: a, deviceType: type, line: line))
        claim(a, line: line)
    }

    mutating func sshKey(_ args: [String], line: Int) {
        guard args.count >= 2, args[0].hasPrefix("ssh-") || args[0].hasPrefix("ecdsa-"),
              args[1].count > 16, args[1].allSatisfy({ $0.isLetter || $0.isNumber || "+/=".contains($0) }) else {
            return fail(line, "SSHKEY needs an OpenSSH public key: type and base64 data")
        }
        current!.sshKeys.append(args.joined(separator: " "))
    }

    /// Minidisks of different users on the same volume may not overlap
    /// (VM/370 did not check this; vm67 does).
    mutating func checkOverlaps() {
        var byVolume: [String: [(user: String, disk: MinidiskDefinition)]] = [:]
        for userid in order {
            for disk in entries[userid]!.minidisks {
                guard let volser = disk.volser, disk.startCylinder != nil else { continue }
                byVolume[volser, default: []].append((userid, disk))
            }
        }
        for (volser, disks) in byVolume {
            let sorted = disks.sorted { $0.disk.startCylinder! < $1.disk.startCylinder! }
            // The disk reaching furthest so far: any later disk that starts
            // before its end overlaps it.
            var reach: (user: String, disk: MinidiskDefinition)? = nil
            for b in sorted {
                if let a = reach {
                    let aEnd = a.disk.startCylinder! + a.disk.cylinders
                    if b.disk.startCylinder! < aEnd {
                        fail(b.disk.line, "minidisk \(b.user) \(hex3(b.disk.address)) (cylinders \(b.disk.startCylinder!)-\(b.disk.startCylinder! + b.disk.cylinders - 1) on \(volser)) overlaps \(a.user) \(hex3(a.disk.address)) (cylinders \(a.disk.startCylinder!)-\(aEnd - 1), line \(a.disk.line))")
                    }
                    if b.disk.startCylinder! + b.disk.cylinders > aEnd { reach = b }
                } else {
                    reach = b
                }
            }
        }
    }
}


extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }

    var trimmingTrailingBlanks: String {
        var s = Substring(self)
        while let l = s.last, l == " " { s.removeLast() }
        return String(s)
    }
}
