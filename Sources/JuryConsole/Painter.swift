import JuryCore

/// A piece of text in one style.
struct Span: Equatable, Sendable {
    var text: String
    var style: Style

    init(_ text: String, _ style: Style = []) {
        self.text = text
        self.style = style
    }

    /// A table cell `width` columns wide: the text is cut so that at least one blank column
    /// separates it from the next cell (on the left when aligned right).
    static func cell(_ text: String, _ width: Int, _ style: Style = [], alignRight: Bool = false) -> Span {
        Span(DisplayWidth.pad(DisplayWidth.truncate(text, to: width - 1), to: width, alignRight: alignRight), style)
    }
}

/// A laid-out line: spans drawn one after the other from `indent`.
struct TextLine: Equatable, Sendable {
    var spans: [Span]
    var indent = 0

    init(_ text: String, _ style: Style = [], indent: Int = 0) {
        self.spans = text.isEmpty ? [] : [Span(text, style)]
        self.indent = indent
    }

    init(spans: [Span], indent: Int = 0) {
        self.spans = spans
        self.indent = indent
    }

    static let blank = TextLine("")

    var text: String { spans.map(\.text).joined() }
}

/// Draws onto a surface. Every text reaches the surface through `text`, which makes it safe
/// (no control scalar, whatever the data holds) and cuts it to the room it has.
struct Painter {
    let surface: Surface

    /// Text fit for one line of the screen. Sanitizer.line goes through Foundation's slow `contains`
    /// on Linux, so it is only called for text that needs it.
    static func safe(_ text: String) -> String {
        Sanitizer.needsCleaning(text) || text.utf8.contains(0x0A) ? Sanitizer.line(text) : text
    }

    var rows: Int { surface.rows }
    var columns: Int { surface.columns }

    /// Draws `text` in at most `width` columns (cut with "…"); returns the columns used.
    @discardableResult
    func text(_ text: String, row: Int, column: Int, width: Int, style: Style = []) -> Int {
        guard width > 0, row >= 0, row < rows else { return 0 }
        let shown = DisplayWidth.truncate(Self.safe(text), to: width)
        surface.put(shown, row: row, column: column, style: style)
        return DisplayWidth.of(shown)
    }

    func fill(row: Int, column: Int, width: Int, style: Style) {
        guard width > 0 else { return }
        surface.put(String(repeating: " ", count: width), row: row, column: column, style: style)
    }

    /// Draws a laid-out line within `width` columns; `extra` is added to every span's style and,
    /// when not plain, also fills the rest of the line (a selected row is reversed edge to edge).
    func line(_ line: TextLine, row: Int, column: Int, width: Int, extra: Style = []) {
        if !extra.isEmpty { fill(row: row, column: column, width: width, style: extra) }
        var used = min(line.indent, width)
        for span in line.spans where used < width {
            used += text(span.text, row: row, column: column + used, width: width - used, style: span.style.union(extra))
        }
    }

    /// A row of a list or a table: the selected one reversed edge to edge, with the terminal's
    /// cursor on it (see `Surface.focus`).
    func row(_ line: TextLine, row: Int, column: Int, width: Int, selected: Bool) {
        self.line(line, row: row, column: column, width: width, extra: selected ? .reverse : [])
        if selected { surface.focus(row: row, column: column) }
    }

    /// A full-width bar: `left` from the start, `right` against the right edge. The right part (who I
    /// am, a position, a total) matters more than a long title: it may take two thirds of the bar.
    func bar(row: Int, left: String, right: String, style: Style) {
        fill(row: row, column: 0, width: columns, style: style)
        let leftWidth = DisplayWidth.of(Self.safe(left)), rightWidth = DisplayWidth.of(Self.safe(right))
        let rightRoom = max(0, min(rightWidth, max((columns - 3) * 2 / 3, columns - 3 - leftWidth)))
        text(right, row: row, column: columns - 1 - rightRoom, width: rightRoom, style: style)
        text(left, row: row, column: 1, width: columns - 3 - rightRoom, style: style)
    }

    /// A framed box whose inside is cleared, for overlays (help, filters).
    func box(top: Int, left: Int, height: Int, width: Int, title: String) {
        guard height >= 2, width >= 2 else { return }
        let inner = width - 2
        surface.put("┌" + String(repeating: "─", count: inner) + "┐", row: top, column: left, style: [])
        for row in top + 1 ..< top + height - 1 {
            surface.put("│", row: row, column: left, style: [])
            fill(row: row, column: left + 1, width: inner, style: [])
            surface.put("│", row: row, column: left + width - 1, style: [])
        }
        surface.put("└" + String(repeating: "─", count: inner) + "┘", row: top + height - 1, column: left, style: [])
        text(" " + title + " ", row: top, column: left + 2, width: inner - 2, style: [.bold, .accent])
    }
}
