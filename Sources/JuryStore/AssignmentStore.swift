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
    /// its lock, and journaled. Only the chair changes it. Sheets are never touched: a rapporteur
    /// taken off a dossier keeps their sheet, which still counts. Returns what was saved.
    @discardableResult
    public func updateAssignments(by login: String, _ change: (inout Assignments) throws(StoreProblem) -> Void)
        throws(StoreFailure) -> Assignments {
        try updateChairs(.assignments, CampaignFiles.assignments(root), limit: CampaignFiles.maxAssignmentsBytes, by: login,
                         action: .assignment, refusal: "seule la présidence du jury peut désigner les rapporteurs", change)
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
    /// and journaled (with `dossier`, when the change concerns one).
    func updateChairs<T: ChairsDocument>(_ file: SharedFile, _ url: URL, limit: Int, by login: String, action: JournalAction,
                                         dossier: Int? = nil, refusal: String,
                                         _ change: (inout T) throws(StoreProblem) -> Void) throws(StoreFailure) -> T {
        guard jury.member(login)?.role == .chair else {
            throw StoreFailure([StoreProblem(url, "\(refusal) (« \(login) » ne la tient pas)")])
        }
        let known = Set(dossiers.map(\.number))
        return try saveShared(file, url, limit: limit, by: login, action: action, dossier: dossier) { (onDisk: T?) throws(StoreProblem) in
            var new = onDisk?.sanitized() ?? T()
            try change(&new)
            if let problem = new.problems(dossiers: known).first { throw StoreProblem(url, problem) }
            new.revision = (onDisk?.revision ?? 0) + 1
            new.updatedAt = Instant(Date())
            new.updatedBy = login
            return new
        }
    }
}
