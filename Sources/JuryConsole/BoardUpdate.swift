import JuryCore

// The allocation board: the ranking under a method, the funding line, the laureates and the
// waitlist. The chair changes the allocation here; everyone else reads it. Everything shown is
// computed from what the viewer may know (`DeliberationReport`, through Disclosure).

struct BoardView: Sendable {
    /// What is shown: `own`, or in séance `own` with the jury's figures, in the order kept.
    var report: DeliberationReport
    /// The deliberation from what I may know, recomputed only when that changes.
    var own: DeliberationReport
    /// In séance: the jury's figures as last received (JuryFigures), which every board shows alike.
    var figures: JuryFigures?
    /// In séance: the order of the last sort, which the rows keep when figures change.
    var kept: KeptOrder?
    /// What the report was computed from: when any of it changes, it is computed again.
    var builtFor: BoardInputs
    /// The ranking shown: the allocation's for the chair and, in séance, for everyone; the reviewer's own choice otherwise.
    var method: RankingMethod
    /// As last read or saved (the chair's changes show at once, before the save returns).
    var allocation: AllocationState
    var loaded = false
    /// Index in `report.rows`.
    var selected = 0
    /// First line of the table shown (the funding line takes a line of its own).
    var scroll = 0
    /// What the board is doing besides showing the allocation: one thing at a time.
    var mode = BoardMode.browsing

    var selectedRow: DeliberationReport.Row? { report.rows.indices.contains(selected) ? report.rows[selected] : nil }

    /// The motivation being typed, if one is.
    var motivation: MotivationField? {
        if case .motivation(let field) = mode { return field }
        return nil
    }

    /// The list of those present, when the chair is ticking it.
    var presence: PresenceList? {
        if case .presence(let list) = mode { return list }
        return nil
    }

    /// The checklist, when it is over the board.
    var checklist: ChecklistView? {
        if case .checklist(let view) = mode { return view }
        return nil
    }
}

/// While a séance is open the board keeps its rows in the order of its last sort: a sheet landing
/// or a decision does not move the row under the chair's cursor. A row whose rank changed since is
/// marked; `o` sorts again.
struct KeptOrder: Sendable {
    /// Dossier numbers, in the order shown.
    let numbers: [Int]
    /// Each dossier's rank at that sort.
    let ranks: [Int: Int]

    init(_ report: DeliberationReport) {
        numbers = report.rows.map(\.number)
        ranks = Dictionary(report.rows.compactMap { row in row.rank.map { (row.number, $0) } }) { first, _ in first }
    }

    /// « ↑ » risen since the last sort, « ↓ » fallen (or no longer ranked), « ↕ » ranked since; empty: unchanged.
    func mark(_ row: DeliberationReport.Row) -> String {
        switch (ranks[row.number], row.rank) {
        case let (before?, now?): return now < before ? "↑" : now > before ? "↓" : ""
        case (nil, .some): return "↕"
        case (.some, nil): return "↓"
        case (nil, nil): return ""
        }
    }
}

/// The board's sub-modes: a key goes to the one in force, and opening one ends the other.
enum BoardMode: Sendable {
    case browsing
    /// The laureate marked with `x`, to be compared with a replacement.
    case swapping(out: Int)
    /// A question waiting for o/y; any other key cancels it.
    case question(BoardQuestion)
    /// A motivation being typed, and what it is for.
    case motivation(MotivationField)
    /// `R`: why the chair reopens the finalised allocation, being typed.
    case reopening(LineEditor)
    /// The chair typing the place of the séance being opened, then its secretary's login.
    case place(LineEditor)
    case secretary(place: String, LineEditor)
    /// In séance, after a decision: how the jury took it on `dossiers` (Enter alone: consensus, as
    /// recorded; or the vote's counts).
    case vote(dossiers: [Int], LineEditor)
    /// `F`: the checklist before finalising, over the board.
    case checklist(ChecklistView)
    /// The chair ticking the members present: at the opening, or for arrivals and departures (`A`).
    case presence(PresenceList)
}

