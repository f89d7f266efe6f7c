/// The allocation under one ranking method: the candidates, the optimal proposal, why each
/// dossier is in or out of it, and what a given selection violates.
public struct AllocationAnalysis: Sendable {
    public let deliberation: Deliberation
    public let rules: AllocationRules
    public let ranking: Ranking
    public let candidates: [Candidate]
    /// The exact optimum under every rule, best-ranked first.
    public let proposal: [Int]
    /// The optimum without the overseas floor: what the floor changed is explained by it.
    public let proposalWithoutFloor: Set<Int>
    private let proposed: Set<Int>
    private let regions: [Int: Area]

    public var method: RankingMethod { ranking.method }

    public init(_ deliberation: Deliberation, method: RankingMethod) {
        self.deliberation = deliberation
        rules = AllocationRules(deliberation.campaign)
        ranking = deliberation.ranking(method)
        regions = Dictionary(uniqueKeysWithValues: deliberation.panel.dossiers.map { ($0.number, $0.address.region) })
        candidates = Self.candidates(ranking, deliberation, regions: regions)
        proposal = Allocator.propose(candidates, rules: rules)
        proposed = Set(proposal)
        proposalWithoutFloor = rules.minOverseas > 0 ? Set(Allocator.propose(candidates, rules: rules, overseasFloor: false)) : proposed
    }

    public func isProposed(_ dossier: Int) -> Bool { proposed.contains(dossier) }

    /// The dossiers the allocation may pick, in the ranking's order.
    static func candidates(_ ranking: Ranking, _ deliberation: Deliberation, regions: [Int: Area]) -> [Candidate] {
        ranking.entries.enumerated().compactMap { position, entry in
            guard deliberation.isCandidate(entry.dossier), let region = regions[entry.dossier] else { return nil }
            return Candidate(dossier: entry.dossier, score: entry.score, position: position, region: region.code,
                             overseas: Regions.isOverseas(region))
        }
    }

    public func region(of dossier: Int) -> Area? { regions[dossier] }

    // MARK: Why in, why out

    public enum Explanation: Codable, Sendable, Equatable {
        case inByRank(rank: Int)
        /// In because the overseas floor asks for it; its rank alone would not have sufficed.
        case inReservedOverseas(rank: Int)
        case outRegionQuota(rank: Int, region: String, count: Int, maximum: Int)
        /// Its place went to an overseas dossier under the floor.
        case outDisplacedByOverseas(rank: Int)
        case outBeyondLine(rank: Int, capacity: Int)
        case ineligible(reasons: [Localized])
        case notScored
        /// The viewer may not read this dossier's scores yet.
        case masked
    }

    /// Why the proposal takes or leaves the dossier; ties are in `ranking.entry(of:)?.tie`.
    public func explanation(_ dossier: Int) -> Explanation {
        if deliberation.panel.masked.contains(dossier) { return .masked }
        if rules.eligibleOnly, let verdict = deliberation.verdicts[dossier], !verdict.isEligible {
            return .ineligible(reasons: verdict.failures.map(\.reason))
        }
        guard let rank = ranking.rank(of: dossier) else { return .notScored }
        if proposed.contains(dossier) {
            return proposalWithoutFloor.contains(dossier) ? .inByRank(rank: rank) : .inReservedOverseas(rank: rank)
        }
        if let maximum = rules.maxPerRegion, let region = regions[dossier] {
            let taken = proposal.filter { regions[$0]?.code == region.code }.count
            let worstTaken = proposal.compactMap { ranking.rank(of: $0) }.max() ?? 0
            if taken >= maximum && rank < worstTaken {
                return .outRegionQuota(rank: rank, region: region.name, count: taken, maximum: maximum)
            }
        }
        if proposalWithoutFloor.contains(dossier) { return .outDisplacedByOverseas(rank: rank) }
        return .outBeyondLine(rank: rank, capacity: rules.capacity)
    }

    // MARK: What a selection violates

