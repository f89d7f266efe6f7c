import Foundation
import JuryCore

// The headless commands' requests (docs/SERVER.md, « Requests »): each holds what its command line
// said, parsed and typed on the member's side — never a path, never an identity. The server runs
// the command's own code on them and answers what it printed: the same output and exit code as on
// a directory. A file a command reads travels as its bytes; a file it writes comes back as bytes.

/// What a command printed, and its exit code.
public struct CommandOutput: Codable, Sendable, Equatable {
    public var exitCode: Int32
    public var standardOutput: String
    public var standardError: String

    public init(exitCode: Int32, standardOutput: String, standardError: String) {
        self.exitCode = exitCode
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// A request answered by its command's printed output.
public protocol CommandRequest: JuryRequest where Response == CommandOutput {}

/// How a command prints its rows.
public enum OutputFormat: String, Codable, Sendable, CaseIterable {
    case table, json, csv
}

public struct CheckRequest: CommandRequest {
    public static let name = "check", sender = Sender.member, cost = CostClass.read
    public init() {}
}

public struct CampaignRequest: CommandRequest {
    public static let name = "campaign", sender = Sender.member, cost = CostClass.read
    public var format: OutputFormat
    public init(format: OutputFormat) { self.format = format }
}

public struct ListRequest: CommandRequest {
    public static let name = "list", sender = Sender.member, cost = CostClass.read
    public var format: OutputFormat
    public init(format: OutputFormat) { self.format = format }
}

public struct ShowRequest: CommandRequest {
    public static let name = "show", sender = Sender.member, cost = CostClass.read
    public var number: Int
    public var format: OutputFormat
    public var history: Bool
    public init(number: Int, format: OutputFormat, history: Bool) {
        self.number = number
        self.format = format
        self.history = history
    }
}

public struct ScoreRequest: CommandRequest {
    public static let name = "score", sender = Sender.member, cost = CostClass.write
    public var number: Int
    /// CRITÈRE=VALEUR, as typed.
    public var values: [String]
    /// CRITÈRE=TEXTE, as typed.
    public var comments: [String]
    public var overall: String?
    public var recommend: Recommendation?
    public var reopen: Bool
    public var submit: Bool
    public init(number: Int, values: [String], comments: [String], overall: String?, recommend: Recommendation?, reopen: Bool, submit: Bool) {
        self.number = number
        self.values = values
        self.comments = comments
        self.overall = overall
        self.recommend = recommend
        self.reopen = reopen
        self.submit = submit
    }
}

/// A file the member read on their side, with their rights: its name (the last component only, for
/// the report and the format) and its bytes.
public struct SentFile: Codable, Sendable, Equatable {
    public var name: String
    public var contents: Data
    public init(name: String, contents: Data) {
        self.name = name
        self.contents = contents
    }
}

public enum ImportFormat: String, Codable, Sendable, CaseIterable {
    case table, json
}

/// An import: the chair's for real, anyone's as a dry run (checked by the command).
public struct ImportRequest: CommandRequest {
    public static let name = "import", sender = Sender.member, cost = CostClass.costly
    public var files: [SentFile]
    public var mapping: SentFile?
    public var dryRun: Bool
    public var format: ImportFormat
    public init(files: [SentFile], mapping: SentFile?, dryRun: Bool, format: ImportFormat) {
        self.files = files
        self.mapping = mapping
        self.dryRun = dryRun
        self.format = format
    }
}

public struct JuryAddRequest: CommandRequest {
    public static let name = "juryAdd", sender = Sender.chair, cost = CostClass.write
    public var login: String
    public var memberName: String
    public var chair: Bool
    public var region: String?
    public init(login: String, memberName: String, chair: Bool, region: String?) {
        self.login = login
        self.memberName = memberName
        self.chair = chair
        self.region = region
    }
}

/// `jury list`: every member sees the jury (logins, names, roles, regions); only the chair sees who
/// is connected (docs/SERVER.md, « Who sees what »).
public struct JuryListRequest: CommandRequest {
    public static let name = "juryList", sender = Sender.member, cost = CostClass.read
    public var format: OutputFormat
    public init(format: OutputFormat) { self.format = format }
}

public struct JuryRemoveRequest: CommandRequest {
    public static let name = "juryRemove", sender = Sender.chair, cost = CostClass.write
    public var login: String
    public init(login: String) { self.login = login }
}

public struct ConflictDeclareRequest: CommandRequest {
    public static let name = "conflictDeclare", sender = Sender.member, cost = CostClass.write
    public var number: Int
    public var reason: String
    public init(number: Int, reason: String) {
        self.number = number
        self.reason = reason
    }
}

public struct ConflictRecordRequest: CommandRequest {
    public static let name = "conflictRecord", sender = Sender.chair, cost = CostClass.write
    public var login: String
    public var number: Int
    public var reason: String
    public init(login: String, number: Int, reason: String) {
        self.login = login
        self.number = number
        self.reason = reason
    }
}

public struct ConflictListRequest: CommandRequest {
    public static let name = "conflictList", sender = Sender.member, cost = CostClass.read
    public var format: OutputFormat
    public init(format: OutputFormat) { self.format = format }
}

public struct JournalShowRequest: CommandRequest {
    public static let name = "journal", sender = Sender.member, cost = CostClass.costly
    public var dossier: Int?
    public var format: OutputFormat
    public init(dossier: Int?, format: OutputFormat) {
        self.dossier = dossier
        self.format = format
    }
}

public struct JournalVerifyRequest: CommandRequest {
    public static let name = "journalVerify", sender = Sender.member, cost = CostClass.costly
    /// Also print the digest after this entry of the server's journal (a local campaign: the
    /// member's own), the head a procès-verbal cites.
    public var at: Int?
    public init(at: Int? = nil) { self.at = at }
}

public struct RankingRequest: CommandRequest {
    public static let name = "ranking", sender = Sender.member, cost = CostClass.costly
    public static let maxResamples = 100_000
    /// Through the jury server, whose readers every member shares (about 5 s at 5 000 dossiers).
    public static let servedMaxResamples = 10_000
    public var format: OutputFormat
    public var method: RankingMethod?
    public var resamples: Int
    public init(format: OutputFormat, method: RankingMethod?, resamples: Int) {
        self.format = format
        self.method = method
        self.resamples = resamples
    }
}

/// `allocate`: one action at a time (the command checks it), none to show the allocation.
public struct AllocateRequest: CommandRequest {
    public static let name = "allocate", sender = Sender.chair, cost = CostClass.write
    public var propose: Bool
    public var select: Int?
    public var deselect: Int?
    public var waitlist: [Int]
    /// N and a decision word, as typed.
    public var decide: [String]
    public var motivation: String?
    public var finalize: Bool
    public var acknowledge: String?
    public var check: Bool
    public var reopen: Bool
    public var method: RankingMethod?
    /// In séance: the vote (for, against, abstention) that took the decisions this action changes;
    /// nil: consensus.
    public var vote: [Int]?
    public init(propose: Bool, select: Int?, deselect: Int?, waitlist: [Int], decide: [String], motivation: String?, finalize: Bool,
                acknowledge: String?, check: Bool, reopen: Bool, method: RankingMethod?, vote: [Int]? = nil) {
        self.vote = vote
        self.propose = propose
        self.select = select
        self.deselect = deselect
        self.waitlist = waitlist
        self.decide = decide
        self.motivation = motivation
        self.finalize = finalize
        self.acknowledge = acknowledge
        self.check = check
        self.reopen = reopen
        self.method = method
    }
}

public enum ExportFormat: String, Codable, Sendable, CaseIterable {
    case csv, ods, json, md
}

/// A CSV file holds one table: the one to write (the ODS has them all, as sheets).
public enum ExportTableName: String, Codable, Sendable, CaseIterable {
    case dossiers, laureats, complementaire = "liste-complementaire", nonRetenus = "non-retenus", seances,
         decisions = "decisions-en-seance", acceptes = "points-acceptes", moyennes, synthese
}

/// An export: its bytes come back, and the member's side writes them where they asked, as theirs.
public struct ExportRequest: JuryRequest {
    public struct Made: Codable, Sendable {
        public var contents: Data
        public var dossiers: Int
        public var laureates: Int
        public init(contents: Data, dossiers: Int, laureates: Int) {
            self.contents = contents
            self.dossiers = dossiers
            self.laureates = laureates
        }
    }

    public typealias Response = Made
    public static let name = "export", sender = Sender.member, cost = CostClass.costly
    public var format: ExportFormat
    public var table: ExportTableName
    public init(format: ExportFormat, table: ExportTableName) {
        self.format = format
        self.table = table
    }
}

public struct AssignRequest: CommandRequest {
    public static let name = "assign", sender = Sender.chair, cost = CostClass.write
    public var auto: Bool
    public var dossier: Int?
    public var logins: [String]
    public init(auto: Bool, dossier: Int?, logins: [String]) {
        self.auto = auto
        self.dossier = dossier
        self.logins = logins
    }
}

public struct UnassignRequest: CommandRequest {
    public static let name = "unassign", sender = Sender.chair, cost = CostClass.write
    public var dossier: Int
    public var login: String
    public init(dossier: Int, login: String) {
        self.dossier = dossier
        self.login = login
    }
}

public struct ProgressCommandRequest: CommandRequest {
    public static let name = "progressTable", sender = Sender.member, cost = CostClass.read
    public var format: OutputFormat
    public init(format: OutputFormat) { self.format = format }
}

/// `session open|discuss|end|arrive|leave|close`: the séance printed as consoles show it.
public struct SeanceCommandRequest: CommandRequest {
    public static let name = "session", sender = Sender.chair, cost = CostClass.write
    public var action: SeanceAction
    public init(action: SeanceAction) { self.action = action }
}

public struct SeanceShowRequest: CommandRequest {
    public static let name = "sessionShow", sender = Sender.member, cost = CostClass.read
    public var format: OutputFormat
    public init(format: OutputFormat) { self.format = format }
}
