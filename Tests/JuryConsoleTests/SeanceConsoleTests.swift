import XCTest
import JuryCore
@testable import JuryConsole

/// The séance in the console: the chair drives it from the board, every console follows the dossier
/// in discussion and shows the séance's banner, a member in conflict is told only that.
final class SeanceConsoleTests: XCTestCase {
    private let open = SeanceView(number: 1, place: "Paris, salle 4", present: ["jmartin", "mdupont", "lcaron"], quorum: 3)

    private func discussing(_ number: Int) -> SeanceView {
        var seance = open
        seance.discussing = number
        return seance
    }

    private func conflicted() -> SeanceView {
        var seance = open
        seance.discussingConflicted = true
        return seance
    }

    /// At the opening the chair ticks and unticks each member of the jury: those connected come ticked.
    func testTheChairOpensASéanceFromTheBoardTickingThoseThere() {
        var chair = BoardFixture.board(as: "jmartin")
        XCTAssertEqualEffects(chair.press(.character("s")), [])
        chair.type("Paris, salle 4")
        XCTAssertEqualEffects(chair.press(.enter), [])
        // Then the secretary: a member of the jury, or none.
        XCTAssertTrue(chair.screenText().contains("Séance à Paris, salle 4 — secrétaire de séance : son identifiant (vide : aucun)"),
                      chair.screenText())
        chair.type("inconnu")
        XCTAssertEqualEffects(chair.press(.enter), [])
        XCTAssertEqual(chair.messageText, "« inconnu » n’est pas membre du jury")
        for _ in 0..<7 { chair.press(.backspace) }
        chair.type("mdupont")
        XCTAssertEqualEffects(chair.press(.enter), [.seance(.propose(place: "Paris, salle 4", secretary: "mdupont"))])
        _ = update(&chair, .seance(.proposed(place: "Paris, salle 4", present: ["mdupont", "lcaron"], secretary: "mdupont")))
        var text = chair.screenText()
        XCTAssertTrue(text.contains("Ouverture de la séance à Paris, salle 4, secrétaire : mdupont"), text)
        XCTAssertTrue(text.contains("3 présents cochés, quorum 3"), text)
        XCTAssertTrue(text.contains("[✓] jmartin Jean Martin — en ligne"), text)
        XCTAssertTrue(text.contains("[✓] mdupont Marie Dupont — en ligne"), text)
        XCTAssertTrue(text.contains("[ ] pnoel"), "a member not connected comes unticked: \(text)")
        // lcaron is connected but not in the room: unticked; the quorum is then said not reached.
        while chair.board?.presence?.members[chair.board!.presence!.selected].login != "lcaron" { chair.press(.down) }
        XCTAssertEqualEffects(chair.press(.character(" ")), [])
        text = chair.screenText()
        XCTAssertTrue(text.contains("[ ] lcaron"), text)
        XCTAssertTrue(text.contains("2 présents cochés, quorum 3 — quorum non atteint"), text)
        chair.press(.character(" "))
        XCTAssertEqualEffects(chair.press(.enter),
                              [.seance(.act(.open(place: "Paris, salle 4", present: ["mdupont", "jmartin", "lcaron"], secretary: "mdupont")))])
        _ = update(&chair, .seance(.changed(.open(place: "Paris, salle 4", present: []), open)))
        XCTAssertEqual(chair.screen, .board)

        // `e` on the selected dossier puts it in discussion; the chair's console opens it over the board.
        let selected = chair.board!.selectedRow!.number
        XCTAssertEqualEffects(chair.press(.character("e")), [.seance(.act(.discuss(selected)))])
        _ = update(&chair, .seance(.changed(.discuss(selected), discussing(selected))))
        XCTAssertEqual(chair.screen, .dossier)
        XCTAssertEqual(chair.currentNumber, selected)
        chair.press(.escape)
        XCTAssertEqual(chair.screen, .board, "back to the board to drive the séance")
        XCTAssertEqualEffects(chair.press(.character("E")), [.seance(.act(.endDiscussion))])
        chair.press(.character("S"))
        XCTAssertEqualEffects(chair.press(.character("o")), [.seance(.act(.close))])
    }

    func testADecisionBelowTheQuorumSaysSo() {
        var chair = BoardFixture.board(as: "jmartin")
        var thin = open
        thin.present = ["jmartin"]
        _ = update(&chair, .storeChanged(MemberUpdate(seanceChanged: true, seance: thin)))
        chair.press(.character("w"))
        XCTAssertTrue(chair.messageText?.hasSuffix("— quorum non atteint : décision notée comme telle") ?? false, chair.messageText ?? "")
    }

