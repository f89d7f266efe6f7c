import CDisplayWidth

/// Terminal columns, computed as ncurses will draw them (libc's wcwidth: docs/ARCHITECTURE.md, « The terminal »):
/// é = 1, a combining accent = 0, 日 = 2, most emoji = 2. Never `String.count`.
public enum DisplayWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return 1 }
        let width = Int(ptce_display_width(value))
        return width < 0 ? 0 : width
    }

    public static func of(_ character: Character) -> Int {
        character.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    public static func of<S: StringProtocol>(_ text: S) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// The longest prefix that fits in `columns`, with "…" when something was cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        var result = "", used = 0
        for character in text {
            let width = of(character)
            if used + width > columns - 1 { break }
            result.append(character)
            used += width
        }
        return result + "…"
    }

    /// Pads (or truncates) to exactly `columns` display columns.
    public static func pad(_ text: String, to columns: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: columns)
        let fill = String(repeating: " ", count: max(0, columns - of(cut)))
        return alignRight ? fill + cut : cut + fill
    }

    /// Wraps a paragraph at word boundaries by display width; a word longer than a line is cut.
    public static func wrap(_ paragraph: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = [], line = "", lineWidth = 0
        func flush() { lines.append(line); line = ""; lineWidth = 0 }
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            var wordWidth = of(word)
            if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                line += " " + word; lineWidth += 1 + wordWidth
                continue
            }
            if lineWidth > 0 { flush() }
            while wordWidth > width {   // an unbroken word wider than the line: cut it
                var piece = "", pieceWidth = 0
                var rest = word.startIndex
                for index in word.indices {
                    let w = of(word[index])
                    if pieceWidth + w > width { break }
                    piece.append(word[index]); pieceWidth += w
                    rest = word.index(after: index)
                }
                if piece.isEmpty { rest = word.index(after: word.startIndex) }   // a glyph wider than the line
                lines.append(piece)
                word = word[rest...]
                wordWidth = of(word)
            }
            line = String(word); lineWidth = wordWidth
        }
        if lineWidth > 0 || lines.isEmpty { flush() }
        return lines
    }
}
