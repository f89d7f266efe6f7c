import Foundation

/// How sure the ranking is: a parametric bootstrap of the raters' noise. Each resample scores every
/// candidate again as its sheets would have, had other raters of the same jury scored it: its score
/// plus the noise of as many sheets, drawn from the jury's pooled within-dossier disagreement
/// (`noise`), so that σ/√n goes with the mean (and the median of n draws with the median). The
/// candidates are then ranked as the ranking ranks them (score, then the campaign's tie-break on
/// their sheets, the draw last) and the exact allocator runs on that ranking under the campaign's
/// rules (capacity from the budget, regional cap, overseas floor, eligibility): the share of
/// resamples whose proposal takes a dossier is its probability of being funded (after the Swiss
/// National Science Foundation's practice), and the probabilities add up to the number funded.
///
/// Why not resample each dossier's own sheets: one sheet, or identical sheets, resample into
/// themselves, so the fewer the sheets the surer the dossier looked. Here uncertainty only grows as
/// sheets are taken away. The reviewers' corrections (z-score, bias) are fitted once, on the real
/// sheets, and not refitted in each resample: the noise is measured on the corrected values, so a
/// reviewer's habit that the correction takes out is not counted as noise (README, « Deliberation »).
public struct Bootstrap: Sendable {
    /// Probabilities in this range are the « zone à discuter »: the data do not settle them.
    public static let debatable: ClosedRange<Double> = 0.2...0.8
    public static let defaultResamples = 1_000

    /// The board's draws: fewer on a large campaign keep it quick to open (`ptce-jury ranking
    /// --resamples` gives more): 1 000 up to 500 dossiers, 100 for 5 000. The séance's figures use
    /// the same, so that every board shows the same probabilities.
    public static func boardResamples(dossiers: Int) -> Int { min(defaultResamples, max(100, 500_000 / max(1, dossiers))) }

    public let resamples: Int
    /// The standard deviation of one sheet around its dossier's score, on the method's scale.
    public let noise: Double
    /// By dossier number, for the candidates with a score.
    public let probability: [Int: Double]

    public func isDebatable(_ dossier: Int) -> Bool { probability[dossier].map(Self.debatable.contains) ?? false }

