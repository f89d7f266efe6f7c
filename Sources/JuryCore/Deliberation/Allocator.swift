/// The rules a selection of laureates must respect, from the campaign.
public struct AllocationRules: Sendable, Equatable {
    public let slots: Int
    public let grant: Int
    public let totalBudget: Int
    /// How many laureates fit: the slots, and what the budget pays for at a fixed grant each.
    public let capacity: Int
    public let maxPerRegion: Int?
    public let minOverseas: Int
    public let eligibleOnly: Bool

    public init(_ campaign: Campaign) {
        let funding = campaign.funding
        slots = funding.slots
        grant = funding.grantPerLaureate
        totalBudget = funding.totalBudget
        capacity = max(0, min(funding.slots, funding.grantPerLaureate > 0 ? funding.totalBudget / funding.grantPerLaureate : 0))
        maxPerRegion = campaign.constraints.maxPerRegion
        minOverseas = campaign.constraints.minOverseas ?? 0
        eligibleOnly = campaign.constraints.eligibleOnly
    }

    /// Why no dossier at all can be funded under these rules (empty when some can): a budget below
    /// one grant, no dossier, or none eligible when only eligible dossiers may be chosen.
    public func obstacles(_ dossiers: [Dossier], in campaign: Campaign) -> [Localized] {
        if capacity == 0 {
            return [Localized(.allocationObstacleBudgetBelowOneGrant, ["budget": Money.format(totalBudget), "grant": Money.format(grant)])]
        }
        if dossiers.isEmpty {
            return [Localized(.allocationObstacleNoDossier)]
        }
        if eligibleOnly, !dossiers.contains(where: { Eligibility.evaluate($0, in: campaign).isEligible }) {
            return [Localized(.allocationObstacleNoneEligible, ["dossiers": dossiers.count])]
        }
        return []
    }
}

/// A dossier the allocation may pick: eligible (when the rules say so) and scored.
public struct Candidate: Sendable, Equatable {
    public let dossier: Int
    public let score: Double
    /// Place in the ranking, 0 for the best: among equal sums, the better-ranked selection wins.
    public let position: Int
    /// INSEE code of the region.
    public let region: String
    public let overseas: Bool

    public init(dossier: Int, score: Double, position: Int, region: String, overseas: Bool) {
        self.dossier = dossier
        self.score = score
        self.position = position
        self.region = region
        self.overseas = overseas
    }
}

/// The exact optimal selection. Objective, in this order: as many overseas laureates as the
/// floor asks (when the candidates allow it), then as many laureates as the capacity allows,
/// then the largest sum of scores, then the best ranks.
///
/// Why it is exact: the constraints only count laureates per region, so within a region the
/// candidates are interchangeable and taking k of them is best done with its k best (any other
/// choice of k can be improved by exchanging one for a better one of the same region). What is
/// left is how many to take in each region: a dynamic programme over the regions whose state is
/// (laureates so far, overseas laureates so far capped at the floor), with at most
/// capacity × (floor + 1) states — linear in the number of candidates after sorting.
public enum Allocator {
    public static func propose(_ candidates: [Candidate], rules: AllocationRules, overseasFloor: Bool = true) -> [Int] {
        let capacity = rules.capacity
        let floor = overseasFloor ? min(rules.minOverseas, capacity) : 0
        let perRegion = min(rules.maxPerRegion ?? capacity, capacity)
        var regions: [String: [Candidate]] = [:]
        for candidate in candidates { regions[candidate.region, default: []].append(candidate) }
        let groups = regions.keys.sorted().map { code in regions[code]!.sorted { $0.position < $1.position } }

        let width = floor + 1
        var best = [Value?](repeating: nil, count: (capacity + 1) * width)
        best[0] = Value(sum: 0, positions: 0)
        // choice[g][state]: how many of group g were taken to reach that state, and from where.
        var choices: [[(take: Int, from: Int)?]] = []
        for group in groups {
            let overseas = group.first!.overseas
            var prefixSum = [0.0], prefixPositions = [0]
            for candidate in group.prefix(perRegion) {
                prefixSum.append(prefixSum.last! + candidate.score)
                prefixPositions.append(prefixPositions.last! + candidate.position)
            }
            var next = best
            var choice = [(take: Int, from: Int)?](repeating: nil, count: best.count)
            for state in best.indices {
                guard let value = best[state] else { continue }
                let (count, abroad) = (state / width, state % width)
                for take in 1..<prefixSum.count where count + take <= capacity {
                    let target = (count + take) * width + min(floor, abroad + (overseas ? take : 0))
                    let candidate = Value(sum: value.sum + prefixSum[take], positions: value.positions + prefixPositions[take])
                    if next[target].map({ candidate.isBetter(than: $0) }) ?? true {
                        next[target] = candidate
                        choice[target] = (take, state)
                    }
                }
            }
            best = next
            choices.append(choice)
        }

        var end: Int?
        for state in best.indices where best[state] != nil {
            guard let current = end else { end = state; continue }
            let (count, abroad) = (state / width, state % width), (bestCount, bestAbroad) = (current / width, current % width)
            if abroad != bestAbroad ? abroad > bestAbroad
                : count != bestCount ? count > bestCount : best[state]!.isBetter(than: best[current]!) {
                end = state
            }
        }
        guard var state = end else { return [] }
        var chosen: [Candidate] = []
        for g in stride(from: groups.count - 1, through: 0, by: -1) {
            // A state reached before this group was processed carries no choice for it.
            guard let step = choices[g][state] else { continue }
            chosen += groups[g].prefix(step.take)
            state = step.from
        }
        return chosen.sorted { $0.position < $1.position }.map(\.dossier)
    }

    private struct Value {
        var sum: Double
        var positions: Int

        func isBetter(than other: Value) -> Bool {
            let a = Deliberation.key(sum), b = Deliberation.key(other.sum)
            return a != b ? a > b : positions < other.positions
        }
    }
}
