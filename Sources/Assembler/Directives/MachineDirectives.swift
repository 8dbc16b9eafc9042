/// CCW, CCW0, CCW1 (HLASM) and ASMA's PSW directives: 8-byte, doubleword
/// aligned control blocks for stand-alone programs.
extension AssemblyEngine {
    /// `CCW command,address,flags,count`. Format 0: command, 24-bit
    /// address, flags, zero, count. Format 1: command, flags, count, 31-bit address.
    func generateCCW(_ record: inout StatementRecord, format1: Bool) throws {
        guard let section = record.section else { return }
        let pieces = OperandSplitter.split(record.statement.operands)
        guard pieces.count == 4, pieces.allSatisfy({ !$0.isEmpty }) else {
            throw AssemblyError("expected CCW command,data-address,flags,count", at: 0)
        }
        let ctx = context(for: record)
        func absolute(_ i: Int, _ what: String, _ range: ClosedRange<Int>) throws -> Int {
            let v = try evaluateAbsolute(try ExpressionParser.parse(pieces[i].text, base: pieces[i].offset), ctx, what: what)
            guard range.contains(v) else {
                throw AssemblyError("expected \(what) from \(range.lowerBound) to \(range.upperBound), found \(v)", at: pieces[i].offset)
            }
            return v
        }
        let command = try absolute(0, "a command code", 0...255)
        let flags = try absolute(2, "CCW flags", 0...255)
        let count = try absolute(3, "a byte count", 0...65535)
        let addressValue = try evaluate(try ExpressionParser.parse(pieces[1].text, base: pieces[1].offset), ctx)
        guard addressValue.isAbsolute || addressValue.isSimplyRelocatable, let address = address(of: addressValue) else {
            throw AssemblyError("expected a data address (absolute or one relocatable term)", at: pieces[1].offset)
        }
        let limit = format1 ? 0x7FFF_FFFF : 0xFF_FFFF
        guard (0...limit).contains(address) else {
            throw AssemblyError("expected a data address that fits in \(format1 ? 31 : 24) bits", at: pieces[1].offset)
        }
        let bytes: [UInt8]
        if format1 {
            bytes = [UInt8(command), UInt8(flags)] + bigEndian(count, 2) + bigEndian(address, 4)
        } else {
            bytes = [UInt8(command)] + bigEndian(address, 3) + [UInt8(flags), 0] + bigEndian(count, 2)
        }
        emit(&record, bytes, at: record.location, in: section)
        if let target = addressValue.simpleRelocation, sections[section].isControl, sections[target].kind != .dummy {
            relocationItems.append(RelocationItem(sectionIndex: section, targetIndex: target,
                                                  offset: record.location + (format1 ? 4 : 1),
                                                  length: format1 ? 4 : 3, negative: false, isVCon: false))
        }
    }

    /// ASMA's `PSW s,k,mwp,pm,address[,amode]`: system mask, protection
    /// key, the M/W/P bits, the program mask (with the condition code in
    /// the bits above it) and the instruction address. PSW and PSWEC build
    /// an S/370 EC-mode PSW; PSWBC and PSW360 a BC-mode PSW.
    func generatePSW(_ record: inout StatementRecord, _ directive: Directive) throws {
        guard let section = record.section else { return }
        guard directive != .psws else {
            throw AssemblyError("PSWS (a 16-bit system PSW) is not supported; use PSWBC or PSWEC", in: .operation)
        }
        let pieces = OperandSplitter.split(record.statement.operands)
        guard (5...6).contains(pieces.count) else {
            throw AssemblyError("expected PSW system-mask,key,mwp,program-mask,address[,amode]", at: 0)
        }
        let ctx = context(for: record)
        func absolute(_ i: Int, _ what: String, _ range: ClosedRange<Int>) throws -> Int {
            guard !pieces[i].isEmpty else { return 0 }
            let v = try evaluateAbsolute(try ExpressionParser.parse(pieces[i].text, base: pieces[i].offset), ctx, what: what)
            guard range.contains(v) else {
                throw AssemblyError("expected \(what) from \(range.lowerBound) to \(range.upperBound), found \(v)", at: pieces[i].offset)
            }
            return v
        }
        let systemMask = try absolute(0, "a system mask", 0...255)
        let key = try absolute(1, "a protection key", 0...15)
        let mwp = try absolute(2, "the M, W and P bits", 0...7)
        let programMask = try absolute(3, "a program mask", 0...63)
        let addressValue = try evaluate(try ExpressionParser.parse(pieces[4].text, base: pieces[4].offset), ctx)
        guard let address = address(of: addressValue), addressValue.isAbsolute || addressValue.isSimplyRelocatable else {
            throw AssemblyError("expected an instruction address", at: pieces[4].offset)
        }
        var amode = 24
        if pieces.count == 6 { amode = try absolute(5, "an addressing mode", 24...31) }
        guard amode == 24 || amode == 31 else {
            throw AssemblyError("expected addressing mode 24 or 31", at: pieces[5].offset)
        }
        let bytes: [UInt8]
        switch directive {
        case .pswbc, .psw360:
            guard (0...0xFF_FFFF).contains(address) else {
                throw AssemblyError("expected an instruction address that fits in 24 bits", at: pieces[4].offset)
            }
            bytes = [UInt8(systemMask), UInt8(key << 4 | mwp), 0, 0, UInt8(programMask)] + bigEndian(address, 3)
        default:
            let word = address | (amode == 31 ? Int(0x8000_0000) : 0)
            bytes = [UInt8(systemMask), UInt8(key << 4 | 0x08 | mwp), UInt8(programMask), 0] + bigEndian(word, 4)
        }
        emit(&record, bytes, at: record.location, in: section)
    }
}
