import XCTest
import JuryCore
@testable import JuryConsole

/// The sheet's writing mode, undo, the next dossier to score, and what messages do.
final class SheetModesTests: XCTestCase {
    /// Rows: values 0–4, comments 5–9, overall 10, recommendation 11.
    private func sheet(_ number: Int, _ language: Language = .fr, columns: Int = 80) -> ConsoleState {
        var state = Fixture.state(language, columns: columns)
        while state.currentNumber != number { state.press(.down) }
        state.press(.character("e"))
        return state
    }

    func testEnterOnACriterionsRowWritesItsComment() {
        var state = sheet(1003)
        state.press(.down)   // Gouvernance partagée's score
        state.press(.enter)
        XCTAssertNotNil(state.sheet?.editor)
        XCTAssertEqual(state.sheet?.focus, 6, "its comment")
        XCTAssertEqual(state.type("Instances claires").saves.last?.comments["gouvernance"], "Instances claires")
        XCTAssertNil(state.data.sheets[1003]?.values["gouvernance"])
    }

    func testShiftTabGoesBackStillWritingAndEscapeRestoresOnlyTheFieldBeingWritten() {
        var state = sheet(1002)   // ancrage's comment is « Bon lien avec l’Eurométropole.\nÀ confirmer. »
        state.press(.character("G"), .up)   // the overall opinion
        state.press(.enter)
        state.type("Solide")
        state.press(.backTab, .backTab, .backTab)   // the comments of impact, modèle, ancrage
        XCTAssertEqual(state.sheet?.focus, 7)
        XCTAssertNotNil(state.sheet?.editor)
        state.press(.control("u"))
        XCTAssertEqual(state.data.sheets[1002]?.comments["ancrage"] ?? "", "", "Ctrl-U erases to the start, saved at once")
        let restored = state.press(.escape).saves.last
        XCTAssertEqual(restored?.comments["ancrage"], "Bon lien avec l’Eurométropole.\nÀ confirmer.")
        XCTAssertEqual(restored?.overall, "Solide", "what was kept in another field stays")
        XCTAssertEqual(state.messageText, "Texte rétabli")
        XCTAssertNil(state.sheet?.editor)
        XCTAssertEqual(state.screen, .sheet)
    }

    func testUndoGoesBackSeveralLevelsEachSaved() throws {
        var state = sheet(1003)
        state.press(.character("4"), .character("2"), .up)   // each digit goes on to the next row: back to the second
        state.press(.enter)
        state.type("abc")
        state.press(.enter)
        var saved = try XCTUnwrap(state.press(.character("u")).saves.first, "the whole comment is one level")
        XCTAssertEqual(saved.comments["gouvernance"], nil)
        XCTAssertEqual(saved.values, ["maturite": 4, "gouvernance": 2])
        XCTAssertEqual(state.messageText, "Modification annulée (u encore : 2)")
        saved = try XCTUnwrap(state.press(.character("u")).saves.first)
        XCTAssertEqual(saved.values, ["maturite": 4])
        saved = try XCTUnwrap(state.press(.character("u")).saves.first)
        XCTAssertEqual(saved.values, [:])
        XCTAssertEqual(state.press(.character("u")), [])
        XCTAssertEqual(state.messageText, "Rien à annuler")
        XCTAssertTrue(state.unsaved.contains(1003), "each undo is saved (and journaled) like any change")
    }

    func testARefusalStaysUntilTheNextKeyAndIsNotReplacedBySaved() {
        var state = sheet(1003)
        let effects = state.press(.character("3"), .character("s"))   // typed quickly: one batch
        XCTAssertEqual(effects.saves.count, 1)
        _ = update(&state, .saved(dossier: 1003))
        XCTAssertTrue(state.messageText?.hasPrefix("Fiche incomplète") ?? false, state.messageText ?? "no message")
        for _ in 0..<(Message.lifetime + 4) { _ = update(&state, .tick) }
        XCTAssertTrue(state.screenText().contains("Erreur : Fiche incomplète"), "a refusal does not fade")
        state.press(.down)
        XCTAssertNil(state.messageText, "the next key puts it away")
    }

