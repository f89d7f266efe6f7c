import JuryCore

/// How a cell is drawn. State is never shown by colour alone (NO_COLOR): every style
/// also has a monochrome form (reverse video, bold, underline) that the backend falls back to.
public struct Style: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let bold = Style(rawValue: 1 << 0)
    public static let reverse = Style(rawValue: 1 << 1)
    public static let underline = Style(rawValue: 1 << 2)
    public static let dim = Style(rawValue: 1 << 3)
    // Colour hints: ignored without colour, where the attributes above carry the meaning.
    public static let accent = Style(rawValue: 1 << 8)    // headings, titles
    public static let good = Style(rawValue: 1 << 9)      // eligible, submitted
    public static let warning = Style(rawValue: 1 << 10)  // draft, réservé
    public static let danger = Style(rawValue: 1 << 11)   // ineligible, errors

    public static let plain: Style = []
}

/// Where a frame is drawn: the ncurses screen, or an in-memory grid in tests.
/// Coordinates are (row, column) in display cells; text is already sanitized.
public protocol Surface: AnyObject {
    var rows: Int { get }
    var columns: Int { get }
    /// Forgets the previous frame's content (not a repaint: the backend sends only differences).
    func erase()
    /// Draws `text` from (row, column), clipped at the right edge; wide characters take two cells.
    func put(_ text: String, row: Int, column: Int, style: Style)
    /// The field being typed in: the terminal's cursor shows there, whatever else has the focus.
    func placeCursor(row: Int, column: Int)
    /// The selected row: the terminal's cursor rests there when no field takes it, hidden unless
    /// PTCE_JURY_CURSOR=visible, so that screen readers and braille displays, which follow the
    /// cursor, read what is selected.
    func focus(row: Int, column: Int)
    /// Forgets both: nothing has the focus.
    func hideCursor()
}

/// A key as the console understands it, decoded by the backend from the terminal's input.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case control(Character)   // Ctrl-A … Ctrl-Z as lowercase letters
    case function(Int)
}
