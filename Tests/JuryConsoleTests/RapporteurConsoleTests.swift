import XCTest
import JuryCore
@testable import JuryConsole

/// The rapporteurs in the console: a rapporteur's list on « mes dossiers », the sheets each dossier
/// expects, the chair's picker (`R`) and the progress screen (`r`).
final class RapporteurConsoleTests: XCTestCase {
    /// mdupont reports on 1001 (submitted) and 1003; lcaron on 1001 and 1002; pnoel on 1003.
    static let assignments: Assignments = {
        var assignments = Assignments(revision: 3)
        assignments.set([1001: ["lcaron", "mdupont"], 1002: ["lcaron"], 1003: ["mdupont", "pnoel"]])
        return assignments
    }()

    static func state(as login: String, _ language: Language = .fr, assignments: Assignments = assignments,
                      rows: Int = 24, columns: Int = 80) -> ConsoleState {
        let all = BoardFixture.sheets
        let data = ConsoleData(campaign: BoardFixture.campaign, jury: BoardFixture.jury, dossiers: Fixture.dossiers, me: login,
                               sheets: all[login] ?? [:], others: all, assignments: assignments, language: language)
        return ConsoleState(data: data, rows: rows, columns: columns, now: Fixture.now)
    }

    static var progress: [RapporteurProgress] {
        RapporteurProgress.of(assignments, jury: BoardFixture.jury, sheets: BoardFixture.sheets,
                              viewer: BoardFixture.jury.member("jmartin")!, campaign: BoardFixture.campaign)
    }

    func testARapporteursListOpensOnTheirDossiersAndTheFilterShowsTheRest() {
        var state = Self.state(as: "mdupont", columns: 120)
        XCTAssertEqual(state.listedNumbers, [1001, 1003])
        let screen = Self.screen(state)
        XCTAssertTrue(screen.contains("Rapporteur : 1/2 soumis"), screen)
        XCTAssertTrue(screen.contains("Filtres : mes dossiers"), screen)
        // f, then down to the last row (« Mes dossiers »), Space turns it off: every dossier I may see.
        state.press(.character("f"), .up, .character(" "), .enter)
        XCTAssertEqual(state.listedNumbers, [1001, 1002, 1003, 1004, 1005, 1006])
        // Someone without dossiers to report on sees them all from the start.
        XCTAssertEqual(Self.state(as: "jmartin").listedNumbers.count, 7)
    }

    func testWhenTheChairAssignsMeADossierItJoinsMyList() {
        var state = Self.state(as: "mdupont")
        var more = Self.assignments
        more.set(more.byDossier.merging([1005: ["mdupont"]]) { _, new in new })
        _ = update(&state, .storeChanged(MemberUpdate(assignments: more)))
        XCTAssertEqual(state.listedNumbers, [1001, 1003, 1005])
        XCTAssertTrue(Self.screen(state).contains("Rapporteur : 2/3 soumis"), Self.screen(state))
    }

    func testTheSheetsExpectedAreTheRapporteursAndOthersCountAsSuch() {
        // 1001: lcaron and mdupont report, both submitted, pnoel scored it too: « 2/2+1 ».
        let state = Self.state(as: "jmartin")
        let scores = state.data.juryScores(at: state.data.position(of: 1001)!)
        guard case .shown(_, let statistics) = scores else { return XCTFail("the chair reads the scores") }
        XCTAssertEqual(statistics.sheetCount, "2/2+1")
        var board = state
        board.press(.character("a"))
        _ = update(&board, .allocation(.loaded(BoardFixture.allocation)))
        XCTAssertTrue(Self.screen(board).contains("2/2+1"), Self.screen(board))
        // 1002 has one rapporteur (lcaron, submitted): « 1/1 », not one of the whole jury.
        XCTAssertTrue(Self.screen(board).contains("1/1"), Self.screen(board))
    }

