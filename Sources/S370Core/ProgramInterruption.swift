/// A program interruption raised by an instruction, or one of the internal
/// signals that leave the instruction loop the same way (they never reach the
/// guest). Instruction bodies throw it; the loop turns it into a PSW swap.
public struct ProgramInterruption: Error, Equatable, Sendable {
    /// The interruption code (low 16 bits as stored), or an internal signal above 0xFFFF.
    public let code: UInt32

    @inline(__always)
    public init(_ code: UInt32) { self.code = code }

    public static let operation = ProgramInterruption(0x01)
    public static let privilegedOperation = ProgramInterruption(0x02)
    public static let execute = ProgramInterruption(0x03)
    public static let protection = ProgramInterruption(0x04)
    public static let addressing = ProgramInterruption(0x05)
    public static let specification = ProgramInterruption(0x06)
    public static let data = ProgramInterruption(0x07)
    public static let fixedPointOverflow = ProgramInterruption(0x08)
    public static let fixedPointDivide = ProgramInterruption(0x09)
    public static let decimalOverflow = ProgramInterruption(0x0A)
    public static let decimalDivide = ProgramInterruption(0x0B)
    public static let exponentOverflow = ProgramInterruption(0x0C)
    public static let exponentUnderflow = ProgramInterruption(0x0D)
    public static let significance = ProgramInterruption(0x0E)
    public static let floatingPointDivide = ProgramInterruption(0x0F)
    public static let segmentTranslation = ProgramInterruption(0x10)
    public static let pageTranslation = ProgramInterruption(0x11)
    public static let translationSpecification = ProgramInterruption(0x12)
    public static let specialOperation = ProgramInterruption(0x13)
    public static let monitorEvent = ProgramInterruption(0x40)

    // Internal signals (never stored as an interruption code).

    /// The instruction completed and changed state the loop must look at
    /// (masks, wait bit, timers, control registers): finish the slice.
    static let recheck = ProgramInterruption(0x1_0000)
    /// The instruction needs the layer above (I/O, DIAGNOSE, SIGP); the
    /// details are in `CPUState.pendingIntercept`.
    static let intercept = ProgramInterruption(0x1_0001)

    /// Whether this is a guest-visible program interruption code.
    public var isGuestVisible: Bool { code <= 0xFFFF }

    /// Page and segment translation exceptions nullify: the old PSW points at
    /// the instruction, which runs again once the page is in.
    var nullifies: Bool {
        let base = code & 0x3F
        return base == 0x10 || base == 0x11
    }

    public var name: String {
        switch code & 0x7F {
        case 0x01: return "operation"
        case 0x02: return "privileged-operation"
        case 0x03: return "execute"
        case 0x04: return "protection"
        case 0x05: return "addressing"
        case 0x06: return "specification"
        case 0x07: return "data"
        case 0x08: return "fixed-point-overflow"
        case 0x09: return "fixed-point-divide"
        case 0x0A: return "decimal-overflow"
        case 0x0B: return "decimal-divide"
        case 0x0C: return "exponent-overflow"
        case 0x0D: return "exponent-underflow"
        case 0x0E: return "significance"
        case 0x0F: return "floating-point-divide"
        case 0x10: return "segment-translation"
        case 0x11: return "page-translation"
        case 0x12: return "translation-specification"
        case 0x13: return "special-operation"
        case 0x40: return "monitor-event"
        default: return "code \(String(code, radix: 16))"
        }
    }
}
