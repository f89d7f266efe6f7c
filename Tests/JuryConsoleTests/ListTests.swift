import XCTest
import JuryCore
@testable import JuryConsole

final class ListTests: XCTestCase {
    func testStartsOnTheListInNumberOrderWithConflictsHidden() {
        let state = Fixture.state()
        XCTAssertEqual(state.screen, .list)
        XCTAssertEqual(state.listedNumbers, [1001, 1002, 1003, 1004, 1005, 1006])
        XCTAssertEqual(state.data.hiddenForConflict, 1)
        XCTAssertNil(state.data.verdicts[1007])
        XCTAssertEqual(state.currentNumber, 1001)
        let screen = state.screenText()
        XCTAssertTrue(screen.contains("1/6 notés, 1 brouillon · Tri : n°"))
        XCTAssertTrue(screen.contains("1 masqué : conflit"))
        XCTAssertTrue(screen.contains("Marie Dupont (mdupont)"))
        XCTAssertFalse(screen.contains("Pôle Caché"))
    }

    /// A large campaign's first frame comes from its first dossiers only: the rows the reviewer
    /// sees must be those of the complete list, and no count may be shown that is not yet known.
    func testTheLoadingFrameShowsTheRowsOfTheCompleteList() {
        let all = Fixture.many(120)
        let complete = MemorySurface(rows: 24, columns: 80), loading = MemorySurface(rows: 24, columns: 80)
        render(ConsoleState(data: Fixture.data(dossiers: all), rows: 24, columns: 80, now: Fixture.now), on: complete)
        render(ConsoleState(loading: Fixture.data(dossiers: Array(all.prefix(40))), rows: 24, columns: 80, now: Fixture.now),
               on: loading)
        XCTAssertEqual(loading.lines()[2..<22], complete.lines()[2..<22])
        XCTAssertTrue(loading.lines()[1].contains("Chargement de la campagne…"))
        XCTAssertFalse(loading.lines()[1].contains("notés") || loading.lines()[1].contains("dossiers"), loading.lines()[1])
        XCTAssertTrue(complete.lines()[1].contains("/120 notés"))
    }

    func testMovesWithJKArrowsGAndPages() {
        var state = ConsoleState(data: Fixture.data(dossiers: Fixture.many(100)), rows: 24, columns: 80, now: Fixture.now)
        state.press(.character("j"), .down)
        XCTAssertEqual(state.currentNumber, 2003)
        state.press(.character("k"))
        XCTAssertEqual(state.currentNumber, 2002)
        state.press(.character("G"))
        XCTAssertEqual(state.currentNumber, 2100)
        XCTAssertEqual(state.list.scroll, 100 - Layout.tableHeight(rows: 24))
        state.press(.character("g"))
        XCTAssertEqual(state.currentNumber, 2001)
        state.press(.pageDown)
        XCTAssertEqual(state.currentNumber, 2001 + Layout.tableHeight(rows: 24) - 1)
        state.press(.pageUp, .up, .character("k"))
        XCTAssertEqual(state.currentNumber, 2001, "moving above the first row stays on it")
    }

    func testSortCyclesThroughNumberNameRegionStatusAndTotal() {
        var state = Fixture.state()
        state.press(.character("o"))
        XCTAssertEqual(state.list.sort, .name)
        XCTAssertEqual(state.messageText, "Tri : nom")
        // Accents are ignored ("Écopôle" sorts as "ecopole"); the hostile name, once its escape
        // characters are removed, starts with "[31mPTCE", which sorts first.
        XCTAssertEqual(state.listedNumbers, [1006, 1003, 1004, 1001, 1005, 1002])
        state.press(.character("o"))
        XCTAssertEqual(state.list.sort, .region)
        XCTAssertEqual(state.listedNumbers, [1001, 1002, 1004, 1006, 1005, 1003], "Bretagne, Grand Est, Hauts-de-France, Île-de-France…")
        state.press(.character("o"))
        XCTAssertEqual(state.list.sort, .status)
        XCTAssertEqual(state.listedNumbers, [1003, 1004, 1005, 1006, 1002, 1001], "à noter, brouillon, soumis")
        state.press(.character("o"))
        XCTAssertEqual(state.list.sort, .total)
        XCTAssertEqual(state.listedNumbers, [1001, 1002, 1003, 1004, 1005, 1006], "3,67 then 3,33, then the unscored")
        state.press(.character("o"))
        XCTAssertEqual(state.list.sort, .number)
    }

