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
        let words: [(Motion, [Key], TextKey)]
        switch through {
        case .dossiers:
            words = [(.down, [.character("j"), .down], .keyNextDossier),
                     (.up, [.character("k"), .up], .keyPreviousDossier),
                     (.first, [.character("g"), .home], .keyFirstDossier),
                     (.last, [.character("G"), .end], .keyLastDossier),
                     (.pageDown, [.pageDown], .keyNextPage),
                     (.pageUp, [.pageUp], .keyPreviousPage)]
        case .rows:
            words = [(.up, [.up, .character("k")], .keyPreviousRow),
                     (.down, [.down, .character("j")], .keyNextRow),
                     (.first, [.character("g"), .home], .keyFirstRow),
                     (.last, [.character("G"), .end], .keyLastRow)]
        case .text:
            words = [(.down, [.character("j"), .down], .keyLineDown),
                     (.up, [.character("k"), .up], .keyLineUp),
                     (.pageDown, [.pageDown, .character(" ")], .keyNextPage),
                     (.pageUp, [.character("b"), .pageUp], .keyPreviousPage),
                     (.first, [.character("g"), .home], .keyTextTop),
                     (.last, [.character("G"), .end], .keyTextEnd)]
        }
        return words.map { motion, keys, help in
            KeyBinding(keys, action(motion), help, bar: through == .text && motion == .pageDown ? .barPage : nil)
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
