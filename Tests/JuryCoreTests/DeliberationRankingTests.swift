import XCTest
@testable import JuryCore

final class DeliberationRankingTests: XCTestCase {
    /// X: 2, 4, 3 (mean 3, median 3, σ √(2/3)); Y: 3, 3 (mean 3, median 3, σ 0);
    /// Z: 1, 5, 3 (mean 3, median 3, σ √(8/3)); W: 5, 4, 4 (mean 4.33).
    private func tiedScenario(_ policy: [TieBreakRule]) -> DeliberationScenario {
        var s = DeliberationScenario(reviewers: ["a", "b", "c"], tieBreak: policy)
        for (dossier, values) in [(1, [2, 4, 3]), (2, [3, 3]), (3, [1, 5, 3]), (4, [5, 4, 4])] {
            s.dossier(dossier)
            for (reviewer, value) in zip(["a", "b", "c"], values) { s.score(reviewer, dossier, value) }
        }
        return s
    }

    func testTiesAreBrokenByThePolicyInOrderAndTheRuleIsNamed() throws {
        let ranking = tiedScenario(TieBreakRule.standard).deliberation().ranking(.mean)
        XCTAssertEqual(ranking.entries.map(\.dossier), [4, 2, 1, 3], "equal means and medians: lower disagreement first")
        XCTAssertEqual(ranking.entries.map(\.rank), [1, 2, 3, 4])
        XCTAssertNil(ranking.entries[0].tie)
        XCTAssertNil(ranking.entries[1].tie, "4.33 and 3 are not a tie")
        let tie = try XCTUnwrap(ranking.entries[2].tie)
        XCTAssertEqual(tie, Tie(above: 2, decidedBy: .lowerDisagreement))
        XCTAssertEqual(Labels.tie(tie, .fr), "à égalité avec n° 2, départagé par : désaccord le plus faible")

        let bySheets = tiedScenario([.moreSheets, .lowerDisagreement]).deliberation().ranking(.mean)
        XCTAssertEqual(bySheets.entries.map(\.dossier), [4, 1, 3, 2], "three sheets before two, then disagreement")
        XCTAssertEqual(bySheets.entry(of: 2)?.tie?.decidedBy, .moreSheets)
    }

    func testTheRecordedDrawIsReproducibleAndDependsOnItsSeed() {
        var s = DeliberationScenario(reviewers: ["a"], tieBreak: [.recordedDraw])
        for n in 1...6 { s.dossier(n); s.score("a", n, 3) }
        let first = s.deliberation(seed: 42).ranking(.mean).entries.map(\.dossier)
        XCTAssertEqual(s.deliberation(seed: 42).ranking(.mean).entries.map(\.dossier), first)
        XCTAssertTrue(s.deliberation(seed: 42).ranking(.mean).entries.dropFirst().allSatisfy { $0.tie?.decidedBy == .recordedDraw })
        let orders = Set((0..<20).map { s.deliberation(seed: $0).ranking(.mean).entries.map(\.dossier) })
        XCTAssertGreaterThan(orders.count, 5, "a draw that never changes is not a draw")
        // Hiding a dossier does not change the draw among the others.
        var fewer = s
        fewer.dossiers.removeAll { $0.number == first[0] }
        XCTAssertEqual(fewer.deliberation(seed: 42).ranking(.mean).entries.map(\.dossier), Array(first.dropFirst()))
    }

    func testWithoutADrawTheNumbersDecideLast() {
        var s = DeliberationScenario(reviewers: ["a"], tieBreak: [])
        for n in [30, 10, 20] { s.dossier(n); s.score("a", n, 2) }
        let entries = s.deliberation().ranking(.mean).entries
        XCTAssertEqual(entries.map(\.dossier), [10, 20, 30])
        XCTAssertEqual(entries[1].tie, Tie(above: 10, decidedBy: nil))
    }

    func testDossiersWithoutASubmittedSheetAreUnscored() {
        var s = DeliberationScenario(reviewers: ["a"])
        s.dossier(1); s.dossier(2); s.score("a", 1, 4); s.score("a", 2, 5, submitted: false)
        let ranking = s.deliberation().ranking(.median)
        XCTAssertEqual(ranking.entries.map(\.dossier), [1])
        XCTAssertEqual(ranking.unscored, [2])
    }