    func testFilterPanelCyclesRegionSectorStatusAndEligibility() {
        var state = Fixture.state()
        state.press(.character("f"))
        XCTAssertEqual(state.list.panel, 0)
        state.press(.right)   // first region alphabetically: Bretagne
        XCTAssertEqual(state.listedNumbers, [1001])
        state.press(.left)    // back to all regions
        XCTAssertEqual(state.listedNumbers.count, 6)
        state.press(.down, .right, .right)   // second sector: Mobilité
        XCTAssertEqual(state.listedNumbers, [1003])
        state.press(.character("x"), .down, .right)   // my status: à noter
        XCTAssertEqual(state.listedNumbers, [1003, 1004, 1005, 1006])
        state.press(.down, .character(" "))   // eligible only
        XCTAssertEqual(state.listedNumbers, [1005, 1006])
        state.press(.enter)
        XCTAssertNil(state.list.panel)
        XCTAssertTrue(state.screenText().contains("Filtres : à noter, éligibles"))
        state.press(.character("e"), .character("3"))   // scoring it moves it out of "à noter"…
        state.press(.escape)
        XCTAssertEqual(state.listedNumbers, [1006], "…and out of the filtered list")
    }

    func testSearchAsYouTypeIgnoresCaseAndAccents() {
        var state = Fixture.state()
        state.press(.character("/"))
        state.type("oeuvres")
        XCTAssertEqual(state.listedNumbers, [1003], "œ is found by typing oe, É by e")
        state.press(.control("u"))
        state.type("ECOLE")
        XCTAssertEqual(state.listedNumbers, [1006], "e + combining acute is found by e")
        state.press(.control("u"))
        state.type("日本")
        XCTAssertEqual(state.listedNumbers, [1006])
        state.press(.control("u"))
        state.type("lycee agricole")
        XCTAssertEqual(state.listedNumbers, [1001, 1002, 1004, 1005, 1006], "member names are searched")
        state.press(.control("u"))
        state.type("eurometropole")
        XCTAssertEqual(state.listedNumbers, [], "my own comments are not part of the dossier")
        state.press(.control("u"))
        state.type("recyclerie partagee")
        XCTAssertEqual(state.listedNumbers, [1001, 1002, 1003, 1004, 1005], "narrative text is searched")
    }

    func testSearchEnterKeepsEscCancelsAndBackspaceWidens() {
        var state = Fixture.state()
        state.press(.character("/"))
        state.type("redon")
        XCTAssertEqual(state.listedNumbers, [1001])
        state.press(.backspace, .backspace, .backspace)
        XCTAssertEqual(state.listedNumbers.count, 6, "Backspace widens the search again")
        state.type("don")
        state.press(.enter)
        XCTAssertEqual(state.list.field, nil)
        XCTAssertEqual(state.listedNumbers, [1001])
        XCTAssertTrue(state.screenText().contains("Recherche « redon »"))
        state.press(.character("/"))
        state.type("zzz")
        XCTAssertEqual(state.listedNumbers, [])
        state.press(.escape)
        XCTAssertEqual(state.listedNumbers, [1001], "Esc restores the search kept before")
        state.press(.escape)
        XCTAssertEqual(state.listedNumbers.count, 6, "Esc on the list clears the search")
    }

    /// The count of a kept search agrees with its number in each language: French keeps the
    /// singular for 0 and 1, English for 1 only.
    func testAKeptSearchCountsItsDossiersInEachLanguagesGrammar() {
        let expected: [(Language, String, [Int], message: String, count: String)] = [
            (.fr, "zzz", [], "0 dossier pour « zzz » — Échap pour tout revoir", "0 dossier"),
            (.fr, "redon", [1001], "1 dossier pour « redon » — Échap pour tout revoir", "1 dossier"),
            (.fr, "coop", [1001, 1005], "2 dossiers pour « coop » — Échap pour tout revoir", "2 dossiers"),
            (.en, "zzz", [], "0 dossiers for “zzz” — Esc to see all", "0 dossiers"),
            (.en, "redon", [1001], "1 dossier for “redon” — Esc to see all", "1 dossier"),
            (.en, "coop", [1001, 1005], "2 dossiers for “coop” — Esc to see all", "2 dossiers"),
        ]
        for (language, query, numbers, message, count) in expected {
            var state = Fixture.state(language)
            state.press(.character("/"))
            state.type(query)
            state.press(.enter)
            XCTAssertEqual(state.listedNumbers, numbers, query)
            let lines = state.screenText().components(separatedBy: "\n")
            XCTAssertTrue(lines[1].trimmingCharacters(in: .whitespaces).hasSuffix(" " + count), "\(language) \(query): \(lines[1])")
            XCTAssertTrue(lines.contains { $0.hasPrefix(message) }, "\(language) \(query): \(lines)")
        }
    }

    func testLettersAreTextInTheSearchField() {
        var state = Fixture.state()
        state.press(.character("/"))
        let effects = state.type("q?oe")
        XCTAssertEqual(effects, [])
        XCTAssertEqual(state.list.query, "q?oe")
        XCTAssertNil(state.pager)
        XCTAssertEqual(state.screen, .list)
    }

