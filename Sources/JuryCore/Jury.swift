import Foundation

/// The people who score and decide. Logins are Unix account names.
public struct Jury: Codable, Sendable, Equatable {
    public var schemaVersion: Int
    /// Incremented on every change; a stale edit is refused (see the store).
    public var revision: Int
    public var members: [JuryMember]

    public init(schemaVersion: Int = currentSchemaVersion, revision: Int = 1, members: [JuryMember]) {
        self.schemaVersion = schemaVersion
        self.revision = revision
        self.members = members
    }

    public func member(_ login: String) -> JuryMember? { members.first { $0.login == login } }
    public var reviewers: [JuryMember] { members.filter { $0.role == .reviewer } }
}

public struct JuryMember: Codable, Sendable, Equatable {
    public var login: String
    public var name: String
    public var role: JuryRole
    /// Dossiers this member may not score nor learn anything about.
    public var conflicts: [ConflictOfInterest]
    /// INSEE code of the member's region, if they come from one (a regional cell): with the campaign's
    /// `rapporteurs.notOwnRegion`, they are not given its dossiers.
    public var region: String?

    public init(login: String, name: String, role: JuryRole, conflicts: [ConflictOfInterest] = [], region: String? = nil) {
        self.login = login
        self.name = name
        self.role = role
        self.conflicts = conflicts
        self.region = region
    }

    public func isConflicted(on dossier: Int) -> Bool { conflicts.contains { $0.dossier == dossier } }
}

public enum JuryRole: String, Codable, Sendable, CaseIterable {
    case reviewer = "rapporteur"
    case chair = "president"
}

public struct ConflictOfInterest: Codable, Sendable, Equatable {
    public var dossier: Int
    public var reason: String
    /// Login of whoever recorded it (the member or the chair).
    public var recordedBy: String?

    public init(dossier: Int, reason: String, recordedBy: String? = nil) {
        self.dossier = dossier
        self.reason = reason
        self.recordedBy = recordedBy
    }
}
