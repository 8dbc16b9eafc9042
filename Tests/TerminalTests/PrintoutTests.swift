import Testing
@testable import Terminal

/// How a 3270 printer lays out its buffer.
@Suite("3270 printouts")
struct PrintoutTests {
    @Test func fixedLineLength() throws {
        var s = Screen3270()
        try s.write(.eraseWrite, [0xF3] + E.bytes("FIRST") + sba(160) + E.bytes("THIRD   ") + [0x1D, 0x4C] + E.bytes("PW"))
        let lines = s.printout(format: .lines80)
        #expect(lines.count == 2, "lines of nothing but nulls are not printed")
        #expect(lines[0] == PrintLine(E.bytes("FIRST")))
        #expect(lines[1] == PrintLine(E.bytes("THIRD")), "attribute, hidden field and trailing blanks dropped")
        let forty = s.printout(format: .lines40)
        #expect(forty.count == 2 && forty[1].characters == E.bytes("THIRD"))
    }

    @Test func linesControlledByOrders() throws {
        var s = Screen3270()
        try s.write(.eraseWrite, [0xC3] + E.bytes("ONE") + [0x15, 0x00, 0x00] + E.bytes("TWO") + [0x0D] + E.bytes("___")
                    + [0x15, 0x0C] + E.bytes("PAGE2") + [0x19] + E.bytes("NOT PRINTED"))
        let lines = s.printout(format: .controlledByOrders)
        #expect(lines == [PrintLine(E.bytes("ONE")), PrintLine(E.bytes("TWO"), .carriageReturn),
                          PrintLine(E.bytes("___")), PrintLine([], .formFeed), PrintLine(E.bytes("PAGE2"))])
    }

    @Test func longLinesBreakAtTheMaximum() throws {
        var s = Screen3270()
        try s.write(.eraseWrite, [0xC3, 0x3C] + BufferAddress.encode(200) + E.bytes("A"))
        let lines = s.printout(format: .controlledByOrders, maximumLineLength: 132)
        #expect(lines.map(\.characters.count) == [132, 68])
    }
}
