import JuryCore

// The allocation board: the ranking under a method, the funding line, the laureates and the
// waitlist. The chair changes the allocation here; everyone else reads it. Everything shown is
// computed from what the viewer may know (`DeliberationReport`, through Disclosure).

struct BoardView: Sendable {
    var report: DeliberationReport
    /// What the report was computed from: when any of it changes, it is computed again.
    var builtFor: BoardInputs
    /// The ranking shown: the allocation's for the chair, the reviewer's own choice otherwise.
    var method: RankingMethod
    /// As last read or saved (the chair's changes show at once, before the save returns).
    var allocation: AllocationState
    var loaded = false
    /// Index in `report.rows`.
    var selected = 0
    /// First line of the table shown (the funding line takes a line of its own).
    var scroll = 0
    var editor: MotivationField?
    var question: BoardQuestion?
    /// The laureate marked with `x`, to be compared with a replacement.
    var swapOut: Int?

    var selectedRow: DeliberationReport.Row? { report.rows.indices.contains(selected) ? report.rows[selected] : nil }
}

struct BoardInputs: Equatable, Sendable {
    var sheetsVersion: Int
    var campaign: Campaign
    var jury: Jury
    var dossiers: Int
    var method: RankingMethod
    var drawSeed: Int
}

/// The motivation being typed, and what it is for.
struct MotivationField: Equatable, Sendable {
    enum Purpose: Equatable, Sendable {
        /// Selecting a dossier that needs one.
        case select(AllocationAnalysis.MotivationReason)
        /// Recording or changing the motivation of the dossier's current decision.
        case motivate
    }

    var dossier: Int
    var purpose: Purpose
    var editor: LineEditor
}

enum BoardQuestion: Equatable, Sendable {
    case propose, finalize
}

extension ConsoleState {
    var isChair: Bool { data.viewer.role == .chair }

    private func boardInputs(method: RankingMethod, drawSeed: Int) -> BoardInputs {
        BoardInputs(sheetsVersion: data.sheetsVersion, campaign: data.campaign, jury: data.jury, dossiers: data.allDossiers.count,
                    method: method, drawSeed: drawSeed)
    }

    private func boardReport(method: RankingMethod, allocation: AllocationState) -> DeliberationReport {
        let deliberation = Deliberation(campaign: data.campaign, jury: data.jury, dossiers: data.allDossiers, sheets: data.everyone,
                                        viewer: data.viewer, drawSeed: allocation.drawSeed, verdicts: data.verdicts)
        // Fewer resamples on a large campaign keep the board quick to open; `ptce-jury ranking
        // --resamples` gives more. 1 000 up to 500 dossiers, 100 for 5 000.
        let resamples = min(Bootstrap.defaultResamples, max(100, 500_000 / max(1, data.allDossiers.count)))
        return DeliberationReport(deliberation, jury: data.jury, viewer: data.viewer, allocation: allocation, method: method,
                                  resamples: resamples)
    }

    /// `a` from the list: the board, at once from what is in memory; the allocation is read from disk.
    mutating func openBoard() -> [ConsoleEffect] {
        let allocation = AllocationState.initial(for: data.campaign)
        board = BoardView(report: boardReport(method: allocation.method, allocation: allocation),
                          builtFor: boardInputs(method: allocation.method, drawSeed: allocation.drawSeed),
                          method: allocation.method, allocation: allocation)
        return [.allocation(.load)]
    }

    /// After every event: scores, jury or campaign changed on disk, another method, another
    /// allocation — the board follows, on the same dossier.
    mutating func keepBoardCurrent() {
        guard var view = board else { return }
        let inputs = boardInputs(method: view.method, drawSeed: view.allocation.drawSeed)
        if inputs != view.builtFor {
            let number = view.selectedRow?.number
            view.report = boardReport(method: view.method, allocation: view.allocation)
            view.builtFor = inputs
            view.selected = number.flatMap { n in view.report.rows.firstIndex { $0.number == n } } ?? min(view.selected, max(0, view.report.rows.count - 1))
        }
        let layout = BoardLayout(rows: rows, columns: columns)
        let line = BoardLines(view.report).line(ofRow: view.selected)
        if line < view.scroll { view.scroll = line }
        if line >= view.scroll + layout.tableHeight { view.scroll = line - layout.tableHeight + 1 }
        view.scroll = max(0, min(view.scroll, BoardLines(view.report).count - layout.tableHeight))
        view.editor?.editor.keepCursorVisible(width: layout.fieldWidth)
        board = view
    }

