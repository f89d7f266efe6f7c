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
    public static func lockDirectory(_ root: URL) -> URL { root.appending(path: ".lock") }
    /// The private copy a demo campaign works in, so that the bundled files stay untouched.
    public static func demoWork(_ sourceRoot: URL) -> URL { sourceRoot.appending(path: demoWorkName) }
    static let demoWorkName = ".demo-work"

    /// Size caps, checked before a file is read: a runaway or hostile file must not exhaust memory.
    public static let maxDossiersBytes = 256 << 20
    public static let maxCampaignBytes = 4 << 20
    public static let maxJuryBytes = 4 << 20
    public static let maxSheetBytes = 1 << 20
}
