import XCTest
@testable import JuryCore

final class DeliberationAllocationTests: XCTestCase {
    // MARK: Optimality

    private struct Objective: Comparable {
        var overseas: Int, count: Int, sum: Double
        static func < (a: Objective, b: Objective) -> Bool {
            if a.overseas != b.overseas { return a.overseas < b.overseas }
            if a.count != b.count { return a.count < b.count }
            return Deliberation.key(a.sum) < Deliberation.key(b.sum)
        }
        static func == (a: Objective, b: Objective) -> Bool { !(a < b) && !(b < a) }
    }

    private func objective(_ chosen: [Candidate], _ rules: AllocationRules) -> Objective? {
        guard chosen.count <= rules.capacity else { return nil }
        if let maximum = rules.maxPerRegion {
            let counts = Dictionary(grouping: chosen, by: \.region).mapValues(\.count)
            guard counts.values.allSatisfy({ $0 <= maximum }) else { return nil }
        }
        return Objective(overseas: min(chosen.filter(\.overseas).count, rules.minOverseas), count: chosen.count,
                         sum: chosen.reduce(0) { $0 + $1.score })
    }

    /// Every subset of up to 12 candidates, on 400 random instances with regional quotas, an
    /// overseas floor, ties and a budget tighter than the slots.
    func testTheProposalIsOptimalAgainstBruteForce() throws {
        var random = SeededGenerator(seed: 2023)
        let regionCodes = ["53", "76", "84", "04", "01"]   // three metropolitan, two overseas
        for instance in 0..<400 {
            let count = 1 + random.below(12)
            let candidates = (0..<count).map { i -> Candidate in
                let region = regionCodes[random.below(regionCodes.count)]
                // Scores on a coarse grid so that ties are frequent.
                return Candidate(dossier: 100 + i, score: Double(random.below(9)) / 2, position: i, region: region,
                                 overseas: Regions.isOverseas(Regions.named(code: region)!))
            }.sorted { $0.score > $1.score }.enumerated().map {
                Candidate(dossier: $1.dossier, score: $1.score, position: $0, region: $1.region, overseas: $1.overseas)
            }
            var s = DeliberationScenario(reviewers: ["a"], slots: 1 + random.below(6), maxPerRegion: random.below(4) == 0 ? nil : 1 + random.below(3),
                                         minOverseas: random.below(3))
            s.campaign.constraints.minOverseas = min(s.campaign.constraints.minOverseas ?? 0, s.campaign.funding.slots)
            if random.below(4) == 0 { s.campaign.funding.totalBudget -= 100_000 * random.below(s.campaign.funding.slots) }
            let rules = AllocationRules(s.campaign)

            var best: Objective?
            for mask in 0..<(1 << count) {
                let chosen = candidates.indices.filter { mask & (1 << $0) != 0 }.map { candidates[$0] }
                if let value = objective(chosen, rules), best.map({ $0 < value }) ?? true { best = value }
            }
            let proposal = Allocator.propose(candidates, rules: rules)
            let chosen = proposal.map { number in candidates.first { $0.dossier == number }! }
            XCTAssertEqual(Set(proposal).count, proposal.count, "instance \(instance): a dossier twice")
            let value = try XCTUnwrap(objective(chosen, rules), "instance \(instance): the proposal breaks a rule")
            XCTAssertEqual(value, try XCTUnwrap(best), "instance \(instance): \(candidates) under \(rules)")
            XCTAssertEqual(proposal, chosen.sorted { $0.position < $1.position }.map(\.dossier), "best-ranked first")
        }
    }

    func testAmongEqualSumsTheBetterRankedDossierIsProposed() {
        let candidates = [Candidate(dossier: 1, score: 3, position: 0, region: "53", overseas: false),
                          Candidate(dossier: 2, score: 3, position: 1, region: "76", overseas: false)]
        var s = DeliberationScenario(reviewers: ["a"], slots: 1)
        s.campaign.constraints.minOverseas = nil
        XCTAssertEqual(Allocator.propose(candidates, rules: AllocationRules(s.campaign)), [1])
    }

    // MARK: Explanations

    /// Five Bretagne dossiers scored 5 to 1 (quota 2), two in Occitanie scored 4.5 and 0.5, one
    /// overseas scored 0, one ineligible scored 5, one unscored; four slots, one reserved overseas.
    private func regionalScenario() -> DeliberationScenario {
        var s = DeliberationScenario(reviewers: ["a"], slots: 4, maxPerRegion: 2, minOverseas: 1)
        for (number, value) in [(1, 5), (2, 4), (3, 3), (4, 2), (5, 1)] { s.dossier(number, region: "53"); s.score("a", number, value) }
        s.dossier(6, region: "76"); s.score("a", 6, 0, values: ["note": 4])
        s.dossier(7, region: "76"); s.score("a", 7, 0, values: ["note": 1])
        s.dossier(8, region: "04"); s.score("a", 8, 0)
        s.dossier(9, region: "84", eligible: false); s.score("a", 9, 5)
        s.dossier(10, region: "84")
        return s
    }

