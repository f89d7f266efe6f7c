import XCTest
import JuryCore
@testable import JuryConsole

/// The allocation board as the chair and as a reviewer sees it, in both languages and sizes.
extension GoldenTests {
    func testBoardScreens() throws {
        for language in Language.allCases {
            for (rows, columns) in [(24, 80), (40, 120)] {
                let suffix = "\(language.rawValue)-\(columns)x\(rows)"
                try assertGolden(BoardFixture.board(as: "jmartin", language, rows: rows, columns: columns), "board-chair-\(suffix)")
                var reviewer = BoardFixture.board(as: "mdupont", language, rows: rows, columns: columns)
                try assertGolden(reviewer, "board-reviewer-\(suffix)")
                reviewer.press(.character("?"))
                try assertGolden(reviewer, "board-reviewer-help-\(suffix)")

                // The chair selects an ineligible dossier (1003): a motivation is asked for.
                var chair = BoardFixture.board(as: "jmartin", language, rows: rows, columns: columns)
                chair.press(.down, .character(" "))
                chair.type("Composition régularisée")
                try assertGolden(chair, "board-motivation-\(suffix)")

                // F: the checklist before finalising, then an item's reason being typed.
                var checklist = BoardFixture.checklist(language, rows: rows, columns: columns)
                try assertGolden(checklist, "checklist-\(suffix)")
                checklist.press(.character("a"))
                checklist.type("Vu en séance")
                try assertGolden(checklist, "checklist-reason-\(suffix)")

                // In séance, the reviewer in conflict on 1007 sees the jury's ranks (the first
                // unused) and count; a sheet landed since the last sort marks the ranks that moved.
                let seance = SeanceView(number: 1, place: "Paris", present: ["jmartin", "mdupont", "lcaron"], quorum: 3)
                var sitting = BoardFixture.sitting(as: "mdupont", BoardFixture.figures(for: "mdupont"), seance: seance, language,
                                                   rows: rows, columns: columns)
                var later = BoardFixture.sheets
                later["pnoel"]![1006] = BoardFixture.sheet("pnoel", 1006, [5, 5, 5, 5, 5])
                _ = update(&sitting, .allocation(.figuresLoaded(BoardFixture.figures(for: "mdupont", sheets: later))))
                try assertGolden(sitting, "board-seance-\(suffix)")
            }
        }
    }
}
