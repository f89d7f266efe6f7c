/// How sure the ranking is: each dossier's submitted sheets are resampled with replacement, the
/// candidates ranked again, and the exact allocator run on that ranking under the campaign's rules
/// (capacity from the budget, regional cap, overseas floor, eligibility): the share of resamples
/// whose proposal takes a dossier is its probability of being funded (after the Swiss National
/// Science Foundation's practice), and the probabilities add up to the number funded. The
/// reviewers' corrections (z-score, bias) are estimated once, on the real sheets.
public struct Bootstrap: Sendable {
    /// Probabilities in this range are the « zone à discuter »: the data do not settle them.
    public static let debatable: ClosedRange<Double> = 0.2...0.8
    public static let defaultResamples = 1_000

    public let resamples: Int
    /// By dossier number, for the candidates with a score.
    public let probability: [Int: Double]

    public func isDebatable(_ dossier: Int) -> Bool { probability[dossier].map(Self.debatable.contains) ?? false }

    public init(_ deliberation: Deliberation, method: RankingMethod, resamples: Int = Bootstrap.defaultResamples) {
        self.resamples = resamples
        let rules = AllocationRules(deliberation.campaign)
        let regions = Dictionary(uniqueKeysWithValues: deliberation.panel.dossiers.map { ($0.number, $0.address.region) })
        let candidates = deliberation.panel.dossiers.map(\.number)
            .filter { deliberation.isCandidate($0) && deliberation.score(method, $0) != nil }
        let values = candidates.map { deliberation.values(method, $0) }
        let tickets = candidates.map { SeededGenerator.ticket(seed: UInt64(deliberation.drawSeed), dossier: $0) }
        let index = Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($1, $0) })
        // The allocator takes a region's best dossiers first and at most the regional cap of them:
        // only each region's leaders can be funded, so each resample hands it only those.
        let codes = Array(Set(candidates.map { regions[$0]!.code })).sorted()
        let group = candidates.map { codes.firstIndex(of: regions[$0]!.code)! }
        let overseas = candidates.map { Regions.isOverseas(regions[$0]!) }
        var leaders = codes.map { _ in TopK(capacity: min(rules.maxPerRegion ?? rules.capacity, rules.capacity)) }
        let useMedian = method == .median
        var generator = SeededGenerator(seed: UInt64(deliberation.drawSeed))
        var hits = [Int](repeating: 0, count: candidates.count)
        var sample: [Double] = []
        for _ in 0..<resamples {
            for g in leaders.indices { leaders[g].removeAll() }
            for (i, sheets) in values.enumerated() {
                sample.removeAll(keepingCapacity: true)
                for _ in sheets.indices { sample.append(sheets[generator.below(sheets.count)]) }
                let score = useMedian ? Stats.median(sample)! : sample.reduce(0, +) / Double(sample.count)
                leaders[group[i]].offer(key: Deliberation.key(score), score: score, ticket: tickets[i], index: i)
            }
            // Ranked as the ranking ranks: score, then the recorded draw.
            let ranked = leaders.flatMap(\.items).sorted { $0.key != $1.key ? $0.key > $1.key : $0.ticket < $1.ticket }
            let pool = ranked.enumerated().map { position, item in
                Candidate(dossier: candidates[item.index], score: item.score, position: position,
                          region: codes[group[item.index]], overseas: overseas[item.index])
            }
            for dossier in Allocator.propose(pool, rules: rules) { hits[index[dossier]!] += 1 }
        }
        probability = Dictionary(uniqueKeysWithValues: candidates.enumerated().map {
            ($1, resamples > 0 ? Double(hits[$0]) / Double(resamples) : 0)
        })
    }
}

/// A region's best `capacity` offers, kept sorted (best first): linear in the number of candidates
/// for the handful a region can have funded, where sorting every resample would dominate.
private struct TopK {
    typealias Offer = (key: Double, score: Double, ticket: UInt64, index: Int)
    let capacity: Int
    private(set) var items: [Offer] = []

    init(capacity: Int) {
        self.capacity = capacity
        items.reserveCapacity(capacity + 1)
    }

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    /// `key`: the score as ranks compare it; ties go to the lower draw ticket, as in the recorded draw.
    mutating func offer(key: Double, score: Double, ticket: UInt64, index: Int) {
        func better(_ a: Offer) -> Bool { key != a.key ? key > a.key : ticket < a.ticket }
        guard capacity > 0 else { return }
        if items.count == capacity, let last = items.last, !better(last) { return }
        var at = items.count
        while at > 0 && better(items[at - 1]) { at -= 1 }
        items.insert((key, score, ticket, index), at: at)
        if items.count > capacity { items.removeLast() }
    }
}
