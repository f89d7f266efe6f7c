import Foundation
import JuryCore

/// Earlier versions of a submitted sheet that was reopened and changed: a submitted opinion is
/// never lost, reviewers/<login>/history/<number>/<UTC instant>.json, one file per reopening.
enum SheetHistory {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func archive(_ sheet: ScoreSheet, _ root: URL) throws(StoreProblem) {
        let directory = CampaignFiles.history(root, sheet.reviewer, sheet.dossier)
        try DurableFile.createDirectory(directory)
        DurableFile.removeStaleTemporaries(in: directory)
        let stamp = Date().formatted(style)
        // Two reopenings in the same millisecond keep both versions.
        var url = directory.appending(path: "\(stamp).json"), suffix = 1
        while FileManager.default.fileExists(atPath: url.path) {
            suffix += 1
            url = directory.appending(path: "\(stamp)-\(suffix).json")
        }
        try DurableFile.write(try Document.encode(sheet, url), to: url)
    }

    /// Oldest first; files that do not load are skipped (`check` reports nothing about history).
    static func versions(_ root: URL, _ login: String, _ number: Int) -> [ScoreSheet] {
        let directory = CampaignFiles.history(root, login, number)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0.hasSuffix(".json") }.sorted().compactMap { name in
            (try? Document.load(ScoreSheet.self, from: directory.appending(path: name), limit: CampaignFiles.maxSheetBytes))??
                .sanitized()
        }.filter { $0.reviewer == login && $0.dossier == number }
    }

    /// Temporaries a killed archiving left behind, in every history directory of `login`.
    static func removeStaleTemporaries(_ root: URL, _ login: String) {
        let base = CampaignFiles.reviewerDirectory(root, login).appending(path: "history")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? [] {
            DurableFile.removeStaleTemporaries(in: base.appending(path: name))
        }
    }
}

extension CampaignStore {
    /// The versions a reviewer's sheet had each time it was reopened after submission, oldest first.
    public func history(reviewer: String, dossier: Int) -> [ScoreSheet] {
        guard Jury.isValidLogin(reviewer) else { return [] }
        return SheetHistory.versions(root, reviewer, dossier)
    }

    /// Those versions as a member may read them (`Disclosure.mayRead(versionOf:)`): all of their
    /// own; of another member's, the submitted ones, where they may read that member's sheet now.
    public func history(reviewer: String, dossier: Int, disclosedTo disclosure: Disclosure) -> [ScoreSheet] {
        let sheets = self.sheets
        return history(reviewer: reviewer, dossier: dossier).filter {
            disclosure.mayRead(versionOf: $0.reviewer, status: $0.status, on: $0.dossier, sheets: sheets)
        }
    }
}
