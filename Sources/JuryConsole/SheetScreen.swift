import JuryCore

// My score sheet for one dossier. Every change is saved at once (a `.save` effect), so there is
// no save step to forget and an SSH drop loses nothing.

/// The rows the focus moves through: each criterion's value, each criterion's comment,
/// the overall comment, the recommendation.
enum SheetRow: Equatable {
    case value(Int), comment(Int), overall, recommendation

    static func all(criteria count: Int) -> [SheetRow] {
        (0..<count).map(SheetRow.value) + (0..<count).map(SheetRow.comment) + [.overall, .recommendation]
    }
}

/// Column widths of the sheet, shared by the keys (the text field's width) and the drawing.
struct SheetLayout {
    let labelWidth: Int
    let fieldColumn: Int
    let fieldWidth: Int
    static let weightWidth = 8

    init(criteria: [Criterion], language: Language, columns: Int) {
        let labels = criteria.map(language.label) + [Self.overallLabel(language), Self.recommendationLabel(language)]
        labelWidth = max(8, min(labels.map { DisplayWidth.of($0) }.max() ?? 0, columns * 2 / 5))
        fieldColumn = 1 + labelWidth + 2
        fieldWidth = max(1, columns - fieldColumn - 1)
    }

    static func overallLabel(_ l: Language) -> String { l.pick("Avis général", "Overall opinion") }
    static func recommendationLabel(_ l: Language) -> String { l.pick("Recommandation", "Recommendation") }
}

extension ConsoleState {
    var grid: [Criterion] { data.campaign.criteria }

    var sheetLayout: SheetLayout { SheetLayout(criteria: grid, language: language, columns: columns) }

    var sheetRows: [SheetRow] { SheetRow.all(criteria: grid.count) }

    mutating func pressOnSheet(_ key: Key) -> [ConsoleEffect] {
        guard var view = sheet else { return [] }
        if view.editor != nil { return typeInField(key, view) }
        let rows = sheetRows
        let row = rows[view.focus]
        let current = data.sheet(at: view.dossier)
        switch key {
        case .up, .character("k"), .backTab: view.focus = max(0, view.focus - 1)
        case .down, .character("j"), .tab: view.focus = min(rows.count - 1, view.focus + 1)
        case .character("g"), .home: view.focus = 0
        case .character("G"), .end: view.focus = rows.count - 1
        case .character(let c) where c.isASCII && c.isWholeNumber:
            guard case .value(let i) = row else {
                fail(language.pick("Une note se saisit sur la ligne d’un critère", "Scores are typed on a criterion’s row"))
                return []
            }
            return change(view.dossier, .setValue(criterion: grid[i].key, value: c.wholeNumberValue!))
        case .left, .character("h"): return step(row, view.dossier, by: -1)
        case .right, .character("l"): return step(row, view.dossier, by: 1)
        case .backspace, .delete:
            if case .value(let i) = row { return change(view.dossier, .clearValue(criterion: grid[i].key)) }
            if row == .recommendation { return change(view.dossier, .setRecommendation(nil)) }
        case .enter, .character(" "):
            if let field = textField(row, view.dossier) {
                guard current?.status != .submitted else { return locked() }
                view.editor = LineEditor(text(of: field.part, in: current))
                view.editor?.keepCursorVisible(width: sheetLayout.fieldWidth)
            } else if row == .recommendation {
                return step(row, view.dossier, by: 1)
            } else {
                view.focus = min(rows.count - 1, view.focus + 1)
            }
        case .character("E"):
            guard let field = textField(row, view.dossier) else {
                fail(language.pick("E : sur une ligne de commentaire", "E: on a comment row"))
                return []
            }
            guard current?.status != .submitted else { return locked() }
            return [.editExternally(field, initialText: text(of: field.part, in: current))]
        case .character("s"): askSubmit(view.dossier)
        case .character("r"): askReopen(view.dossier)
        case .escape, .character("q"):
            sheet = nil
            return []
        default: break
        }
        sheet = view
        return []
    }

    /// In the text field letters are text; Enter and Esc finish, Tab and ↑/↓ finish and move.
    private mutating func typeInField(_ key: Key, _ view: SheetView) -> [ConsoleEffect] {
        var view = view
        let rows = sheetRows, last = rows.count - 1
        switch key {
        case .enter, .escape: view.editor = nil
        case .tab, .down: view.editor = nil; view.focus = min(last, view.focus + 1)
        case .backTab, .up: view.editor = nil; view.focus = max(0, view.focus - 1)
        default:
            guard var editor = view.editor,
                  let field = textField(rows[view.focus], view.dossier) else { return [] }
            let outcome = editor.handle(key)
            editor.keepCursorVisible(width: sheetLayout.fieldWidth)
            view.editor = editor
            sheet = view
            return outcome == .changed ? change(view.dossier, edit(field.part, editor.text)) : []
        }
        sheet = view
        return []
    }

