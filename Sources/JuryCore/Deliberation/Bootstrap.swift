/// How sure the ranking is: each dossier's submitted sheets are resampled with replacement, the
/// candidates ranked again, and the share of resamples that puts a dossier in the funded slots is
/// its probability of being funded (after the Swiss National Science Foundation's practice). The
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
        let slots = deliberation.campaign.funding.slots
        let candidates = deliberation.panel.dossiers.map(\.number)
            .filter { deliberation.isCandidate($0) && deliberation.score(method, $0) != nil }
        let values = candidates.map { deliberation.values(method, $0) }
        let tickets = candidates.map { SeededGenerator.ticket(seed: UInt64(deliberation.drawSeed), dossier: $0) }
        let useMedian = method == .median
        var generator = SeededGenerator(seed: UInt64(deliberation.drawSeed))
        var hits = [Int](repeating: 0, count: candidates.count)
        var top = TopK(capacity: slots)
        var sample: [Double] = []
        for _ in 0..<resamples {
            top.removeAll()
            for (i, sheets) in values.enumerated() {
                sample.removeAll(keepingCapacity: true)
                for _ in sheets.indices { sample.append(sheets[generator.below(sheets.count)]) }
                let score = useMedian ? Stats.median(sample)! : sample.reduce(0, +) / Double(sample.count)
                top.offer(score: Deliberation.key(score), ticket: tickets[i], index: i)
            }
            for i in top.indices { hits[i] += 1 }
        }
        probability = Dictionary(uniqueKeysWithValues: candidates.enumerated().map {
            ($1, resamples > 0 ? Double(hits[$0]) / Double(resamples) : 0)
        })
    }
}

/// The best `capacity` offers, kept sorted (best first): linear in the number of candidates for
/// the handful of funded slots, where sorting every resample would dominate.
private struct TopK {
    let capacity: Int
    private var items: [(score: Double, ticket: UInt64, index: Int)] = []

    init(capacity: Int) {
        self.capacity = capacity
        items.reserveCapacity(capacity + 1)
    }

    var indices: [Int] { items.map(\.index) }

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    /// Ties between equal scores go to the lower draw ticket, as in the recorded draw.
    mutating func offer(score: Double, ticket: UInt64, index: Int) {
        func better(_ a: (score: Double, ticket: UInt64, index: Int)) -> Bool {
            score != a.score ? score > a.score : ticket < a.ticket
        }
        if items.count == capacity, let last = items.last, !better(last) { return }
        var at = items.count
        while at > 0 && better(items[at - 1]) { at -= 1 }
        items.insert((score, ticket, index), at: at)
        if items.count > capacity { items.removeLast() }
    }
}
