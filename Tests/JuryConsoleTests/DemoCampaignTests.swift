import XCTest
import JuryCore
import JuryDemo
@testable import JuryConsole

/// Every dossier of the bundled demo campaign, plus the demo's hostile dossier, through every
/// screen: nothing unsafe reaches the surface.
final class DemoCampaignTests: XCTestCase {
    func testEveryDemoDossierDrawsCleanlyOnEveryScreen() throws {
        let demo = DemoCampaign.bundled()
        let reviewer = try XCTUnwrap(demo.jury.reviewers.first).login
        let mine = Dictionary(demo.sheets.filter { $0.reviewer == reviewer }.map { ($0.dossier, $0) }) { first, _ in first }
        let data = ConsoleData(campaign: demo.campaign, jury: demo.jury,
                               dossiers: demo.dossiers + [HostileDossier.make(number: 99_999)],
                               me: reviewer, sheets: mine, language: .fr)
        XCTAssertTrue(data.dossiers.contains { $0.number == 99_999 })
        for (rows, columns) in [(24, 80), (10, 40)] {
            var state = ConsoleState(data: data, rows: rows, columns: columns, now: Fixture.now)
            let surface = MemorySurface(rows: rows, columns: columns)
            func check(_ what: String) {
                render(state, on: surface)
                for (row, cells) in surface.cells.enumerated() {
                    let unsafe = cells.flatMap { $0.text.unicodeScalars }.filter(Sanitizer.isUnsafe)
                    XCTAssertTrue(unsafe.isEmpty, "\(what), row \(row): \(unsafe)")
                }
            }
            for _ in state.listedNumbers {
                check("list")
                state.press(.enter)
                let number = state.currentNumber ?? 0
                check("dossier \(number)")
                for _ in 0..<12 { state.press(.tab) }
                check("dossier \(number) end")
                state.press(.character("e"))
                check("sheet \(number)")
                state.press(.escape, .escape, .down)
            }
        }
    }
}