    /// After a decision in séance the chair says how the jury took it: Enter alone keeps the
    /// consensus it was recorded with; « pour,contre,abstentions » records a vote on each dossier decided.
    func testAfterADecisionInSéanceTheChairEntersAVoteOrKeepsTheConsensus() {
        var chair = BoardFixture.board(as: "jmartin")
        _ = update(&chair, .storeChanged(MemberUpdate(seanceChanged: true, seance: open)))
        let selected = chair.board!.selectedRow!.number
        chair.press(.character("w"))
        XCTAssertTrue(chair.screenText().contains("Décision sur n° \(selected) — vote « pour,contre,abstentions », ou vide : consensus"),
                      chair.screenText())
        chair.type("2,1")
        XCTAssertEqualEffects(chair.press(.enter), [])
        XCTAssertEqual(chair.messageText, "Trois nombres séparés par des virgules : pour, contre, abstentions (ex. 5,1,0)")
        chair.type(",0")
        XCTAssertEqualEffects(chair.press(.enter), [.seance(.act(.mode(dossiers: [selected], .vote(for: 2, against: 1, abstention: 0))))])

        // Adopting the proposal decides many dossiers at once: one prompt for them all, Enter keeps the consensus.
        chair.press(.character("p"))
        chair.press(.character("o"))
        XCTAssertTrue(chair.screenText().contains("dossiers — vote « pour,contre,abstentions »"), chair.screenText())
        XCTAssertEqualEffects(chair.press(.enter), [])
        XCTAssertEqual(chair.messageText, "Décision prise par consensus")
        XCTAssertFalse(chair.screenText().contains("vote « pour,contre,abstentions »"))

        // Outside a séance no prompt: the decision is not a séance's.
        var alone = BoardFixture.board(as: "jmartin")
        alone.press(.character("w"))
        XCTAssertFalse(alone.screenText().contains("vote « pour,contre,abstentions »"))
    }

    /// `A`: those present ticked, those connected since ticked as arriving; unticking one present records a departure.
    func testTheChairRecordsArrivalsAndDeparturesFromTheBoard() {
        var chair = BoardFixture.board(as: "jmartin")
        _ = update(&chair, .storeChanged(MemberUpdate(seanceChanged: true, seance: open)))
        XCTAssertEqualEffects(chair.press(.character("A")), [.seance(.proposeArrivals)])
        _ = update(&chair, .seance(.connected(["jmartin", "mdupont", "pnoel"])))
        var text = chair.screenText()
        XCTAssertTrue(text.contains("[✓] pnoel Paul Noël — en ligne, arrivée notée"), text)
        XCTAssertTrue(text.contains("[✓] lcaron Lucie Caron — hors ligne, présence inchangée"), text)
        while chair.board?.presence?.members[chair.board!.presence!.selected].login != "lcaron" { chair.press(.down) }
        chair.press(.character("x"))
        text = chair.screenText()
        XCTAssertTrue(text.contains("[ ] lcaron Lucie Caron — hors ligne, départ noté"), text)
        XCTAssertTrue(text.contains("Entrée note : arrivée de pnoel ;") && text.contains("départ de lcaron ; Échap annule"), text)
        XCTAssertEqualEffects(chair.press(.enter), [.seance(.act(.arrive("pnoel"))), .seance(.act(.leave("lcaron")))])
        XCTAssertEqual(chair.board?.presence, nil)

        // Nothing changed: nothing recorded.
        chair.press(.character("A"))
        _ = update(&chair, .seance(.connected(["jmartin"])))
        XCTAssertEqualEffects(chair.press(.enter), [])
        XCTAssertEqual(chair.messageText, "Présents inchangés")
    }

    /// A console that disconnects is shown to the chair, not silently counted present.
    func testTheChairIsToldOfAConsoleGoneAndTheMemberStaysPresentUntilRecorded() {
        var chair = BoardFixture.board(as: "jmartin")
        var seance = open
        seance.unconnected = []
        _ = update(&chair, .storeChanged(MemberUpdate(seanceChanged: true, seance: seance)))
        seance.unconnected = ["mdupont"]
        _ = update(&chair, .storeChanged(MemberUpdate(seanceChanged: true, seance: seance)))
        XCTAssertEqual(chair.messageText, "mdupont s’est déconnecté — toujours parmi les présents : A pour noter son départ")
        chair.message = nil
        XCTAssertTrue(chair.screenText().contains("3 présents, quorum 3 — sans console : mdupont"), chair.screenText())
    }

