import JuryCore

// The jury's séance in the console: the chair drives it from the board, every console shows its
// banner and follows the dossier in discussion; a member in conflict on it is told only that.

/// What the chair asks of the outside world about the séance.
public enum SeanceRequest: Equatable, Sendable {
    /// Who is connected, to tick them present in a séance opening at `place` (with the
    /// secretary the chair designated, if any).
    case propose(place: String, secretary: String?)
    /// Who is connected now, to tick the arrivals and untick the departures.
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
        // A console gone is not a departure: the chair is told, and records one if it is (`A`).
        let gone = (new?.unconnected ?? []).filter { login in
            before?.present.contains(login) == true && before?.unconnected.map { !$0.contains(login) } == true
        }
        if !gone.isEmpty {
            say(language.text(.seanceDisconnectedNotice, ["names": gone.joined(separator: ", "), "count": gone.count]))
        }
        guard let number = new?.discussing, number != before?.discussing, data.position(of: number) != nil else { return }
        if isTyping {
            say(language.text(.dossierNoInDiscussionDToFollow, ["number": number]))
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
                 ? l.text(.dDoesNothingYouHaveAConflict)
                 : l.text(.steppedOutNotice))
            return []
        }
    }

    /// The neutral screen of a member stepped out (`steppedOut`): nothing of the dossier, nor of what is behind.
    func drawSteppedOut(_ p: Painter) {
        let l = language
        p.bar(row: 0, left: l.text(.session), right: "", style: [.reverse, .bold])
        let lines = [l.text(.steppedOutTitle),
                     l.text(.youHaveAConflictOfInterestOn2),
                     l.text(.yourScreenComesBackAsYouLeft)]
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
        case let .proposed(place, connected, secretary):
            // Those connected are ticked, and the chair, who is there; the chair ticks and unticks the others.
            let list = PresenceList(.opening(place: place, secretary: secretary), jury: data.jury,
                                    ticked: Set(connected + [data.me]), connected: Set(connected + [data.me]), present: [])
            board?.mode = .presence(list)
        case .connected(let connected):
            guard let seance = data.seance else { return [] }
            // Those present stay ticked; those connected since are ticked as arriving.
            let list = PresenceList(.update, jury: data.jury, ticked: Set(seance.present + connected), connected: Set(connected),
                                    present: seance.present)
            board?.mode = .presence(list)
        case let .changed(action, seance):
            seanceChanged(to: seance)
            switch action {
            case .open: say(seance.map { $0.banner(l) { _ in nil } } ?? "")
            case .discuss(let number): say(l.text(.dossierNoInDiscussion, ["number": number]))
            case .endDiscussion: say(l.text(.discussionEnded))
            case .arrive(let login): say(l.text(.present2, ["login": login]))
            case .leave(let login): say(l.text(.left, ["login": login]))
            case let .mode(dossiers, mode):
                say(l.text(.decisionRecorded, ["l": mode.text(l)])
                    + dossiers.map { l.text(.no7, ["value": $0]) }.joined(separator: ", "))
            case .close: say(l.text(.sessionClosed))
            }
        case .failed(let reason):
            fail(l.text(.session2) + reason.text(l))
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
        let refusal = Localized(c.isChair ? .noSessionOpenSToOpenOne : .onlyTheChairRunsTheSession)
        func chair(_ key: Character, _ action: BoardAction, _ help: TextKey, bar: TextKey? = nil, when applies: Bool) -> KeyBinding<BoardAction> {
            KeyBinding([.character(key)], action, help, bar: bar, when: c.isChair && applies, refusal: refusal)
        }
        return [
            chair("s", .openSeance, .keySeanceOpen, bar: .barSession, when: !open),
            chair("e", .discuss, .keySeanceDiscuss, bar: .barDiscuss, when: open),
            chair("E", .endDiscussion, .keySeanceEndDiscussion, when: open),
            chair("A", .presence, .keySeancePresence, when: open),
            chair("S", .closeSeance, .keySeanceClose, when: open),
            KeyBinding([.character("o")], .resort, .keySeanceResort, bar: .barResort, when: open,
                       refusal: Localized(.seanceResortOutsideSession)),
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
        case .presence:
            return [.seance(.proposeArrivals)]
        case .resort:
            arrange(c, resort: true)
            c.say(c.language.text(.tableSortedAgainTheJurysRanksIn))
            return []
        default:   // closeSeance
            mode = .question(.closeSeance)
            return []
        }
    }

    var placeBindings: [KeyBinding<FieldAction>] {
        KeyBinding.editing(.keyPlaceText) + [
            KeyBinding([.enter], .commit, .keyPlaceCommit, bar: .barConfirm),
            KeyBinding([.escape], .cancel, .keySeanceOpeningCancel, bar: .barCancel),
        ]
    }

    var secretaryBindings: [KeyBinding<FieldAction>] {
        KeyBinding.editing(.keySecretaryText) + [
            KeyBinding([.enter], .commit, .keySecretaryCommit, bar: .barConfirm),
            KeyBinding([.escape], .cancel, .keySeanceOpeningCancel, bar: .barCancel),
        ]
    }

    /// The secretary being typed: a member of the jury, or none; Enter asks who is connected.
    mutating func typeSecretary(_ key: Key, _ place: String, _ field: LineEditor, _ c: inout ScreenContext) -> [ConsoleEffect] {
        var field = field
        switch c.action(for: key, in: secretaryBindings) {
        case .cancel:
            mode = .browsing
            c.say(c.language.text(.cancelled))
        case .commit:
            let login = field.text.trimmingCharacters(in: .whitespaces)
            guard login.isEmpty || c.data.jury.member(login) != nil else {
                c.fail(c.language.text(.isNotAJuryMember, ["login": login]))
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
            c.say(c.language.text(.cancelled))
        case .commit:
            let place = field.text.trimmingCharacters(in: .whitespaces)
            guard !place.isEmpty else {
                c.fail(c.language.text(.theSessionsPlaceIsRequired))
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
        KeyBinding.editing(.keyVoteText) + [
            KeyBinding([.enter], .commit, .keyVoteCommit, bar: .barConfirm),
            KeyBinding([.escape], .cancel, .keyVoteCancel, bar: .barConsensus),
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
            c.say(l.text(.decisionTakenByConsensus))
        case .commit:
            let text = field.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else {
                mode = .browsing
                c.say(l.text(.decisionTakenByConsensus))
                return []
            }
            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            let counts = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 3, counts.count == 3, counts.allSatisfy({ $0 >= 0 }) else {
                c.fail(l.text(.threeNumbersSeparatedByCommasForAgainst))
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
        default: return c.language.text(.quorumNotReachedDecisionRecordedAsSuch)
        }
    }

    /// The question of a séance on the board's detail lines.
    static func seanceQuestion(_ question: BoardQuestion, _ c: ScreenContext) -> String? {
        let l = c.language
        switch question {
        case .removeLaureate(let number):
            return l.text(.removeNoFromTheLaureatesInSession, ["number": number])
        case .closeSeance:
            return l.text(.closeTheSessionYN)
        case .propose:
            return nil
        }
    }
}

/// The chair's list of the jury's members, each ticked present or not: at the opening (those
/// connected ticked), then during the séance (`A`: those present ticked, those connected since
/// ticked as arriving; unticking one present records their departure).
struct PresenceList: Equatable, Sendable {
    enum Purpose: Equatable, Sendable {
        case opening(place: String, secretary: String?)
        case update
    }

    enum Action: Equatable, Sendable {
        case move(Motion), toggle, confirm, cancel
    }

    let purpose: Purpose
    /// The jury's logins and names, in the jury's order.
    let members: [(login: String, name: String)]
    var ticked: Set<String>
    let connected: Set<String>
    /// Present before the list opened (none at the opening).
    let present: [String]
    var selected = 0
    var scroll = 0

    init(_ purpose: Purpose, jury: Jury, ticked: Set<String>, connected: Set<String>, present: [String]) {
        self.purpose = purpose
        members = jury.members.map { ($0.login, $0.name) }
        self.ticked = ticked.filter { jury.member($0) != nil }
        self.connected = connected
        self.present = present
    }

    static func == (a: PresenceList, b: PresenceList) -> Bool {
        a.purpose == b.purpose && a.members.map(\.login) == b.members.map(\.login) && a.ticked == b.ticked
            && a.connected == b.connected && a.present == b.present && a.selected == b.selected && a.scroll == b.scroll
    }

    /// The ticked members, in the jury's order.
    var chosen: [String] { members.map(\.login).filter(ticked.contains) }
    var arrivals: [String] { chosen.filter { !present.contains($0) } }
    var departures: [String] { present.filter { !ticked.contains($0) } }

    mutating func keepVisible(height: Int) {
        scroll = Motion.scroll(scroll, keeping: selected, height: max(1, height - 1), count: members.count)
    }
}

extension BoardView {
    var presenceBindings: [KeyBinding<PresenceList.Action>] {
        Motion.bindings(.rows, PresenceList.Action.move) + [
            KeyBinding([.character(" "), .character("x")], .toggle, .keyPresenceToggle, bar: .barTick),
            KeyBinding([.enter], .confirm, .keyPresenceCommit, bar: .barConfirm),
            KeyBinding([.escape, .character("q")], .cancel, .keyCancelNothingChanges, bar: .barCancel),
        ]
    }

    /// A key on the presence list: move, tick, or confirm what it says.
    mutating func tickPresence(_ key: Key, _ list: PresenceList, _ c: inout ScreenContext) -> [ConsoleEffect] {
        var list = list
        let l = c.language
        switch c.action(for: key, in: presenceBindings) {
        case .move(let motion):
            list.selected = motion.apply(to: list.selected, page: c.boardLayout.tableHeight - 1, last: list.members.count - 1)
        case .toggle:
            guard list.members.indices.contains(list.selected) else { break }
            let login = list.members[list.selected].login
            if list.ticked.remove(login) == nil { list.ticked.insert(login) }
        case .cancel:
            mode = .browsing
            c.say(l.text(.cancelled))
            return []
        case .confirm:
            mode = .browsing
            switch list.purpose {
            case let .opening(place, secretary):
                return [.seance(.act(.open(place: place, present: list.chosen, secretary: secretary)))]
            case .update:
                let effects = list.arrivals.map { ConsoleEffect.seance(.act(.arrive($0))) } + list.departures.map { .seance(.act(.leave($0))) }
                if effects.isEmpty { c.say(l.text(.thosePresentUnchanged)) }
                return effects
            }
        case nil:
            return []
        }
        mode = .presence(list)
        return []
    }

    /// The list in the table's place: a tick, the login and name, connected or not, and in séance
    /// what confirming would record.
    func drawPresence(_ list: PresenceList, _ p: Painter, _ layout: BoardLayout, _ c: ScreenContext) {
        let l = c.language, quorum = c.data.seance?.quorum ?? c.data.campaign.quorum(of: c.data.jury)
        let count = list.ticked.count
        var tally = l.text(.presenceTicked, ["ticked": count]) + l.text(.quorum2, ["quorum": quorum])
        if count < quorum { tally += l.text(.quorumNotReached) }
        let title: String
        switch list.purpose {
        case let .opening(place, secretary):
            title = l.text(.openingTheSessionAt, ["place": place])
                + (secretary.map { l.text(.secretary2, ["value": $0]) } ?? "")
        case .update:
            title = l.text(.membersPresentArrivalsAndDepartures)
        }
        p.text(title, row: 3, column: 1, width: layout.tableWidth - 2, style: [.bold, .underline])
        p.text(tally, row: BoardLayout.tableTop, column: 1, width: layout.tableWidth - 2, style: count < quorum ? [.bold, .warning] : .bold)
        for offset in 0..<max(0, layout.tableHeight - 1) {
            let index = list.scroll + offset
            guard list.members.indices.contains(index) else { break }
            let member = list.members[index], ticked = list.ticked.contains(member.login)
            var notes = [list.connected.contains(member.login) ? l.text(.presenceConnected) : l.text(.presenceNotConnected)]
            if list.purpose == .update {
                let was = list.present.contains(member.login)
                if was && ticked { notes.append(l.text(.presenceUnchanged)) }
                if !was && ticked { notes.append(l.text(.arrivalRecorded)) }
                if was && !ticked { notes.append(l.text(.departureRecorded)) }
            }
            let line = TextLine(spans: [Span(ticked ? "[✓] " : "[ ] ", .bold), Span(member.login + " ", .bold),
                                        Span(member.name), Span(" — " + notes.joined(separator: ", "), .dim)])
            p.row(line, row: BoardLayout.tableTop + 1 + offset, column: 1, width: layout.tableWidth - 2, selected: index == list.selected)
        }
    }
}
