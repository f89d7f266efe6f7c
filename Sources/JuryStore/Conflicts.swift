import Foundation
import JuryCore

/// reviewers/<login>/conflicts.json: the conflicts of interest a reviewer declared, in their own
/// directory so that they need no one's permission to write it. Those the chair recorded are in
/// jury.json; the store merges both into `JuryMember.conflicts`.
struct DeclaredConflictsFile: VersionedDocument {
    var schemaVersion: Int
    var conflicts: [ConflictOfInterest]
}

enum DeclaredConflicts {
    /// The declarations of `logins` (whose directories were found trustworthy).
    static func load(_ root: URL, logins: [String], _ problems: inout [StoreProblem]) -> [String: [ConflictOfInterest]] {
        var declared: [String: [ConflictOfInterest]] = [:]
        for login in logins {
            let url = CampaignFiles.declaredConflicts(root, login)
            do {
                guard let file = try Document.load(DeclaredConflictsFile.self, from: url, limit: CampaignFiles.maxConflictsBytes) else { continue }
                // Declared by the reviewer: whatever the file says, it is theirs.
                declared[login] = file.conflicts.map {
                    ConflictOfInterest(dossier: $0.dossier, reason: Sanitizer.text($0.reason), recordedBy: login)
                }
            } catch {
                problems.append(error)
            }
        }
        return declared
    }
}

extension Jury {
    /// jury.json plus each member's own declarations.
    func merging(_ declared: [String: [ConflictOfInterest]]) -> Jury {
        var jury = self
        for index in jury.members.indices {
            let own = declared[jury.members[index].login] ?? []
            jury.members[index].conflicts += own.filter { !jury.members[index].conflicts.contains($0) }
        }
        return jury
    }
}

extension Contents {
    /// The jury as everyone uses it.
    var mergedJury: Jury { jury.merging(declaredConflicts) }

    /// The inverse of `mergedJury`, for saving: declarations stay in their reviewers' files.
    func withoutDeclarations(_ jury: Jury) -> Jury {
        var jury = jury
        for index in jury.members.indices {
            let own = declaredConflicts[jury.members[index].login] ?? []
            jury.members[index].conflicts.removeAll { own.contains($0) }
        }
        return jury
    }
}

extension CampaignStore {
    /// The acting member declares a conflict of interest on a dossier: from then on they cannot
    /// score it nor learn anything about it.
    public func declareConflict(dossier: Int, reason: String) throws(StoreFailure) {
        lock.lock()
        defer { lock.unlock() }
        let login = actingLogin
        let url = CampaignFiles.declaredConflicts(root, login)
        // A newcomer to the demo joins with their first act, a declaration as well as a sheet.
        if contents.campaign.isDemo { try admitDemoGuestLocked(login: login) }
        guard let member = contents.mergedJury.member(login) else {
            throw StoreFailure([StoreProblem(url, Localized(.isNotAMemberOfTheJury, ["login": login]))])
        }
        try checkConflict(member, dossier, url)
        let conflict = ConflictOfInterest(dossier: dossier, reason: Sanitizer.text(reason), recordedBy: login)
        try journaled(by: login, read: { () throws(StoreProblem) in
            try Document.load(DeclaredConflictsFile.self, from: url, limit: CampaignFiles.maxConflictsBytes)
        }, prepare: { () throws(StoreProblem) in
            try DurableFile.createDirectory(url.deletingLastPathComponent())
        }, change: { (old: DeclaredConflictsFile?) -> (DeclaredConflictsFile, JournalEntry)? in
            let new = DeclaredConflictsFile(schemaVersion: currentSchemaVersion, conflicts: (old?.conflicts ?? []) + [conflict])
            let entry = JournalEntry(by: login, action: .conflictDeclared, dossier: dossier, subject: login,
                                     changes: [JournalChange(field: "conflicts", before: nil, after: .string(conflict.reason))])
            return (new, entry)
        }, write: { (new: DeclaredConflictsFile) throws(StoreProblem) in
            _ = try Document.replace(url, limit: CampaignFiles.maxConflictsBytes) { (_: DeclaredConflictsFile?) in new }
            contents.declaredConflicts[login] = new.conflicts.map { ConflictOfInterest(dossier: $0.dossier, reason: $0.reason, recordedBy: login) }
        })
    }

    /// The chair records a member's conflict of interest, in jury.json.
    public func recordConflict(of login: String, dossier: Int, reason: String) throws(StoreFailure) {
        lock.lock()
        defer { lock.unlock() }
        let url = CampaignFiles.jury(root)
        let jury = contents.mergedJury
        guard jury.member(actingLogin)?.role == .chair else {
            throw StoreFailure([StoreProblem(url, Localized(.onlyTheJurysChairRecordsAnotherMembers))])
        }
        guard let member = jury.member(login) else {
            throw StoreFailure([StoreProblem(url, Localized(.isNotAMemberOfTheJury, ["login": login]))])
        }
        try checkConflict(member, dossier, url)
        let conflict = ConflictOfInterest(dossier: dossier, reason: Sanitizer.text(reason), recordedBy: actingLogin)
        try writeJury(expectedRevision: nil) { (onDisk: Jury) in
            var new = onDisk
            if let index = new.members.firstIndex(where: { $0.login == login }) { new.members[index].conflicts.append(conflict) }
            return new
        }
    }

    private func checkConflict(_ member: JuryMember, _ dossier: Int, _ url: URL) throws(StoreFailure) {
        guard contents.dossierNumbers.contains(dossier) else {
            throw StoreFailure([StoreProblem(url, Localized(.unknownDossierNoNotInDossiersJson, ["dossier": dossier]))])
        }
        guard !member.isConflicted(on: dossier) else {
            throw StoreFailure([StoreProblem(url, Localized(.theConflictOfInterestOfOnDossier, ["login": member.login, "dossier": dossier]))])
        }
    }
}
