import Foundation
import JuryCore
@testable import JuryImport
import JuryStore
import XCTest

final class MappingTests: XCTestCase {
    func testTheEmbeddedMappingIsTheShippedFile() throws {
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "../../data/import/mapping-ptce.json")
        XCTAssertEqual(String(decoding: try Data(contentsOf: shipped), as: UTF8.self), DefaultMapping.json + "\n",
                       "data/import/mapping-ptce.json and DefaultMapping.json must be edited together")
        let mapping = try ImportMapping.load(contentsOf: shipped)
        XCTAssertEqual(mapping.champs[.name], [ChampRef(label: "Nom du PTCE")])
        XCTAssertEqual(mapping.champs[.cooperation]?.count, 2, "a section may join several champs")
        XCTAssertEqual(mapping.members?.categories.value(forKey: LabelKey.of("entreprise de l'ess")), .entrepriseESS,
                       "labels match whatever the case, accents and apostrophe")
    }

    private func problems(_ text: String, _ language: Language = .fr) -> [String] {
        do {
            _ = try ImportMapping.load(Data(text.utf8), from: URL(fileURLWithPath: "ma-correspondance.json"))
            return []
        } catch {
            return error.problems.map { $0.text(language) }
        }
    }

    /// The default mapping with one edit, as a ministry agent would make it.
    private func edited(_ from: String, _ to: String) -> String {
        XCTAssertTrue(DefaultMapping.json.contains(from), from)
        return DefaultMapping.json.replacingOccurrences(of: from, with: to)
    }

    func testATypoInAKeyIsRefusedWithThePlaceAndTheValidKeys() {
        let found = problems(edited(#""budgetRequested":"#, #""budgetRequsted":"#))
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("ma-correspondance.json: champs.budgetRequsted: clé inconnue (clés possibles : name, sector"),
                      found[0])
    }

    func testAnUnknownCategoryNamesTheValidOnes() {
        let found = problems(edited(#""Association": "association""#, #""Association": "asso""#))
        XCTAssertEqual(found, ["ma-correspondance.json: members.categories.Association: valeur « asso » inconnue (valeurs : "
                               + "entreprise-ess, entreprise-hors-ess, collectivite, recherche, formation, association, autre)"])
    }

    func testASyntaxErrorGivesTheLineAndColumn() {
        let found = problems(edited(#""sector": {"label": "Filière principale du PTCE"},"#, #""sector": {"label": "Filière principale du PTCE"}"#))
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("ma-correspondance.json:7:5: JSON invalide à cet endroit"),
                      "the comma missing at the end of line 6 is seen at the next key: \(found[0])")
    }

    func testAReferenceNeedsAnIdOrALabel() {
        let found = problems(edited(#""name": {"label": "Nom du PTCE"}"#, #""name": {"aliases": ["Nom"]}"#))
        XCTAssertEqual(found, ["ma-correspondance.json: champs.name: il faut « id » ou « label » (ou les deux)"])
    }

    func testAMappingsProblemsAreSaidInEnglishToo() {
        XCTAssertEqual(problems(edited(#""Association": "association""#, #""Association": "asso""#), .en),
                       ["ma-correspondance.json: members.categories.Association: unknown value “asso” (values: "
                        + "entreprise-ess, entreprise-hors-ess, collectivite, recherche, formation, association, autre)"])
        XCTAssertEqual(problems(edited(#""name": {"label": "Nom du PTCE"}"#, #""name": {"aliases": ["Nom"]}"#), .en),
                       ["ma-correspondance.json: champs.name: “id” or “label” is needed (or both)"])
        XCTAssertEqual(problems(edited(#""timeZone": "Europe/Paris""#, #""timeZone": "Europe/Nantes""#), .en),
                       ["ma-correspondance.json: reading.timeZone: unknown time zone “Europe/Nantes” (e.g. Europe/Paris)"])
        let typo = problems(edited(#""budgetRequested":"#, #""budgetRequsted":"#), .en)
        XCTAssertTrue(typo.first?.hasPrefix("ma-correspondance.json: champs.budgetRequsted: unknown key (possible keys: name, sector") == true,
                      "\(typo)")
        let syntax = problems(edited(#""sector": {"label": "Filière principale du PTCE"},"#, #""sector": {"label": "Filière principale du PTCE"}"#), .en)
        XCTAssertEqual(syntax, ["ma-correspondance.json:7:5: invalid JSON at this place"])
    }

    func testReadingRulesAreChecked() {
        XCTAssertEqual(problems(edited(#""timeZone": "Europe/Paris""#, #""timeZone": "Europe/Nantes""#)),
                       ["ma-correspondance.json: reading.timeZone: fuseau horaire « Europe/Nantes » inconnu (ex. Europe/Paris)"])
        XCTAssertEqual(problems(edited(#""decimalSeparator": ",""#, #""decimalSeparator": ";""#)),
                       ["ma-correspondance.json: reading.decimalSeparator: « , » ou « . » attendu, trouvé « ; »"])
        XCTAssertEqual(problems(edited(#""schemaVersion": 1"#, #""schemaVersion": 2"#)),
                       ["ma-correspondance.json: schemaVersion: schemaVersion 2 non pris en charge (version attendue : 1)"])
    }
}
