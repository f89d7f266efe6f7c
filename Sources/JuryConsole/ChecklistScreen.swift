import JuryCore

// `F` on the chair's board: before the allocation is frozen, what may still be wrong is listed —
// missing sheets, uncertain dossiers not discussed, decisions without a motivation, broken rules,
// dossiers without rapporteurs. Each item is resolved on the board (Enter goes to its dossier) or
// acknowledged with a reason (`a`); `F` then finalises, after a confirmation.

/// The checklist over the board, with the reason being typed or the confirmation asked.
struct ChecklistView: Sendable {
    let inputs: ChecklistInputs
    /// The chair's deliberation with the rapporteurs as just read from disk.
    private(set) var report: DeliberationReport
    private(set) var checklist: FinalisationChecklist
    var selected = 0
    var scroll = 0
    /// The reason of an acknowledgement being typed, for the selected item.
    var reason: LineEditor?
    var confirming = false

    init(_ inputs: ChecklistInputs, report: DeliberationReport) {
        self.inputs = inputs
        self.report = report
        checklist = FinalisationChecklist(report, seances: inputs.seances)
    }

    var selectedItem: FinalisationChecklist.Item? { checklist.items.indices.contains(selected) ? checklist.items[selected] : nil }

    /// Another allocation (a save, someone else's change): items resolved go, acknowledgements show.
    mutating func show(_ allocation: AllocationState) { rebuild(report.with(allocation: allocation)) }

    /// The same items from another deliberation (sheets changed), on the same item when it remains.
    mutating func rebuild(_ report: DeliberationReport) {
        let key = selectedItem?.key
        self.report = report
        checklist = FinalisationChecklist(report, seances: inputs.seances)
        selected = key.flatMap { key in checklist.items.firstIndex { $0.key == key } } ?? min(selected, max(0, checklist.items.count - 1))
    }

    /// What a key asks of the board.
    enum Outcome: Equatable, Sendable {
        case none, close
        /// Resolve on the board: its dossier selected there.
        case resolve(Int)
        case edit(AllocationEdit)
    }

    enum Action: Equatable, Sendable {
        case move(Motion), resolve, acknowledge, finalize, back
    }

    func bindings(_ c: ScreenContext) -> [KeyBinding<Action>] {
        let item = selectedItem
        return Motion.bindings(.rows, Action.move) + [
            KeyBinding([.enter], .resolve, .keyChecklistResolve, bar: .barSettle, when: item?.dossier != nil,
                       refusal: Localized(.refusalItemNotAboutOneDossier)),
            KeyBinding([.character("a")], .acknowledge, .keyChecklistAcknowledge, bar: .barAcknowledge,
                       when: item.map { !$0.blocking } ?? false,
                       refusal: Localized(.refusalItemMustBeSettled)),
            KeyBinding([.character("F")], .finalize, .keyChecklistFinalize, bar: .barFinalise, when: checklist.open.isEmpty,
                       refusal: Localized(.refusalSettleEveryItemFirst)),
            KeyBinding([.escape, .character("q")], .back, .keyChecklistBack, bar: .barBack),
        ]
    }

    var reasonBindings: [KeyBinding<FieldAction>] {
        KeyBinding.editing(.keyReasonText) + [
            KeyBinding([.enter], .commit, .keyReasonCommit, bar: .barAcknowledge),
            KeyBinding([.escape], .cancel, .keyCancelNothingChanges, bar: .barCancel),
        ]
    }

    func keys(_ c: ScreenContext) -> KeyTable {
        if reason != nil {
            return KeyTable(title: Localized(.screenChecklistReason), lines: reasonBindings.map(\.line))
        }
        return KeyTable(title: Localized(.screenChecklist), lines: bindings(c).map(\.line))
    }

    mutating func handle(_ key: Key, in c: inout ScreenContext) -> Outcome {
        if confirming {
            confirming = false
            guard ["o", "O", "y", "Y"].map(Key.character).contains(key) else {
                c.say(c.language.text(.cancelled))
                return .none
            }
            return .edit(.finalize(checklist, acknowledging: nil))
        }
        if reason != nil { return typeReason(key, &c) }
        guard let action = c.action(for: key, in: bindings(c)) else { return .none }
        switch action {
        case .move(let motion):
            selected = motion.apply(to: selected, page: max(1, ChecklistLayout(rows: c.rows).height - 1), last: max(0, checklist.items.count - 1))
        case .resolve:
            if let dossier = selectedItem?.dossier { return .resolve(dossier) }
        case .acknowledge:
            reason = LineEditor(selectedItem?.acknowledgement?.reason ?? "")
        case .finalize:
            confirming = true
        case .back:
            return .close
        }
        return .none
    }

