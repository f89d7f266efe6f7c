import XCTest
import JuryCore
@testable import JuryConsole

final class BoardTests: XCTestCase {
    private func numbers(_ state: ConsoleState) -> [Int] { state.board?.report.rows.map(\.number) ?? [] }

    func testTheBoardOpensFromTheListAndShowsTheRankingAndTheBudget() {
        var state = BoardFixture.board(as: "jmartin")
        XCTAssertEqual(state.screen, .board)
        // Means: 1007 4.5, 1003 4.5 (ineligible), 1002 4.4, 1001 3.71, 1004 3, 1005 2.71, 1006 2.
        XCTAssertEqual(numbers(state), [1007, 1003, 1002, 1001, 1004, 1005, 1006])
        let screen = state.screenText()
        XCTAssertTrue(screen.contains("2/3 lauréats — 200\u{A0}000\u{A0}€ / 300\u{A0}000\u{A0}€  ■■□"), screen)
        XCTAssertTrue(screen.contains("ligne de financement : 3 places"))
        XCTAssertTrue(screen.contains("✗ outre-mer : 0 lauréat pour 1 au moins (+1 autres, t pour tout lire)"), screen)
        // 1007: 4.87 and 4.13 (σ 0.37); 1003: 5 and 4 (σ 0.5).
        XCTAssertEqual(state.board?.report.row(1003)?.tie, Tie(above: 1007, decidedBy: .lowerDisagreement))
        state.press(.escape)
        XCTAssertEqual(state.screen, .list)
    }

    func testAReviewerSeesNothingOfTheirConflictAndCannotChangeAnything() {
        var state = BoardFixture.board(as: "mdupont", rows: 40, columns: 120)
        let screen = state.screenText()
        XCTAssertFalse(screen.contains("1007"))
        XCTAssertFalse(screen.contains("Pôle Caché"))
        XCTAssertTrue(screen.contains("1/3 lauréats"), "the hidden laureate is not counted")
        XCTAssertTrue(screen.contains("1 dossier masqué (conflit), non compté"))
        XCTAssertEqual(state.board?.report.rows.count, 6)
        // Only 1001 and 1005 carry her submitted sheet: the others' scores stay masked, unranked.
        XCTAssertEqual(state.board?.report.rows.filter { $0.rank != nil }.map(\.number), [1001, 1005])
        XCTAssertTrue(screen.contains("masqué"))
        for key in [" ", "w", "p", "F", "d", "+"] {
            XCTAssertEqual(state.press(.character(Character(key))), [], key)
            XCTAssertEqual(state.messageText, "Lecture seule : seule la présidence modifie l’attribution")
        }
        state.press(.character("m"))
        XCTAssertEqual(state.board?.method, .median, "a reviewer changes only what they see")
        XCTAssertEqual(state.board?.allocation, BoardFixture.allocation)
    }

    func testTheChairSelectsAndEachChangeIsSavedAgainstTheRevisionRead() throws {
        var state = BoardFixture.board(as: "jmartin")
        state.press(.down, .down)   // 1002, proposed: no motivation needed
        let effects = state.press(.character(" "))
        var expected = BoardFixture.allocation
        expected.laureates.append(1002)
        expected.waitlist = []
        expected.motivations = []
        expected.updatedAt = Fixture.now
        expected.updatedBy = "jmartin"
        XCTAssertEqual(effects, [.allocation(.save(expected, expectedRevision: 4, by: "jmartin"))])
        XCTAssertEqual(state.messageText, "n° 1002 lauréat (3/3)")
        XCTAssertTrue(state.screenText().contains("3/3 lauréats"))
        var saved = expected
        saved.revision = 5
        _ = update(&state, .allocation(.saved(saved)))
        XCTAssertEqual(state.board?.allocation.revision, 5)
        XCTAssertEqual(state.messageText, "Attribution enregistrée (révision 5)")
        // Selected again: removed.
        XCTAssertEqual(state.press(.character(" ")).count, 1)
        XCTAssertEqual(state.board?.allocation.laureates, [1001, 1007])
    }

    func testSelectingAnIneligibleDossierAsksForAMotivation() {
        var state = BoardFixture.board(as: "jmartin")
        XCTAssertEqual(state.press(.down, .character(" ")), [.loadDraft(prompt: "motivation-1003")], "1003 is not eligible")
        XCTAssertNotNil(state.board?.motivation)
        XCTAssertTrue(state.isTyping)
        XCTAssertEqual(state.press(.enter), [], "an empty motivation is refused")
        XCTAssertEqual(state.messageText, "Motivation requise pour le n° 1003 : dossier non éligible "
                       + "(Composition non conforme au décret 2015-431 : 2 membres au lieu d’au moins 3, aucun autre acteur "
                       + "(collectivité, recherche, formation, association…)).")
        state.type("Statuts modifiés depuis")
        let effects = state.press(.enter)
        guard case .allocation(.save(let saved, 4, "jmartin"))? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(saved.laureates, [1001, 1007, 1003])
        XCTAssertEqual(saved.motivation(1003)?.text, "Statuts modifiés depuis")
        XCTAssertNil(state.board?.motivation)

        state.press(.character("d"))
        XCTAssertEqual(state.board?.motivation?.editor.text, "Statuts modifiés depuis", "d edits the motivation in place")
        state.press(.escape)
        XCTAssertNil(state.board?.motivation)
        XCTAssertEqual(state.messageText, "Annulé")
    }

