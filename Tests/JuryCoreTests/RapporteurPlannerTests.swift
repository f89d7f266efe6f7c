import JuryCore
import XCTest

/// `assign --auto` is exact: on small juries, its assignment is as good as the best of every
/// possible assignment, found by brute force, objective by objective.
final class RapporteurPlannerTests: XCTestCase {
    /// The planner's objectives in their order, computed here from the assignment alone.
    private struct Objective: Comparable {
        var assigned: Int, ownRegion: Int, loadSquares: Int, notBegun: Int, spreadSquares: Int
        static func < (a: Objective, b: Objective) -> Bool {
            // More assigned is better; then fewer own-region pairs, balance, work begun kept, spread.
            (-a.assigned, a.ownRegion, a.loadSquares, a.notBegun, a.spreadSquares)
                < (-b.assigned, b.ownRegion, b.loadSquares, b.notBegun, b.spreadSquares)
        }
    }

    private func objective(_ rapporteurs: [Int: [String]], _ s: DeliberationScenario, _ settings: RapporteurSettings) -> Objective {
        var loads: [String: Int] = [:], spread: [String: Int] = [:], own = 0, assigned = 0, notBegun = 0
        let region = Dictionary(uniqueKeysWithValues: s.dossiers.map { ($0.number, $0.address.region.code) })
        for (dossier, logins) in rapporteurs {
            for login in logins {
                assigned += 1
                loads[login, default: 0] += 1
                spread[login + "/" + region[dossier]!, default: 0] += 1
                if s.jury.member(login)?.region == region[dossier] { own += 1 }
                if s.sheets[login]?[dossier] == nil { notBegun += 1 }
            }
        }
        return Objective(assigned: assigned, ownRegion: settings.notOwnRegion == true ? own : 0,
                         loadSquares: loads.values.reduce(0) { $0 + $1 * $1 }, notBegun: notBegun,
                         spreadSquares: settings.spreadRegions == true ? spread.values.reduce(0) { $0 + $1 * $1 } : 0)
    }

    /// Every way of giving each dossier min(k, free members) rapporteurs, the best kept.
    private func bruteForce(_ s: DeliberationScenario, _ settings: RapporteurSettings) -> Objective {
        func subsets(_ items: [String], _ size: Int) -> [[String]] {
            guard size > 0 else { return [[]] }
            guard let first = items.first else { return [] }
            let rest = Array(items.dropFirst())
            return subsets(rest, size - 1).map { [first] + $0 } + subsets(rest, size)
        }
        let options = s.dossiers.map { dossier -> [[String]] in
            let free = s.jury.reviewers.filter { !$0.isConflicted(on: dossier.number) }.map(\.login)
            return subsets(free, min(settings.perDossier, free.count))
        }
        var best: Objective?
        var chosen: [Int: [String]] = [:]
        func walk(_ i: Int) {
            guard i < s.dossiers.count else {
                let value = objective(chosen, s, settings)
                if best.map({ value < $0 }) ?? true { best = value }
                return
            }
            for option in options[i] {
                chosen[s.dossiers[i].number] = option
                walk(i + 1)
            }
        }
        walk(0)
        return best!
    }

    /// A small random jury: members from a few regions, dossiers from the same, some conflicts.
    private func scenario(seed: UInt64) -> (DeliberationScenario, RapporteurSettings) {
        var rng = SeededGenerator(seed: seed)
        let regions = ["53", "84", "11"]
        let memberCount = 3 + rng.below(2), dossierCount = 3 + rng.below(3)
        var s = DeliberationScenario(reviewers: (0..<memberCount).map { "r\($0)" })
        for i in s.jury.members.indices where s.jury.members[i].role == .reviewer {
            s.jury.members[i].region = regions[rng.below(regions.count)]
        }
        for d in 1...dossierCount { s.dossier(d, region: regions[rng.below(regions.count)]) }
        for _ in 0..<rng.below(4) { s.conflict("r\(rng.below(memberCount))", on: 1 + rng.below(dossierCount)) }
        for _ in 0..<rng.below(4) {
            let reviewer = "r\(rng.below(memberCount))", dossier = 1 + rng.below(dossierCount)
            if !s.member(reviewer).isConflicted(on: dossier) { s.score(reviewer, dossier, 3, submitted: rng.below(2) == 0) }
        }
        let settings = RapporteurSettings(perDossier: 1 + rng.below(2), notOwnRegion: rng.below(2) == 0, spreadRegions: rng.below(2) == 0)
        return (s, settings)
    }

