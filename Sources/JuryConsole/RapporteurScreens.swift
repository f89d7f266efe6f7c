import JuryCore

// The rapporteurs in the console: the chair's picker of a dossier's rapporteurs (`R` on the list)
// and the progress screen (`r`): per member, assigned / drafts / submitted and what is still waiting.

/// `R` on the list (the chair): the jury's reviewers, those of the dossier ticked; Space ticks,
/// Enter saves exactly the ticked ones. A member in conflict on the dossier cannot be ticked.
struct RapporteurPicker: Equatable, Sendable {
    var dossier: DossierNumber
    /// The jury's reviewers, in the jury's order.
    var logins: [String]
    var ticked: Set<String>
    var selected = 0

    init(dossier: DossierNumber, data: ConsoleData) {
        self.dossier = dossier
        logins = data.jury.reviewers.map(\.login)
        ticked = Set(data.assignments.rapporteurs(of: dossier.value))
    }

    static let bindings: [KeyBinding<PickerAction>] = Motion.bindings(.rows, PickerAction.move) + [
        KeyBinding([.character(" "), .character("x")], .toggle, .keyPickerToggle, bar: .barTick),
        KeyBinding([.enter], .commit, .keyPickerCommit, bar: .barSave),
        KeyBinding([.escape, .character("q")], .cancel, .keyCancelNothingChanges, bar: .barCancel),
    ]

    /// What the picker does with a key; Enter saves, Esc closes it (the list then closes it).
    mutating func handle(_ key: Key, in c: inout ScreenContext) -> (effects: [ConsoleEffect], done: Bool) {
        guard let action = c.action(for: key, in: Self.bindings) else { return ([], false) }
        switch action {
        case .move(let motion): selected = motion.apply(to: selected, page: 1, last: logins.count - 1)
        case .toggle:
            guard logins.indices.contains(selected) else { return ([], false) }
            let login = logins[selected]
            if ticked.remove(login) == nil {
                if c.data.jury.member(login)?.isConflicted(on: dossier.value) == true {
                    c.fail(c.language.text(.hasAConflictOfInterestOnNo, ["login": login, "dossier": dossier]))
                    return ([], false)
                }
                ticked.insert(login)
            }
        case .commit:
            let chosen = logins.filter(ticked.contains)
            c.say(c.language.text(.rapporteursOfNoSending, ["dossier": dossier]))
            return ([.replaceRapporteurs(dossier, chosen)], true)
        case .cancel:
            c.say(c.language.text(.cancelled))
            return ([], true)
        }
        return ([], false)
    }

    func draw(_ p: Painter, _ c: ScreenContext) {
        let l = c.language, data = c.data
        let loads = data.assignments.dossiers.reduce(into: [String: Int]()) { loads, entry in
            for login in entry.rapporteurs { loads[login, default: 0] += 1 }
        }
        let width = min(p.columns - 2, 80), height = min(p.rows - 5, logins.count + 4)
        let top = 3, left = max(0, p.columns - width - 1)
        p.box(top: top, left: left, height: height, width: width,
              title: l.text(.rapporteursOfNo, ["dossier": dossier]))
        let shown = max(1, height - 4), first = max(0, min(selected - shown + 1, logins.count - shown))
        for (offset, login) in logins.enumerated().dropFirst(max(0, first)).prefix(shown) {
            let member = data.jury.member(login)
            let conflicted = member?.isConflicted(on: dossier.value) == true
            let mark = conflicted ? "✗" : ticked.contains(login) ? "[x]" : "[ ]"
            let load = l.text(.dossierCount, ["n": loads[login] ?? 0])
            let line = TextLine(spans: [Span.cell(mark, 4, conflicted ? .danger : .bold),
                                        Span.cell((member?.name ?? login) + " (\(login))", width - 22, []),
                                        Span(conflicted ? l.text(.pickerConflicted) : load, .dim)])
            p.row(line, row: top + 1 + offset - first, column: left + 2, width: width - 4, selected: offset == selected)
        }
        p.text(l.text(.pickerTicked, ["ticked": ticked.count, "perDossier": data.campaign.rapporteurSettings.perDossier]),
               row: top + height - 2, column: left + 2, width: width - 4, style: .bold)
    }
}

enum PickerAction: Sendable {
    case move(Motion), toggle, commit, cancel
}

/// `r` on the list: where each rapporteur stands (the chair sees everyone, a member themself), as
/// the store counts it (`RapporteurProgress`): drafts included, which a console does not hold of others.
struct ProgressView: Sendable {
    var rows: [RapporteurProgress] = []
    var loaded = false
    var selected = 0
    var scroll = 0
}

enum ProgressAction: Sendable {
    case move(Motion), details, reread, back
}

extension ProgressView: ScreenComponent {
    var isTyping: Bool { false }

