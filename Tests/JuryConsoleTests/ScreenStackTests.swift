import XCTest
import JuryCore
@testable import JuryConsole

/// The screens as components on a stack: each handles its keys on its own state and a context,
/// and what it asks of the console (open, close, move the list) is carried out after it returns.
final class ScreenStackTests: XCTestCase {
    private func kinds(_ state: ConsoleState) -> [ConsoleScreen] { state.screens.map(\.kind) }

    /// The title bar, as read on screen.
    private func title(_ state: ConsoleState) -> String {
        String(state.screenText().prefix { $0 != "\n" }).trimmingCharacters(in: .whitespaces)
    }

    /// The board, a dossier read from it, my sheet on that dossier.
    private func stacked() -> ConsoleState {
        var state = Fixture.state()
        state.press(.character("a"))
        _ = update(&state, .allocation(.loaded(.initial(for: Fixture.campaign))))
        state.press(.enter, .character("e"))
        return state
    }

    func testScreensStackAsTheyOpenAndEscGoesBackThroughThemInTurn() throws {
        var state = stacked()
        XCTAssertEqual(kinds(state), [.list, .board, .dossier, .sheet])
        let number = try XCTUnwrap(state.currentNumber)
        XCTAssertEqual(state.dossier?.position, state.sheet?.position, "the sheet is the dossier's")

        state.press(.escape)
        XCTAssertEqual(kinds(state), [.list, .board, .dossier])
        XCTAssertTrue(title(state).hasPrefix("Dossier n° \(number) "), title(state))
        state.press(.escape)
        XCTAssertEqual(kinds(state), [.list, .board])
        XCTAssertTrue(title(state).hasPrefix("Attribution — "), title(state))
        state.press(.escape)
        XCTAssertEqual(kinds(state), [.list])
        state.press(.escape)
        XCTAssertEqual(kinds(state), [.list], "the list stays at the bottom")
    }

    /// A component's handler gets its own value and a context, never the console: the list under
    /// the dossier cannot be changed by it, only asked to follow, once the handler has returned.
    func testADossierAsksTheListToFollowRatherThanMovingIt() throws {
        var state = Fixture.state()
        state.press(.enter)
        var view = try XCTUnwrap(state.dossier), c = state.context
        let first = view.position, next = state.list.rows[1]

        XCTAssertEqual(view.handle(.character("]"), in: &c), [])
        XCTAssertEqual(view.position, next, "the component shows the next dossier of the list")
        guard case .select(let position)? = c.requests.first else { return XCTFail("no request to move the list: \(c.requests)") }
        XCTAssertEqual(position, next)
        XCTAssertEqual(state.list.selectedPosition, first, "the list is untouched until the console carries the request out")
        XCTAssertEqual(state.dossier?.position, first)

        state.press(.character("]"))
        XCTAssertEqual(state.dossier?.position, next)
        XCTAssertEqual(state.list.selectedPosition, next)
    }

    func testTheNextSheetToScoreTakesTheDossierUnderItAlong() throws {
        var state = Fixture.state()
        state.press(.enter, .character("e"), .character("]"))
        let number = try XCTUnwrap(state.currentNumber)
        XCTAssertEqual(kinds(state), [.list, .dossier, .sheet])
        XCTAssertNotEqual(state.data.sheets[number]?.status, .submitted)
        XCTAssertEqual(state.dossier?.position, state.sheet?.position)
        state.press(.escape)
        XCTAssertTrue(title(state).hasPrefix("Dossier n° \(number) "), title(state))
    }

    func testClosingThePagerOrThePromptLeavesTheScreenUnderIt() {
        var state = stacked()
        state.press(.character("t"))
        XCTAssertNotNil(state.pager)
        state.press(.escape)
        XCTAssertNil(state.pager)
        XCTAssertEqual(kinds(state), [.list, .board, .dossier, .sheet])

        state.press(.escape, .character("c"))
        XCTAssertNotNil(state.conflictField)
        state.press(.escape)
        XCTAssertNil(state.conflictField)
        XCTAssertEqual(kinds(state), [.list, .board, .dossier])
    }

    /// A conflict recorded elsewhere on the dossier being read and scored closes those two
    /// screens, wherever they are in the stack, and leaves the board under them.
    func testADossierThatGoesClosesItsScreensAndOnlyThose() throws {
        var state = stacked()
        let number = try XCTUnwrap(state.currentNumber)
        var jury = Fixture.jury
        jury.members[0].conflicts.append(ConflictOfInterest(dossier: number, reason: "lien familial"))
        _ = update(&state, .storeChanged(MemberUpdate(jury: jury)))
        XCTAssertEqual(kinds(state), [.list, .board])
        XCTAssertEqual(state.messageText, "Conflit d’intérêts enregistré sur le n° \(number) : ce dossier ne vous est plus montré")
    }

    /// The sheet changes the data only through its context: the console takes the change (and
    /// counts it unsaved) when it carries the context over, never from inside the handler.
    func testASheetsChangeGoesThroughItsContext() throws {
        var state = Fixture.state()
        while state.currentNumber != 1003 { state.press(.down) }
        state.press(.character("e"))
        var view = try XCTUnwrap(state.sheet), c = state.context

        let effects = view.handle(.character("4"), in: &c)
        let saved = try XCTUnwrap(c.data.sheets[1003])
        XCTAssertEqualEffects(effects, [.save(saved)])
        XCTAssertEqual(saved.values[Fixture.campaign.criteria[0].key], 4)
        XCTAssertEqual(c.unsaved, [DossierNumber(1003)])
        XCTAssertEqual(view.undo.count, 1, "the sheet keeps what u undoes")
        XCTAssertNil(state.data.sheets[1003], "nothing changed in the console yet")

        state.apply(c)
        XCTAssertEqual(state.data.sheets[1003], saved)
        XCTAssertTrue(state.unsaved.contains(DossierNumber(1003)))
    }

    /// Enter on the board asks for the dossier's screen over it; the board itself stays as it was.
    func testTheBoardAsksForTheDossierItReads() throws {
        var state = BoardFixture.board(as: "jmartin")
        var view = try XCTUnwrap(state.board), c = state.context
        let number = try XCTUnwrap(view.selectedRow?.number)

        XCTAssertEqual(view.handle(.enter, in: &c), [])
        guard case .open(.dossier(let dossier))? = c.requests.first else { return XCTFail("no dossier asked for: \(c.requests)") }
        XCTAssertEqual(state.data.dossiers[dossier.position].number, number)
        XCTAssertEqual(view.selected, state.board?.selected)
        XCTAssertEqual(kinds(state), [.list, .board])
        state.apply(c)
        XCTAssertEqual(kinds(state), [.list, .board, .dossier])
        XCTAssertEqual(state.currentNumber, number)
    }
}
