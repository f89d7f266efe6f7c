import XCTest
import JuryCore
@testable import JuryConsole

/// PTCE names are long and tell dossiers apart by their ends: at 120 columns the board and the list
/// show 36 characters of a name whole, with Démarches Simplifiées' eight-digit numbers; `t` reads
/// what a narrower row cuts.
final class NameRoomTests: XCTestCase {
    /// Exactly 36 characters.
    private static let name = "Les Forestiers Associés du Haut-Jura"

    /// The fixture's dossiers under eight-digit numbers, the first one with the long name.
    private static func data(as login: String, _ language: Language = .fr) -> ConsoleData {
        let dossiers = Fixture.dossiers.enumerated().map { i, dossier in
            var dossier = dossier
            dossier.number = 13_004_501 + i
            if i == 0 { dossier.name = name }
            return dossier
        }
        return ConsoleData(campaign: BoardFixture.campaign, jury: BoardFixture.jury, dossiers: dossiers, me: login,
                           sheets: [:], others: [:], language: language)
    }

    func testTheNameIsThirtySixCharactersLong() {
        XCTAssertEqual(Self.name.count, 36)
        XCTAssertEqual(BoardColumns.nameRoom, 36)
    }

    func testTheBoardShowsA36CharacterNameWholeAt120Columns() {
        var state = ConsoleState(data: Self.data(as: "jmartin"), rows: 40, columns: 120, now: Fixture.now)
        state.press(.character("a"))
        _ = update(&state, .allocation(.loaded(AllocationState(drawSeed: 1))))
        let screen = state.screenText()
        XCTAssertTrue(screen.contains(Self.name + " "), screen)
        XCTAssertFalse(screen.contains("…"), "nothing is cut, so nothing says it is:\n\(screen)")

        // Narrower, the name is cut and says so; t reads it whole.
        state = ConsoleState(data: Self.data(as: "jmartin"), rows: 24, columns: 80, now: Fixture.now)
        state.press(.character("a"))
        _ = update(&state, .allocation(.loaded(AllocationState(drawSeed: 1))))
        XCTAssertTrue(state.screenText().contains("Les Forestiers Ass…"), state.screenText())
        state.press(.character("t"))
        XCTAssertTrue(state.screenText().contains("n° 13004501 — " + Self.name), state.screenText())
    }

    func testTheListShowsA36CharacterNameWholeAt120Columns() {
        var state = ConsoleState(data: Self.data(as: "mdupont"), rows: 40, columns: 120, now: Fixture.now)
        XCTAssertTrue(state.screenText().contains(Self.name + " "), state.screenText())

        state = ConsoleState(data: Self.data(as: "mdupont", .en), rows: 24, columns: 60, now: Fixture.now)
        XCTAssertFalse(state.screenText().contains(Self.name), "60 columns cut it")
        XCTAssertTrue(state.screenText().contains("Les Forestiers"), state.screenText())
        state.press(.character("t"))
        XCTAssertEqual(state.pager?.content, .text(title: "no. 13004501", body: Self.name + "\nRedon (Ille-et-Vilaine), Bretagne\n"
                                                    + "Réemploi et économie circulaire"))
        XCTAssertTrue(state.screenText().contains(Self.name), state.screenText())
    }
}