    func testNextAndPreviousMatchWrapAround() {
        var state = Fixture.state()
        state.press(.character("n"))
        XCTAssertEqual(state.messageText, "Aucune recherche en cours : / pour chercher")
        state.press(.character("/"))
        state.type("alimentation")
        state.press(.enter)
        XCTAssertEqual(state.listedNumbers, [1002, 1005])
        XCTAssertEqual(state.currentNumber, 1002)
        state.press(.character("n"))
        XCTAssertEqual(state.currentNumber, 1005)
        state.press(.character("n"))
        XCTAssertEqual(state.currentNumber, 1002)
        XCTAssertEqual(state.messageText, "Fin des résultats, retour au premier")
        state.press(.character("N"))
        XCTAssertEqual(state.currentNumber, 1005)
    }

    func testOpensTheDossierOrTheSheetAndComesBack() {
        var state = Fixture.state()
        state.press(.down, .enter)
        XCTAssertEqual(state.screen, .dossier)
        XCTAssertEqual(state.currentNumber, 1002)
        state.press(.character("e"))
        XCTAssertEqual(state.screen, .sheet)
        state.press(.escape)
        XCTAssertEqual(state.screen, .dossier, "the sheet goes back to the dossier it was opened from")
        state.press(.character("q"))
        XCTAssertEqual(state.screen, .list)
        state.press(.character("e"))
        XCTAssertEqual(state.screen, .sheet)
        XCTAssertEqual(state.currentNumber, 1002)
        state.press(.escape)
        XCTAssertEqual(state.screen, .list)
    }

    func testQuitsWithQAndCtrlCAnywhere() {
        var state = Fixture.state()
        XCTAssertEqual(state.press(.character("q")), [.quit])
        state.press(.down, .character("e"), .down, .down, .down, .down, .down, .enter)
        XCTAssertNotNil(state.sheet?.editor)
        XCTAssertEqual(state.press(.control("c")), [.quit], "Ctrl-C quits even from a text field")
        XCTAssertEqual(state.press(.control("l")), [.repaint])
    }

    func testQuitAsksFirstWhenASaveFailed() {
        var state = Fixture.state()
        state.press(.character("e"))
        _ = update(&state, .saveFailed(dossier: 1001, message: "disque plein"))
        state.press(.escape)
        XCTAssertEqual(state.press(.character("q")), [])
        XCTAssertTrue(state.screenText().contains("1 fiche non enregistrée : quitter quand même ? (o/n)"))
        XCTAssertEqual(state.press(.character("n")), [])
        XCTAssertEqual(state.messageText, "Annulé")
        XCTAssertEqual(state.press(.character("q"), .character("o")), [.quit])
    }

    func testHelpOpensWithQuestionMarkAndClosesWithEscapeOrQ() {
        var state = Fixture.state()
        state.press(.character("?"))
        XCTAssertEqual(state.pager?.content, .help)
        XCTAssertTrue(state.screenText().contains("Aide — Dossiers"))
        XCTAssertEqual(state.press(.character("e")), [], "a key of the screen below does nothing while the help is read")
        XCTAssertEqual(state.screen, .list)
        XCTAssertEqual(state.press(.character("q")), [], "the key that closes the help does nothing else")
        XCTAssertNil(state.pager)
    }

    func testResizeKeepsTheSelectionVisibleAndNothingBreaksWhenTiny() {
        var state = ConsoleState(data: Fixture.data(dossiers: Fixture.many(100)), rows: 40, columns: 120, now: Fixture.now)
        state.press(.character("G"))
        _ = update(&state, .resize(rows: 12, columns: 50))
        XCTAssertEqual(state.list.scroll, 100 - Layout.tableHeight(rows: 12))
        for (rows, columns) in [(0, 0), (1, 1), (6, 20), (10, 39), (9, 40), (10, 40)] {
            _ = update(&state, .resize(rows: rows, columns: columns))
            for key: Key in [.enter, .tab, .character("e"), .down, .character("?")] {
                state.press(key)
                let surface = MemorySurface(rows: rows, columns: columns)
                render(state, on: surface)
                XCTAssertEqual(surface.lines().count, rows)
            }
            state.press(.escape, .escape, .escape)
        }
        _ = update(&state, .resize(rows: 6, columns: 20))
        XCTAssertTrue(state.screenText().contains("Terminal"))
    }

    /// Names get the room first; the figures take what their content needs.
    func testNamesGetTheRoomAndFiguresShrinkToTheirContent() {
        for (columns, least, shown) in [(80, 26, "Pôle Coopératif du Pays de"), (60, 18, "Pôle Coopératif du…")] {
            let widths = ListColumns(width: columns, numberWidth: 4, highestScore: 5, language: .fr).widths
            XCTAssertGreaterThanOrEqual(widths[1], least, "name at \(columns) columns: \(widths)")
            XCTAssertEqual(widths[6], 5, "« 3,67 » and a blank")
            XCTAssertEqual(widths[7], 5, "« Jury » and a blank")
            XCTAssertEqual(widths.reduce(0, +), columns)
            let state = Fixture.state(rows: 24, columns: columns)
            XCTAssertTrue(state.screenText().contains("1001 " + shown), state.screenText())
        }
    }
}
