/// Building inbound data: READ BUFFER and READ MODIFIED (ALL).
extension Screen3270 {
    /// The inbound record a read command returns now: the AID, then (except
    /// for a short read) the cursor address and the buffer contents.
    public func read(_ command: InboundCommand) -> [UInt8] {
        switch command {
        case .readBuffer: return readBuffer()
        case .readModified: return readModified(all: false)
        case .readModifiedAll: return readModified(all: true)
        }
    }

    /// Every position from address 0: attributes as SF (or SFE) orders,
    /// characters as they are, nulls included.
    func readBuffer() -> [UInt8] {
        var out: [UInt8] = [aid.rawValue] + BufferAddress.encode(cursor)
        var inbound = InboundAttributes(screen: self)
        for cell in cells {
            if let field = cell.field {
                out += attributeOrder(field, cell.attributes)
            } else {
                inbound.character(cell, into: &out)
            }
        }
        return out
    }

    /// The modified fields, each as SBA + address + its characters without
    /// nulls; an unformatted screen sends all its characters without nulls.
    /// CLEAR and the PA keys make a short read (the AID alone) unless `all`.
    func readModified(all: Bool) -> [UInt8] {
        if aid.isShortRead && !all { return [aid.rawValue] }
        var out: [UInt8] = [aid.rawValue] + BufferAddress.encode(cursor)
        var inbound = InboundAttributes(screen: self)
        guard isFormatted else {
            for cell in cells where cell.character != 0 { inbound.character(cell, into: &out) }
            return out
        }
        for field in fields where field.attribute.isModified {
            out.append(Order.setBufferAddress)
            out += BufferAddress.encode(field.start)
            for address in field.addresses(in: self) where cells[address].character != 0 {
                inbound.character(cells[address], into: &out)
            }
        }
        return out
    }

    /// SF in field reply mode; SFE with the extended attributes otherwise.
    private func attributeOrder(_ field: FieldAttribute, _ extended: ExtendedAttributes) -> [UInt8] {
        guard replyMode != .field else { return [Order.startField, field.encoded] }
        var pairs: [UInt8] = [AttributeType.fieldAttribute, field.encoded]
        for type in ExtendedAttributes.fieldTypes where extended.value(type) != 0 {
            pairs += [type, extended.value(type)]
        }
        return [Order.startFieldExtended, UInt8(pairs.count / 2)] + pairs
    }
}

/// In character reply mode, inbound characters carry SA orders whenever
/// one of the requested character attributes changes.
private struct InboundAttributes {
    let types: [UInt8]
    var current = ExtendedAttributes.none

    init(screen: Screen3270) {
        types = screen.replyMode == .character
            ? screen.replyAttributeTypes.filter { ExtendedAttributes.characterTypes.contains($0) } : []
    }

    mutating func character(_ cell: ScreenCell, into out: inout [UInt8]) {
        for type in types where cell.attributes.value(type) != current.value(type) {
            out += [Order.setAttribute, type, cell.attributes.value(type)]
            current.set(type, cell.attributes.value(type))
        }
        out.append(cell.character)
    }
}
