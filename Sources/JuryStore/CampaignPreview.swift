import Foundation
import JuryCore
#if canImport(Glibc)
import Glibc
#endif

/// The first screenful of a large campaign, read in a fraction of the time the whole campaign
/// takes to validate: the console draws it at once, then opens the store as usual and takes keys
/// only once everything is validated. Nothing here is ever written or trusted beyond that frame.
public struct CampaignPreview: Sendable {
    public var campaign: Campaign
    /// jury.json with my own declared conflicts merged in.
    public var jury: Jury
    /// The first dossiers of dossiers.json, sanitized, without those I have a conflict of interest on.
    public var dossiers: [Dossier]
    /// My sheets on those dossiers, sanitized.
    public var sheets: [Int: ScoreSheet]

    /// Below this size dossiers.json is validated in well under the time a preview would save.
    public static let worthwhileBytes = 4 << 20

    /// Reads the preview of the campaign at `source` for `login`; nil when the campaign is small,
    /// `login` is not in its jury, or anything does not read cleanly (the full open then says why).
    public static func read(_ source: URL, login: String, dossiers limit: Int = 250,
                            worthwhile: Int = worthwhileBytes) -> CampaignPreview? {
        var info = stat()
        guard stat(CampaignFiles.dossiers(source).path, &info) == 0, Int(info.st_size) >= worthwhile,
              let root = try? DemoWorkspace.root(for: source),
              let campaign = try? Document.load(Campaign.self, from: CampaignFiles.campaign(root), limit: CampaignFiles.maxCampaignBytes),
              let juryFile = try? Document.load(Jury.self, from: CampaignFiles.jury(root), limit: CampaignFiles.maxJuryBytes),
              juryFile.member(login) != nil,
              let data = try? FileReader.read(CampaignFiles.dossiers(root), limit: CampaignFiles.maxDossiersBytes),
              let elements = JSONText.firstElements(under: "dossiers", in: data, count: limit) else { return nil }
        // Whatever my conflicts file holds is hidden, even where the full open would not trust it:
        // a preview may hide more than the console later shows, never less.
        var ignored: [StoreProblem] = []
        let jury = juryFile.merging(DeclaredConflicts.load(root, logins: [login], &ignored))
        guard let me = jury.member(login) else { return nil }
        guard let read = TokenReader.decode([Dossier].self, from: JSONText.list(elements[...], of: data)) else { return nil }
        let dossiers = read.filter { !me.isConflicted(on: $0.number) }.map { $0.sanitized() }.sorted { $0.number < $1.number }
        return CampaignPreview(campaign: campaign.sanitized(), jury: jury.sanitized(), dossiers: dossiers,
                               sheets: mySheets(root, login: login, on: dossiers.map(\.number)))
    }

    /// The sheets the full open would take as mine.
    private static func mySheets(_ root: URL, login: String, on numbers: [Int]) -> [Int: ScoreSheet] {
        var sheets: [Int: ScoreSheet] = [:]
        for number in numbers {
            let url = CampaignFiles.sheet(root, login, number)
            guard let sheet = try? Document.load(ScoreSheet.self, from: url, limit: CampaignFiles.maxSheetBytes),
                  sheet.reviewer == login, sheet.dossier == number else { continue }
            sheets[number] = sheet.sanitized()
        }
        return sheets
    }
}