struct BoardInputs: Equatable, Sendable {
    /// Moves with the sheets and with the rapporteurs (the sheets each dossier expects).
    var sheetsVersion: Int
    var campaign: Campaign
    var jury: Jury
    var dossiers: Int
    var method: RankingMethod
    var drawSeed: Int
    var inDiscussion: Int?
    var inSeance: Bool
}

/// The motivation being typed, and what it is for.
struct MotivationField: Equatable, Sendable {
    enum Purpose: Equatable, Sendable {
        /// Selecting a dossier that needs one.
        case select(AllocationAnalysis.MotivationReason)
        /// Recording or changing the motivation of the dossier's current decision.
        case motivate
    }

    var dossier: DossierNumber
    var purpose: Purpose
    var editor: LineEditor

    /// The name of its draft (see `ConsoleEnvironment.keepDraft`).
    var prompt: String { "motivation-\(dossier)" }
}

enum BoardQuestion: Equatable, Sendable {
    case propose
    /// In séance, taking a laureate out is a decision of the jury: it is asked first.
    case removeLaureate(Int)
    case closeSeance
}

enum BoardAction: Equatable, Sendable {
    case move(Motion), laureate, waitlist, waitlistUp, waitlistDown, propose, motivate, finalize, reopen,
         method, details, whatIf, reread, read, back,
         openSeance, discuss, endDiscussion, presence, closeSeance, resort
}

extension ScreenContext {
    fileprivate func boardInputs(method: RankingMethod, drawSeed: Int) -> BoardInputs {
        BoardInputs(sheetsVersion: data.sheetsVersion, campaign: data.campaign, jury: data.jury, dossiers: data.allDossiers.count,
                    method: method, drawSeed: drawSeed, inDiscussion: data.seance?.discussing, inSeance: data.seance != nil)
    }

    /// `rapporteurs`: as just read from disk (the checklist's), else as the console holds them.
    fileprivate func boardReport(method: RankingMethod, allocation: AllocationState, rapporteurs: [Int: [String]]? = nil) -> DeliberationReport {
        let deliberation = Deliberation(campaign: data.campaign, jury: data.jury, dossiers: data.allDossiers, sheets: data.everyone,
                                        viewer: data.viewer, drawSeed: allocation.drawSeed, verdicts: data.verdicts,
                                        rapporteurs: rapporteurs ?? data.assignments.byDossier, inDiscussion: data.seance?.discussing)
        return DeliberationReport(deliberation, jury: data.jury, viewer: data.viewer, allocation: allocation, method: method,
                                  resamples: Bootstrap.boardResamples(dossiers: data.allDossiers.count))
    }
}

extension ScreenContext {
    /// The chair's deliberation with the rapporteurs, under the allocation's method, for the checklist.
    fileprivate func checklistReport(_ allocation: AllocationState, _ inputs: ChecklistInputs) -> DeliberationReport {
        boardReport(method: allocation.method, allocation: allocation, rapporteurs: inputs.assignments.byDossier)
    }
}

extension BoardView: ScreenComponent {
    /// `a` from the list: the board, at once from what is in memory; the allocation is then read
    /// from disk (`.allocation(.load)`).
    init(opening c: ScreenContext) {
        let allocation = AllocationState.initial(for: c.data.campaign)
        let report = c.boardReport(method: allocation.method, allocation: allocation)
        self.init(report: report, own: report, builtFor: c.boardInputs(method: allocation.method, drawSeed: allocation.drawSeed),
                  method: allocation.method, allocation: allocation)
    }

    /// What the board asks for when it opens or reads the allocation again: in séance, the jury's figures too.
    static func loads(_ c: ScreenContext) -> [ConsoleEffect] {
        [.allocation(.load)] + (c.data.seance != nil ? [.allocation(.loadFigures)] : [])
    }

