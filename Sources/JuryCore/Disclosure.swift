/// What one jury member may learn of other members' opinions. Every screen, aggregate,
/// export and command goes through here, so that blind review and conflicts of interest
/// hold everywhere (aggregate leaks were real bugs in well-known review systems).
public struct Disclosure: Sendable {
    public let viewer: JuryMember
    public let visibility: ScoreVisibility
    /// The dossier a séance has in discussion, when the campaign lets it lift blind review on it.
    public let discussedOpenly: Int?

    /// `inDiscussion`: the dossier the séance in progress discusses, if any.
    public init(viewer: JuryMember, campaign: Campaign, inDiscussion: Int? = nil) {
        self.viewer = viewer
        self.visibility = campaign.visibility
        self.discussedOpenly = campaign.seanceSettings.liftsBlindReview ?? true ? inDiscussion : nil
    }

    /// A conflicted member learns nothing about the dossier beyond what applicants published:
    /// no score, comment, average, rank, count of sheets or deliberation detail.
    public func mayLearnAnything(about dossier: Int) -> Bool {
        !viewer.isConflicted(on: dossier)
    }

    /// Whether others' submitted sheets on this dossier may be shown, given the viewer's own sheet.
    /// The chair sees them all (except where conflicted); a reviewer as the campaign's rule says,
    /// except on the dossier the jury debates in séance, when the campaign lifts blind review there.
    public func mayReadOthers(on dossier: Int, ownSheet: ScoreSheet?) -> Bool {
        guard mayLearnAnything(about: dossier) else { return false }
        if viewer.role == .chair || dossier == discussedOpenly { return true }
        switch visibility {
        case .always: return true
        case .never: return false
        case .afterOwnSubmission: return ownSheet?.status == .submitted
        }
    }

    /// The sheets of others that the viewer may read on one dossier: submitted ones only
    /// (a draft is work in progress, shown to its author alone).
    public func othersSheets(on dossier: Int, sheets: [String: [Int: ScoreSheet]]) -> [ScoreSheet] {
        guard mayReadOthers(on: dossier, ownSheet: sheets[viewer.login]?[dossier]) else { return [] }
        return sheets.keys.sorted().compactMap { login in
            guard login != viewer.login, let sheet = sheets[login]?[dossier], sheet.status == .submitted else { return nil }
            return sheet
        }
    }

    /// Whether the viewer may read a version, current or past, of `reviewer`'s sheet on `dossier`
    /// that had `status`: their own always; another member's only once submitted, and only where
    /// `othersSheets` lets them read that member's sheet now. A draft is its author's alone, at any
    /// time: submitting later does not disclose what it said before.
    public func mayRead(versionOf reviewer: String, status: SheetStatus, on dossier: Int, sheets: [String: [Int: ScoreSheet]]) -> Bool {
        guard mayLearnAnything(about: dossier) else { return false }
        if reviewer == viewer.login { return true }
        return status == .submitted && othersSheets(on: dossier, sheets: sheets).contains { $0.reviewer == reviewer }
    }
}
