import Channel
import Devices
import Foundation
import Media

/// A scratch directory for tape tests, removed afterwards.
final class TapeScratch {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-drive-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ file: String) -> String { url.appendingPathComponent(file).path }
}

/// A 3420 with a reel holding `blocks` (nil entries are tape marks), rewound.
func driveWithReel(_ scratch: TapeScratch, _ blocks: [[UInt8]?], readOnly: Bool = false,
                   capacity: TapeCapacity? = nil, type: UInt16 = 0x3420, file: String = "reel.aws") throws -> Tape3420 {
    let writer = try TapeMedium(path: scratch.path(file), create: true)
    for block in blocks {
        if let block { try writer.write(block) } else { try writer.writeTapeMark() }
    }
    try writer.close()
    let reel = try TapeMedium(path: scratch.path(file), readOnly: readOnly, capacity: capacity)
    let drive = Tape3420(type: type)
    drive.mount(reel)
    return drive
}

extension Tape3420 {
    /// Runs one command that finishes at once (every tape command does).
    @discardableResult
    func run(_ code: UInt8, count: Int = 0, data: [UInt8] = [], chained: Bool = false) -> DeviceResult {
        let command = DeviceCommand(code: code, count: data.isEmpty ? max(count, 1) : data.count, data: data, chained: chained)
        guard case .finished(let result) = start(command) else {
            fatalError("tape command \(code) left pending")
        }
        return result
    }

    /// The sense bytes (the sense command).
    func senseBytes() -> [UInt8] { run(0x04, count: 24).data }
}

extension UnitStatus {
    static let check: UnitStatus = [.channelEnd, .deviceEnd, .unitCheck]
    static let exception: UnitStatus = [.channelEnd, .deviceEnd, .unitException]
}
