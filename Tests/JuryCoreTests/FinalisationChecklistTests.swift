import XCTest
@testable import JuryCore

/// What the chair is asked before finalising (issue 11), and how finalising and reopening go.
final class FinalisationChecklistTests: XCTestCase {
    private let now = DeliberationScenario.now

    /// Two places, one per region. 1 is safe; 2 and 3 are close, with spread sheets: the data do
    /// not settle them. 4 has no rapporteur and one sheet (from a member who is not its rapporteur).
    private func scenario() -> DeliberationScenario {
        var s = DeliberationScenario(reviewers: ["a", "b"], slots: 2, maxPerRegion: 1)
        s.dossier(1, region: "53"); s.score("a", 1, 5); s.score("b", 1, 5)
        s.dossier(2, region: "76"); s.score("a", 2, 5); s.score("b", 2, 2)
        s.dossier(3, region: "84"); s.score("a", 3, 4); s.score("b", 3, 3)
        s.dossier(4, region: "53"); s.score("a", 4, 1)
        return s
    }

    private let rapporteurs = [1: ["a", "b"], 2: ["a", "b"], 3: ["a", "b"]]

    private func report(_ s: DeliberationScenario, _ allocation: AllocationState) -> DeliberationReport {
        DeliberationReport(campaign: s.campaign, jury: s.jury, dossiers: s.dossiers, sheets: s.sheets, viewer: s.member("chair"),
                           allocation: allocation, rapporteurs: rapporteurs)
    }

    func testAConflictDeclaredAfterTheFinalisationIsAnItemNamingIt() throws {
        var s = scenario()
        let allocation = AllocationState.initial(for: s.campaign)
        let frozen = s.jury
        let index = try XCTUnwrap(s.jury.members.firstIndex { $0.login == "b" })
        s.jury.members[index].conflicts.append(ConflictOfInterest(dossier: 2, reason: "Trésorier de la structure", recordedBy: "b"))
        let name = s.member("b").name
        let item = try XCTUnwrap(FinalisationChecklist(report(s, allocation), seances: Seances(), finalisedJury: frozen)
            .item("conflit-apres-finalisation:2:b"))
        XCTAssertEqual(item.text.fr, "n° 2 : conflit d’intérêts de \(name) (b) déclaré après la finalisation : « Trésorier de la structure »")
        XCTAssertFalse(item.blocking)
        XCTAssertNil(FinalisationChecklist(report(s, allocation), seances: Seances(), finalisedJury: s.jury)
            .items.first { $0.kind == .conflictAfterFinalisation }, "a conflict the finalisation knew is no item")
        XCTAssertNil(FinalisationChecklist(report(s, allocation), seances: Seances())
            .items.first { $0.kind == .conflictAfterFinalisation }, "not finalised: no such item")
    }

    func testEachCauseIsAnItemThatGoesAwayWithItsCause() throws {
        let s = scenario()
        var allocation = AllocationState.initial(for: s.campaign)
        // 4 is chosen against the ranking and the quota of its region, without a motivation; 4 is
        // then put on the waitlist's first place above 3, which ranks better.
        allocation.laureates = [1, 4]
        allocation.waitlist = [2, 3]
        let debatable = report(s, allocation).rows.filter(\.debatable).map(\.number)
        XCTAssertFalse(debatable.isEmpty, "the close dossiers are uncertain")

        let checklist = FinalisationChecklist(report(s, allocation), seances: Seances())
        let keys = Set(checklist.items.map(\.key))
        XCTAssertTrue(keys.isSuperset(of: ["regle:region:Bretagne", "motivation:4", "sans-rapporteur:4", "fiches:4"]), "\(keys)")
        XCTAssertTrue(keys.isSuperset(of: debatable.map { "non-discute:\($0)" }))
        XCTAssertEqual(checklist.item("fiches:4")?.text.fr, "n° 4 : 1 fiche soumise sur 2 attendues",
                       "without rapporteurs, the campaign's count is expected")
        XCTAssertEqual(checklist.item("motivation:4")?.blocking, true, "a laureate’s justification is written, not acknowledged")
        XCTAssertEqual(checklist.item("regle:region:Bretagne")?.blocking, false)
        XCTAssertNil(checklist.item("fiches:1"), "two rapporteurs, two sheets")

        // The waitlist: 3 placed below 2, which ranks… whichever ranks worse is asked about.
        let ranks = Dictionary(uniqueKeysWithValues: report(s, allocation).rows.compactMap { row in row.rank.map { (row.number, $0) } })
        let orderItem = checklist.items.first { $0.kind == .waitlistOrder }
        XCTAssertEqual(orderItem != nil, ranks[2]! > ranks[3]!)

        // Discussed in a séance: no longer asked about.
        var seances = Seances()
        seances.seances = [Seance(number: 1, openedAt: now, openedBy: "chair", place: "Paris", present: ["chair", "a", "b"], quorum: 2,
                                  events: debatable.map { SeanceEvent(at: now, kind: .discussion, dossier: $0) })]
        let afterSeance = FinalisationChecklist(report(s, allocation), seances: seances)
        XCTAssertTrue(afterSeance.items.allSatisfy { $0.kind != .undiscussed })
    }

