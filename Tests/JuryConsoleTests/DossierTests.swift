import XCTest
import JuryCore
@testable import JuryConsole

final class DossierTests: XCTestCase {
    private func opened(_ number: Int, _ language: Language = .fr, rows: Int = 24, columns: Int = 80) -> ConsoleState {
        var state = Fixture.state(language, rows: rows, columns: columns)
        while state.currentNumber != number { state.press(.down) }
        state.press(.enter)
        return state
    }

    func testShowsTheWholeApplication() throws {
        let state = opened(1001)
        let text = try XCTUnwrap(state.dossier).document.lines.map(\.text).joined(separator: "\n")
        for expected in ["Pôle Coopératif du Pays de Redon", "Dossier n° 1001 · En instruction · déposé le 28/07/2023 16:42",
                         "SIRET", "44211001", "Association loi 1901", "W442001234", "Redon (35236)", "Ille-et-Vilaine (35)",
                         "Bretagne (53)", "rural", "2016", "2021", "Réemploi et économie circulaire", "4,5 ETP",
                         "Éligibilité ✓ ÉLIGIBLE", "✓ Composition conforme au décret 2015-431",
                         "Membres (4)", "Entreprise de l’ESS", "Entreprise hors ESS", "Collectivité territoriale", "Formation",
                         "250\u{A0}000\u{A0}€", "100\u{A0}000\u{A0}€ (40 %)", "Conseil régional", "60\u{A0}000\u{A0}€",
                         "Total des cofinancements", "150\u{A0}000\u{A0}€",
                         "Présentation", "Coopération et gouvernance", "Modèle économique", "Programme d’animation",
                         "Impact et emplois", "Changement d’échelle",
                         "Pièces jointes (3)", "statuts.pdf (340 Ko)", "budget-previsionnel.xlsx (1,2 Mo)", "lettre.txt (900 o)"] {
            XCTAssertTrue(text.contains(expected), "missing: \(expected)")
        }
    }

    func testShowsEachFailedEligibilityCheck() throws {
        let text = try XCTUnwrap(opened(1004).dossier).document.lines.map(\.text).joined(separator: " ")
        XCTAssertTrue(text.contains("✗ NON ÉLIGIBLE"))
        XCTAssertTrue(text.contains("✗ Montant demandé 150\u{A0}000\u{A0}€ supérieur"))
        XCTAssertTrue(text.contains("✗ Déposé le 31/07/2023 14:05, après la clôture"))
        let english = try XCTUnwrap(opened(1003, .en).dossier).document.lines.map(\.text).joined(separator: " ")
        XCTAssertTrue(english.contains("✗ NOT ELIGIBLE"))
        XCTAssertTrue(english.contains("Social-economy enterprise"))
    }

    func testHostileTextIsWrappedToTheWidthAndHarmless() throws {
        for columns in [40, 80, 120] {
            let state = opened(1006, columns: columns)
            let document = try XCTUnwrap(state.dossier).document
            for line in document.lines {
                XCTAssertLessThanOrEqual(line.indent + DisplayWidth.of(line.text), columns - 2, line.text)
                XCTAssertFalse(line.text.unicodeScalars.contains { Sanitizer.isUnsafe($0) }, line.text)
            }
            XCTAssertTrue(document.lines.contains { $0.text.hasPrefix("anticonstitutionnellementanti") },
                          "the 300-character word is cut over several lines")
        }
    }

    func testScrollsByLineAndPageAndStopsAtTheEnds() throws {
        var state = opened(1001)
        let height = Layout.bodyHeight(rows: 24)
        let count = try XCTUnwrap(state.dossier).document.lines.count
        state.press(.character("j"), .down)
        XCTAssertEqual(state.dossier?.scroll, 2)
        state.press(.character("k"))
        XCTAssertEqual(state.dossier?.scroll, 1)
        state.press(.character(" "))
        XCTAssertEqual(state.dossier?.scroll, 1 + height - 1)
        state.press(.pageUp, .pageUp)
        XCTAssertEqual(state.dossier?.scroll, 0)
        state.press(.character("G"))
        XCTAssertEqual(state.dossier?.scroll, count - height)
        state.press(.pageDown, .character("j"))
        XCTAssertEqual(state.dossier?.scroll, count - height)
        state.press(.character("g"))
        XCTAssertEqual(state.dossier?.scroll, 0)
    }

    func testTabJumpsBetweenSectionHeadings() throws {
        var state = opened(1001)
        let document = try XCTUnwrap(state.dossier).document
        XCTAssertEqual(document.headings.map(\.title), [
            "Pôle Coopératif du Pays de Redon", "Éligibilité", "Membres (4)", "Budget", "Présentation",
            "Coopération et gouvernance", "Modèle économique", "Programme d’animation", "Impact et emplois",
            "Changement d’échelle", "Pièces jointes (3)", "Notes du jury"])
        state.press(.tab)
        XCTAssertEqual(state.dossier?.scroll, document.headings[1].line)
        state.press(.tab, .tab)
        XCTAssertEqual(state.dossier?.scroll, document.headings[3].line)
        state.press(.backTab)
        XCTAssertEqual(state.dossier?.scroll, document.headings[2].line)
        XCTAssertTrue(state.screenText().split(separator: "\n")[1].contains("Membres (4)"), "the section starts at the top")
    }

    func testBracketsFollowTheListsCurrentOrder() {
        var state = Fixture.state()
        state.press(.character("o"))   // by name: 1006, 1003, 1004, 1001, 1005, 1002
        XCTAssertEqual(state.currentNumber, 1001, "the selection stays on its dossier when the order changes")
        state.press(.character("g"), .enter)
        XCTAssertEqual(state.currentNumber, 1006)
        state.press(.character("]"))
        XCTAssertEqual(state.currentNumber, 1003)
        XCTAssertEqual(state.dossier?.scroll, 0)
        state.press(.character("]"), .character("["), .character("["))
        XCTAssertEqual(state.currentNumber, 1006)
        state.press(.character("["))
        XCTAssertEqual(state.currentNumber, 1006)
        XCTAssertEqual(state.messageText, "Premier dossier de la liste")
        state.press(.character("]"), .escape)
        XCTAssertEqual(state.screen, .list)
        XCTAssertEqual(state.currentNumber, 1003, "the list's selection followed")
    }

    func testNextMatchInTheTextHighlightsIt() throws {
        var state = Fixture.state()
        state.press(.character("/"))
        state.type("insertion")
        state.press(.enter, .enter)
        state.press(.character("n"))
        let view = try XCTUnwrap(state.dossier)
        let match = try XCTUnwrap(view.match)
        XCTAssertTrue(view.document.lines[match].text.contains("insertion"))
        state.press(.character("n"))
        XCTAssertEqual(state.messageText, "« insertion » : pas d’autre occurrence")
        state.press(.character("g"), .character("N"))
        XCTAssertEqual(state.messageText, "« insertion » : pas d’autre occurrence")
    }

    func testResizeLaysTheTextOutAgainInTheSameSection() throws {
        var state = opened(1001)
        state.press(.tab, .tab, .tab)   // Budget
        _ = update(&state, .resize(rows: 40, columns: 120))
        let view = try XCTUnwrap(state.dossier)
        XCTAssertEqual(view.document.width, 118)
        XCTAssertEqual(view.document.section(at: view.scroll), "Budget")
    }

    func testScoresFromTheDossier() {
        var state = opened(1003)
        state.press(.character("e"))
        XCTAssertEqual(state.screen, .sheet)
        XCTAssertEqual(state.currentNumber, 1003)
    }
}