    func testTheChairPicksADossiersRapporteursAndAConflictedMemberCannotBeTicked() {
        var state = Self.state(as: "jmartin")
        // 1007 (mdupont in conflict on it) is the last dossier.
        state.press(.character("G"), .character("R"))
        XCTAssertTrue(Self.screen(state).contains("Rapporteurs du n° 1007"), Self.screen(state))
        state.press(.character(" "))   // mdupont, first of the reviewers
        XCTAssertTrue(state.messageText?.contains("conflit d’intérêts") ?? false, state.messageText ?? "no message")
        let effects = state.press(.down, .character(" "), .down, .character(" "), .enter)
        XCTAssertEqualEffects(effects, [.replaceRapporteurs(DossierNumber(1007), ["lcaron", "pnoel"])])
        XCTAssertFalse(Self.screen(state).contains("[x]"), "the picker closes")
        _ = update(&state, .rapporteursReplaced(dossier: DossierNumber(1007), failure: nil))
        XCTAssertEqual(state.messageText, "Rapporteurs du n° 1007 enregistrés")
        // A refusal from the store is shown as it is said.
        _ = update(&state, .rapporteursReplaced(dossier: DossierNumber(1007), failure: "disque plein"))
        XCTAssertEqual(state.messageText, "Rapporteurs du n° 1007 non enregistrés : disque plein")
    }

    func testAReviewerCannotOpenThePicker() {
        var state = Self.state(as: "mdupont")
        XCTAssertEqual(state.press(.character("R")), [])
        XCTAssertEqual(state.messageText, "Seule la présidence désigne les rapporteurs")
    }

    func testThePickerUntickingARapporteurSendsTheRest() {
        var state = Self.state(as: "jmartin")
        state.press(.down, .down, .character("R"))   // 1003: mdupont and pnoel
        let effects = state.press(.character(" "), .enter)   // untick mdupont
        XCTAssertEqualEffects(effects, [.replaceRapporteurs(DossierNumber(1003), ["pnoel"])])
    }

    func testTheProgressScreenReadsTheStoreAndFollowsChanges() {
        var state = Self.state(as: "jmartin")
        XCTAssertEqualEffects(state.press(.character("r")), [.loadProgress])
        XCTAssertEqual(state.screen, .progress)
        XCTAssertTrue(Self.screen(state).contains("Lecture de l’avancement"), Self.screen(state))
        _ = update(&state, .progressLoaded(Self.progress))
        let screen = Self.screen(state)
        XCTAssertTrue(screen.contains("Marie Dupont (mdupont)"), screen)
        XCTAssertTrue(screen.contains("1003"), "mdupont's waiting dossier: " + screen)
        // A sheet saved elsewhere: the store counts again.
        XCTAssertEqualEffects(update(&state, .storeChanged(MemberUpdate(sheets: [BoardFixture.sheet("pnoel", 1002, [3, 3, 3, 3, 3])]))),
                              [.loadProgress])
        state.press(.down, .enter)   // mdupont: 1003 waits for their sheet
        XCTAssertTrue(Self.screen(state).contains("n° 1003 — Écopôle Œuvres Communes"), Self.screen(state))
        state.press(.escape, .escape)
        XCTAssertEqual(state.screen, .list)
    }

    private static func screen(_ state: ConsoleState) -> String {
        let surface = MemorySurface(rows: state.rows, columns: state.columns)
        render(state, on: surface)
        return surface.text()
    }
}

/// The progress screen and the chair's picker, in both languages and sizes.
extension GoldenTests {
    func testRapporteurScreens() throws {
        for language in Language.allCases {
            for (rows, columns) in [(24, 80), (40, 120)] {
                let suffix = "\(language.rawValue)-\(columns)x\(rows)"
                var progress = RapporteurConsoleTests.state(as: "jmartin", language, rows: rows, columns: columns)
                progress.press(.character("r"))
                _ = update(&progress, .progressLoaded(RapporteurConsoleTests.progress))
                try assertGolden(progress, "progress-\(suffix)")
                var picker = RapporteurConsoleTests.state(as: "jmartin", language, rows: rows, columns: columns)
                picker.press(.down, .down, .character("R"))
                try assertGolden(picker, "rapporteur-picker-\(suffix)")
                try assertGolden(RapporteurConsoleTests.state(as: "mdupont", language, rows: rows, columns: columns), "list-rapporteur-\(suffix)")
            }
        }
    }
}
