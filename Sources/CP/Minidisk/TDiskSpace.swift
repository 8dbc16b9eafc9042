import Synchronization

/// The system's temporary-disk space: the TDISK extents of the system
/// configuration, handed out by cylinder ranges (first fit) and taken back at
/// DETACH or LOGOFF. The space is cleared when it is handed out, so nobody
/// reads what the previous holder wrote (spec §6), even after a crash.
final class TDiskSpace: Sendable {
    struct Allocation: Sendable, Equatable {
        let volser: String
        let firstCylinder: Int
        let cylinders: Int
        var key: MinidiskKey { MinidiskKey(volser: volser, firstCylinder: firstCylinder) }
    }

    private let pools: [SystemConfiguration.TDiskPool]
    private let inUse = Mutex<[Allocation]>([])

    init(pools: [SystemConfiguration.TDiskPool]) {
        self.pools = pools
    }

    /// Cylinders in all pools, and those free (QUERY TDISK / INDICATE).
    var totalCylinders: Int { pools.reduce(0) { $0 + $1.cylinders } }
    var freeCylinders: Int { totalCylinders - inUse.withLock { $0.reduce(0) { $0 + $1.cylinders } } }

    /// `cylinders` contiguous cylinders from the first pool that has them.
    func allocate(cylinders: Int) -> Allocation? {
        guard cylinders > 0 else { return nil }
        return inUse.withLock { used in
            for pool in pools {
                let taken = used.filter { $0.volser == pool.volser }
                    .sorted { $0.firstCylinder < $1.firstCylinder }
                var next = pool.firstCylinder
                let end = pool.firstCylinder + pool.cylinders
                for allocation in taken + [Allocation(volser: pool.volser, firstCylinder: end, cylinders: 0)] {
                    let holeEnd = min(max(allocation.firstCylinder, next), end)
                    if allocation.firstCylinder >= next, holeEnd - next >= cylinders {
                        let grant = Allocation(volser: pool.volser, firstCylinder: next, cylinders: cylinders)
                        used.append(grant)
                        return grant
                    }
                    next = max(next, allocation.firstCylinder + allocation.cylinders)
                }
            }
            return nil
        }
    }

    func release(_ allocation: Allocation) {
        inUse.withLock { used in used.removeAll { $0 == allocation } }
    }
}
