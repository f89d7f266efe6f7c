import XCTest
import JuryCore
@testable import JuryConsole

final class SheetTests: XCTestCase {
    /// The sheet of a dossier, from the list. With five criteria the rows are: values 0–4,
    /// comments 5–9, overall 10, recommendation 11.
    private func sheet(_ number: Int, _ language: Language = .fr) -> ConsoleState {
        var state = Fixture.state(language)
        while state.currentNumber != number { state.press(.down) }
        state.press(.character("e"))
        return state
    }

    private func focus(_ state: inout ConsoleState, _ row: Int) {
        state.press(.character("g"))
        for _ in 0..<row { state.press(.down) }
    }

    func testADigitScoresTheFocusedCriterionAndSavesTheDraft() throws {
        var state = sheet(1003)
        XCTAssertNil(state.data.sheets[1003], "opening a sheet writes nothing")
        let effects = state.press(.character("4"))
        let saved = try XCTUnwrap(effects.saves.first)
        XCTAssertEqual(effects.count, 1)
        XCTAssertEqual(saved.dossier, 1003)
        XCTAssertEqual(saved.reviewer, "mdupont")
        XCTAssertEqual(saved.values, ["maturite": 4])
        XCTAssertEqual(saved.status, .draft)
        XCTAssertEqual(saved.updatedAt, Fixture.now)
        XCTAssertEqual(state.data.sheets[1003], saved)
        XCTAssertTrue(state.unsaved.contains(1003))
        _ = update(&state, .saved(dossier: 1003))
        XCTAssertFalse(state.unsaved.contains(1003))
        XCTAssertTrue(state.screenText().contains("4 Bon"))
        XCTAssertTrue(state.screenText().contains("Total pondéré provisoire (1/5 critères) 4,00"), "one criterion of five: not final")
    }

    /// Once the allocation is finalised a sheet opens read-only: no key saves, a save refused on
    /// the way is not tried again, and no message shows a server path or a command of the chair's.
    func testAFinalisedSheetIsReadOnlyAndARefusedSaveIsNotRetried() throws {
        var state = sheet(1003)
        XCTAssertEqual(state.press(.character("4")).saves.count, 1, "a draft on its way when the chair finalises")
        let finalized = Finalization(at: Fixture.now, by: "presidente")
        _ = update(&state, .storeChanged(MemberUpdate(allocationChanged: true, finalized: finalized)))
        _ = update(&state, .saveFailed(dossier: 1003, message: "/srv/ptce/campagne/reviewers/mdupont/sheets/1003.json: Attribution finalisée le "
                                        + "02/10/2023 10:00 par presidente : la fiche ne peut plus être modifiée ; la présidence peut la rouvrir : "
                                        + "ptce-jury allocate --reopen --motivation « … »"))
        let said = try XCTUnwrap(state.message?.text)
        XCTAssertEqual(said, "N° 1003 non enregistré. Fiche finalisée : l’attribution a été finalisée le 02/10/2023 10:00 par presidente ; "
                             + "seule la présidence peut la rouvrir")
        XCTAssertFalse(said.contains("/srv") || said.contains("ptce-jury"), said)
        var retries: [ConsoleEffect] = []
        for _ in 0..<(3 * ConsoleState.retryInterval) { retries += update(&state, .tick) }
        XCTAssertTrue(retries.saves.isEmpty, "a refused save is not tried again")

        for key in [Key.character("3"), .right, .backspace, .character("s"), .character("u")] {
            XCTAssertTrue(state.press(key).saves.isEmpty, "\(key) saves nothing")
        }
        XCTAssertEqual(state.data.sheets[1003]?.values, ["maturite": 4])
        XCTAssertTrue(state.screenText().contains("finalisée, lecture seule"), state.screenText())
        XCTAssertEqual(state.message?.text, "Fiche finalisée : l’attribution a été finalisée le 02/10/2023 10:00 par presidente ; "
                                            + "seule la présidence peut la rouvrir")

        // Reopened: the sheet can be changed again.
        _ = update(&state, .storeChanged(MemberUpdate(allocationChanged: true, finalized: nil)))
        XCTAssertEqual(state.press(.character("3")).saves.count, 1)
    }

