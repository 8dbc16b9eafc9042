import Channel
import Media
import Terminal

/// IBM 3286 printer on a local 3274: the program fills its 1,920-position
/// buffer with 3270 data streams, and a write whose WCC says "start
/// printer" prints the buffer to a text file, laid out as the WCC's print
/// format says (40, 64 or 80 positions a line, or lines ended by the NL, CR
/// and EM controls in the data).
public final class Printer3286: Local3270Device, @unchecked Sendable {
    private let output: OutputSink
    private let newLine: [UInt8]
    /// Print positions on a line.
    public let lineLength = 132

    public init(output: OutputSink, codePage: CodePage = .cp037, crlf: Bool = false) {
        self.output = output
        self.newLine = crlf ? [0x0D, 0x0A] : [0x0A]
        super.init(type: 0x3286, model: .model2, codePage: codePage, extendedDataStream: true)
    }

    override func written(_ screen: Screen3270, _ outcome: WriteOutcome?) -> Bool {
        guard let outcome, let wcc = outcome.wcc, wcc.startPrinter else { return true }
        var text: [UInt8] = []
        for line in screen.printout(format: wcc.printFormat, maximumLineLength: lineLength) {
            text += codePage.printableText(line.characters)
            switch line.ending {
            case .newLine: text += newLine
            case .carriageReturn: text.append(0x0D)
            case .formFeed: text.append(0x0C)
            }
        }
        do {
            try output.write(text)
            return true
        } catch {
            return false
        }
    }
}
