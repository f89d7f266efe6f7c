import Foundation

/// What the jury decides: `allocation.json` at the campaign root. Only the chair changes it; once
/// finalised it is frozen. Each dossier's decision follows from where it is: among the laureates,
/// on the ordered waitlist (liste complémentaire), or neither (non retenu).
public struct AllocationState: Codable, Sendable, Equatable {
    public var schemaVersion: Int
    /// Incremented on every save; a change made from a stale copy is refused by the store.
    public var revision: Int
    /// The ranking the deliberation follows (proposals, « against the ranking »).
    public var method: RankingMethod
    /// Seed of the recorded draw (last tie-break) and of the bootstrap. Below 2⁵³ so that every
    /// JSON reader keeps it exact.
    public var drawSeed: Int
    /// In the order they were chosen.
    public var laureates: [Int]
    /// Liste complémentaire, first called first.
    public var waitlist: [Int]
    /// At most one per dossier: why it got its current decision.
    public var motivations: [Motivation]
    public var finalized: Finalization?
    /// The checklist's items the chair let stand, each with a reason (absent: none yet).
    public var acknowledgements: [Acknowledgement]?
    /// Each time a finalised allocation was reopened, oldest first (absent: never).
    public var reopenings: [Reopening]?
    public var updatedAt: Instant?
    public var updatedBy: String?

    public init(schemaVersion: Int = currentSchemaVersion, revision: Int = 0, method: RankingMethod = .mean, drawSeed: Int,
                laureates: [Int] = [], waitlist: [Int] = [], motivations: [Motivation] = [], finalized: Finalization? = nil,
                acknowledgements: [Acknowledgement]? = nil, reopenings: [Reopening]? = nil,
                updatedAt: Instant? = nil, updatedBy: String? = nil) {
        self.schemaVersion = schemaVersion
        self.revision = revision
        self.method = method
        self.drawSeed = drawSeed
        self.laureates = laureates
        self.waitlist = waitlist
        self.motivations = motivations
        self.finalized = finalized
        self.acknowledgements = acknowledgements
        self.reopenings = reopenings
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }

    /// Before anything is decided (revision 0: no file yet). The draw's seed comes from the
    /// campaign's title, so that a draw can be replayed even before the file records it.
    public static func initial(for campaign: Campaign) -> AllocationState {
        AllocationState(drawSeed: Int(SeededGenerator.seed(from: campaign.title) & maximumSeed))
    }

    public static let maximumSeed: UInt64 = (1 << 53) - 1

    public var isFinalized: Bool { finalized != nil }

    /// Whether the chair has placed a dossier yet: before that, « non retenu » would mislead.
    public var hasDecisions: Bool { !laureates.isEmpty || !waitlist.isEmpty }

    public func decision(_ dossier: Int) -> Decision {
        laureates.contains(dossier) ? .laureate : waitlist.contains(dossier) ? .waitlist : .notSelected
    }

    public func motivation(_ dossier: Int) -> Motivation? { motivations.first { $0.dossier == dossier } }

    public func acknowledgement(_ key: String) -> Acknowledgement? { acknowledgements?.first { $0.key == key } }

    /// The part `viewer` may know: nothing about a dossier they are in conflict on.
    public func disclosed(to disclosure: Disclosure) -> AllocationState {
        var copy = self
        copy.laureates = laureates.filter(disclosure.mayLearnAnything)
        copy.waitlist = waitlist.filter(disclosure.mayLearnAnything)
        copy.motivations = motivations.filter { disclosure.mayLearnAnything(about: $0.dossier) }
        copy.acknowledgements = acknowledgements?.filter { $0.dossier.map(disclosure.mayLearnAnything) ?? true }
        return copy
    }
}

public enum Decision: String, Codable, Sendable, CaseIterable {
    case laureate = "laureat"
    case waitlist = "liste-complementaire"
    case notSelected = "non-retenu"
}

public struct Motivation: Codable, Sendable, Equatable {
    public var dossier: Int
    /// The decision it was written for.
    public var decision: Decision
    public var text: String
    public var by: String
    public var at: Instant

    public init(dossier: Int, decision: Decision, text: String, by: String, at: Instant) {
        self.dossier = dossier
        self.decision = decision
        self.text = text
        self.by = by
        self.at = at
    }
}

public struct Finalization: Codable, Sendable, Equatable {
    public var at: Instant
    public var by: String
    /// The frozen deliberation written when finalising (a file name in `finalisations/`) and its
    /// SHA-256: every export is made from it from then on. Absent in files finalised before it existed.
    public var snapshot: String?
    public var sha256: String?

    public init(at: Instant, by: String, snapshot: String? = nil, sha256: String? = nil) {
        self.at = at
        self.by = by
        self.snapshot = snapshot
        self.sha256 = sha256
    }
}

