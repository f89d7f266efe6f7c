/// The whole deliberation as it stood when the chair finalised it (`finalisations/` in the
/// campaign): what it was computed from, and the figures the chair saw. Every export made after
/// the finalisation is computed from it, with the finalisation's instant as its date, so that the
/// same export made again gives the same bytes whatever happened to the files since.
public struct DeliberationSnapshot: Codable, Sendable, Equatable {
    public struct Figures: Codable, Sendable, Equatable {
        public var dossier: Int
        public var submitted: Int?
        public var expected: Int?
        /// Score and rank under every method (keys: the methods' names).
        public var scores: [String: Double]
        public var ranks: [String: Int]
        /// Under the allocation's method.
        public var fundingProbability: Double?
        public var decision: Decision
    }

    public var schemaVersion: Int
    public var finalized: Finalization
    public var campaign: Campaign
    public var jury: Jury
    public var dossiers: [Dossier]
    /// Every sheet, by reviewer then dossier number.
    public var sheets: [ScoreSheet]
    public var assignments: Assignments
    public var seances: Seances
    public var allocation: AllocationState
    /// The journal's last entry when finalising (« n° 12, sha256 … »), printed in the minutes.
    public var journalHead: String?
    public var figures: [Figures]

    /// `allocation` as finalised by `finalized`.
    public init(_ finalized: Finalization, allocation: AllocationState, campaign: Campaign, jury: Jury, dossiers: [Dossier], sheets: [String: [Int: ScoreSheet]],
                assignments: Assignments, seances: Seances, journalHead: String?) {
        schemaVersion = currentSchemaVersion
        self.finalized = finalized
        self.campaign = campaign
        self.jury = jury
        self.dossiers = dossiers
        self.sheets = sheets.keys.sorted().flatMap { reviewer in sheets[reviewer]!.keys.sorted().map { sheets[reviewer]![$0]! } }
        self.assignments = assignments
        self.seances = seances
        self.allocation = allocation
        self.journalHead = journalHead
        figures = []
        if let chair = jury.member(finalized.by) {
            let report = self.report(for: chair)
            figures = report.rows.map { row in
                Figures(dossier: row.number, submitted: row.statistics?.submitted, expected: row.statistics?.expected,
                        scores: Dictionary(uniqueKeysWithValues: row.scores.map { ($0.key.rawValue, $0.value) }),
                        ranks: Dictionary(uniqueKeysWithValues: row.ranks.map { ($0.key.rawValue, $0.value) }),
                        fundingProbability: row.probability, decision: allocation.decision(row.number))
            }
        }
    }

    /// What `viewer` may know of the frozen deliberation (Disclosure applies as on the live one).
    public func report(for viewer: JuryMember, resamples: Int = Bootstrap.defaultResamples) -> DeliberationReport {
        var byReviewer: [String: [Int: ScoreSheet]] = [:]
        for sheet in sheets { byReviewer[sheet.reviewer, default: [:]][sheet.dossier] = sheet }
        return DeliberationReport(campaign: campaign, jury: jury, dossiers: dossiers, sheets: byReviewer, viewer: viewer,
                                  allocation: allocation, resamples: resamples, rapporteurs: assignments.byDossier)
    }
}
