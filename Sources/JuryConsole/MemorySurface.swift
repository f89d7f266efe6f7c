import Foundation
import JuryCore

/// An in-memory surface for tests and benchmarks: a grid of cells, rendered as text
/// for golden files (like ratatui's TestBackend).
public final class MemorySurface: Surface {
    public struct Cell: Equatable, Sendable {
        public var text: String     // one grapheme, or "" for the right half of a wide one
        public var style: Style
    }

    public private(set) var rows: Int
    public private(set) var columns: Int
    public private(set) var cells: [[Cell]]
    /// The field's cursor (`placeCursor`), shown.
    public private(set) var cursor: (row: Int, column: Int)?
    /// The selected row's (`focus`), where the cursor rests when no field has it.
    public private(set) var focus: (row: Int, column: Int)?

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        self.cells = Array(repeating: Array(repeating: Cell(text: " ", style: []), count: columns), count: rows)
    }

    public func resize(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        erase()
    }

    public func erase() {
        cells = Array(repeating: Array(repeating: Cell(text: " ", style: []), count: columns), count: rows)
        cursor = nil
        focus = nil
    }

    public func put(_ text: String, row: Int, column: Int, style: Style) {
        guard row >= 0, row < rows else { return }
        var col = column
        for character in text {
            let width = DisplayWidth.of(character)
            if width == 0 {   // a combining mark joins the previous cell
                if col > 0, col - 1 < columns { cells[row][col - 1].text.append(character) }
                continue
            }
            if col + width > columns { break }
            if col >= 0 {
                cells[row][col] = Cell(text: String(character), style: style)
                if width == 2 { cells[row][col + 1] = Cell(text: "", style: style) }
            }
            col += width
        }
    }

    public func placeCursor(row: Int, column: Int) { cursor = (row, column) }
    public func focus(row: Int, column: Int) { focus = (row, column) }
    public func hideCursor() {
        cursor = nil
        focus = nil
    }

    /// The frame as lines of text, trailing spaces kept so that widths can be checked.
    public func lines() -> [String] {
        cells.map { $0.map(\.text).joined() }
    }

    /// The frame as text, one line per row, for golden files.
    public func text() -> String { lines().joined(separator: "\n") + "\n" }

    /// The frame with style markers, for golden files that must show what is highlighted:
    /// a second line under each row marks reverse (R), bold (B), underline (U) cells.
    public func styledText() -> String {
        var out = ""
        for row in cells {
            out += row.map(\.text).joined() + "\n"
            let marks = row.flatMap { cell -> [Character] in
                if cell.text.isEmpty { return [] }
                let mark: Character = cell.style.contains(.reverse) ? "R" : cell.style.contains(.bold) ? "B"
                    : cell.style.contains(.underline) ? "U" : cell.style.contains(.dim) ? "d" : " "
                return Array(repeating: mark, count: max(1, DisplayWidth.of(cell.text)))
            }
            let line = String(marks)
            if line.contains(where: { $0 != " " }) { out += "·" + line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n" }
        }
        return out
    }
}
