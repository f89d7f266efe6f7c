import JuryCore

// The jury's séance in the console: the chair drives it from the board, every console shows its
// banner and follows the dossier in discussion; a member in conflict on it is told only that.

/// What the chair asks of the outside world about the séance.
public enum SeanceRequest: Equatable, Sendable {
    /// Who is connected, to propose them as present in a séance opening at `place` (with the
    /// secretary the chair designated, if any).
    case propose(place: String, secretary: String?)
    /// Who is connected now, to record the arrival of those not yet present.
    case proposeArrivals
    case act(SeanceAction)
}

/// What became of a request.
public enum SeanceOutcome: Equatable, Sendable {
    case proposed(place: String, present: [String], secretary: String?)
    case connected([String])
    /// The séance as it now is for me, after the chair's action.
    case changed(SeanceAction, SeanceView?)
    case failed(Localized)
}

extension ConsoleEnvironment {
    /// Carries out a request of the chair's; the loop dispatches the outcome back.
    func perform(_ request: SeanceRequest) -> SeanceOutcome {
        do {
            switch request {
            case let .propose(place, secretary): return .proposed(place: place, present: try connectedMembers(), secretary: secretary)
            case .proposeArrivals: return .connected(try connectedMembers())
            case .act(let action): return .changed(action, try act(on: action))
            }
        } catch {
            return .failed((error as? SeanceRefusal)?.message ?? Localized(fr: String(describing: error), en: String(describing: error)))
        }
    }
}

extension ConsoleState {
    /// The séance opened, closed or moved to another dossier: when a dossier I may see comes into
    /// discussion, my console opens it (unless I am typing: then it says so, `D` opens it).
    mutating func seanceChanged(to new: SeanceView?) {
        let before = data.seance
        data.setSeance(new)
        guard let number = new?.discussing, number != before?.discussing, data.position(of: number) != nil else { return }
        if isTyping {
            say(language.pick("Dossier n° \(number) en discussion : D pour le suivre", "Dossier no. \(number) in discussion: D to follow it"))
        } else {
            followDiscussion()
        }
    }

    /// Opens the dossier in discussion, when there is one I may see (`D`, or when it comes into discussion).
    mutating func followDiscussion() {
        guard let number = data.seance?.discussing, let position = data.position(of: number) else { return }
        showDiscussed(position)
    }

    /// A member (not the chair, who leads the séance) in conflict on the dossier in discussion: their
    /// console shows only a neutral screen until the discussion ends, then what they left, as they left it.
    var steppedOut: Bool { data.seance?.discussingConflicted == true && data.viewer.role != .chair }

    /// While stepped out only quitting and redrawing act; `D` and every other key say why they do nothing.
    mutating func pressWhileSteppedOut(_ key: Key) -> [ConsoleEffect] {
        switch globalBindings.action(for: key) {
        case .quit?: return quitKeepingDrafts()
        case .repaint?: return [.repaint]
        default:
            let l = language
            fail(key == .character("D")
                 ? l.pick("D ne fait rien : vous êtes en conflit d’intérêts sur le dossier en discussion, il ne vous est pas montré",
                          "D does nothing: you have a conflict of interest on the dossier in discussion, it is not shown to you")
                 : l.pick("Vous êtes sorti(e) de la séance pour ce dossier : vous retrouverez votre écran à la fin de sa discussion",
                          "You have stepped out of the session for this dossier: your screen comes back when its discussion ends"))
            return []
        }
    }

