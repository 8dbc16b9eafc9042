/// A CP message: `DMKmmmnnns text`. The number doubles as the return code
/// DIAGNOSE X'08' gives back (CMS shows it as `Ready(nnnnn);`).
public struct CPMessage: Error, Sendable, Equatable {
    public let module: String
    public let number: Int
    public let severity: Character
    public let text: String

    public init(_ module: String, _ number: Int, _ severity: Character, _ text: String) {
        self.module = module
        self.number = number
        self.severity = severity
        self.text = text
    }

    /// `DMKCFC001E`.
    public var code: String {
        let n = String(number)
        return "DMK" + module + String(repeating: "0", count: max(0, 3 - n.count)) + n + String(severity)
    }

    /// Code and text: what SET EMSG ON shows, and what a caller outside a
    /// session (ssh exec, the logo screen) is told.
    public var fullLine: String { code + " " + text }

    /// The line as SET EMSG asks: ON code and text, TEXT, CODE, OFF nothing.
    public func line(_ setting: EmsgSetting) -> String? {
        switch setting {
        case .on: return fullLine
        case .text: return text
        case .code: return code
        case .off: return nil
        }
    }
}

/// SET EMSG: what a user sees of error messages.
public enum EmsgSetting: String, Sendable {
    case on = "ON", off = "OFF", code = "CODE", text = "TEXT"
}

/// The CP messages vm67 issues, by name, with VM/370's module and number.
public enum Messages {
    public static func unknownCommand(_ verb: String) -> CPMessage { CPMessage("CFC", 1, "E", "?CP: \(verb)") }
    public static func invalidOperand(_ word: String) -> CPMessage { CPMessage("CFC", 3, "E", "INVALID OPTION - \(word)") }
    public static let operandMissing = CPMessage("CFC", 26, "E", "OPERAND MISSING OR INVALID")
    public static func invalidHex(_ word: String) -> CPMessage { CPMessage("CFC", 2, "E", "INVALID HEXLOC - \(word)") }
    public static func deviceMissing(_ word: String) -> CPMessage { CPMessage("CSP", 22, "E", "VADDR MISSING OR INVALID") }
    public static func deviceDoesNotExist(_ address: UInt16) -> CPMessage { CPMessage("CQG", 40, "E", "DEV \(hex3(address)) DOES NOT EXIST") }
    public static func notLoggedOn(_ userid: String) -> CPMessage { CPMessage("CQG", 45, "E", "\(userid) NOT LOGGED ON") }
    public static let storageInvalid = CPMessage("DEH", 25, "E", "STORAGE MISSING OR INVALID")
    public static func storageExceeds(_ maximum: Int) -> CPMessage { CPMessage("DEF", 94, "E", "STORAGE EXCEEDS ALLOWED MAXIMUM") }
    public static let passwordIncorrect = CPMessage("LOG", 50, "E", "PASSWORD INCORRECT - REINITIATE LOGON PROCEDURE")
    public static func userNotInDirectory(_ userid: String) -> CPMessage { CPMessage("LOG", 53, "E", "\(userid) NOT IN CP DIRECTORY") }
    public static func alreadyLoggedOn(_ userid: String) -> CPMessage { CPMessage("LOG", 54, "E", "ALREADY LOGGED ON LINE \(userid)") }
    public static let logonNotAllowed = CPMessage("LOG", 67, "E", "COMMAND FORMAT NOT VALID")
    public static func ipl(failed reason: String) -> CPMessage { CPMessage("CFV", 37, "E", reason) }
    public static func disabledWait(_ psw: String) -> CPMessage { CPMessage("DSP", 450, "W", "CP ENTERED; DISABLED WAIT PSW '\(psw)'") }
    public static func programCheckLoop(_ psw: String) -> CPMessage { CPMessage("DSP", 452, "W", "CP ENTERED; PROGRAM INTERRUPT LOOP") }
    public static func adstop(_ address: String) -> CPMessage { CPMessage("DSP", 453, "W", "ADSTOP AT \(address)") }
    public static let systemNotFound = CPMessage("CFV", 439, "E", "SYSTEM NAME NOT FOUND")
    public static func notAuthorized(_ verb: String) -> CPMessage { CPMessage("CFC", 1, "E", "?CP: \(verb)") }
    public static func dialTargetMissing(_ userid: String) -> CPMessage { CPMessage("DIA", 45, "E", "\(userid) NOT LOGGED ON") }
    public static let shutdownInProgress = CPMessage("LOG", 101, "E", "SYSTEM SHUTDOWN IN PROGRESS")
    public static let maximumUsers = CPMessage("LOG", 117, "E", "MAXIMUM NUMBER OF USERS LOGGED ON")
    public static func messageRefused(_ userid: String) -> CPMessage { CPMessage("MSG", 57, "W", "\(userid) NOT RECEIVING; MSG OFF") }
}

func hex3(_ a: UInt16) -> String {
    let s = String(a, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 3 - s.count)) + s
}

func hex8(_ v: UInt32) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 8 - s.count)) + s
}