    mutating func received(_ outcome: AllocationOutcome) -> [ConsoleEffect] {
        guard var view = board else { return [] }
        switch outcome {
        case .loaded(let allocation):
            // The chair's board follows the allocation's method; a reviewer keeps the one they chose.
            if !view.loaded || isChair { view.method = allocation.method }
            view.loaded = true
            show(allocation, in: &view)
        case .saved(let allocation):
            show(allocation, in: &view)
            board = view
            say(language.pick("Attribution enregistrée (révision \(allocation.revision))", "Allocation saved (revision \(allocation.revision))"))
            return []
        case .loadFailed(let reason):
            fail(language.pick("Lecture de l’attribution impossible : ", "Cannot read the allocation: ") + reason)
        case .saveFailed(let reason):
            board = view
            fail(language.pick("Attribution non enregistrée : ", "Allocation not saved: ") + reason)
            return [.allocation(.load)]
        }
        board = view
        return []
    }

    private func show(_ allocation: AllocationState, in view: inout BoardView) {
        view.allocation = allocation
        if allocation.drawSeed == view.builtFor.drawSeed && view.method == view.builtFor.method {
            view.report = view.report.with(allocation: allocation)
        }   // otherwise `keepBoardCurrent` computes everything again
    }

    // MARK: Keys

    mutating func pressOnBoard(_ key: Key) -> [ConsoleEffect] {
        guard var view = board else { return [] }
        if let question = view.question {
            view.question = nil
            board = view
            guard ["o", "O", "y", "Y"].map(Key.character).contains(key) else {
                say(language.pick("Annulé", "Cancelled"))
                return []
            }
            return change(question == .propose ? .adoptProposal : .finalize)
        }
        if view.editor != nil { return typeMotivation(key) }
        let height = BoardLayout(rows: rows, columns: columns).tableHeight, last = max(0, view.report.rows.count - 1)
        let row = view.selectedRow
        switch key {
        case .character("j"), .down: view.selected = min(last, view.selected + 1)
        case .character("k"), .up: view.selected = max(0, view.selected - 1)
        case .character("g"), .home: view.selected = 0
        case .character("G"), .end: view.selected = last
        case .pageDown: view.selected = min(last, view.selected + max(1, height - 1))
        case .pageUp: view.selected = max(0, view.selected - max(1, height - 1))
        case .character("m"):
            let next = view.method.next
            if isChair {
                guard !view.allocation.isFinalized else { board = view; return refuseFinalized() }
                board = view
                return change(.setMethod(next))
            }
            view.method = next
            say(language.pick("Classement : ", "Ranking: ") + Labels.method(next, language))
        case .character("r"):
            board = view
            say(language.pick("Attribution relue", "Allocation read again"))
            return [.allocation(.load)]
        case .character("x"):
            board = view
            whatIf()
            return []
        case .enter:
            if let number = row?.number, let position = data.position(of: number) { openDossier(position) }
        case .escape, .character("q"):
            board = nil
            return []
        default:
            board = view
            return chairAction(key, row)
        }
        board = view
        return []
    }

    /// The keys that change the allocation: the chair's alone.
    private mutating func chairAction(_ key: Key, _ row: DeliberationReport.Row?) -> [ConsoleEffect] {
        let actions: [Key] = [" ", "w", "+", "-", "K", "J", "d", "p", "F"].map(Key.character)
        guard actions.contains(key) else { return [] }
        guard isChair else {
            fail(language.pick("Lecture seule : seule la présidence modifie l’attribution", "Read-only: only the chair changes the allocation"))
            return []
        }
        guard let view = board, !view.allocation.isFinalized else { return refuseFinalized() }
        if key == .character("p") {
            board?.question = .propose
            return []
        }
        if key == .character("F") {
            let violations = view.report.violations
            guard violations.isEmpty else {
                fail(Labels.allocationError(.cannotFinalize(violations), language))
                return []
            }
            board?.question = .finalize
            return []
        }
        guard let row else { return [] }
        let number = row.number
        switch key {
        case .character(" "):
            if view.allocation.laureates.contains(number) { return change(.deselect(number, motivation: nil)) }
            if let reason = view.report.analysis.motivationNeeded(toSelect: number) {
                board?.editor = MotivationField(dossier: number, purpose: .select(reason), editor: LineEditor(""))
                return []
            }
            return change(.select(number, motivation: nil))
        case .character("w"):
            return change(.toggleWaitlist(number))
        case .character("+"), .character("K"), .character("-"), .character("J"):
            let up = key == .character("+") || key == .character("K")
            return change(.moveInWaitlist(number, by: up ? -1 : 1))
        default:   // d
            board?.editor = MotivationField(dossier: number, purpose: .motivate, editor: LineEditor(view.report.motivation(number)?.text ?? ""))
            return []
        }
    }

