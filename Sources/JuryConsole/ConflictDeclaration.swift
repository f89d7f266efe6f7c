import JuryCore

// `c`: a member declares a conflict of interest on a dossier, with its reason. Once the store has
// recorded it, the dossier is hidden from them like any other conflict.

/// The reason being typed on the message line.
struct ConflictField: Equatable, Sendable {
    /// By number: positions change when the store changes.
    var dossier: DossierNumber
    var editor = LineEditor("")

    /// The name of its draft (see `ConsoleEnvironment.keepDraft`).
    var prompt: String { "conflict-\(dossier)" }
}

extension ConsoleState {
    mutating func askConflictReason(_ position: Int) -> [ConsoleEffect] {
        let field = ConflictField(dossier: data.dossiers[position].dossierNumber)
        conflictField = field
        return [.loadDraft(prompt: field.prompt)]
    }

    /// A draft kept when the console quit comes back into its prompt, if that prompt is still open
    /// and nothing has been typed in it yet.
    mutating func resumeDraft(_ text: String?, for prompt: String) {
        // Kept by the environment, from a file: bounded and made fit for one line like any text.
        guard let text = text.map({ Sanitizer.line(String($0.prefix(4_000))) }), !text.isEmpty else { return }
        if conflictField?.prompt == prompt, conflictField?.editor.text.isEmpty == true {
            conflictField?.editor = LineEditor(text)
            keepFieldCursorVisible()
        } else if board?.editor?.prompt == prompt {
            board?.editor?.editor = LineEditor(text)
            let c = context
            board?.keepCurrent(c)
        } else {
            return
        }
        say(language.pick("Brouillon repris", "Draft resumed"))
    }

    func conflictPrompt(_ number: DossierNumber) -> String {
        language.pick("Conflit d’intérêts sur le n° \(number), motif : ", "Conflict of interest on no. \(number), reason: ")
    }

    func conflictFieldWidth(_ number: DossierNumber) -> Int { max(1, columns - DisplayWidth.of(conflictPrompt(number)) - 1) }

    var conflictBindings: [KeyBinding<FieldAction>] {
        KeyBinding.editing("Le motif du conflit (lien avec le porteur, un membre…)", "The reason of the conflict (tie with the applicant, a member…)") + [
            KeyBinding([.enter], .commit, "Déclarer (après confirmation)", "Declare (once confirmed)", bar: ("déclarer", "declare")),
            KeyBinding([.escape], .cancel, "Renoncer : rien n’est déclaré", "Give up: nothing is declared", bar: ("renoncer", "give up")),
        ]
    }

    /// Letters are text; Enter asks for confirmation, Esc gives up.
    mutating func typeConflictReason(_ key: Key) -> [ConsoleEffect] {
        guard var field = conflictField else { return [] }
        switch action(for: key, in: conflictBindings) {
        case .cancel:
            conflictField = nil
            say(language.pick("Annulé", "Cancelled"))
            return [.keepDraft(nil, prompt: field.prompt)]
        case .commit:
            let reason = Sanitizer.line(field.editor.text)
            guard reason.contains(where: { !$0.isWhitespace }) else {
                fail(language.pick("Indiquez le motif du conflit d’intérêts", "Give the reason of the conflict of interest"))
                return []
            }
            conflictField = nil
            confirmation = .declareConflict(field.dossier, reason: reason)
            return [.keepDraft(nil, prompt: field.prompt)]
        case .edit, .next, .previous, nil:
            _ = field.editor.handle(key)
            field.editor.keepCursorVisible(width: conflictFieldWidth(field.dossier))
            conflictField = field
        }
        return []
    }

    /// Recorded: the dossier is hidden at once, as the next look at the disk would do anyway.
    mutating func conflictDeclared(_ number: DossierNumber, reason: String) -> [ConsoleEffect] {
        var jury = data.jury
        if let at = jury.members.firstIndex(where: { $0.login == data.me }), !jury.members[at].isConflicted(on: number.value) {
            jury.members[at].conflicts.append(ConflictOfInterest(dossier: number.value, reason: reason, recordedBy: data.me))
        }
        let effects = merge(StoreUpdate(jury: jury))
        say(language.pick("Conflit d’intérêts déclaré sur le n° \(number) : ce dossier ne vous est plus montré",
                          "Conflict of interest declared on no. \(number): this dossier is no longer shown to you"))
        return effects
    }
}
