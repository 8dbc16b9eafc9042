@testable import Assembler

/// A fixed-format statement: name in column 1, operation in 10, operands in 16.
func stmt(_ label: String, _ operation: String, _ operands: String = "") -> String {
    let head = label.padding(toLength: 8, withPad: " ") + " " + operation.padding(toLength: 5, withPad: " ")
    return operands.isEmpty ? head : head + " " + operands
}

/// An operation without a name.
func op(_ operation: String, _ operands: String = "") -> String { stmt("", operation, operands) }

/// Assembles statements wrapped in `TEST CSECT` … `END`.
func assembleBody(_ lines: [String], dialect: Dialect = .hlasm, files: [String: String] = [:],
                  maclibs: [String] = []) -> Assembly {
    assemble((["TEST     CSECT"] + lines + ["         END"]).joined(separator: "\n") + "\n",
             dialect: dialect, files: files, maclibs: maclibs)
}

/// The core image of statements in `TEST CSECT` (at address 0) as hex.
func imageHex(_ lines: [String], dialect: Dialect = .hlasm, files: [String: String] = [:]) -> String {
    let assembly = assembleBody(lines, dialect: dialect, files: files)
    if !assembly.errors.isEmpty { return "errors: " + assembly.errors.map(\.description).joined(separator: "; ") }
    return hexString(assembly.coreImage)
}
