import XCTest
@testable import JuryCore

/// The text catalog: French is the reference, English must say the same things with the same
/// arguments (docs/ARCHITECTURE.md, « The text catalog »).
final class CatalogTests: XCTestCase {
    func testEveryKeyHasAFrenchAndAnEnglishWordingNamingTheSameArguments() {
        var problems: [String] = []
        for key in TextKey.allCases {
            guard let french = Catalog.french[key], !french.isEmpty else { problems.append("\(key): no French"); continue }
            guard let english = Catalog.english[key], !english.isEmpty else { problems.append("\(key): no English"); continue }
            guard let frenchParts = Catalog.parts(french) else { problems.append("\(key): French malformed"); continue }
            guard let englishParts = Catalog.parts(english) else { problems.append("\(key): English malformed"); continue }
            if Self.names(frenchParts) != Self.names(englishParts) {
                problems.append("\(key): French names \(Self.names(frenchParts).sorted()), English \(Self.names(englishParts).sorted())")
            }
        }
        XCTAssertEqual(Catalog.french.count, TextKey.allCases.count, "a French wording without its key")
        XCTAssertEqual(Catalog.english.count, TextKey.allCases.count, "an English wording without its key")
        XCTAssertTrue(problems.isEmpty, problems.joined(separator: "\n"))
    }

    func testNoWordingWritesAPluralAsParenthesisS() {
        let offenders = TextKey.allCases.filter { key in
            [Catalog.french[key], Catalog.english[key]].contains { wording in
                ["(s)", "(e)", "(es)"].contains { wording?.contains($0) == true }
            }
        }
        XCTAssertEqual(offenders, [], "« (s) »: use {n|singular|plural}; « (e) »: a wording without the gender")
    }

    func testArgumentsAndPluralsAreRenderedInEachLanguagesGrammar() {
        let wording = "{n} {n|dossier attribué|dossiers attribués} à {login}, {{brut}}"
        XCTAssertEqual(Catalog.render(wording, .fr, ["n": 0, "login": "amartin"]), "0 dossier attribué à amartin, {brut}")
        XCTAssertEqual(Catalog.render(wording, .fr, ["n": 2, "login": "amartin"]), "2 dossiers attribués à amartin, {brut}")
        XCTAssertEqual(Catalog.render("{n} {n|dossier|dossiers}", .en, ["n": 0]), "0 dossiers")
        XCTAssertEqual(Catalog.render("{n} {n|dossier|dossiers}", .en, ["n": 1]), "1 dossier")
        XCTAssertNil(Catalog.parts("{n|one}"), "a plural needs both forms")
        XCTAssertNil(Catalog.parts("unclosed {n"))
    }

    private static func names(_ parts: [Catalog.Part]) -> Set<String> {
        Set(parts.compactMap { part -> String? in
            switch part {
            case .literal: return nil
            case .argument(let name), .plural(let name, _, _): return name
            }
        })
    }
}
