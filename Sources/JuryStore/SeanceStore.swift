import Foundation
import JuryCore

extension Seances: VersionedDocument {}

extension CampaignFiles {
    /// The jury's meetings (see docs/STORE.md).
    public static func seances(_ root: URL) -> URL { root.appending(path: "seances.json") }
    public static let maxSeancesBytes = 16 << 20
}

extension CampaignStore {
    /// The séances as on disk now, or none (revision 0) before the first. Checked like the other
    /// files: syntax with a line and column, types with a field path, dossier numbers against dossiers.json.
    public func loadSeances() throws(StoreFailure) -> Seances {
        let numbers = Set(dossiers.map(\.number))
        return try loadDecisions(Seances.self, CampaignFiles.seances(root), limit: CampaignFiles.maxSeancesBytes) {
            $0.problems(dossiers: numbers)
        }?.sanitized() ?? Seances()
    }
}
