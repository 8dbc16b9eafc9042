/// Paints a `Screen3270` into a frame as a 3279 shows it: base colours from
/// the field attributes (protected/unprotected × normal/intensified: blue,
/// white, green, red), extended colours and highlighting where the field or
/// the character has them, hidden fields blank.
public enum ScreenPainter {
    /// Paints `screen` with its top-left cell at (`top`, `left`) of `frame`,
    /// clipped at the frame's edges.
    public static func paint(_ screen: Screen3270, codes: CodeTable, into frame: inout Frame, top: Int, left: Int) {
        let columns = screen.size.columns
        // One pass in buffer order, keeping the governing field, so the
        // cost is one step per cell (a search per cell would be quadratic).
        var field: ScreenCell? = screen.cells.last(where: { $0.field != nil })
        for (address, cell) in screen.cells.enumerated() {
            let row = top + address / columns, column = left + address % columns
            if cell.field != nil { field = cell }
            guard row >= 0 && row < frame.size.rows && column >= 0 && column < frame.size.columns else { continue }
            if cell.field != nil {
                frame[row, column] = FrameCell(" ", style(field: cell, character: nil))
                continue
            }
            let hidden = field?.field?.isHidden ?? false
            let shown: Unicode.Scalar = hidden || cell.character == 0 ? " " : codes.displayScalar(cell.character)
            frame[row, column] = FrameCell(shown, style(field: field, character: cell))
        }
    }

    /// The style of a character in `field` (nil: an unformatted screen).
    static func style(field: ScreenCell?, character: ScreenCell?) -> CellStyle {
        let attribute = field?.field ?? FieldAttribute(rawValue: 0)
        var extended = field?.attributes ?? .none
        if let own = character?.attributes, !own.isDefault {
            if own.foreground != 0 { extended.foreground = own.foreground }
            if own.background != 0 { extended.background = own.background }
            if own.highlighting != 0 { extended.highlighting = own.highlighting }
        }
        var style = CellStyle()
        style.intensified = attribute.isIntensified
        if let color = extended.foregroundColor, color != .default {
            style.foreground = color
        } else {
            switch (attribute.isProtected, attribute.isIntensified) {
            case (true, false): style.foreground = .blue
            case (true, true): style.foreground = .neutralWhite
            case (false, false): style.foreground = .green
            case (false, true): style.foreground = .red
            }
        }
        if let background = extended.backgroundColor, background != .default { style.background = background }
        switch extended.highlight {
        case .reverse?: style.reverse = true
        case .underscore?: style.underline = true
        case .blink?: style.blink = true
        default: break
        }
        return style
    }
}
