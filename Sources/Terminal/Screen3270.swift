/// How inbound data describes attributes (set by the Set Reply Mode
/// structured field).
public enum ReplyMode: UInt8, Sendable {
    /// SF orders with the basic field attribute only.
    case field = 0x00
    /// SFE orders with the extended field attributes too.
    case extendedField = 0x01
    /// As extended field, plus SA orders for the character attributes the
    /// program asked for.
    case character = 0x02
}

/// The buffer of a 3270 display (or printer) and the state around it: the
/// cursor, the keyboard lock, the pending AID and the reply mode.
///
/// A value: the device that owns it applies the program's data streams
/// (`write`), answers reads (`read`), and takes the operator's keys
/// (`enter(aid:)`, `type`); a renderer gets a copy to draw. Every operation
/// keeps the invariants (cells match the size, the cursor is inside the
/// buffer) whatever the input.
public struct Screen3270: Hashable, Sendable {
    public let model: DisplayModel
    /// Whether the extended data stream (SFE, SA, MF, structured fields)
    /// is available; a 3277 has only the basic orders.
    public let extendedDataStream: Bool

    public internal(set) var size: ScreenSize
    public internal(set) var cells: [ScreenCell]
    /// Cursor buffer address.
    public internal(set) var cursor: Int = 0
    /// Input inhibited: set by an AID key, cleared by a WCC keyboard restore.
    public internal(set) var keyboardLocked = false
    /// The AID of the last key that sent one, until the program restores the keyboard.
    public internal(set) var aid: AID = .none
    public internal(set) var replyMode: ReplyMode = .field
    /// Character attribute types the program asked for in character reply mode.
    public internal(set) var replyAttributeTypes: [UInt8] = []
    /// Incremented each time the program sounds the alarm (a renderer
    /// beeps when it changes).
    public internal(set) var alarms = 0
    /// Keyboard insert mode (operator side).
    public var insertMode = false

    public init(model: DisplayModel = .model2, extendedDataStream: Bool = true) {
        self.model = model
        self.extendedDataStream = extendedDataStream
        self.size = model.defaultSize
        self.cells = Array(repeating: .null, count: model.defaultSize.cellCount)
    }

    public var cellCount: Int { cells.count }

    /// The size ERASE/WRITE ALTERNATE selects (the largest the model shows).
    public var alternateSize: ScreenSize { model.alternateSize }

    /// Clears the buffer to nulls at `newSize`, the cursor to 0 (ERASE/WRITE, CLEAR).
    mutating func erase(to newSize: ScreenSize) {
        size = newSize
        cells = Array(repeating: .null, count: newSize.cellCount)
        cursor = 0
    }

    /// The address after `address`, wrapping at the end of the buffer.
    func next(_ address: Int) -> Int { address + 1 == cells.count ? 0 : address + 1 }

    func previous(_ address: Int) -> Int { address == 0 ? cells.count - 1 : address - 1 }

    /// Row and column of a buffer address.
    public func position(of address: Int) -> (row: Int, column: Int) {
        (address / size.columns, address % size.columns)
    }

    public func address(row: Int, column: Int) -> Int { row * size.columns + column }
}
