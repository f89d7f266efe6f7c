import Foundation
import JuryCore

extension Assignments: VersionedDocument {}

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
        let url = CampaignFiles.assignments(root)
        guard jury.member(login)?.role == .chair else {
            throw StoreFailure([StoreProblem(url, "seule la présidence du jury peut désigner les rapporteurs (« \(login) » ne la tient pas)")])
        }
        let known = Set(dossiers.map(\.number))
        return try saveShared(.assignments, url, limit: CampaignFiles.maxAssignmentsBytes, by: login, action: .assignment) {
            (onDisk: Assignments?) throws(StoreProblem) in
                try refuseWhileFinalised(url, "les rapporteurs ne peuvent plus être changés")
                var new = onDisk?.sanitized() ?? Assignments()
                try change(&new)
                if let problem = new.problems(dossiers: known).first { throw StoreProblem(url, problem) }
                new.revision = (onDisk?.revision ?? 0) + 1
                new.updatedAt = Instant(Date())
                new.updatedBy = login
                return new
        }
    }
}