    private func figures(for login: String, sheets: [String: [Int: ScoreSheet]] = BoardFixture.sheets) -> JuryFigures {
        BoardFixture.figures(for: login, sheets: sheets)
    }

    private func sitting(as login: String, _ figures: JuryFigures) -> ConsoleState {
        BoardFixture.sitting(as: login, figures, seance: open, columns: 100)
    }

    /// « Rang 2 » said aloud names the same dossier on every board: the member in conflict on 1007
    /// (the jury's first) sees the chair's ranks, 1007 absent and its rank number unused.
    func testInSéanceEveryBoardShowsTheJurysRanks() throws {
        let chair = sitting(as: "jmartin", figures(for: "jmartin")), member = sitting(as: "mdupont", figures(for: "mdupont"))
        let chairs = try XCTUnwrap(chair.board?.report), mine = try XCTUnwrap(member.board?.report)
        XCTAssertEqual(chairs.rows.first?.number, 1007)
        XCTAssertEqual(mine.rows.map(\.number), chairs.rows.map(\.number).filter { $0 != 1007 })
        for row in mine.rows {
            XCTAssertEqual(row.rank, chairs.row(row.number)?.rank, "rank of \(row.number)")
            XCTAssertEqual(row.probability, chairs.row(row.number)?.probability, "P(funded) of \(row.number)")
        }
        XCTAssertNil(mine.rows.first { $0.rank == 1 }, "the rank of the hidden dossier stays unused")
        let text = member.screenText()
        XCTAssertTrue(text.contains("2/3 lauréats"), "the jury's count, 1007 included: \(text)")
        XCTAssertTrue(text.contains("1 dossier masqué (conflit), son rang m"), text)
        XCTAssertFalse(text.contains("1007"), text)

        // A reviewer's method is the jury's while the séance sits.
        var reviewer = member
        reviewer.press(.character("m"))
        XCTAssertEqual(reviewer.messageText, "En séance, le classement est celui du jury : la présidence en choisit la méthode")
    }

    /// A sheet landing in séance does not reorder the chair's board: the row under the cursor stays,
    /// the rank that moved is marked, `o` sorts again.
    func testInSéanceTheBoardKeepsItsOrderUntilSortedAgain() throws {
        var chair = sitting(as: "jmartin", figures(for: "jmartin"))
        chair.press(.down, .down)
        let order = try XCTUnwrap(chair.board?.report.rows.map(\.number)), selected = try XCTUnwrap(chair.board?.selectedRow?.number)
        let before = chair.screenText().split(separator: "\n").firstIndex { $0.contains(" \(selected) ") }
        var later = BoardFixture.sheets
        later["pnoel"]![1006] = BoardFixture.sheet("pnoel", 1006, [5, 5, 5, 5, 5])
        XCTAssertEqualEffects(update(&chair, .storeChanged(MemberUpdate(figuresChanged: true))), [.allocation(.loadFigures)])
        _ = update(&chair, .allocation(.figuresLoaded(figures(for: "jmartin", sheets: later))))
        XCTAssertEqual(chair.board?.report.rows.map(\.number), order, "the order of the last sort")
        XCTAssertEqual(chair.board?.selectedRow?.number, selected)
        let lines = chair.screenText().split(separator: "\n")
        XCTAssertEqual(lines.firstIndex { $0.contains(" \(selected) ") }, before, "on the same screen line")
        let risen = try XCTUnwrap(lines.first { $0.contains(" 1006 ") })
        XCTAssertTrue(risen.contains("↑"), String(risen))
        XCTAssertTrue(chair.screenText().contains("o pour reclasser"), chair.screenText())

        chair.press(.character("o"))
        XCTAssertEqual(chair.messageText, "Tableau reclassé : les rangs du jury, dans l’ordre")
        let ranks = chair.board?.report.rows.compactMap(\.rank) ?? []
        XCTAssertEqual(ranks, ranks.sorted())
        XCTAssertEqual(chair.board?.selectedRow?.number, selected)
        XCTAssertFalse(chair.screenText().split(separator: "\n").contains { $0.contains(" 1006 ") && $0.contains("↑") }, chair.screenText())
    }