    func testAMessageStaysOnTheScreenThatSaidIt() {
        var state = Fixture.state()
        state.press(.character("o"))
        XCTAssertTrue(state.screenText().contains("Tri : nom"))
        state.press(.enter)
        XCTAssertFalse(state.screenText().contains("Tri : nom"), "not on the dossier screen")
        state.press(.escape)
        XCTAssertTrue(state.screenText().contains("Tri : nom"), "back on the list while it lasts")
    }

    func testAfterSubmittingBracketOpensTheNextDossierToScore() throws {
        var state = sheet(1003)
        for _ in 0..<5 { state.press(.character("3")) }
        state.press(.character("G"), .right, .character("s"), .character("o"))
        XCTAssertEqual(state.messageText, "Fiche soumise — ] pour noter le dossier suivant")
        XCTAssertTrue(state.screenText().contains("] suivant à noter"))
        state.press(.character("]"))
        XCTAssertEqual(state.screen, .sheet)
        XCTAssertEqual(state.currentNumber, 1004, "the next one in the list not submitted yet")
        state.press(.character("G"), .character("]"), .character("]"))
        XCTAssertEqual(state.currentNumber, 1006)
        state.press(.character("]"))
        XCTAssertEqual(state.currentNumber, 1002, "round the end, past 1001 (submitted)")
    }

    func testTheWholeCommentOpensInTheReaderAndAQuestionKeepsItsEnd() {
        var state = sheet(1002, columns: 60)
        let long = String(repeating: "Une coopération ancienne et solide. ", count: 6)
        state.press(.character("G"), .up, .enter)
        state.type(long)
        state.press(.enter, .character("t"))
        XCTAssertEqual(state.pager?.content, .text(title: "Avis général", body: long))
        func words(_ text: String) -> [Substring] { text.split(whereSeparator: \.isWhitespace) }
        let read = state.pagerLines(width: state.columns - 4).lines.map(\.text).joined(separator: " ")
        XCTAssertEqual(words(read), words(long), "every word, wrapped at the width")
        state.press(.escape)
        XCTAssertNil(state.pager)

        var conflict = Fixture.state(columns: 60)
        conflict.press(.character("c"))
        conflict.type("administratrice de la structure porteuse depuis 2019")
        conflict.press(.enter)
        let question = conflict.screenText()
        XCTAssertTrue(question.contains("(o/n)"), question)
        XCTAssertTrue(question.contains("dossier ne vous sera plus montré. (o/n)"), question)
    }

    /// Ctrl-C in a conflict's reason or a motivation keeps the text as a draft, which comes back
    /// when the same prompt opens again; Esc or Enter forgets it.
    func testControlCKeepsAPromptsTextAsADraft() {
        var state = Fixture.state()
        XCTAssertEqual(state.press(.character("c")), [.loadDraft(prompt: "conflict-1001")])
        state.type("lien familial")
        XCTAssertEqual(state.press(.control("c")), [.keepDraft("lien familial", prompt: "conflict-1001"), .quit])

        var again = Fixture.state()
        again.press(.character("c"))
        _ = update(&again, .draftLoaded(prompt: "conflict-1002", text: "another dossier's"))
        XCTAssertEqual(again.conflictField?.editor.text, "", "a draft goes back to its own prompt only")
        _ = update(&again, .draftLoaded(prompt: "conflict-1001", text: "lien\u{1B}[31m familial"))
        XCTAssertEqual(again.conflictField?.editor.text, "lien[31m familial", "a draft is text from a file: sanitized")
        XCTAssertEqual(again.messageText, "Brouillon repris")
        XCTAssertEqual(again.press(.escape), [.keepDraft(nil, prompt: "conflict-1001")])

        var chair = BoardFixture.board(as: "jmartin")
        XCTAssertEqual(chair.press(.down, .character(" ")), [.loadDraft(prompt: "motivation-1003")])
        chair.type("Composition régularisée")
        XCTAssertEqual(chair.press(.control("c")), [.keepDraft("Composition régularisée", prompt: "motivation-1003"), .quit])
        var idle = Fixture.state()
        XCTAssertEqual(idle.press(.control("c")), [.quit], "nothing typed: nothing kept")
    }
}
