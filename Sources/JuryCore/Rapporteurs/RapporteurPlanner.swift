/// What `ptce-jury assign --auto` proposes: every dossier given its rapporteurs.
public struct RapporteurPlan: Sendable, Equatable {
    /// Dossier number → rapporteurs (sorted), those kept and those added.
    public let rapporteurs: [Int: [String]]
    /// Dossiers left with fewer rapporteurs than the setting asks, and how many are missing:
    /// too few members free of conflict on them.
    public let shortfalls: [Int: Int]
    /// Former rapporteurs taken off a dossier: no longer a rapporteur of the jury, or now in conflict.
    public let dropped: [Int: [String]]
    /// Dossiers each member reports on.
    public let loads: [String: Int]
    /// Rapporteurs on a dossier of their own region (with `notOwnRegion`, only where unavoidable).
    public let ownRegion: Int
}

/// Completes an assignment of rapporteurs, exactly: as a minimum-cost maximum flow
/// (source → member → member × region → dossier → sink, the dossier's edge to the sink carrying
/// the rapporteurs it still needs). Maximum: every dossier gets its k rapporteurs wherever
/// conflicts allow. Least cost, objectives in this order (see `LexicographicCost`):
///   1. with `notOwnRegion`, as few members as possible on dossiers of their own region;
///   2. balanced loads: Σ load², through unit edges member by member costing 2j + 1 for the
///      (j+1)-th dossier — convex, so the flow takes the least loaded member first, and the most
///      and least loaded differ by at most one where conflicts allow;
///   3. as many dossiers as possible given to a member who already has a sheet on it (work begun);
///   4. with `spreadRegions`, Σ over members and regions of count², the same way as the loads.
/// Rapporteurs already assigned are kept (a sheet may be under way) and count in the loads; a
/// greedy choice, dossier by dossier, can paint itself into a corner that this cannot.
public enum RapporteurPlanner {
    /// `begun`: dossier number → the members with a sheet on it, draft or submitted.
    public static func complete(_ current: [Int: [String]], dossiers: [Dossier], jury: Jury,
                                settings: RapporteurSettings, begun: [Int: Set<String>] = [:]) -> RapporteurPlan {
        let members = jury.reviewers.sorted { $0.login < $1.login }
        let k = max(0, settings.perDossier)
        var kept: [Int: [String]] = [:], dropped: [Int: [String]] = [:]
        for dossier in dossiers {
            for login in current[dossier.number] ?? [] {
                if let member = jury.member(login), member.role == .reviewer, !member.isConflicted(on: dossier.number) {
                    kept[dossier.number, default: []].append(login)
                } else {
                    dropped[dossier.number, default: []].append(login)
                }
            }
        }
        let demand = dossiers.map { max(0, k - (kept[$0.number]?.count ?? 0)) }
        let regions = Array(Set(dossiers.map(\.address.region.code))).sorted()
        let regionIndex = Dictionary(uniqueKeysWithValues: regions.enumerated().map { ($1, $0) })

        // Nodes: source, sink, members, member × region, dossiers.
        let source = 0, sink = 1, firstMember = 2, firstPair = firstMember + members.count
        let firstDossier = firstPair + members.count * regions.count
        var flow = MinCostFlow(nodes: firstDossier + dossiers.count)
        func cost(ownRegion: Int = 0, load: Int = 0, notBegun: Int = 0, spread: Int = 0) -> LexicographicCost {
            LexicographicCost(parts: SIMD4(ownRegion, load, notBegun, spread))
        }
        var pairEdges: [(edge: Int, member: Int, dossier: Int)] = []
        for (m, member) in members.enumerated() {
            var load = 0, perRegion = [Int](repeating: 0, count: regions.count), open = [Int](repeating: 0, count: regions.count)
            for (d, dossier) in dossiers.enumerated() {
                let r = regionIndex[dossier.address.region.code]!
                if kept[dossier.number]?.contains(member.login) == true {
                    load += 1
                    perRegion[r] += 1
                } else if demand[d] > 0 && !member.isConflicted(on: dossier.number) {
                    open[r] += 1
                    let own = settings.notOwnRegion == true && member.region == dossier.address.region.code
                    let edge = flow.addEdge(from: firstPair + m * regions.count + r, to: firstDossier + d, capacity: 1,
                                            cost: cost(ownRegion: own ? 1 : 0,
                                                       notBegun: begun[dossier.number]?.contains(member.login) == true ? 0 : 1))
                    pairEdges.append((edge, m, d))
                }
            }
            for j in load..<(load + open.reduce(0, +)) {
                flow.addEdge(from: source, to: firstMember + m, capacity: 1, cost: cost(load: 2 * j + 1))
            }
            for r in regions.indices where open[r] > 0 {
                let pair = firstPair + m * regions.count + r
                if settings.spreadRegions == true {
                    for c in perRegion[r]..<(perRegion[r] + open[r]) {
                        flow.addEdge(from: firstMember + m, to: pair, capacity: 1, cost: cost(spread: 2 * c + 1))
                    }
                } else {
                    flow.addEdge(from: firstMember + m, to: pair, capacity: open[r], cost: .zero)
                }
            }
        }
        for (d, need) in demand.enumerated() where need > 0 {
            flow.addEdge(from: firstDossier + d, to: sink, capacity: need, cost: .zero)
        }
        flow.run(from: source, to: sink)

        var rapporteurs = kept
        for (edge, m, d) in pairEdges where flow.flow(on: edge) > 0 {
            rapporteurs[dossiers[d].number, default: []].append(members[m].login)
        }
        rapporteurs = rapporteurs.mapValues { $0.sorted() }
        var shortfalls: [Int: Int] = [:], loads = Dictionary(uniqueKeysWithValues: members.map { ($0.login, 0) })
        var ownRegion = 0
        for dossier in dossiers {
            let assigned = rapporteurs[dossier.number] ?? []
            if assigned.count < k { shortfalls[dossier.number] = k - assigned.count }
            for login in assigned {
                loads[login, default: 0] += 1
                if jury.member(login)?.region == dossier.address.region.code { ownRegion += 1 }
            }
        }
        return RapporteurPlan(rapporteurs: rapporteurs, shortfalls: shortfalls, dropped: dropped, loads: loads, ownRegion: ownRegion)
    }
}
