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
    if let sheet = state.sheet {
        state.drawSheet(p, sheet)
    } else if let dossier = state.dossier {
        state.drawDossier(p, dossier)
    } else if let board = state.board {
        state.drawBoard(p, board)
    } else {
        state.drawList(p)
    }
    state.drawBottom(p)
    if state.help { state.drawHelp(p) }
}

extension ConsoleState {
    /// The message line (or the search field, or a question) and the bar of main keys.
    func drawBottom(_ p: Painter) {
        let l = language, row = p.rows - 2
        if let question = confirmation {
            p.line(TextLine(confirmationQuestion(question), [.bold, .warning]), row: row, column: 0, width: p.columns, extra: .reverse)
        } else if let field = conflictField {
            let start = p.text(conflictPrompt(field.dossier), row: row, column: 0, width: p.columns, style: .bold)
            let shown = field.editor.visible(width: conflictFieldWidth(field.dossier))
            p.text(shown.text, row: row, column: start, width: conflictFieldWidth(field.dossier))
            p.surface.placeCursor(row: row, column: start + shown.cursor)
        } else if let field = list.field, screen == .list {
            let start = p.text(searchPrompt, row: row, column: 0, width: p.columns, style: .bold)
            let shown = field.visible(width: searchFieldWidth)
            p.text(shown.text, row: row, column: start, width: searchFieldWidth)
            p.surface.placeCursor(row: row, column: start + shown.cursor)
        } else if let message {
            let style: Style = message.isError ? [.reverse, .bold, .danger] : .good
            p.text((message.isError ? l.pick("Erreur : ", "Error: ") : "") + message.text,
                   row: row, column: 0, width: p.columns, style: style)
        }
        var column = 0
        for entry in keyContext.keys {
            guard let label = entry.bar?.text(l) else { continue }
            let key = entry.keys.text(l), width = DisplayWidth.of(key) + DisplayWidth.of(label) + 3
            guard column + width <= p.columns else { break }
            p.text(key, row: p.rows - 1, column: column, width: p.columns - column, style: [.reverse, .bold])
            p.text(" " + label, row: p.rows - 1, column: column + DisplayWidth.of(key), width: p.columns - column, style: [])
            column += width
        }
    }

    /// The current screen's keys in a framed box; any key closes it.
    func drawHelp(_ p: Painter) {
        let l = language, context = keyContext
        let entries = context.keys
        let width = min(p.columns - 4, 76)
        let height = min(p.rows - 2, entries.count + 4)
        let top = max(0, (p.rows - height) / 2), left = max(0, (p.columns - width) / 2)
        p.box(top: top, left: left, height: height, width: width, title: l.pick("Aide — ", "Help — ") + context.title.text(l))
        let keyWidth = min(18, width / 3)
        let room = height - 4
        for (i, entry) in entries.prefix(room).enumerated() {
            let line = TextLine(spans: [Span.cell(entry.keys.text(l), keyWidth, .bold),
                                        Span(entry.action.text(l))])
            p.line(line, row: top + 1 + i, column: left + 2, width: width - 4)
        }
        if entries.count > room { p.text("…", row: top + room, column: left + 2, width: 1) }
        p.text(l.pick("Une touche pour fermer", "Any key to close"), row: top + height - 2, column: left + 2,
               width: width - 4, style: .dim)
    }

    /// Below the minimum size, a clear message rather than a broken layout.
    func drawTooSmall(_ p: Painter) {
        let l = language
        let text = l.pick("Terminal trop petit\u{A0}: \(Layout.minimumColumns)×\(Layout.minimumRows) minimum",
                          "Terminal too small: \(Layout.minimumColumns)×\(Layout.minimumRows) minimum")
            + " (\(p.columns)×\(p.rows))"
        let lines = DisplayWidth.wrap(text, width: p.columns)
        let top = max(0, (p.rows - lines.count) / 2)
        for (i, line) in lines.prefix(p.rows).enumerated() {
            let left = max(0, (p.columns - DisplayWidth.of(line)) / 2)
            p.text(line, row: top + i, column: left, width: p.columns - left, style: .bold)
        }
    }
}
