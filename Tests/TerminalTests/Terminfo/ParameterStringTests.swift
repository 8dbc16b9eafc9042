import Testing
import Terminal

/// The terminfo %-language, on the strings real entries use.
@Suite("terminfo parameter strings")
struct ParameterStringTests {
    static func expand(_ template: String, _ p: [Int]) -> String {
        String(decoding: ParameterString.expand(Array(template.utf8), p), as: UTF8.self)
    }

    @Test func cursorAddressing() {
        #expect(Self.expand("\u{1B}[%i%p1%d;%p2%dH", [4, 9]) == "\u{1B}[5;10H")
        #expect(Self.expand("\u{1B}[%i%p1%d;%p2%dH$<5>", [0, 0]) == "\u{1B}[1;1H", "padding is dropped")
        // The ADM-3A style: row and column as characters offset by a blank.
        #expect(Self.expand("\u{1B}=%p1%' '%+%c%p2%' '%+%c", [2, 3]) == "\u{1B}=\"#")
    }

    @Test func xterm256Setaf() {
        let setaf = "\u{1B}[%?%p1%{8}%<%t3%p1%d%e%p1%{16}%<%t9%p1%{8}%-%d%e38;5;%p1%d%;m"
        #expect(Self.expand(setaf, [4]) == "\u{1B}[34m")
        #expect(Self.expand(setaf, [12]) == "\u{1B}[94m")
        #expect(Self.expand(setaf, [200]) == "\u{1B}[38;5;200m")
    }

    @Test func formatsVariablesAndArithmetic() {
        #expect(Self.expand("%p1%02d", [7]) == "07")
        #expect(Self.expand("%p1%:-4d|", [7]) == "7   |")
        #expect(Self.expand("%p1%x %p1%X %p1%o", [255]) == "ff FF 377")
        #expect(Self.expand("%p1%Pa%ga%ga%*%d", [6]) == "36")
        #expect(Self.expand("%{10}%{3}%m%d %{10}%{3}%/%d", []) == "1 3")
        #expect(Self.expand("%p1%p2%=%t=%e!%;", [1, 1]) == "=")
        #expect(Self.expand("%p1%p2%>%tG%e%p1%p2%<%tL%eE%;", [1, 2]) == "L")
        #expect(Self.expand("%%", []) == "%")
        #expect(Self.expand("%p1%!%d%p1%~%d", [0]) == "1-1")
    }
}