    private func textField(_ row: SheetRow, _ position: Int) -> SheetTextField? {
        let number = data.dossiers[position].number
        switch row {
        case .comment(let i): return SheetTextField(dossier: number, part: .criterion(grid[i].key))
        case .overall: return SheetTextField(dossier: number, part: .overall)
        case .value, .recommendation: return nil
        }
    }

    private func text(of part: SheetTextField.Part, in sheet: ScoreSheet?) -> String {
        switch part {
        case .criterion(let key): return sheet?.comments[key] ?? ""
        case .overall: return sheet?.overall ?? ""
        }
    }

    private func edit(_ part: SheetTextField.Part, _ text: String) -> SheetEdit {
        switch part {
        case .criterion(let key): return .setComment(criterion: key, text: text)
        case .overall: return .setOverall(text)
        }
    }

    private mutating func locked() -> [ConsoleEffect] {
        fail(language.describe(.submittedSheetIsLocked, grid: grid))
        return []
    }

    /// ←/→: a value moves along its scale (from nothing: its end), the recommendation cycles.
    private mutating func step(_ row: SheetRow, _ position: Int, by delta: Int) -> [ConsoleEffect] {
        let current = data.sheet(at: position)
        switch row {
        case .value(let i):
            let scale = grid[i].scale
            let value = current?.values[grid[i].key].map { $0 + delta } ?? (delta > 0 ? scale.min : scale.max)
            guard scale.contains(value) else { return [] }
            return change(position, .setValue(criterion: grid[i].key, value: value))
        case .recommendation:
            let all = Recommendation.allCases
            let next = current?.recommendation.flatMap { all.firstIndex(of: $0) }
                .map { all[($0 + delta + all.count) % all.count] } ?? (delta > 0 ? all.first! : all.last!)
            return change(position, .setRecommendation(next))
        case .comment, .overall:
            return []
        }
    }

    /// The one way a sheet changes from a key: checked against the grid, recorded, saved.
    private mutating func change(_ position: Int, _ edit: SheetEdit) -> [ConsoleEffect] {
        let number = data.dossiers[position].number
        var sheet = data.sheets[number] ?? ScoreSheet(dossier: number, reviewer: data.me, at: now)
        do {
            try sheet.apply(edit, grid: grid, at: now)
        } catch {
            fail(language.describe(error, grid: grid))
            return []
        }
        return commit(sheet)
    }

    private mutating func commit(_ sheet: ScoreSheet) -> [ConsoleEffect] {
        data.store(sheet)
        unsaved.insert(sheet.dossier)
        return [.save(sheet)]
    }

    mutating func finishExternalEdit(_ field: SheetTextField, text: String?) -> [ConsoleEffect] {
        guard let text else {
            fail(language.pick("L’éditeur n’a rien rendu : texte inchangé", "The editor returned nothing: text unchanged"))
            return []
        }
        guard let position = data.position(of: field.dossier) else { return [] }
        var cleaned = text
        while cleaned.last?.isWhitespace == true { cleaned.removeLast() }   // editors end files with a newline
        guard cleaned != self.text(of: field.part, in: data.sheet(at: position)) else {
            say(language.pick("Texte inchangé", "Text unchanged"))
            return []
        }
        return change(position, edit(field.part, cleaned))
    }

    private mutating func askSubmit(_ position: Int) {
        let current = data.sheet(at: position) ?? ScoreSheet(dossier: data.dossiers[position].number, reviewer: data.me, at: now)
        if current.status == .submitted {
            say(language.pick("Fiche déjà soumise", "Sheet already submitted"))
            return
        }
        let gaps = current.missing(in: grid)
        guard gaps.isEmpty else {
            fail(language.describe(.incomplete(gaps), grid: grid))
            return
        }
        confirmation = .submit(position)
    }

    private mutating func askReopen(_ position: Int) {
        guard data.sheet(at: position)?.status == .submitted else {
            fail(language.pick("Cette fiche n’est pas soumise", "This sheet is not submitted"))
            return
        }
        confirmation = .reopen(position)
    }

    mutating func submit(_ position: Int) -> [ConsoleEffect] {
        guard var sheet = data.sheet(at: position) else { return [] }
        do {
            try sheet.submit(grid: grid, at: now)
        } catch {
            fail(language.describe(error, grid: grid))
            return []
        }
        say(language.pick("Fiche soumise", "Sheet submitted"))
        return commit(sheet)
    }

