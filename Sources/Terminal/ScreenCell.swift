/// One buffer position: either a field attribute (the position shows as a
/// blank and starts a field) or a character.
public struct ScreenCell: Hashable, Sendable {
    /// The EBCDIC character; X'00' is a null (shown as a blank, never sent
    /// by READ MODIFIED). Not meaningful at an attribute position.
    public var character: UInt8
    /// Set when this position holds a field attribute.
    public var field: FieldAttribute?
    /// At an attribute position, the field's extended attributes; at a
    /// character, the character's own (from SA), defaults meaning "as the field".
    public var attributes: ExtendedAttributes

    public init(character: UInt8 = 0, field: FieldAttribute? = nil, attributes: ExtendedAttributes = .none) {
        self.character = character
        self.field = field
        self.attributes = attributes
    }

    /// A null character with no attributes: what erasing leaves.
    public static let null = ScreenCell()

    public var isFieldAttribute: Bool { field != nil }
}