    func testEachDossierIsExplained() {
        let analysis = AllocationAnalysis(regionalScenario().deliberation(), method: .mean)
        // Ranking: 1 (5), 9 (5, ineligible), 2 (4), 6 (4), 3 (3), 4 (2), 5 (1), 7 (1), 8 (0).
        XCTAssertEqual(analysis.proposal, [1, 2, 6, 8])
        func text(_ n: Int) -> String { Labels.explanation(analysis.explanation(n), .fr) }
        XCTAssertEqual(text(1), "proposé : rang 1")
        XCTAssertEqual(text(8), "proposé : place réservée à l’outre-mer (rang 9)")
        XCTAssertEqual(text(3), "non proposé : quota régional atteint (2/2 en Bretagne), rang 5")
        XCTAssertEqual(text(5), "non proposé : quota régional atteint (2/2 en Bretagne), rang 7")
        XCTAssertEqual(text(9), "non éligible : N’est pas lauréat de la phase 1 de l’AMI")
        XCTAssertEqual(text(10), "pas de fiche soumise")
        XCTAssertEqual(analysis.proposalWithoutFloor, [1, 2, 6, 7], "without the floor, 7 (Occitanie, 1) would have the last place")
        XCTAssertEqual(text(7), "non proposé : place cédée à l’outre-mer (rang 8)")
    }

    func testAPlaceGivenToOverseasIsSaidSo() {
        var s = DeliberationScenario(reviewers: ["a"], slots: 2, minOverseas: 1)
        s.dossier(1, region: "53"); s.score("a", 1, 5)
        s.dossier(2, region: "76"); s.score("a", 2, 4)
        s.dossier(3, region: "01"); s.score("a", 3, 1)
        s.dossier(4, region: "84"); s.score("a", 4, 0)
        let analysis = AllocationAnalysis(s.deliberation(), method: .mean)
        XCTAssertEqual(analysis.proposal, [1, 3])
        XCTAssertEqual(Labels.explanation(analysis.explanation(2), .fr), "non proposé : place cédée à l’outre-mer (rang 2)")
        XCTAssertEqual(Labels.explanation(analysis.explanation(4), .fr), "non proposé : rang 4, au-delà des 2 places")
    }

    // MARK: Violations and what-if

    func testViolationsOfASelectionAreListed() {
        let analysis = AllocationAnalysis(regionalScenario().deliberation(), method: .mean)
        let violations = analysis.violations(laureates: [1, 2, 3, 9, 6], motivated: [])
        XCTAssertEqual(violations.map { Labels.violation($0, .fr) }, [
            "5 lauréats pour 4 places",
            "500\u{A0}000\u{A0}€ engagés pour un budget de 400\u{A0}000\u{A0}€",
            "Bretagne : 3 lauréats pour 2 au plus",
            "outre-mer : 0 lauréat pour 1 au moins",
            "n° 3 : motivation requise, choix contraire au classement (rang 5, hors proposition)",
            "n° 9 : motivation requise, dossier non éligible (N’est pas lauréat de la phase 1 de l’AMI)",
        ])
        XCTAssertEqual(analysis.violations(laureates: analysis.proposal, motivated: []), [])
    }

    func testWhatIfASwapReportsTheScoreChangeAndTheRulesItBreaksOrRepairs() {
        let analysis = AllocationAnalysis(regionalScenario().deliberation(), method: .mean)
        var state = AllocationState(drawSeed: 1, laureates: analysis.proposal)
        let swap = analysis.whatIf(state, remove: 8, add: 3)
        XCTAssertEqual(swap.scoreChange, 3, accuracy: 1e-12)   // 0 out, 3 in
        XCTAssertEqual(swap.introduced, [.regionOverQuota(region: "Bretagne", count: 3, maximum: 2),
                                         .overseasShort(count: 0, minimum: 1),
                                         .missingMotivation(dossier: 3, .againstRanking(rank: 5))])
        XCTAssertEqual(swap.resolved, [])
        state.laureates = [1, 2, 6, 7]
        XCTAssertEqual(analysis.whatIf(state, remove: 7, add: 8).resolved,
                       [.overseasShort(count: 0, minimum: 1), .missingMotivation(dossier: 7, .againstRanking(rank: 8))])
    }

    // MARK: Editing the allocation

