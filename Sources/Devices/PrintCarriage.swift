/// The paper in a line printer: which line of the page the print line is
/// on, and the text that moving it makes in the output file.
///
/// The output is text: each printed line, then `\n` per line the paper
/// moves, `\r` to overprint, and a form feed when a skip goes on to the
/// next page. This is the layout Hercules 3.13 writes, byte for byte (with
/// `crlf` every printed line gets a `\r`, and overprinting and skips to
/// channel 1 one more), so that printer files of the two emulators compare.
/// Two differences are deliberate, where vm67 does what a carriage does:
/// after printing, a skip to a channel punched at the current line moves
/// the paper on to the next such line (the next page, for channel 1), where
/// Hercules stays and the next line overprints; and spacing past the last
/// line of a page continues at the top of the next, where Hercules keeps
/// counting lines and so ejects an extra page at the next skip.
struct PrintCarriage {
    var fcb: FormsControlBuffer
    /// Current line, 1 … fcb.linesPerPage.
    private(set) var line = 1
    /// Something was printed on the current line since the paper last moved.
    private(set) var linePrinted = false
    let crlf: Bool

    enum Motion: Equatable {
        /// Overprint: the next line prints over this one.
        case none
        case space(Int)
        case skip(channel: Int)
    }

    /// What a carriage operation produced.
    struct Outcome: Equatable {
        var output: [UInt8] = []
        /// Spacing reached a line punched in channel 9 or 12 (page overflow).
        var channel9 = false
        var channel12 = false
        /// A skip to a channel punched nowhere (the paper would run away).
        var channelMissing = false
    }

    init(fcb: FormsControlBuffer, crlf: Bool) {
        self.fcb = fcb
        self.crlf = crlf
    }

    /// Prints `text` (already translated, trailing blanks dropped) on the
    /// current line, then moves the paper.
    mutating func print(_ text: [UInt8], then motion: Motion) -> Outcome {
        var outcome = Outcome(output: text)
        if crlf { outcome.output.append(0x0D) }
        if motion == .none || motion == .skip(channel: 1) { outcome.output.append(0x0D) }
        linePrinted = true
        move(motion, &outcome)
        return outcome
    }

    /// Moves the paper without printing (space and skip immediate).
    mutating func move(_ motion: Motion) -> Outcome {
        var outcome = Outcome()
        move(motion, &outcome)
        return outcome
    }

    private mutating func move(_ motion: Motion, _ outcome: inout Outcome) {
        switch motion {
        case .none:
            break
        case .space(let count):
            for _ in 0..<count {
                line = line % fcb.linesPerPage + 1
                outcome.output.append(0x0A)
                if fcb.has(channel: 9, at: line) { outcome.channel9 = true }
                if fcb.has(channel: 12, at: line) { outcome.channel12 = true }
            }
            if count > 0 { linePrinted = false }
        case .skip(let channel):
            // Already at a line with the channel and nothing printed on it: stay.
            if fcb.has(channel: channel, at: line) && !linePrinted { return }
            guard let target = fcb.nextLine(after: line, channel: channel) else {
                outcome.channelMissing = true
                return
            }
            if target > line {
                outcome.output += [UInt8](repeating: 0x0A, count: target - line)
            } else {
                outcome.output.append(0x0C)
                outcome.output += [UInt8](repeating: 0x0A, count: target - 1)
            }
            line = target
            linePrinted = false
        }
    }

    /// A new forms control buffer (LOAD FCB): the paper is taken to be at its first line.
    mutating func load(_ buffer: FormsControlBuffer) {
        fcb = buffer
        line = 1
    }
}
