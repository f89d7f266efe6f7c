/// The submitted sheets a deliberation is computed from, as one jury member may know them.
/// Every aggregate, ranking, normalisation and draw is computed from a panel, never from the
/// store's sheets: what Disclosure withholds cannot leak through a mean, a rank, a count or a
/// reviewer's calibration (HotCRP's aggregate leaks: docs/ARCHITECTURE.md, « Blind review »).
public struct Panel: Sendable {
    /// The dossiers the viewer may know of, in number order (conflicts of interest left out).
    public let dossiers: [Dossier]
    /// Dossiers whose scores the viewer may not read yet (blind review): shown, never scored.
    public let masked: Set<Int>
    /// How many dossiers are left out for a conflict of interest: counted, never named.
    public let hiddenForConflict: Int
    /// Submitted sheets by dossier, in reviewer order, for the dossiers that are not masked.
    public let sheets: [Int: [ScoreSheet]]
    /// Reviewers expected to score each dossier: its rapporteurs (still reviewers of the jury, free of
    /// conflict on it). A dossier nobody was assigned to expects, as before assignments existed, the
    /// jury's reviewers without a conflict on it who have begun scoring (a sheet on any dossier): a
    /// member who has not opened a single sheet (a newcomer to the demo, someone who left) would lower
    /// everyone's count for nothing.
    public let expected: [Int: Int]
    /// Each dossier's rapporteurs; absent for a dossier nobody was assigned to. Other members' sheets
    /// count all the same.
    public let rapporteurs: [Int: Set<String>]
    public let criteria: [Criterion]
    /// Each submitted sheet's weighted total, computed once: every statistic and method reads them.
    private let totalsByDossier: [Int: [(reviewer: String, total: Double)]]

    /// The panel as `viewer` may know it. Only the submitted sheets of the jury's reviewers count:
    /// a draft is work in progress, and a sheet from someone who has left the jury or has since
    /// declared a conflict on the dossier is kept on disk for the record, not counted.
    public init(campaign: Campaign, jury: Jury, dossiers: [Dossier], sheets: [String: [Int: ScoreSheet]],
                viewer: JuryMember, rapporteurs: [Int: [String]] = [:], inDiscussion: Int? = nil) {
        let disclosure = Disclosure(viewer: viewer, campaign: campaign, inDiscussion: inDiscussion)
        let visible = dossiers.filter { disclosure.mayLearnAnything(about: $0.number) }.sorted { $0.number < $1.number }
        let reviewers = jury.reviewers
        let scoring = reviewers.filter { !(sheets[$0.login]?.isEmpty ?? true) }
        var masked = Set<Int>(), kept: [Int: [ScoreSheet]] = [:], expected: [Int: Int] = [:]
        let lateSheetsCount = campaign.seanceSettings.lateSheetsCount ?? true
        for dossier in visible {
            let number = dossier.number
            if let assigned = rapporteurs[number], !assigned.isEmpty {
                expected[number] = reviewers.filter { assigned.contains($0.login) && !$0.isConflicted(on: number) }.count
            } else {
                expected[number] = scoring.filter { !$0.isConflicted(on: number) }.count
            }
            let own = sheets[viewer.login]?[number]
            guard disclosure.mayReadOthers(on: number, ownSheet: own) else {
                masked.insert(number)
                continue
            }
            let readable = disclosure.othersSheets(on: number, sheets: sheets) + [own].compactMap { $0 }
            kept[number] = readable
                .filter { sheet in
                    sheet.status == .submitted && (lateSheetsCount || sheet.submittedAfterDiscussion != true)
                        && reviewers.contains { $0.login == sheet.reviewer && !$0.isConflicted(on: number) }
                }
                .sorted { $0.reviewer < $1.reviewer }
        }
        self.dossiers = visible
        self.masked = masked
        self.hiddenForConflict = dossiers.count - visible.count
        self.sheets = kept
        self.expected = expected
        let known = Set(visible.map(\.number))
        self.rapporteurs = rapporteurs.filter { known.contains($0.key) && !$0.value.isEmpty }.mapValues(Set.init)
        self.criteria = campaign.criteria
        totalsByDossier = kept.mapValues { sheets in
            sheets.compactMap { sheet in sheet.weightedTotal(in: campaign.criteria).map { (sheet.reviewer, $0) } }
        }
    }

    /// The statistics of a dossier's counted sheets, against the sheets it expects.
    public func statistics(_ dossier: Int) -> DossierStatistics {
        let totals = totals(dossier)
        return DossierStatistics(dossier: dossier, totals: totals.map(\.total), expected: expected[dossier] ?? 0,
                                 byRapporteurs: rapporteurs[dossier].map { assigned in totals.filter { assigned.contains($0.reviewer) }.count })
    }

    /// The weighted total of each submitted sheet of a dossier, with its reviewer.
    public func totals(_ dossier: Int) -> [(reviewer: String, total: Double)] { totalsByDossier[dossier] ?? [] }
}