    /// In séance, taking a laureate out is a decision of the jury: it is asked first.
    func testRemovingALaureateInSéanceAsksFirst() {
        var chair = BoardFixture.board(as: "jmartin")
        _ = update(&chair, .storeChanged(MemberUpdate(seanceChanged: true, seance: open)))
        while chair.board?.selectedRow?.number != 1001 { chair.press(.down) }
        XCTAssertEqualEffects(chair.press(.character(" ")), [])
        XCTAssertTrue(chair.screenText().contains("Retirer le n° 1001 des lauréats ?"), chair.screenText())
        XCTAssertEqualEffects(chair.press(.character("n")), [])
        XCTAssertEqual(chair.messageText, "Annulé")
        XCTAssertEqual(chair.board?.allocation.laureates, [1001, 1007])
        chair.press(.character(" "))
        guard case .allocation(.save(let saved, _, _))? = chair.press(.character("o")).first else { return XCTFail("saved once confirmed") }
        XCTAssertEqual(saved.laureates, [1007])

        // Outside a séance the key acts at once, as before.
        var alone = BoardFixture.board(as: "jmartin")
        while alone.board?.selectedRow?.number != 1001 { alone.press(.down) }
        guard case .allocation(.save(let removed, _, _))? = alone.press(.character(" ")).first else { return XCTFail("saved at once") }
        XCTAssertEqual(removed.laureates, [1007])
    }

    func testAReviewerHasNoSéanceKeys() {
        var reviewer = BoardFixture.board(as: "mdupont")
        XCTAssertEqualEffects(reviewer.press(.character("s")), [])
        XCTAssertEqual(reviewer.messageText, "Seule la présidence conduit la séance")
    }

    func testAFollowerOpensTheDossierInDiscussionStepsAwayAndComesBackWithD() {
        var member = Fixture.state()
        _ = update(&member, .storeChanged(MemberUpdate(seanceChanged: true, seance: open)))
        XCTAssertEqual(member.screen, .list)
        _ = update(&member, .storeChanged(MemberUpdate(seanceChanged: true, seance: discussing(1003))))
        XCTAssertEqual(member.screen, .dossier)
        XCTAssertEqual(member.currentNumber, 1003)
        member.press(.escape)
        XCTAssertEqual(member.screen, .list)
        XCTAssertTrue(member.screenText().contains("D en discussion"), "the key bar offers the way back")
        member.press(.character("D"))
        XCTAssertEqual(member.screen, .dossier)
        XCTAssertEqual(member.currentNumber, 1003)
    }

    func testAConsoleOpenedDuringADiscussionJoinsIt() {
        let data = ConsoleData(campaign: Fixture.campaign, jury: Fixture.jury, dossiers: Fixture.dossiers, me: Fixture.me,
                               sheets: Fixture.sheets, language: .fr, seance: discussing(1003))
        let member = ConsoleState(data: data, now: Fixture.now)
        XCTAssertEqual(member.screen, .dossier)
        XCTAssertEqual(member.currentNumber, 1003)
    }

    func testAMemberTypingIsNotPulledAway() {
        var member = Fixture.state()
        member.press(.character("/"))
        _ = update(&member, .storeChanged(MemberUpdate(seanceChanged: true, seance: discussing(1003))))
        XCTAssertEqual(member.screen, .list)
        XCTAssertEqual(member.messageText, "Dossier n° 1003 en discussion : D pour le suivre")
    }

    func testAMemberInConflictSeesOnlyTheNotice() {
        var member = Fixture.state()
        _ = update(&member, .storeChanged(MemberUpdate(seanceChanged: true, seance: conflicted())))
        XCTAssertEqual(member.screen, .list)
        let text = member.screenText()
        XCTAssertTrue(text.contains("Dossier en discussion :") && text.contains("vous êtes en conflit d’intérêts sur ce dossier"), text)
    }

