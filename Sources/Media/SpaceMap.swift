/// The free space of a compressed image: where new track images and
/// lookup tables can go.
///
/// Space given back while a flush is in progress is only *pending*: the
/// last committed lookup tables may still point at it, so it must not be
/// written over until the flush has committed. `commitPending` then makes
/// it free.
struct SpaceMap: Equatable {
    struct Extent: Equatable {
        var offset: Int
        var length: Int
        var end: Int { offset + length }
    }

    /// Free extents, by offset, none adjacent to another.
    private(set) var free: [Extent] = []
    private(set) var pending: [Extent] = []
    /// The logical end of the file: new space is appended here.
    private(set) var end: Int

    /// A free space must be able to hold its 8-byte chain link, so
    /// allocations either use a free extent exactly or leave at least this much.
    static let minimumFree = 8

    init(end: Int) { self.end = end }

    /// Builds the map from the used extents of an image (unsorted; they
    /// must not overlap) and its length: every gap is free.
    init(used: [Extent], fileEnd: Int) {
        end = fileEnd
        var position = 0
        for e in used.sorted(by: { $0.offset < $1.offset }) {
            if e.offset > position { free.append(Extent(offset: position, length: e.offset - position)) }
            position = max(position, e.end)
        }
        if fileEnd > position { free.append(Extent(offset: position, length: fileEnd - position)) }
        end = max(fileEnd, position)
    }

    var freeBytes: Int { free.reduce(0) { $0 + $1.length } }
    var largestFree: Int { free.map(\.length).max() ?? 0 }

    /// Finds room for `length` bytes: the smallest free extent that fits
    /// exactly or with a usable remainder, else the end of the file.
    mutating func allocate(_ length: Int) -> Int {
        var best: Int? = nil
        for (i, e) in free.enumerated() where e.length == length || e.length >= length + Self.minimumFree {
            if best == nil || e.length < free[best!].length { best = i }
            if e.length == length { break }
        }
        if let i = best {
            let offset = free[i].offset
            if free[i].length == length {
                free.remove(at: i)
            } else {
                free[i].offset += length
                free[i].length -= length
            }
            return offset
        }
        let offset = end
        end += length
        return offset
    }

    /// Gives back space that the committed state may still use.
    mutating func release(offset: Int, length: Int) {
        guard length > 0 else { return }
        pending.append(Extent(offset: offset, length: length))
    }

    /// The flush committed: pending space becomes free.
    mutating func commitPending() {
        for e in pending { insertFree(e) }
        pending.removeAll()
    }

    /// Cuts free space off the end of the file; returns the new end.
    mutating func trimEnd() -> Int {
        while let last = free.last, last.end >= end {
            end = last.offset
            free.removeLast()
        }
        return end
    }

    private mutating func insertFree(_ e: Extent) {
        var i = free.firstIndex { $0.offset > e.offset } ?? free.count
        free.insert(e, at: i)
        if i > 0 && free[i - 1].end == free[i].offset {
            free[i - 1].length += free[i].length
            free.remove(at: i)
            i -= 1
        }
        if i + 1 < free.count && free[i].end == free[i + 1].offset {
            free[i].length += free[i + 1].length
            free.remove(at: i + 1)
        }
    }
}