    var isTyping: Bool {
        switch mode {
        case .motivation, .reopening, .place, .secretary, .vote: return true
        case .checklist(let view): return view.reason != nil
        case .browsing, .swapping, .question, .presence: return false
        }
    }

    func keys(_ c: ScreenContext) -> KeyTable {
        switch mode {
        case .checklist(let view):
            return view.keys(c)
        case .place:
            return KeyTable(title: Localized(.boardPlaceTitle), lines: placeBindings.map(\.line))
        case .secretary:
            return KeyTable(title: Localized(.boardSecretaryTitle), lines: secretaryBindings.map(\.line))
        case .vote:
            return KeyTable(title: Localized(.boardVoteTitle), lines: voteBindings.map(\.line))
        case .motivation, .reopening:
            return KeyTable(title: Localized(.boardMotivationTitle), lines: motivationBindings.map(\.line))
        case .presence:
            return KeyTable(title: Localized(.boardPresenceTitle), lines: presenceBindings.map(\.line))
        case .browsing, .swapping, .question:
            return KeyTable(title: Localized(.allocation3), lines: bindings(c).map(\.line), notes: Self.legend)
        }
    }

    /// After every event: scores, jury or campaign changed on disk, another method, another
    /// allocation — the board follows, on the same dossier.
    mutating func keepCurrent(_ c: ScreenContext) {
        let inputs = c.boardInputs(method: method, drawSeed: allocation.drawSeed)
        if inputs != builtFor {
            own = c.boardReport(method: method, allocation: allocation)
            builtFor = inputs
            arrange(c)
            // A sheet submitted meanwhile may settle an item: the checklist follows.
            if case .checklist(var view) = mode {
                view.rebuild(c.checklistReport(allocation, view.inputs))
                mode = .checklist(view)
            }
        }
        let layout = c.boardLayout
        let lines = BoardLines(report)
        scroll = Motion.scroll(scroll, keeping: lines.line(ofRow: selected), height: layout.tableHeight, count: lines.count)
        switch mode {
        case .motivation(var field):
            field.editor.keepCursorVisible(width: layout.fieldWidth)
            mode = .motivation(field)
        case .reopening(var field):
            field.keepCursorVisible(width: layout.fieldWidth)
            mode = .reopening(field)
        case .checklist(var view):
            view.keepVisible(rows: c.rows)
            mode = .checklist(view)
        case .presence(var list):
            list.keepVisible(height: layout.tableHeight)
            mode = .presence(list)
        case .browsing, .swapping, .question, .place, .secretary, .vote:
            break
        }
    }

    /// `report` from `own`: in séance, with the jury's figures, in the order of the last sort
    /// (`resort`: sorted again now). The selected dossier stays selected, on the same screen line.
    mutating func arrange(_ c: ScreenContext, resort: Bool = false) {
        let number = selectedRow?.number, onScreen = BoardLines(report).line(ofRow: selected) - scroll
        if c.data.seance != nil, let figures {
            let ranked = own.inSeance(figures)
            if resort || kept == nil { kept = KeptOrder(ranked) }
            report = kept.map { ranked.arranged($0.numbers) } ?? ranked
        } else {
            if c.data.seance == nil { figures = nil }
            kept = nil
            report = own
        }
        selected = number.flatMap { n in report.rows.firstIndex { $0.number == n } } ?? min(selected, max(0, report.rows.count - 1))
        scroll = max(0, BoardLines(report).line(ofRow: selected) - onScreen)
    }

