import Foundation
import JuryCore

extension Assignments: ChairsDocument {
    /// None yet (revision 0): the file before the chair's first change.
    init() { self.init(schemaVersion: currentSchemaVersion) }
}

extension CampaignFiles {
    /// Who reports on which dossier (see docs/STORE.md).
    public static func assignments(_ root: URL) -> URL { root.appending(path: "assignments.json") }
    public static let maxAssignmentsBytes = 16 << 20
}

extension CampaignStore {
    /// The rapporteurs as on disk now (the chair may have changed them from another session), or
    /// none (revision 0) before the first assignment. Checked like the other files: syntax with a
    /// line and column, types with a field path, dossier numbers against dossiers.json.
    public func loadAssignments() throws(StoreFailure) -> Assignments {
        let numbers = Set(dossiers.map(\.number))
        return try loadDecisions(Assignments.self, CampaignFiles.assignments(root), limit: CampaignFiles.maxAssignmentsBytes) {
            $0.problems(dossiers: numbers)
        }?.sanitized() ?? Assignments()
    }

    /// The one way assignments.json is written: `change` is applied to the version on disk, under
    /// its lock, and journaled. Only the chair changes it, and never the rapporteurs of a dossier
    /// they are in conflict on (kept as stored: `Assignments.merging`). Sheets are never touched: a
    /// rapporteur taken off a dossier keeps their sheet, which still counts. Returns what was saved.
    @discardableResult
    public func updateAssignments(by login: String, _ change: (inout Assignments) throws(StoreProblem) -> Void)
        throws(StoreFailure) -> Assignments {
        let disclosure = jury.member(login).map { Disclosure(viewer: $0, campaign: campaign) }
        return try updateChairs(.assignments, CampaignFiles.assignments(root), limit: CampaignFiles.maxAssignmentsBytes, by: login,
                                action: .assignment,
                                refusal: Localized(.onlyTheJurysChairMayAssignThe),
                                frozen: Localized(.theRapporteursCanNoLongerBeChanged)) { (assignments: inout Assignments) throws(StoreProblem) in
            let stored = assignments
            try change(&assignments)
            if let disclosure { assignments = stored.merging(assignments, hiddenFrom: disclosure) }
        }
    }
}

/// A file of the chair's alone, versioned by revision and author (assignments.json, seances.json).
protocol ChairsDocument: VersionedDocument {
    init()
    var revision: Int { get set }
    var updatedAt: Instant? { get set }
    var updatedBy: String? { get set }
    func problems(dossiers: Set<Int>) -> [ValidationProblem]
    func sanitized() -> Self
}

extension CampaignStore {
    /// Changes a file of the chair's: refused to anyone else (`refusal`, then who tried); `change`
    /// is applied to the version on disk, under its lock, checked, written at the next revision
    /// and journaled (with `dossier`, when the change concerns one). `frozen`: what a finalised
    /// allocation forbids to change in it, said when it does.
    func updateChairs<T: ChairsDocument>(_ file: SharedFile, _ url: URL, limit: Int, by login: String, action: JournalAction,
                                         dossier: Int? = nil, refusal: Localized, frozen: Localized? = nil,
                                         _ change: (inout T) throws(StoreProblem) -> Void) throws(StoreFailure) -> T {
        guard jury.member(login)?.role == .chair else {
            throw StoreFailure([StoreProblem(url, Localized { l in l.text(.refusalNotHeldBy, ["refusal": refusal.text(l), "login": login]) })])
        }
        let known = Set(dossiers.map(\.number))
        return try saveShared(file, url, limit: limit, by: login, action: action, dossier: dossier) { (onDisk: T?) throws(StoreProblem) in
            if let frozen { try refuseWhileFinalised(url, frozen) }
            var new = onDisk?.sanitized() ?? T()
            try change(&new)
            if let problem = new.problems(dossiers: known).first { throw StoreProblem(url, problem) }
            new.revision = (onDisk?.revision ?? 0) + 1
            new.updatedAt = Instant(Date())
            new.updatedBy = login
            return new
        }
    }

    /// A change the rules of assignment may refuse (a member in conflict, not a rapporteur…): that
    /// refusal is said as it is, in `language`; anything else as the store says it.
    @discardableResult
    public func updateAssignments(by login: String, language: Language,
                                  _ change: (inout Assignments) throws(AssignmentRefusal) -> Void)
        throws(AssignmentChangeFailure) -> Assignments {
        var refusal: AssignmentRefusal?
        let url = CampaignFiles.assignments(root)
        do throws(StoreFailure) {
            return try updateAssignments(by: login) { (assignments: inout Assignments) throws(StoreProblem) in
                do throws(AssignmentRefusal) { try change(&assignments) } catch {
                    refusal = error
                    throw StoreProblem(url, error.message)
                }
            }
        } catch {
            throw refusal.map { .refused($0.message.text(language)) } ?? .store(error)
        }
    }

    /// Makes `logins` exactly the rapporteurs of `dossier` (the console's `R`). Refused to a chair in
    /// conflict on it, who may not know who reports on it (the change would not be kept anyway).
    public func replaceRapporteurs(of dossier: Int, with logins: [String], by login: String, language: Language)
        throws(AssignmentChangeFailure) {
        let jury = self.jury, known = Set(dossiers.map(\.number))
        if jury.member(login)?.isConflicted(on: dossier) == true {
            throw .refused(language.text(.youHaveAConflictOfInterestOn, ["dossier": dossier]))
        }
        try updateAssignments(by: login, language: language) { (assignments: inout Assignments) throws(AssignmentRefusal) in
            try assignments.replace(rapporteursOf: dossier, with: logins, jury: jury, dossiers: known)
        }
    }

    /// Where the rapporteurs stand as `login` may know it (the chair: everyone; a member: themself),
    /// drafts included: what `ptce-jury progress` prints and the console's progress screen shows.
    public func progress(seenBy login: String) throws(StoreFailure) -> [RapporteurProgress] {
        guard let viewer = jury.member(login) else { return [] }
        return RapporteurProgress.of(try loadAssignments(), jury: jury, sheets: sheets, viewer: viewer, campaign: campaign)
    }
}

/// Why a change of the rapporteurs did not happen.
public enum AssignmentChangeFailure: Error, Sendable, CustomStringConvertible {
    /// A rule of assignment, in the member's language.
    case refused(String)
    case store(StoreFailure)

    /// The store's part in `language` (a refusal is already in it).
    public func text(_ language: Language) -> String {
        switch self {
        case .refused(let reason): return reason
        case .store(let failure): return failure.text(language)
        }
    }

    public var description: String { text(.fr) }
}
