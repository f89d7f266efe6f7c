import JuryCore

extension ConsoleState {
    /// Takes what changed on disk without disturbing what the person is doing: the same dossier
    /// stays selected on the same screen row, screens, scroll, text fields and message stay.
    /// My own sheet in memory wins over the disk only while a change of it is not known to be saved
    /// (otherwise the disk holds the newer version: my other session, or `ptce-jury score`).
    mutating func merge(_ update: MemberUpdate) -> [ConsoleEffect] {
        let me = data.me, before = data.jury
        let taken = update.sheets.filter { $0.reviewer != me || !unsaved.contains($0.dossierNumber) }
            .map { (reviewer: $0.reviewer, dossier: $0.dossier, sheet: Optional($0)) }
        let gone = update.removedSheets.flatMap { login, numbers in
            numbers.filter { login != me || !unsaved.contains(DossierNumber($0)) }.map { (reviewer: login, dossier: $0, sheet: ScoreSheet?.none) }
        }
        if update.campaign == nil && update.jury == nil && update.dossiers == nil {
            for change in taken + gone { data.replace(reviewer: change.reviewer, dossier: change.dossier, with: change.sheet) }
        } else {
            var everyone = data.everyone
            for change in taken + gone { everyone[change.reviewer, default: [:]][change.dossier] = change.sheet }
            rebuild(ConsoleData(campaign: update.campaign ?? data.campaign, jury: update.jury ?? data.jury,
                                dossiers: update.dossiers ?? data.allDossiers, me: me, sheets: everyone[me] ?? [:],
                                others: everyone, assignments: data.assignments, language: language, seance: data.seance,
                                finalized: data.finalized))
        }
        if update.allocationChanged { data.finalized = update.finalized }
        if let jury = update.jury, data.finalized != nil, data.viewer.role == .chair {
            noteConflictsAfterFinalisation(from: before, to: jury)
        }
        if let assignments = update.assignments { data.replace(assignments) }
        if update.seanceChanged { seanceChanged(to: update.seance) }
        if let notice = update.notices.last { say(notice.text(language)) }
        if let first = update.problems.first {
            let more = update.problems.count > 1 ? language.text(.andMore, ["problemsCount": update.problems.count - 1]) : ""
            fail(language.text(.fileNotTakenItsLastValidVersion) + first.text(language) + more)
        }
        // The progress screen counts drafts a console does not hold: the store counts again.
        let progressMoved = progress != nil && (!update.sheets.isEmpty || !update.removedSheets.isEmpty || update.assignments != nil
                                                || update.jury != nil)
        // In séance the board shows the jury's figures: whatever moves them (a sheet I may not see
        // included, which the server says with `figuresChanged`) has them read again.
        let figuresMoved = data.seance != nil && (update.figuresChanged || update.allocationChanged || update.seanceChanged
                                                  || !taken.isEmpty || !gone.isEmpty || update.jury != nil || update.dossiers != nil)
        return (update.allocationChanged && board != nil ? [.allocation(.load)] : []) + (figuresMoved && board != nil ? [.allocation(.loadFigures)] : [])
            + (progressMoved ? [.loadProgress] : [])
    }

    /// A conflict of interest declared after the finalisation is accepted (it is a fact): the chair is
    /// told at once, and `allocate --check` lists it (FinalisationChecklist).
    private mutating func noteConflictsAfterFinalisation(from old: Jury, to new: Jury) {
        let added = FinalisationChecklist.conflicts(since: old, in: new)
        guard !added.isEmpty else { return }
        let l = language, list = added.map { l.text(.lateConflictItem, ["dossier": $0.conflict.dossier, "login": $0.login]) }.joined(separator: ", ")
        say(l.text(.conflictOfInterestDeclaredAfterTheFinalisation, ["list": list]))
    }

    /// A new campaign, jury or list of dossiers changes every position: whatever holds one is carried
    /// over by dossier number. A dossier that is gone (removed, or now in conflict) closes its screens.
    private mutating func rebuild(_ new: ConsoleData) {
        let old = data
        func number(_ position: Int?) -> Int? { position.map { old.dossiers[$0].number } }
        let shown = number(dossier?.position), scored = number(sheet?.position)
        data = new
        list = list.carried(from: old, to: new)
        if let shown {
            if let position = new.position(of: shown) {
                dossier?.moved(to: position)
            } else {
                dossier = nil
                left(shown)
            }
        }
        if let scored {
            if let position = new.position(of: scored) {
                sheet?.moved(to: position, from: old.campaign.criteria, to: new.campaign.criteria)
            } else {
                sheet = nil
                left(scored)
            }
        }
        switch confirmation {
        case .submit(let position)?: confirmation = number(position).flatMap(new.position).map(Confirmation.submit)
        case .reopen(let position)?: confirmation = number(position).flatMap(new.position).map(Confirmation.reopen)
        default: break
        }
        // A sheet on a dossier I may no longer score cannot be saved: trying again would fail forever.
        unsaved = unsaved.filter { new.position(of: $0.value) != nil }
    }

    /// Why the dossier whose screen was open is no longer there.
    private mutating func left(_ number: Int) {
        if data.viewer.isConflicted(on: number) {
            say(language.text(.conflictOfInterestRecordedOnNoThis, ["number": number]))
        } else {
            say(language.text(.dossierNoWasRemovedFromTheCampaign, ["number": number]))
        }
    }

    /// After every event: the open dossier follows the sheets.
    mutating func keepDossierCurrent() -> [ConsoleEffect] {
        guard screen == .dossier, var view = dossier else { return [] }
        let effects = view.keepCurrent(context)
        dossier = view
        return effects
    }

    mutating func showHistory(_ history: [String: [ScoreSheet]], of number: DossierNumber) {
        let c = context
        dossier?.show(history, of: number, c)
    }
}

extension DossierDocument {
    /// The line of this document that shows what `line` showed in `old`: the same section, as far
    /// from its heading (cut to the section's length).
    func line(showing line: Int, of old: DossierDocument) -> Int {
        guard let top = old.headings.last(where: { $0.line <= line }),
              let index = headings.firstIndex(where: { $0.title == top.title }) else {
            return min(line, max(0, lines.count - 1))
        }
        let end = index + 1 < headings.count ? headings[index + 1].line - 1 : lines.count - 1
        return min(headings[index].line + line - top.line, end)
    }
}
