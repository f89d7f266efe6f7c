import Foundation
import JuryCore

/// The rules a campaign's files must satisfy together, checked when they are read and before
/// anything is written: the store never writes a state it would refuse to open.
enum Consistency {
    static func campaign(_ campaign: Campaign, _ url: URL) -> [StoreProblem] {
        var found = campaign.problems().map { StoreProblem(url, $0) }
        // A group's name follows the rules of an account's.
        if let group = campaign.shared?.group, !Jury.isValidLogin(group) {
            found.append(StoreProblem(url, fieldPath: "shared.group", Localized(.invalidUnixGroupName, ["group": group])))
        }
        return found
    }

    static func jury(_ jury: Jury, _ url: URL) -> [StoreProblem] {
        jury.problems().map { StoreProblem(url, $0) }
    }

    static func dossiers(_ dossiers: [Dossier], _ url: URL) -> [StoreProblem] {
        var found: [StoreProblem] = []
        var firstIndex: [Int: Int] = [:]
        for (index, dossier) in dossiers.enumerated() {
            found += dossier.problems(at: index).map { StoreProblem(url, $0) }
            if let first = firstIndex[dossier.number] {
                found.append(StoreProblem(url, fieldPath: "dossiers[\(index)].number",
                                          Localized(.duplicateNumberAlreadyBorneByDossiers, ["number": dossier.number, "index": first])))
            } else {
                firstIndex[dossier.number] = index
            }
        }
        return found
    }

    /// A sheet against the dossiers and the grid (either may be unknown when its file failed).
    static func sheet(_ sheet: ScoreSheet, _ url: URL, dossiers: Set<Int>?, grid: [Criterion]?) -> [StoreProblem] {
        var found: [StoreProblem] = []
        if let dossiers, !dossiers.contains(sheet.dossier) {
            found.append(StoreProblem(url, fieldPath: "dossier", Localized(.unknownDossierNoNotInDossiersJson, ["dossier": sheet.dossier])))
        }
        if let grid { found += sheet.problems(grid: grid).map { StoreProblem(url, $0) } }
        return found
    }

    /// What only a writer must respect: a sheet is written by a jury member free of conflict.
    static func authorship(_ sheet: ScoreSheet, _ url: URL, jury: Jury) -> [StoreProblem] {
        guard let member = jury.member(sheet.reviewer) else {
            return [StoreProblem(url, fieldPath: "reviewer", Localized(.reviewerIsNotAJuryMember, ["reviewer": sheet.reviewer]))]
        }
        guard !member.isConflicted(on: sheet.dossier) else {
            return [StoreProblem(url, fieldPath: "dossier",
                                 Localized(.hasAConflictOfInterestOnDossier, ["reviewer": sheet.reviewer, "dossier": sheet.dossier]))]
        }
        return []
    }

    /// The path of a sheet is built from its reviewer: refuse anything that could leave the directory.
    static func sheetURL(_ root: URL, _ sheet: ScoreSheet) throws(StoreProblem) -> URL {
        guard Jury.isValidLogin(sheet.reviewer) else {
            throw StoreProblem(CampaignFiles.reviewers(root), fieldPath: "reviewer",
                               Localized(.loginInvalidAsADirectoryName, ["reviewer": sheet.reviewer]))
        }
        return CampaignFiles.sheet(root, sheet.reviewer, sheet.dossier)
    }
}
