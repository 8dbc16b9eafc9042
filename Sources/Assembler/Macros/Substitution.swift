/// Variable symbols: looking up their values and replacing them in text.
extension MacroProcessor {
    /// Replaces variable symbols (`&NAME`, `&NAME.`, `&NAME(2)`) in text;
    /// `&&` is kept as two ampersands for the constant to reduce later.
    func substitute(_ chars: [Character], scope: MacroScope, base: Int = 0) throws -> String {
        guard chars.contains("&") else { return String(chars) }
        var result = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            guard c == "&" else { result.append(c); i += 1; continue }
            if i + 1 < chars.count, chars[i + 1] == "&" {
                result += "&&"
                i += 2
                continue
            }
            guard i + 1 < chars.count, CharacterScanner.isSymbolStart(chars[i + 1]) else {
                result.append(c)
                i += 1
                continue
            }
            let start = i
            var j = i + 1
            while j < chars.count, CharacterScanner.isSymbolChar(chars[j]) { j += 1 }
            let name = String(chars[(i + 1)..<j]).uppercased()
            var subscripts: [Int] = []
            if j < chars.count, chars[j] == "(", let close = matchingParenthesis(chars, from: j),
               takesSubscript(name, inner: Array(chars[(j + 1)..<close]), scope: scope) {
                let inner = Array(chars[(j + 1)..<close])
                for piece in OperandSplitter.split(inner) {
                    var evaluator = ConditionalExpression(piece.text, base: base + j + 1 + piece.offset,
                                                          processor: self, scope: scope)
                    let v = try evaluator.evaluate()
                    try evaluator.expectEnd()
                    subscripts.append(try evaluator.integer(v, at: base + j + 1))
                }
                j = close + 1
            }
            let value = try variableValue(name, subscripts: subscripts, scope: scope, at: base + start)
            result += value.text
            if j < chars.count, chars[j] == "." { j += 1 }
            i = j
        }
        return result
    }

    private func matchingParenthesis(_ chars: [Character], from open: Int) -> Int? {
        var depth = 0
        var inQuote = false
        for k in open..<chars.count {
            let c = chars[k]
            if c == "'" { inQuote.toggle() }
            if inQuote { continue }
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1; if depth == 0 { return k } }
        }
        return nil
    }

    /// Whether `&NAME(` starts a subscript: always for arrays and &SYSLIST;
    /// for a macro parameter only when the parentheses hold numbers or
    /// variable symbols (so `&DISP(R2)` stays text when DISP is not a list).
    private func takesSubscript(_ name: String, inner: [Character], scope: MacroScope) -> Bool {
        if name == "SYSLIST" { return true }
        if let symbol = lookupSetSymbol(name, scope: scope) { return symbol.isArray }
        if let argument = scope.parameters[name] {
            if argument.sublist != nil { return true }
            return !inner.isEmpty && inner.allSatisfy { $0.isNumber || $0 == "&" || $0 == "," || $0 == "+" || $0 == "-" || $0 == "*" || CharacterScanner.isSymbolChar($0) }
                && inner.first.map { $0.isNumber || $0 == "&" } == true
        }
        return false
    }

    func lookupSetSymbol(_ name: String, scope: MacroScope) -> SetSymbol? {
        if let local = scope.locals[name] { return local }
        if scope.globalNames.contains(name) { return globals[name] }
        return nil
    }

    /// The value of a variable symbol: system variables, parameters, SET symbols.
    func variableValue(_ name: String, subscripts: [Int], scope: MacroScope, at offset: Int) throws -> SetValue {
        switch name {
        case "SYSNDX":
            guard scope.isMacro else { break }
            let s = String(scope.sysndx)
            return .character(s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s)
        case "SYSLIST":
            guard scope.isMacro else { break }
            guard let n = subscripts.first else {
                throw AssemblyError("expected a subscript after &SYSLIST, as in &SYSLIST(1)", at: offset)
            }
            guard n >= 0 else { throw AssemblyError("expected a &SYSLIST subscript of 0 or more", at: offset) }
            let argument = n < scope.syslist.count ? scope.syslist[n] : MacroArgument(text: "")
            if subscripts.count > 1 { return .character(argument.element(subscripts[1])) }
            return .character(argument.text)
        case "SYSECT", "SYSLOC":
            return .character(host?.currentSectionName ?? "")
        case "SYSPARM":
            return .character(options.systemParameter)
        case "SYSNEST":
            return .arithmetic(frames.count)
        case "SYSMAC":
            return .character(scope.isMacro ? scope.macroName : "OPEN CODE")
        case "SYSASM":
            return .character("VM67 ASSEMBLER")
        default:
            break
        }
        if let argument = scope.parameters[name] {
            if let n = subscripts.first {
                let element = MacroArgument(text: argument.element(n))
                if subscripts.count > 1 { return .character(element.element(subscripts[1])) }
                return .character(element.text)
            }
            return .character(argument.text)
        }
        if let symbol = lookupSetSymbol(name, scope: scope) {
            if symbol.isArray {
                guard let n = subscripts.first else {
                    throw AssemblyError("expected a subscript for the array &\(name)", at: offset)
                }
                return symbol.value(at: n)
            }
            return symbol.scalar
        }
        throw AssemblyError("undefined variable symbol &\(name)", at: offset)
    }

    /// N' of a variable: sublist size, &SYSLIST count, array size.
    func numberAttribute(_ name: String, subscripts: [Int], scope: MacroScope, at offset: Int) throws -> Int {
        if name == "SYSLIST" {
            if let n = subscripts.first {
                return n < scope.syslist.count ? scope.syslist[n].count : 0
            }
            return max(0, scope.syslist.count - 1)
        }
        if let argument = scope.parameters[name] {
            if let n = subscripts.first { return MacroArgument(text: argument.element(n)).count }
            return argument.count
        }
        if let symbol = lookupSetSymbol(name, scope: scope) { return symbol.count }
        throw AssemblyError("undefined variable symbol &\(name)", at: offset)
    }

    /// T' of a macro operand's text.
    func typeAttribute(ofText text: String) -> Character {
        if text.isEmpty { return "O" }
        if ConditionalExpression.selfDefiningValue(text) != nil { return "N" }
        if text.hasPrefix("=") {
            var scanner = CharacterScanner(Array(text.dropFirst()))
            _ = scanner.readDigits()
            if let t = scanner.current, t.isLetter { return Character(t.uppercased()) }
            return "U"
        }
        let name = text.uppercased()
        if AssemblyEngine.isValidSymbol(name) {
            return host?.ordinarySymbol(name)?.type ?? "U"
        }
        return "U"
    }

    /// O' of an operation code.
    func operationAttribute(_ name: String) -> Character {
        let upper = name.uppercased()
        if macros[upper] != nil { return "M" }
        if let kind = host?.operationKind(upper) { return kind }
        if libraryMacroExists(upper) { return "S" }
        return "U"
    }
}