    /// The neutral screen of a member stepped out (`steppedOut`): nothing of the dossier, nor of what is behind.
    func drawSteppedOut(_ p: Painter) {
        let l = language
        p.bar(row: 0, left: l.pick("Séance", "Session"), right: "", style: [.reverse, .bold])
        let lines = [l.pick("Vous êtes sorti(e) de la séance pour ce dossier", "You have stepped out of the session for this dossier"),
                     l.pick("Vous êtes en conflit d’intérêts sur le dossier en discussion : rien ne vous en est montré.",
                            "You have a conflict of interest on the dossier in discussion: nothing of it is shown to you."),
                     l.pick("Votre écran revient tel que vous l’avez laissé à la fin de sa discussion.",
                            "Your screen comes back as you left it when its discussion ends.")]
        // Each sentence centred, wrapped on a narrow terminal, a blank line between them.
        let wrapped = lines.enumerated().map { (index: $0.offset, lines: DisplayWidth.wrap($0.element, width: max(1, p.columns - 4))) }
        var row = max(2, (p.rows - 2 - wrapped.map { $0.lines.count + 1 }.reduce(0, +)) / 2)
        for sentence in wrapped {
            for line in sentence.lines {
                let width = DisplayWidth.of(line)
                p.text(line, row: row, column: max(2, (p.columns - width) / 2), width: p.columns - 4, style: sentence.index == 0 ? .bold : [])
                row += 1
            }
            row += 1
        }
    }

    /// Whether the dossier shown is the one in discussion.
    var followsDiscussion: Bool {
        guard screen == .dossier, let position = dossier?.position else { return false }
        return data.dossiers[position].number == data.seance?.discussing
    }

    mutating func received(_ outcome: SeanceOutcome) -> [ConsoleEffect] {
        let l = language
        switch outcome {
        case let .proposed(place, present, secretary):
            // The chair is there, whoever else is.
            let present = present.contains(data.me) ? present : [data.me] + present
            board?.mode = .question(.openSeance(place: place, present: present, secretary: secretary))
        case .connected(let connected):
            let arriving = connected.filter { !(data.seance?.present.contains($0) ?? true) }
            if arriving.isEmpty {
                say(l.pick("Aucun membre connecté qui ne soit déjà présent", "No member connected who is not present already"))
            } else {
                board?.mode = .question(.arrivals(arriving))
            }
        case let .changed(action, seance):
            seanceChanged(to: seance)
            switch action {
            case .open: say(seance.map { $0.banner(l) { _ in nil } } ?? "")
            case .discuss(let number): say(l.pick("Dossier n° \(number) en discussion", "Dossier no. \(number) in discussion"))
            case .endDiscussion: say(l.pick("Fin de la discussion", "Discussion ended"))
            case .arrive(let login): say(l.pick("\(login) présent", "\(login) present"))
            case .leave(let login): say(l.pick("\(login) parti", "\(login) left"))
            case let .mode(dossiers, mode):
                say(l.pick("Décision enregistrée (\(mode.text(l))) : ", "Decision recorded (\(mode.text(l))): ")
                    + dossiers.map { l.pick("n° \($0)", "no. \($0)") }.joined(separator: ", "))
            case .close: say(l.pick("Séance close", "Session closed"))
            }
        case .failed(let reason):
            fail(l.pick("Séance : ", "Session: ") + reason.text(l))
        }
        return []
    }

    /// The banner shown on every screen while a séance is open, on the message line when no
    /// message needs it.
    var seanceBanner: String? {
        data.seance.map { $0.banner(language, name: data.name(ofDossier:)) }
    }
}

extension BoardView {
    /// The chair's keys for the séance (see `bindings`).
    static func seanceBindings(_ c: ScreenContext) -> [KeyBinding<BoardAction>] {
        let open = c.data.seance != nil
        let refusal = c.isChair ? c.language.pick("Aucune séance ouverte : s pour en ouvrir une", "No session open: s to open one")
                                : c.language.pick("Seule la présidence conduit la séance", "Only the chair runs the session")
        func chair(_ key: Character, _ action: BoardAction, _ fr: String, _ en: String, bar: (String, String)? = nil,
                   when applies: Bool) -> KeyBinding<BoardAction> {
            KeyBinding([.character(key)], action, "Présidence : " + fr, "Chair: " + en, bar: bar, when: c.isChair && applies,
                       refusal: (refusal, refusal))
        }
        return [
            chair("s", .openSeance, "Ouvrir la séance : son lieu, son secrétaire, puis les présents (les membres connectés, à confirmer)",
                  "Open the session: its place, its secretary, then those present (the members connected, to confirm)", bar: ("séance", "session"),
                  when: !open),
            chair("e", .discuss, "Séance : mettre le dossier choisi en discussion (toutes les consoles le suivent)",
                  "Session: put the chosen dossier in discussion (every console follows it)", bar: ("discuter", "discuss"), when: open),
            chair("E", .endDiscussion, "Séance : fin de la discussion", "Session: end the discussion", when: open),
            chair("A", .arrivals, "Séance : noter l’arrivée des membres connectés depuis (confirmation)",
                  "Session: record the arrival of the members connected since (confirmation)", when: open),
            chair("S", .closeSeance, "Clore la séance (confirmation)", "Close the session (confirmation)", when: open),
        ]
    }

