/// The virtual reader's side of DIAGNOSE X'14': handing out the active
/// file buffer by buffer, and listing the queue's SFBLOKs.
extension VirtualReader {
    /// The next spool buffer of the active file, built for the guest's
    /// buffer at `address`; the next file of the reader's class is
    /// activated first when none is. Nil: no file (nothing active
    /// afterwards) or end of file (the file stays active).
    func nextPage(at address: UInt32) -> [UInt8]? {
        if current == nil {
            current = spool.takeNextReaderFile(of: userid, spoolClass: spoolClass)
            nextRecord = 0
            pagesGiven = 0
        }
        guard let file = current else { return nil }
        if pages == nil {
            // DIAGNOSE takes over a file no channel program has read from yet.
            pages = SpoolPages(file)
            pagesGiven = 0
        }
        guard let layout = pages, pagesGiven < layout.count else { return nil }
        defer {
            // A channel program reading on takes the record after this buffer.
            nextRecord = layout.ranges[pagesGiven].upperBound
            pagesGiven += 1
        }
        return layout.bytes(pagesGiven, of: file, at: address)
    }

    enum BlockListing { case block([UInt8]), noMore, none }

    /// The next print (or card) file's SFBLOK: after the one listed last
    /// when the previous call listed the same kind, else from the head of
    /// the queue (the active file first).
    func nextBlock(print: Bool) -> BlockListing {
        let files = (current.map { [$0] } ?? []) + spool.readerFiles(of: userid)
        let kind = files.filter { ($0.origin == .printer || $0.origin == .console) == print }
        var start = 0
        let continuing = listing?.print == print
        if continuing, let last = listing?.lastID {
            guard let index = kind.firstIndex(where: { $0.id == last }) else { return .noMore }
            start = index + 1
        }
        guard start < kind.count else { return continuing ? .noMore : .none }
        let file = kind[start]
        listing = (print, file.id)
        return .block(SpoolFileBlock.bytes(file, active: file.id == current?.id))
    }
}
