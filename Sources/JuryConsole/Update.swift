import JuryCore

/// The console's only way to change: pure, it returns what the loop must do (save, run the editor…).
public func update(_ state: inout ConsoleState, _ event: ConsoleEvent) -> [ConsoleEffect] {
    let effects = state.handle(event)
    // Whatever changed (sort, filter, search, a score), the list's order follows.
    state.list.refresh(state.data)
    state.list.keepSelectionVisible(height: Layout.tableHeight(rows: state.rows))
    if var board = state.board {
        board.keepCurrent(state.context)
        state.board = board
    }
    let tableHeight = Layout.tableHeight(rows: state.rows)
    state.progress?.keepSelectionVisible(height: tableHeight)
    let more = state.keepDossierCurrent()
    // A message belongs to the screen the event left on.
    let screen = state.screen
    if state.message?.screen == nil { state.message?.screen = screen }
    return effects + more
}

extension ConsoleState {
    /// Ticks between two attempts to save sheets whose save failed (5 s).
    static let retryInterval = 20

    mutating func handle(_ event: ConsoleEvent) -> [ConsoleEffect] {
        switch event {
        case .key(let key):
            return press(key)
        case let .resize(rows, columns):
            self.rows = max(0, rows)
            self.columns = max(0, columns)
            relayout()
            return []
        case .tick:
            if var current = message, current.kind == .information {
                current.age += 1
                message = current.age >= Message.lifetime ? nil : current
            }
            // A finalised allocation refuses every sheet: trying again would only be refused again.
            guard !unsaved.isEmpty, data.finalized == nil else { return [] }
            retryCountdown -= 1
            guard retryCountdown <= 0 else { return [] }
            retryCountdown = Self.retryInterval
            return unsaved.sorted().compactMap { data.sheets[$0.value].map(ConsoleEffect.save) }
        case .saved(let number):
            unsaved.remove(number)
            // A fresh information from the change itself (« Fiche soumise ») says more than « Enregistré »,
            // and a refusal must stay read; a failed save this one makes good is replaced.
            let keep: Bool
            switch message?.kind {
            case .information?: keep = message?.age == 0
            case .refusal?: keep = true
            case .failure?: keep = !unsaved.isEmpty
            case nil: keep = false
            }
            if !keep { say(language.text(.saved)) }
            return []
        case let .saveFailed(number, reason):
            unsaved.insert(number)
            if let finalized = data.finalized {
                report(language.text(.noNotSaved, ["number": number]) + Labels.finalisedSheet(finalized, language))
                return []
            }
            retryCountdown = Self.retryInterval
            report(language.text(.couldNotSaveNoRetryingIn5, ["number": number, "reason": reason]))
            return []
        case let .edited(field, text):
            return finishExternalEdit(field, text: text)
        case .storeChanged(let changes):
            return merge(changes)
        case let .historyLoaded(number, history):
            showHistory(history, of: number)
            return []
        case let .rapporteursReplaced(number, failure):
            if let failure {
                report(language.text(.rapporteursOfNoNotSaved, ["number": number]) + failure)
            } else {
                say(language.text(.rapporteursOfNoSaved, ["number": number]))
            }
            return []
        case .progressLoaded(let rows):
            progress?.rows = rows
            progress?.loaded = true
            return []
        case .progressFailed(let reason):
            progress?.loaded = true
            report(language.text(.cannotReadTheProgress) + reason)
            return []
        case let .conflictDeclared(number, reason):
            return conflictDeclared(number, reason: reason)
        case .allocation(let outcome):
            guard board != nil else { return [] }
            return within(\.board!) { $0.received(outcome, &$1) }
        case let .draftLoaded(prompt, text):
            resumeDraft(text, for: prompt)
            return []
        case .seance(let outcome):
            return received(outcome)
        case let .conflictFailed(number, reason):
            report(language.text(.conflictOfInterestOnNoNotRecorded, ["number": number, "reason": reason]))
            return []
        }
    }

    private mutating func press(_ key: Key) -> [ConsoleEffect] {
        if message?.kind == .refusal { message = nil }   // read: the next key puts it away
        if steppedOut { return pressWhileSteppedOut(key) }
        let global = globalBindings.action(for: key)
        switch global {
        case .quit?:
            return quitKeepingDrafts()
        case .repaint?: return [.repaint]
        case .followDiscussion?:
            followDiscussion()
            return []
        case .help?, nil: break
        }
        if let question = confirmation {
            confirmation = nil
            return answer(question, yes: ["o", "O", "y", "Y"].map(Key.character).contains(key))   // oui / yes
        }
        if pager != nil {
            let lines = pagerLines(width: max(1, columns - 4)).lines.count
            return within(\.pager!) { $0.handle(key, lines: lines, in: &$1) }
        }
        if global == .help {
            pager = Pager(content: .help)
            return []
        }
        if conflictField != nil { return within(\.conflictField!) { $0.handle(key, in: &$1) } }
        return within(\.top) { $0.handle(key, in: &$1) }
    }

    /// Ctrl-C: a comment being written is already saved at every key; a conflict's reason or a
    /// motivation being typed is kept as a draft, which comes back when its prompt opens again.
    mutating func quitKeepingDrafts() -> [ConsoleEffect] {
        let prompts = [conflictField.map { ($0.prompt, $0.editor.text) }, board?.motivation.map { ($0.prompt, $0.editor.text) }]
        return prompts.compactMap { $0 }.filter { $0.1.contains { !$0.isWhitespace } }
            .map { ConsoleEffect.keepDraft($0.1, prompt: $0.0) } + [.quit]
    }

    private mutating func answer(_ question: Confirmation, yes: Bool) -> [ConsoleEffect] {
        guard yes else {
            say(language.text(.cancelled))
            return []
        }
        switch question {
        case .quit: return [.quit]
        case .submit(let position):
            var c = context
            let effects = c.submit(position)
            // `u` never goes back past a submission.
            if effects != nil, sheet?.position == position { sheet?.undo = [] }
            apply(c)
            return effects ?? []
        case .reopen(let position):
            var c = context
            let effects = c.reopen(position)
            apply(c)
            return effects
        case let .declareConflict(number, reason): return [.declareConflict(dossier: number, reason: reason)]
        }
    }

    /// A new size: the open dossier is laid out again and the text field keeps its cursor in view.
    private mutating func relayout() {
        if var view = dossier {
            view.relayout(context)
            dossier = view
        }
        keepFieldCursorVisible()
    }

    /// Both text fields scroll so that their cursor stays inside them, whatever the width.
    mutating func keepFieldCursorVisible() {
        let searchWidth = context.searchFieldWidth, sheetWidth = context.sheetLayout.fieldWidth
        list.field?.keepCursorVisible(width: searchWidth)
        sheet?.editor?.keepCursorVisible(width: sheetWidth)
        if let conflictWidth = conflictField?.width(context) {
            conflictField?.editor.keepCursorVisible(width: conflictWidth)
        }
    }

    /// What a screen sees of the console (see `ScreenContext`).
    var context: ScreenContext { ScreenContext(self) }
}
