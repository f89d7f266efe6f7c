import Foundation

/// How the jury sits: a campaign setting (`seance` in campaign.json; nil: the defaults).
public struct SeanceSettings: Codable, Sendable, Equatable {
    /// Members present for the jury to decide validly; nil: a majority of the jury.
    public var quorum: Int?
    /// Whether a dossier in discussion shows its sheets and the jury's figures to every member free
    /// of conflict on it, whatever the blind-review rule (nil: yes — the jury debates on the figures).
    public var liftsBlindReview: Bool?
    /// Whether a sheet submitted after its dossier's discussion began counts in the jury's figures
    /// (nil: yes — it is flagged in the séance's record and on the sheet). false: it is left out of them.
    public var lateSheetsCount: Bool?

    public init(quorum: Int? = nil, liftsBlindReview: Bool? = nil, lateSheetsCount: Bool? = nil) {
        self.quorum = quorum
        self.liftsBlindReview = liftsBlindReview
        self.lateSheetsCount = lateSheetsCount
    }
}

extension Campaign {
    public var seanceSettings: SeanceSettings { seance ?? SeanceSettings() }

    /// Members present for a valid decision: the setting, else a strict majority of the jury.
    public func quorum(of jury: Jury) -> Int { seanceSettings.quorum ?? jury.members.count / 2 + 1 }
}

/// The jury's meetings: `seances.json` at the campaign root, written by the chair only, each change
/// journaled. A séance is never deleted nor rewritten once closed: it is the record of when the
/// jury sat, who was there and in what order it discussed and decided.
public struct Seances: Codable, Sendable, Equatable {
    public var schemaVersion: Int
    /// Incremented on every save.
    public var revision: Int
    /// In the order they were opened; at most the last one is open.
    public var seances: [Seance]
    public var updatedAt: Instant?
    public var updatedBy: String?

    public init(schemaVersion: Int = currentSchemaVersion, revision: Int = 0, seances: [Seance] = [],
                updatedAt: Instant? = nil, updatedBy: String? = nil) {
        self.schemaVersion = schemaVersion
        self.revision = revision
        self.seances = seances
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }

    /// The séance in progress, if any.
    public var current: Seance? { seances.last.flatMap { $0.isOpen ? $0 : nil } }

    /// The dossier every console follows now, if a séance is open and discussing one.
    public var inDiscussion: Int? { current?.discussing }

    /// Dossiers discussed in any séance (the checklist asks about the uncertain ones that were not).
    public var discussed: Set<Int> {
        Set(seances.flatMap { $0.events.filter { $0.kind == .discussion }.compactMap(\.dossier) })
    }

    /// Records that `login` submitted their sheet on `dossier` after its discussion began in the
    /// séance in progress; false (nothing recorded) outside a séance or before that discussion.
    @discardableResult
    public mutating func recordLateSheet(of login: String, on dossier: Int, at: Instant) -> Bool {
        guard discussionBegan(on: dossier), let last = seances.indices.last else { return false }
        seances[last].events.append(SeanceEvent(at: at, kind: .lateSheet, login: login, dossier: dossier))
        return true
    }

    /// Whether `dossier` was put in discussion in the séance in progress (the discussion may have ended).
    public func discussionBegan(on dossier: Int) -> Bool {
        current?.events.contains { $0.kind == .discussion && $0.dossier == dossier } ?? false
    }
}

public struct Seance: Codable, Sendable, Equatable {
    /// 1, 2, … in the order of opening.
    public var number: Int
    public var openedAt: Instant
    public var openedBy: String
    public var place: String
    /// Logins present: proposed from the consoles connected, confirmed by the chair, then kept up to
    /// date by arrivals and departures.
    public var present: [String]
    /// Members required for valid decisions, fixed when the séance opens.
    public var quorum: Int
    /// What happened, in order.
    public var events: [SeanceEvent]
    public var closedAt: Instant?
    public var closedBy: String?
    /// The member the chair designates to keep the minutes (nil: none designated).
    public var secretary: String?

    public init(number: Int, openedAt: Instant, openedBy: String, place: String, present: [String], quorum: Int,
                events: [SeanceEvent] = [], closedAt: Instant? = nil, closedBy: String? = nil, secretary: String? = nil) {
        self.number = number
        self.openedAt = openedAt
        self.openedBy = openedBy
        self.place = place
        self.present = present
        self.quorum = quorum
        self.events = events
        self.closedAt = closedAt
        self.closedBy = closedBy
        self.secretary = secretary
    }

    public var isOpen: Bool { closedAt == nil }
    public var hasQuorum: Bool { present.count >= quorum }

    /// The dossier under discussion: the last one opened for discussion and not ended since.
    public var discussing: Int? {
        for event in events.reversed() {
            switch event.kind {
            case .discussion: return event.dossier
            case .discussionEnded: return nil
            default: continue
            }
        }
        return nil
    }
}

