import JuryCore
import JuryDemo
import XCTest

/// The probability of being funded is that of being in the proposal: each resample runs the exact
/// allocator under the campaign's rules (issue 11).
final class FundingProbabilityTests: XCTestCase {
    /// `ptce-jury demo --dossiers 300 --reviewers 8 --seed 7`, as the chair sees it.
    private func syntheticReport(method: RankingMethod = .mean) -> DeliberationReport {
        let generated = SyntheticCampaign.generate(dossiers: 300, reviewers: 8, seed: 7)
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
        XCTAssertLessThan(try XCTUnwrap(excluded.probability), try XCTUnwrap(taken.probability),
                          "the proposed dossier is likelier to be funded than the one its region's cap leaves out")
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
}
