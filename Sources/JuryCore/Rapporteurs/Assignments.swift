import Foundation

/// How the rapporteurs are chosen: a campaign setting (`rapporteurs` in campaign.json).
public struct RapporteurSettings: Codable, Sendable, Equatable {
    public static let defaultPerDossier = 2

    /// Rapporteurs per dossier (k).
    public var perDossier: Int
    /// No member on a dossier of their own region (`JuryMember.region`), whenever the jury allows.
    public var notOwnRegion: Bool?
    /// Each member's dossiers spread over as many regions as possible.
    public var spreadRegions: Bool?

    public init(perDossier: Int = RapporteurSettings.defaultPerDossier, notOwnRegion: Bool? = nil, spreadRegions: Bool? = nil) {
        self.perDossier = perDossier
        self.notOwnRegion = notOwnRegion
        self.spreadRegions = spreadRegions
    }
}

extension Campaign {
    /// The campaign's setting, or the default: two rapporteurs per dossier, no regional rule.
    public var rapporteurSettings: RapporteurSettings { rapporteurs ?? RapporteurSettings() }
}

/// Who reports on which dossier: `assignments.json` at the campaign root, changed by the chair.
/// The rapporteurs' sheets are the ones a dossier expects; other members may still score it.
public struct Assignments: Codable, Sendable, Equatable {
    public var schemaVersion: Int
    /// Incremented on every save.
    public var revision: Int
    /// By dossier number; a dossier without rapporteurs is absent.
    public var dossiers: [AssignedDossier]
    public var updatedAt: Instant?
    public var updatedBy: String?

    public init(schemaVersion: Int = currentSchemaVersion, revision: Int = 0, dossiers: [AssignedDossier] = [],
                updatedAt: Instant? = nil, updatedBy: String? = nil) {
        self.schemaVersion = schemaVersion
        self.revision = revision
        self.dossiers = dossiers
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }

    /// Dossier number → its rapporteurs' logins.
    public var byDossier: [Int: [String]] {
        Dictionary(dossiers.map { ($0.dossier, $0.rapporteurs) }) { first, _ in first }
    }

    public func rapporteurs(of dossier: Int) -> [String] { dossiers.first { $0.dossier == dossier }?.rapporteurs ?? [] }

    /// Replaces every dossier's rapporteurs (none: the dossier leaves the file), in number order.
    public mutating func set(_ byDossier: [Int: [String]]) {
        dossiers = byDossier.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
            .map { AssignedDossier(dossier: $0.key, rapporteurs: $0.value.sorted()) }
    }
}

public struct AssignedDossier: Codable, Sendable, Equatable {
    public var dossier: Int
    /// Logins, sorted.
    public var rapporteurs: [String]

    public init(dossier: Int, rapporteurs: [String]) {
        self.dossier = dossier
        self.rapporteurs = rapporteurs
    }
}

/// Why a change of rapporteurs is refused, in both languages.
public struct AssignmentRefusal: Error, Sendable, Equatable {
    public let message: Localized
}

extension Assignments {
    /// Adds rapporteurs to a dossier: jury members with the rapporteur role, free of conflict on it.
    /// Returns the logins that were not already there.
    public mutating func assign(_ logins: [String], to dossier: Int, jury: Jury, dossiers known: Set<Int>)
        throws(AssignmentRefusal) -> [String] {
        guard known.contains(dossier) else {
            throw AssignmentRefusal(message: Localized(.unknownDossierNo, ["dossier": dossier]))
        }
        for login in logins {
            guard let member = jury.member(login) else {
                let names = jury.reviewers.map(\.login).joined(separator: ", ")
                throw AssignmentRefusal(message: Localized(.isNotAJuryMemberPossibleRapporteurs, ["login": login, "names": names]))
            }
            guard member.role == .reviewer else {
                throw AssignmentRefusal(message: Localized(.chairsTheJuryOnlyReviewersAreGiven, ["login": login]))
            }
            guard !member.isConflicted(on: dossier) else {
                throw AssignmentRefusal(message: Localized(.memberHasAConflictOnDossier, ["login": login, "dossier": dossier]))
            }
        }
        var all = byDossier
        let current = all[dossier] ?? []
        let added = Array(Set(logins)).filter { !current.contains($0) }.sorted()
        all[dossier] = current + added
        set(all)
        return added
    }

