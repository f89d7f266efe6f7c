import JuryCore

/// One binding of a screen's key table: the keys, the action, the help line, the key bar's label,
/// and whether it applies in the state the table was built for. A screen's table drives its
/// dispatch, its key bar, its help and the README's keys table, so that they cannot disagree.
struct KeyBinding<Action: Sendable>: Sendable {
    var keys: [Key]
    var action: Action
    var help: Localized
    var bar: Localized?
    var applies: Bool
    /// What the help names instead of the keys, for keys that have no name (the letters of a text).
    var names: Localized?
    /// Said when one of the keys is pressed while the binding does not apply.
    var refusal: Localized?

    init(_ keys: [Key], _ action: Action, _ help: TextKey, bar: TextKey? = nil, when applies: Bool = true,
         names: Localized? = nil, refusal: Localized? = nil) {
        self.keys = keys
        self.action = action
        self.help = Localized(help)
        self.bar = bar.map(Localized.init)
        self.applies = applies
        self.names = names
        self.refusal = refusal
    }

    var line: KeyLine {
        KeyLine(keys: keys, names: names, help: help, bar: bar, applies: applies)
    }
}

extension Array {
    /// The action of the first binding that applies and holds the key: earlier bindings win.
    func action<Action>(for key: Key) -> Action? where Element == KeyBinding<Action> {
        first { $0.applies && $0.keys.contains(key) }?.action
    }
}

/// A binding as the help, the key bar and the README read it, whatever the screen's actions.
struct KeyLine: Equatable, Sendable {
    var keys: [Key]
    var names: Localized?
    var help: Localized
    var bar: Localized?
    var applies: Bool
    /// Kept in the key bar whatever its width (the help key): the screen's entries give way first.
    var pinned = false

    func keyNames(_ language: Language) -> String { names?.text(language) ?? Key.names(keys, language) }

    /// The key bar names the first key only (or the binding's own name for its keys), to keep room for the others.
    func barKeys(_ language: Language) -> String { names?.text(language) ?? Key.names(Array(keys.prefix(1)), language) }
}

extension Localized {
    /// A catalog text in both languages: a key table is read in either (the README shows both).
    init(_ key: TextKey) {
        self.init(fr: Catalog.text(key, .fr), en: Catalog.text(key, .en))
    }
}

/// The keys in force: the screen's (or its text field's), then those that work everywhere.
struct KeyTable: Sendable {
    var title: Localized
    var lines: [KeyLine]
    /// What the screen's marks and columns mean, shown in the help under the keys.
    var notes: [Localized] = []

    var applicable: [KeyLine] { lines.filter(\.applies) }
}

extension Key {
    /// The key as the help and the key bar name it.
    func name(_ l: Language) -> String {
        switch self {
        case .character(" "): return l.text(.space)
        case .character(let c): return String(c)
        case .enter: return l.text(.enter)
        case .escape: return l.text(.esc)
        case .tab: return "Tab"
        case .backTab: return l.text(.shiftTab)
        case .backspace: return l.text(.bksp)
        case .delete: return l.text(.del)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return l.text(.home)
        case .end: return l.text(.end)
        case .pageUp: return l.text(.pgup)
        case .pageDown: return l.text(.pgdn)
        case .control(let c): return "Ctrl-" + c.uppercased()
        case .function(let n): return "F\(n)"
        }
    }

    /// Several keys, a run of three digits or more shortened to its ends ("1 … 5").
    static func names(_ keys: [Key], _ l: Language) -> String {
        var parts: [String] = [], run: [Int] = []
        func closeRun() {
            if run.count >= 3 { parts.append("\(run.first!) … \(run.last!)") } else { parts += run.map(String.init) }
            run = []
        }
        for key in keys {
            if case .character(let c) = key, c.isASCII, let digit = c.wholeNumberValue, run.last.map({ $0 + 1 == digit }) ?? true {
                run.append(digit)
                continue
            }
            closeRun()
            parts.append(key.name(l))
        }
        closeRun()
        return parts.joined(separator: " ")
    }

    static func characters(_ text: String) -> [Key] { text.map(Key.character) }
}

/// Keys that work on every screen.
enum GlobalAction: Sendable {
    case quit, repaint, help, followDiscussion
}

extension ConsoleState {
    var globalBindings: [KeyBinding<GlobalAction>] {
        [
            KeyBinding([.character("?")], .help, .keyHelp, bar: .barHelp, when: pager == nil && !isTyping && !steppedOut),
            KeyBinding([.character("D")], .followDiscussion, .keyFollowDiscussion, bar: .barInDiscussion,
                       when: pager == nil && !isTyping && confirmation == nil && data.seance?.discussing != nil
                           && !followsDiscussion),
            KeyBinding([.control("l")], .repaint, .keyRepaint),
            KeyBinding([.control("c")], .quit, .keyQuit),
        ]
    }

}

/// What a key does in a text field: one of the field's own actions, or an edit of the text. In a
/// field no key is a command: letters are text, and only these keys act.
enum FieldAction: Sendable {
    case edit, commit, cancel, next, previous
}

extension KeyBinding where Action == FieldAction {
    /// The keys that edit the text (LineEditor), under a line saying what the text is.
    static func editing(_ text: TextKey) -> [KeyBinding<FieldAction>] {
        [KeyBinding([], .edit, text, names: Localized(.keysLetters))] + lineEditing
    }

    private static var lineEditing: [KeyBinding<FieldAction>] {
        [
            KeyBinding([.left, .right, .home, .end], .edit, .keyFieldCursor),
            KeyBinding([.control("a"), .control("e")], .edit, .keyFieldStartEnd),
            KeyBinding([.backspace, .delete], .edit, .keyFieldErase),
            KeyBinding([.control("u"), .control("k")], .edit, .keyFieldEraseToStartEnd),
        ]
    }
}

extension KeyTable {
    /// One row of the README's keys table: the screen's name, then each binding's keys and what
    /// they do (the keys that work everywhere have a row of their own).
    func markdownRow(_ l: Language, name: String? = nil, everywhere: Bool = false) -> String {
        let cells = lines.filter { $0.pinned == everywhere }.map { line in
            "`" + line.keyNames(l).replacingOccurrences(of: "|", with: "\\|") + "` " + line.help.text(l).replacingOccurrences(of: "|", with: "\\|")
        }
        return "| **\(name ?? title.text(l))** | " + cells.joined(separator: " · ") + " |"
    }
}
