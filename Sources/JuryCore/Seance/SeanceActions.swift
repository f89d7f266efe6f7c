import Foundation

/// What the chair does to the séance: from the console, the command line or the jury server.
public enum SeanceAction: Codable, Sendable, Equatable {
    /// Opens a séance at `place` with the members confirmed present and, if the chair designates
    /// one, the member who keeps the minutes.
    case open(place: String, present: [String], secretary: String? = nil)
    /// Puts a dossier in discussion: every connected console follows it.
    case discuss(Int)
    case endDiscussion
    /// A member joins the séance in progress, or leaves it: the quorum follows.
    case arrive(String)
    case leave(String)
    /// How the jury took its last decision on each of `dossiers` in this séance (each is recorded
    /// as a consensus until the chair enters a vote).
    case mode(dossiers: [Int], DecisionMode)
    case close
}

/// Why a change of the séance is refused, in both languages.
public struct SeanceRefusal: Error, Sendable, Equatable {
    public let message: Localized

    init(_ key: TextKey, _ arguments: [String: Any] = [:]) { message = Localized(key, arguments) }
}

public enum SeanceLimits {
    /// A place is a line: a room, a town, « visioconférence ».
    public static let placeCharacters = 200
}

extension Seances {
    /// Applies the chair's action at `at`. `jury`: with every member's conflicts (a discussion
    /// records who in conflict on the dossier steps out); `dossiers`: the campaign's numbers.
    public mutating func apply(_ action: SeanceAction, by login: String, at: Instant, jury: Jury, quorum: Int,
                               dossiers: Set<Int>) throws(SeanceRefusal) {
        switch action {
        case let .open(place, present, secretary):
            if let open = current {
                throw SeanceRefusal(.seanceStillOpenCloseItFirst, ["number": open.number])
            }
            let place = Sanitizer.line(place).trimmingCharacters(in: .whitespaces)
            guard !place.isEmpty, place.count <= SeanceLimits.placeCharacters else {
                throw SeanceRefusal(.seancePlaceRequired, ["maximum": SeanceLimits.placeCharacters])
            }
            var logins: [String] = [], seen = Set<String>()
            for member in present where seen.insert(member).inserted {
                guard jury.member(member) != nil else {
                    throw SeanceRefusal(.isNotAJuryMember, ["login": Sanitizer.line(member)])
                }
                logins.append(member)
            }
            if let secretary, jury.member(secretary) == nil {
                throw SeanceRefusal(.seanceSecretaryNotAJuryMember, ["login": Sanitizer.line(secretary)])
            }
            seances.append(Seance(number: seances.count + 1, openedAt: at, openedBy: login, place: place, present: logins,
                                  quorum: quorum, events: logins.map { SeanceEvent(at: at, kind: .arrival, login: $0) },
                                  secretary: secretary))
        case .discuss(let dossier):
            var seance = try open()
            guard dossiers.contains(dossier) else {
                throw SeanceRefusal(.unknownDossierNo, ["dossier": dossier])
            }
            if let previous = seance.discussing, previous != dossier {
                seance.events.append(SeanceEvent(at: at, kind: .discussionEnded, dossier: previous))
            }
            guard seance.discussing != dossier else { return }
            seance.events.append(SeanceEvent(at: at, kind: .discussion, dossier: dossier))
            // Those in conflict do not take part: the record says they stepped out for it.
            for member in seance.present where jury.member(member)?.isConflicted(on: dossier) == true {
                seance.events.append(SeanceEvent(at: at, kind: .steppedOut, login: member, dossier: dossier))
            }
            seances[seances.count - 1] = seance
        case .endDiscussion:
            var seance = try open()
            guard let dossier = seance.discussing else {
                throw SeanceRefusal(.seanceNoDossierInDiscussion)
            }
            seance.events.append(SeanceEvent(at: at, kind: .discussionEnded, dossier: dossier))
            seances[seances.count - 1] = seance
        case .arrive(let login):
            var seance = try open()
            guard let member = jury.member(login) else {
                throw SeanceRefusal(.isNotAJuryMember, ["login": Sanitizer.line(login)])
            }
            guard !seance.present.contains(login) else {
                throw SeanceRefusal(.seanceMemberAlreadyPresent, ["login": login])
            }
            seance.present.append(login)
            seance.events.append(SeanceEvent(at: at, kind: .arrival, login: login))
            if let dossier = seance.discussing, member.isConflicted(on: dossier) {
                seance.events.append(SeanceEvent(at: at, kind: .steppedOut, login: login, dossier: dossier))
            }
            seances[seances.count - 1] = seance
        case .leave(let login):
            var seance = try open()
            guard seance.present.contains(login) else {
                throw SeanceRefusal(.seanceMemberNotPresent, ["login": Sanitizer.line(login)])
            }
            seance.present.removeAll { $0 == login }
            seance.events.append(SeanceEvent(at: at, kind: .departure, login: login))
            seances[seances.count - 1] = seance
        case let .mode(dossiers, mode):
            var seance = try open()
            for dossier in dossiers {
                guard let index = seance.events.lastIndex(where: { $0.kind == .decision && $0.dossier == dossier }) else {
                    throw SeanceRefusal(.seanceNoDecisionOnDossier, ["dossier": dossier])
                }
                if case let .vote(yes, no, abstention) = mode {
                    // Those who stepped out for a conflict do not vote.
                    let voters = seance.events[index].present?.count ?? seance.present.count
                    // Each count bounded first: a hostile count near Int.max must not overflow the sum.
                    let (partial, first) = yes.addingReportingOverflow(no), (total, second) = partial.addingReportingOverflow(abstention)
                    let overflows = first || second
                    guard min(yes, no, abstention) >= 0, !overflows, total <= voters else {
                        let cast = overflows ? "\(yes) + \(no) + \(abstention)" : "\(total)"
                        throw SeanceRefusal(.seanceVoteExceedsVoters, ["dossier": dossier, "cast": cast, "voters": voters])
                    }
                }
                seance.events[index].mode = mode
            }
            seances[seances.count - 1] = seance
        case .close:
            var seance = try open()
            if let dossier = seance.discussing { seance.events.append(SeanceEvent(at: at, kind: .discussionEnded, dossier: dossier)) }
            seance.closedAt = at
            seance.closedBy = login
            seances[seances.count - 1] = seance
        }
    }