    /// Takes a rapporteur off a dossier. Their sheet, if any, stays: it still counts, as a member's
    /// who is not a rapporteur of the dossier.
    public mutating func unassign(_ login: String, from dossier: Int) throws(AssignmentRefusal) {
        var all = byDossier
        guard let current = all[dossier], current.contains(login) else {
            throw AssignmentRefusal(message: Localized(.isNotARapporteurOfDossierNo, ["login": login, "dossier": dossier]))
        }
        all[dossier] = current.filter { $0 != login }
        set(all)
    }

    /// Makes `logins` exactly the dossier's rapporteurs (the console's `R`): those missing are added
    /// with `assign`'s checks, the others taken off (their sheets stay and count).
    public mutating func replace(rapporteursOf dossier: Int, with logins: [String], jury: Jury, dossiers known: Set<Int>)
        throws(AssignmentRefusal) {
        var all = byDossier
        all[dossier] = (all[dossier] ?? []).filter(logins.contains)
        set(all)
        _ = try assign(logins, to: dossier, jury: jury, dossiers: known)
    }

    /// The part a member may know: nothing about a dossier they are in conflict on (not even who
    /// reports on it). Rapporteurs of the other dossiers are no secret within the jury: they present them.
    public func disclosed(to disclosure: Disclosure) -> Assignments {
        var copy = self
        copy.dossiers = dossiers.filter { disclosure.mayLearnAnything(about: $0.dossier) }
        return copy
    }

    /// Checks that JSON types cannot express, against the campaign's dossier numbers.
    public func problems(dossiers known: Set<Int>) -> [ValidationProblem] {
        var found: [ValidationProblem] = [], seen = Set<Int>()
        if revision < 0 { found.append(.init("revision", Localized(.theRevisionMustBePositive))) }
        for (i, entry) in dossiers.enumerated() {
            if !known.contains(entry.dossier) {
                found.append(.init("dossiers[\(i)].dossier", Localized(.unknownDossierNoNotInDossiersJson, ["dossier": entry.dossier])))
            }
            if !seen.insert(entry.dossier).inserted { found.append(.init("dossiers[\(i)].dossier", Localized(.duplicateDossierNo, ["dossier": entry.dossier]))) }
            var logins = Set<String>()
            for (j, login) in entry.rapporteurs.enumerated() {
                if !Jury.isValidLogin(login) { found.append(.init("dossiers[\(i)].rapporteurs[\(j)]", Localized(.invalidLogin, ["login": login]))) }
                if !logins.insert(login).inserted {
                    found.append(.init("dossiers[\(i)].rapporteurs[\(j)]", Localized(.twiceOnThisDossier, ["login": login])))
                }
            }
        }
        return found
    }

    public func sanitized() -> Assignments {
        var copy = self
        copy.updatedBy = updatedBy.map(Sanitizer.line)
        return copy
    }
}

extension Assignments {
    /// `edit` merged into these (stored) assignments: the rapporteurs of every dossier the actor may
    /// not know of stay as stored. A chair in conflict on a dossier cannot change who reports on it.
    public func merging(_ edit: Assignments, hiddenFrom disclosure: Disclosure) -> Assignments {
        var all = edit.byDossier.filter { disclosure.mayLearnAnything(about: $0.key) }
        for entry in dossiers where !disclosure.mayLearnAnything(about: entry.dossier) { all[entry.dossier] = entry.rapporteurs }
        var merged = edit
        merged.set(all)
        return merged
    }
}