    private mutating func refuseFinalized() -> [ConsoleEffect] {
        if let finalized = board?.allocation.finalized { fail(Labels.allocationError(.finalized(finalized), language)) }
        return []
    }

    /// The one way the board changes the allocation: checked, shown at once, saved.
    private mutating func change(_ edit: AllocationEdit) -> [ConsoleEffect] {
        guard var view = board else { return [] }
        var next = view.allocation
        do throws(AllocationError) {
            try next.apply(edit, analysis: view.report.analysis, by: data.viewer, at: now)
        } catch {
            fail(Labels.allocationError(error, language))
            return []
        }
        let expected = view.allocation.revision
        if case .setMethod(let method) = edit { view.method = method }
        show(next, in: &view)
        board = view
        say(describe(edit, next))
        return [.allocation(.save(next, expectedRevision: expected, by: data.me))]
    }

    private func describe(_ edit: AllocationEdit, _ allocation: AllocationState) -> String {
        let l = language, count = "\(allocation.laureates.count)/\(data.campaign.funding.slots)"
        switch edit {
        case .select(let number, _): return l.pick("n° \(number) lauréat (\(count))", "no. \(number) laureate (\(count))")
        case .deselect(let number, _): return l.pick("n° \(number) retiré (\(count))", "no. \(number) removed (\(count))")
        case .toggleWaitlist(let number), .moveInWaitlist(let number, _):
            return allocation.waitlist.firstIndex(of: number).map {
                l.pick("n° \(number) en liste complémentaire, position \($0 + 1)", "no. \(number) on the waitlist, position \($0 + 1)")
            } ?? l.pick("n° \(number) retiré de la liste complémentaire", "no. \(number) taken off the waitlist")
        case .motivate(let number, _), .decide(let number, _, _):
            return l.pick("Motivation du n° \(number) enregistrée", "Motivation of no. \(number) recorded")
        case .adoptProposal: return l.pick("Proposition adoptée (\(count))", "Proposal adopted (\(count))")
        case .setMethod(let method): return l.pick("Classement : ", "Ranking: ") + Labels.method(method, l)
        case .finalize: return l.pick("Attribution finalisée", "Allocation finalised")
        case .setWaitlist: return l.pick("Liste complémentaire enregistrée", "Waitlist recorded")
        }
    }

    /// Enter commits (the change is refused, field kept, while a required motivation is empty); Esc cancels.
    private mutating func typeMotivation(_ key: Key) -> [ConsoleEffect] {
        guard var field = board?.editor else { return [] }
        switch key {
        case .escape:
            board?.editor = nil
            say(language.pick("Annulé", "Cancelled"))
            return []
        case .enter:
            let text = field.editor.text
            let effects: [ConsoleEffect]
            switch field.purpose {
            case .select: effects = change(.select(field.dossier, motivation: text))
            case .motivate: effects = change(.motivate(field.dossier, text))
            }
            if !effects.isEmpty { board?.editor = nil }
            return effects
        default:
            _ = field.editor.handle(key)
            field.editor.keepCursorVisible(width: BoardLayout(rows: rows, columns: columns).fieldWidth)
            board?.editor = field
            return []
        }
    }

    /// `x` on a laureate marks it; `x` on another dossier says what swapping them would change.
    private mutating func whatIf() {
        guard let view = board, let row = view.selectedRow else { return }
        let l = language
        guard let out = view.swapOut, out != row.number else {
            guard view.allocation.laureates.contains(row.number) else {
                fail(l.pick("x : d’abord sur un lauréat, puis sur son remplaçant", "x: first on a laureate, then on its replacement"))
                return
            }
            board?.swapOut = row.number
            say(l.pick("n° \(row.number) marqué : x sur le dossier qui le remplacerait", "no. \(row.number) marked: x on the dossier that would replace it"))
            return
        }
        board?.swapOut = nil
        let result = view.report.analysis.whatIf(view.allocation, remove: out, add: row.number)
        var parts = [l.pick("Et si n° \(out) → n° \(row.number) : somme des notes ", "What if no. \(out) → no. \(row.number): score sum ")
                     + (result.scoreChange >= 0 ? "+" : "−") + l.decimal(abs(result.scoreChange))]
        parts += result.introduced.map { l.pick("enfreint : ", "breaks: ") + Labels.violation($0, l) }
        if result.introduced.isEmpty { parts.append(l.pick("aucune nouvelle règle enfreinte", "no new rule broken")) }
        parts += result.resolved.map { l.pick("répare : ", "repairs: ") + Labels.violation($0, l) }
        say(parts.joined(separator: " ; "))
    }
}