    /// A conflict declared after the finalisation is accepted: the chair's console says so at once.
    func testTheChairIsToldAtOnceOfAConflictDeclaredAfterTheFinalisation() {
        var chair = BoardFixture.board(as: "jmartin")
        _ = update(&chair, .storeChanged(MemberUpdate(allocationChanged: true, finalized: Finalization(at: Fixture.now, by: "jmartin"))))
        var jury = chair.data.jury
        let index = jury.members.firstIndex { $0.login == "lcaron" }!
        jury.members[index].conflicts.append(ConflictOfInterest(dossier: 1002, reason: "Administratrice", recordedBy: "lcaron"))
        _ = update(&chair, .storeChanged(MemberUpdate(jury: jury)))
        XCTAssertEqual(chair.message?.text, "Conflit d’intérêts déclaré après la finalisation : n° 1002 (lcaron) — "
                                            + "point de la liste de vérification (ptce-jury allocate --check)")
    }

    /// « 4 3 5 » typed at speed scores three criteria, not the first one three times.
    func testADigitGoesOnToTheNextCriterionStillToScore() {
        var state = sheet(1003)
        state.press(.character("4"), .character("3"), .character("5"))
        XCTAssertEqual(state.data.sheets[1003]?.values, ["maturite": 4, "gouvernance": 3, "ancrage": 5])
        XCTAssertEqual(state.sheet?.focus, 3)
        state.press(.character("2"), .character("1"))
        XCTAssertEqual(state.sheet?.focus, 4, "the last row stays")
        state.press(.character("5"))
        XCTAssertEqual(state.data.sheets[1003]?.values["impact"], 5, "a second digit there corrects it")
        XCTAssertEqual(state.sheet?.focus, 4)
        focus(&state, 1)
        state.press(.character("2"))
        XCTAssertEqual(state.sheet?.focus, 1, "nothing left to score below: a correction stays on its row")

        // The draft of 1002 has maturité and ancrage: a scored row is passed over.
        var draft = sheet(1002)
        draft.press(.character("2"))
        XCTAssertEqual(draft.sheet?.focus, 1)
        draft.press(.character("4"))
        XCTAssertEqual(draft.sheet?.focus, 3, "ancrage is already scored")
        draft.press(.character("9"))
        XCTAssertEqual(draft.sheet?.focus, 3, "a digit off the scale is refused where it was typed")
    }

    func testTheTotalIsProvisionalUntilEveryCriterionIsScored() {
        var state = sheet(1003, .en)
        XCTAssertTrue(state.screenText().contains("Weighted total —"))
        state.press(.character("4"))
        XCTAssertTrue(state.screenText().contains("Provisional weighted total (1/5 criteria) 4.00"), state.screenText())
        state.press(.character("4"), .character("4"), .character("4"))
        XCTAssertTrue(state.screenText().contains("Provisional weighted total (4/5 criteria) 4.00"))
        state.press(.character("4"))
        XCTAssertTrue(state.screenText().contains("Weighted total 4.00"))
        XCTAssertFalse(state.screenText().contains("Provisional"))
    }

    func testADigitOffTheScaleIsRefusedWithAMessage() {
        var state = sheet(1003)
        XCTAssertEqual(state.press(.character("7")), [])
        XCTAssertEqual(state.messageText, "7 hors de l’échelle 1–5 de « Maturité de la coopération »")
        XCTAssertEqual(state.press(.character("0")), [])
        XCTAssertNil(state.data.sheets[1003])
        XCTAssertTrue(state.screenText().contains("Erreur : 0 hors de l’échelle"))
        focus(&state, 5)
        XCTAssertEqual(state.press(.character("3")), [])
        XCTAssertEqual(state.messageText, "Une note se saisit sur la ligne d’un critère")
    }

    func testArrowsStepTheValueWithinTheScale() {
        var state = sheet(1003)
        XCTAssertEqual(state.press(.right).saves.first?.values["maturite"], 1, "from nothing, → starts at the bottom")
        XCTAssertEqual(state.press(.right).saves.first?.values["maturite"], 2)
        XCTAssertEqual(state.press(.left).saves.first?.values["maturite"], 1)
        XCTAssertEqual(state.press(.left), [], "nothing below the scale: no change, no save")
        state.press(.down)
        XCTAssertEqual(state.press(.left).saves.first?.values["gouvernance"], 5, "from nothing, ← starts at the top")
        XCTAssertEqual(state.press(.delete).saves.first?.values["gouvernance"], nil)
    }

    func testTheRecommendationCycles() {
        var state = sheet(1003)
        focus(&state, 11)
        XCTAssertEqual(state.press(.right).saves.first?.recommendation, .favorable)
        XCTAssertEqual(state.press(.enter).saves.first?.recommendation, .reserve)
        XCTAssertEqual(state.press(.enter).saves.first?.recommendation, .defavorable)
        XCTAssertEqual(state.press(.right).saves.first?.recommendation, .favorable)
        XCTAssertEqual(state.press(.left).saves.first?.recommendation, .defavorable)
        XCTAssertTrue(state.screenText().contains("( ) favorable  ( ) réservé  (•) défavorable"))
    }

