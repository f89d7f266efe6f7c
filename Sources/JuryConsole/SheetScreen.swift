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

/// The sheet screen's own state: which dossier, the focused row, the text being written, what `u` undoes.
struct SheetView: Sendable {
    /// In `data.dossiers`.
    var position: Int
    var focus = 0
    /// The text field being written, and its text when the writing began (Esc puts it back).
    var editor: LineEditor?
    var original: String?
    /// The sheet before each change made here, latest last, for `u` (nil: there was no sheet).
    var undo: [ScoreSheet?] = []
    static let undoLevels = 50
}

enum SheetAction: Sendable {
    case move(Motion), score, decrease, increase, clear, write, editExternally, read, undo, submit, reopen,
         nextToScore, back
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

    static func overallLabel(_ l: Language) -> String { l.text(.sheetOverallOpinion) }
    static func recommendationLabel(_ l: Language) -> String { l.text(.recommendation) }
}

extension ScreenContext {
    var sheetLayout: SheetLayout { SheetLayout(criteria: grid, language: language, columns: columns) }
}

extension SheetTextField.Part {
    func text(in sheet: ScoreSheet?) -> String {
        switch self {
        case .criterion(let key): return sheet?.comments[key] ?? ""
        case .overall: return sheet?.overall ?? ""
        }
    }

    func edit(_ text: String) -> SheetEdit {
        switch self {
        case .criterion(let key): return .setComment(criterion: key, text: text)
        case .overall: return .setOverall(text)
        }
    }
}

extension SheetView: ScreenComponent {
    var isTyping: Bool { editor != nil }

    func keys(_ c: ScreenContext) -> KeyTable {
        if editor != nil {
            return KeyTable(title: Localized(.screenSheetWriting), lines: fieldBindings.map(\.line))
        }
        return KeyTable(title: Localized(.screenSheet), lines: bindings(c).map(\.line))
    }

    private static func rows(_ c: ScreenContext) -> [SheetRow] { SheetRow.all(criteria: c.grid.count) }

    /// The comment a row writes to: its own, or a criterion's for the criterion's score row.
    private func commentRow(_ row: SheetRow) -> SheetRow? {
        switch row {
        case .value(let i): return .comment(i)
        case .comment, .overall: return row
        case .recommendation: return nil
        }
    }