    mutating func received(_ outcome: AllocationOutcome, _ c: inout ScreenContext) -> [ConsoleEffect] {
        switch outcome {
        case .loaded(let allocation):
            // The chair's board follows the allocation's method; a reviewer keeps the one they chose.
            if !loaded || c.isChair { method = allocation.method }
            loaded = true
            show(allocation)
        case .saved(let allocation):
            show(allocation)
            c.say(c.language.text(.allocationSavedRevision, ["revision": allocation.revision]))
        case .figuresLoaded(let figures):
            // Another method (the chair's `m`) ranks anew: the table is sorted again.
            let resort = self.figures != nil && figures?.method != self.figures?.method
            self.figures = figures
            // A reviewer's board follows the séance's method, the jury's.
            if let figures, figures.method != method {
                method = figures.method
                own = c.boardReport(method: method, allocation: allocation)
                builtFor = c.boardInputs(method: method, drawSeed: allocation.drawSeed)
            }
            arrange(c, resort: resort)
        case .figuresFailed(let reason):
            c.fail(c.language.text(.cannotReadTheJurysFiguresOfThe) + reason)
        case .checklistLoaded(let inputs):
            // Under the allocation's method, which the chair's board follows.
            mode = .checklist(ChecklistView(inputs, report: c.checklistReport(allocation, inputs)))
        case .loadFailed(let reason):
            c.fail(c.language.text(.cannotReadTheAllocation) + reason)
        case .saveFailed(let reason):
            c.fail(c.language.text(.allocationNotSaved) + reason)
            return Self.loads(c)
        }
        return []
    }

    private mutating func show(_ allocation: AllocationState) {
        self.allocation = allocation
        if case .checklist(var view) = mode {
            view.show(allocation)
            mode = allocation.isFinalized ? .browsing : .checklist(view)
        }
        if allocation.drawSeed == builtFor.drawSeed && method == builtFor.method {
            own = own.with(allocation: allocation)
            report = report.with(allocation: allocation)
        }   // otherwise `keepCurrent` computes everything again
    }

    // MARK: Keys

    func bindings(_ c: ScreenContext) -> [KeyBinding<BoardAction>] {
        let finalized = allocation.finalized
        let chairMay = c.isChair && finalized == nil
        let refused = finalized.map { text in Localized { Labels.allocationError(.finalized(text), $0) } }
            ?? Localized(.readOnlyOnlyTheChairChangesThe)
        func chair(_ keys: [Key], _ action: BoardAction, _ help: TextKey, bar: TextKey? = nil) -> KeyBinding<BoardAction> {
            KeyBinding(keys, action, help, bar: bar, when: chairMay, refusal: refused)
        }
        return Motion.bindings(.dossiers, BoardAction.move) + [
            chair([.character(" ")], .laureate, .keyBoardLaureate, bar: .barLaureate),
            chair([.character("w")], .waitlist, .keyBoardWaitlist, bar: .barWaitlist),
            chair([.character("+"), .character("K")], .waitlistUp, .keyBoardWaitlistUp),
            chair([.character("-"), .character("J")], .waitlistDown, .keyBoardWaitlistDown),
            chair([.character("p")], .propose, .keyBoardPropose, bar: .barPropose),
            chair([.character("d")], .motivate, .keyBoardMotivate, bar: .barMotivate),
            chair([.character("F")], .finalize, .keyBoardFinalize, bar: .barFinalise),
            KeyBinding([.character("R")], .reopen, .keyBoardReopen, bar: .barReopen, when: c.isChair && finalized != nil,
                       refusal: c.isChair ? Localized(.boardNotFinalised) : refused),
            KeyBinding([.character("m")], .method, .keyBoardMethod, bar: .barMethod,
                       when: c.isChair ? finalized == nil : c.data.seance == nil,
                       refusal: c.isChair ? refused : Localized(.boardMethodIsTheJurys)),
            KeyBinding([.character("t")], .details, .keyBoardDetails, bar: .barReadAll),
        ] + Self.seanceBindings(c) + [
            KeyBinding([.character("x")], .whatIf, .keyBoardWhatIf),
            KeyBinding([.character("r")], .reread, .keyBoardReread),
            KeyBinding([.enter], .read, .keyListRead),
            KeyBinding([.escape, .character("q")], .back, .keyBackToTheList, bar: .barBack),
        ]
    }

    /// The board's marks and columns, in the help.
    static let legend = [Localized(.boardLegendColumns), Localized(.boardLegendMarks)]