    func testProposalWaitlistAndFinalisation() throws {
        var state = BoardFixture.board(as: "jmartin")
        XCTAssertEqual(state.press(.character("p")), [])
        XCTAssertTrue(state.screenText().contains("Remplacer les lauréats par la proposition optimale (3 dossiers) ? (o/n)"))
        XCTAssertEqual(state.press(.character("n")), [])
        XCTAssertEqual(state.board?.allocation.laureates, [1001, 1007])
        state.press(.character("p"))
        XCTAssertEqual(state.press(.character("o")).count, 1)
        XCTAssertEqual(state.board?.allocation.laureates, [1007, 1002, 1005])
        XCTAssertEqual(state.board?.allocation.waitlist, [])

        // 1001 and 1006 on the waitlist, then 1006 moved first.
        state.press(.character("g"))
        for _ in 0..<3 { state.press(.down) }
        XCTAssertEqual(state.board?.selectedRow?.number, 1001)
        state.press(.character("w"), .character("G"), .character("w"), .character("+"))
        XCTAssertEqual(state.board?.allocation.waitlist, [1006, 1001])
        XCTAssertEqual(state.messageText, "n° 1006 en liste complémentaire, position 1")

        XCTAssertEqual(state.press(.character("F")), [.allocation(.loadChecklist)])
        _ = update(&state, .allocation(.checklistLoaded(BoardFixture.checklistInputs)))
        XCTAssertEqual(state.board?.checklist?.checklist.open.isEmpty, false)
        XCTAssertEqual(state.press(.character("F")), [], "items remain")
        XCTAssertEqual(state.messageText, "Réglez ou acceptez d’abord chaque point")
        // Each item acknowledged with a reason, saved at once.
        while let item = state.board?.checklist?.checklist.open.first {
            let index = try XCTUnwrap(state.board?.checklist?.checklist.items.firstIndex(of: item))
            state.press(.character("g"))
            for _ in 0..<index { state.press(.down) }
            state.press(.character("a"))
            state.type("Vu en séance")
            let effects = state.press(.enter)
            guard case .allocation(.save(let saved, _, _))? = effects.first else { return XCTFail("\(effects)") }
            XCTAssertEqual(saved.acknowledgement(item.key)?.reason, "Vu en séance")
        }
        XCTAssertEqual(state.press(.character("F")), [])
        XCTAssertTrue(state.screenText().contains("Finaliser ? L’attribution, les fiches et les rapporteurs seront figés. (o/n)"))
        XCTAssertEqual(state.press(.character("o")).count, 1)
        XCTAssertEqual(state.board?.allocation.finalized, Finalization(at: Fixture.now, by: "jmartin"))
        XCTAssertNil(state.board?.checklist, "back on the board")
        XCTAssertTrue(state.screenText().contains("✓ Attribution FINALISÉE le 02/10/2023 10:00 par jmartin"))
        XCTAssertEqual(state.press(.character(" ")), [])
        XCTAssertEqual(state.messageText, "Attribution finalisée le 02/10/2023 10:00 par jmartin : l’attribution ne peut plus être modifiée ; "
                           + "la présidence peut la rouvrir : ptce-jury allocate --reopen --motivation « … »")
    }

    func testASheetSubmittedMeanwhileSettlesItsChecklistItem() throws {
        var state = BoardFixture.checklist()
        XCTAssertNotNil(state.board?.checklist?.checklist.item("fiches:1002"))
        _ = update(&state, .storeChanged(MemberUpdate(sheets: [BoardFixture.sheet("pnoel", 1002, [4, 4, 4, 4, 4])])))
        XCTAssertNil(state.board?.checklist?.checklist.item("fiches:1002"), "pnoel's sheet was the one missing")
        XCTAssertFalse(state.screenText().contains("n° 1002 : 1 fiche soumise"))
    }

