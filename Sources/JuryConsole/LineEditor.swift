import JuryCore

/// A one-line text field: the cursor moves by grapheme (an accented letter, a letter with a
/// combining accent, a wide CJK character or an emoji is one step), and the field scrolls
/// horizontally by display columns when the text is longer than the field.
struct LineEditor: Equatable, Sendable {
    private(set) var characters: [Character]
    /// Position of the cursor, in graphemes.
    private(set) var cursor: Int
    /// First display column shown.
    private(set) var scroll = 0

    init(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    var text: String { String(characters) }

    enum Outcome { case changed, moved, ignored }

    /// Applies an editing key; keys that are not editing keys are left to the caller.
    mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .left: return move(to: cursor - 1)
        case .right: return move(to: cursor + 1)
        case .home, .control("a"): return move(to: 0)
        case .end, .control("e"): return move(to: characters.count)
        case .backspace, .control("h"):
            guard cursor > 0 else { return .ignored }
            characters.remove(at: cursor - 1)
            cursor -= 1
            return .changed
        case .delete, .control("d"):
            guard cursor < characters.count else { return .ignored }
            characters.remove(at: cursor)
            return .changed
        case .control("u"):
            guard cursor > 0 else { return .ignored }
            characters.removeSubrange(0..<cursor)
            cursor = 0
            return .changed
        case .control("k"):
            guard cursor < characters.count else { return .ignored }
            characters.removeSubrange(cursor...)
            return .changed
        case .character(let character):
            return insert(character)
        default:
            return .ignored
        }
    }

    private mutating func move(to position: Int) -> Outcome {
        let clamped = min(max(0, position), characters.count)
        guard clamped != cursor else { return .ignored }
        cursor = clamped
        return .moved
    }

    /// Inserts typed text. A combining accent typed after a letter joins it: the text is segmented
    /// again so that the field always holds whole graphemes, and the cursor stays after the insertion.
    private mutating func insert(_ character: Character) -> Outcome {
        guard !character.unicodeScalars.contains(where: Sanitizer.isUnsafe) else { return .ignored }
        let head = String(characters[..<cursor]) + String(character)
        let tail = String(characters[cursor...])
        cursor = head.count
        characters = Array(head + tail)
        return .changed
    }

    /// Columns a grapheme takes in the field; a line break (from a multi-line comment) shows as "↵".
    static func width(_ character: Character) -> Int {
        character == "\n" ? 1 : DisplayWidth.of(character)
    }

    static func shown(_ character: Character) -> Character { character == "\n" ? "↵" : character }

    var cursorColumn: Int { characters[..<cursor].reduce(0) { $0 + Self.width($1) } }

    /// Scrolls so that the cursor is inside a field `width` columns wide; jumps by half a field
    /// rather than one column so that typing at the end of a long text rarely redraws the line.
    mutating func keepCursorVisible(width: Int) {
        guard width > 1 else { scroll = cursorColumn; return }
        let column = cursorColumn
        if column < scroll || column >= scroll + width { scroll = max(0, column - width / 2) }
    }

    /// What the field shows and where the cursor is in it (columns from the field's start).
    func visible(width: Int) -> (text: String, cursor: Int) {
        var shown = "", column = 0, used = 0
        for character in characters {
            let w = Self.width(character)
            defer { column += w }
            if column < scroll {
                // A wide character cut by the left edge: its visible half becomes a space.
                if column + w > scroll { shown += String(repeating: " ", count: column + w - scroll); used += column + w - scroll }
                continue
            }
            if used + w > width { break }
            shown.append(Self.shown(character))
            used += w
        }
        return (shown, cursorColumn - scroll)
    }
}
