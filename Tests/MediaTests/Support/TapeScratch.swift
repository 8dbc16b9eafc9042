import Foundation
import Media

/// A scratch directory for one test, removed when the value goes away.
final class TapeScratch {
    let url: URL

    init(_ name: String = "tape") {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("vm67-\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ file: String) -> String { url.appendingPathComponent(file).path }

    func write(_ bytes: [UInt8], to file: String) -> String {
        let p = path(file)
        _ = FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }

    func bytes(of file: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path(file))))) ?? []
    }
}

/// A tape's contents as a test describes it: blocks and tape marks.
enum Item: Equatable, CustomStringConvertible {
    case block([UInt8])
    case mark

    var description: String {
        switch self {
        case .block(let b): return "block(\(b.count))"
        case .mark: return "mark"
        }
    }
}

extension TapeMedium {
    /// Writes `items` from the current place.
    func record(_ items: [Item]) throws {
        for item in items {
            switch item {
            case .block(let b): try write(b)
            case .mark: try writeTapeMark()
            }
        }
    }

    /// Reads from the current place to the end of data.
    func readAll() throws -> [Item] {
        var items: [Item] = []
        while true {
            switch try readForward() {
            case .block(let b): items.append(.block(b))
            case .tapeMark: items.append(.mark)
            case .endOfData, .loadPoint: return items
            }
        }
    }
}

/// Deterministic pseudo-random numbers (SplitMix64), so failures repeat.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Test data: text-like (compressible) or noise (not).
func sampleBlock(_ length: Int, seed: UInt64, compressible: Bool = true) -> [UInt8] {
    var random = SeededRandom(seed: seed)
    if compressible {
        let words: [[UInt8]] = [[0xC8, 0xC5, 0xD3, 0xD3, 0xD6], [0x40], [0xE6, 0xD6, 0xD9, 0xD3, 0xC4], [0xF1, 0xF2]]
        var out: [UInt8] = []
        while out.count < length { out += words[Int(random.next() % 4)] }
        return Array(out.prefix(length))
    }
    return (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
}
