/// A field as the buffer holds it: an attribute position and the character
/// positions after it up to the next attribute (wrapping past the end).
public struct Field: Hashable, Sendable {
    /// Where the attribute is.
    public let attributeAddress: Int
    public let attribute: FieldAttribute
    public let extended: ExtendedAttributes
    /// The first character position (after the attribute, wrapping).
    public let start: Int
    /// Character positions in the field (0 when two attributes are adjacent).
    public let length: Int

    /// The character addresses of the field, in order.
    public func addresses(in screen: Screen3270) -> [Int] {
        (0..<length).map { (start + $0) % screen.cellCount }
    }
}

extension Screen3270 {
    /// A screen with no field attributes is unformatted: all of it is one
    /// unprotected area.
    public var isFormatted: Bool { cells.contains { $0.field != nil } }

    /// Every field, in buffer order of their attributes.
    public var fields: [Field] {
        let attributes = cells.indices.filter { cells[$0].field != nil }
        return attributes.enumerated().map { index, address in
            let nextAttribute = attributes[(index + 1) % attributes.count]
            var length = nextAttribute - address - 1
            if length < 0 { length += cells.count }
            return makeField(at: address, length: length)
        }
    }

    /// The field a buffer position belongs to (its own if it is an
    /// attribute); nil on an unformatted screen.
    public func field(containing address: Int) -> Field? {
        guard address >= 0 && address < cells.count, let start = attributeAddress(governing: address) else { return nil }
        var end = next(start)
        var length = 0
        while cells[end].field == nil && end != start {
            length += 1
            end = next(end)
        }
        return makeField(at: start, length: length)
    }

    /// The address of the attribute that governs `address` (searching
    /// backwards, wrapping), or nil when the screen is unformatted.
    func attributeAddress(governing address: Int) -> Int? {
        var a = address
        for _ in 0..<cells.count {
            if cells[a].field != nil { return a }
            a = previous(a)
        }
        return nil
    }

    private func makeField(at address: Int, length: Int) -> Field {
        Field(attributeAddress: address, attribute: cells[address].field!, extended: cells[address].attributes,
              start: next(address), length: length)
    }

    /// Whether the operator may type at `address`: a character position of
    /// an unprotected field (anywhere on an unformatted screen).
    public func isUnprotectedCharacter(_ address: Int) -> Bool {
        guard address >= 0 && address < cells.count, cells[address].field == nil else { return false }
        guard let attribute = attributeAddress(governing: address) else { return true }
        return !cells[attribute].field!.isProtected
    }

    /// The first character position of the first unprotected field at or
    /// after `address` (searching forward, wrapping); nil if there is none.
    /// On an unformatted screen, `address` itself.
    func nextUnprotectedStart(from address: Int) -> Int? {
        guard isFormatted else { return address }
        var a = address
        for _ in 0..<cells.count {
            if let f = cells[a].field, !f.isProtected, cells[next(a)].field == nil { return next(a) }
            a = next(a)
        }
        return nil
    }

    /// The field attribute and extended attributes that decide how
    /// `address` looks: the character's own where set, else its field's.
    public func effectiveAttributes(at address: Int) -> (field: FieldAttribute?, extended: ExtendedAttributes) {
        guard address >= 0 && address < cells.count else { return (nil, .none) }
        let governing = attributeAddress(governing: address)
        let field = governing.map { cells[$0].field! }
        var merged = governing.map { cells[$0].attributes } ?? .none
        if cells[address].field == nil {
            let own = cells[address].attributes
            for type in ExtendedAttributes.characterTypes where own.value(type) != 0 {
                merged.set(type, own.value(type))
            }
        }
        return (field, merged)
    }
}