    mutating func handle(_ key: Key, in c: inout ScreenContext) -> [ConsoleEffect] {
        if case .question(let question) = mode {
            mode = .browsing
            guard ["o", "O", "y", "Y"].map(Key.character).contains(key) else {
                c.say(c.language.text(.cancelled))
                return []
            }
            switch question {
            case .propose: return change(.adoptProposal, &c)
            case .removeLaureate(let number): return change(.deselect(number, motivation: nil), &c)
            case .closeSeance: return [.seance(.act(.close))]
            }
        }
        switch mode {
        case .checklist(let view): return checklistKey(key, view, &c)
        case .motivation(let field): return typeMotivation(key, field, &c)
        case .reopening(let field): return typeReopening(key, field, &c)
        case .place(let field): return typePlace(key, field, &c)
        case let .secretary(place, field): return typeSecretary(key, place, field, &c)
        case let .vote(dossiers, field): return typeVote(key, dossiers, field, &c)
        case .presence(let list): return tickPresence(key, list, &c)
        case .browsing, .swapping, .question: break
        }
        guard let action = c.action(for: key, in: bindings(c)) else { return [] }
        let height = c.boardLayout.tableHeight, last = max(0, report.rows.count - 1)
        let row = selectedRow
        switch action {
        case .move(let motion): selected = motion.apply(to: selected, page: height - 1, last: last)
        case .method:
            let next = method.next
            if c.isChair { return change(.setMethod(next), &c) }
            method = next
            c.say(c.language.text(.ranking) + Labels.method(next, c.language))
        case .reread:
            c.say(c.language.text(.allocationReadAgain))
            return Self.loads(c)
        case .whatIf: whatIf(&c)
        case .details:
            c.openPager(title: c.language.text(.allocation3), text: details(c.language))
        case .read:
            if let number = row?.number, let position = c.data.position(of: number) { c.open(.dossier(DossierView(opening: position, c))) }
        case .back: c.close()
        case .reopen: mode = .reopening(LineEditor(""))
        case .laureate, .waitlist, .waitlistUp, .waitlistDown, .propose, .motivate, .finalize:
            return chairAction(action, row, &c)
        case .openSeance, .discuss, .endDiscussion, .presence, .closeSeance, .resort:
            return seanceAction(action, &c)
        }
        return []
    }

    /// The keys that change the allocation: the chair's alone, before the allocation is final.
    private mutating func chairAction(_ action: BoardAction, _ row: DeliberationReport.Row?, _ c: inout ScreenContext) -> [ConsoleEffect] {
        if action == .propose {
            mode = .question(.propose)
            return []
        }
        if action == .finalize {
            c.say(c.language.text(.checklist))
            return [.allocation(.loadChecklist)]
        }
        guard let row else { return [] }
        let number = row.number
        switch action {
        case .laureate:
            if allocation.laureates.contains(number) {
                if c.data.seance != nil {
                    mode = .question(.removeLaureate(number))
                    return []
                }
                return change(.deselect(number, motivation: nil), &c)
            }
            if let reason = report.analysis.motivationNeeded(toSelect: number) {
                return openMotivation(MotivationField(dossier: DossierNumber(number), purpose: .select(reason), editor: LineEditor("")))
            }
            return change(.select(number, motivation: nil), &c)
        case .waitlist:
            return change(.toggleWaitlist(number), &c)
        case .waitlistUp, .waitlistDown:
            return change(.moveInWaitlist(number, by: action == .waitlistUp ? -1 : 1), &c)
        default:   // motivate
            return openMotivation(MotivationField(dossier: DossierNumber(number), purpose: .motivate,
                                                  editor: LineEditor(report.motivation(number)?.text ?? "")))
        }
    }

    /// A key on the checklist: what it asks of the board is done here, with the board's analysis.
    private mutating func checklistKey(_ key: Key, _ view: ChecklistView, _ c: inout ScreenContext) -> [ConsoleEffect] {
        var view = view
        let outcome = view.handle(key, in: &c)
        mode = .checklist(view)
        switch outcome {
        case .none: return []
        case .close: mode = .browsing
        case .resolve(let dossier):
            mode = .browsing
            if let index = report.rows.firstIndex(where: { $0.number == dossier }) { selected = index }
        case .edit(let edit): return change(edit, &c)
        }
        return []
    }