    /// Stops early when `Cancellation.current` says so (the jury server's time limit, a client gone):
    /// `resamples` is then the number done, and the work is marked unfinished there.
    public init(_ deliberation: Deliberation, method: RankingMethod, resamples: Int = Bootstrap.defaultResamples) {
        let noise = Self.raterNoise(deliberation, method)
        self.noise = noise
        let rules = AllocationRules(deliberation.campaign)
        let regions = Dictionary(uniqueKeysWithValues: deliberation.panel.dossiers.map { ($0.number, $0.address.region) })
        // In the campaign's tie-break order, which then settles equal resampled scores.
        let candidates = deliberation.panel.dossiers.map(\.number)
            .filter { deliberation.isCandidate($0) && deliberation.score(method, $0) != nil }
            .sorted { deliberation.tieBreak($0, $1).first }
        let centres = candidates.map { deliberation.score(method, $0)! }
        let sheets = candidates.map { deliberation.values(method, $0).count }
        let index = Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($1, $0) })
        // The allocator takes a region's best dossiers first and at most the regional cap of them:
        // only each region's leaders can be funded, so each resample hands it only those.
        let codes = Array(Set(candidates.map { regions[$0]!.code })).sorted()
        let group = candidates.map { codes.firstIndex(of: regions[$0]!.code)! }
        let overseas = candidates.map { Regions.isOverseas(regions[$0]!) }
        var leaders = codes.map { _ in TopK(capacity: min(rules.maxPerRegion ?? rules.capacity, rules.capacity)) }
        // The mean of n draws is one draw of σ/√n; a median needs its n draws.
        let spread = sheets.map { noise / Double($0).squareRoot() }
        let useMedian = method == .median && noise > 0
        var generator = Gaussian(seed: UInt64(deliberation.drawSeed))
        var hits = [Int](repeating: 0, count: candidates.count)
        var draws: [Double] = []
        var done = 0
        // A cancellation point every 64 resamples: about 30 ms apart at 5 000 dossiers.
        while done < resamples, done % 64 != 0 || !Cancellation.stops() {
            done += 1
            for g in leaders.indices { leaders[g].removeAll() }
            for i in candidates.indices {
                let score: Double
                if useMedian {
                    draws.removeAll(keepingCapacity: true)
                    for _ in 0..<sheets[i] { draws.append(generator.next()) }
                    score = centres[i] + noise * Stats.median(draws)!
                } else {
                    score = noise > 0 ? centres[i] + spread[i] * generator.next() : centres[i]
                }
                leaders[group[i]].offer(key: Deliberation.key(score), score: score, index: i)
            }
            // Ranked as the ranking ranks: score, then the tie-break order the candidates are in.
            let ranked = leaders.flatMap(\.items).sorted { $0.key != $1.key ? $0.key > $1.key : $0.index < $1.index }
            let pool = ranked.enumerated().map { position, item in
                Candidate(dossier: candidates[item.index], score: item.score, position: position,
                          region: codes[group[item.index]], overseas: overseas[item.index])
            }
            for dossier in Allocator.propose(pool, rules: rules) { hits[index[dossier]!] += 1 }
        }
        self.resamples = done
        probability = Dictionary(uniqueKeysWithValues: candidates.enumerated().map {
            ($1, done > 0 ? Double(hits[$0]) / Double(done) : 0)
        })
    }

    /// One sheet's standard deviation around its dossier's score, on the method's scale (the
    /// median's is the mean's): √(Σ_d Σ_r (v_dr − v̄_d)² / Σ_d (n_d − 1)) over every dossier of the
    /// panel, eligible or not. A dossier's own spread is not used: from two or three sheets it is
    /// mostly luck (two sheets that agree would make it certain). Without a dossier of two sheets
    /// there is nothing to measure raters by: the spread of all the sheets stands in, an upper bound.
    public static func raterNoise(_ deliberation: Deliberation, _ method: RankingMethod) -> Double {
        let valueMethod: RankingMethod = method == .median ? .mean : method
        var squares = 0.0, freedom = 0, all: [Double] = []
        for dossier in deliberation.panel.dossiers {
            let values = deliberation.values(valueMethod, dossier.number)
            all += values
            guard values.count >= 2 else { continue }
            let mean = Stats.mean(values)!
            squares += values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            freedom += values.count - 1
        }
        return freedom > 0 ? (squares / Double(freedom)).squareRoot() : Stats.standardDeviation(all) ?? 0
    }
}

/// Standard normal draws from the deliberation's seeded generator (Marsaglia's polar method), so
/// that the probabilities are the same on every run for the same seed.
private struct Gaussian {
    private var uniform: SeededGenerator
    private var spare: Double?

    init(seed: UInt64) { uniform = SeededGenerator(seed: seed) }

    mutating func next() -> Double {
        if let spare {
            self.spare = nil
            return spare
        }
        while true {
            let u = 2 * unit() - 1, v = 2 * unit() - 1, s = u * u + v * v
            guard s > 0 && s < 1 else { continue }
            let factor = (-2 * log(s) / s).squareRoot()
            spare = v * factor
            return u * factor
        }
    }

    private mutating func unit() -> Double { Double(uniform.next() >> 11) * 0x1p-53 }
}

/// A region's best `capacity` offers, kept sorted (best first): linear in the number of candidates
/// for the handful a region can have funded, where sorting every resample would dominate.
private struct TopK {
    typealias Offer = (key: Double, score: Double, index: Int)
    let capacity: Int
    private(set) var items: [Offer] = []

    init(capacity: Int) {
        self.capacity = capacity
        items.reserveCapacity(capacity + 1)
    }

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    /// `key`: the score as ranks compare it; ties go to the lower index, the campaign's tie-break order.
    mutating func offer(key: Double, score: Double, index: Int) {
        func better(_ a: Offer) -> Bool { key != a.key ? key > a.key : index < a.index }
        guard capacity > 0 else { return }
        if items.count == capacity, let last = items.last, !better(last) { return }
        var at = items.count
        while at > 0 && better(items[at - 1]) { at -= 1 }
        items.insert((key, score, index), at: at)
        if items.count > capacity { items.removeLast() }
    }
}
