/// Performing outbound data streams: the write commands, the WCC and the orders.
extension Screen3270 {
    /// Performs a data stream whose first byte is the command (remote codes
    /// F1, F5, 7E, 6F, F3 or the local ones 01, 05, 0D, 0F, 11), as TN3270
    /// and DIAGNOSE X'58' deliver them.
    @discardableResult
    public mutating func process(_ stream: [UInt8]) throws(DataStreamError) -> WriteOutcome {
        guard let code = stream.first else { throw DataStreamError(.emptyStream, at: 0) }
        guard let command = OutboundCommand(code: code) else {
            throw DataStreamError(.unknownCommand(code), at: 0)
        }
        return try perform(command, stream[1...], base: 1)
    }

    /// Performs one write command on `data` (the bytes after the command:
    /// WCC and orders, or structured fields). Errors give the offset in `data`.
    @discardableResult
    public mutating func write(_ command: OutboundCommand, _ data: [UInt8]) throws(DataStreamError) -> WriteOutcome {
        try perform(command, data[...], base: 0)
    }

    /// `base` is the caller's offset of `data.startIndex`, for error reports.
    mutating func perform(_ command: OutboundCommand, _ data: ArraySlice<UInt8>, base: Int) throws(DataStreamError) -> WriteOutcome {
        switch command {
        case .eraseAllUnprotected:
            eraseAllUnprotected()
            return WriteOutcome()
        case .writeStructuredField:
            guard extendedDataStream else {
                throw DataStreamError(.extendedDataStreamNotSupported(command.remoteCode), at: base)
            }
            return try performStructuredFields(data, base: base)
        case .write, .eraseWrite, .eraseWriteAlternate:
            if command == .eraseWrite { erase(to: model.defaultSize) }
            if command == .eraseWriteAlternate { erase(to: alternateSize) }
            guard let byte = data.first else { return WriteOutcome() }
            let wcc = WriteControlCharacter(rawValue: byte)
            if command != .write && wcc.reset {
                replyMode = .field
                replyAttributeTypes = []
            }
            if wcc.resetModified { resetModifiedDataTags() }
            var writer = OrderWriter(start: command == .write ? cursor : 0)
            try writer.run(data.dropFirst(), base: base + 1, on: &self)
            // The WCC's closing functions, done only when the whole stream was good.
            if wcc.soundAlarm { alarms &+= 1 }
            if wcc.restoreKeyboard {
                keyboardLocked = false
                aid = .none
            }
            return WriteOutcome(wcc: wcc)
        }
    }

    mutating func resetModifiedDataTags() {
        for i in cells.indices where cells[i].field != nil {
            cells[i].field!.isModified = false
        }
    }

    /// ERASE ALL UNPROTECTED: nulls in every unprotected position, MDTs
    /// off, keyboard unlocked, cursor to the first unprotected field.
    mutating func eraseAllUnprotected() {
        var unprotected = attributeAddress(governing: 0).map { !cells[$0].field!.isProtected } ?? true
        for i in cells.indices {
            if let f = cells[i].field {
                unprotected = !f.isProtected
                if unprotected { cells[i].field!.isModified = false }
            } else if unprotected {
                cells[i] = .null
            }
        }
        keyboardLocked = false
        aid = .none
        cursor = nextUnprotectedStart(from: 0) ?? 0
    }
}

/// Walks the orders and data of one write, keeping the current buffer
/// address and the character attributes set by SA.
struct OrderWriter {
    var address: Int
    var characterAttributes = ExtendedAttributes.none
    /// The previous item was a character (PT then pads the field with nulls).
    var afterCharacter = false

    init(start: Int) { address = start }

