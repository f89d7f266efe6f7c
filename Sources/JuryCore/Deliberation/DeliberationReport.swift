/// Everything one jury member may know of the deliberation, assembled once for the board, the
/// `ranking` command and the exports, so that they all show the same figures and withhold the
/// same things: built from a `Panel`, with the allocation disclosed to the same viewer.
public struct DeliberationReport: Sendable {
    public let viewer: JuryMember
    public let jury: Jury
    public let deliberation: Deliberation
    /// What has been decided, less the dossiers the viewer is in conflict on.
    public private(set) var allocation: AllocationState
    /// Under `method`.
    public let analysis: AllocationAnalysis
    public let comparison: MethodComparison
    public let bootstrap: Bootstrap
    /// The viewer's dossiers in the order of the ranking, then those without a score by number.
    public private(set) var rows: [Row]
    /// What the allocation breaks, among the dossiers the viewer may know of (missing motivations:
    /// for the chair only).
    public private(set) var violations: [AllocationAnalysis.Violation]
    /// Dossier number → index in `rows`: the board looks rows up on every frame.
    private var positions: [Int: Int]
    /// While a séance is open: the jury's figures the rows show instead of the viewer's own (`inSeance`).
    public private(set) var seanceFigures: JuryFigures?
    /// The jury's waitlist positions, by dossier, in séance.
    private var seanceWaitlist: [Int: Int] = [:]
    /// The allocation's motivations by dossier. Decisions and motivations are looked up, not
    /// stored in the rows: a chair's change then costs nothing per row, even at 5 000 dossiers.
    private var motivations: [Int: Motivation] = [:]

    public struct Row: Sendable {
        public let dossier: Dossier
        public let verdict: EligibilityVerdict
        /// Nil when the viewer may not read the dossier's scores.
        public let statistics: DossierStatistics?
        public let masked: Bool
        public let scores: [RankingMethod: Double]
        public let ranks: [RankingMethod: Int]
        /// In the optimal proposal under some methods and not others.
        public let dependsOnMethod: Bool
        /// Share of bootstrap resamples whose proposal takes it; nil when it is not a scored candidate.
        public let probability: Double?
        public let debatable: Bool
        public let proposed: Bool
        public let explanation: AllocationAnalysis.Explanation
        public let tie: Tie?
        /// Mean value of each criterion over the submitted sheets, by criterion key.
        public let criterionMeans: [String: Double]

        public var number: Int { dossier.number }
        public var rank: Int? { ranks[method] }
        let method: RankingMethod
    }

    public var method: RankingMethod { analysis.method }
    public var campaign: Campaign { deliberation.campaign }
    public var panel: Panel { deliberation.panel }
    public var isChair: Bool { viewer.role == .chair }

    public init(campaign: Campaign, jury: Jury, dossiers: [Dossier], sheets: [String: [Int: ScoreSheet]], viewer: JuryMember,
                allocation: AllocationState, method: RankingMethod? = nil, resamples: Int = Bootstrap.defaultResamples,
                rapporteurs: [Int: [String]] = [:]) {
        let deliberation = Deliberation(campaign: campaign, jury: jury, dossiers: dossiers, sheets: sheets, viewer: viewer,
                                        drawSeed: allocation.drawSeed, rapporteurs: rapporteurs)
        self.init(deliberation, jury: jury, viewer: viewer, allocation: allocation, method: method ?? allocation.method,
                  resamples: resamples)
    }

    public init(_ deliberation: Deliberation, jury: Jury, viewer: JuryMember, allocation: AllocationState,
                method: RankingMethod, resamples: Int = Bootstrap.defaultResamples) {
        self.init(deliberation, jury: jury, viewer: viewer, allocation: allocation,
                  analysis: AllocationAnalysis(deliberation, method: method), comparison: MethodComparison(deliberation),
                  bootstrap: Bootstrap(deliberation, method: method, resamples: resamples))
    }

