/// The jury's figures while a séance is open: computed once on the whole campaign (every submitted
/// sheet, as the chair free of any conflict would see them), then given to each member for the
/// dossiers they may see, so that « rang 17 » said aloud names the same dossier on every screen.
/// Only what the séance shows travels: ranks, the probability of being funded, the proposal, the
/// decision's place, the laureates' count and the rules; scores only where the member may read the
/// dossier's sheets; never a sheet. A dossier hidden by a conflict is absent and its rank number
/// stays unused (docs/SERVER.md, « The séance », says what a member may infer from that).
public struct JuryFigures: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var dossier: Int
        /// The jury's rank under each method, by the method's name.
        public var ranks: [String: Int]
        /// The jury's scores by method's name; nil where the member may not read the dossier's sheets.
        public var scores: [String: Double]?
        public var probability: Double?
        public var debatable: Bool
        public var proposed: Bool
        public var dependsOnMethod: Bool
        public var explanation: AllocationAnalysis.Explanation
        /// Nil also when the dossier just above is one the member may not know of.
        public var tie: Tie?
        /// Its place on the jury's waitlist (1 for the first), when it is on it.
        public var waitlistPosition: Int?
        /// The sheets the jury expects on it (`Panel.expected`, counted on the whole jury: a member's
        /// own count would leave out the reviewers whose sheets they may not read yet); nil where
        /// the member may not read the dossier's sheets.
        public var expected: Int?
    }

    /// The allocation's method, which the séance ranks by.
    public var method: RankingMethod
    /// In the jury's ranking order, then the unscored dossiers by number.
    public var entries: [Entry]
    /// Laureates the member cannot see (a conflict): counted in the budget, never named.
    public var hiddenLaureates: Int
    /// What the jury's allocation breaks (a missing motivation: for the chair, on dossiers they may know of).
    public var violations: [AllocationAnalysis.Violation]
    /// The jury's rank of the last candidate the slots fund in ranking order: the funding line follows it.
    public var fundingRank: Int?
    public var resamples: Int
    /// The jury's rater noise σ (Bootstrap), on the method's scale.
    public var noise: Double

    /// The whole campaign's figures under the allocation's method.
    public static func of(campaign: Campaign, jury: Jury, dossiers: [Dossier], sheets: [String: [Int: ScoreSheet]],
                          allocation: AllocationState, rapporteurs: [Int: [String]], resamples: Int) -> JuryFigures {
        // The chair's view, whoever chairs: every sheet submitted, no dossier withheld.
        let whole = JuryMember(login: "", name: "", role: .chair)
        let report = DeliberationReport(campaign: campaign, jury: jury, dossiers: dossiers, sheets: sheets, viewer: whole,
                                        allocation: allocation, method: allocation.method, resamples: resamples, rapporteurs: rapporteurs)
        let waitlist = Dictionary(allocation.waitlist.enumerated().map { ($1, $0 + 1) }) { first, _ in first }
        let entries = report.rows.map { row in
            Entry(dossier: row.number, ranks: Dictionary(uniqueKeysWithValues: row.ranks.map { ($0.key.rawValue, $0.value) }),
                  scores: Dictionary(uniqueKeysWithValues: row.scores.map { ($0.key.rawValue, $0.value) }),
                  probability: row.probability, debatable: row.debatable, proposed: row.proposed, dependsOnMethod: row.dependsOnMethod,
                  explanation: row.explanation, tie: row.tie, waitlistPosition: waitlist[row.number],
                  expected: row.statistics?.expected)
        }
        return JuryFigures(method: report.method, entries: entries, hiddenLaureates: 0, violations: report.violations,
                           fundingRank: report.ownFundingRank, resamples: report.bootstrap.resamples, noise: report.bootstrap.noise)
    }

    /// What `disclosure`'s viewer is shown: the dossiers they are in conflict on left out without
    /// renumbering the others, scores only where they may read the sheets (`sheets`: theirs decide).
    public func disclosed(to disclosure: Disclosure, sheets: [String: [Int: ScoreSheet]], allocation: AllocationState) -> JuryFigures {
        let me = disclosure.viewer
        var copy = self
        copy.entries = entries.compactMap { entry in
            guard disclosure.mayLearnAnything(about: entry.dossier) else { return nil }
            var entry = entry
            if !disclosure.mayReadOthers(on: entry.dossier, ownSheet: sheets[me.login]?[entry.dossier]) {
                entry.scores = nil
                entry.expected = nil
            }
            if let above = entry.tie?.above, !disclosure.mayLearnAnything(about: above) { entry.tie = nil }
            return entry
        }
        copy.hiddenLaureates = allocation.laureates.filter { !disclosure.mayLearnAnything(about: $0) }.count
        copy.violations = violations.filter { violation in
            guard case .missingMotivation(let dossier, _) = violation else { return true }
            return me.role == .chair && disclosure.mayLearnAnything(about: dossier)
        }
        return copy
    }
}
