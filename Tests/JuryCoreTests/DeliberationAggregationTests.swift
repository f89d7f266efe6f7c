import XCTest
@testable import JuryCore

/// Statistics and normalisations against values computed by hand (the arithmetic is in the comments).
final class DeliberationAggregationTests: XCTestCase {
    func testStatisticsOfTheSubmittedSheetsOnly() throws {
        let grid = [
            Criterion(key: "maturite", label: "Maturité", description: "", weight: 3, scale: DeliberationScenario.scale),
            Criterion(key: "impact", label: "Impact", description: "", weight: 1, scale: DeliberationScenario.scale),
        ]
        var s = DeliberationScenario(reviewers: ["r1", "r2", "r3", "r4", "r5"], grid: grid)
        let d = s.dossier(101)
        s.score("r1", d, 0, values: ["maturite": 4, "impact": 2])   // (3·4 + 1·2) / 4 = 3.5
        s.score("r2", d, 3)                                          // (3·3 + 1·3) / 4 = 3.0
        s.score("r3", d, 0, values: ["maturite": 5, "impact": 1])   // (3·5 + 1·1) / 4 = 4.0
        s.score("r4", d, 0, values: ["maturite": 0, "impact": 0], submitted: false)   // a draft: not counted
        s.conflict("r5", on: d)
        let stats = try XCTUnwrap(s.deliberation().statistics[d])
        XCTAssertEqual(stats.totals, [3.5, 3.0, 4.0])
        XCTAssertEqual(try XCTUnwrap(stats.mean), 3.5, accuracy: 1e-12)          // 10.5 / 3
        XCTAssertEqual(try XCTUnwrap(stats.median), 3.5, accuracy: 1e-12)        // 3.0 ≤ 3.5 ≤ 4.0
        XCTAssertEqual(stats.minimum, 3.0)
        XCTAssertEqual(stats.maximum, 4.0)
        // √((0² + 0.5² + 0.5²) / 3) = √(1/6)
        XCTAssertEqual(try XCTUnwrap(stats.disagreement), (1.0 / 6).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(stats.submitted, 3)
        XCTAssertEqual(stats.expected, 4, "five reviewers, one in conflict")
    }

    /// A member who has not opened a single sheet (a newcomer, someone idle) is not waited for.
    /// A sheet submitted after its dossier's discussion began counts, flagged, unless the campaign
    /// says `"seance": {"lateSheetsCount": false}`.
    func testALateSheetCountsUnlessTheCampaignLeavesItOut() throws {
        var s = DeliberationScenario(reviewers: ["r1", "r2"])
        let d = s.dossier(101)
        s.score("r1", d, 4)
        s.score("r2", d, 2)
        s.sheets["r2"]?[d]?.submittedAfterDiscussion = true
        XCTAssertEqual(try XCTUnwrap(s.deliberation().statistics[d]).totals, [4, 2])
        s.campaign.seance = SeanceSettings(lateSheetsCount: false)
        XCTAssertEqual(try XCTUnwrap(s.deliberation().statistics[d]).totals, [4])
    }

    func testAMemberWithNoSheetIsNotExpected() throws {
        var s = DeliberationScenario(reviewers: ["a", "b", "idle"])
        let d = s.dossier(1), other = s.dossier(2)
        s.score("a", d, 3)
        s.score("b", other, 4, submitted: false)   // a draft elsewhere: b has begun scoring
        XCTAssertEqual(s.deliberation().statistics[d]?.expected, 2, "a and b, not idle")
        s.score("idle", other, 2, submitted: false)
        XCTAssertEqual(s.deliberation().statistics[d]?.expected, 3)
    }

    func testMedianOfAnEvenCountAndNoDisagreementWithOneSheet() throws {
        var s = DeliberationScenario(reviewers: ["a", "b", "c", "d"])
        let even = s.dossier(1), single = s.dossier(2), none = s.dossier(3)
        for (reviewer, value) in zip(["a", "b", "c", "d"], [1, 5, 2, 4]) { s.score(reviewer, even, value) }
        s.score("a", single, 4)
        let deliberation = s.deliberation()
        XCTAssertEqual(deliberation.statistics[even]?.median, 3)   // (2 + 4) / 2
        XCTAssertNil(deliberation.statistics[single]?.disagreement, "one sheet: nobody to disagree with")
        XCTAssertEqual(deliberation.statistics[single]?.mean, 4)
        XCTAssertNil(deliberation.statistics[none]?.mean)
        XCTAssertEqual(deliberation.statistics[none]?.submitted, 0)
        XCTAssertEqual(deliberation.statistics[none]?.expected, 4)
    }

    /// h is harsh (1 and 3), l lenient (3, 5, 4), s has one sheet only: with a minimum of two
    /// sheets, h and l are normalised, s is left raw and says why.
    func testZScoreNormalisesReviewersWithEnoughSheetsAndNamesTheOthers() throws {
        var s = DeliberationScenario(reviewers: ["h", "l", "s"])
        let d1 = s.dossier(1), d2 = s.dossier(2), d3 = s.dossier(3)
        s.score("h", d1, 1); s.score("l", d1, 3)
        s.score("h", d2, 3); s.score("l", d2, 5)
        s.score("l", d3, 4); s.score("s", d3, 2)
        let z = ZScoreNormalisation(panel: s.deliberation().panel, minimumSheets: 2)
        // Pool: 1, 3, 3, 5, 4, 2 → μ = 18/6 = 3, σ = √((4 + 0 + 0 + 4 + 1 + 1) / 6) = √(10/6)
        XCTAssertEqual(z.poolMean, 3, accuracy: 1e-12)
        XCTAssertEqual(z.poolStandardDeviation, (10.0 / 6).squareRoot(), accuracy: 1e-12)
        let h = try XCTUnwrap(z.reviewers.first { $0.reviewer == "h" })
        XCTAssertEqual(h.mean, 2); XCTAssertEqual(h.standardDeviation, 1)       // μ_h = 2, σ_h = √((1 + 1) / 2) = 1
        let l = try XCTUnwrap(z.reviewers.first { $0.reviewer == "l" })
        XCTAssertEqual(l.mean, 4, accuracy: 1e-12)                              // (3 + 5 + 4) / 3
        XCTAssertEqual(l.standardDeviation, (2.0 / 3).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(z.reviewers.first { $0.reviewer == "s" }?.rawBecause, .tooFewSheets(have: 1, need: 2))
        // h on d1: z = (1 − 2) / 1 = −1 → 3 − √(10/6) = 1.70901…
        XCTAssertEqual(z.value(1, by: "h"), 3 - (10.0 / 6).squareRoot(), accuracy: 1e-12)
        // l on d1: z = (3 − 4) / √(2/3) = −√(3/2) → 3 − √(10/6)·√(3/2) = 3 − √2.5 = 1.41886…
        XCTAssertEqual(z.value(3, by: "l"), 3 - 2.5.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(z.value(2, by: "s"), 2, "a raw score stays raw")
        XCTAssertEqual(Labels.calibration(z.reviewers.first { $0.reviewer == "s" }!, .fr),
                       "notes brutes, non recentrées : 1 fiche soumise (2 au moins)")
    }

    func testZScoreLeavesAReviewerWhoseScoresAreAllEqualRaw() {
        var s = DeliberationScenario(reviewers: ["flat", "other"])
        for n in 1...5 { s.dossier(n); s.score("flat", n, 3); s.score("other", n, n) }
        let z = ZScoreNormalisation(panel: s.deliberation().panel)
        XCTAssertEqual(z.reviewers.first { $0.reviewer == "flat" }?.rawBecause, .noSpread)
        XCTAssertTrue(z.reviewers.first { $0.reviewer == "other" }?.isNormalised ?? false)
        XCTAssertEqual(z.value(3, by: "flat"), 3)
    }

    /// A scores d1 = 3, d2 = 5; B scores d1 = 2, d2 = 2 and, alone, d3 = 4.
    ///   ȳ_1 = 2.5, ȳ_2 = 3.5; for A: Σ(y − ȳ) = 0.5 + 1.5 = 2 = 2·b_A − (b_A + b_B)/2·2 = b_A − b_B
    ///   with b_A + b_B = 0: b_A = 1, b_B = −1; f_1 = ((3 − 1) + (2 + 1)) / 2 = 2.5, f_2 = 3.5,
    ///   f_3 = 4 + 1 = 5 (a dossier seen by one reviewer says nothing about the biases).
    func testBiasModelByHand() throws {
        var s = DeliberationScenario(reviewers: ["a", "b"])
        let d1 = s.dossier(1), d2 = s.dossier(2), d3 = s.dossier(3)
        s.score("a", d1, 3); s.score("b", d1, 2)
        s.score("a", d2, 5); s.score("b", d2, 2)
        s.score("b", d3, 4)
        let model = s.deliberation().bias
        XCTAssertEqual(try XCTUnwrap(model.biases["a"]), 1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(model.biases["b"]), -1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(model.merits[d1]), 2.5, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(model.merits[d2]), 3.5, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(model.merits[d3]), 5, accuracy: 1e-12)
        XCTAssertEqual(model.groups, 1)
    }

    /// Scores made exactly as merit + habit over a connected design give the habits back, and
    /// the least-squares residuals of any fit sum to zero per reviewer and per dossier.
    func testBiasModelRecoversExactHabitsAndSatisfiesTheNormalEquations() throws {
        let habits = ["r1": -1.0, "r2": 0.5, "r3": 0.0, "r4": 0.5]
        let merits = [10: 2.0, 11: 3.0, 12: 1.5, 13: 4.0, 14: 2.5]
        let design = [10: ["r1", "r2"], 11: ["r2", "r3"], 12: ["r3", "r4"], 13: ["r4", "r1", "r3"], 14: ["r1"]]
        var s = DeliberationScenario(reviewers: habits.keys.sorted(), grid: [Criterion(
            key: "note", label: "Note", description: "", weight: 1, scale: Scale(min: 0, max: 100, levels: []))])
        for (dossier, reviewers) in design.sorted(by: { $0.key < $1.key }) {
            s.dossier(dossier)
            // Values on a 0–100 scale, so that halves survive the integer values of a sheet.
            for r in reviewers { s.score(r, dossier, Int((merits[dossier]! + habits[r]!) * 20)) }
        }
        let model = s.deliberation().bias
        for (reviewer, habit) in habits { XCTAssertEqual(try XCTUnwrap(model.biases[reviewer]), habit * 20, accuracy: 1e-9, reviewer) }
        for (dossier, merit) in merits { XCTAssertEqual(try XCTUnwrap(model.merits[dossier]), merit * 20, accuracy: 1e-9) }
        XCTAssertEqual(model.biases.values.reduce(0, +), 0, accuracy: 1e-9)

        // Noise: scores that no model explains exactly.
        var noisy = s
        noisy.score("r2", 10, 13); noisy.score("r4", 13, 97); noisy.score("r3", 12, 3)
        let fit = noisy.deliberation()
        var byReviewer: [String: Double] = [:]
        for dossier in fit.panel.dossiers {
            var residuals = 0.0
            for (reviewer, total) in fit.panel.totals(dossier.number) {
                let residual = total - fit.bias.merits[dossier.number]! - fit.bias.biases[reviewer]!
                residuals += residual
                byReviewer[reviewer, default: 0] += residual
            }
            XCTAssertEqual(residuals, 0, accuracy: 1e-9, "dossier \(dossier.number)")
        }
        for (reviewer, sum) in byReviewer { XCTAssertEqual(sum, 0, accuracy: 1e-9, reviewer) }
        XCTAssertEqual(fit.bias.biases.values.reduce(0, +), 0, accuracy: 1e-9)
    }

    func testReviewersWhoShareNoDossierFormSeparateGroups() {
        var s = DeliberationScenario(reviewers: ["a", "b", "c", "d"])
        s.dossier(1); s.dossier(2)
        s.score("a", 1, 4); s.score("b", 1, 2)
        s.score("c", 2, 5); s.score("d", 2, 1)
        let model = s.deliberation().bias
        XCTAssertEqual(model.groups, 2)
        XCTAssertEqual(model.biases["a"]! + model.biases["b"]!, 0, accuracy: 1e-12)
        XCTAssertEqual(model.biases["c"]! + model.biases["d"]!, 0, accuracy: 1e-12)
        XCTAssertEqual(model.merits[1]!, 3, accuracy: 1e-12)   // (4 + 2) / 2, b_a = 1, b_b = −1
    }
}