    private mutating func typeReason(_ key: Key, _ c: inout ScreenContext) -> Outcome {
        switch c.action(for: key, in: reasonBindings) {
        case .cancel:
            reason = nil
            c.say(c.language.text(.cancelled))
        case .commit:
            let text = Sanitizer.line(reason?.text ?? "")
            guard text.contains(where: { !$0.isWhitespace }), let item = selectedItem else {
                c.fail(c.language.text(.giveTheReason))
                return .none
            }
            reason = nil
            return .edit(.acknowledge(item, reason: text))
        case .edit, .next, .previous, nil:
            _ = reason?.handle(key)
            reason?.keepCursorVisible(width: max(1, c.columns - 3))
        }
        return .none
    }

    mutating func keepVisible(rows: Int) {
        scroll = Motion.scroll(scroll, keeping: selected, height: ChecklistLayout(rows: rows).height, count: checklist.items.count)
    }

    func draw(_ p: Painter, _ c: ScreenContext) {
        let l = c.language, layout = ChecklistLayout(rows: p.rows)
        p.bar(row: 0, left: l.text(.finaliseTheAllocationChecklist),
              right: "\(c.data.myName) (\(c.data.me))", style: [.reverse, .bold])
        let open = checklist.open.count, blocking = checklist.blocking.count
        let summary = open == 0
            ? l.text(.nothingLeftFToFinalise)
            : l.text(.checklistOpen, ["open": open])
                + (blocking > 0 ? l.text(.ofThemToSettleOnTheBoard, ["blocking": blocking]) : "")
        p.text(summary, row: 1, column: 1, width: p.columns - 2, style: open == 0 ? [.bold, .good] : [.bold, .warning])
        if checklist.items.isEmpty {
            p.text(l.text(.noItemSheetsSessionsMotivationsAndRules),
                   row: ChecklistLayout.top, column: 2, width: p.columns - 4, style: .dim)
        }
        for offset in 0..<layout.height {
            let index = scroll + offset
            guard checklist.items.indices.contains(index) else { break }
            let item = checklist.items[index]
            let mark = item.acknowledgement != nil ? "✓" : item.blocking ? "✗" : "•"
            var text = item.text.text(l)
            if let acknowledgement = item.acknowledgement { text += l.text(.acknowledged) + acknowledgement.reason }
            let style: Style = item.acknowledgement != nil ? .good : item.blocking ? [.bold, .danger] : []
            p.row(TextLine(spans: [Span(" \(mark) ", style), Span(text, style)]), row: ChecklistLayout.top + offset, column: 0,
                  width: p.columns, selected: index == selected)
        }
        let bottom = layout.detailRow
        if confirming {
            p.line(TextLine(l.text(.finaliseTheAllocationTheSheetsAndThe), [.bold, .warning]),
                   row: bottom, column: 0, width: p.columns, extra: .reverse)
        } else if let reason, let item = selectedItem {
            p.text(l.text(.reasonToAcknowledge) + item.text.text(l), row: bottom, column: 0, width: p.columns,
                   style: [.bold, .warning])
            let start = p.text("› ", row: bottom + 1, column: 0, width: p.columns, style: .bold)
            let shown = reason.visible(width: max(1, p.columns - 3))
            p.text(shown.text, row: bottom + 1, column: start, width: max(1, p.columns - 3))
            p.surface.placeCursor(row: bottom + 1, column: start + shown.cursor)
        } else if let item = selectedItem {
            let settle = item.dossier == nil ? l.text(.escSettleOnTheBoard)
                                             : l.text(.enterSettleOnTheBoard)
            p.text(settle + (item.blocking ? l.text(.thisItemCannotBeAcknowledged)
                                           : l.text(.checklistAcknowledgeHint)),
                   row: bottom, column: 1, width: p.columns - 2, style: .dim)
        }
    }
}

/// The title and summary on top, the items, two lines for the reason or the question, then the
/// message and key bars.
struct ChecklistLayout {
    let rows: Int
    static let top = 3
    var height: Int { max(1, rows - Self.top - 4) }
    var detailRow: Int { rows - 4 }
}