    mutating func seanceAction(_ action: BoardAction, _ c: inout ScreenContext) -> [ConsoleEffect] {
        switch action {
        case .openSeance:
            mode = .place(LineEditor(""))
            return []
        case .discuss:
            guard let number = selectedRow?.number else { return [] }
            return [.seance(.act(.discuss(number)))]
        case .endDiscussion:
            return [.seance(.act(.endDiscussion))]
        case .arrivals:
            return [.seance(.proposeArrivals)]
        default:   // closeSeance
            mode = .question(.closeSeance)
            return []
        }
    }

    var placeBindings: [KeyBinding<FieldAction>] {
        KeyBinding.editing("Le lieu de la séance", "The session’s place") + [
            KeyBinding([.enter], .commit, "Valider : le secrétaire de séance est demandé", "Confirm: the session’s secretary is asked",
                       bar: ("valider", "confirm")),
            KeyBinding([.escape], .cancel, "Annuler : pas de séance", "Cancel: no session", bar: ("annuler", "cancel")),
        ]
    }

    var secretaryBindings: [KeyBinding<FieldAction>] {
        KeyBinding.editing("L’identifiant du membre qui tient le procès-verbal", "The login of the member who keeps the minutes") + [
            KeyBinding([.enter], .commit, "Valider (vide : aucun secrétaire) : les présents sont proposés",
                       "Confirm (empty: no secretary): those present are proposed", bar: ("valider", "confirm")),
            KeyBinding([.escape], .cancel, "Annuler : pas de séance", "Cancel: no session", bar: ("annuler", "cancel")),
        ]
    }

    /// The secretary being typed: a member of the jury, or none; Enter asks who is connected.
    mutating func typeSecretary(_ key: Key, _ place: String, _ field: LineEditor, _ c: inout ScreenContext) -> [ConsoleEffect] {
        var field = field
        switch c.action(for: key, in: secretaryBindings) {
        case .cancel:
            mode = .browsing
            c.say(c.language.pick("Annulé", "Cancelled"))
        case .commit:
            let login = field.text.trimmingCharacters(in: .whitespaces)
            guard login.isEmpty || c.data.jury.member(login) != nil else {
                c.fail(c.language.pick("« \(login) » n’est pas membre du jury", "“\(login)” is not a jury member"))
                return []
            }
            mode = .browsing
            return [.seance(.propose(place: place, secretary: login.isEmpty ? nil : login))]
        case .edit, .next, .previous, nil:
            _ = field.handle(key)
            field.keepCursorVisible(width: c.boardLayout.fieldWidth)
            mode = .secretary(place: place, field)
        }
        return []
    }

    /// The place being typed: Enter asks for the secretary, then who is connected (the chair confirms), Esc cancels.
    mutating func typePlace(_ key: Key, _ field: LineEditor, _ c: inout ScreenContext) -> [ConsoleEffect] {
        var field = field
        switch c.action(for: key, in: placeBindings) {
        case .cancel:
            mode = .browsing
            c.say(c.language.pick("Annulé", "Cancelled"))
        case .commit:
            let place = field.text.trimmingCharacters(in: .whitespaces)
            guard !place.isEmpty else {
                c.fail(c.language.pick("Le lieu de la séance est requis", "The session’s place is required"))
                return []
            }
            mode = .secretary(place: place, LineEditor(""))
        case .edit, .next, .previous, nil:
            _ = field.handle(key)
            field.keepCursorVisible(width: c.boardLayout.fieldWidth)
            mode = .place(field)
        }
        return []
    }

