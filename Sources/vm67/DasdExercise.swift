import ArgumentParser
import Foundation
import Media

/// `vm67 dasd exercise FILE`: writes and flushes a volume round after round
/// and prints `flushed N` after each flush that returned. The crash tests
/// kill it at random moments and check what the volume holds afterwards.
/// Not shown in help.
struct DasdExercise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercise",
        abstract: "Write and flush a volume in rounds (for crash tests).",
        shouldDisplay: false
    )

    @Argument(help: "An existing volume; its tracks are overwritten.")
    var file: String
    @Option(help: "Rounds to run.")
    var rounds: Int = 1_000_000
    @Option(name: .customLong("first-round"), help: "Number of the first round.")
    var firstRound: Int = 1

    /// Whether round `round` writes track `track` (a fixed rule the tests share).
    static func writes(round: Int, track: Int) -> Bool { (track * 7 + round) % 5 == 0 }

    /// The image round `round` writes on a track: R0, then one record whose
    /// data starts with the round and track numbers and whose length and
    /// filler depend on both, so a torn or misplaced image shows.
    static func image(cylinder: Int, head: Int, heads: Int, round: Int, maximum: Int) -> [UInt8] {
        let track = cylinder * heads + head
        let length = 16 + (round * 37 + track * 11) % max(1, min(8000, maximum - 16))
        var data = [UInt8](repeating: 0, count: length)
        for i in 0..<4 {
            data[i] = UInt8(truncatingIfNeeded: round >> (24 - 8 * i))
            data[4 + i] = UInt8(truncatingIfNeeded: track >> (24 - 8 * i))
        }
        for i in 8..<length { data[i] = UInt8(truncatingIfNeeded: i &* 31 &+ round &+ track) }
        return TrackImage.build(cylinder: cylinder, head: head, records: [
            TrackImage.Record(cylinder: UInt16(cylinder), head: UInt16(head), record: 0, data: [UInt8](repeating: 0, count: 8)),
            TrackImage.Record(cylinder: UInt16(cylinder), head: UInt16(head), record: 1, data: data),
        ])
    }

    func run() throws {
        let volume = try DASDImage.open(file, readOnly: false)
        let tracks = volume.cylinders * volume.heads
        for round in firstRound..<(firstRound + rounds) {
            for track in 0..<tracks where Self.writes(round: round, track: track) {
                try volume.writeTrack(cylinder: track / volume.heads, head: track % volume.heads,
                                      Self.image(cylinder: track / volume.heads, head: track % volume.heads, heads: volume.heads,
                                                 round: round, maximum: volume.geometry.maximumRecordLength))
            }
            try volume.flush()
            print("flushed \(round)")
            fflush(nil)
        }
        try volume.close()
    }
}
