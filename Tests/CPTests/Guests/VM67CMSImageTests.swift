import Foundation
import S370Spec
import Testing

/// The vm67 CMS image may use only instructions the core implements for an
/// S/370 with the 370-extension facility: every instruction in the linked
/// nucleus's and the disk bootstrap's code sections (GCC's, libgcc's and
/// the assembler start-up's)
/// must be in the instruction table and available there.
@Suite("vm67 CMS image")
struct VM67CMSImageTests {
    /// objdump's extended branch mnemonics as the table's machine mnemonics.
    static func machineMnemonic(_ m: String) -> String {
        let upper = m.uppercased()
        if InstructionTable.named(upper) != nil { return upper }
        if upper == "NOPR" || upper == "BR" || (upper.hasPrefix("B") && upper.hasSuffix("R") && upper.count <= 5) { return "BCR" }
        if upper.hasPrefix("JG") || upper.hasPrefix("BRUL") { return "BRCL" }
        if upper.hasPrefix("J") { return "BRC" }
        if upper == "NOP" || upper == "B" || (upper.hasPrefix("B") && upper.count <= 4) { return "BC" }
        return upper
    }

    @Test(arguments: ["cms.elf", "boot.elf"])
    func usesOnlyInstructionsOfS370WithExtensions(image: String) throws {
        guard VM67CMSImage.build() != nil else { return }
        let path = VM67CMSImage.directory.appendingPathComponent("build/\(image)").path
        let (status, listing) = VM67CMSImage.run(VM67CMSImage.objdump, ["-d", path])
        try #require(status == 0, "objdump failed: \(listing)")
        var found: [String: String] = [:]   // mnemonic -> an example line
        var count = 0
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count >= 3 else { continue }
            count += 1
            let mnemonic = fields[2].split(separator: " ").first.map(String.init) ?? ""
            if mnemonic == ".long" || mnemonic == ".short" || mnemonic == ".byte" {
                // objdump does not know S/370 I/O instructions (SIO, TIO,
                // HIO): decode the bytes with the table.
                let bytes = fields[1].split(separator: " ").compactMap { UInt8($0, radix: 16) }
                let spec = InstructionTable.decode(bytes, architecture: .s370, facilities: [.ext370])
                #expect(spec != nil, "not an S/370 instruction: \(line)")
                if let spec, found[spec.mnemonic] == nil { found[spec.mnemonic] = String(line) }
                continue
            }
            let name = Self.machineMnemonic(mnemonic)
            if found[name] == nil { found[name] = String(line) }
        }
        #expect(count > (image == "boot.elf" ? 100 : 500), "the disassembly looks empty")
        for (name, example) in found.sorted(by: { $0.key < $1.key }) {
            let row = InstructionTable.named(name)
            #expect(row != nil, "the image uses \(name), which the instruction table lacks: \(example)")
            if let row {
                #expect(row.isAvailable(on: .s370, facilities: [.ext370]),
                        "the image uses \(name), which an S/370 with the 370 extensions lacks: \(example)")
            }
        }
    }
}