    var voteBindings: [KeyBinding<FieldAction>] {
        KeyBinding.editing("Le vote : pour, contre, abstentions (ex. 5,1,0)", "The vote: for, against, abstentions (e.g. 5,1,0)") + [
            KeyBinding([.enter], .commit, "Valider : vide, la décision reste prise par consensus ; sinon le vote est enregistré",
                       "Confirm: empty, the decision stays taken by consensus; else the vote is recorded", bar: ("valider", "confirm")),
            KeyBinding([.escape], .cancel, "Consensus : la décision reste enregistrée comme telle", "Consensus: the decision stays recorded as such",
                       bar: ("consensus", "consensus")),
        ]
    }

    /// The mode of the decision just taken in séance: Enter on an empty field or Esc keep the
    /// consensus it was recorded with; « P,C,A » records a vote (the séance checks the count).
    mutating func typeVote(_ key: Key, _ dossiers: [Int], _ field: LineEditor, _ c: inout ScreenContext) -> [ConsoleEffect] {
        var field = field
        let l = c.language
        switch c.action(for: key, in: voteBindings) {
        case .cancel:
            mode = .browsing
            c.say(l.pick("Décision prise par consensus", "Decision taken by consensus"))
        case .commit:
            let text = field.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else {
                mode = .browsing
                c.say(l.pick("Décision prise par consensus", "Decision taken by consensus"))
                return []
            }
            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            let counts = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 3, counts.count == 3, counts.allSatisfy({ $0 >= 0 }) else {
                c.fail(l.pick("Trois nombres séparés par des virgules : pour, contre, abstentions (ex. 5,1,0)",
                              "Three numbers separated by commas: for, against, abstentions (e.g. 5,1,0)"))
                return []
            }
            mode = .browsing
            return [.seance(.act(.mode(dossiers: dossiers, .vote(for: counts[0], against: counts[1], abstention: counts[2]))))]
        case .edit, .next, .previous, nil:
            _ = field.handle(key)
            field.keepCursorVisible(width: c.boardLayout.fieldWidth)
            mode = .vote(dossiers: dossiers, field)
        }
        return []
    }

    /// A decision taken in a séance below its quorum is recorded as such: the chair is told so.
    static func seanceNote(_ edit: AllocationEdit, _ c: ScreenContext) -> String {
        guard let seance = c.data.seance, !seance.hasQuorum else { return "" }
        switch edit {
        case .setMethod, .motivate: return ""
        default: return c.language.pick(" — quorum non atteint : décision notée comme telle", " — quorum not reached: decision recorded as such")
        }
    }

    /// The question of a séance on the board's detail lines.
    static func seanceQuestion(_ question: BoardQuestion, _ c: ScreenContext) -> String? {
        let l = c.language
        switch question {
        case let .openSeance(place, present, secretary):
            let quorum = c.data.campaign.quorum(of: c.data.jury)
            let below = present.count < quorum ? l.pick(" — quorum non atteint", " — quorum not reached") : ""
            let kept = secretary.map { l.pick(", secrétaire : \($0)", ", secretary: \($0)") } ?? ""
            return l.pick("Ouvrir la séance à \(place), présents : \(present.joined(separator: ", ")) (\(present.count), quorum \(quorum))\(below)\(kept) ? (o/n)",
                          "Open the session at \(place), present: \(present.joined(separator: ", ")) (\(present.count), quorum \(quorum))\(below)\(kept)? (y/n)")
        case .arrivals(let logins):
            return l.pick("Noter l’arrivée de \(logins.joined(separator: ", ")) ? (o/n)", "Record the arrival of \(logins.joined(separator: ", "))? (y/n)")
        case .closeSeance:
            return l.pick("Clore la séance ? (o/n)", "Close the session? (y/n)")
        case .propose:
            return nil
        }
    }
}