    private init(_ deliberation: Deliberation, jury: Jury, viewer: JuryMember, allocation: AllocationState,
                 analysis: AllocationAnalysis, comparison: MethodComparison, bootstrap: Bootstrap) {
        self.viewer = viewer
        self.jury = jury
        self.deliberation = deliberation
        self.analysis = analysis
        self.comparison = comparison
        self.bootstrap = bootstrap
        let allocation = allocation.disclosed(to: Disclosure(viewer: viewer, campaign: deliberation.campaign))
        self.allocation = allocation
        violations = Self.violations(analysis, allocation, viewer)

        let panel = deliberation.panel, method = analysis.method
        let byNumber = Dictionary(uniqueKeysWithValues: panel.dossiers.map { ($0.number, $0) })
        let order = analysis.ranking.entries.map(\.dossier) + analysis.ranking.unscored
        rows = order.map { number in
            let masked = panel.masked.contains(number)
            var scores: [RankingMethod: Double] = [:], ranks: [RankingMethod: Int] = [:]
            for m in RankingMethod.allCases {
                scores[m] = deliberation.score(m, number)
                ranks[m] = comparison.rank(number, m)
            }
            var means: [String: Double] = [:]
            for criterion in panel.criteria {
                means[criterion.key] = Stats.mean((panel.sheets[number] ?? []).compactMap { $0.values[criterion.key].map(Double.init) })
            }
            return Row(dossier: byNumber[number]!, verdict: deliberation.verdicts[number]!,
                       statistics: masked ? nil : deliberation.statistics[number], masked: masked,
                       scores: scores, ranks: ranks, dependsOnMethod: comparison.dependsOnMethod(number),
                       probability: bootstrap.probability[number], debatable: bootstrap.isDebatable(number),
                       proposed: analysis.isProposed(number), explanation: analysis.explanation(number),
                       tie: analysis.ranking.entry(of: number)?.tie, criterionMeans: means, method: method)
        }
        positions = Self.positions(rows)
        motivations = Self.index(allocation.motivations)
    }

    /// The same deliberation with another allocation: the scores, ranks and resamples are kept,
    /// so that each of the chair's changes costs little even on a large campaign.
    public func with(allocation: AllocationState) -> DeliberationReport {
        var copy = self
        copy.allocation = allocation.disclosed(to: Disclosure(viewer: viewer, campaign: campaign))
        // In séance the rules are the jury's, which the next figures bring.
        if seanceFigures == nil { copy.violations = Self.violations(analysis, copy.allocation, viewer) }
        copy.motivations = Self.index(copy.allocation.motivations)
        return copy
    }

    /// What the allocation decided for a dossier; nil until the chair has placed a first one:
    /// before that, « non retenu » would mislead.
    public func decision(_ number: Int) -> Decision? {
        allocation.hasDecisions ? allocation.decision(number) : nil
    }

    public func motivation(_ number: Int) -> Motivation? { motivations[number] }

    private static func index(_ motivations: [Motivation]) -> [Int: Motivation] {
        Dictionary(motivations.map { ($0.dossier, $0) }) { first, _ in first }
    }

    /// Motivations are the chair's to judge, on every sheet: a reviewer's partial panel would find
    /// fault with the choice of dossiers whose scores it cannot read.
    private static func violations(_ analysis: AllocationAnalysis, _ allocation: AllocationState,
                                   _ viewer: JuryMember) -> [AllocationAnalysis.Violation] {
        analysis.violations(allocation).filter { violation in
            guard case .missingMotivation = violation else { return true }
            return viewer.role == .chair
        }
    }

    public func row(_ number: Int) -> Row? { positions[number].map { rows[$0] } }

    /// Laureates, in séance with those a conflict hides from the viewer: the jury's count and budget.
    public var laureateCount: Int { allocation.laureates.count + (seanceFigures?.hiddenLaureates ?? 0) }

    /// The dossier's place on the waitlist (1 for the first), the jury's in séance.
    public func waitlistPosition(_ number: Int) -> Int? {
        if let position = seanceWaitlist[number] { return position }
        return allocation.waitlist.firstIndex(of: number).map { $0 + 1 }
    }

