import JuryCore

/// Draws the whole frame. It starts with `erase()`: the backend then sends only what differs
/// from the previous frame. Only visible rows are laid out, whatever the number of dossiers.
public func render(_ state: ConsoleState, on surface: Surface) {
    surface.erase()
    surface.hideCursor()
    let p = Painter(surface: surface)
    guard surface.rows >= Layout.minimumRows, surface.columns >= Layout.minimumColumns else {
        state.drawTooSmall(p)
        return
    }
    if state.steppedOut {
        state.drawSteppedOut(p)
    } else {
        state.top.component.draw(p, state.context)
        state.drawPager(p)
    }
    state.drawBottom(p)
}

extension ConsoleState {
    /// The message line (or the search field, or a question) and the bar of main keys.
    func drawBottom(_ p: Painter) {
        let l = language, row = p.rows - 2
        if let question = confirmation {
            drawWrapped(p, confirmationQuestion(question), style: [.bold, .warning], extra: .reverse)
        } else if let field = conflictField {
            let width = field.width(context)
            let start = p.text(field.question(language), row: row, column: 0, width: p.columns, style: .bold)
            let shown = field.editor.visible(width: width)
            p.text(shown.text, row: row, column: start, width: width)
            p.surface.placeCursor(row: row, column: start + shown.cursor)
        } else if let field = list.field, screen == .list, pager == nil {
            let c = context
            let start = p.text(c.searchPrompt, row: row, column: 0, width: p.columns, style: .bold)
            let shown = field.visible(width: c.searchFieldWidth)
            p.text(shown.text, row: row, column: start, width: c.searchFieldWidth)
            p.surface.placeCursor(row: row, column: start + shown.cursor)
        } else if let message, message.screen ?? screen == screen {
            let style: Style = message.isError ? [.reverse, .bold, .danger] : .good
            drawWrapped(p, (message.isError ? l.text(.error) : "") + message.text, style: style)
        } else if let banner = seanceBanner {
            // The séance stays in sight on every screen; a passing message covers it for a moment.
            drawWrapped(p, banner, style: [.bold, data.seance?.hasQuorum == false ? .warning : .accent], extra: .reverse)
        }
        // The main keys: the screen's in order, as many as fit beside the pinned ones (help).
        let entries = keyTable.applicable.compactMap { line in
            line.bar.map { (key: line.barKeys(l), label: $0.text(l), pinned: line.pinned) }
        }
        func width(_ entry: (key: String, label: String, pinned: Bool)) -> Int { DisplayWidth.of(entry.key) + DisplayWidth.of(entry.label) + 3 }
        // Changes not yet acknowledged by the jury server stay in sight at the end of the bar until they are.
        let pending = pendingChanges > 0 ? " " + l.text(.pendingChanges, ["n": pendingChanges]) + " " : ""
        if !pending.isEmpty {
            p.text(pending, row: p.rows - 1, column: max(0, p.columns - DisplayWidth.of(pending)), width: p.columns, style: [.reverse, .bold, .warning])
        }
        var room = p.columns - DisplayWidth.of(pending) - entries.filter(\.pinned).map(width).reduce(0, +)
        var column = 0
        for entry in entries {
            if !entry.pinned {
                guard width(entry) <= room else { room = 0; continue }
                room -= width(entry)
            }
            p.text(entry.key, row: p.rows - 1, column: column, width: p.columns - column, style: [.reverse, .bold])
            p.text(" " + entry.label, row: p.rows - 1, column: column + DisplayWidth.of(entry.key), width: p.columns - column, style: [])
            column += width(entry)
        }
    }

    /// A message or a question too long for the line wraps upwards over the screen's last rows
    /// rather than losing its end (the « (o/n) » of a question).
    private func drawWrapped(_ p: Painter, _ text: String, style: Style, extra: Style = []) {
        let room = max(1, p.rows / 4)
        var lines = DisplayWidth.wrap(Painter.safe(text), width: p.columns)
        if lines.count > room {
            lines = Array(lines.prefix(room))
            lines[room - 1] = DisplayWidth.truncate(lines[room - 1] + " …", to: p.columns)
        }
        let top = p.rows - 1 - lines.count
        for (i, line) in lines.enumerated() {
            p.fill(row: top + i, column: 0, width: p.columns, style: extra)
            p.line(TextLine(line, style), row: top + i, column: 0, width: p.columns, extra: extra)
        }
    }

    /// Below the minimum size, a clear message rather than a broken layout.
    func drawTooSmall(_ p: Painter) {
        let l = language
        let text = l.text(.terminalTooSmallMinimum, ["minimumColumns": Layout.minimumColumns, "minimumRows": Layout.minimumRows])
            + " (\(p.columns)×\(p.rows))"
        let lines = DisplayWidth.wrap(text, width: p.columns)
        let top = max(0, (p.rows - lines.count) / 2)
        for (i, line) in lines.prefix(p.rows).enumerated() {
            let left = max(0, (p.columns - DisplayWidth.of(line)) / 2)
            p.text(line, row: top + i, column: left, width: p.columns - left, style: .bold)
        }
    }
}