    public enum Violation: Codable, Sendable, Equatable {
        case tooManyLaureates(count: Int, slots: Int)
        case overBudget(amount: Int, budget: Int)
        case regionOverQuota(region: String, count: Int, maximum: Int)
        case overseasShort(count: Int, minimum: Int)
        case missingMotivation(dossier: Int, MotivationReason)
    }

    public enum MotivationReason: Codable, Sendable, Equatable {
        case ineligible(reasons: [Localized])
        /// Not in the optimal proposal under the ranking: rank nil when it has no score.
        case againstRanking(rank: Int?)
    }

    /// Why choosing the dossier as a laureate needs a written motivation; nil when it does not.
    public func motivationNeeded(toSelect dossier: Int) -> MotivationReason? {
        if let verdict = deliberation.verdicts[dossier], !verdict.isEligible {
            return .ineligible(reasons: verdict.failures.map(\.reason))
        }
        return proposed.contains(dossier) ? nil : .againstRanking(rank: ranking.rank(of: dossier))
    }

    /// The rules a set of laureates breaks, and the laureates that need a motivation they lack.
    public func violations(laureates: [Int], motivated: Set<Int>) -> [Violation] {
        var found: [Violation] = []
        if laureates.count > rules.slots { found.append(.tooManyLaureates(count: laureates.count, slots: rules.slots)) }
        let amount = laureates.count * rules.grant
        if amount > rules.totalBudget { found.append(.overBudget(amount: amount, budget: rules.totalBudget)) }
        if let maximum = rules.maxPerRegion {
            var counts: [String: (name: String, count: Int)] = [:]
            for number in laureates {
                guard let region = regions[number] else { continue }
                counts[region.code, default: (region.name, 0)].count += 1
            }
            for (_, region) in counts.sorted(by: { $0.key < $1.key }) where region.count > maximum {
                found.append(.regionOverQuota(region: region.name, count: region.count, maximum: maximum))
            }
        }
        let overseas = laureates.filter { regions[$0].map(Regions.isOverseas) ?? false }.count
        if overseas < rules.minOverseas { found.append(.overseasShort(count: overseas, minimum: rules.minOverseas)) }
        for number in laureates where !motivated.contains(number) {
            if let reason = motivationNeeded(toSelect: number) { found.append(.missingMotivation(dossier: number, reason)) }
        }
        return found
    }

    public func violations(_ state: AllocationState) -> [Violation] {
        violations(laureates: state.laureates, motivated: Set(state.motivations.filter { $0.decision == .laureate }.map(\.dossier)))
    }

    /// Sum of the laureates' scores under the method (unscored ones count nothing).
    public func scoreSum(_ laureates: [Int]) -> Double {
        laureates.reduce(0) { $0 + (ranking.entry(of: $1)?.score ?? 0) }
    }

    // MARK: What if

    public struct WhatIf: Sendable, Equatable {
        public let removed: Int
        public let added: Int
        public let scoreBefore: Double
        public let scoreAfter: Double
        /// Rules broken after the swap that were not before, and those the swap repairs.
        public let introduced: [Violation]
        public let resolved: [Violation]
        public var scoreChange: Double { scoreAfter - scoreBefore }
    }

    /// Takes `removed` out of the laureates and puts `added` in, without changing anything.
    public func whatIf(_ state: AllocationState, remove removed: Int, add added: Int) -> WhatIf {
        let before = state.laureates
        let after = before.filter { $0 != removed } + (before.contains(added) ? [] : [added])
        let motivated = Set(state.motivations.filter { $0.decision == .laureate }.map(\.dossier))
        let old = violations(laureates: before, motivated: motivated), new = violations(laureates: after, motivated: motivated)
        return WhatIf(removed: removed, added: added, scoreBefore: scoreSum(before), scoreAfter: scoreSum(after),
                      introduced: new.filter { !old.contains($0) }, resolved: old.filter { !new.contains($0) })
    }
}