    func testOnlyTheChairEditsAndMotivationsAreRequiredWhereTheRankingIsLeft() throws {
        let s = regionalScenario()
        let analysis = AllocationAnalysis(s.deliberation(), method: .mean)
        var state = AllocationState.initial(for: s.campaign)
        let chair = s.member("chair")
        XCTAssertThrowsError(try state.apply(.select(1, motivation: nil), analysis: analysis, by: s.member("a"), at: DeliberationScenario.now)) {
            XCTAssertEqual($0 as? AllocationError, .notChair(login: "a"))
        }
        try state.apply(.select(1, motivation: nil), analysis: analysis, by: chair, at: DeliberationScenario.now)
        XCTAssertThrowsError(try state.apply(.select(9, motivation: "  "), analysis: analysis, by: chair, at: DeliberationScenario.now)) {
            XCTAssertEqual(($0 as? AllocationError).map { Labels.allocationError($0, .fr) },
                           "Motivation requise pour le n° 9 : dossier non éligible (N’est pas lauréat de la phase 1 de l’AMI).")
        }
        XCTAssertThrowsError(try state.apply(.select(3, motivation: nil), analysis: analysis, by: chair, at: DeliberationScenario.now))
        try state.apply(.select(9, motivation: "Pôle lauréat en 2020 sous un autre nom."), analysis: analysis, by: chair,
                        at: DeliberationScenario.now)
        XCTAssertEqual(state.laureates, [1, 9])
        XCTAssertEqual(state.motivation(9)?.decision, .laureate)
        XCTAssertEqual(state.motivation(9)?.by, "chair")

        try state.apply(.toggleWaitlist(9), analysis: analysis, by: chair, at: DeliberationScenario.now)
        XCTAssertEqual(state.decision(9), .waitlist)
        XCTAssertNil(state.motivation(9), "the motivation was for the laureate decision")
        try state.apply(.decide(4, .waitlist, motivation: "Second choix pour la Bretagne"), analysis: analysis, by: chair,
                        at: DeliberationScenario.now)
        try state.apply(.moveInWaitlist(4, by: -1), analysis: analysis, by: chair, at: DeliberationScenario.now)
        XCTAssertEqual(state.waitlist, [4, 9])
        XCTAssertThrowsError(try state.apply(.setWaitlist([4, 1]), analysis: analysis, by: chair, at: DeliberationScenario.now)) {
            XCTAssertEqual($0 as? AllocationError, .invalidWaitlist(1))
        }
        XCTAssertThrowsError(try state.apply(.select(999, motivation: "x"), analysis: analysis, by: chair, at: DeliberationScenario.now)) {
            XCTAssertEqual($0 as? AllocationError, .unknownDossier(999))
        }
    }

    func testFinalisingNeedsAValidSelectionAndFreezesIt() throws {
        let s = regionalScenario()
        let analysis = AllocationAnalysis(s.deliberation(), method: .mean)
        let chair = s.member("chair"), now = DeliberationScenario.now
        var state = AllocationState.initial(for: s.campaign)
        func checklist() -> FinalisationChecklist {
            FinalisationChecklist(DeliberationReport(s.deliberation(), jury: s.jury, viewer: chair, allocation: state, method: .mean),
                                  seances: Seances())
        }
        try state.apply(.select(1, motivation: nil), analysis: analysis, by: chair, at: now)
        XCTAssertThrowsError(try state.apply(.finalize(checklist(), acknowledging: nil), analysis: analysis, by: chair, at: now)) {
            guard case .checklistOpen(let items)? = $0 as? AllocationError else { return XCTFail("\($0)") }
            XCTAssertTrue(items.contains { $0.key == "regle:outre-mer" && $0.text.fr == "outre-mer : 0 lauréat pour 1 au moins" })
        }
        try state.apply(.adoptProposal, analysis: analysis, by: chair, at: now)
        XCTAssertEqual(state.laureates, [1, 2, 6, 8])
        try state.apply(.finalize(checklist(), acknowledging: "Sheets checked in session"), analysis: analysis, by: chair, at: now)
        XCTAssertEqual(state.finalized, Finalization(at: now, by: "chair"))
        XCTAssertThrowsError(try state.apply(.deselect(1, motivation: nil), analysis: analysis, by: chair, at: now)) {
            XCTAssertEqual($0 as? AllocationError, .finalized(Finalization(at: now, by: "chair")))
        }
    }

    func testAnAllocationFileIsCheckedAgainstTheDossiers() {
        let state = AllocationState(drawSeed: -1, laureates: [1, 2, 2], waitlist: [2, 77],
                                    motivations: [Motivation(dossier: 1, decision: .laureate, text: " ", by: "chair", at: DeliberationScenario.now)])
        XCTAssertEqual(state.problems(dossiers: [1, 2]).map(\.description), [
            "drawSeed: la graine du tirage doit être entre 0 et 2^53 − 1",
            "laureates[2]: dossier n° 2 en double",
            "waitlist[1]: dossier n° 77 inconnu : absent de dossiers.json",
            "waitlist: le dossier n° 2 est à la fois lauréat et sur la liste complémentaire",
            "motivations[0].text: motivation vide",
        ])
    }
}
