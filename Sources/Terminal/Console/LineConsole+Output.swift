/// Output: lines fill the output area from the top; when it is full and
/// more waits, MORE... shows and a timer runs; at its end (or on CLEAR,
/// PA2) the area is erased and the next screenful comes. ENTER with an
/// empty input area during MORE... freezes the screen (HOLDING) until
/// CLEAR or PA2. [spec §3, "Timers"]
extension LineConsole {
    /// Lines from CP or the guest, in order.
    public mutating func write(_ lines: [String], now: Duration) {
        for line in lines { queued += wrap(codes.ebcdic(line)) }
        drain(now: now)
        if queued.count > configuration.maximumQueuedRows {
            queued.removeFirst(queued.count - configuration.maximumQueuedRows)
        }
    }

    /// Erases the output area (CP's clear, DIAGNOSE X'58' CTL X'FF'); any
    /// waiting output follows at once.
    public mutating func clearOutput(now: Duration) {
        releasePage(now: now)
    }

    /// Freezes the screen in HOLDING (a priority message arrived while a
    /// full-screen guest had the screen).
    public mutating func hold() {
        paging = .holding
        drawStatus()
    }

    /// Runs the MORE... timer: call when `deadline` has passed.
    public mutating func tick(now: Duration) {
        if case .more(let until) = paging, now >= until { releasePage(now: now) }
    }

    /// Erases the output area, ends MORE... or HOLDING and shows what waits.
    mutating func releasePage(now: Duration) {
        eraseOutputArea()
        paging = .none
        drain(now: now)
        drawStatus()
    }

    /// Shows waiting rows while there is room; when the area is full and
    /// rows still wait, MORE... starts (unless the screen is already
    /// paused in MORE... or HOLDING).
    mutating func drain(now: Duration) {
        while !queued.isEmpty {
            if usedRows < layout.outputRows {
                drawOutputRow(usedRows, queued.removeFirst())
                usedRows += 1
            } else {
                if paging == .none { paging = .more(until: now + configuration.moreTimeout) }
                break
            }
        }
        drawStatus()
    }

    /// A line cut into rows of the screen's width; an empty line is one empty row.
    func wrap(_ line: [UInt8]) -> [[UInt8]] {
        let width = layout.size.columns
        guard line.count > width else { return [line] }
        return stride(from: 0, to: line.count, by: width).map { Array(line[$0..<min($0 + width, line.count)]) }
    }
}