    func testTheWeightedTotalUpdatesLive() {
        var state = sheet(1003)
        state.press(.character("5"), .character("2"))
        // (2×5 + 1,5×2) / 3,5
        XCTAssertTrue(state.screenText().contains("Total pondéré provisoire (2/5 critères) 3,71"), state.screenText())
        state.press(.character("3"), .character("3"), .character("3"))
        XCTAssertTrue(state.screenText().contains("Total pondéré 3,"), "every criterion scored: the total is final")
        XCTAssertFalse(state.screenText().contains("provisoire"))
        state.press(.character("o"))   // not a command on the sheet
        XCTAssertEqual(state.screen, .sheet)
    }

    func testSubmitRefusesAnIncompleteSheetNamingWhatIsMissing() {
        var state = sheet(1002)
        XCTAssertEqual(state.press(.character("s")), [])
        XCTAssertEqual(state.messageText,
                       "Fiche incomplète, il manque : Gouvernance partagée, Modèle économique, Impact et emplois, recommandation")
        XCTAssertNil(state.confirmation)
        var english = sheet(1002, .en)
        english.press(.character("s"))
        XCTAssertEqual(english.messageText, "Incomplete sheet, missing: Shared governance, Economic model, Impact and jobs, recommendation")
    }

    func testSubmitAsksForConfirmationThenLocksTheSheet() throws {
        var state = sheet(1003)
        for _ in 0..<5 { state.press(.character("3")) }
        focus(&state, 11)
        state.press(.right)
        XCTAssertEqual(state.press(.character("s")), [])
        XCTAssertTrue(state.screenText().contains("Soumettre la fiche du n° 1003 ?"))
        XCTAssertEqual(state.press(.character("n")), [], "anything but o/y cancels")
        XCTAssertEqual(state.data.sheets[1003]?.status, .draft)
        state.press(.character("s"))
        let saved = try XCTUnwrap(state.press(.character("o")).saves.first)
        XCTAssertEqual(saved.status, .submitted)
        XCTAssertEqual(saved.submittedAt, Fixture.now)
        XCTAssertTrue(state.screenText().contains("soumise le 02/10/2023 10:00"))

        focus(&state, 0)
        XCTAssertEqual(state.press(.character("1")), [], "a submitted sheet is read-only")
        XCTAssertEqual(state.messageText, "fiche soumise : r pour la rouvrir")
        focus(&state, 5)
        XCTAssertEqual(state.press(.enter), [])
        XCTAssertNil(state.sheet?.editor)
        XCTAssertEqual(state.press(.character("E")), [])
    }

    func testReopenAsksForConfirmationAndShowsTheSubmissionDate() throws {
        var state = sheet(1001)
        XCTAssertTrue(state.screenText().contains("soumise le 21/09/2023 17:30"))
        XCTAssertEqual(state.press(.character("r")), [])
        XCTAssertTrue(state.screenText().contains("Rouvrir la fiche soumise le 21/09/2023 17:30 ? (o/n)"))
        let reopened = try XCTUnwrap(state.press(.character("y")).saves.first)
        XCTAssertEqual(reopened.status, .draft)
        XCTAssertTrue(state.screenText().contains("brouillon (rouverte, soumise le 21/09/2023 17:30)"))
        XCTAssertEqual(state.press(.character("2")).saves.first?.values["maturite"], 2)
        XCTAssertEqual(state.press(.character("r")), [])
        XCTAssertEqual(state.messageText, "Cette fiche n’est pas soumise")
    }

    func testEveryKeystrokeInACommentIsSaved() {
        var state = sheet(1003)
        focus(&state, 5)
        XCTAssertEqual(state.press(.enter), [])
        let effects = state.type("Très")
        XCTAssertEqual(effects.saves.map { $0.comments["maturite"] }, ["T", "Tr", "Trè", "Très"])
        XCTAssertEqual(state.press(.backspace).saves.first?.comments["maturite"], "Trè")
        XCTAssertEqual(state.press(.left), [], "moving the cursor changes nothing")
        XCTAssertEqual(state.press(.escape).saves.first?.comments["maturite"], nil, "Esc puts the text back as it was")
        XCTAssertNil(state.sheet?.editor)
        XCTAssertEqual(state.screen, .sheet, "the first Esc finishes the edit, the second leaves")
        state.press(.escape)
        XCTAssertEqual(state.screen, .list)
    }

