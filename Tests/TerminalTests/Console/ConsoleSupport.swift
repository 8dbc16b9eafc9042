import Synchronization
import Terminal

extension CodeTable {
    /// The test code page (Support.swift's subset of 037).
    static let test: CodeTable = {
        var from = [UInt8](repeating: 0x6F, count: 256)
        for (ch, code) in Ebcdic.map { from[Int(ch.asciiValue!)] = code }
        return CodeTable(toLatin1: Ebcdic.table, fromLatin1: from)
    }()
}

/// A clock the test moves by hand.
final class FakeClock: ConsoleClock {
    private let time = Mutex(Duration.zero)
    var now: Duration { time.withLock { $0 } }
    func advance(_ d: Duration) { time.withLock { $0 += d } }
}

extension LineConsole {
    /// A fresh 24×80 console with the test code page.
    static func test(_ configuration: Configuration = .init(moreTimeout: .seconds(60))) -> LineConsole {
        LineConsole(configuration: configuration, codes: .test)
    }

    var lines: [String] { screen.lines(table: Ebcdic.table) }

    mutating func type(_ text: String, now: Duration = .zero) {
        for scalar in text.unicodeScalars { _ = press(.character(scalar), now: now) }
    }

    /// The status area's text (the end of the last row).
    var statusText: String {
        String(lines[layout.size.rows - 1].dropFirst(layout.size.columns - 20)).trimmingBlanks
    }
}

extension String {
    var trimmingBlanks: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// Rows padded to the width, for golden comparisons written short.
func padded(_ rows: [String], width: Int = 80) -> [String] {
    rows.map { $0 + String(repeating: " ", count: max(0, width - $0.count)) }
}
