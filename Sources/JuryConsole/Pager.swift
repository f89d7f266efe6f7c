import JuryCore

// Any text too long for where it is shown (a comment on one line, the board's detail, the help)
// is read whole here: wrapped at the terminal's width and scrolled, at any size.

struct Pager: Equatable, Sendable {
    enum Content: Equatable, Sendable {
        case text(title: String, body: String)
        /// The keys of the screen under the pager, and what its columns mean.
        case help
    }

    var content: Content
    var scroll = 0
}

enum PagerAction: Sendable {
    case move(Motion), close
}

extension ConsoleState {
    var pagerBindings: [KeyBinding<PagerAction>] {
        Motion.bindings(.text, PagerAction.move) + [
            KeyBinding([.escape, .character("q"), .enter, .character("?")], .close, "Fermer", "Close", bar: ("fermer", "close")),
        ]
    }

    mutating func openPager(title: String, text: String) {
        pager = Pager(content: .text(title: title, body: text))
    }

    /// Where the pager draws: a frame over everything but the message line and the key bar.
    static func pagerFrame(rows: Int, columns: Int) -> (height: Int, width: Int) { (max(3, rows - 2), columns) }

    /// Lines inside the frame (a margin of two columns each side).
    func pagerLines(width: Int) -> (title: String, lines: [TextLine]) {
        guard let pager else { return ("", []) }
        switch pager.content {
        case let .text(title, body):
            let lines = body.split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph in
                DisplayWidth.wrap(String(paragraph), width: width).map { TextLine($0) }
            }
            return (title, lines)
        case .help:
            var under = self
            under.pager = nil
            let l = language, table = under.screenTable
            let keyWidth = min(20, width / 3)
            var lines: [TextLine] = []
            for line in table.applicable {
                let help = DisplayWidth.wrap(line.help.text(l), width: max(1, width - keyWidth))
                for (i, part) in help.enumerated() {
                    lines.append(TextLine(spans: [Span.cell(i == 0 ? line.keyNames(l) : "", keyWidth, .bold), Span(part)]))
                }
            }
            for note in table.notes {
                lines.append(.blank)
                lines += DisplayWidth.wrap(note.text(l), width: width).map { TextLine($0, .dim) }
            }
            return (l.pick("Aide — ", "Help — ") + table.title.text(l), lines)
        }
    }

    private var pagerHeight: Int { max(1, Self.pagerFrame(rows: rows, columns: columns).height - 2) }

    mutating func pressOnPager(_ key: Key) -> [ConsoleEffect] {
        guard var view = pager, let action = action(for: key, in: pagerBindings) else { return [] }
        switch action {
        case .move(let motion):
            let count = pagerLines(width: max(1, columns - 4)).lines.count, height = pagerHeight
            view.scroll = motion.apply(to: view.scroll, page: height - 1, last: count - height)
            pager = view
        case .close:
            pager = nil
        }
        return []
    }

    func drawPager(_ p: Painter) {
        guard let pager else { return }
        let frame = Self.pagerFrame(rows: p.rows, columns: p.columns)
        let (title, lines) = pagerLines(width: max(1, frame.width - 4))
        let height = frame.height - 2
        let shown = lines.count <= height ? "" : " \(min(100, (pager.scroll + height) * 100 / max(1, lines.count))) %"
        p.box(top: 0, left: 0, height: frame.height, width: frame.width, title: title + shown)
        for (offset, line) in lines.dropFirst(pager.scroll).prefix(height).enumerated() {
            p.line(line, row: 1 + offset, column: 2, width: frame.width - 4)
        }
    }
}