    func testLettersAreTextInAComment() {
        var state = sheet(1003)
        focus(&state, 10)
        state.press(.enter)
        let effects = state.type("s?qEr3")
        XCTAssertEqual(effects.saves.last?.overall, "s?qEr3")
        XCTAssertNil(state.confirmation)
        XCTAssertNil(state.pager)
        XCTAssertNil(state.data.sheets[1003]?.values["maturite"])
        state.press(.tab)
        XCTAssertNotNil(state.sheet?.editor, "Tab moves to the next text field, still writing")
        XCTAssertEqual(state.sheet?.focus, 5, "after the overall opinion, the first comment")
        state.type(" l3s")
        XCTAssertNil(state.data.sheets[1003]?.values["maturite"], "letters typed after Tab are text, never a score")
        XCTAssertEqual(state.data.sheets[1003]?.comments["maturite"], " l3s")
    }

    func testEditingAccentedCombiningWideAndEmojiText() throws {
        var state = sheet(1002)
        focus(&state, 7)   // the comment on "ancrage", which has a line break
        state.press(.enter)
        XCTAssertEqual(state.sheet?.editor?.text, "Bon lien avec l’Eurométropole.\nÀ confirmer.")
        state.press(.control("u"))
        XCTAssertEqual(state.data.sheets[1002]?.comments["ancrage"], nil, "an emptied comment is removed")
        state.typeScalars("e\u{301}te\u{301} 日本 👍🏽")
        XCTAssertEqual(state.data.sheets[1002]?.comments["ancrage"], "e\u{301}te\u{301} 日本 👍🏽")
        let editor = try XCTUnwrap(state.sheet?.editor)
        XCTAssertEqual(editor.cursor, 8, "é, t, é, space, 日, 本, space, 👍🏽: graphemes, not scalars")
        XCTAssertEqual(editor.cursorColumn, 9 + DisplayWidth.of("👍🏽" as Character))
        state.press(.backspace)   // the emoji with its skin tone
        state.press(.left, .backspace)   // 本
        state.press(.home, .delete)   // é (e + combining accent)
        XCTAssertEqual(state.data.sheets[1002]?.comments["ancrage"], "te\u{301} 日 ")
        state.press(.end)
        state.type("é")
        XCTAssertEqual(state.data.sheets[1002]?.comments["ancrage"], "te\u{301} 日 é")
        let screen = state.screenText()
        XCTAssertTrue(screen.contains("te\u{301} 日 é"))
    }

    func testTheCursorIsPlacedAtTheDisplayColumnOfTheField() throws {
        var state = sheet(1003)
        focus(&state, 10)
        state.press(.enter)
        state.type("日本語")
        let surface = MemorySurface(rows: 24, columns: 80)
        render(state, on: surface)
        let cursor = try XCTUnwrap(surface.cursor)
        let layout = SheetLayout(criteria: Fixture.campaign.criteria, language: .fr, columns: 80)
        XCTAssertEqual(cursor.column, layout.fieldColumn + 6)
        XCTAssertTrue(surface.lines()[cursor.row].contains("Avis général"))
    }

    /// Screen readers and braille displays follow the terminal's cursor: it rests on the selected
    /// row of the list and on the focused criterion of the sheet, and shows in a field being typed in.
    func testTheCursorRestsOnWhatHasTheFocus() throws {
        var list = Fixture.state()
        let surface = MemorySurface(rows: 24, columns: 80)
        render(list, on: surface)
        let row = try XCTUnwrap(surface.focus, "the selected row has the focus")
        XCTAssertNil(surface.cursor, "no field: the cursor is not shown")
        XCTAssertTrue(surface.lines()[row.row].contains("\(try XCTUnwrap(list.currentNumber))"), surface.lines()[row.row])
        list.press(.character("j"))
        render(list, on: surface)
        XCTAssertEqual(surface.focus?.row, row.row + 1)
        XCTAssertTrue(surface.lines()[row.row + 1].contains("\(try XCTUnwrap(list.currentNumber))"))
        list.press(.character("/"))
        _ = list.type("éco")
        render(list, on: surface)
        let field = try XCTUnwrap(surface.cursor, "the search field takes the cursor")
        XCTAssertEqual(field.row, 22)
        XCTAssertTrue(String(surface.lines()[22].prefix(field.column)).hasSuffix("éco"), surface.lines()[22])

        var state = sheet(1003)
        focus(&state, 2)
        render(state, on: surface)
        let criterion = try XCTUnwrap(surface.focus)
        XCTAssertNil(surface.cursor)
        XCTAssertEqual(surface.cells[criterion.row][criterion.column].style.contains(.reverse), true, "on the focused (reversed) row")
    }

