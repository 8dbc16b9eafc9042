import CP
import Testing

@Suite("User directory")
struct DirectoryTests {
    static let sample = """
    * A directory in VM/370 USER DIRECT form
    DIRECTORY 6A1 3350 VM50-1
    USER CMSUSER $6$Qm1bm7Zg6s3FF5oc$6DNsHWU1AyMDNsqO4ivQ5zb8RS9Cu0YzKX6RK3ebDtchn2pnZPcIvHTALTuUflI1fq9FH1TBD1JlnV.gHZ0v31 15M 16M G
     IPL CMS
     CONSOLE 009 3215
     SPOOL 00E 1403 A
     SPOOL 00C 2540 READ *
     SPOOL 00D 2540 PUNCH A
     LINK MAINT 190 190 RR
    *        cuu type adr num volser mode readpw   writepw  multpw
     MDISK   191 3350 001 115 VM50U0 MR   ALL      WRITE    MULT
     MDISK   192 3350 116 115 VM50U0 MR   ALL      WRITE    MULT
    USER MAINT NOLOG 15M 16M ABCDEFGH
     OPTION ECMODE LNKNOPAS
     MDISK 190 3350 231 20 VM50U0 RR ALL
    """

    @Test func parsesTheStatements() {
        let (directory, errors) = UserDirectory.parse(Self.sample, file: "user.direct")
        #expect(errors.isEmpty, "\(errors)")
        let user = directory.entry("cmsuser")!
        #expect(user.storage == 15 << 20 && user.maximumStorage == 16 << 20)
        #expect(user.classes == .g)
        #expect(user.ipl == "CMS")
        #expect(user.consoleAddress == 0x009 && user.consoleType == "3215")
        #expect(user.spool.map(\.address) == [0x00E, 0x00C, 0x00D])
        #expect(user.spool[1].function == "READ" && user.spool[1].spoolClass == "*")
        #expect(user.links.count == 1)
        #expect(user.links.first?.owner == "MAINT" && user.links.first?.ownerAddress == 0x190)
        #expect(user.links.first?.address == 0x190 && user.links.first?.mode == .rr && user.links.first?.line == 9)
        #expect(user.minidisks.count == 2)
        #expect(user.minidisks[0].startCylinder == 1 && user.minidisks[0].cylinders == 115)
        #expect(user.minidisks[0].mode == .mr && user.minidisks[0].readPassword == "ALL")
        if case .hashed = user.password {} else { Issue.record("expected a hashed password") }
        let maint = directory.entry("MAINT")!
        #expect(maint.password == .noLogon && maint.classes == .all)
        #expect(maint.options == ["ECMODE", "LNKNOPAS"])
        #expect(directory.order == ["CMSUSER", "MAINT"])
    }

    @Test(arguments: [
        ("USER A B\n MDISK 191 3350 1 10", "MDISK needs the volume serial"),
        ("USER A B\n CONSOLE 009 2741", "console device type 2741"),
        ("USER TOOLONGID B", "must be 1 to 8"),
        ("USER A B 20M", "storage '20M'"),
        ("USER A B 4M 4M XYZ", "privilege classes"),
        ("USER A B\n OPTION FASTER", "unknown OPTION FASTER"),
        ("USER A B\n SPOOL 00C 2540 *", "SPOOL 2540 needs READ or PUNCH"),
        ("USER A B\n MDISK 191 3350 1 10 V1 QQ", "link mode 'QQ'"),
        ("USER A B\n CONSOLE 009 3215\n SPOOL 009 1403 A", "device 009 of A is defined twice"),
        (" MDISK 191 3350 1 10 V1", "MDISK before any USER"),
        ("USER A B\nUSER A C", "user A is defined twice"),
        ("USER A $5$abc$def", "neither yescrypt"),
        ("USER A B\n FROB 1", "unknown statement FROB"),
    ])
    func reportsErrorsWithTheLine(_ text: String, _ reason: String) {
        let (_, errors) = UserDirectory.parse(text, file: "bad.direct")
        #expect(errors.contains { $0.reason.contains(reason) && $0.file == "bad.direct" && $0.line >= 1 },
                "wanted '\(reason)', got \(errors)")
    }

    @Test func findsOverlappingMinidisks() {
        let text = """
        USER A X
         MDISK 191 3350 1 100 VOL1 W
        USER B X
         MDISK 191 3350 50 10 VOL1 W
         MDISK 192 3350 101 10 VOL1 W
         MDISK 193 3350 0 1 VOL2 W
        """
        let (_, errors) = UserDirectory.parse(text, file: "d")
        #expect(errors.count == 1)
        #expect(errors.first?.line == 4)
        #expect(errors.first?.reason.contains("overlaps A 191") == true)
    }

    @Test func columns72to80AreASequenceField() {
        let statement = "USER A PASS 4M 4M G"
        let line = statement + String(repeating: " ", count: 72 - statement.count) + "00010000"
        let (directory, errors) = UserDirectory.parse(line, file: "d")
        #expect(errors.isEmpty, "\(errors)")
        #expect(directory.entry("A")?.classes == .g)
    }

    @Test func validatesAgainstTheSystemConfiguration() {
        let (config, configErrors) = SystemConfiguration.parse("""
        SYSTEM VM67
        VOLUME VM50U0 3350 vm50u0.cckd CREATE
        SAVESYS CMS 0 cms.nss
        """, file: "vm67.conf")
        #expect(configErrors.isEmpty)
        let (directory, _) = UserDirectory.parse("""
        USER A CLEARPW
         IPL CMX
         MDISK 191 3350 1 10 NOSUCH W
         MDISK 192 3330 20 10 VM50U0 W
         MDISK 193 3350 550 10 VM50U0 W
         LINK NOBODY 191 291 RR
        """, file: "user.direct")
        let errors = validateDirectory(directory, against: config, volumeCylinders: { _ in 555 })
        let reasons = errors.map(\.reason)
        #expect(reasons.contains { $0.contains("clear-text password") })
        #expect(reasons.contains { $0.contains("CMX, which is neither") })
        #expect(reasons.contains { $0.contains("NOSUCH, which vm67.conf does not define") })
        #expect(reasons.contains { $0.contains("is a 3330 but volume VM50U0 is a 3350") })
        #expect(reasons.contains { $0.contains("beyond the 555 cylinders") })
        #expect(reasons.contains { $0.contains("LINK to NOBODY") })
    }

    @Test func systemConfigurationErrorsNameTheLine() {
        let (_, errors) = SystemConfiguration.parse("SYSTEM VM67\nVOLUME X 9999 f\nLISTEN nowhere\nBOGUS 1", file: "vm67.conf")
        #expect(errors.map(\.line) == [2, 3, 4])
    }
}