    func bindings(_ c: ScreenContext) -> [KeyBinding<SheetAction>] {
        let grid = c.grid
        let row = Self.rows(c)[focus], current = c.data.sheet(at: position)
        let submitted = current?.status == .submitted, finalized = c.data.finalized
        // Once the allocation is finalised nothing is typed that could not be saved.
        let readOnly = submitted || finalized != nil
        func lockedText(_ l: Language) -> String {
            finalized.map { Labels.finalisedSheet($0, l) } ?? l.describe(.submittedSheetIsLocked, grid: grid)
        }
        let locked = Localized(fr: lockedText(.fr), en: lockedText(.en))
        let onValue: Bool, onText: Bool
        switch row {
        case .value: (onValue, onText) = (true, false)
        case .comment, .overall: (onValue, onText) = (false, true)
        case .recommendation: (onValue, onText) = (false, false)
        }
        // Every digit is bound, so that one off the scale is refused with the scale; the help names the scale.
        let scales = grid.map(\.scale), low = scales.map(\.min).min() ?? 0, high = scales.map(\.max).max() ?? 0
        let scale = low < high ? "\(low) … \(high)" : "\(low)"
        let onRow = Localized(.refusalScoreOnACriterionRow)
        return Motion.bindings(.rows, SheetAction.move) + [
            KeyBinding(Key.characters("0123456789"), .score, .keySheetScore, bar: .barScoreValue,
                       when: onValue && !readOnly, names: Localized(fr: scale, en: scale), refusal: readOnly ? locked : onRow),
            KeyBinding([.left, .character("h")], .decrease, .keySheetDecrease,
                       when: !onText && !readOnly, refusal: readOnly ? locked : nil),
            KeyBinding([.right, .character("l")], .increase, .keySheetIncrease,
                       bar: .barPlusOne, when: !onText && !readOnly, refusal: readOnly ? locked : nil),
            KeyBinding([.delete, .backspace], .clear, .keySheetClear, when: !onText && !readOnly, refusal: readOnly ? locked : nil),
            KeyBinding([.enter], .write, .keySheetWrite,
                       bar: .barWrite, when: commentRow(row) != nil && !readOnly, refusal: readOnly ? locked : nil),
            KeyBinding([.enter], .increase, .keySheetNextRecommendation, when: row == .recommendation && !readOnly),
            KeyBinding([.character("E")], .editExternally, .keySheetEditExternally, when: commentRow(row) != nil && !readOnly,
                       refusal: readOnly ? locked : Localized(.refusalEditorOnTextRows)),
            KeyBinding([.character("t")], .read, .keySheetRead, when: onValue || (onText && !text(of: row, in: current, c).isEmpty)),
            KeyBinding([.character("u")], .undo, .keySheetUndo,
                       when: !undo.isEmpty && !readOnly, refusal: readOnly ? locked : Localized(.refusalNothingToUndo)),
            KeyBinding([.character("s")], .submit, .keySheetSubmit,
                       bar: .barSubmit, when: !readOnly, refusal: finalized == nil ? Localized(.sheetAlreadySubmitted) : locked),
            KeyBinding([.character("r")], .reopen, .keySheetReopen, bar: .barReopen,
                       when: submitted && finalized == nil, refusal: finalized == nil ? Localized(.thisSheetIsNotSubmitted) : locked),
            KeyBinding([.character("]")], .nextToScore, .keySheetNextToScore, bar: submitted ? .barNextToScore : nil),
            KeyBinding([.escape, .character("q")], .back, .keySheetBack, bar: .barBack),
        ]
    }

    var fieldBindings: [KeyBinding<FieldAction>] {
        KeyBinding.editing(.keyCommentText) + [
            KeyBinding([.enter], .commit, .keyCommentCommit, bar: .barKeepText),
            KeyBinding([.escape], .cancel, .keyCommentCancel, bar: .barCancel),
            KeyBinding([.tab, .down], .next, .keyCommentNext, bar: .barNextField),
            KeyBinding([.backTab, .up], .previous, .keyCommentPrevious),
        ]
    }

    mutating func handle(_ key: Key, in c: inout ScreenContext) -> [ConsoleEffect] {
        if editor != nil { return typeInField(key, &c) }
        guard let action = c.action(for: key, in: bindings(c)) else { return [] }
        let rows = Self.rows(c), grid = c.grid
        let row = rows[focus]
        let current = c.data.sheet(at: position)
        switch action {
        case .move(let motion): focus = motion.apply(to: focus, page: 1, last: rows.count - 1)
        case .score:
            guard case .value(let i) = row, case .character(let character) = key, let digit = character.wholeNumberValue else { return [] }
            let effects = change(.setValue(criterion: grid[i].key, value: digit), &c)
            // Scores typed one after the other go down the grid: on to the next criterion still
            // to score, so that « 4 3 5 » scores three rows; the last row stays.
            let scored = c.data.sheet(at: position)?.values ?? [:]
            if !effects.isEmpty, let next = grid.indices.dropFirst(i + 1).first(where: { scored[grid[$0].key] == nil }) {
                focus = rows.firstIndex(of: .value(next)) ?? focus
            }
            return effects
        case .decrease: return step(row, by: -1, &c)
        case .increase: return step(row, by: 1, &c)
        case .clear:
            if case .value(let i) = row { return change(.clearValue(criterion: grid[i].key), &c) }
            return change(.setRecommendation(nil), &c)
        case .write:
            guard let target = commentRow(row), let at = rows.firstIndex(of: target) else { return [] }
            focus = at
            startEditing(c)
        case .editExternally:
            guard let target = commentRow(row), let field = textField(target, c) else { return [] }
            return [.editExternally(field, initialText: field.part.text(in: current))]
        case .read:
            if case .value(let i) = row {
                // The criterion's help under the grid is cut to four lines.
                let criterion = grid[i]
                let levels = criterion.scale.levels.map { "\($0.value) \($0.label)" }.joined(separator: "\n")
                c.openPager(title: label(of: row, c),
                            text: criterion.description + "\n\n" + c.language.text(.scale) + "\n" + levels)
            } else {
                c.openPager(title: label(of: row, c), text: text(of: row, in: current, c))
            }
        case .undo: return undoLast(&c)
        case .submit: askSubmit(&c)
        case .reopen: askReopen(&c)
        case .nextToScore: openNextToScore(&c)
        case .back: c.close()
        }
        return []
    }