    func testLongTextScrollsHorizontallyInTheField() throws {
        var state = sheet(1003)
        focus(&state, 10)
        state.press(.enter)
        state.type(String(repeating: "abcdefghij", count: 20))
        let surface = MemorySurface(rows: 24, columns: 80)
        render(state, on: surface)
        let cursor = try XCTUnwrap(surface.cursor)
        XCTAssertLessThan(cursor.column, 80)
        XCTAssertGreaterThan(cursor.column, SheetLayout(criteria: Fixture.campaign.criteria, language: .fr, columns: 80).fieldColumn)
        state.press(.home)
        render(state, on: surface)
        XCTAssertEqual(surface.cursor?.column, SheetLayout(criteria: Fixture.campaign.criteria, language: .fr, columns: 80).fieldColumn)
        XCTAssertTrue(surface.lines()[cursor.row].contains("abcdefghijabcdefghij"))
    }

    func testCapitalEOpensTheCommentInTheEditor() {
        var state = sheet(1002)
        focus(&state, 7)
        let field = SheetTextField(dossier: 1002, part: .criterion("ancrage"))
        XCTAssertEqual(state.press(.character("E")),
                       [.editExternally(field, initialText: "Bon lien avec l’Eurométropole.\nÀ confirmer.")])
        let effects = update(&state, .edited(field: field, text: "Ligne un\nLigne deux\n\n"))
        XCTAssertEqual(effects.saves.first?.comments["ancrage"], "Ligne un\nLigne deux", "the editor's final newlines are dropped")
        XCTAssertEqual(update(&state, .edited(field: field, text: "Ligne un\nLigne deux\n")), [])
        XCTAssertEqual(state.messageText, "Texte inchangé")
        XCTAssertEqual(update(&state, .edited(field: field, text: nil)), [])
        XCTAssertEqual(state.messageText, "L’éditeur n’a rien rendu : texte inchangé")
        focus(&state, 0)
        XCTAssertEqual(state.press(.character("E")), [.editExternally(SheetTextField(dossier: 1002, part: .criterion("maturite")), initialText: "")],
                       "on a criterion's score row, E writes that criterion's comment")
        focus(&state, 11)
        XCTAssertEqual(state.press(.character("E")), [])
        XCTAssertEqual(state.messageText, "E : sur une ligne de critère ou de commentaire")
    }

    func testAFailedSaveIsShownAndTriedAgain() {
        var state = sheet(1003)
        let first = state.press(.character("3")).saves
        _ = update(&state, .saveFailed(dossier: 1003, message: "Permission non accordée"))
        XCTAssertTrue(state.screenText().contains("Erreur : Échec de l’enregistrement du n° 1003 : Permission non accordée"))
        XCTAssertTrue(state.screenText().contains("NON ENREGISTRÉE"))
        var retried: [ConsoleEffect] = []
        for _ in 0..<ConsoleState.retryInterval { retried += update(&state, .tick) }
        XCTAssertEqual(retried.saves, first)
        XCTAssertNotNil(state.messageText, "an error stays until something replaces it")
        _ = update(&state, .saved(dossier: 1003))
        XCTAssertEqual(state.messageText, "Enregistré")
        XCTAssertFalse(state.screenText().contains("NON ENREGISTRÉE"))
        for _ in 0..<Message.lifetime { _ = update(&state, .tick) }
        XCTAssertNil(state.messageText, "information goes away by itself")
    }

    func testEveryKindOfChangeProducesASave() {
        var state = sheet(1003)
        var changes = 0
        func expectSave(_ effects: [ConsoleEffect], _ what: String) {
            XCTAssertEqual(effects.saves.count, 1, what)
            changes += 1
        }
        expectSave(state.press(.character("2")), "digit")
        expectSave(state.press(.right), "arrow")
        expectSave(state.press(.backspace), "clear")
        focus(&state, 6)
        state.press(.enter)
        expectSave(state.press(.character("x")), "typed letter")
        expectSave(state.press(.backspace), "backspace")
        state.type("ab")
        state.press(.home)
        expectSave(state.press(.delete), "delete")
        expectSave(state.press(.control("k")), "kill to end")
        state.press(.escape)
        focus(&state, 11)
        expectSave(state.press(.right), "recommendation")
        expectSave(update(&state, .edited(field: SheetTextField(dossier: 1003, part: .overall), text: "Avis.")), "editor")
        XCTAssertEqual(changes, 9)
    }
}