    /// The rank of the last candidate the slots fund in ranking order: the funding line follows it.
    public var fundingRank: Int? {
        if let figures = seanceFigures { return figures.fundingRank }
        return ownFundingRank
    }

    var ownFundingRank: Int? {
        let capacity = analysis.rules.capacity
        guard capacity > 0, analysis.candidates.count >= capacity else { return nil }
        return analysis.candidates[capacity - 1].position + 1
    }

    /// The report as a séance shows it: the jury's ranks, probabilities, proposal and explanations
    /// on the viewer's own rows (their statistics, and what blind review masks, stay theirs), in the
    /// jury's order. A dossier the figures do not know yet (just imported) follows, unranked.
    public func inSeance(_ figures: JuryFigures) -> DeliberationReport {
        var copy = self
        copy.seanceFigures = figures
        copy.seanceWaitlist = Dictionary(figures.entries.compactMap { entry in entry.waitlistPosition.map { (entry.dossier, $0) } }) { first, _ in first }
        var shown: [Row] = [], taken = Set<Int>()
        for entry in figures.entries {
            guard let own = row(entry.dossier) else { continue }
            taken.insert(entry.dossier)
            shown.append(Self.seanceRow(own, entry, figures.method))
        }
        shown += rows.filter { !taken.contains($0.number) }.map { Self.seanceRow($0, nil, figures.method) }
        copy.rows = shown
        copy.positions = Self.positions(shown)
        copy.violations = figures.violations
        return copy
    }

    private static func seanceRow(_ own: Row, _ entry: JuryFigures.Entry?, _ method: RankingMethod) -> Row {
        var ranks: [RankingMethod: Int] = [:], scores = own.scores
        for m in RankingMethod.allCases {
            ranks[m] = entry?.ranks[m.rawValue]
            if let jury = entry?.scores { scores[m] = jury[m.rawValue] }
        }
        // « Fiches 2/5 »: the sheets expected by the jury, the same on every screen.
        let statistics = own.statistics.map { mine in
            entry?.expected.map { DossierStatistics(dossier: mine.dossier, totals: mine.totals, expected: $0, byRapporteurs: mine.byRapporteurs) }
                ?? mine
        }
        return Row(dossier: own.dossier, verdict: own.verdict, statistics: statistics, masked: own.masked, scores: scores,
                   ranks: ranks, dependsOnMethod: entry?.dependsOnMethod ?? false, probability: entry?.probability,
                   debatable: entry?.debatable ?? false, proposed: entry?.proposed ?? false,
                   explanation: entry?.explanation ?? .notScored, tie: entry?.tie, criterionMeans: own.criterionMeans, method: method)
    }

    /// The same rows in `order` (dossier numbers); those it does not name follow, in the report's order.
    public func arranged(_ order: [Int]) -> DeliberationReport {
        var copy = self
        var shown: [Row] = [], taken = Set<Int>()
        for number in order where taken.insert(number).inserted {
            if let row = row(number) { shown.append(row) }
        }
        shown += rows.filter { !taken.contains($0.number) }
        copy.rows = shown
        copy.positions = Self.positions(shown)
        return copy
    }

    private static func positions(_ rows: [Row]) -> [Int: Int] {
        Dictionary(rows.enumerated().map { ($1.number, $0) }) { first, _ in first }
    }

    /// Laureates and waitlist, in their order, as rows.
    public var laureates: [Row] { allocation.laureates.compactMap(row) }
    public var waitlist: [Row] { allocation.waitlist.compactMap(row) }

    /// Declared conflicts of interest, for the chair's eyes only: a reviewer learns nothing of them,
    /// and the chair nothing of a dossier they are in conflict on themselves.
    public var conflicts: [(member: JuryMember, conflict: ConflictOfInterest)] {
        guard isChair else { return [] }
        let disclosure = Disclosure(viewer: viewer, campaign: campaign)
        return jury.members.flatMap { member in
            member.conflicts.filter { disclosure.mayLearnAnything(about: $0.dossier) }.map { (member, $0) }
        }
    }
}
