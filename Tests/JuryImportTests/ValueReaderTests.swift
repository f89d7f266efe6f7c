import Foundation
import JuryCore
@testable import JuryImport
import XCTest

/// Values as the platform and the spreadsheets people re-save write them.
final class ValueReaderTests: XCTestCase {
    private let reader = ValueReader(rules: ImportMapping.ptceDefault().reading, language: .fr)

    private func amount(_ text: String) -> Int? {
        if case .value(let value) = reader.amount(.text(text)) { return value }
        return nil
    }

    private func decimal(_ text: String) -> Double? {
        if case .value(let value) = reader.decimal(.text(text)) { return value }
        return nil
    }

    private func instant(_ value: SourceValue) -> String? {
        if case .value(let instant) = reader.instant(value) { return instant.text }
        return nil
    }

    func testAmountsAsFrenchPeopleWriteThem() {
        XCTAssertEqual(amount("100 000 €"), 100_000)
        XCTAssertEqual(amount("100\u{00A0}000\u{00A0}€"), 100_000, "no-break spaces, as Money.format writes them")
        XCTAssertEqual(amount("100\u{202F}000 EUR"), 100_000, "narrow no-break space")
        XCTAssertEqual(amount("1 500 000"), 1_500_000)
        XCTAssertEqual(amount("1.500.000,00 €"), 1_500_000)
        XCTAssertEqual(amount("12.500"), 12_500, "dots grouping by three are thousands with a decimal comma")
        XCTAssertEqual(amount("100000,50"), 100_001, "rounded to the nearest euro")
        XCTAssertEqual(amount("99 999,49 euros"), 99_999)
        XCTAssertEqual(amount("-2 000"), -2_000)
        XCTAssertEqual(decimal("100000,50"), 100_000.5)
        XCTAssertEqual(decimal("100000.5"), 100_000.5, "the platform writes decimals with a point")
        XCTAssertEqual(decimal("12,5"), 12.5)
        XCTAssertEqual(decimal("0.125"), 0.125)
        XCTAssertEqual(decimal("1,500,000.25"), 1_500_000.25)
        for text in ["beaucoup", "environ 300 k€", "1,2,3", "12..5", "1 000,00,00", "€"] {
            XCTAssertNil(amount(text), text)
        }
        guard case .unreadable(let reason) = reader.amount(.text("beaucoup")) else { return XCTFail() }
        XCTAssertEqual(reason, "montant illisible")
        guard case .empty = reader.amount(.text("  ")) else { return XCTFail("a blank cell is empty, not unreadable") }
    }

    func testYesAndNo() {
        for (value, expected) in [(SourceValue.text("Oui"), true), (.text("non"), false), (.bool(true), true), (.text(" NON "), false)] {
            guard case .value(let answer) = reader.yesNo(value) else { return XCTFail("\(value)") }
            XCTAssertEqual(answer, expected, "\(value)")
        }
        guard case .unreadable(let reason) = reader.yesNo(.text("peut-être")) else { return XCTFail() }
        XCTAssertTrue(reason.hasPrefix("ni oui ni non (oui : Oui"), reason)
    }

    func testDatesAreReadInTheFormatsOfTheMappingAsParisTime() {
        XCTAssertEqual(instant(.date("2023-07-28T10:15:32+02:00")), "2023-07-28T10:15:32+02:00", "ISO with offset is kept as written")
        XCTAssertEqual(instant(.text("2023-07-28 10:15:32 +0200")), "2023-07-28T10:15:32+02:00")
        XCTAssertEqual(instant(.text("31/07/2023 11:58")), "2023-07-31T11:58:00+02:00")
        XCTAssertEqual(instant(.text("28 juillet 2023")), "2023-07-28T00:00:00+02:00")
        XCTAssertEqual(instant(.text("15/01/2024")), "2024-01-15T00:00:00+01:00", "winter time")
        XCTAssertEqual(instant(.date("2023-07-28T10:15:32")), "2023-07-28T10:15:32+02:00", "ODS dates have no offset")
        XCTAssertEqual(instant(.number(45135.427453703706)), "2023-07-28T10:15:32+02:00", "XLSX dates are serial numbers")
        XCTAssertNil(instant(.text("31/02/2023")))
        XCTAssertNil(instant(.text("hier")))
    }

    func testYears() {
        for (value, expected) in [(SourceValue.text("2016"), 2016), (.number(2021), 2021), (.date("2021-11-15"), 2021),
                                  (.text("15/11/2021"), 2021)] {
            guard case .value(let year) = reader.year(value) else { return XCTFail("\(value)") }
            XCTAssertEqual(year, expected)
        }
        guard case .unreadable = reader.year(.number(100_000)) else { return XCTFail("an amount is not a year") }
    }

    func testLabelsMatchWhateverTheCaseAccentsAndApostrophes() {
        XCTAssertEqual(LabelKey.of("Montant de la subvention demandée à l’État"), LabelKey.of("montant de la subvention  demandee a l'Etat "))
        XCTAssertNotEqual(LabelKey.of("Nom du PTCE"), LabelKey.of("Nom du pôle"))
    }
}
