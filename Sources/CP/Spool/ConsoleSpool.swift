import Foundation
import Media
import Synchronization

/// Console spooling (SPOOL CONSOLE START): every line the user's console
/// shows or the user types, CP's responses included, becomes a print line
/// of an open printer spool file, which CLOSE CONSOLE, SPOOL CONSOLE STOP
/// CLOSE and LOGOFF close (VM/370 CP Command Reference, SPOOL). The file's
/// class is the directory CONSOLE statement's spool class (T by default);
/// like a printer's, it goes to the system printer queue under the user's
/// name, or to a user's reader when spooled TO someone.
///
/// Lines come from any thread (another user's MSG reaches the console from
/// that user's worker), so the open file is behind its own lock; closing
/// takes the records out under the lock and hands them to the spool outside
/// it, so two consoles spooled to each other never wait on each other.
final class ConsoleSpool: Sendable {
    /// The console's SPOOL options, as QUERY VIRTUAL shows them.
    struct Options: Sendable {
        var spoolClass: Character
        var copies = 1
        var hold = false
        /// CONT: CLOSE does not end the file (only LOGOFF, or CLOSE after NOCONT).
        var continuous = false
        var target: String?
        var forUser: String?
        /// NOTERM: while spooling, the terminal shows nothing (the file gets it all).
        var terminal = true
    }

    private struct State {
        var started = false
        var options: Options
        var records: [[UInt8]] = []
    }

    private let state: Mutex<State>

    /// The longest print line a console file record holds: a 1403's 132
    /// print positions. Longer console lines continue on the next line.
    static let lineWidth = 132
    /// Write, then space one line: each console line is one printed line.
    static let writeAndSpace: UInt8 = 0x09

    init(spoolClass: Character) {
        state = Mutex(State(options: Options(spoolClass: spoolClass)))
    }

    var started: Bool { state.withLock { $0.started } }
    var options: Options { state.withLock { $0.options } }
    /// Lines in the open file.
    var openRecordCount: Int { state.withLock { $0.records.count } }

    func setStarted(_ started: Bool) { state.withLock { $0.started = started } }

    func update(_ change: (inout Options) -> Void) { state.withLock { change(&$0.options) } }

    /// Records `lines` when spooling is started; returns whether the
    /// terminal shows them too (not while spooling NOTERM).
    func record(_ lines: [String]) -> Bool {
        state.withLock { s in
            guard s.started else { return true }
            for line in lines {
                var text = Substring(line)
                repeat {
                    s.records.append([Self.writeAndSpace] + CodePage.cp037.ebcdic(text.prefix(Self.lineWidth)))
                    text = text.dropFirst(Self.lineWidth)
                } while !text.isEmpty
            }
            return s.options.terminal
        }
    }

    /// CLOSE: the open file as it goes to the spool (nil: nothing written,
    /// or CONT keeps it open and `force` is false), the records taken out.
    func take(owner userid: String, distribution: String, force: Bool,
              options close: VirtualSpoolWriter.CloseOptions = .init()) -> SpoolFile? {
        let taken = state.withLock { s -> (records: [[UInt8]], options: Options)? in
            guard !s.records.isEmpty, force || !s.options.continuous else { return nil }
            defer { s.records = [] }
            return (s.records, s.options)
        }
        guard let (records, options) = taken else { return nil }
        let to = close.target ?? options.target
        // As from a printer: each line keeps its CCW command byte in a reader too.
        return SpoolFile(id: 0, queue: to == nil ? .printer : .reader, owner: to ?? options.forUser ?? userid,
                         from: userid, origin: .console, spoolClass: options.spoolClass, records: records,
                         name: close.name ?? "", type: close.type ?? "",
                         distribution: close.distribution ?? distribution, copies: options.copies,
                         hold: close.hold ?? options.hold, created: Date())
    }

    /// CLOSE … PURGE: the open file is thrown away.
    func discard() { state.withLock { $0.records = [] } }
}

extension VirtualMachine {
    /// Closes the console spool file (CLOSE CONSOLE, SPOOL CONSOLE … CLOSE,
    /// LOGOFF): it joins the printer queue or the target's reader. With
    /// `announce` the closer sees where a file sent TO someone went, as for
    /// a printer (`PRT FILE 0012 TO BOB COPY 01 NOHOLD`). `force`: LOGOFF
    /// closes a CONT file too.
    @discardableResult
    func closeConsoleSpool(announce: Bool, force: Bool = false,
                           options: VirtualSpoolWriter.CloseOptions = .init()) -> SpoolFile? {
        guard let draft = console.spool.take(owner: userid, distribution: entry.distribution ?? userid, force: force,
                                             options: options),
              let file = cp.spool.add(draft) else { return nil }
        if file.queue == .reader {
            if announce { say(SpoolNotices.sent(file)) }
            cp.announceArrival(file, from: userid)
        }
        return file
    }
}