    mutating func run(_ data: ArraySlice<UInt8>, base: Int, on screen: inout Screen3270) throws(DataStreamError) {
        var i = data.startIndex
        let end = data.endIndex
        func offset(_ index: Int) -> Int { base + index - data.startIndex }
        /// The operand bytes of an order, or a truncated-order error.
        func operands(_ count: Int) throws(DataStreamError) -> ArraySlice<UInt8> {
            guard end - (i + 1) >= count else { throw DataStreamError(.truncatedOrder(data[i]), at: offset(i)) }
            return data[(i + 1)..<(i + 1 + count)]
        }
        func decodeAddress(_ bytes: ArraySlice<UInt8>) throws(DataStreamError) -> Int {
            let value = BufferAddress.decode(bytes[bytes.startIndex], bytes[bytes.startIndex + 1])
            guard value < screen.cellCount else {
                throw DataStreamError(.addressOutOfRange(address: value, size: screen.cellCount), at: offset(i))
            }
            return value
        }
        func requireExtended() throws(DataStreamError) {
            guard screen.extendedDataStream else {
                throw DataStreamError(.extendedDataStreamNotSupported(data[i]), at: offset(i))
            }
        }

        while i < end {
            let byte = data[i]
            switch byte {
            case Order.startField:
                let attribute = try operands(1).first!
                screen.cells[self.address] = ScreenCell(field: FieldAttribute(rawValue: attribute))
                advance(&screen)
                i += 2
                afterCharacter = false
            case Order.startFieldExtended:
                try requireExtended()
                let count = Int(try operands(1).first!)
                let pairs = try operands(1 + 2 * count).dropFirst()
                var field = FieldAttribute(rawValue: 0)
                var extended = ExtendedAttributes.none
                forEachPair(pairs) { type, value in
                    if type == AttributeType.fieldAttribute { field = FieldAttribute(rawValue: value) }
                    else { extended.set(type, value) }  // unknown types are ignored
                }
                screen.cells[self.address] = ScreenCell(field: field, attributes: extended)
                advance(&screen)
                i += 2 + 2 * count
                afterCharacter = false
            case Order.setBufferAddress:
                self.address = try decodeAddress(try operands(2))
                i += 3
                afterCharacter = false
            case Order.setAttribute:
                try requireExtended()
                let pair = try operands(2)
                let type = pair[pair.startIndex], value = pair[pair.startIndex + 1]
                if type == AttributeType.all { characterAttributes = .none }
                else if ExtendedAttributes.characterTypes.contains(type) { characterAttributes.set(type, value) }
                i += 3
                afterCharacter = false
            case Order.modifyField:
                try requireExtended()
                let count = Int(try operands(1).first!)
                let pairs = try operands(1 + 2 * count).dropFirst()
                // Only a field attribute can be modified; elsewhere the order does nothing.
                if var field = screen.cells[self.address].field {
                    var extended = screen.cells[self.address].attributes
                    forEachPair(pairs) { type, value in
                        if type == AttributeType.fieldAttribute { field = FieldAttribute(rawValue: value) }
                        else { extended.set(type, value) }
                    }
                    screen.cells[self.address] = ScreenCell(field: field, attributes: extended)
                    advance(&screen)
                }
                i += 2 + 2 * count
                afterCharacter = false
            case Order.insertCursor:
                screen.cursor = self.address
                i += 1
                afterCharacter = false
            case Order.programTab:
                programTab(&screen)
                i += 1
                afterCharacter = false
            case Order.repeatToAddress:
                let stop = try decodeAddress(try operands(2))
                var character = try operands(3).last!
                var attributes = characterAttributes
                var used = 4
                if character == Order.graphicEscape {
                    character = try operands(4).last!
                    attributes.characterSet = 0xF1
                    used = 5
                }
                repeat {
                    screen.cells[self.address] = ScreenCell(character: character, attributes: attributes)
                    advance(&screen)
                } while self.address != stop
                i += used
                afterCharacter = false
            case Order.eraseUnprotectedToAddress:
                let stop = try decodeAddress(try operands(2))
                eraseUnprotected(until: stop, &screen)
                i += 3
                afterCharacter = false
            case Order.graphicEscape:
                let character = try operands(1).first!
                var attributes = characterAttributes
                attributes.characterSet = 0xF1
                put(character, attributes, &screen)
                i += 2
            default:
                // Graphics, nulls and format controls (NL, EM, DUP, FM, …) are
                // all buffer characters; the renderer decides how they look.
                put(byte, characterAttributes, &screen)
                i += 1
            }
        }
    }

    private func forEachPair(_ pairs: ArraySlice<UInt8>, _ body: (UInt8, UInt8) -> Void) {
        var j = pairs.startIndex
        while j + 1 < pairs.endIndex {
            body(pairs[j], pairs[j + 1])
            j += 2
        }
    }

    private mutating func advance(_ screen: inout Screen3270) { address = screen.next(address) }

    private mutating func put(_ character: UInt8, _ attributes: ExtendedAttributes, _ screen: inout Screen3270) {
        screen.cells[address] = ScreenCell(character: character, attributes: attributes)
        advance(&screen)
        afterCharacter = true
    }

    /// PT: after data, nulls to the end of the field; then on to the first
    /// character of the next unprotected field, or to 0 if the buffer ends first.
    private mutating func programTab(_ screen: inout Screen3270) {
        if afterCharacter {
            var a = address
            while screen.cells[a].field == nil {
                screen.cells[a] = .null
                a += 1
                if a == screen.cellCount { break }
            }
        }
        var a = address
        while a < screen.cellCount {
            if let f = screen.cells[a].field, !f.isProtected {
                address = screen.next(a)
                return
            }
            a += 1
        }
        address = 0
    }

    /// EUA: nulls in unprotected character positions from the current
    /// address up to `stop` (the whole buffer when they are equal).
    private mutating func eraseUnprotected(until stop: Int, _ screen: inout Screen3270) {
        var unprotected = screen.attributeAddress(governing: address).map { !screen.cells[$0].field!.isProtected } ?? true
        repeat {
            if let f = screen.cells[address].field {
                unprotected = !f.isProtected
            } else if unprotected {
                screen.cells[address] = .null
            }
            advance(&screen)
        } while address != stop
    }
}
