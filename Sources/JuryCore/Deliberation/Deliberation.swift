/// How the dossiers are ranked; the chair chooses, every output says which.
public enum RankingMethod: String, Codable, Sendable, CaseIterable {
    /// Mean of the weighted totals.
    case mean
    case median
    /// Mean after each reviewer's scores are normalised (z-score), see `ZScoreNormalisation`.
    case zscore
    /// Merit f_d of the additive bias model, see `BiasModel`.
    case bias

    public var next: RankingMethod {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// Everything the jury's deliberation computes from one panel: per-dossier statistics, the two
/// normalisations and the rankings. Pure: the same panel and seed always give the same result.
public struct Deliberation: Sendable {
    public let campaign: Campaign
    public let panel: Panel
    /// By dossier number, for the dossiers of the panel (a masked one has no sheet).
    public let statistics: [Int: DossierStatistics]
    public let zscore: ZScoreNormalisation
    public let bias: BiasModel
    public let verdicts: [Int: EligibilityVerdict]
    /// Seed of the recorded draw, the last tie-break and the bootstrap’s draws of rater noise.
    public let drawSeed: Int

    /// `verdicts`: eligibility already evaluated by the caller (the console keeps it), by number.
    public init(campaign: Campaign, panel: Panel, drawSeed: Int, verdicts: [Int: EligibilityVerdict] = [:]) {
        self.campaign = campaign
        self.panel = panel
        self.drawSeed = drawSeed
        statistics = Dictionary(uniqueKeysWithValues: panel.dossiers.map { ($0.number, panel.statistics($0.number)) })
        zscore = ZScoreNormalisation(panel: panel)
        bias = BiasModel(panel: panel)
        self.verdicts = Dictionary(uniqueKeysWithValues: panel.dossiers.map { ($0.number, verdicts[$0.number] ?? Eligibility.evaluate($0, in: campaign)) })
    }

    /// The deliberation as `viewer` may know it (see `Panel`).
    public init(campaign: Campaign, jury: Jury, dossiers: [Dossier], sheets: [String: [Int: ScoreSheet]],
                viewer: JuryMember, drawSeed: Int, verdicts: [Int: EligibilityVerdict] = [:], rapporteurs: [Int: [String]] = [:],
                inDiscussion: Int? = nil) {
        self.init(campaign: campaign, panel: Panel(campaign: campaign, jury: jury, dossiers: dossiers, sheets: sheets, viewer: viewer,
                                                   rapporteurs: rapporteurs, inDiscussion: inDiscussion),
                  drawSeed: drawSeed, verdicts: verdicts)
    }

    /// Each submitted sheet of a dossier on the method's scale: raw totals for the mean and the
    /// median, normalised ones for the z-score, totals less the reviewer's bias for the model.
    public func values(_ method: RankingMethod, _ dossier: Int) -> [Double] {
        let totals = panel.totals(dossier)
        switch method {
        case .mean, .median: return totals.map(\.total)
        case .zscore: return totals.map { zscore.value($0.total, by: $0.reviewer) }
        case .bias: return totals.map { bias.value($0.total, by: $0.reviewer) }
        }
    }

    /// The dossier's score under a method; nil without a submitted sheet (or when masked).
    public func score(_ method: RankingMethod, _ dossier: Int) -> Double? {
        switch method {
        case .mean: return statistics[dossier]?.mean
        case .median: return statistics[dossier]?.median
        case .zscore: return Stats.mean(values(.zscore, dossier))
        case .bias: return bias.merits[dossier]
        }
    }

    /// Whether the allocation may pick the dossier without a motivation's say-so.
    public func isCandidate(_ dossier: Int) -> Bool {
        !campaign.constraints.eligibleOnly || verdicts[dossier]?.isEligible == true
    }
}