    /// Enter on a text row: the field opens on the text as it is, which Esc puts back.
    private mutating func startEditing(_ c: ScreenContext) {
        guard let field = textField(Self.rows(c)[focus], c) else { return }
        let text = field.part.text(in: c.data.sheet(at: position))
        var editor = LineEditor(text)
        editor.keepCursorVisible(width: c.sheetLayout.fieldWidth)
        self.editor = editor
        original = text
        // One level of undo for the whole edit, not one per letter.
        undo.append(c.data.sheet(at: position))
    }

    /// In the text field no key is a command: letters are text, Enter keeps it, Esc puts it back
    /// as it was, Tab and ↑/↓ move to another text field without leaving the writing.
    private mutating func typeInField(_ key: Key, _ c: inout ScreenContext) -> [ConsoleEffect] {
        guard var editor, let field = textField(Self.rows(c)[focus], c) else { return [] }
        let action = c.action(for: key, in: fieldBindings)
        switch action {
        case .commit:
            self.editor = nil
            original = nil
            if undo.last.map({ field.part.text(in: $0) }) == editor.text { undo.removeLast() }   // nothing changed
            return []
        case .cancel:
            let original = self.original ?? ""
            self.editor = nil
            self.original = nil
            if !undo.isEmpty { undo.removeLast() }
            guard original != editor.text else { return [] }
            c.say(c.language.text(.textRestored))
            return change(field.part.edit(original), undoable: false, &c)
        case .next, .previous:
            let step = action == .next ? 1 : -1
            let rows = Self.rows(c)
            let texts = rows.indices.filter { textField(rows[$0], c) != nil }
            guard let at = texts.firstIndex(of: focus) else { return [] }
            let effects = typeInField(.enter, &c)
            focus = texts[(at + step + texts.count) % texts.count]
            startEditing(c)
            return effects
        case .edit, nil:
            let outcome = editor.handle(key)
            editor.keepCursorVisible(width: c.sheetLayout.fieldWidth)
            self.editor = editor
            return outcome == .changed ? change(field.part.edit(editor.text), undoable: false, &c) : []
        }
    }

    /// `]`: the sheet of the next dossier in the list's order that I have not submitted yet.
    private mutating func openNextToScore(_ c: inout ScreenContext) {
        let order = c.listed
        let start = order.firstIndex(of: position) ?? -1
        let after = order.dropFirst(start + 1) + order.prefix(max(0, start))
        guard let next = after.first(where: { c.data.progress[$0] != .submitted }) else {
            c.say(c.language.text(.noDossierLeftToScoreInThe))
            return
        }
        c.select(next)
        self = SheetView(position: next)
        c.follow(next)
    }

