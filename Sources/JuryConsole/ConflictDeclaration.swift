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

    func question(_ l: Language) -> String {
        l.text(.conflictOfInterestOnNoReason, ["dossier": dossier])
    }

    func width(_ c: ScreenContext) -> Int { max(1, c.columns - DisplayWidth.of(question(c.language)) - 1) }

    static let bindings: [KeyBinding<FieldAction>] =
        KeyBinding.editing(.keyConflictText) + [
            KeyBinding([.enter], .commit, .keyConflictCommit, bar: .barDeclare),
            KeyBinding([.escape], .cancel, .keyConflictCancel, bar: .barGiveUp),
        ]

    /// Letters are text; Enter asks for confirmation, Esc gives up.
    mutating func handle(_ key: Key, in c: inout ScreenContext) -> [ConsoleEffect] {
        switch c.action(for: key, in: Self.bindings) {
        case .cancel:
            c.close()
            c.say(c.language.text(.cancelled))
            return [.keepDraft(nil, prompt: prompt)]
        case .commit:
            let reason = Sanitizer.line(editor.text)
            guard reason.contains(where: { !$0.isWhitespace }) else {
                c.fail(c.language.text(.giveTheReasonOfTheConflictOf))
                return []
            }
            c.close()
            c.ask(.declareConflict(dossier, reason: reason))
            return [.keepDraft(nil, prompt: prompt)]
        case .edit, .next, .previous, nil:
            _ = editor.handle(key)
            editor.keepCursorVisible(width: width(c))
        }
        return []
    }
}

extension ConsoleState {
    /// A draft kept when the console quit comes back into its prompt, if that prompt is still open
    /// and nothing has been typed in it yet.
    mutating func resumeDraft(_ text: String?, for prompt: String) {
        // Kept by the environment, from a file: bounded and made fit for one line like any text.
        guard let text = text.map({ Sanitizer.line(String($0.prefix(4_000))) }), !text.isEmpty else { return }
        if conflictField?.prompt == prompt, conflictField?.editor.text.isEmpty == true {
            conflictField?.editor = LineEditor(text)
            keepFieldCursorVisible()
        } else if var field = board?.motivation, field.prompt == prompt {
            field.editor = LineEditor(text)
            board?.mode = .motivation(field)
            let c = context
            board?.keepCurrent(c)
        } else {
            return
        }
        say(language.text(.draftResumed))
    }

    /// Recorded: the dossier is hidden at once, as the next look at the disk would do anyway.
    mutating func conflictDeclared(_ number: DossierNumber, reason: String) -> [ConsoleEffect] {
        var jury = data.jury
        if let at = jury.members.firstIndex(where: { $0.login == data.me }), !jury.members[at].isConflicted(on: number.value) {
            jury.members[at].conflicts.append(ConflictOfInterest(dossier: number.value, reason: reason, recordedBy: data.me))
        }
        let effects = merge(MemberUpdate(jury: jury))
        say(language.text(.conflictOfInterestDeclaredOnNoThis, ["number": number]))
        return effects
    }
}