    /// P: 5, 5, 0 (mean 3.33, median 5); Q: 4, 4, 4 (mean 4, median 4). One slot: the mean
    /// funds Q, the median P — both are flagged.
    func testADossierWhoseFundingDependsOnTheMethodIsFlagged() {
        var s = DeliberationScenario(reviewers: ["a", "b", "c"], slots: 1)
        s.dossier(1); s.dossier(2); s.dossier(3)
        for (reviewer, p, q) in [("a", 5, 4), ("b", 5, 4), ("c", 0, 4)] { s.score(reviewer, 1, p); s.score(reviewer, 2, q) }
        for reviewer in ["a", "b", "c"] { s.score(reviewer, 3, 1) }
        let comparison = MethodComparison(s.deliberation())
        XCTAssertEqual(comparison.rank(2, .mean), 1)
        XCTAssertEqual(comparison.rank(1, .median), 1)
        XCTAssertTrue(comparison.dependsOnMethod(1))
        XCTAssertTrue(comparison.dependsOnMethod(2))
        XCTAssertFalse(comparison.dependsOnMethod(3), "never funded")
    }

    func testOnlyEligibleDossiersTakeTheFundedSlotsOfTheComparison() {
        var s = DeliberationScenario(reviewers: ["a"], slots: 1)
        s.dossier(1, eligible: false); s.dossier(2)
        s.score("a", 1, 5); s.score("a", 2, 3)
        let comparison = MethodComparison(s.deliberation())
        XCTAssertEqual(comparison.rank(1, .mean), 1)
        XCTAssertEqual(comparison.inside[2]?.count, RankingMethod.allCases.count)
        XCTAssertNil(comparison.inside[1])
    }

    func testBootstrapIsReproducibleAndItsProbabilitiesAddUpToTheSlots() throws {
        var s = DeliberationScenario(reviewers: ["a", "b", "c", "d"], slots: 2)
        let sure = s.dossier(1), hopeless = s.dossier(2), split1 = s.dossier(3), split2 = s.dossier(4), split3 = s.dossier(5)
        for reviewer in ["a", "b", "c", "d"] { s.score(reviewer, sure, 5); s.score(reviewer, hopeless, 0) }
        for (reviewer, values) in zip(["a", "b", "c", "d"], [[4, 1, 3], [1, 4, 3], [4, 1, 3], [1, 4, 3]]) {
            s.score(reviewer, split1, values[0]); s.score(reviewer, split2, values[1]); s.score(reviewer, split3, values[2])
        }
        let deliberation = s.deliberation(seed: 3)
        let bootstrap = Bootstrap(deliberation, method: .mean, resamples: 2_000)
        XCTAssertGreaterThan(try XCTUnwrap(bootstrap.probability[sure]), 0.99)
        XCTAssertLessThan(try XCTUnwrap(bootstrap.probability[hopeless]), 0.01)
        XCTAssertEqual(bootstrap.probability.values.reduce(0, +), 2, accuracy: 1e-9, "two funded slots in every resample")
        // 2,5, 2,5 and 3 from four sheets each share the second place: the jury’s noise leaves it
        // open to all three (3 3 3 3 is no surer than 4 1 4 1: four sheets each), the best most.
        for split in [split1, split2, split3] {
            XCTAssertTrue((0.1...0.9).contains(bootstrap.probability[split]!), "\(split): \(bootstrap.probability[split]!)")
        }
        XCTAssertTrue(bootstrap.isDebatable(split3))
        XCTAssertGreaterThan(bootstrap.probability[split3]!, bootstrap.probability[split1]!)
        XCTAssertFalse(bootstrap.isDebatable(sure))
        XCTAssertEqual(Bootstrap(deliberation, method: .mean, resamples: 2_000).probability, bootstrap.probability)
        XCTAssertNotEqual(Bootstrap(s.deliberation(seed: 4), method: .mean, resamples: 2_000).probability, bootstrap.probability)
    }
}
