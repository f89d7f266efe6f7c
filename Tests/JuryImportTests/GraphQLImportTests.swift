import Foundation
import JuryCore
@testable import JuryImport
import JuryStore
import XCTest

/// The pages of the GraphQL API, read with the PTCE mapping.
final class GraphQLImportTests: XCTestCase {
    private func plan(_ texts: [(String, String)], existing: [Dossier] = [],
                      mapping: ImportMapping = .ptceDefault()) throws -> DossierImport.Plan {
        let directory = scratchDirectory()
        let files = texts.map { file($0.0, $0.1, in: directory) }
        return try DossierImport(mapping: mapping).plan(files, existing: existing)
    }

    /// The problems of a refused import, with the scratch directory left out of the file names.
    private func failure(_ texts: [(String, String)], mapping: ImportMapping = .ptceDefault()) -> [String] {
        let directory = scratchDirectory()
        let files = texts.map { file($0.0, $0.1, in: directory) }
        do {
            _ = try DossierImport(mapping: mapping).plan(files, existing: [])
            XCTFail("the import should have been refused")
            return []
        } catch {
            return error.problems.map { $0.description.replacingOccurrences(of: directory.path + "/", with: "") }
        }
    }

    func testEveryFieldOfTheFormLandsInTheDossier() throws {
        let result = try plan([("page-1.json", DS.page1), ("page-2.json", DS.page2)])
        XCTAssertEqual(result.report.created, [101, 102, 103])
        XCTAssertTrue(result.changes)
        let d = try XCTUnwrap(result.dossiers.first { $0.number == 101 })
        XCTAssertEqual(d.name, "Pôle Bocage Solidaire")
        XCTAssertEqual(d.structure, CarryingStructure(raisonSociale: "SCIC BOCAGE SOLIDAIRE", siret: "12345678900012",
                                                      legalForm: "Société coopérative d'intérêt collectif par actions simplifiée"))
        XCTAssertEqual(d.address, Address(commune: "Nantes", communeCode: "44109", department: Area(code: "44", name: "Loire-Atlantique"),
                                          region: Area(code: "52", name: "Pays de la Loire")))
        XCTAssertEqual(d.territory, .mixte)
        XCTAssertEqual(d.creationYear, 2016)
        XCTAssertEqual(d.phase1Year, 2021, "the year of a date champ")
        XCTAssertEqual(d.sector, "Réemploi et économie circulaire")
        XCTAssertEqual(d.members, [Member(name: "Ressourcerie du Bocage", category: .entrepriseESS, siret: "11122233300014"),
                                   Member(name: "Garage Martin SARL", category: .entrepriseHorsESS),
                                   Member(name: "Commune de Clisson", category: .collectivite)])
        XCTAssertEqual(d.jobs, 12.5)
        XCTAssertEqual(d.budget, Budget(total: 250_000, requested: 100_000,
                                        cofinancing: [CofinancingLine(source: "Région Pays de la Loire", amount: 50_000),
                                                      CofinancingLine(source: "Département de Loire-Atlantique", amount: 30_000)]))
        XCTAssertEqual(d.narrative.cooperation, "Depuis 2016, achats groupés.\n\nUn collège par catégorie de membres.")
        XCTAssertEqual(d.narrative.scaling, "Essaimer dans deux cantons.")
        XCTAssertEqual(d.attachments, [Attachment(name: "statuts-scic.pdf", size: 245_760), Attachment(name: "budget.xlsx", size: 48_213)])
        XCTAssertEqual(d.state, .enInstruction)
        XCTAssertEqual(d.filedAt?.text, "2023-07-28T10:15:32+02:00")
        XCTAssertTrue(Eligibility.evaluate(d, in: .ptceDefaults()).isEligible)
    }

    func testApplicantTextIsSanitizedOnTheWayIn() throws {
        let d = try XCTUnwrap(try plan([("page-1.json", DS.page1)]).dossiers.first)
        XCTAssertEqual(d.narrative.presentation, "Le pôle relie 14 structures du bocage.\nIl anime une ressourcerie.[31m",
                       "the escape character and the bidi override are gone, the line break stays")
    }

    func testAnAssociationOverseasWhoWasNotAPhase1Laureate() throws {
        let result = try plan([("page-1.json", DS.page1), ("page-2.json", DS.page2)])
        let d = try XCTUnwrap(result.dossiers.first { $0.number == 102 })
        XCTAssertEqual(d.structure, CarryingStructure(raisonSociale: "ASSOCIATION PTCE LAGON", siret: "98765432100017",
                                                      legalForm: "Association déclarée", rna: "W9R4000123"))
        XCTAssertEqual(d.address.region, Area(code: "04", name: "La Réunion"))
        XCTAssertTrue(Regions.isOverseas(d.address.region))
        XCTAssertEqual(d.address.department, Area(code: "974", name: "La Réunion"))
        XCTAssertNil(d.phase1Year)
        XCTAssertEqual(d.budget.requested, 100_000, "« 99999,50 » rounded to the euro")
        XCTAssertEqual(d.members.map(\.category), [.entrepriseESS, .autre])
        XCTAssertEqual(d.state, .enConstruction)
    }