    /// `u`: the sheet as it was before the last change (a text's whole edit is one change).
    private mutating func undoLast(_ c: inout ScreenContext) -> [ConsoleEffect] {
        guard let previous = undo.popLast() else { return [] }
        let number = c.data.dossiers[position].number
        var restored = c.data.sheets[number] ?? ScoreSheet(dossier: number, reviewer: c.data.me, at: c.now)
        restored.values = previous?.values ?? [:]
        restored.comments = previous?.comments ?? [:]
        restored.overall = previous?.overall ?? ""
        restored.recommendation = previous?.recommendation
        restored.updatedAt = c.now
        c.say(c.language.text(.changeUndone)
              + (undo.isEmpty ? "" : c.language.text(.undoAgain, ["undoCount": undo.count])))
        return c.commit(restored)
    }

    private func textField(_ row: SheetRow, _ c: ScreenContext) -> SheetTextField? {
        let number = c.data.dossiers[position].dossierNumber
        switch row {
        case .comment(let i): return SheetTextField(dossier: number, part: .criterion(c.grid[i].key))
        case .overall: return SheetTextField(dossier: number, part: .overall)
        case .value, .recommendation: return nil
        }
    }

    private func text(of row: SheetRow, in sheet: ScoreSheet?, _ c: ScreenContext) -> String {
        switch row {
        case .comment(let i): return sheet?.comments[c.grid[i].key] ?? ""
        case .overall: return sheet?.overall ?? ""
        case .value, .recommendation: return ""
        }
    }

    private func label(of row: SheetRow, _ c: ScreenContext) -> String {
        switch row {
        case .value(let i), .comment(let i): return c.language.label(c.grid[i])
        case .overall: return SheetLayout.overallLabel(c.language)
        case .recommendation: return SheetLayout.recommendationLabel(c.language)
        }
    }

    /// ←/→: a value moves along its scale (from nothing: its end), the recommendation cycles.
    private mutating func step(_ row: SheetRow, by delta: Int, _ c: inout ScreenContext) -> [ConsoleEffect] {
        let current = c.data.sheet(at: position), grid = c.grid
        switch row {
        case .value(let i):
            let scale = grid[i].scale
            let value = current?.values[grid[i].key].map { $0 + delta } ?? (delta > 0 ? scale.min : scale.max)
            guard scale.contains(value) else { return [] }
            return change(.setValue(criterion: grid[i].key, value: value), &c)
        case .recommendation:
            let all = Recommendation.allCases
            let next = current?.recommendation.flatMap { all.firstIndex(of: $0) }
                .map { all[($0 + delta + all.count) % all.count] } ?? (delta > 0 ? all.first! : all.last!)
            return change(.setRecommendation(next), &c)
        case .comment, .overall:
            return []
        }
    }

    /// The dossier is at another position in a new list of dossiers. With a new grid (a criterion
    /// added, removed or moved), the focus, and the comment being typed, stay on the same criterion,
    /// found by its key. When it is gone, the field is closed (what was typed is already saved)
    /// rather than write into another criterion.
    mutating func moved(to position: Int, from old: [Criterion], to new: [Criterion]) {
        self.position = position
        guard old.map(\.key) != new.map(\.key) else { return }
        func newIndex(_ index: Int) -> Int? { new.firstIndex { $0.key == old[index].key } }
        let row: SheetRow?
        switch SheetRow.all(criteria: old.count)[focus] {
        case .value(let i): row = newIndex(i).map(SheetRow.value)
        case .comment(let i): row = newIndex(i).map(SheetRow.comment)
        case let other: row = other
        }
        let rows = SheetRow.all(criteria: new.count)
        if row == nil { editor = nil }
        focus = row.flatMap { rows.firstIndex(of: $0) } ?? min(focus, rows.count - 1)
    }

    /// A change of this sheet; an undoable one keeps the sheet as it was for `u`.
    mutating func change(_ edit: SheetEdit, undoable: Bool = true, _ c: inout ScreenContext) -> [ConsoleEffect] {
        guard let changed = c.change(position, edit) else { return [] }
        if undoable {
            undo.append(changed.before)
            if undo.count > Self.undoLevels { undo.removeFirst() }
        }
        return changed.effects
    }

