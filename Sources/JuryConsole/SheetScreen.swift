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

    /// The comment a row writes to: its own, or a criterion's for the criterion's score row.
    private func commentRow(_ row: SheetRow) -> SheetRow? {
        switch row {
        case .value(let i): return .comment(i)
        case .comment, .overall: return row
        case .recommendation: return nil
        }
    }

    var sheetBindings: [KeyBinding<SheetAction>] {
        guard let view = sheet else { return [] }
        let row = sheetRows[view.focus], current = data.sheet(at: view.position)
        let submitted = current?.status == .submitted
        let lockedText = language.describe(.submittedSheetIsLocked, grid: grid), locked = (lockedText, lockedText)
        let onValue: Bool, onText: Bool
        switch row {
        case .value: (onValue, onText) = (true, false)
        case .comment, .overall: (onValue, onText) = (false, true)
        case .recommendation: (onValue, onText) = (false, false)
        }
        // Every digit is bound, so that one off the scale is refused with the scale; the help names the scale.
        let scales = grid.map(\.scale), low = scales.map(\.min).min() ?? 0, high = scales.map(\.max).max() ?? 0
        let scale = low < high ? "\(low) … \(high)" : "\(low)"
        let onRow = ("Une note se saisit sur la ligne d’un critère", "Scores are typed on a criterion’s row")
        return Motion.bindings(.rows, SheetAction.move) + [
            KeyBinding(Key.characters("0123456789"), .score, "Noter le critère", "Score the criterion", bar: ("note", "score"),
                       when: onValue && !submitted, names: (scale, scale), refusal: submitted ? locked : onRow),
            KeyBinding([.left, .character("h")], .decrease, "Note −1, ou recommandation précédente", "Score −1, or previous recommendation",
                       when: !onText && !submitted, refusal: submitted ? locked : nil),
            KeyBinding([.right, .character("l")], .increase, "Note +1, ou recommandation suivante", "Score +1, or next recommendation",
                       bar: ("+1", "+1"), when: !onText && !submitted, refusal: submitted ? locked : nil),
            KeyBinding([.delete, .backspace], .clear, "Effacer la note ou la recommandation", "Clear the score or the recommendation",
                       when: !onText && !submitted, refusal: submitted ? locked : nil),
            KeyBinding([.enter], .write, "Écrire le commentaire (Entrée valide, Échap annule)", "Write the comment (Enter keeps, Esc cancels)",
                       bar: ("écrire", "write"), when: commentRow(row) != nil && !submitted, refusal: submitted ? locked : nil),
            KeyBinding([.enter], .increase, "Recommandation suivante", "Next recommendation", when: row == .recommendation && !submitted),
            KeyBinding([.character("E")], .editExternally, "Écrire le commentaire dans $EDITOR", "Write the comment in $EDITOR",
                       when: commentRow(row) != nil && !submitted,
                       refusal: submitted ? locked : ("E : sur une ligne de critère ou de commentaire", "E: on a criterion’s or a comment’s row")),
            KeyBinding([.character("t")], .read, "Lire en entier : le commentaire, ou le critère et son échelle",
                       "Read in full: the comment, or the criterion and its scale",
                       when: onValue || (onText && !text(of: row, in: current).isEmpty)),
            KeyBinding([.character("u")], .undo, "Annuler la dernière modification (plusieurs fois)", "Undo the last change (several times)",
                       when: !view.undo.isEmpty && !submitted, refusal: submitted ? locked : ("Rien à annuler", "Nothing to undo")),
            KeyBinding([.character("s")], .submit, "Soumettre la fiche (complète, après confirmation)", "Submit the (complete) sheet, once confirmed",
                       bar: ("soumettre", "submit"), when: !submitted, refusal: ("Fiche déjà soumise", "Sheet already submitted")),
            KeyBinding([.character("r")], .reopen, "Rouvrir la fiche soumise", "Reopen the submitted sheet", bar: ("rouvrir", "reopen"),
                       when: submitted, refusal: ("Cette fiche n’est pas soumise", "This sheet is not submitted")),
            KeyBinding([.character("]")], .nextToScore, "Noter le dossier suivant qu’il me reste à noter", "Score the next dossier I still have to score",
                       bar: submitted ? ("suivant à noter", "next to score") : nil),
            KeyBinding([.escape, .character("q")], .back, "Retour (la fiche est déjà enregistrée)", "Back (the sheet is already saved)",
                       bar: ("retour", "back")),
        ]
    }

    var sheetFieldBindings: [KeyBinding<FieldAction>] {
        KeyBinding.editing("Le texte (enregistré à chaque touche)", "The text (saved at every key)") + [
            KeyBinding([.enter], .commit, "Valider le texte", "Keep the text", bar: ("valider", "keep")),
            KeyBinding([.escape], .cancel, "Annuler : le texte redevient ce qu’il était", "Cancel: the text goes back to what it was",
                       bar: ("annuler", "cancel")),
            KeyBinding([.tab, .down], .next, "Champ de texte suivant, en écrivant toujours", "Next text field, still writing",
                       bar: ("champ suivant", "next field")),
            KeyBinding([.backTab, .up], .previous, "Champ de texte précédent, en écrivant toujours", "Previous text field, still writing"),
        ]
    }

    mutating func pressOnSheet(_ key: Key) -> [ConsoleEffect] {
        guard var view = sheet else { return [] }
        if view.editor != nil { return typeInField(key) }
        guard let action = action(for: key, in: sheetBindings) else { return [] }
        let rows = sheetRows
        let row = rows[view.focus]
        let current = data.sheet(at: view.position)
        switch action {
        case .move(let motion): view.focus = motion.apply(to: view.focus, page: 1, last: rows.count - 1)
        case .score:
            guard case .value(let i) = row, case .character(let c) = key, let digit = c.wholeNumberValue else { return [] }
            return change(view.position, .setValue(criterion: grid[i].key, value: digit))
        case .decrease: return step(row, view.position, by: -1)
        case .increase: return step(row, view.position, by: 1)
        case .clear:
            if case .value(let i) = row { return change(view.position, .clearValue(criterion: grid[i].key)) }
            return change(view.position, .setRecommendation(nil))
        case .write:
            guard let target = commentRow(row), let focus = rows.firstIndex(of: target) else { return [] }
            view.focus = focus
            sheet = view
            startEditing()
            return []
        case .editExternally:
            guard let target = commentRow(row), let field = textField(target, view.position) else { return [] }
            return [.editExternally(field, initialText: text(of: field.part, in: current))]
        case .read:
            if case .value(let i) = row {
                // The criterion's help under the grid is cut to four lines.
                let criterion = grid[i]
                let levels = criterion.scale.levels.map { "\($0.value) \($0.label)" }.joined(separator: "\n")
                openPager(title: label(of: row), text: criterion.description + "\n\n" + language.pick("Échelle :", "Scale:") + "\n" + levels)
            } else {
                openPager(title: label(of: row), text: text(of: row, in: current))
            }
            return []
        case .undo: return undo()
        case .submit: askSubmit(view.position)
        case .reopen: askReopen(view.position)
        case .nextToScore: return openNextToScore(after: view.position)
        case .back:
            sheet = nil
            return []
        }
        sheet = view
        return []
    }

    /// Enter on a text row: the field opens on the text as it is, which Esc puts back.
    private mutating func startEditing() {
        guard var view = sheet, let field = textField(sheetRows[view.focus], view.position) else { return }
        let original = text(of: field.part, in: data.sheet(at: view.position))
        var editor = LineEditor(original)
        editor.keepCursorVisible(width: sheetLayout.fieldWidth)
        view.editor = editor
        view.original = original
        // One level of undo for the whole edit, not one per letter.
        view.undo.append(data.sheet(at: view.position))
        sheet = view
    }

    /// In the text field no key is a command: letters are text, Enter keeps it, Esc puts it back
    /// as it was, Tab and ↑/↓ move to another text field without leaving the writing.
    private mutating func typeInField(_ key: Key) -> [ConsoleEffect] {
        guard var view = sheet, var editor = view.editor,
              let field = textField(sheetRows[view.focus], view.position) else { return [] }
        let action = action(for: key, in: sheetFieldBindings)
        switch action {
        case .commit:
            view.editor = nil
            view.original = nil
            if view.undo.last.map({ text(of: field.part, in: $0) }) == editor.text { view.undo.removeLast() }   // nothing changed
            sheet = view
            return []
        case .cancel:
            let original = view.original ?? ""
            view.editor = nil
            view.original = nil
            if !view.undo.isEmpty { view.undo.removeLast() }
            sheet = view
            guard original != editor.text else { return [] }
            say(language.pick("Texte rétabli", "Text restored"))
            return change(view.position, edit(field.part, original), undoable: false)
        case .next, .previous:
            let step = action == .next ? 1 : -1
            let texts = sheetRows.indices.filter { textField(sheetRows[$0], view.position) != nil }
            guard let at = texts.firstIndex(of: view.focus) else { return [] }
            let effects = typeInField(.enter)
            sheet?.focus = texts[(at + step + texts.count) % texts.count]
            startEditing()
            return effects
        case .edit, nil:
            let outcome = editor.handle(key)
            editor.keepCursorVisible(width: sheetLayout.fieldWidth)
            view.editor = editor
            sheet = view
            return outcome == .changed ? change(view.position, edit(field.part, editor.text), undoable: false) : []
        }
    }

    /// `]`: the sheet of the next dossier in the list's order that I have not submitted yet.
    private mutating func openNextToScore(after position: Int) -> [ConsoleEffect] {
        let order = list.rows
        let start = order.firstIndex(of: position) ?? -1
        let after = order.dropFirst(start + 1) + order.prefix(max(0, start))
        guard let next = after.first(where: { data.progress[$0] != .submitted }) else {
            say(language.pick("Plus aucun dossier à noter dans la liste", "No dossier left to score in the list"))
            return []
        }
        list.select(order.firstIndex(of: next) ?? list.selected)
        openSheet(next)
        if dossier != nil { openDossier(next) }
        return []
    }

    /// `u`: the sheet as it was before the last change (a text's whole edit is one change).
    private mutating func undo() -> [ConsoleEffect] {
        guard var view = sheet, let previous = view.undo.popLast() else { return [] }
        sheet = view
        let number = data.dossiers[view.position].number
        var restored = data.sheets[number] ?? ScoreSheet(dossier: number, reviewer: data.me, at: now)
        restored.values = previous?.values ?? [:]
        restored.comments = previous?.comments ?? [:]
        restored.overall = previous?.overall ?? ""
        restored.recommendation = previous?.recommendation
        restored.updatedAt = now
        say(language.pick("Modification annulée", "Change undone")
            + (view.undo.isEmpty ? "" : language.pick(" (u encore : \(view.undo.count))", " (u again: \(view.undo.count))")))
        return commit(restored)
    }

    private func textField(_ row: SheetRow, _ position: Int) -> SheetTextField? {
        let number = data.dossiers[position].number
        switch row {
        case .comment(let i): return SheetTextField(dossier: DossierNumber(number), part: .criterion(grid[i].key))
        case .overall: return SheetTextField(dossier: DossierNumber(number), part: .overall)
        case .value, .recommendation: return nil
        }
    }

    private func text(of row: SheetRow, in sheet: ScoreSheet?) -> String {
        switch row {
        case .comment(let i): return sheet?.comments[grid[i].key] ?? ""
        case .overall: return sheet?.overall ?? ""
        case .value, .recommendation: return ""
        }
    }

    private func label(of row: SheetRow) -> String {
        switch row {
        case .value(let i), .comment(let i): return language.label(grid[i])
        case .overall: return SheetLayout.overallLabel(language)
        case .recommendation: return SheetLayout.recommendationLabel(language)
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

    /// The one way a sheet changes from a key: checked against the grid, recorded, saved. An
    /// undoable change keeps the sheet as it was for `u`.
    private mutating func change(_ position: Int, _ edit: SheetEdit, undoable: Bool = true) -> [ConsoleEffect] {
        let number = data.dossiers[position].number
        let before = data.sheets[number]
        var sheet = before ?? ScoreSheet(dossier: number, reviewer: data.me, at: now)
        do {
            try sheet.apply(edit, grid: grid, at: now)
        } catch {
            fail(language.describe(error, grid: grid))
            return []
        }
        if undoable, self.sheet?.position == position {
            self.sheet?.undo.append(before)
            if (self.sheet?.undo.count ?? 0) > SheetView.undoLevels { self.sheet?.undo.removeFirst() }
        }
        return commit(sheet)
    }

    private mutating func commit(_ sheet: ScoreSheet) -> [ConsoleEffect] {
        data.store(sheet)
        unsaved.insert(sheet.dossierNumber)
        return [.save(sheet)]
    }

    mutating func finishExternalEdit(_ field: SheetTextField, text: String?) -> [ConsoleEffect] {
        guard let text else {
            fail(language.pick("L’éditeur n’a rien rendu : texte inchangé", "The editor returned nothing: text unchanged"))
            return []
        }
        guard let position = data.position(of: field.dossier.value) else { return [] }
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
        confirmation = .submit(position: position)
    }

    private mutating func askReopen(_ position: Int) {
        guard data.sheet(at: position)?.status == .submitted else {
            fail(language.pick("Cette fiche n’est pas soumise", "This sheet is not submitted"))
            return
        }
        confirmation = .reopen(position: position)
    }

    mutating func submit(_ position: Int) -> [ConsoleEffect] {
        guard var sheet = data.sheet(at: position) else { return [] }
        do {
            try sheet.submit(grid: grid, at: now)
        } catch {
            fail(language.describe(error, grid: grid))
            return []
        }
        say(language.pick("Fiche soumise — ] pour noter le dossier suivant", "Sheet submitted — ] to score the next dossier"))
        if self.sheet?.position == position { self.sheet?.undo = [] }
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
        let dossier = data.dossiers[view.position]
        let current = data.sheet(at: view.position)
        let total = current?.weightedTotal(in: grid).map { l.decimal($0) } ?? "—"
        p.bar(row: 0, left: l.pick("Fiche · n° ", "Sheet · no. ") + "\(dossier.number) · \(dossier.name)",
              right: l.pick("Total pondéré ", "Weighted total ") + total, style: [.reverse, .bold])

        let layout = sheetLayout, rows = sheetRows, focused = rows[view.focus]
        var lines: [TextLine] = []
        var focusLine = 0
        var status = [Span(l.pick("Statut : ", "Status: ")), sheetStatus(current)]
        if current?.status == .submitted { status.append(Span(l.pick(" — lecture seule, r pour rouvrir", " — read-only, r to reopen"))) }
        if unsaved.contains(dossier.dossierNumber) {
            status.append(Span(" "))
            status.append(Span(l.pick(" NON ENREGISTRÉE ", " NOT SAVED "), [.reverse, .bold, .danger]))
        }
        // The status stays on the first row; what is below scrolls.
        p.line(TextLine(spans: status, indent: 1), row: 1, column: 0, width: p.columns)
        // The jury's figures, where the blind-review rule shows them (the chair, a campaign that
        // always shows them, my submitted sheet): they follow what others submit meanwhile.
        if case .shown(_, let statistics) = data.juryScores(at: view.position) {
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
