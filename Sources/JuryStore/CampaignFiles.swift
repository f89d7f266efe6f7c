import Foundation

/// Where each file of a campaign lives (see docs/STORE.md).
public enum CampaignFiles {
    public static func campaign(_ root: URL) -> URL { root.appending(path: "campaign.json") }
    public static func jury(_ root: URL) -> URL { root.appending(path: "jury.json") }
    public static func dossiers(_ root: URL) -> URL { root.appending(path: "dossiers.json") }
    public static func reviewers(_ root: URL) -> URL { root.appending(path: "reviewers") }
    public static func reviewerDirectory(_ root: URL, _ login: String) -> URL { reviewers(root).appending(path: login) }
    public static func sheets(_ root: URL, _ login: String) -> URL { reviewerDirectory(root, login).appending(path: "sheets") }
    public static func sheet(_ root: URL, _ login: String, _ number: Int) -> URL {
        sheets(root, login).appending(path: "\(number).json")
    }
    /// A dossier's pièces justificatives, each under the SHA-256 of its bytes (docs/IMPORT.md): the
    /// export's file names never become paths.
    public static func pieces(_ root: URL, _ number: Int) -> URL { root.appending(path: "attachments/\(number)") }
    public static func piece(_ root: URL, _ number: Int, _ sha256: String) -> URL { pieces(root, number).appending(path: sha256) }
    public static func lockDirectory(_ root: URL) -> URL { root.appending(path: ".lock") }
    public static func lock(_ root: URL, _ file: SharedFile) -> URL { lockDirectory(root).appending(path: "\(file.rawValue).lock") }
    /// One append-only journal per writer (see docs/STORE.md, « Audit journal »).
    public static func journalDirectory(_ root: URL) -> URL { root.appending(path: "journal") }
    /// The jury server's one journal, in which every member's change is chained (docs/SERVER.md); a
    /// leading underscore keeps it apart from any login.
    public static let serverChain = "_serveur"
    public static func journal(_ root: URL, _ login: String) -> URL { journalDirectory(root).appending(path: "\(login).jsonl") }
    /// Earlier versions of a submitted sheet that was reopened, one file per change.
    public static func history(_ root: URL, _ login: String, _ number: Int) -> URL {
        reviewerDirectory(root, login).appending(path: "history/\(number)")
    }
    /// The conflicts of interest a reviewer declared themselves (the chair's are in jury.json).
    public static func declaredConflicts(_ root: URL, _ login: String) -> URL {
        reviewerDirectory(root, login).appending(path: "conflicts.json")
    }
    /// The private copy a demo campaign works in, so that the bundled files stay untouched.
    public static func demoWork(_ sourceRoot: URL) -> URL { sourceRoot.appending(path: demoWorkName) }
    static let demoWorkName = ".demo-work"

    /// Size caps, checked before a file is read: a runaway or hostile file must not exhaust memory.
    public static let maxDossiersBytes = 256 << 20
    public static let maxCampaignBytes = 4 << 20
    public static let maxJuryBytes = 4 << 20
    public static let maxSheetBytes = 1 << 20
    public static let maxConflictsBytes = 1 << 20
    /// A whole journal is read to verify it: 256 MiB is some hundred thousand entries.
    public static let maxJournalBytes = 256 << 20
}