    private func open() throws(SeanceRefusal) -> Seance {
        guard let seance = current else {
            throw SeanceRefusal(.seanceNoneOpen)
        }
        return seance
    }

    /// The dossiers whose decision differs between two allocations, in number order.
    public static func changedDecisions(from before: AllocationState?, to after: AllocationState) -> [Int] {
        Set(after.laureates + after.waitlist + (before.map { $0.laureates + $0.waitlist } ?? [])).sorted().filter {
            before?.decision($0) ?? .notSelected != after.decision($0)
        }
    }

    /// Records, in the séance in progress, each dossier whose decision differs between two
    /// allocations, with who took part: the members present but those in conflict on it. Nothing
    /// outside a séance. Returns whether anything was recorded.
    @discardableResult
    public mutating func recordDecisions(from before: AllocationState?, to after: AllocationState, jury: Jury, at: Instant) -> Bool {
        guard var seance = current else { return false }
        var recorded = false
        for dossier in Self.changedDecisions(from: before, to: after) {
            let decision = after.decision(dossier)
            let withdrawn = seance.present.filter { jury.member($0)?.isConflicted(on: dossier) == true }
            let present = seance.present.filter { !withdrawn.contains($0) }
            // One record per dossier, even when one act (adopting the proposal) decides many.
            seance.events.append(SeanceEvent(at: at, kind: .decision, dossier: dossier, decision: decision, present: present,
                                             quorate: present.count >= seance.quorum, withdrawn: withdrawn, quorum: seance.quorum,
                                             mode: .consensus))
            recorded = true
        }
        seances[seances.count - 1] = seance
        return recorded
    }
}