    func testTheAssignmentIsAsGoodAsTheBestOfAllPossibleOnes() {
        for seed in 1...60 as ClosedRange<UInt64> {
            let (s, settings) = scenario(seed: seed)
            let begun = s.sheets.reduce(into: [Int: Set<String>]()) { begun, entry in
                for dossier in entry.value.keys { begun[dossier, default: []].insert(entry.key) }
            }
            let plan = RapporteurPlanner.complete([:], dossiers: s.dossiers, jury: s.jury, settings: settings, begun: begun)
            XCTAssertEqual(objective(plan.rapporteurs, s, settings), bruteForce(s, settings), "seed \(seed)")
            for (dossier, logins) in plan.rapporteurs {
                XCTAssertFalse(logins.contains { s.jury.member($0)!.isConflicted(on: dossier) }, "seed \(seed): never a conflicted member")
                XCTAssertEqual(Set(logins).count, logins.count)
            }
        }
    }

    func testLoadsDifferByAtMostOneAndNoMemberGetsADossierOfTheirRegionWhenOthersCanTakeIt() {
        var s = DeliberationScenario(reviewers: ["a", "b", "c", "d", "e"])
        for i in s.jury.members.indices where s.jury.members[i].role == .reviewer { s.jury.members[i].region = i % 2 == 0 ? "53" : "84" }
        for d in 1...12 { s.dossier(d, region: d % 3 == 0 ? "11" : d % 2 == 0 ? "53" : "84") }
        s.conflict("a", on: 1); s.conflict("c", on: 1)   // dossier 1 is in 84, like a and c: b and d remain
        let plan = RapporteurPlanner.complete([:], dossiers: s.dossiers, jury: s.jury, settings: RapporteurSettings(notOwnRegion: true))
        XCTAssertEqual(plan.rapporteurs.values.map(\.count), Array(repeating: 2, count: 12))
        XCTAssertTrue(plan.shortfalls.isEmpty)
        XCTAssertLessThanOrEqual(plan.loads.values.max()! - plan.loads.values.min()!, 1)
        XCTAssertEqual(plan.ownRegion, 0)
        XCTAssertEqual(plan.rapporteurs[1], ["b", "d"])
    }

    func testRapporteursAlreadyAssignedAreKeptAndThoseNowInConflictDropped() {
        var s = DeliberationScenario(reviewers: ["a", "b", "c"])
        for d in 1...3 { s.dossier(d) }
        s.conflict("b", on: 2)
        let plan = RapporteurPlanner.complete([1: ["a"], 2: ["b"]], dossiers: s.dossiers, jury: s.jury, settings: RapporteurSettings())
        XCTAssertTrue(plan.rapporteurs[1]!.contains("a"))
        XCTAssertEqual(plan.dropped, [2: ["b"]])
        XCTAssertFalse(plan.rapporteurs[2]!.contains("b"))
        XCTAssertEqual(plan.rapporteurs.values.map(\.count), [2, 2, 2])
        XCTAssertEqual(plan.loads, ["a": 2, "b": 2, "c": 2])
    }

    func testADossierWithTooFewMembersFreeOfConflictIsReported() {
        var s = DeliberationScenario(reviewers: ["a", "b"])
        s.dossier(1); s.dossier(2)
        s.conflict("a", on: 2)
        let plan = RapporteurPlanner.complete([:], dossiers: s.dossiers, jury: s.jury, settings: RapporteurSettings())
        XCTAssertEqual(plan.rapporteurs[2], ["b"])
        XCTAssertEqual(plan.shortfalls, [2: 1])
    }
}

extension RapporteurPlannerTests {
    /// The sheets a dossier expects are its rapporteurs'; another member's sheet counts, shown apart.
    func testADossierExpectsItsRapporteursSheetsAndCountsTheOthersApart() {
        var s = DeliberationScenario(reviewers: ["a", "b", "c", "d"])
        s.dossier(1); s.dossier(2)
        s.score("a", 1, 4); s.score("c", 1, 2); s.score("d", 2, 3)
        s.conflict("b", on: 1)
        let deliberation = Deliberation(campaign: s.campaign, jury: s.jury, dossiers: s.dossiers, sheets: s.sheets,
                                        viewer: s.member("chair"), drawSeed: 1, rapporteurs: [1: ["a", "b"]])
        let assigned = deliberation.statistics[1]!
        XCTAssertEqual(assigned.expected, 1, "b, in conflict since, is not expected")
        XCTAssertEqual(assigned.submitted, 2)
        XCTAssertEqual(assigned.byRapporteurs, 1, "c's sheet counts, not as a rapporteur's")
        XCTAssertEqual(assigned.mean, 3)
        let unassigned = deliberation.statistics[2]!
        XCTAssertNil(unassigned.byRapporteurs)
        XCTAssertEqual(unassigned.expected, 3, "without rapporteurs: every reviewer who has begun scoring, free of conflict")
    }
}