    func testOnlyTheChairReopensAFinalisedAllocationWithAMotivation() throws {
        var finalised = BoardFixture.allocation
        finalised.finalized = Finalization(at: Fixture.now, by: "jmartin")
        var chair = BoardFixture.board(as: "jmartin")
        XCTAssertEqual(chair.press(.character("R")), [])
        XCTAssertEqual(chair.messageText, "L’attribution n’est pas finalisée")
        _ = update(&chair, .allocation(.loaded(finalised)))
        chair.press(.character("R"))
        XCTAssertTrue(chair.screenText().contains("Rouvrir l’attribution finalisée — motivation"))
        XCTAssertEqual(chair.press(.enter), [], "a reopening says why")
        XCTAssertEqual(chair.messageText, "Une raison est requise.")
        chair.type("Erreur matérielle")
        let effects = chair.press(.enter)
        guard case .allocation(.save(let saved, let revision, _))? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(revision, finalised.revision)
        XCTAssertNil(saved.finalized)
        XCTAssertEqual(saved.reopenings?.map(\.motivation), ["Erreur matérielle"])
        XCTAssertEqual(chair.board?.isTyping, false, "the reopening's field is closed")
        XCTAssertEqual(chair.messageText, "Attribution rouverte")

        var reviewer = BoardFixture.board(as: "mdupont")
        _ = update(&reviewer, .allocation(.loaded(finalised)))
        XCTAssertEqual(reviewer.press(.character("R")), [])
        XCTAssertEqual(reviewer.board?.isTyping, false, "no field opens for a reviewer")
    }

    func testAChecklistItemIsResolvedOnTheBoard() throws {
        var state = BoardFixture.checklist()
        let item = try XCTUnwrap(state.board?.checklist?.checklist.items.first { $0.dossier != nil })
        let index = try XCTUnwrap(state.board?.checklist?.checklist.items.firstIndex(of: item))
        for _ in 0..<index { state.press(.down) }
        state.press(.enter)
        XCTAssertNil(state.board?.checklist)
        XCTAssertEqual(state.board?.selectedRow?.number, item.dossier, "Enter goes to the dossier on the board")
    }

    func testTheChairsMethodIsTheAllocationsAndReranks() {
        var state = BoardFixture.board(as: "jmartin")
        let effects = state.press(.character("m"))
        guard case .allocation(.save(let saved, _, _))? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(saved.method, .median)
        XCTAssertEqual(state.board?.method, .median)
        XCTAssertEqual(state.board?.report.method, .median)
        XCTAssertTrue(state.screenText().contains("médiane · Jean Martin (jmartin)"))
    }

    func testWhatIfASwapIsReportedWithoutChangingAnything() {
        var state = BoardFixture.board(as: "jmartin")
        state.press(.down, .character("x"))
        XCTAssertEqual(state.messageText, "x : d’abord sur un lauréat, puis sur son remplaçant")
        state.press(.up, .character("x"))   // 1007, a laureate
        state.press(.down, .down, .down, .down, .down, .character("x"))   // 1005, overseas
        XCTAssertEqual(state.board?.allocation, BoardFixture.allocation)
        // 4.5 out, 2.71 in: the sum falls by 1.79; the overseas floor is met; 1005 is in the proposal.
        XCTAssertEqual(state.messageText, "Et si n° 1007 → n° 1005 : somme des notes −1,79 ; aucune nouvelle règle enfreinte ; "
                       + "répare : outre-mer : 0 lauréat pour 1 au moins")
        // 1004 is not eligible: taking it in needs a motivation.
        state.press(.up, .up, .character("x"), .down, .character("x"))   // 1001 out, 1004 in
        XCTAssertEqual(state.board?.selectedRow?.number, 1004)
        XCTAssertTrue(state.messageText?.contains("enfreint : n° 1004 : motivation requise, dossier non éligible") ?? false,
                      state.messageText ?? "")
    }

    func testAFailedSaveIsSaidAndTheAllocationIsReadAgain() {
        var state = BoardFixture.board(as: "jmartin")
        state.press(.down, .down, .character(" "))
        XCTAssertEqual(update(&state, .allocation(.saveFailed("l’attribution a été modifiée entre-temps"))), [.allocation(.load)])
        XCTAssertEqual(state.messageText, "Attribution non enregistrée : l’attribution a été modifiée entre-temps")
        _ = update(&state, .allocation(.loaded(BoardFixture.allocation)))
        XCTAssertEqual(state.board?.allocation.laureates, [1001, 1007])
    }

    func testTheLoopSavesThroughTheEnvironment() {
        let terminal = ScriptedTerminal(rows: 24, columns: 80, bursts: [[.key(.character("a"))], [.key(.character("p"))], [.key(.character("o"))]])
        let environment = RecordingEnvironment()
        let state = ConsoleState(data: BoardFixture.data(as: "jmartin"), rows: 24, columns: 80, now: Fixture.now)
        ConsoleLoop.run(terminal: terminal, state: state, environment: environment)
        XCTAssertEqual(environment.allocation.revision, 1)
        XCTAssertEqual(environment.allocation.laureates.count, 3)
        XCTAssertTrue(terminal.frames.last?.contains("Attribution enregistrée (révision 1)") ?? false)
    }
}
