import XCTest
import JuryCore
import JuryDemo

/// What a jury member may learn from the deliberation: nothing about a dossier they are in
/// conflict on, no score they may not read yet.
final class DeliberationDisclosureTests: XCTestCase {
    /// Six dossiers, four reviewers; "r1" is in conflict on dossier 3, which the others score.
    private func scenario() -> DeliberationScenario {
        var s = DeliberationScenario(reviewers: ["r1", "r2", "r3", "r4"], slots: 2, maxPerRegion: 1)
        for n in 1...6 { s.dossier(n, region: n % 2 == 0 ? "53" : "76") }
        let values = [1: [4, 3, 5, 2], 2: [2, 2, 3, 1], 3: [0, 5, 5, 4], 4: [3, 4, 2, 2], 5: [5, 5, 4, 4], 6: [1, 0, 2, 3]]
        for (dossier, scores) in values {
            for (reviewer, value) in zip(["r1", "r2", "r3", "r4"], scores) where !(reviewer == "r1" && dossier == 3) {
                s.score(reviewer, dossier, value)
            }
        }
        s.conflict("r1", on: 3)
        return s
    }

    func testAConflictedReviewerLearnsExactlyWhatTheCampaignWithoutTheDossierWouldSay() {
        let s = scenario()
        let seen = s.deliberation(as: "r1")
        var without = s
        without.dossiers.removeAll { $0.number == 3 }
        let reference = without.deliberation(as: "chair")

        XCTAssertEqual(seen.panel.dossiers.map(\.number), [1, 2, 4, 5, 6])
        XCTAssertEqual(seen.panel.hiddenForConflict, 1)
        XCTAssertNil(seen.statistics[3])
        XCTAssertEqual(seen.statistics, reference.statistics)
        XCTAssertEqual(seen.zscore.reviewers, reference.zscore.reviewers, "calibrations ignore the hidden dossier's sheets")
        XCTAssertEqual(seen.bias.biases, reference.bias.biases)
        for method in RankingMethod.allCases {
            XCTAssertEqual(seen.ranking(method).entries, reference.ranking(method).entries, "\(method)")
            XCTAssertEqual(Bootstrap(seen, method: method, resamples: 200).probability,
                           Bootstrap(reference, method: method, resamples: 200).probability, "\(method)")
        }
        XCTAssertEqual(AllocationAnalysis(seen, method: .mean).proposal, AllocationAnalysis(reference, method: .mean).proposal)
        // The chair, who has no conflict, sees dossier 3 first: every other rank moves down.
        XCTAssertEqual(s.deliberation().ranking(.mean).rank(of: 3), 1)
        XCTAssertEqual(s.deliberation().ranking(.mean).rank(of: 5), 2)
        XCTAssertEqual(seen.ranking(.mean).rank(of: 5), 1)

        let state = AllocationState(drawSeed: 1, laureates: [3, 5], waitlist: [1],
                                    motivations: [Motivation(dossier: 3, decision: .laureate, text: "t", by: "chair", at: DeliberationScenario.now)])
        let disclosed = state.disclosed(to: Disclosure(viewer: s.member("r1"), campaign: s.campaign))
        XCTAssertEqual(disclosed.laureates, [5])
        XCTAssertEqual(disclosed.waitlist, [1])
        XCTAssertEqual(disclosed.motivations, [])
    }

    func testScoresAreMaskedUntilTheReviewerSubmitsTheirOwnSheet() {
        var s = scenario()
        s.score("r2", 1, 4, submitted: false)
        let seen = s.deliberation(as: "r2")
        XCTAssertEqual(seen.panel.masked, [1])
        XCTAssertNil(seen.score(.mean, 1))
        XCTAssertEqual(seen.ranking(.mean).unscored, [1])
        XCTAssertEqual(Labels.explanation(AllocationAnalysis(seen, method: .mean).explanation(1), .fr),
                       "notes masquées (notation à l’aveugle)")
        XCTAssertNotNil(seen.score(.mean, 2))

        s.campaign.visibility = .never
        XCTAssertEqual(s.deliberation(as: "r2").panel.masked, [1, 2, 3, 4, 5, 6], "blind to the end")
        XCTAssertEqual(s.deliberation(as: "chair").panel.masked, [], "the chair reads every sheet")
        s.campaign.visibility = .always
        XCTAssertEqual(s.deliberation(as: "r2").panel.masked, [])
    }

    func testSheetsOfAMemberWhoLeftOrDeclaredAConflictSinceAreNotCounted() {
        var s = scenario()
        s.jury.members.removeAll { $0.login == "r4" }
        s.conflict("r2", on: 1)
        let stats = s.deliberation().statistics
        XCTAssertEqual(stats[1]?.totals, [4, 5], "r1 and r3 only")
        XCTAssertEqual(stats[1]?.expected, 2)
    }

    func testTheBundledDemoDeliberates() throws {
        let demo = DemoCampaign.bundled()
        var sheets: [String: [Int: ScoreSheet]] = [:]
        for sheet in demo.sheets { sheets[sheet.reviewer, default: [:]][sheet.dossier] = sheet }
        let chair = try XCTUnwrap(demo.jury.members.first { $0.role == .chair })
        let deliberation = Deliberation(campaign: demo.campaign, jury: demo.jury, dossiers: demo.dossiers, sheets: sheets,
                                        viewer: chair, drawSeed: 1)
        XCTAssertEqual(deliberation.panel.dossiers.count, 72)
        let rules = AllocationRules(demo.campaign)
        for method in RankingMethod.allCases {
            let analysis = AllocationAnalysis(deliberation, method: method)
            XCTAssertEqual(analysis.proposal.count, 15, "\(method)")
            XCTAssertEqual(analysis.violations(laureates: analysis.proposal, motivated: []), [], "\(method)")
            XCTAssertTrue(analysis.proposal.allSatisfy { deliberation.verdicts[$0]!.isEligible })
            let perRegion = Dictionary(grouping: analysis.proposal) { analysis.region(of: $0)!.code }
            XCTAssertLessThanOrEqual(perRegion.values.map(\.count).max()!, rules.maxPerRegion!)
            let bootstrap = Bootstrap(deliberation, method: method, resamples: 300)
            XCTAssertEqual(bootstrap.probability.values.reduce(0, +), 15, accuracy: 1e-9)
        }
        XCTAssertEqual(deliberation.zscore.reviewers.map(\.reviewer), ["amartin", "bkeita", "cleroux", "dnguyen", "esilva"])
        // The harsh reviewer (cleroux) and the lenient one (bkeita) of the demo come out as such.
        XCTAssertLessThan(try XCTUnwrap(deliberation.bias.biases["cleroux"]), 0)
        XCTAssertGreaterThan(try XCTUnwrap(deliberation.bias.biases["bkeita"]), 0)
    }
}