    func testARegionIsFoundByItsNameWhenTheCodesAreMissing() throws {
        let page = DS.page2
            .replacingOccurrences(of: #""cityName": "Lyon", "cityCode": "69123", "departmentName": "Rhône", "departmentCode": "69","#,
                                  with: #""cityName": "Marseille","#)
            .replacingOccurrences(of: #""regionName": "Auvergne-Rhône-Alpes", "regionCode": "84""#,
                                  with: #""regionName": "PROVENCE-ALPES-COTE D'AZUR""#)
        let result = try plan([("page-2.json", page)])
        XCTAssertEqual(result.dossiers.first { $0.number == 103 }?.address.region, Area(code: "93", name: "Provence-Alpes-Côte d’Azur"))
        let unknown = DS.page2.replacingOccurrences(of: #""regionName": "Auvergne-Rhône-Alpes", "regionCode": "84""#,
                                                    with: #""regionName": "Saint-Pierre-et-Miquelon", "regionCode": "975""#)
            .replacingOccurrences(of: #""departmentCode": "69","#, with: #""departmentCode": "975","#)
        XCTAssertEqual(try plan([("page-2.json", unknown)]).report.unreadable.last,
                       .init(number: 103, field: "région", value: "« 975 Saint-Pierre-et-Miquelon »",
                             reason: "région inconnue (ni code INSEE ni nom d’une des 18 régions)"))
    }

    func testTheReportNamesWhatCouldNotBeReadAndWhatWasNotMapped() throws {
        let report = try plan([("page-1.json", DS.page1), ("page-2.json", DS.page2)]).report
        XCTAssertEqual(report.read, 3)
        XCTAssertEqual(report.unreadable, [
            .init(number: 102, field: "budget total", value: "« environ 300 k€ »", reason: "montant illisible"),
            .init(number: 102, field: "membres", value: "« Fondation »",
                  reason: "membre 2 (Fondation Océan) : catégorie inconnue, comptée comme « autre » ; à ajouter à « members.categories »"),
        ])
        XCTAssertEqual(report.unmappedChamps, [
            .init(label: "Thématiques du PTCE", id: "Q2hhbXAtMTAxNw==", dossiers: 1),
            .init(label: "Membres du PTCE › Rôle dans le pôle", id: "Q2hhbXAtMTAyMg==", dossiers: 1),
        ], "annotations, the ignored attestation and the avis are not reported")
        XCTAssertEqual(report.missingChamps, [])
        XCTAssertEqual(report.notes, [])
    }

    func testTheReportIsSafeToPrintWhateverTheLabels() throws {
        let page = DS.page1.replacingOccurrences(of: #""label": "Thématiques du PTCE""#, with: #""label": "Thématiques\u001b[2J\u202Eevil""#)
        let report = try plan([("page-1.json", page)]).report
        XCTAssertEqual(report.unmappedChamps.first?.label, "Thématiques[2Jevil")
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        XCTAssertFalse(json.unicodeScalars.contains { Sanitizer.isUnsafe($0) && $0 != "\n" }, json)
    }

    func testAMissingLastPageIsPointedOut() throws {
        let report = try plan([("page-1.json", DS.page1)]).report
        XCTAssertEqual(report.notes.count, 1)
        XCTAssertTrue(report.notes[0].hasPrefix("chaque page JSON annonce une page suivante"), report.notes[0])
    }

    func testAChampRenamedOnThePlatformIsStillFoundByItsId() throws {
        var mapping = ImportMapping.ptceDefault()
        mapping.champs[.name] = [ChampRef(id: "Q2hhbXAtMTAwMQ==", label: "Nom du pôle territorial")]
        mapping.champs[.sector] = [ChampRef(id: "Q2hhbXAtOTk5", label: "Filière principale du PTCE")]
        let result = try plan([("page-1.json", DS.page1)], mapping: mapping)
        XCTAssertEqual(result.dossiers.first?.name, "Pôle Bocage Solidaire", "by id")
        XCTAssertEqual(result.dossiers.first?.sector, "Réemploi et économie circulaire", "an unknown id falls back on the label")
    }

    func testAnAnnotationCanBeMapped() throws {
        var mapping = ImportMapping.ptceDefault()
        mapping.champs[.sector] = [ChampRef(label: "Avis de la cellule régionale")]
        XCTAssertEqual(try plan([("page-1.json", DS.page1)], mapping: mapping).dossiers.first?.sector, "Dossier solide.")
    }

    func testAMappingThatNamesChampsTheFormDoesNotHaveSaysSo() throws {
        var mapping = ImportMapping.ptceDefault()
        mapping.champs[.jobs] = [ChampRef(label: "Emplois (ETP)")]
        let report = try plan([("page-1.json", DS.page1)], mapping: mapping).report
        XCTAssertEqual(report.missingChamps, [.init(field: "jobs", champ: "« Emplois (ETP) »")])
        XCTAssertTrue(report.unmappedChamps.contains { $0.label == "Emplois portés par le pôle (ETP)" })
    }

    func testAnUnknownChampTypeTheMappingDoesNotReadIsReportedAndTheImportGoesOn() throws {
        let page = DS.page1.replacingOccurrences(of: #""__typename": "MultipleDropDownListChamp""#, with: #""__typename": "HologramChamp""#)
        let result = try plan([("page-1.json", page), ("page-2.json", DS.page2)])
        XCTAssertEqual(result.report.created, [101, 102, 103])
        XCTAssertEqual(result.report.unknownTypeChamps, [.init(label: "Thématiques du PTCE", id: "Q2hhbXAtMTAxNw==", type: "HologramChamp",
                                                             dossiers: 1)])
        XCTAssertFalse(result.report.unmappedChamps.contains { $0.label == "Thématiques du PTCE" }, "reported once, as of an unknown type")
    }

    func testAnUnknownChampTypeTheMappingReadsIsRefusedWithItsPlace() throws {
        let page = DS.page1.replacingOccurrences(of: #""__typename": "DecimalNumberChamp", "id": "Q2hhbXAtMTAwNw==""#,
                                                 with: #""__typename": "HologramChamp", "id": "Q2hhbXAtMTAwNw==""#)
        let found = failure([("page-1.json", page)])
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("page-1.json: data.demarche.dossiers.nodes[0].champs[6].__typename: type de champ inconnu "
                                         + "« HologramChamp » pour « Emplois portés par le pôle (ETP) »"), found[0])
        var mapping = ImportMapping.ptceDefault()
        mapping.champTypes["HologramChamp"] = .number
        XCTAssertEqual(try plan([("page-1.json", page)], mapping: mapping).dossiers.first?.jobs, 12.5, "a new type is declared in the mapping")
    }

    func testBrokenFilesAreRefusedWithTheirLineAndColumn() {
        let truncated = String(DS.page1.prefix(2_000))
        XCTAssertEqual(failure([("page-1.json", truncated)]).first?.hasPrefix("page-1.json:"), true)
        let broken = DS.page2.replacingOccurrences(of: #""number": 103,"#, with: #""number": 103"#)
        let found = failure([("page-1.json", DS.page1), ("page-2.json", broken)])
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("page-2.json:66:13: JSON invalide à cet endroit"), found[0])
        let typed = DS.page2.replacingOccurrences(of: #""number": 103,"#, with: #""number": "cent trois","#)
        XCTAssertEqual(failure([("page-2.json", typed)]), ["page-2.json: data.demarche.dossiers.nodes[1].number: nombre entier attendu"])
    }

    func testAnswersThatAreNotPagesOfDossiers() {
        XCTAssertEqual(failure([("erreur.json", #"{"data": null, "errors": [{"message": "Jeton invalide"}]}"#)]),
                       ["erreur.json: errors: la réponse de l’API signale des erreurs : Jeton invalide"])
        XCTAssertEqual(failure([("autre.json", #"{"data": {"demarche": {"title": "AMI"}}}"#)]).first?.contains("data.demarche.dossiers absent"), true)
        XCTAssertEqual(failure([("vide.json", " \n")]), ["vide.json: fichier vide"])
        XCTAssertEqual(failure([("image.json", "\u{89}PNG\r\n\u{1A}\n\u{0}\u{0}")]),
                       ["image.json: format non reconnu : ni JSON de l’API, ni CSV, ni XLSX, ni ODS"])
    }

    func testTheSameDossierTwiceIsReadOnce() throws {
        let report = try plan([("page-1.json", DS.page1), ("copie.json", DS.page1)]).report
        XCTAssertEqual(report.created, [101])
        XCTAssertEqual(report.skipped.map(\.number), [101])
        XCTAssertTrue(report.skipped[0].reason.hasPrefix("en double : déjà lu dans "), report.skipped[0].reason)
    }

    func testADossierThatFailsTheCampaignRulesIsSkippedWithTheReason() throws {
        let page = DS.page2.replacingOccurrences(of: #""stringValue": "Ateliers du Rhône""#, with: #""stringValue": "  ""#)
        let report = try plan([("page-2.json", page)]).report
        XCTAssertEqual(report.created, [102])
        XCTAssertEqual(report.skipped, [.init(number: 103, origin: report.skipped.first?.origin ?? "", reason: "le nom du PTCE est vide")])
        XCTAssertTrue(report.skipped[0].origin.hasSuffix("page-2.json: data.demarche.dossiers.nodes[1]"), report.skipped[0].origin)
    }
}