    mutating func reopen(_ position: Int) -> [ConsoleEffect] {
        guard var sheet = data.sheet(at: position) else { return [] }
        sheet.reopen(at: now)
        say(language.pick("Fiche rouverte : elle peut être modifiée", "Sheet reopened: it can be changed"))
        return commit(sheet)
    }

    func confirmationQuestion(_ question: Confirmation) -> String {
        let l = language, yesNo = l.pick(" (o/n)", " (y/n)")
        switch question {
        case .submit(let position):
            return l.pick("Soumettre la fiche du n° \(data.dossiers[position].number) ? Elle ne sera plus modifiable sans la rouvrir.",
                          "Submit the sheet of no. \(data.dossiers[position].number)? It cannot be changed unless reopened.") + yesNo
        case .reopen(let position):
            let when = data.sheet(at: position)?.submittedAt.map { DateText.paris($0.date) } ?? "?"
            return l.pick("Rouvrir la fiche soumise le \(when) ?", "Reopen the sheet submitted on \(when)?") + yesNo
        case let .declareConflict(number, reason):
            return l.pick("Déclarer un conflit d’intérêts sur le n° \(number) (« \(reason) ») ? Le dossier ne vous sera plus montré.",
                          "Declare a conflict of interest on no. \(number) (“\(reason)”)? The dossier will no longer be shown to you.")
                + yesNo
        case .quit:
            return l.count(unsaved.count, ("fiche non enregistrée", "fiches non enregistrées"), ("sheet not saved", "sheets not saved"))
                + l.pick(" : quitter quand même ?", ": quit anyway?") + yesNo
        }
    }
}

// MARK: Drawing

extension ConsoleState {
    /// What the sheet's status says, e.g. "soumise le 02/10/2023 10:00".
    func sheetStatus(_ sheet: ScoreSheet?) -> Span {
        let l = language
        guard let sheet else { return Span(l.label(ReviewProgress.toScore)) }
        let submittedOn = sheet.submittedAt.map { DateText.paris($0.date) } ?? ""
        switch sheet.status {
        case .submitted: return Span(l.pick("soumise le ", "submitted on ") + submittedOn, [.bold, .good])
        case .draft where sheet.submittedAt != nil:
            return Span(l.pick("brouillon (rouverte, soumise le \(submittedOn))", "draft (reopened, submitted on \(submittedOn))"), .warning)
        case .draft: return Span(l.label(ReviewProgress.draft), .warning)
        }
    }

