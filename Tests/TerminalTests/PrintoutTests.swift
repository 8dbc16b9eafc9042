import Testing
import Terminal

/// How a 3270 printer lays out its buffer.
@Suite("3270 printouts")
struct PrintoutTests {
    @Test func fixedLineLength() throws {
        var s = Screen3270()
        try s.write(.eraseWrite, [0xF3] + Ebcdic.bytes("FIRST") + sba(160) + Ebcdic.bytes("THIRD   ") + [0x1D, 0x4C] + Ebcdic.bytes("PW"))
        let lines = s.printout(format: .lines80)
        #expect(lines.count == 2, "lines of nothing but nulls are not printed")
        #expect(lines[0] == PrintLine(Ebcdic.bytes("FIRST")))
        #expect(lines[1] == PrintLine(Ebcdic.bytes("THIRD")), "attribute, hidden field and trailing blanks dropped")
        let forty = s.printout(format: .lines40)
        #expect(forty.count == 2 && forty[1].characters == Ebcdic.bytes("THIRD"))
    }

    @Test func linesControlledByOrders() throws {
        var s = Screen3270()
        try s.write(.eraseWrite, [0xC3] + Ebcdic.bytes("ONE") + [0x15, 0x00, 0x00] + Ebcdic.bytes("TWO") + [0x0D] + Ebcdic.bytes("___")
                    + [0x15, 0x0C] + Ebcdic.bytes("PAGE2") + [0x19] + Ebcdic.bytes("NOT PRINTED"))
        let lines = s.printout(format: .controlledByOrders)
        #expect(lines == [PrintLine(Ebcdic.bytes("ONE")), PrintLine(Ebcdic.bytes("TWO"), .carriageReturn),
                          PrintLine(Ebcdic.bytes("___")), PrintLine([], .formFeed), PrintLine(Ebcdic.bytes("PAGE2"))])
    }

    @Test func longLinesBreakAtTheMaximum() throws {
        var s = Screen3270()
        try s.write(.eraseWrite, [0xC3, 0x3C] + BufferAddress.encode(200) + Ebcdic.bytes("A"))
        let lines = s.printout(format: .controlledByOrders, maximumLineLength: 132)
        #expect(lines.map(\.characters.count) == [132, 68])
    }
}
