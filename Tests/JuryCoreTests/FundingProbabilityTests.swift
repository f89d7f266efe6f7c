import Foundation
import JuryCore
import JuryDemo
import XCTest

/// The probability of being funded is that of being in the proposal: each resample runs the exact
/// allocator under the campaign's rules (issue 11), on scores drawn with the jury's rater noise and
/// ranked with the campaign's tie-break (issue 19).
final class FundingProbabilityTests: XCTestCase {
    /// `ptce-jury demo --dossiers 300 --reviewers 8 --seed 7`, as the chair sees it.
    private func syntheticReport(method: RankingMethod = .mean, regionalCap: Bool = true) -> DeliberationReport {
        var generated = SyntheticCampaign.generate(dossiers: 300, reviewers: 8, seed: 7)
        if !regionalCap { generated.campaign.constraints.maxPerRegion = nil }
        var sheets: [String: [Int: ScoreSheet]] = [:]
        for sheet in generated.sheets { sheets[sheet.reviewer, default: [:]][sheet.dossier] = sheet }
        let chair = generated.jury.members.first { $0.role == .chair }!
        return DeliberationReport(campaign: generated.campaign, jury: generated.jury, dossiers: generated.dossiers, sheets: sheets,
                                  viewer: chair, allocation: .initial(for: generated.campaign), method: method)
    }

    func testABindingRegionalQuotaKeepsTheExcludedDossierBelowCertaintyAndTheSumIsTheNumberFunded() throws {
        let report = syntheticReport()
        let excluded = try XCTUnwrap(report.row(13_300_177)), taken = try XCTUnwrap(report.row(13_392_530))
        // The figures the issue reports: rank 11 left out by its region's cap, rank 16 proposed.
        XCTAssertEqual(excluded.rank, 11)
        guard case .outRegionQuota = excluded.explanation else { return XCTFail("\(excluded.explanation)") }
        XCTAssertFalse(excluded.proposed)
        XCTAssertEqual(taken.rank, 16)
        XCTAssertTrue(taken.proposed)
        XCTAssertLessThan(try XCTUnwrap(excluded.probability), 1, "the quota binds in some resamples")
        // Both have one sheet (4,6 and 4,4) and the jury's noise can move either across the line:
        // what the cap does is take chances from the one it leaves out.
        let uncapped = try XCTUnwrap(syntheticReport(regionalCap: false).row(excluded.number)?.probability)
        XCTAssertLessThan(try XCTUnwrap(excluded.probability), uncapped - 0.1, "the cap costs it chances")
        let funded = report.analysis.proposal.count
        XCTAssertEqual(funded, report.analysis.rules.capacity)
        XCTAssertEqual(report.bootstrap.probability.values.reduce(0, +), Double(funded), accuracy: 1e-9,
                       "every resample funds as many dossiers as the proposal")
    }

    func testTheProbabilitiesAddUpToWhatTheBudgetPaysNotToTheSlots() {
        var s = DeliberationScenario(reviewers: ["a", "b", "c"], slots: 4)
        s.campaign.funding.totalBudget = 250_000   // two grants of 100 000 €, though four places
        for number in 1...6 {
            s.dossier(number)
            for (i, reviewer) in ["a", "b", "c"].enumerated() { s.score(reviewer, number, (number + i) % 6) }
        }
        let bootstrap = Bootstrap(s.deliberation(), method: .mean, resamples: 500)
        XCTAssertEqual(bootstrap.probability.values.reduce(0, +), 2, accuracy: 1e-9)
    }

    func testAnIneligibleDossierHasNoProbabilityAndTheOverseasFloorFundsItsDossierEveryTime() {
        var s = DeliberationScenario(reviewers: ["a", "b"], slots: 2, minOverseas: 1)
        s.dossier(1); s.dossier(2); s.dossier(3, region: "04"); s.dossier(4, eligible: false)
        for reviewer in ["a", "b"] { s.score(reviewer, 1, 5); s.score(reviewer, 2, 5); s.score(reviewer, 3, 1); s.score(reviewer, 4, 5) }
        let bootstrap = Bootstrap(s.deliberation(), method: .mean, resamples: 200)
        XCTAssertNil(bootstrap.probability[4], "ineligible: never a candidate")
        XCTAssertEqual(bootstrap.probability[3], 1, "the overseas floor takes it in every resample, whatever its rank")
        XCTAssertEqual(bootstrap.probability[1]! + bootstrap.probability[2]!, 1, accuracy: 1e-9)
    }