    func drawSheet(_ p: Painter, _ view: SheetView) {
        let l = language
        let dossier = data.dossiers[view.dossier]
        let current = data.sheet(at: view.dossier)
        let total = current?.weightedTotal(in: grid).map { l.decimal($0) } ?? "—"
        p.bar(row: 0, left: l.pick("Fiche · n° ", "Sheet · no. ") + "\(dossier.number) · \(dossier.name)",
              right: l.pick("Total pondéré ", "Weighted total ") + total, style: [.reverse, .bold])

        let layout = sheetLayout, rows = sheetRows, focused = rows[view.focus]
        var lines: [TextLine] = []
        var focusLine = 0
        var status = [Span(l.pick("Statut : ", "Status: ")), sheetStatus(current)]
        if current?.status == .submitted { status.append(Span(l.pick(" — lecture seule, r pour rouvrir", " — read-only, r to reopen"))) }
        if unsaved.contains(dossier.number) {
            status.append(Span(" "))
            status.append(Span(l.pick(" NON ENREGISTRÉE ", " NOT SAVED "), [.reverse, .bold, .danger]))
        }
        // The status stays on the first row; what is below scrolls.
        p.line(TextLine(spans: status, indent: 1), row: 1, column: 0, width: p.columns)
        // The jury's figures, where the blind-review rule shows them (the chair, a campaign that
        // always shows them, my submitted sheet): they follow what others submit meanwhile.
        if case .shown(_, let statistics) = data.juryScores(at: view.dossier) {
            lines.append(TextLine(spans: [Span(JuryScores.title(l) + l.pick(" : ", ": "), .bold),
                                          Span(JuryScores.summary(statistics, l))], indent: 1))
        } else {
            lines.append(.blank)
        }
        let weightWidth = SheetLayout.weightWidth
        lines.append(TextLine(spans: [
            Span.cell(l.pick("Critère", "Criterion"), layout.labelWidth + 2),
            Span.cell(l.pick("Poids", "Weight"), weightWidth),
            Span(l.pick("Note", "Score")),
        ].map { Span($0.text, [.bold, .underline]) }, indent: 1))
        for (i, criterion) in grid.enumerated() {
            let value = current?.values[criterion.key]
            let shown = value.map { "\($0) " + (criterion.scale.label(of: $0) ?? "") } ?? "— " + l.label(ReviewProgress.toScore)
            if focused == .value(i) { focusLine = lines.count }
            lines.append(TextLine(spans: [
                Span.cell(l.label(criterion), layout.labelWidth + 2),
                Span.cell("×" + l.quantity(criterion.weight), weightWidth, .dim),
                Span(shown, value == nil ? .dim : .bold),
            ], indent: 1))
        }
        lines.append(.blank)
        lines += criterionHelp(focused, current, width: p.columns - 4)
        lines.append(.blank)
        lines.append(TextLine(l.pick("Commentaires", "Comments"), [.bold, .underline, .accent], indent: 1))
        var cursor: Int?
        for row in rows {
            let label: String, text: String
            switch row {
            case .comment(let i): label = l.label(grid[i]); text = current?.comments[grid[i].key] ?? ""
            case .overall: label = SheetLayout.overallLabel(l); text = current?.overall ?? ""
            case .recommendation:
                label = SheetLayout.recommendationLabel(l)
                text = Recommendation.allCases.map { (current?.recommendation == $0 ? "(•) " : "( ) ") + l.label($0) }
                    .joined(separator: "  ")
            case .value: continue
            }
            if row == focused { focusLine = lines.count }
            var spans = [Span.cell(label, layout.labelWidth + 2)]
            if row == focused, let editor = view.editor {
                let shown = editor.visible(width: layout.fieldWidth)
                spans.append(Span(DisplayWidth.pad(shown.text, to: layout.fieldWidth), .underline))
                cursor = layout.fieldColumn + shown.cursor
            } else if text.isEmpty {
                spans.append(Span("…", .dim))
            } else {
                spans.append(Span(String(text.map(LineEditor.shown))))
            }
            lines.append(TextLine(spans: spans, indent: 1))
        }

        // The view scrolls just enough to show the focused row with one line below it.
        let height = Layout.bodyHeight(rows: p.rows) - 1
        let top = max(0, min(focusLine + 2 - height, lines.count - height))
        for (offset, line) in lines.dropFirst(top).prefix(height).enumerated() {
            let index = top + offset
            let focused = index == focusLine && view.editor == nil
            p.line(line, row: 2 + offset, column: 0, width: p.columns, extra: focused ? .reverse : [])
        }
        if let cursor { p.surface.placeCursor(row: 2 + focusLine - top, column: cursor) }
    }

    /// Under the grid: the focused criterion's scale (with the current level marked) and description,
    /// in four lines whatever the criterion, so that the rows below do not move with the focus.
    private func criterionHelp(_ row: SheetRow, _ sheet: ScoreSheet?, width: Int) -> [TextLine] {
        let index: Int
        switch row {
        case .value(let i), .comment(let i): index = i
        case .overall, .recommendation: return Array(repeating: .blank, count: 4)
        }
        let criterion = grid[index], value = sheet?.values[criterion.key]
        // The levels, packed into lines under the prefix.
        let prefix = language.pick("Échelle : ", "Scale: "), indent = DisplayWidth.of(prefix)
        var scale = [[Span(prefix, .bold)]], used = indent, onLine = 0
        for level in criterion.scale.levels {
            let span = Span("\(level.value) \(level.label)", level.value == value ? [.bold, .underline] : [])
            let spanWidth = DisplayWidth.of(span.text)
            if onLine > 0 && used + 3 + spanWidth > width {
                scale.append([Span(String(repeating: " ", count: indent))])
                (used, onLine) = (indent, 0)
            }
            if onLine > 0 {
                scale[scale.count - 1].append(Span(" · ", .dim))
                used += 3
            }
            scale[scale.count - 1].append(span)
            used += spanWidth
            onLine += 1
        }
        if scale.count > 2 { scale = [scale[0], scale[1] + [Span(" …", .dim)]] }
        var description = DisplayWidth.wrap(criterion.description, width: width)
        if description.count > 2 { description = [description[0], DisplayWidth.truncate(description[1] + " …", to: width)] }
        let lines = scale.map { TextLine(spans: $0, indent: 3) } + description.map { TextLine($0, .dim, indent: 3) }
        return lines + Array(repeating: .blank, count: max(0, 4 - lines.count))
    }
}
