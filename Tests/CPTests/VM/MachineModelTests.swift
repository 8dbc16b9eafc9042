import CP
import Foundation
import Testing

/// What kind of machine a user gets: BC-mode S/370 by default, EC mode
/// with DAT (guest page tables honoured) with OPTION ECMODE, a System/360
/// Model 67 with OPTION MODEL67.
@Suite("Virtual machine models")
struct MachineModelTests {
    static let directory = """
    USER PLAIN PW 1M 1M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
    USER ECUSER PW 1M 1M G
     OPTION ECMODE
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
    USER OLD67 PW 1M 1M G
     OPTION MODEL67
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
    """

    /// Turns on DAT with a segment table at X'1000' and a page table at
    /// X'1100' that maps virtual page 0 to real page 0 and virtual page 1
    /// to real page 3, then loads the word at virtual X'1000' into R5.
    static let datProgram = """
             START X'200'
    BEGIN    BALR  12,0
             USING *,12
             LCTL  0,1,CRS
             LPSW  DATON
    GO       L     7,VADDR
             L     5,0(,7)                virtual page 1: real X'3000'
             LRA   6,4(,7)                its real address
             LPSW  DONE
             DS    0D
    DATON    DC    X'04080000',A(GO)      EC mode, DAT on
    DONE     DC    X'000A0000',A(X'E0E0')  EC mode disabled wait
    VADDR    DC    A(X'1000')
    CRS      DC    X'00800000'            CR0: 4 KB pages, 64 KB segments
             DC    X'00001000'            CR1: 16 segment entries at X'1000'
             ORG   X'1000'
             DC    X'F0001100'            segment 0: 16 page entries at X'1100'
             DC    15X'00000001'          segments 1-15 invalid
             ORG   X'1100'
             DC    X'0000'                page 0 -> real page 0
             DC    X'0030'                page 1 -> real page 3
             DC    14X'0008'              pages 2-15 invalid
             ORG   X'3000'
             DC    X'C0FFEE00'
             END   BEGIN
    """

    @Test func ecModeGuestRunsWithItsOwnPageTables() throws {
        let system = try TestSystem(directory: Self.directory)
        let user = try system.logon("ecuser")
        system.cp.spool.sendToReader(of: "ecuser", from: "ecuser", cards: try GuestPrograms.deck(Self.datProgram))
        let out = user.type("ipl 00c", until: { $0.contains { $0.contains("CP ENTERED") } })
        #expect(out == ["CP ENTERED; DISABLED WAIT PSW '000A0000 0000E0E0'"])
        #expect(user.vm.machine.gpr(5) == 0xC0FF_EE00)
        #expect(user.vm.machine.gpr(6) == 0x3004)
        #expect(user.type("q set")[1].hasSuffix("ECMODE ON "))
    }

    @Test func withoutEcModeTheECBitIsASpecificationException() throws {
        let system = try TestSystem(directory: Self.directory)
        let user = try system.logon("plain")
        system.cp.spool.sendToReader(of: "plain", from: "plain", cards: try GuestPrograms.deck(Self.datProgram))
        user.type("st 68 00020000 00000BAD")
        // IPL loads a fresh machine: give the program new PSW after the IPL via a stop at GO.
        let out = user.type("ipl 00c", until: { $0.contains { $0.contains("CP ENTERED") } })
        #expect(out == ["CP ENTERED; DISABLED WAIT PSW '00020000 00000BAD'"])
        #expect(user.vm.machine.gpr(5) == 0, "the DAT program never ran")
        // The old PSW is the EC-format one that was refused; the code (X'0006') is at X'8E'.
        #expect(user.vm.machine.storage.load32(0x8C) & 0xFFFF == 0x0006)
    }

    @Test func model67MachineLacksS370Instructions() throws {
        let system = try TestSystem(directory: Self.directory)
        let user = try system.logon("old67")
        let source = """
                 START X'200'
        BEGIN    BALR  12,0
                 USING *,12
                 MVC   X'68'(8),PGMNEW
                 STIDP CPUID               not a System/360 instruction
                 LPSW  DONE
                 DS    0D
        DONE     DC    X'0002000000000001'
        PGMNEW   DC    X'0002000000000BAD'
        CPUID    DS    D
                 END   BEGIN
        """
        system.cp.spool.sendToReader(of: "old67", from: "old67", cards: try GuestPrograms.deck(source))
        let out = user.type("ipl 00c", until: { $0.contains { $0.contains("CP ENTERED") } })
        #expect(out == ["CP ENTERED; DISABLED WAIT PSW '00020000 00000BAD'"])
        #expect(user.vm.machine.storage.load32(0x28) & 0xFFFF == 0x0001, "operation exception")
    }
}
