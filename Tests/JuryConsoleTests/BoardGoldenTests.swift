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
            }
        }
    }
}
