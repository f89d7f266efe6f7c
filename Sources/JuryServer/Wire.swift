import Foundation
import JuryCore

// The jury server's protocol: newline-delimited JSON over a Unix-domain stream socket, one object
// per line, so that an administrator can read it with standard tools (socat, jq). A client sends
// requests, each with its own `id`; the server answers each with the same `id`, in order, and
// pushes changes to attached consoles as messages with a `push` and no `id` (docs/SERVER.md).

/// What a client asks.
public enum WireOperation: String, Codable, Sendable {
    /// A headless command, run on the server as the connected member.
    case run
    /// The first dossiers of the member's view, for a console's first frame.
    case preview
    /// The member's whole view; the connection then receives the changes as pushes.
    case attach
    /// A sheet of the member's, from their console.
    case save
    case history
    case declareConflict
    case loadAllocation
    case saveAllocation
    /// The chair makes `reviewers` exactly the rapporteurs of `dossier`.
    case saveRapporteurs
    /// Where the rapporteurs stand, as the member may know it.
    case progress
    /// The rapporteurs and the séances, for the chair's finalisation checklist.
    case loadChecklist
    /// The chair's action on the séance (`seance`); the answer holds the séance as it now is.
    case seance
    /// For the chair opening a séance: the jury members whose consoles are attached now.
    case connected
}

public struct WireRequest: Codable, Sendable {
    public var id: Int
    public var op: WireOperation
    /// The console's session, kept across reconnections: what it last knew of each of its sheets.
    public var session: String?
    /// The client's language (its flag and environment): not an identity, only words.
    public var language: String?
    public var arguments: [String]?
    /// For `run`: files the client read on its side (import), by argument index.
    public var inputs: [Int: Data]?
    /// For `run`: arguments naming files the command writes (export --out), returned as `files`.
    public var outputs: [Int]?
    public var sheet: ScoreSheet?
    public var dossier: Int?
    public var reviewers: [String]?
    public var reason: String?
    public var allocation: AllocationState?
    public var expectedRevision: Int?
    public var seance: SeanceAction?

    public init(id: Int = 0, op: WireOperation, session: String? = nil, language: String? = nil, arguments: [String]? = nil,
                inputs: [Int: Data]? = nil, outputs: [Int]? = nil, sheet: ScoreSheet? = nil, dossier: Int? = nil,
                reviewers: [String]? = nil, reason: String? = nil, allocation: AllocationState? = nil, expectedRevision: Int? = nil,
                seance: SeanceAction? = nil) {
        self.id = id
        self.op = op
        self.session = session
        self.language = language
        self.arguments = arguments
        self.inputs = inputs
        self.outputs = outputs
        self.sheet = sheet
        self.dossier = dossier
        self.reviewers = reviewers
        self.reason = reason
        self.allocation = allocation
        self.expectedRevision = expectedRevision
        self.seance = seance
    }
}

/// An answer (with the request's `id`) or a push (without).
public struct WireResponse: Codable, Sendable {
    public var id: Int?
    /// A refusal, said to the member as it is.
    public var error: String?
    public var exitCode: Int32?
    public var standardOutput: String?
    public var standardError: String?
    /// What a command wrote to the files named by `outputs`, by argument index.
    public var files: [Int: Data]?
    public var view: MemberView?
    /// The sheet as the server stored it.
    public var sheet: ScoreSheet?
    public var history: [String: [ScoreSheet]]?
    public var allocation: AllocationState?
    public var progress: [RapporteurProgress]?
    /// For `loadChecklist`, the chair's only.
    public var assignments: Assignments?
    public var seances: Seances?
    /// For `seance`: the séance in progress as the member may know it (absent: none open).
    public var seance: SeanceView?
    /// For `connected`.
    public var logins: [String]?
    public var push: MemberUpdate?

    public init(id: Int?, error: String? = nil) {
        self.id = id
        self.error = error
    }
}

/// Caps on what crosses the socket. A member's request is small (a sheet, a command line); the
/// chair's may carry an export to import. Answers can hold a whole campaign.
public enum WireLimits {
    public static let memberRequestBytes = 1 << 20
    public static let chairRequestBytes = 256 << 20
    public static let answerBytes = 1 << 30
    /// A request must arrive whole within this time of its first byte.
    public static let requestSeconds: Int64 = 10
    /// Requests waiting on one connection: a client that sends without reading is cut off.
    public static let queuedRequests = 32
    /// Answers and pushes written but not yet read by one client.
    public static let unreadBytes = 64 << 20
    public static let connectionsPerAccount = 64
    public static let connections = 1024
}

enum Wire {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// One line: the JSON text (which never holds a raw newline) and its end.
    static func line<T: Encodable>(_ value: T) throws -> Data {
        var data = try encoder().encode(value)
        data.append(0x0A)
        return data
    }
}
