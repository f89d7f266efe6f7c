import XCTest
@testable import JuryCore

final class TextTests: XCTestCase {
    func testSanitizerDropsEveryControlThatCouldReachATerminal() {
        let hostile = "A\u{1B}]0;pwned\u{07}B\u{9B}31mC\u{202E}D\u{2066}E\u{7F}F\tG\r\nH"
        XCTAssertEqual(Sanitizer.text(hostile), "A]0;pwnedB31mCDEF G\nH")
        XCTAssertEqual(Sanitizer.line("un\ndeux"), "un deux")
        XCTAssertFalse(Sanitizer.needsCleaning(Sanitizer.text(hostile)))
        XCTAssertEqual(Sanitizer.text("Économie « sociale » œuvre"), "Économie « sociale » œuvre")
    }

    func testDisplayWidthCountsColumnsNotCharacters() {
        XCTAssertEqual(DisplayWidth.of("é"), 1)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)
        XCTAssertEqual(DisplayWidth.of("日本"), 4)
        XCTAssertEqual(DisplayWidth.of("🌱"), 2)
        XCTAssertEqual(DisplayWidth.of("cœur"), 4)
    }

    func testTruncateAndPadKeepTheColumnCountExact() {
        XCTAssertEqual(DisplayWidth.pad("日本語テキスト", to: 7), "日本語…")
        XCTAssertEqual(DisplayWidth.of(DisplayWidth.pad("日本語テキスト", to: 7)), 7)
        XCTAssertEqual(DisplayWidth.pad("é", to: 3), "é  ")
        XCTAssertEqual(DisplayWidth.pad("42", to: 4, alignRight: true), "  42")
    }

    func testWrapByDisplayWidthAndCutUnbrokenWords() {
        XCTAssertEqual(DisplayWidth.wrap("Le pôle réunit des acteurs", width: 10), ["Le pôle", "réunit des", "acteurs"])
        let long = String(repeating: "x", count: 25)
        XCTAssertEqual(DisplayWidth.wrap(long, width: 10), ["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"])
        XCTAssertEqual(DisplayWidth.wrap("日本日本日本", width: 5), ["日本", "日本", "日本"])
        XCTAssertEqual(DisplayWidth.wrap("", width: 10), [""])
    }

    func testMoneyIsWrittenTheFrenchWay() {
        XCTAssertEqual(Money.format(100_000), "100\u{A0}000\u{A0}€")
        XCTAssertEqual(Money.format(1_500_000), "1\u{A0}500\u{A0}000\u{A0}€")
        XCTAssertEqual(Money.format(950), "950\u{A0}€")
        XCTAssertEqual(Decimal2.format(3.375), "3,38")
        XCTAssertEqual(Decimal2.format(3.375, language: .en), "3.38")
    }

    func testLanguageIsFrenchUnlessEnglishIsAsked() {
        XCTAssertEqual(Language.resolve(flag: nil, environment: [:]), .fr)
        XCTAssertEqual(Language.resolve(flag: nil, environment: ["LANG": "en_GB.UTF-8"]), .en)
        XCTAssertEqual(Language.resolve(flag: nil, environment: ["LANG": "C.UTF-8"]), .fr)
        XCTAssertEqual(Language.resolve(flag: "en", environment: ["LANG": "fr_FR.UTF-8"]), .en)
        XCTAssertEqual(Language.resolve(flag: nil, environment: ["LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"]), .fr)
    }

    func testInstantKeepsItsOffsetAndComparesByTime() {
        let a = Instant("2023-07-31T12:00:00+02:00")!, b = Instant("2023-07-31T10:00:00Z")!
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.text, "2023-07-31T12:00:00+02:00")
        XCTAssertNil(Instant("31/07/2023"))
        XCTAssertEqual(Instant("2023-07-31T12:00:00.250+02:00")!.date.timeIntervalSince(a.date), 0.25, accuracy: 1e-9)
        XCTAssertEqual(Instant("2024-02-29T23:30:00-01:00")!.date, Instant("2024-03-01T00:30:00Z")!.date)
        XCTAssertEqual(Instant("1970-01-01T00:00:00Z")!.date, Date(timeIntervalSince1970: 0))
        // Out-of-range fields are refused, not rolled over into the next hour, day or month.
        for wrong in ["2023-07-31T25:00:00+02:00", "2023-02-29T12:00:00Z", "2023-04-31T12:00:00Z", "2023-13-01T12:00:00Z",
                      "2023-07-31T12:60:00Z", "2023-07-31T12:00:61Z", "2023-07-31T12:00:00+25:00", "2023-07-31T12:00:00",
                      "2023-07-31 12:00:00Z", "2023-07-31T12:00:00Z ", "2023-07-31T12:00:00.Z", "2023-7-31T12:00:00Z"] {
            XCTAssertNil(Instant(wrong), wrong)
        }
    }

    func testCampaignValidationNamesTheField() {
        var campaign = Fixture.campaign()
        campaign.criteria[1].weight = 0
        campaign.criteria[2].key = "maturite"
        XCTAssertEqual(campaign.problems().map(\.description), [
            "criteria[1].weight: le poids doit être un nombre positif",
            "criteria[2].key: clé « maturite » en double",
        ])
    }

    func testLoginsCannotEscapeTheirDirectory() {
        XCTAssertTrue(Jury.isValidLogin("amartin"))
        XCTAssertFalse(Jury.isValidLogin("../etc"))
        XCTAssertFalse(Jury.isValidLogin("a/b"))
        XCTAssertFalse(Jury.isValidLogin(".hidden"))
        XCTAssertFalse(Jury.isValidLogin(""))
    }
}

extension TextTests {
    /// needsCleaning reads bytes: it must agree with isUnsafe on every scalar it could meet.
    func testNeedsCleaningAgreesWithIsUnsafeOnEveryScalarOfTheFirstPlanes() {
        for value in UInt32(0)...0x2FFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a" + String(Character(scalar)) + "é"
            XCTAssertEqual(Sanitizer.needsCleaning(text), scalar != "\n" && Sanitizer.isUnsafe(scalar), "U+\(String(value, radix: 16))")
        }
    }
}
