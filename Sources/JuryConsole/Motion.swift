import JuryCore

/// Moving through what a screen shows — a selection among dossiers or rows, or a text scrolled —
/// with the same keys on every screen.
enum Motion: Equatable, Sendable {
    case down, up, pageDown, pageUp, first, last

    /// What is moved through, for the words of the help.
    enum Through {
        case dossiers, rows, text
    }

    /// The offset (a selection or a scroll) after the motion, kept within 0...last.
    func apply(to offset: Int, page: Int, last: Int) -> Int {
        let moved: Int
        switch self {
        case .down: moved = offset + 1
        case .up: moved = offset - 1
        case .pageDown: moved = offset + max(1, page)
        case .pageUp: moved = offset - max(1, page)
        case .first: moved = 0
        case .last: moved = last
        }
        return min(max(0, moved), max(0, last))
    }

    /// The bindings of the motions, each made the screen's action by `action`. Text also pages with
    /// Space and b, as pagers do; rows have no pages.
    static func bindings<Action>(_ through: Through, _ action: (Motion) -> Action) -> [KeyBinding<Action>] {
        let words: [(Motion, [Key], String, String)]
        switch through {
        case .dossiers:
            words = [(.down, [.character("j"), .down], "Dossier suivant", "Next dossier"),
                     (.up, [.character("k"), .up], "Dossier précédent", "Previous dossier"),
                     (.first, [.character("g"), .home], "Premier dossier", "First dossier"),
                     (.last, [.character("G"), .end], "Dernier dossier", "Last dossier"),
                     (.pageDown, [.pageDown], "Page suivante", "Next page"),
                     (.pageUp, [.pageUp], "Page précédente", "Previous page")]
        case .rows:
            words = [(.up, [.up, .character("k")], "Ligne précédente", "Previous row"),
                     (.down, [.down, .character("j")], "Ligne suivante", "Next row"),
                     (.first, [.character("g"), .home], "Première ligne", "First row"),
                     (.last, [.character("G"), .end], "Dernière ligne", "Last row")]
        case .text:
            words = [(.down, [.character("j"), .down], "Une ligne plus bas", "One line down"),
                     (.up, [.character("k"), .up], "Une ligne plus haut", "One line up"),
                     (.pageDown, [.pageDown, .character(" ")], "Page suivante", "Next page"),
                     (.pageUp, [.character("b"), .pageUp], "Page précédente", "Previous page"),
                     (.first, [.character("g"), .home], "Début", "Top"),
                     (.last, [.character("G"), .end], "Fin", "End")]
        }
        return words.map { motion, keys, fr, en in
            KeyBinding(keys, action(motion), fr, en, bar: through == .text && motion == .pageDown ? ("page", "page") : nil)
        }
    }
}

extension Motion {
    /// The first line to show so that `line` stays within the `height` lines shown of `count`,
    /// `scroll` moved as little as possible: every scrolled table and list keeps its selection so.
    static func scroll(_ scroll: Int, keeping line: Int, height: Int, count: Int) -> Int {
        let height = max(1, height)
        var scroll = scroll
        if line < scroll { scroll = line }
        if line >= scroll + height { scroll = line - height + 1 }
        return max(0, min(scroll, count - height))
    }
}