    func testFinalisingTakesAReasonForWhatRemainsAndRefusesWhatMustBeResolved() throws {
        let s = scenario()
        let chair = s.member("chair")
        let analysis = AllocationAnalysis(s.deliberation(), method: .mean)
        var state = AllocationState.initial(for: s.campaign)
        try state.apply(.select(1, motivation: nil), analysis: analysis, by: chair, at: now)
        try state.apply(.select(4, motivation: "Ancrage <b>exceptionnel</b>"), analysis: analysis, by: chair, at: now)
        state.laureates.append(3)   // a third laureate for two places, as a hand-edited file could hold
        state.motivations.append(Motivation(dossier: 3, decision: .laureate, text: "x", by: "chair", at: now))
        XCTAssertThrowsError(try state.apply(.finalize(FinalisationChecklist(report(s, state), seances: Seances()), acknowledging: "vu"),
                                             analysis: analysis, by: chair, at: now)) {
            let message = ($0 as? AllocationError).map { Labels.allocationError($0, .fr) } ?? ""
            XCTAssertTrue(message.hasPrefix("Finalisation impossible, à régler d’abord : 3 lauréats pour 2 places ; "), message)
            XCTAssertTrue(message.contains("engagés pour un budget de"), message)
        }
        state.laureates.removeLast()
        state.motivations.removeLast()

        let checklist = FinalisationChecklist(report(s, state), seances: Seances())
        let open = checklist.open.map(\.key)
        XCTAssertFalse(open.isEmpty)
        XCTAssertThrowsError(try state.apply(.finalize(checklist, acknowledging: " "), analysis: analysis, by: chair, at: now)) {
            guard case .checklistOpen(let items)? = $0 as? AllocationError else { return XCTFail("\($0)") }
            XCTAssertEqual(items.map(\.key), open)
        }
        // One item acknowledged on its own, the rest in one step.
        let unassigned = try XCTUnwrap(checklist.item("sans-rapporteur:4"))
        try state.apply(.acknowledge(unassigned, reason: "Dossier déposé hors délai de désignation"), analysis: analysis, by: chair, at: now)
        XCTAssertEqual(FinalisationChecklist(report(s, state), seances: Seances()).item("sans-rapporteur:4")?.acknowledgement?.reason,
                       "Dossier déposé hors délai de désignation")
        try state.apply(.finalize(FinalisationChecklist(report(s, state), seances: Seances()), acknowledging: "Examinés en séance"),
                        analysis: analysis, by: chair, at: now)
        XCTAssertEqual(state.finalized, Finalization(at: now, by: "chair"))
        XCTAssertEqual(Set(state.acknowledgements?.map(\.key) ?? []), Set(open))
        XCTAssertEqual(state.acknowledgement("sans-rapporteur:4")?.reason, "Dossier déposé hors délai de désignation")
        XCTAssertEqual(state.acknowledgement("fiches:4")?.reason, "Examinés en séance")

        XCTAssertThrowsError(try state.apply(.deselect(1, motivation: nil), analysis: analysis, by: chair, at: now)) {
            XCTAssertEqual(($0 as? AllocationError).map { Labels.allocationError($0, .fr) },
                           "Attribution finalisée le 02/10/2023 10:00 par chair : l’attribution ne peut plus être modifiée ; "
                               + "la présidence peut la rouvrir : ptce-jury allocate --reopen --motivation « … »")
        }
    }

    func testOnlyTheChairReopensAndSaysWhy() throws {
        let s = scenario()
        let chair = s.member("chair")
        let analysis = AllocationAnalysis(s.deliberation(), method: .mean)
        var state = AllocationState.initial(for: s.campaign)
        XCTAssertThrowsError(try state.apply(.reopen(motivation: "erreur"), analysis: analysis, by: chair, at: now)) {
            XCTAssertEqual($0 as? AllocationError, .notFinalized)
        }
        try state.apply(.adoptProposal, analysis: analysis, by: chair, at: now)
        try state.apply(.finalize(FinalisationChecklist(report(s, state), seances: Seances()), acknowledging: "vu"),
                        analysis: analysis, by: chair, at: now)
        let finalized = try XCTUnwrap(state.finalized)
        XCTAssertThrowsError(try state.apply(.reopen(motivation: "erreur"), analysis: analysis, by: s.member("a"), at: now)) {
            XCTAssertEqual($0 as? AllocationError, .notChair(login: "a"))
        }
        XCTAssertThrowsError(try state.apply(.reopen(motivation: "  "), analysis: analysis, by: chair, at: now)) {
            XCTAssertEqual($0 as? AllocationError, .reasonRequired)
        }
        try state.apply(.reopen(motivation: "Erreur matérielle"), analysis: analysis, by: chair, at: now)
        XCTAssertNil(state.finalized)
        XCTAssertEqual(state.reopenings, [Reopening(finalized: finalized, motivation: "Erreur matérielle", by: "chair", at: now)])
        try state.apply(.deselect(1, motivation: nil), analysis: analysis, by: chair, at: now)
    }
}