/// One thing that happened in a séance, timestamped.
public struct SeanceEvent: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A member joins the séance (`login`).
        case arrival = "arrivee"
        /// A member leaves it (`login`).
        case departure = "depart"
        /// The chair puts `dossier` in discussion.
        case discussion = "discussion"
        /// The discussion of `dossier` ends.
        case discussionEnded = "fin-discussion"
        /// `login`, in conflict of interest on `dossier`, is recorded as having stepped out for it.
        case steppedOut = "retrait-conflit"
        /// The chair decides `decision` on `dossier` (a change of the allocation during the séance).
        case decision = "decision"
        /// `login` submitted their sheet on `dossier` after its discussion began (« fiche soumise après la discussion »).
        case lateSheet = "fiche-tardive"
    }

    public var at: Instant
    public var kind: Kind
    public var login: String?
    public var dossier: Int?
    public var decision: Decision?
    /// For a decision: who was present when it was taken, and whether they made the quorum.
    public var present: [String]?
    public var quorate: Bool?
    /// For a decision: the members present who stepped out for a conflict of interest on the
    /// dossier (they took no part), the quorum it was held to, and how the jury decided.
    public var withdrawn: [String]?
    public var quorum: Int?
    public var mode: DecisionMode?

    public init(at: Instant, kind: Kind, login: String? = nil, dossier: Int? = nil, decision: Decision? = nil,
                present: [String]? = nil, quorate: Bool? = nil, withdrawn: [String]? = nil, quorum: Int? = nil,
                mode: DecisionMode? = nil) {
        self.at = at
        self.kind = kind
        self.login = login
        self.dossier = dossier
        self.decision = decision
        self.present = present
        self.quorate = quorate
        self.withdrawn = withdrawn
        self.quorum = quorum
        self.mode = mode
    }
}

/// How the jury took a decision: by consensus (what a decision is recorded as until the chair says
/// otherwise), or by a vote whose counts the chair enters.
public enum DecisionMode: Codable, Sendable, Equatable {
    case consensus
    case vote(for: Int, against: Int, abstention: Int)

    /// « consensus », « vote : 5 pour, 1 contre, 0 abstention ».
    public func text(_ l: Language) -> String {
        switch self {
        case .consensus: return l.text(.consensus)
        case let .vote(yes, no, abstention):
            return l.text(.decisionModeVote, ["for": yes, "against": no, "abstention": abstention])
        }
    }
}

extension Seances {
    /// Checks that JSON types cannot express: dossier numbers against dossiers.json, logins, order.
    public func problems(dossiers: Set<Int>) -> [ValidationProblem] {
        var found: [ValidationProblem] = []
        if revision < 0 { found.append(.init("revision", Localized(.theRevisionMustBePositive))) }
        for (i, seance) in seances.enumerated() {
            let path = "seances[\(i)]"
            if seance.number != i + 1 { found.append(.init("\(path).number", Localized(.seanceNumberExpected, ["number": seance.number, "expected": i + 1]))) }
            if seance.isOpen, i != seances.count - 1 { found.append(.init("\(path).closedAt", Localized(.seanceOnlyTheLastMayBeOpen))) }
            if seance.quorum < 0 { found.append(.init("\(path).quorum", Localized(.seanceQuorumMustBePositive))) }
            if let secretary = seance.secretary, !Jury.isValidLogin(secretary) {
                found.append(.init("\(path).secretary", Localized(.invalidLogin, ["login": secretary])))
            }
            for (j, login) in seance.present.enumerated() where !Jury.isValidLogin(login) {
                found.append(.init("\(path).present[\(j)]", Localized(.invalidLogin, ["login": login])))
            }
            for (j, event) in seance.events.enumerated() {
                if let dossier = event.dossier, !dossiers.contains(dossier) {
                    found.append(.init("\(path).events[\(j)].dossier", Localized(.unknownDossierNoNotInDossiersJson, ["dossier": dossier])))
                }
                if let login = event.login, !Jury.isValidLogin(login) {
                    found.append(.init("\(path).events[\(j)].login", Localized(.invalidLogin, ["login": login])))
                }
                for login in (event.present ?? []) + (event.withdrawn ?? []) where !Jury.isValidLogin(login) {
                    found.append(.init("\(path).events[\(j)]", Localized(.invalidLogin, ["login": login])))
                }
                if case let .vote(yes, no, abstention)? = event.mode, min(yes, no, abstention) < 0 {
                    found.append(.init("\(path).events[\(j)].mode", Localized(.seanceVoteCountsMustBePositive)))
                }
            }
        }
        return found
    }

    public func sanitized() -> Seances {
        var copy = self
        copy.updatedBy = updatedBy.map(Sanitizer.line)
        copy.seances = seances.map {
            var seance = $0
            seance.place = Sanitizer.line(seance.place)
            seance.openedBy = Sanitizer.line(seance.openedBy)
            seance.closedBy = seance.closedBy.map(Sanitizer.line)
            seance.secretary = seance.secretary.map(Sanitizer.line)
            return seance
        }
        return copy
    }
}

extension Seances {
    /// The séances a finalisation froze, with the closing of the one it froze open, as `live`
    /// recorded it since: the minutes made from the snapshot say when that séance ended rather than
    /// « en cours » (closing is the one séance act allowed after finalising; it decides nothing).
    public func closed(as live: Seances) -> Seances {
        var copy = self
        for index in copy.seances.indices where copy.seances[index].closedAt == nil {
            let frozen = copy.seances[index]
            guard let later = live.seances.first(where: { $0.number == frozen.number && $0.openedAt == frozen.openedAt }),
                  let closedAt = later.closedAt else { continue }
            copy.seances[index].closedAt = closedAt
            copy.seances[index].closedBy = later.closedBy
        }
        return copy
    }
}