    /// A member in conflict on the dossier in discussion leaves the séance for it: a neutral screen,
    /// keys that say why they do nothing, then back where they were, as they were.
    func testAMemberInConflictStepsOutToANeutralScreenAndComesBackWhereTheyWere() throws {
        var member = Fixture.state()
        _ = update(&member, .storeChanged(MemberUpdate(seanceChanged: true, seance: open)))
        member.press(.down, .down, .character("e"), .down, .down)
        member.message = nil
        let before = member.screenText(), sheet = try XCTUnwrap(member.sheet)
        let (position, focus) = (sheet.position, sheet.focus)
        _ = update(&member, .storeChanged(MemberUpdate(seanceChanged: true, seance: conflicted())))
        let out = member.screenText()
        XCTAssertTrue(out.contains("Vous avez quitté la séance pour ce dossier"), out)
        XCTAssertFalse(out.contains("Fiche · n°"), "nothing of the screen behind")

        XCTAssertTrue(member.press(.character("4")).saves.isEmpty, "a key typed out of the séance scores nothing")
        XCTAssertEqual(member.message?.text, "Vous avez quitté la séance pour ce dossier : vous retrouverez votre écran à la fin de sa discussion")
        XCTAssertTrue(member.press(.character("D")).isEmpty)
        XCTAssertEqual(member.message?.text,
                       "D ne fait rien : vous êtes en conflit d’intérêts sur le dossier en discussion, il ne vous est pas montré")
        XCTAssertEqualEffects(member.press(.control("l")), [.repaint])

        _ = update(&member, .storeChanged(MemberUpdate(seanceChanged: true, seance: open)))
        XCTAssertEqual(member.screen, .sheet)
        XCTAssertEqual(member.sheet?.position, position, "the same sheet")
        XCTAssertEqual(member.sheet?.focus, focus, "the same row")
        member.message = nil
        XCTAssertEqual(member.screenText(), before)

        // The chair leads the séance: in conflict, they keep their screen and its keys.
        var chair = BoardFixture.board(as: "jmartin")
        _ = update(&chair, .storeChanged(MemberUpdate(seanceChanged: true, seance: conflicted())))
        XCTAssertEqual(chair.screen, .board)
        XCTAssertFalse(chair.screenText().contains("Vous avez quitté la séance"))
    }

    func testTheDossierInDiscussionShowsTheOthersSheetsWhateverTheRule() throws {
        var member = BoardFixture.board(as: "mdupont")
        let position = try XCTUnwrap(member.data.position(of: 1002))
        guard case .withheld = member.data.juryScores(at: position) else { return XCTFail("my sheet on 1002 is a draft: withheld") }
        _ = update(&member, .storeChanged(MemberUpdate(seanceChanged: true, seance: discussing(1002))))
        guard case .shown(let others, _) = member.data.juryScores(at: position) else { return XCTFail("shown during the discussion") }
        XCTAssertEqual(others.map(\.reviewer), ["lcaron"])
    }

    func testTheSéanceRunsThroughTheLoop() {
        let terminal = ScriptedTerminal(rows: 24, columns: 80, bursts: [[.key(.character("a"))], [.key(.character("s"))],
                                                                         "Salle B".map { .key(.character($0)) } + [.key(.enter)],
                                                                         "jmartin".map { .key(.character($0)) } + [.key(.enter)],
                                                                         [.key(.enter)], [.key(.character("e"))]])
        let environment = RecordingEnvironment()
        let data = ConsoleData(campaign: Fixture.campaign, jury: Fixture.jury, dossiers: Fixture.dossiers, me: "jmartin", sheets: [:],
                               language: .fr)
        ConsoleLoop.run(terminal: terminal, state: ConsoleState(data: data, now: Fixture.now), environment: environment)
        let seance = environment.seances.current
        XCTAssertEqual(seance?.place, "Salle B")
        XCTAssertEqual(seance?.present, ["jmartin"], "in a local campaign, the chair alone")
        XCTAssertEqual(seance?.secretary, "jmartin")
        XCTAssertNotNil(seance?.discussing)
        XCTAssertTrue(terminal.frames.contains { $0.contains("Séance n° 1 — Salle B — 1 présent, quorum 2 — quorum non atteint") },
                      terminal.frames.last ?? "")
    }
}

/// The séance's banner, on the list, in both languages: quorum reached with a dossier in
/// discussion, and below the quorum for a member in conflict on the dossier discussed.
extension GoldenTests {
    func testSeanceBanner() throws {
        for language in Language.allCases {
            var state = Fixture.state(language)
            var seance = SeanceView(number: 1, place: "Paris, salle 4", present: ["jmartin", "mdupont"], quorum: 2)
            _ = update(&state, .storeChanged(MemberUpdate(seanceChanged: true, seance: seance)))
            seance.discussing = 1001
            _ = update(&state, .storeChanged(MemberUpdate(seanceChanged: true, seance: seance)))
            state.press(.escape)
            try assertGolden(state, "seance-banner-\(language.rawValue)")

            var conflicted = Fixture.state(language)
            seance.discussing = nil
            seance.discussingConflicted = true
            seance.quorum = 3
            _ = update(&conflicted, .storeChanged(MemberUpdate(seanceChanged: true, seance: seance)))
            try assertGolden(conflicted, "seance-banner-conflict-\(language.rawValue)")
        }
    }
}