/// An item of the finalisation checklist that the chair let stand, and why.
public struct Acknowledgement: Codable, Sendable, Equatable {
    /// The item's key (`FinalisationChecklist.Item.key`): it holds while that cause remains.
    public var key: String
    public var dossier: Int?
    /// The item's words when it was acknowledged, for the minutes.
    public var item: Localized
    public var reason: String
    public var by: String
    public var at: Instant

    public init(key: String, dossier: Int?, item: Localized, reason: String, by: String, at: Instant) {
        self.key = key
        self.dossier = dossier
        self.item = item
        self.reason = reason
        self.by = by
        self.at = at
    }
}

/// A finalised allocation opened again by the chair: the next minutes rectify the earlier ones.
public struct Reopening: Codable, Sendable, Equatable {
    /// The finalisation it undid.
    public var finalized: Finalization
    public var motivation: String
    public var by: String
    public var at: Instant

    public init(finalized: Finalization, motivation: String, by: String, at: Instant) {
        self.finalized = finalized
        self.motivation = motivation
        self.by = by
        self.at = at
    }
}

extension AllocationState {
    /// Checks that JSON types cannot express, against the campaign's dossier numbers.
    public func problems(dossiers: Set<Int>) -> [ValidationProblem] {
        var found: [ValidationProblem] = []
        if revision < 0 { found.append(.init("revision", Localized(.theRevisionMustBePositive))) }
        if drawSeed < 0 || UInt64(drawSeed) > Self.maximumSeed {
            found.append(.init("drawSeed", Localized(.allocationSeedOutOfRange)))
        }
        func check(_ list: [Int], _ name: String) {
            var seen = Set<Int>()
            for (i, number) in list.enumerated() {
                if !dossiers.contains(number) { found.append(.init("\(name)[\(i)]", Localized(.unknownDossierNoNotInDossiersJson, ["dossier": number]))) }
                if !seen.insert(number).inserted { found.append(.init("\(name)[\(i)]", Localized(.duplicateDossierNo, ["dossier": number]))) }
            }
        }
        check(laureates, "laureates")
        check(waitlist, "waitlist")
        for number in Set(laureates).intersection(waitlist).sorted() {
            found.append(.init("waitlist", Localized(.allocationLaureateAlsoOnWaitlist, ["dossier": number])))
        }
        check(motivations.map(\.dossier), "motivations")
        for (i, motivation) in motivations.enumerated() where motivation.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            found.append(.init("motivations[\(i)].text", Localized(.allocationEmptyMotivation)))
        }
        for (i, acknowledgement) in (acknowledgements ?? []).enumerated() where acknowledgement.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            found.append(.init("acknowledgements[\(i)].reason", Localized(.allocationEmptyReason)))
        }
        if let snapshot = finalized?.snapshot, !Finalization.isSnapshotName(snapshot) {
            found.append(.init("finalized.snapshot", Localized(.allocationInvalidSnapshotName, ["name": Sanitizer.line(snapshot)])))
        }
        return found
    }

    public func sanitized() -> AllocationState {
        var copy = self
        copy.motivations = motivations.map {
            Motivation(dossier: $0.dossier, decision: $0.decision, text: Sanitizer.text($0.text), by: Sanitizer.line($0.by), at: $0.at)
        }
        copy.updatedBy = updatedBy.map(Sanitizer.line)
        copy.finalized = finalized.map(\.sanitized)
        copy.acknowledgements = acknowledgements?.map {
            Acknowledgement(key: Sanitizer.line($0.key), dossier: $0.dossier,
                            item: Localized(fr: Sanitizer.line($0.item.fr), en: Sanitizer.line($0.item.en)), reason: Sanitizer.text($0.reason), by: Sanitizer.line($0.by), at: $0.at)
        }
        copy.reopenings = reopenings?.map {
            Reopening(finalized: $0.finalized.sanitized, motivation: Sanitizer.text($0.motivation), by: Sanitizer.line($0.by), at: $0.at)
        }
        return copy
    }
}

extension Finalization {
    var sanitized: Finalization {
        Finalization(at: at, by: Sanitizer.line(by), snapshot: snapshot.map(Sanitizer.line), sha256: sha256.map(Sanitizer.line))
    }

    /// « finalisation-12.json »: a plain name in `finalisations/`, never a path from a hostile file.
    public static func isSnapshotName(_ name: String) -> Bool {
        name.hasPrefix("finalisation-") && name.hasSuffix(".json") && name.count <= 64
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") } && !name.contains("..")
    }

    public static func snapshotName(revision: Int) -> String { "finalisation-\(revision).json" }
}