    var bindings: [KeyBinding<ProgressAction>] {
        let none = Localized(.refusalNoRapporteurAssigned)
        return Motion.bindings(.rows, ProgressAction.move) + [
            KeyBinding([.enter, .character("t")], .details, .keyProgressDetails, bar: .barDetails, when: !rows.isEmpty, refusal: none),
            KeyBinding([.character("r")], .reread, .keyProgressReread, bar: .barReread),
            KeyBinding([.escape, .character("q")], .back, .keyBackToTheList, bar: .barBack),
        ]
    }

    func keys(_ c: ScreenContext) -> KeyTable {
        KeyTable(title: Localized(.screenProgress), lines: bindings.map(\.line), notes: [Localized(.notesProgressColumns)])
    }

    mutating func handle(_ key: Key, in c: inout ScreenContext) -> [ConsoleEffect] {
        guard let action = c.action(for: key, in: bindings) else { return [] }
        switch action {
        case .move(let motion): selected = motion.apply(to: selected, page: Layout.tableHeight(rows: c.rows) - 1, last: rows.count - 1)
        case .details:
            guard rows.indices.contains(selected) else { return [] }
            let row = rows[selected], l = c.language
            let names = Dictionary(c.data.dossiers.map { ($0.number, $0.name) }) { first, _ in first }
            let waiting = row.waiting.map { l.text(.no2) + "\($0)" + (names[$0].map { " — " + $0 } ?? "") }
            c.openPager(title: "\(row.name) (\(row.login))",
                        text: ([Self.summary(row, l), ""] + (waiting.isEmpty ? [l.text(.nothingWaiting)]
                                                                           : [l.text(.waiting)] + waiting))
                            .joined(separator: "\n"))
        case .reread:
            return [.loadProgress]
        case .back:
            c.close()
        }
        return []
    }

    static func summary(_ row: RapporteurProgress, _ l: Language) -> String {
        l.text(.progressOfMember, ["submitted": row.submitted, "assigned": row.assigned, "drafts": row.drafts, "outside": row.outside])
    }

    mutating func keepSelectionVisible(height: Int) {
        selected = min(max(0, selected), max(0, rows.count - 1))
        scroll = Motion.scroll(scroll, keeping: selected, height: height, count: rows.count)
    }

    func draw(_ p: Painter, _ c: ScreenContext) {
        let l = c.language
        p.bar(row: 0, left: l.text(.screenProgress),
              right: "\(c.data.myName) (\(c.data.me))", style: [.reverse, .bold])
        let assigned = rows.map(\.assigned).reduce(0, +), submitted = rows.map(\.submitted).reduce(0, +)
        let share = assigned > 0 ? " (\(submitted * 100 / assigned) %)" : ""
        p.text(loaded ? l.text(.progressSummary, ["members": rows.count, "assigned": assigned, "submitted": submitted, "share": share])
                      : l.text(.readingTheProgress),
               row: 1, column: 1, width: p.columns - 2)
        let columns = ProgressColumns(width: p.columns, language: l)
        p.line(columns.heading, row: 2, column: 0, width: p.columns, extra: [.bold, .underline])
        if loaded && rows.isEmpty {
            p.text(l.text(.noRapporteurAssignedPtceJuryAssignAuto),
                   row: 4, column: 2, width: p.columns - 4, style: .dim)
        }
        for (offset, row) in rows.enumerated().dropFirst(scroll).prefix(Layout.tableHeight(rows: p.rows)) {
            p.row(columns.row(row), row: 3 + offset - scroll, column: 0, width: p.columns, selected: offset == selected)
        }
    }
}

/// The progress table's columns: the name takes what the figures leave, the waiting dossiers the rest.
struct ProgressColumns {
    let widths: [Int]
    let language: Language

    init(width: Int, language: Language) {
        self.language = language
        let figures = Self.headings(language)[1...4].map { DisplayWidth.of($0) + 1 }
        let rest = max(8, width - figures.reduce(0, +))
        let name = max(8, min(44, rest * 55 / 100))
        widths = [name] + figures + [max(0, rest - name)]
    }

    static func headings(_ l: Language) -> [String] {
        [l.text(.member), l.text(.assigned), l.text(.drafts),
         l.text(.submitted), l.text(.others), "  " + l.text(.waiting2)]
    }

    private func cells(_ texts: [(String, Style)]) -> TextLine {
        TextLine(spans: texts.enumerated().map { i, cell in Span.cell(cell.0, widths[i], cell.1, alignRight: (1...4).contains(i)) })
    }

    var heading: TextLine { cells(Self.headings(language).map { ($0, []) }) }

    func row(_ row: RapporteurProgress) -> TextLine {
        let done = row.assigned > 0 && row.waiting.isEmpty
        let waiting = row.waiting.isEmpty ? (row.assigned > 0 ? language.text(.upToDate) : "—")
            : row.waiting.map(String.init).joined(separator: ", ")
        return cells([(row.name + " (\(row.login))", []), ("\(row.assigned)", []), ("\(row.drafts)", row.drafts > 0 ? .warning : []),
                      ("\(row.submitted)", .bold), ("\(row.outside)", []), ("  " + waiting, done ? .good : [])])
    }
}
