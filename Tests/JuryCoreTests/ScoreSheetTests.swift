import XCTest
@testable import JuryCore

final class ScoreSheetTests: XCTestCase {
    let now = Instant("2023-09-15T10:00:00+02:00")!
    let grid = Fixture.grid

    func testWeightedTotalIsComputedFromTheGrid() throws {
        var sheet = ScoreSheet(dossier: 1, reviewer: "amartin", at: now)
        XCTAssertNil(sheet.weightedTotal(in: grid))
        try sheet.apply(.setValue(criterion: "maturite", value: 4), grid: grid, at: now)
        try sheet.apply(.setValue(criterion: "gouvernance", value: 2), grid: grid, at: now)
        try sheet.apply(.setValue(criterion: "impact", value: 5), grid: grid, at: now)
        // (20·4 + 15·2 + 5·5) / 40 = 135 / 40
        XCTAssertEqual(try XCTUnwrap(sheet.weightedTotal(in: grid)), 3.375, accuracy: 1e-12)
    }

    func testOffScaleAndUnknownCriterionAreRefusedWithTheValidChoices() {
        var sheet = ScoreSheet(dossier: 1, reviewer: "amartin", at: now)
        XCTAssertThrowsError(try sheet.apply(.setValue(criterion: "maturite", value: 6), grid: grid, at: now)) { error in
            XCTAssertEqual((error as? SheetEditError)?.message(grid: grid, .fr), "6 est hors de l’échelle de « maturite » (0 à 5)")
        }
        XCTAssertThrowsError(try sheet.apply(.setValue(criterion: "beaute", value: 3), grid: grid, at: now)) { error in
            XCTAssertEqual((error as? SheetEditError)?.message(grid: grid, .fr),
                           "Critère « beaute » inconnu. Critères : maturite, gouvernance, impact")
        }
        XCTAssertEqual(sheet.values, [:])
    }

    func testSubmitRefusesAnIncompleteSheetNamingWhatIsMissing() throws {
        var sheet = ScoreSheet(dossier: 1, reviewer: "amartin", at: now)
        try sheet.apply(.setValue(criterion: "maturite", value: 4), grid: grid, at: now)
        XCTAssertThrowsError(try sheet.submit(grid: grid, at: now)) { error in
            XCTAssertEqual((error as? SheetEditError)?.message(grid: grid, .fr),
                           "Fiche incomplète, il manque : Gouvernance partagée, Impact et emplois, l’avis (favorable, réservé, défavorable)")
        }
        XCTAssertEqual(sheet.status, .draft)
    }

    func testSubmittedSheetIsLockedUntilReopened() throws {
        var sheet = ScoreSheet(dossier: 1, reviewer: "amartin", at: now)
        for key in ["maturite", "gouvernance", "impact"] { try sheet.apply(.setValue(criterion: key, value: 3), grid: grid, at: now) }
        try sheet.apply(.setRecommendation(.favorable), grid: grid, at: now)
        let later = Instant("2023-09-16T10:00:00+02:00")!
        try sheet.submit(grid: grid, at: later)
        XCTAssertEqual(sheet.status, .submitted)
        XCTAssertEqual(sheet.submittedAt, later)
        XCTAssertThrowsError(try sheet.apply(.setValue(criterion: "impact", value: 1), grid: grid, at: later))
        sheet.reopen(at: later)
        try sheet.apply(.setValue(criterion: "impact", value: 1), grid: grid, at: later)
        XCTAssertEqual(sheet.values["impact"], 1)
        XCTAssertEqual(ReviewProgress(sheet), .draft)
    }

    func testCommentsAreSanitizedWhenTyped() throws {
        var sheet = ScoreSheet(dossier: 1, reviewer: "amartin", at: now)
        try sheet.apply(.setComment(criterion: "impact", text: "Très bien\u{1B}[2J\u{202E}"), grid: grid, at: now)
        XCTAssertEqual(sheet.comments["impact"], "Très bien[2J")
    }
}
