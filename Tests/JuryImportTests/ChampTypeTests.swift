import Foundation
import JuryCore
@testable import JuryImport
import JuryStore
import XCTest

/// Every type of champ the platform's schema has is read (or, for the form's layout, skipped),
/// by the fast reading and by JSONDecoder's alike; a type it does not have yet stops nothing.
final class ChampTypeTests: XCTestCase {
    private func label(_ json: String) throws -> String {
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try XCTUnwrap(object["label"] as? String)
    }

    private func reading(_ value: SourceValue) -> ChampTypes.Reading? {
        switch value {
        case .text: return .text
        case .number: return .number
        case .bool: return .bool
        case .date: return .date
        case .list: return .list
        case .files: return .files
        case .rows: return .rows
        case .empty: return nil
        }
    }

    func testEveryTypeOfTheSchemaHasAFixture() {
        let types = ChampTypes.fixtures.map(\.type)
        XCTAssertEqual(Set(types).count, 28, "the 28 types that implement Champ in the schema, once each")
        for type in types where !["HeaderSectionChamp", "ExplicationChamp"].contains(type) {
            XCTAssertNotNil(GraphQLReaderKinds.kind(of: type), "\(type) is known")
        }
    }

    func testEveryTypeIsReadAsItsKindAndTheLayoutIsSkipped() throws {
        let directory = scratchDirectory()
        // The same page read by the token reader, and by JSONDecoder (an escaped key makes the first give up).
        let slow = ChampTypes.page.replacingOccurrences(of: #""number": 78542,"#, with: #""number": 78542, "n\u006fte": "x","#)
        struct Probe: Decodable {
            struct Data: Decodable { var demarche: Demarche }
            struct Demarche: Decodable { var number: Int }
            var data: Data
        }
        XCTAssertNotNil(TokenReader.decode(Probe.self, from: Data(ChampTypes.page.utf8)))
        XCTAssertNil(TokenReader.decode(Probe.self, from: Data(slow.utf8)), "the second page is JSONDecoder's")
        for (name, text) in [("rapide.json", ChampTypes.page), ("lente.json", slow)] {
            let url = file(name, text, in: directory)
            let page = try GraphQLReader(mapping: .ptceDefault()).read(Data(text.utf8), url)
            XCTAssertEqual(page.unknownTypes, [], name)
            let champs = try XCTUnwrap(page.dossiers.first?.champs, name)
            for fixture in ChampTypes.fixtures {
                let label = try label(fixture.json)
                let found = champs.filter { $0.label == label }
                if fixture.reading == .layout {
                    XCTAssertEqual(found.count, 0, "\(name): \(fixture.type) is the form's layout, not an answer")
                } else {
                    XCTAssertEqual(found.count, 1, "\(name): \(fixture.type)")
                    XCTAssertEqual(found.first.flatMap { reading($0.value) }, fixture.reading, "\(name): \(fixture.type)")
                }
            }
            let files = champs.first { $0.label == "Rapport d’activité" }?.value
            XCTAssertEqual(files, .files([Attachment(name: "rapport.pdf", size: 245_760)]), "byteSizeBigInt, the schema's current size")

            let report = try DossierImport().plan([url], existing: []).report
            XCTAssertEqual(report.created, [301], name)
            XCTAssertEqual(report.unknownTypeChamps, [], name)
            XCTAssertEqual(Set(report.unmappedChamps.map(\.label)),
                           Set(try ChampTypes.fixtures.filter { $0.reading != .layout }.map { try self.label($0.json) }),
                           "\(name): every answer the mapping does not read is listed, no section title nor explanation")
        }
    }

    /// Real forms have section titles and explanations among their champs: before, the first one stopped the import.
    func testSectionTitlesAndExplanationsDoNotStopAnImport() throws {
        let page = DS.page1.replacingOccurrences(of: #""champs": ["#, with: #"""
            "champs": [{"__typename": "HeaderSectionChamp", "id": "Q2hhbXAtOTk5", "label": "Identité du pôle", "stringValue": null, "level": 1},
                       {"__typename": "ExplicationChamp", "id": "Q2hhbXAtOTk4", "label": "Répondez en 5 000 caractères au plus.", "stringValue": null},
            """#)
        let directory = scratchDirectory()
        let report = try DossierImport().plan([file("page-1.json", page, in: directory)], existing: []).report
        XCTAssertEqual(report.created, [101])
        XCTAssertFalse(report.unmappedChamps.contains { $0.label.hasPrefix("Identité") || $0.label.hasPrefix("Répondez") })
        XCTAssertEqual(report.unknownTypeChamps, [])
    }

    /// A type the platform may add later, whose fields have shapes of their own: reported, never a refusal.
    func testATypeAddedLaterWithFieldsOfItsOwnShapeIsReported() throws {
        let future = #"""
            {"__typename": "QuotientFamilialChamp", "id": "Q2hhbXAtOTk3", "label": "Quotient familial", "stringValue": "812",
             "value": {"quotient": 812}, "values": [{"annee": 2023}], "rows": "aucune", "files": 3, "date": {"jour": 1}},
            """#
        let page = DS.page1.replacingOccurrences(of: #""champs": ["#, with: #""champs": ["# + future)
        let directory = scratchDirectory()
        let report = try DossierImport().plan([file("page-1.json", page, in: directory), file("page-2.json", DS.page2, in: directory)],
                                              existing: []).report
        XCTAssertEqual(report.created, [101, 102, 103])
        XCTAssertEqual(report.unknownTypeChamps, [.init(label: "Quotient familial", id: "Q2hhbXAtOTk3", type: "QuotientFamilialChamp", dossiers: 1)])

        // As the chair reads it.
        guard let binary = ChildProcess.ptceJury() else { throw ChildProcess.missing("ptce-jury is not built next to the tests: run swift build first") }
        _ = try emptyCampaign(in: directory)
        let run = try ChildProcess.run(binary, ["import", "page-1.json", "page-2.json", "--data", "campagne", "--reviewer", "presidente",
                                                "--dry-run"], in: directory)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("\nChamps de type inconnu, non repris (1) : la correspondance ne les lit pas\n"
                                          + "  « Quotient familial » (QuotientFamilialChamp), id Q2hhbXAtOTk3 — 1 dossier\n"), run.stdout)
    }
}

/// The reader's table of types, for the test above.
enum GraphQLReaderKinds {
    static func kind(of type: String) -> ChampKind? { GraphQLReader.kind(of: type) }
}
