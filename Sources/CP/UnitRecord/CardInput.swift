import Foundation
import Media

/// Decks dropped into a real reader's directory. Each file is one deck:
/// text, one card per line (a name ending .ebc, .ebcdic, .bin or .pun is
/// read as 80-byte EBCDIC card images instead). Its first card is the ID
/// card, `ID userid` or `USERID userid` (optionally `CLASS c`), which
/// names whose reader the rest of the deck goes to. A deck is read once:
/// afterwards it is moved to done/, or to error/ beside a `.reason` file.
/// Files whose names start with a dot are not read yet: write a deck under
/// such a name and rename it when complete.
enum CardInput {
    struct Deck {
        let userid: String
        let spoolClass: Character
        let cards: [[UInt8]]
        let name: String
        let type: String
    }

    struct Rejected: Error { let reason: String }

    /// The decks waiting in `directory`, oldest first by name.
    static func waiting(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }
    }

    /// Reads and checks one deck; `known` says whether a userid is in the directory.
    static func read(_ path: String, known: (String) -> Bool) -> Result<Deck, Rejected> {
        let file = (path as NSString).lastPathComponent
        let ext = (file as NSString).pathExtension.lowercased()
        let format: CardDeck.Format = ["ebc", "ebcdic", "bin", "pun"].contains(ext) ? .ebcdic : .ascii
        let deck: CardDeck
        do {
            deck = try CardDeck.load(path: path, format: format)
        } catch {
            return .failure(Rejected(reason: "not a card deck: \(error)"))
        }
        guard let first = deck.cards.first else { return .failure(Rejected(reason: "empty deck: no ID card")) }
        let words = CodePage.cp037.string(first).uppercased().split(separator: " ").map(String.init)
        guard let keyword = words.first, keyword == "ID" || keyword == "USERID" else {
            return .failure(Rejected(reason: "the first card is not an ID card (ID userid or USERID userid)"))
        }
        guard words.count >= 2, words[1].count <= 8 else { return .failure(Rejected(reason: "the ID card names no userid")) }
        let userid = words[1]
        var spoolClass: Character = "A"
        var rest = words.dropFirst(2)
        while let option = rest.first {
            rest = rest.dropFirst()
            if option == "CLASS", let value = rest.first, value.count == 1, let c = value.first, c.isLetter || c.isNumber {
                spoolClass = c
                rest = rest.dropFirst()
            } else {
                return .failure(Rejected(reason: "ID card option \(option) is not CLASS c"))
            }
        }
        guard known(userid) else { return .failure(Rejected(reason: "\(userid) is not in the CP directory")) }
        let stem = ((file as NSString).deletingPathExtension as NSString).lastPathComponent
        return .success(Deck(userid: userid, spoolClass: spoolClass, cards: Array(deck.cards.dropFirst()),
                             name: String(OutputDirectory.safe(stem).uppercased().prefix(8)),
                             type: String(OutputDirectory.safe(ext).uppercased().prefix(8))))
    }

    /// Moves a read deck to done/ or error/ (with its reason), so it is read once.
    static func setAside(_ path: String, into sub: String, reason: String? = nil) {
        let directory = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(sub)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = (path as NSString).lastPathComponent
        var target = directory + "/" + file
        var n = 2
        while FileManager.default.fileExists(atPath: target) {
            target = directory + "/" + file + "-\(n)"
            n += 1
        }
        do {
            try FileManager.default.moveItem(atPath: path, toPath: target)
        } catch {
            // Could not move it: remove it rather than read it again and again.
            try? FileManager.default.removeItem(atPath: path)
        }
        if let reason {
            _ = FileManager.default.createFile(atPath: target + ".reason", contents: Data((reason + "\n").utf8))
        }
    }
}