    private func askSubmit(_ c: inout ScreenContext) {
        let current = c.data.sheet(at: position) ?? ScoreSheet(dossier: c.data.dossiers[position].number, reviewer: c.data.me, at: c.now)
        if current.status == .submitted {
            c.say(c.language.text(.sheetAlreadySubmitted))
            return
        }
        let gaps = current.missing(in: c.grid)
        guard gaps.isEmpty else {
            c.fail(c.language.describe(.incomplete(gaps), grid: c.grid))
            return
        }
        c.ask(.submit(position: position))
    }

    private func askReopen(_ c: inout ScreenContext) {
        guard c.data.sheet(at: position)?.status == .submitted else {
            c.fail(c.language.text(.thisSheetIsNotSubmitted))
            return
        }
        c.ask(.reopen(position: position))
    }
}

extension ScreenContext {
    /// Once confirmed: nil when the sheet cannot be submitted (it says why).
    mutating func submit(_ position: Int) -> [ConsoleEffect]? {
        guard var sheet = data.sheet(at: position) else { return [] }
        do {
            try sheet.submit(grid: grid, at: now)
        } catch {
            fail(language.describe(error, grid: grid))
            return nil
        }
        say(language.text(.sheetSubmittedToScoreTheNextDossier))
        return commit(sheet)
    }

    mutating func reopen(_ position: Int) -> [ConsoleEffect] {
        guard var sheet = data.sheet(at: position) else { return [] }
        sheet.reopen(at: now)
        say(language.text(.sheetReopenedItCanBeChanged))
        return commit(sheet)
    }
}

extension ConsoleState {
    /// What `$EDITOR` returned: a change like a key's, which `u` undoes when the sheet is open.
    mutating func finishExternalEdit(_ field: SheetTextField, text: String?) -> [ConsoleEffect] {
        guard let text else {
            fail(language.text(.theEditorReturnedNothingTextUnchanged))
            return []
        }
        guard let position = data.position(of: field.dossier.value) else { return [] }
        var cleaned = text
        while cleaned.last?.isWhitespace == true { cleaned.removeLast() }   // editors end files with a newline
        guard cleaned != field.part.text(in: data.sheet(at: position)) else {
            say(language.text(.textUnchanged))
            return []
        }
        let edit = field.part.edit(cleaned)
        if sheet?.position == position { return within(\.sheet!) { $0.change(edit, &$1) } }
        var c = context
        let effects = c.change(position, edit)?.effects ?? []
        apply(c)
        return effects
    }

    func confirmationQuestion(_ question: Confirmation) -> String {
        let l = language, yesNo = l.text(.yN)
        switch question {
        case .submit(let position):
            return l.text(.submitTheSheetOfNoItCannot, ["dossiers": data.dossiers[position].number]) + yesNo
        case .reopen(let position):
            let when = data.sheet(at: position)?.submittedAt.map { DateText.paris($0.date) } ?? "?"
            return l.text(.reopenTheSheetSubmittedOn, ["when": when]) + yesNo
        case let .declareConflict(number, reason):
            return l.text(.declareAConflictOfInterestOnNo, ["number": number, "reason": reason])
                + yesNo
        case .quit:
            return l.text(.quitWithUnsavedSheets, ["n": unsaved.count]) + yesNo
        }
    }
}

// MARK: Drawing

extension ScreenContext {
    /// What the sheet's status says, e.g. "soumise le 02/10/2023 10:00".
    func sheetStatus(_ sheet: ScoreSheet?) -> Span {
        let l = language
        guard let sheet else { return Span(l.label(ReviewProgress.toScore)) }
        let submittedOn = sheet.submittedAt.map { DateText.paris($0.date) } ?? ""
        switch sheet.status {
        case .submitted: return Span(l.text(.submittedOn2) + submittedOn, [.bold, .good])
        case .draft where sheet.submittedAt != nil:
            return Span(l.text(.draftReopenedSubmittedOn, ["submittedOn": submittedOn]), .warning)
        case .draft: return Span(l.label(ReviewProgress.draft), .warning)
        }
    }

}

