import Channel
import Media

/// IBM 1403 and 3211 line printers, printing to a text file.
///
/// Commands (the low three bits say write or control; the high five the
/// carriage motion, after printing for a write, at once for a control):
///
///     01  write, no space (overprint)      03  no operation
///     09  write, space 1 line              0B  space 1 line immediate
///     11  write, space 2 lines             13  space 2 lines immediate
///     19  write, space 3 lines             1B  space 3 lines immediate
///     89 … E1  write, skip to channel 1–12 8B … E3  skip to channel 1–12 immediate
///     04  sense (one byte)
///
/// UCS commands are accepted and their data ignored: gate load (EB), load
/// UCS buffer (FB) and load and fold (F3) — on a 1403 only right after a
/// gate load in the same chain — block and allow data check (73, 7B); the
/// 3211 also has fold and unfold (43, 23) and LOAD FCB (63), which loads
/// its forms control buffer. Folding prints lower case as upper case.
///
/// Page overflow: when spacing (not skipping) brings the paper to a line
/// punched in channel 12, the command ends with unit exception, which
/// comes with device end after channel end; channel 9 sets sense bit 7
/// (and on the 3211, whose forms control buffer has no separate overflow
/// line, unit exception too).
public final class Printer: ChannelDevice, @unchecked Sendable {
    public let deviceType: UInt16
    public let codePage: CodePage
    /// Print positions per line (1403 N1 and 3211: 132).
    public let lineLength = 132
    private let output: OutputSink
    private var carriage: PrintCarriage
    private var fold = false
    /// Print-position index from a 3211 FCB load (positive: shift right).
    private var index = 0
    private var sense: UInt8 = 0
    /// The previous command of the channel program (UCS loads follow a gate load).
    private var previousCode: UInt8?

    static let commandReject: UInt8 = 0x80
    static let interventionRequired: UInt8 = 0x40
    static let equipmentCheck: UInt8 = 0x10
    static let loadCheck: UInt8 = 0x02
    static let channel9: UInt8 = 0x01

    /// Virtual microseconds for a print line or paper motion.
    public static let printTime = 1_000

    public init(type: UInt16 = 0x1403, output: OutputSink, codePage: CodePage = .cp037,
                fcb: FormsControlBuffer = .standard, crlf: Bool = false) {
        self.deviceType = type
        self.output = output
        self.codePage = codePage
        self.carriage = PrintCarriage(fcb: fcb, crlf: crlf)
    }

    private var is3211: Bool { deviceType == 0x3211 }

    public func attach(_ port: DevicePort) {}

    public func start(_ command: DeviceCommand) -> DeviceResponse {
        let previous = command.chained ? previousCode : nil
        previousCode = command.code
        if command.kind == .sense {
            guard command.code == 0x04 else { return reject() }
            let byte = sense
            sense = 0
            return .finished(DeviceResult(data: [byte]))
        }
        switch command.kind {
        case .write:
            guard let motion = Self.motion(command.code >> 3) else { return reject() }
            return write(command.data, motion)
        case .control:
            return control(command, previous: previous)
        default:
            return reject()
        }
    }

    /// The carriage motion encoded in the five high bits of a command.
    static func motion(_ bits: UInt8) -> PrintCarriage.Motion? {
        switch bits {
        case 0: return PrintCarriage.Motion.none
        case 1, 2, 3: return .space(Int(bits))
        case 0x11...0x1C: return .skip(channel: Int(bits - 0x10))
        default: return nil
        }
    }

    private func write(_ data: [UInt8], _ motion: PrintCarriage.Motion) -> DeviceResponse {
        let line = Array(data.prefix(lineLength))
        let outcome = carriage.print(printable(line), then: motion)
        return finish(outcome, accepted: line.count)
    }

    private func control(_ command: DeviceCommand, previous: UInt8?) -> DeviceResponse {
        let code = command.code
        switch code {
        case 0x03, 0x73, 0x7B, 0xEB:
            sense = 0
            return .finished(DeviceResult())
        case 0xFB, 0xF3:
            // The UCS image itself is not kept: the output is text.
            if !is3211 && previous != 0xEB { return reject() }
            fold = code == 0xF3
            sense = 0
            return .finished(DeviceResult(duration: Self.printTime))
        case 0x23, 0x43:
            guard is3211 else { return reject() }
            fold = code == 0x43
            sense = 0
            return .finished(DeviceResult())
        case 0x63:
            guard is3211 else { return reject() }
            guard let (fcb, newIndex) = FormsControlBuffer.load3211Image(command.data) else {
                sense = Self.loadCheck
                return .finished(.unitCheck())
            }
            carriage.load(fcb)
            index = newIndex
            sense = 0
            return .finished(DeviceResult(duration: Self.printTime))
        default:
            guard let motion = Self.motion(code >> 3), motion != .none else { return reject() }
            // Any bytes offered with a control command are taken (and ignored),
            // so an immediate command never shows incorrect length.
            return immediate(finish(carriage.move(motion), accepted: nil))
        }
    }

    /// Writes the output and turns the carriage outcome into status.
    private func finish(_ outcome: PrintCarriage.Outcome, accepted: Int?) -> DeviceResponse {
        sense = outcome.channel9 ? Self.channel9 : 0
        do {
            try output.write(outcome.output)
        } catch {
            sense = Self.equipmentCheck
            return .finished(.unitCheck(duration: Self.printTime))
        }
        if outcome.channelMissing {
            sense = Self.equipmentCheck
            return .finished(.unitCheck(duration: Self.printTime))
        }
        if outcome.channel12 || (is3211 && outcome.channel9) {
            // Sensed as the carriage moves: unit exception comes with device
            // end, after channel end (2821), so a program that retries on
            // channel end with unit exception does not print the line twice.
            return .finished(DeviceResult(accepted: accepted, deviceEndAfter: Self.printTime,
                                          withDeviceEnd: .unitException))
        }
        return .finished(DeviceResult(accepted: accepted, duration: Self.printTime))
    }

    /// Space and skip immediate are immediate operations (2821): channel
    /// end in the initial status, so START I/O ends with CC 1, and device end
    /// once the carriage has moved.
    private func immediate(_ response: DeviceResponse) -> DeviceResponse {
        guard case .finished(var result) = response, result.status == .done, result.deviceEndAfter == nil else {
            return response
        }
        result.deviceEndAfter = result.duration
        result.duration = 0
        return .finished(result)
    }

    private func reject() -> DeviceResponse {
        sense = Self.commandReject
        return .finished(.unitCheck())
    }

    public func reset() {
        sense = 0
        previousCode = nil
    }

    /// Print-line bytes → UTF-8 text: folded if asked, indexed, nulls and
    /// control characters as blanks, trailing blanks dropped.
    private func printable(_ line: [UInt8]) -> [UInt8] {
        let folded = fold ? line.map { Self.isLowerCase($0) ? $0 + 0x40 : $0 } : line
        let indent = index > 1 ? [UInt8](repeating: 0x40, count: index - 1) : []
        return codePage.printableText(indent + folded)
    }

    /// EBCDIC lower-case letters (a–i, j–r, s–z), which fold to X'40' higher.
    static func isLowerCase(_ byte: UInt8) -> Bool {
        (0x81...0x89).contains(byte) || (0x91...0x99).contains(byte) || (0xA2...0xA9).contains(byte)
    }
}
