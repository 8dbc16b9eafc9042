import Synchronization

/// Which real cylinders a minidisk is: the volume and its first cylinder.
/// Two links to the same minidisk (the owner's and another user's LINK)
/// have the same key.
struct MinidiskKey: Hashable, Sendable {
    let volser: String
    let firstCylinder: Int
}

/// Every current link to every minidisk, owned here and nowhere else, so
/// that the mode rules of VM/370 (spec §6) see all users at once.
final class MinidiskLinks: Sendable {
    struct Link: Sendable, Equatable {
        let userid: String
        let address: UInt16
        let write: Bool
    }

    /// What a link request gets.
    enum Grant: Equatable {
        case write
        case read
        /// A read link in place of the write link asked for, with the warning.
        case forcedReadOnly(CPMessage)
        case refused(CPMessage)

        var linked: Bool {
            if case .refused = self { return false }
            return true
        }
        var writable: Bool { self == .write }
    }

    private let table = Mutex<[MinidiskKey: [Link]]>([:])

    /// Links `userid`'s `address` to the minidisk in `mode`, following the
    /// table of spec §6: R and M refuse when someone writes, W refuses any
    /// link, the R-suffixed modes fall back to a read link, RR and MW always
    /// succeed.
    /// Messages name the disk as its owner knows it (`MAINT 190`).
    func link(_ key: MinidiskKey, userid: String, address: UInt16, mode: LinkMode,
              owner: String? = nil, ownerAddress: UInt16? = nil) -> Grant {
        let named = "\(owner ?? userid) \(hex3(ownerAddress ?? address))"
        return table.withLock { table in
            let others = (table[key] ?? []).filter { !($0.userid == userid && $0.address == address) }
            let writers = others.filter(\.write)
            let readers = others.filter { !$0.write }
            let grant: Grant
            switch mode {
            case .rr:
                grant = .read
            case .r:
                grant = writers.isEmpty ? .read : .refused(Self.notLinked(named, writers, readers))
            case .w:
                grant = others.isEmpty ? .write : .refused(Self.notLinked(named, writers, readers))
            case .wr:
                grant = others.isEmpty ? .write : .forcedReadOnly(Self.forced(address, writers, readers))
            case .m:
                grant = writers.isEmpty ? .write : .refused(Self.notLinked(named, writers, readers))
            case .mr:
                grant = writers.isEmpty ? .write : .forcedReadOnly(Self.forced(address, writers, readers))
            case .mw:
                grant = .write
            }
            if grant.linked {
                table[key] = others + [Link(userid: userid, address: address, write: grant.writable)]
            }
            return grant
        }
    }

    /// Drops one link (DETACH).
    func unlink(_ key: MinidiskKey, userid: String, address: UInt16) {
        table.withLock { table in
            let rest = (table[key] ?? []).filter { !($0.userid == userid && $0.address == address) }
            table[key] = rest.isEmpty ? nil : rest
        }
    }

    /// The links to one minidisk (QUERY LINKS).
    func links(_ key: MinidiskKey) -> [Link] { table.withLock { $0[key] ?? [] } }

    // The texts follow VM/370's DMKLNK messages: who holds the disk, by
    // name when it is one writer, by count otherwise.
    private static func holders(_ writers: [Link], _ readers: [Link]) -> String {
        if writers.count == 1 { return "R/W BY \(writers[0].userid)" }
        if writers.count > 1 { return "R/W BY \(count(writers)) USERS" }
        return "R/O BY \(count(readers)) USERS"
    }

    private static func count(_ links: [Link]) -> String {
        let n = String(Set(links.map(\.userid)).count)
        return String(repeating: "0", count: max(0, 3 - n.count)) + n
    }

    static func forced(_ address: UInt16, _ writers: [Link], _ readers: [Link]) -> CPMessage {
        let number = writers.isEmpty ? 101 : (writers.count == 1 ? 102 : 103)
        return CPMessage("LNK", number, "W", "DASD \(hex3(address)) FORCED R/O; \(holders(writers, readers))")
    }

    static func notLinked(_ disk: String, _ writers: [Link], _ readers: [Link]) -> CPMessage {
        let number = writers.isEmpty ? 104 : (writers.count == 1 ? 105 : 106)
        return CPMessage("LNK", number, "E", "\(disk) NOT LINKED; \(holders(writers, readers))")
    }
}
