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

    static let bindings: [KeyBinding<PagerAction>] = Motion.bindings(.text, PagerAction.move) + [
        KeyBinding([.escape, .character("q"), .enter, .character("?")], .close, .keyPagerClose, bar: .barClose),
    ]

    /// Where the pager draws: a frame over everything but the message line and the key bar.
    static func frame(rows: Int, columns: Int) -> (height: Int, width: Int) { (max(3, rows - 2), columns) }

    /// `lines`: how many lines the text takes at the frame's width.
    mutating func handle(_ key: Key, lines: Int, in c: inout ScreenContext) -> [ConsoleEffect] {
        switch c.action(for: key, in: Self.bindings) {
        case .move(let motion)?:
            let height = max(1, Self.frame(rows: c.rows, columns: c.columns).height - 2)
            scroll = motion.apply(to: scroll, page: height - 1, last: lines - height)
        case .close?: c.close()
        case nil: break
        }
        return []
    }
}

enum PagerAction: Sendable {
    case move(Motion), close
}

extension ConsoleState {
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
            return (l.text(.helpTitle) + table.title.text(l), lines)
        }
    }

    func drawPager(_ p: Painter) {
        guard let pager else { return }
        let frame = Pager.frame(rows: p.rows, columns: p.columns)
        let (title, lines) = pagerLines(width: max(1, frame.width - 4))
        let height = frame.height - 2
        let shown = lines.count <= height ? "" : " \(min(100, (pager.scroll + height) * 100 / max(1, lines.count))) %"
        p.box(top: 0, left: 0, height: frame.height, width: frame.width, title: title + shown)
        for (offset, line) in lines.dropFirst(pager.scroll).prefix(height).enumerated() {
            p.line(line, row: 1 + offset, column: 2, width: frame.width - 4)
        }
    }
}