    /// Under a cap of one per region, the two best dossiers of one region never both make the
    /// proposal: the method flag follows the proposal, not the first places of the ranking.
    func testTheMethodFlagFollowsTheProposal() {
        var s = DeliberationScenario(reviewers: ["a", "b", "c"], slots: 2, maxPerRegion: 1)
        s.dossier(1, region: "53"); s.dossier(2, region: "53"); s.dossier(3, region: "84")
        // Mean: 1 (3.67) > 2 (3.33) > 3 (3); median: 2 (4) > 1 (3) = 3 (3).
        for (reviewer, one, two, three) in [("a", 5, 4, 3), ("b", 3, 4, 3), ("c", 3, 2, 3)] {
            s.score(reviewer, 1, one); s.score(reviewer, 2, two); s.score(reviewer, 3, three)
        }
        let comparison = MethodComparison(s.deliberation())
        XCTAssertEqual(comparison.inside[3]?.count, RankingMethod.allCases.count, "the other region's only dossier: always proposed")
        XCTAssertTrue(comparison.dependsOnMethod(1))
        XCTAssertTrue(comparison.dependsOnMethod(2))
    }

    // MARK: Issue 19: P(funded) as documented

    /// Φ, the standard normal distribution function, for the values computed by hand.
    private func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.squareRoot()) }

    /// Two dossiers of one region share its only place, a third region's dossier is always taken.
    /// Every dossier's two sheets differ by 2: σ² = (1² + 1²)·3 / 3 = 2. Dossier 1 (mean 3) beats
    /// dossier 2 (mean 2) when the difference of their draws, N(1, σ²/2 + σ²/2) = N(1, 2), is
    /// positive: Φ(1/√2) = 76,02 %.
    func testACappedPairsProbabilitiesAreThoseComputedByHand() throws {
        var s = DeliberationScenario(reviewers: ["a", "b"], slots: 2, maxPerRegion: 1)
        s.dossier(1, region: "53"); s.score("a", 1, 4); s.score("b", 1, 2)
        s.dossier(2, region: "53"); s.score("a", 2, 3); s.score("b", 2, 1)
        s.dossier(3, region: "84"); s.score("a", 3, 5); s.score("b", 3, 3)
        let bootstrap = Bootstrap(s.deliberation(), method: .mean, resamples: 20_000)
        XCTAssertEqual(bootstrap.noise, 2.squareRoot(), accuracy: 1e-12)
        let expected = phi(1 / 2.squareRoot())
        XCTAssertEqual(expected, 0.7602, accuracy: 1e-4)
        // Within four standard errors of 20 000 draws (0,3 point each).
        XCTAssertEqual(try XCTUnwrap(bootstrap.probability[1]), expected, accuracy: 0.012)
        XCTAssertEqual(try XCTUnwrap(bootstrap.probability[2]), 1 - expected, accuracy: 0.012)
        XCTAssertEqual(bootstrap.probability[3], 1, "alone in its region, two places: taken in every draw")
    }

    /// Equal scores in a draw are settled as the ranking settles them: the campaign's tie-break on
    /// the dossiers' sheets, the recorded draw last. Sheets that all agree leave no noise, so every
    /// draw is the ranking itself and the probabilities are exact.
    func testEqualScoresInADrawFollowTheCampaignsTieBreakNotTheDrawAlone() throws {
        // A seed whose draw would put 2 first: only the tie-break's earlier rules can put 1 first.
        let seed = try XCTUnwrap((1...1_000).first {
            SeededGenerator.ticket(seed: UInt64($0), dossier: 2) < SeededGenerator.ticket(seed: UInt64($0), dossier: 1)
        })
        func scenario(_ tieBreak: [TieBreakRule]) -> Deliberation {
            var s = DeliberationScenario(reviewers: ["a", "b"], slots: 1, tieBreak: tieBreak)
            // Both 3; 1 has two sheets that agree (disagreement 0), 2 one sheet (disagreement unknown).
            s.dossier(1); s.score("a", 1, 3); s.score("b", 1, 3)
            s.dossier(2); s.score("a", 2, 3)
            return s.deliberation(seed: seed)
        }
        let standard = scenario(TieBreakRule.standard)
        XCTAssertEqual(standard.ranking(.mean).entries.map(\.dossier), [1, 2])
        let bootstrap = Bootstrap(standard, method: .mean, resamples: 500)
        XCTAssertEqual(bootstrap.noise, 0)
        XCTAssertEqual(bootstrap.probability, [1: 1, 2: 0], "lower disagreement decides, as in the ranking")

        let drawOnly = scenario([.recordedDraw])
        XCTAssertEqual(drawOnly.ranking(.mean).entries.map(\.dossier), [2, 1])
        XCTAssertEqual(Bootstrap(drawOnly, method: .mean, resamples: 500).probability, [1: 0, 2: 1], "the draw alone decides")
    }

    /// The case: `demo --dossiers 60 --seed 1`, the proposal's 2nd laureate moved into its
    /// 1st's region, one laureate per region. The proposal keeps the better of the two; the other
    /// is left out by the cap and cannot be likelier to be funded.
    func testUnderABindingCapTheProposedLaureateIsAtLeastAsLikelyAsTheDossierTheCapLeavesOut() throws {
        var generated = SyntheticCampaign.generate(dossiers: 60, reviewers: 5, seed: 1)
        var sheets: [String: [Int: ScoreSheet]] = [:]
        for sheet in generated.sheets { sheets[sheet.reviewer, default: [:]][sheet.dossier] = sheet }
        let chair = try XCTUnwrap(generated.jury.members.first { $0.role == .chair })
        func report() -> DeliberationReport {
            DeliberationReport(campaign: generated.campaign, jury: generated.jury, dossiers: generated.dossiers, sheets: sheets,
                               viewer: chair, allocation: .initial(for: generated.campaign), method: .mean)
        }
        let laureates = report().analysis.proposal
        let first = try XCTUnwrap(generated.dossiers.firstIndex { $0.number == laureates[0] })
        let second = try XCTUnwrap(generated.dossiers.firstIndex { $0.number == laureates[1] })
        generated.dossiers[second].address = generated.dossiers[first].address
        generated.campaign.constraints.maxPerRegion = 1
        let capped = report()
        let proposed = try XCTUnwrap(capped.row(laureates[0])), left = try XCTUnwrap(capped.row(laureates[1]))
        XCTAssertTrue(proposed.proposed)
        guard case .outRegionQuota = left.explanation else { return XCTFail("\(left.explanation)") }
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(proposed.probability), try XCTUnwrap(left.probability))
        XCTAssertEqual(capped.bootstrap.probability.values.reduce(0, +), Double(capped.analysis.proposal.count), accuracy: 1e-9)
    }

    /// Uncertainty does not shrink with fewer sheets: dossier 2, just above the line, is scored 4
    /// by four, then two, then one reviewer who all agree. Its probability moves away from 100 %
    /// each time, and one sheet leaves it strictly between 0 and 100 %.
    func testIdenticalSheetsTakenAwayMoveADossierNearTheLineAwayFromCertainty() throws {
        func probability(identicalSheets: Int, _ method: RankingMethod) throws -> Double {
            var s = DeliberationScenario(reviewers: ["a", "b", "c", "d"], slots: 2)
            s.dossier(1); s.score("a", 1, 5); s.score("b", 1, 4)
            s.dossier(2); for reviewer in ["a", "b", "c", "d"].prefix(identicalSheets) { s.score(reviewer, 2, 4) }
            s.dossier(3); s.score("a", 3, 4); s.score("b", 3, 3)
            s.dossier(4); s.score("a", 4, 3); s.score("b", 4, 4)
            s.dossier(5); s.score("a", 5, 2); s.score("b", 5, 3)
            let deliberation = s.deliberation()
            XCTAssertEqual(deliberation.ranking(method).rank(of: 2), 2, "on the line's right side")
            return try XCTUnwrap(Bootstrap(deliberation, method: method, resamples: 4_000).probability[2])
        }
        // Distance to the nearest certainty: it grows, never shrinks.
        func doubt(_ p: Double) -> Double { min(p, 1 - p) }
        for method in [RankingMethod.mean, .median] {
            let four = try probability(identicalSheets: 4, method), two = try probability(identicalSheets: 2, method)
            let one = try probability(identicalSheets: 1, method)
            XCTAssertLessThan(doubt(four), doubt(two), "\(method), 4 → 2 sheets: \(four) → \(two)")
            XCTAssertLessThan(doubt(two), doubt(one), "\(method), 2 → 1 sheet: \(two) → \(one)")
            XCTAssertGreaterThan(one, 0, "\(method)")
            XCTAssertLessThan(one, 1, "\(method)")
        }
    }

    /// The bundled demo's dossiers scored once and ranked near the line are not « certain » any
    /// more, and the checklist asks about those in the zone to discuss.
    func testTheBundledDemosSingleSheetDossiersNearTheLineAreUncertain() throws {
        let demo = DemoCampaign.bundled()
        var sheets: [String: [Int: ScoreSheet]] = [:]
        for sheet in demo.sheets { sheets[sheet.reviewer, default: [:]][sheet.dossier] = sheet }
        let chair = try XCTUnwrap(demo.jury.members.first { $0.role == .chair })
        let report = DeliberationReport(campaign: demo.campaign, jury: demo.jury, dossiers: demo.dossiers, sheets: sheets,
                                        viewer: chair, allocation: .initial(for: demo.campaign), method: .mean)
        let line = report.analysis.rules.capacity
        let near = report.rows.filter { row in
            row.statistics?.submitted == 1 && row.probability != nil && row.rank.map { abs($0 - line) <= 5 } == true
        }
        XCTAssertFalse(near.isEmpty, "the demo has single-sheet dossiers near the line")
        for row in near {
            let p = try XCTUnwrap(row.probability)
            XCTAssertTrue(p > 0 && p < 1, "n° \(row.number), rank \(row.rank!): \(p)")
        }
        let checklist = FinalisationChecklist(report, seances: Seances())
        for row in report.rows where row.debatable {
            XCTAssertNotNil(checklist.item("non-discute:\(row.number)"), "n° \(row.number) in the zone to discuss")
        }
        XCTAssertTrue(near.contains(where: \.debatable), "one of them at least is for the séance to discuss")
    }

    /// The z-score and the bias model are fitted once, on the real sheets, and the noise is
    /// measured on the corrected values. Reviewer b always scores one point below a: the bias
    /// model and the z-score (6 sheets each, same spread) take that habit out entirely, so no noise
    /// is left and the draws are the ranking itself; the mean counts it as disagreement.
    func testTheCorrectionsAreFittedOnceAndWhatTheyTakeOutIsNotNoise() throws {
        var s = DeliberationScenario(reviewers: ["a", "b"], slots: 2)
        for (number, value) in [(1, 5), (2, 4), (3, 4), (4, 3), (5, 2), (6, 2)] {
            s.dossier(number); s.score("a", number, value); s.score("b", number, value - 1)
        }
        let deliberation = s.deliberation()
        for method in [RankingMethod.zscore, .bias] {
            let bootstrap = Bootstrap(deliberation, method: method, resamples: 500)
            XCTAssertEqual(bootstrap.noise, 0, accuracy: 1e-9, "\(method)")
            let proposal = Set(AllocationAnalysis(deliberation, method: method).proposal)
            for (number, p) in bootstrap.probability {
                XCTAssertEqual(p, proposal.contains(number) ? 1 : 0, "\(method), n° \(number)")
            }
        }
        // Every dossier's two sheets differ by 1: σ² = 6 · ½ / 6.
        let mean = Bootstrap(deliberation, method: .mean, resamples: 2_000)
        XCTAssertEqual(mean.noise, 0.5.squareRoot(), accuracy: 1e-12)
        XCTAssertTrue(mean.isDebatable(2) && mean.isDebatable(3), "2 and 3 tie at 3,5: the draws decide between them")
    }
}