    /// The motivation's prompt opens; a draft kept when the console quit comes back into it.
    private mutating func openMotivation(_ field: MotivationField) -> [ConsoleEffect] {
        mode = .motivation(field)
        return [.loadDraft(prompt: field.prompt)]
    }

    /// The one way the board changes the allocation: checked, shown at once, saved.
    private mutating func change(_ edit: AllocationEdit, _ c: inout ScreenContext) -> [ConsoleEffect] {
        var next = allocation
        do throws(AllocationError) {
            try next.apply(edit, analysis: report.analysis, by: c.data.viewer, at: c.now)
        } catch {
            c.fail(Labels.allocationError(error, c.language))
            return []
        }
        let expected = allocation.revision
        if case .setMethod(let method) = edit { self.method = method }
        // In séance each decision changed is recorded; the chair then says how the jury took it.
        let decided = Seances.changedDecisions(from: allocation, to: next)
        // Not over the checklist, which stays open on its own edits.
        let overChecklist = if case .checklist = mode { true } else { false }
        if c.isChair, c.data.seance != nil, !decided.isEmpty, !overChecklist { mode = .vote(dossiers: decided, LineEditor("")) }
        show(next)
        c.say(Self.describe(edit, next, c) + Self.seanceNote(edit, c))
        return [.allocation(.save(next, expectedRevision: expected, by: c.data.me))]
    }

    private static func describe(_ edit: AllocationEdit, _ allocation: AllocationState, _ c: ScreenContext) -> String {
        let l = c.language, count = "\(allocation.laureates.count)/\(c.data.campaign.funding.slots)"
        switch edit {
        case .select(let number, _): return l.text(.noLaureate, ["number": number, "value": count])
        case .deselect(let number, _): return l.text(.noRemoved, ["number": number, "value": count])
        case .toggleWaitlist(let number), .moveInWaitlist(let number, _):
            return allocation.waitlist.firstIndex(of: number).map {
                l.text(.noOnTheWaitlistPosition, ["number": number, "value": $0 + 1])
            } ?? l.text(.noTakenOffTheWaitlist, ["number": number])
        case .motivate(let number, _), .decide(let number, _, _):
            return l.text(.motivationOfNoRecorded, ["number": number])
        case .adoptProposal: return l.text(.proposalAdopted, ["value": count])
        case .setMethod(let method): return l.text(.ranking) + Labels.method(method, l)
        case .finalize: return l.text(.allocationFinalised)
        case .acknowledge(let item, _): return l.text(.itemAcknowledged) + item.text.text(l)
        case .reopen: return l.text(.allocationReopened2)
        case .setWaitlist: return l.text(.waitlistRecorded)
        }
    }

    var motivationBindings: [KeyBinding<FieldAction>] {
        KeyBinding.editing(.keyMotivationText) + [
            KeyBinding([.enter], .commit, .keyMotivationCommit, bar: .barConfirm),
            KeyBinding([.escape], .cancel, .keyCancelNothingChanges, bar: .barCancel),
        ]
    }

    /// Enter commits (the change is refused, field kept, while a required motivation is empty); Esc cancels.
    private mutating func typeMotivation(_ key: Key, _ field: MotivationField, _ c: inout ScreenContext) -> [ConsoleEffect] {
        var field = field
        switch c.action(for: key, in: motivationBindings) {
        case .cancel:
            mode = .browsing
            c.say(c.language.text(.cancelled))
            return [.keepDraft(nil, prompt: field.prompt)]
        case .commit:
            let text = field.editor.text
            let effects: [ConsoleEffect]
            switch field.purpose {
            case .select: effects = change(.select(field.dossier.value, motivation: text), &c)
            case .motivate: effects = change(.motivate(field.dossier.value, text), &c)
            }
            guard !effects.isEmpty else { return [] }
            // The decision's vote prompt, if the change opened one, stays.
            if case .motivation = mode { mode = .browsing }
            return effects + [.keepDraft(nil, prompt: field.prompt)]
        case .edit, .next, .previous, nil:
            _ = field.editor.handle(key)
            field.editor.keepCursorVisible(width: c.boardLayout.fieldWidth)
            mode = .motivation(field)
            return []
        }
    }