extension SheetView {
    func draw(_ p: Painter, _ c: ScreenContext) {
        let l = c.language, grid = c.grid
        let dossier = c.data.dossiers[position]
        let current = c.data.sheet(at: position)
        p.bar(row: 0, left: l.text(.sheetNo) + "\(dossier.number) · \(dossier.name)",
              right: Self.total(current, grid, l), style: [.reverse, .bold])

        let layout = c.sheetLayout, rows = Self.rows(c), focused = rows[focus]
        var lines: [TextLine] = []
        var focusLine = 0
        var status = [Span(l.text(.sheetStatus)), c.sheetStatus(current)]
        if c.data.finalized != nil {
            status.append(Span(l.text(.finalisedReadOnly), .bold))
        } else if current?.status == .submitted {
            status.append(Span(l.text(.readOnlyRToReopen)))
        }
        if c.unsaved.contains(dossier.dossierNumber) {
            status.append(Span(" "))
            status.append(Span(l.text(.notSAVED), [.reverse, .bold, .danger]))
        }
        // The status stays on the first row; what is below scrolls.
        p.line(TextLine(spans: status, indent: 1), row: 1, column: 0, width: p.columns)
        // The jury's figures, where the blind-review rule shows them (the chair, a campaign that
        // always shows them, my submitted sheet): they follow what others submit meanwhile.
        if case .shown(_, let statistics) = c.data.juryScores(at: position) {
            lines.append(TextLine(spans: [Span(JuryScores.title(l) + l.text(.textText), .bold),
                                          Span(JuryScores.summary(statistics, l))], indent: 1))
        } else {
            lines.append(.blank)
        }
        let weightWidth = SheetLayout.weightWidth
        lines.append(TextLine(spans: [
            Span.cell(l.text(.criterion), layout.labelWidth + 2),
            Span.cell(l.text(.weight), weightWidth),
            Span(l.text(.score)),
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
        lines += criterionHelp(focused, current, width: p.columns - 4, c)
        lines.append(.blank)
        lines.append(TextLine(l.text(.comments), [.bold, .underline, .accent], indent: 1))
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
            if row == focused, let editor {
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
            let focused = index == focusLine && editor == nil
            p.row(line, row: 2 + offset, column: 0, width: p.columns, selected: focused)
        }
        if let cursor { p.surface.placeCursor(row: 2 + focusLine - top, column: cursor) }
    }

    /// The weighted total, said to be provisional until every criterion is scored: a total of the
    /// first criteria alone reads as final otherwise.
    static func total(_ sheet: ScoreSheet?, _ grid: [Criterion], _ l: Language) -> String {
        guard let total = sheet?.weightedTotal(in: grid) else { return l.text(.weightedTotal) }
        let scored = grid.filter { sheet?.values[$0.key] != nil }.count
        guard scored < grid.count else { return l.text(.sheetWeightedTotal) + l.decimal(total) }
        // Some scored, some not: the grid has two criteria at least, the plural is right.
        return l.text(.provisionalWeightedTotalCriteria, ["scored": scored, "gridCount": grid.count])
            + l.decimal(total)
    }

    /// Under the grid: the focused criterion's scale (with the current level marked) and description,
    /// in four lines whatever the criterion, so that the rows below do not move with the focus.
    private func criterionHelp(_ row: SheetRow, _ sheet: ScoreSheet?, width: Int, _ c: ScreenContext) -> [TextLine] {
        let language = c.language
        let index: Int
        switch row {
        case .value(let i), .comment(let i): index = i
        case .overall, .recommendation: return Array(repeating: .blank, count: 4)
        }
        let criterion = c.grid[index], value = sheet?.values[criterion.key]
        // The levels, packed into lines under the prefix.
        let prefix = language.text(.sheetScale), indent = DisplayWidth.of(prefix)
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
