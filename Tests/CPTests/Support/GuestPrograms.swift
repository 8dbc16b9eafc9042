import Assembler
import Testing

/// Small stand-alone guests, assembled for the tests: each becomes an IPL
/// card deck that a test puts in a user's reader and IPLs.
enum GuestPrograms {
    /// Assembles `source` and returns its IPL deck as 80-byte cards.
    static func deck(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[UInt8]] {
        let assembly = Assembler.assemble(source: source)
        if !assembly.succeeded { throw TestFailure("the test program does not assemble: \(assembly.errors)") }
        let bytes = assembly.iplDeck()
        return stride(from: 0, to: bytes.count, by: 80).map { Array(bytes[$0..<min($0 + 80, bytes.count)]) }
    }

    /// Writes `text` on the console at 009, then loads a disabled wait PSW
    /// whose address is `code`.
    static func hello(_ text: String, code: Int = 0x123) -> String {
        """
                 START X'200'
        HELLO    BALR  12,0
                 USING *,12
                 MVC   X'48'(4),CAW        CAW: the write CCW
                 SIO   X'009'
                 BC    7,*-4               busy (CC 2) or pending: try again
        WAITIO   TIO   X'009'
                 BC    7,WAITIO            until the device is free
                 LPSW  DONE
                 DS    0D
        DONE     DC    X'00020000',A(\(code))
        CAW      DC    A(CCW)
                 DS    0D
        CCW      DC    X'09',AL3(MSG),X'20',X'00',AL2(L'MSG)
        MSG      DC    C'\(text)'
                 END   HELLO
        """
    }

    /// Loops forever on one instruction.
    static let loop = """
             START X'200'
    BEGIN    BALR  12,0
             USING *,12
    LOOP     B     LOOP
             END   BEGIN
    """

    /// Runs into an operation exception at an address whose program new PSW
    /// points back at the same failing instruction: a program-check loop.
    static let programCheckLoop = """
             START X'0'
             DC    XL8'00'
             ORG   X'68'
             DC    X'00000000',A(BAD)     program new PSW: the bad instruction
             ORG   X'200'
    START    BALR  12,0
             USING *,12
             LPSW  GO
             DS    0D
    GO       DC    X'00000000',A(BAD)
    BAD      DC    X'0000'                not an instruction
             END   START
    """

    /// Loads a disabled wait PSW at once.
    static let disabledWait = """
             START X'200'
    GO       BALR  12,0
             USING *,12
             LPSW  WAIT
             DS    0D
    WAIT     DC    X'000200000000BEEF'
             END   GO
    """
}