    /// The motivation of a reopening: Enter reopens (refused while empty), Esc gives up.
    private mutating func typeReopening(_ key: Key, _ field: LineEditor, _ c: inout ScreenContext) -> [ConsoleEffect] {
        var field = field
        switch c.action(for: key, in: motivationBindings) {
        case .cancel:
            mode = .browsing
            c.say(c.language.text(.cancelled))
        case .commit:
            let effects = change(.reopen(motivation: field.text), &c)
            if !effects.isEmpty { mode = .browsing }
            return effects
        case .edit, .next, .previous, nil:
            _ = field.handle(key)
            mode = .reopening(field)
        }
        return []
    }

    /// `t`: what the board's lines cut — the chosen dossier's figures, why it is in or out, its
    /// motivation — and every rule broken.
    private func details(_ l: Language) -> String {
        var parts: [String] = []
        if let row = selectedRow {
            parts.append(l.text(.no2) + "\(row.number) — " + row.dossier.name)
            parts.append(Self.scores(row, l))
            parts.append(Labels.explanation(row.explanation, l) + (row.tie.map { " (" + Labels.tie($0, l) + ")" } ?? ""))
            if let motivation = report.motivation(row.number) {
                parts.append(l.text(.motivation3) + motivation.text + l.text(.textText2))
            }
        }
        if !report.violations.isEmpty {
            parts.append("")
            parts.append(l.text(.rulesBroken))
            parts += report.violations.map { "✗ " + Labels.violation($0, l) }
        }
        return parts.joined(separator: "\n")
    }

    /// The dossier's scores under every method, its range and whether the method decides.
    static func scores(_ row: DeliberationReport.Row, _ l: Language) -> String {
        var scores = RankingMethod.allCases.map { method in
            Labels.methodShort(method, l) + " " + (row.masked ? "—" : Labels.total(row.scores[method], l))
                + (row.ranks[method].map { " (\($0))" } ?? "")
        }.joined(separator: " · ")
        if let stats = row.statistics, let low = stats.minimum, let high = stats.maximum {
            scores += l.text(.fromTo, ["low": l.decimal(low), "high": l.decimal(high)])
        }
        if row.dependsOnMethod { scores += l.text(.fundedOrNotDependingOnTheMethod) }
        return scores
    }

    /// `x` on a laureate marks it; `x` on another dossier says what swapping them would change.
    private mutating func whatIf(_ c: inout ScreenContext) {
        guard let row = selectedRow else { return }
        let l = c.language
        guard case .swapping(let out) = mode, out != row.number else {
            guard allocation.laureates.contains(row.number) else {
                c.fail(l.text(.xFirstOnALaureateThenOn))
                return
            }
            mode = .swapping(out: row.number)
            c.say(l.text(.noMarkedXOnTheDossierThat, ["number": row.number]))
            return
        }
        mode = .browsing
        let result = report.analysis.whatIf(allocation, remove: out, add: row.number)
        var parts = [l.text(.whatIfNoNoScoreSum, ["out": out, "number": row.number])
                     + (result.scoreChange >= 0 ? "+" : "−") + l.decimal(abs(result.scoreChange))]
        parts += result.introduced.map { l.text(.breaks) + Labels.violation($0, l) }
        if result.introduced.isEmpty { parts.append(l.text(.noNewRuleBroken)) }
        parts += result.resolved.map { l.text(.repairs) + Labels.violation($0, l) }
        c.say(parts.joined(separator: " ; "))
    }
}
