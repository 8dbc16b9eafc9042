import CP
import Testing

/// PRINTER, PUNCH and READER statements of the system configuration.
@Suite("Unit record configuration")
struct UnitRecordConfigurationTests {
    @Test func statementsAreParsed() {
        let (config, errors) = SystemConfiguration.parse("""
        PRINTER 00E printer CLASS AX
        PUNCH   00D punch ASCII
        READER  00C cards
        """, file: "t.conf")
        #expect(errors.isEmpty, "\(errors)")
        #expect(config.unitRecords.map(\.address) == [0x00E, 0x00D, 0x00C])
        #expect(config.unitRecords[0].classes == ["A", "X"] && config.unitRecords[0].directory == "printer")
        #expect(config.unitRecords[1].asciiPunch && config.unitRecords[1].classes == ["A"])
        #expect(config.unitRecords[2].kind == .reader)
    }

    @Test func problemsAreReportedWithTheirLine() {
        let (_, errors) = SystemConfiguration.parse("""
        PRINTER 00E
        PUNCH 00D punch SIDEWAYS
        READER 00C cards CLASS A
        PRINTER XYZ printer
        PRINTER 00E printer
        PUNCH 00E punch
        """, file: "t.conf")
        #expect(errors.map(\.line) == [1, 2, 3, 4, 6], "\(errors)")
        #expect(errors.last?.reason == "unit record address 00E is defined twice")
    }
}
