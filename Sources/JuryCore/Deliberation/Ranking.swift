/// One dossier's place in a ranking.
public struct RankedDossier: Sendable, Equatable {
    public let dossier: Int
    /// 1 for the best; every place is distinct once ties are broken.
    public let rank: Int
    public let score: Double
    /// Set when the dossier just above has the same score: who it is and which rule of the
    /// campaign's tie-break policy put this one below (nil: the dossier numbers, as a last resort).
    public let tie: Tie?
}

public struct Tie: Codable, Sendable, Equatable {
    public let above: Int
    public let decidedBy: TieBreakRule?

    public init(above: Int, decidedBy: TieBreakRule?) {
        self.above = above
        self.decidedBy = decidedBy
    }
}

public struct Ranking: Sendable {
    public let method: RankingMethod
    /// Best first.
    public let entries: [RankedDossier]
    /// Dossiers of the panel without a score: no submitted sheet, or masked for the viewer.
    public let unscored: [Int]
    private let ranks: [Int: Int]

    init(method: RankingMethod, entries: [RankedDossier], unscored: [Int]) {
        self.method = method
        self.entries = entries
        self.unscored = unscored
        ranks = Dictionary(uniqueKeysWithValues: entries.map { ($0.dossier, $0.rank) })
    }

    public func rank(of dossier: Int) -> Int? { ranks[dossier] }
    public func entry(of dossier: Int) -> RankedDossier? { ranks[dossier].map { entries[$0 - 1] } }
}

extension Deliberation {
    /// Scores closer than this are equal: weighted totals of different sheets may differ in the
    /// last bits of a Double while meaning the same score.
    static func key(_ value: Double) -> Double { (value * 1e9).rounded() }

    public func ranking(_ method: RankingMethod) -> Ranking {
        var scored: [(dossier: Int, key: Double, score: Double)] = []
        var unscored: [Int] = []
        for dossier in panel.dossiers {
            if let score = score(method, dossier.number) {
                scored.append((dossier.number, Self.key(score), score))
            } else {
                unscored.append(dossier.number)
            }
        }
        scored.sort { a, b in a.key != b.key ? a.key > b.key : tieBreak(a.dossier, b.dossier).first }
        let entries = scored.enumerated().map { i, item in
            let tie = i > 0 && scored[i - 1].key == item.key
                ? Tie(above: scored[i - 1].dossier, decidedBy: tieBreak(scored[i - 1].dossier, item.dossier).rule) : nil
            return RankedDossier(dossier: item.dossier, rank: i + 1, score: item.score, tie: tie)
        }
        return Ranking(method: method, entries: entries, unscored: unscored)
    }

    /// Between two dossiers of equal score: whether `a` goes first, and the rule that decided
    /// (nil when every rule of the policy left them equal and the numbers decided).
    func tieBreak(_ a: Int, _ b: Int) -> (first: Bool, rule: TieBreakRule?) {
        let sa = statistics[a], sb = statistics[b]
        for rule in campaign.tieBreak {
            switch rule {
            case .higherMedian:
                let ma = sa?.median.map(Self.key) ?? -.infinity, mb = sb?.median.map(Self.key) ?? -.infinity
                if ma != mb { return (ma > mb, rule) }
            case .lowerDisagreement:
                // Unknown (fewer than two sheets) counts as the widest disagreement.
                let da = sa?.disagreement.map(Self.key) ?? .infinity, db = sb?.disagreement.map(Self.key) ?? .infinity
                if da != db { return (da < db, rule) }
            case .moreSheets:
                let na = sa?.submitted ?? 0, nb = sb?.submitted ?? 0
                if na != nb { return (na > nb, rule) }
            case .recordedDraw:
                let seed = UInt64(drawSeed)
                let ta = SeededGenerator.ticket(seed: seed, dossier: a), tb = SeededGenerator.ticket(seed: seed, dossier: b)
                if ta != tb { return (ta < tb, rule) }
            }
        }
        return (a < b, nil)
    }
}

/// Ranks under every method side by side, and whether a dossier's place in the optimal proposal
/// (the exact allocator under the campaign's rules) depends on the method chosen.
public struct MethodComparison: Sendable {
    public let rankings: [RankingMethod: Ranking]
    /// The methods under whose ranking the proposal takes the dossier.
    public let inside: [Int: Set<RankingMethod>]

    public init(_ deliberation: Deliberation) {
        let rules = AllocationRules(deliberation.campaign)
        let regions = Dictionary(uniqueKeysWithValues: deliberation.panel.dossiers.map { ($0.number, $0.address.region) })
        var rankings: [RankingMethod: Ranking] = [:], inside: [Int: Set<RankingMethod>] = [:]
        for method in RankingMethod.allCases {
            let ranking = deliberation.ranking(method)
            rankings[method] = ranking
            let candidates = AllocationAnalysis.candidates(ranking, deliberation, regions: regions)
            for dossier in Allocator.propose(candidates, rules: rules) { inside[dossier, default: []].insert(method) }
        }
        self.rankings = rankings
        self.inside = inside
    }

    public func rank(_ dossier: Int, _ method: RankingMethod) -> Int? { rankings[method]?.rank(of: dossier) }

    /// In the proposal under some methods and not under others.
    public func dependsOnMethod(_ dossier: Int) -> Bool {
        let count = inside[dossier]?.count ?? 0
        return count > 0 && count < RankingMethod.allCases.count
    }
}