/// The séance in progress as one member may know it: what the jury server pushes to their
/// console. A member in conflict on the dossier in discussion learns that one is, never which.
public struct SeanceView: Codable, Sendable, Equatable {
    public var number: Int
    public var place: String
    public var present: [String]
    public var quorum: Int
    /// The dossier in discussion; nil when none is, or when the member is in conflict on it.
    public var discussing: Int?
    /// A dossier the member is in conflict on is in discussion.
    public var discussingConflicted: Bool
    /// For the chair, through the jury server: members counted present whose console is not
    /// connected (gone, or never there), so that no one is counted present without the chair knowing.
    public var unconnected: [String]?

    public init(number: Int, place: String, present: [String], quorum: Int, discussing: Int? = nil, discussingConflicted: Bool = false,
                unconnected: [String]? = nil) {
        self.number = number
        self.place = place
        self.present = present
        self.quorum = quorum
        self.discussing = discussing
        self.discussingConflicted = discussingConflicted
        self.unconnected = unconnected
    }

    public var hasQuorum: Bool { present.count >= quorum }

    /// The séance open in `seances` as `member` may know it; nil when none is open. `connected`: the
    /// members whose consoles are attached, when known (the jury server), which the chair is told of.
    public static func of(_ seances: Seances, for member: JuryMember, connected: Set<String>? = nil) -> SeanceView? {
        guard let seance = seances.current else { return nil }
        let dossier = seance.discussing
        let conflicted = dossier.map(member.isConflicted) ?? false
        let unconnected = member.role == .chair ? connected.map { connected in seance.present.filter { !connected.contains($0) } } : nil
        return SeanceView(number: seance.number, place: seance.place, present: seance.present, quorum: seance.quorum,
                          discussing: conflicted ? nil : dossier, discussingConflicted: conflicted, unconnected: unconnected)
    }

    /// The banner every console shows while the séance is open:
    /// « Séance n° 1 — Paris — 4 présents, quorum 4 — En discussion : n° 1003 Pôle… ».
    /// `name`: the dossier's name, as the console knows it.
    public func banner(_ l: Language, name: (Int) -> String?) -> String {
        var parts = [l.text(.sessionNo, ["number": number]), place,
                     l.text(.seanceBannerPresent, ["present": present.count, "quorum": quorum])]
        if !hasQuorum { parts.append(l.text(.quorumNotReached2)) }
        if let unconnected, !unconnected.isEmpty {
            parts.append(l.text(.noConsole) + unconnected.joined(separator: ", ") + l.text(.aDeparture))
        }
        if discussingConflicted {
            parts.append(Self.conflictNotice(l))
        } else if let discussing {
            parts.append(l.text(.inDiscussionNo, ["discussing": discussing]) + (name(discussing).map { " " + $0 } ?? ""))
        }
        return parts.joined(separator: " — ")
    }

    /// All a member in conflict on the dossier in discussion is told of it.
    public static func conflictNotice(_ l: Language) -> String {
        l.text(.dossierInDiscussionYouHaveAConflict)
    }
}

extension Seances {
    /// The record as one member may read it: the chair reads it whole; a member reads nothing about
    /// a dossier they are in conflict on, and nothing that says who else is in conflict on what
    /// (others stepping out, a decision's attendance and withdrawals), nor others' late sheets.
    public func disclosed(to disclosure: Disclosure) -> Seances {
        guard disclosure.viewer.role != .chair else { return self }
        let me = disclosure.viewer.login
        var copy = self
        copy.seances = seances.map { seance in
            var seance = seance
            seance.events = seance.events.compactMap { event in
                if let dossier = event.dossier, !disclosure.mayLearnAnything(about: dossier) { return nil }
                // Who else stepped out, or submitted late, says where they are in conflict or what they scored.
                if [.steppedOut, .lateSheet].contains(event.kind) && event.login != me { return nil }
                var event = event
                event.present = nil
                event.withdrawn = nil
                return event
            }
            return seance
        }
        return copy
    }
}
