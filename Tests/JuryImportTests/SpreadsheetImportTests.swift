import Foundation
import JuryCore
@testable import JuryImport
import JuryStore
import XCTest

/// The instructors' export as CSV, XLSX and ODS gives the same dossiers.
final class SpreadsheetImportTests: XCTestCase {
    private func plan(_ files: [URL]) throws(StoreFailure) -> DossierImport.Plan {
        try DossierImport().plan(files, existing: [])
    }

    private func failure(_ files: [URL], in directory: URL) -> [String] {
        do {
            _ = try plan(files)
            XCTFail("the import should have been refused")
            return []
        } catch {
            return error.problems.map { $0.description.replacingOccurrences(of: directory.path + "/", with: "") }
        }
    }

    private func write(_ data: Data, _ name: String, in directory: URL) throws -> URL {
        let url = directory.appending(path: name)
        try data.write(to: url)
        return url
    }

    /// What every format must give for the two dossiers; the cofinancing block exists only in the workbooks.
    private func checkDossiers(_ result: DossierImport.Plan, cofinancing: Bool, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(result.report.created, [201, 202], file: file, line: line)
        XCTAssertEqual(result.report.skipped, [], file: file, line: line)
        let d = try XCTUnwrap(result.dossiers.first { $0.number == 201 }, file: file, line: line)
        XCTAssertEqual(d.name, "Pôle Bocage Solidaire", file: file, line: line)
        XCTAssertEqual(d.structure, CarryingStructure(raisonSociale: "SCIC BOCAGE SOLIDAIRE", siret: "12345678900012",
                                                      legalForm: "Société coopérative d'intérêt collectif par actions simplifiée"),
                       file: file, line: line)
        XCTAssertEqual(d.address, Address(commune: "Nantes", communeCode: "44109", department: Area(code: "44", name: "Loire-Atlantique"),
                                          region: Area(code: "52", name: "Pays de la Loire")),
                       "département and region from the commune's INSEE code", file: file, line: line)
        XCTAssertEqual(d.territory, .mixte, file: file, line: line)
        XCTAssertEqual(d.creationYear, 2016, file: file, line: line)
        XCTAssertEqual(d.phase1Year, 2021, file: file, line: line)
        XCTAssertEqual(d.jobs, 12.5, file: file, line: line)
        XCTAssertEqual(d.budget.total, 250_000, file: file, line: line)
        XCTAssertEqual(d.budget.requested, 100_000, file: file, line: line)
        XCTAssertEqual(d.budget.cofinancing, cofinancing ? [CofinancingLine(source: "Région Pays de la Loire", amount: 50_000),
                                                            CofinancingLine(source: "Département de Loire-Atlantique", amount: 30_000)] : [],
                       file: file, line: line)
        XCTAssertEqual(d.members, [Member(name: "Ressourcerie du Bocage", category: .entrepriseESS, siret: "11122233300014"),
                                   Member(name: "Garage Martin SARL", category: .entrepriseHorsESS),
                                   Member(name: "Commune de Clisson", category: .collectivite)], "in the order of « Ligne »",
                       file: file, line: line)
        XCTAssertEqual(d.narrative.presentation, "Le pôle relie 14 structures du bocage, depuis 2016.\nIl anime une ressourcerie.",
                       file: file, line: line)
        XCTAssertEqual(d.narrative.cooperation, "Depuis 2016\n\nUn collège par catégorie de membres, dont les collectivités.",
                       file: file, line: line)
        XCTAssertEqual(d.attachments, [Attachment(name: "statuts-scic.pdf", size: 0)], "spreadsheets give file names only",
                       file: file, line: line)
        XCTAssertEqual(d.state, .enInstruction, file: file, line: line)
        XCTAssertEqual(d.filedAt?.text, "2023-07-28T10:15:32+02:00", file: file, line: line)

        let lagon = try XCTUnwrap(result.dossiers.first { $0.number == 202 }, file: file, line: line)
        XCTAssertEqual(lagon.structure, CarryingStructure(raisonSociale: "ASSOCIATION PTCE LAGON", siret: "98765432100017",
                                                          legalForm: "Association déclarée", rna: "W9R4000123"), file: file, line: line)
        XCTAssertEqual(lagon.address.department, Area(code: "974", name: "La Réunion"), file: file, line: line)
        XCTAssertEqual(lagon.address.region, Area(code: "04", name: "La Réunion"), file: file, line: line)
        XCTAssertEqual(lagon.state, .sansSuite, "« Classé sans suite »", file: file, line: line)
        XCTAssertEqual(lagon.filedAt?.text, "2023-07-31T11:58:00+02:00", file: file, line: line)
        XCTAssertNil(lagon.phase1Year, file: file, line: line)
        XCTAssertEqual(lagon.budget.total, 1_500_000, file: file, line: line)
        XCTAssertEqual(lagon.budget.requested, 100_000, file: file, line: line)
        XCTAssertEqual(lagon.members, [Member(name: "Coopérative Péi", category: .entrepriseESS)], file: file, line: line)
        XCTAssertEqual(result.report.unreadable, [], file: file, line: line)
        XCTAssertEqual(result.report.unmappedChamps.map(\.label), ["Thématiques du PTCE", "Membres du PTCE › Rôle dans le pôle"],
                       "the platform's own columns are not champs", file: file, line: line)
    }

    func testCSVWithItsMembersBlockAsASecondFile() throws {
        let directory = scratchDirectory()
        let result = try plan([file("dossiers.csv", DS.csv, in: directory), file("membres.csv", DS.membersCSV, in: directory)])
        try checkDossiers(result, cofinancing: false)
        XCTAssertTrue(result.report.missingChamps.contains { $0.field == "cofinancing" })
    }

    func testCSVSavedAgainByAFrenchSpreadsheet() throws {
        // Semicolons, a byte-order mark or Windows-1252, Windows line ends: what Excel or LibreOffice write in France.
        let directory = scratchDirectory()
        func resaved(_ text: String) -> String {
            "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(of: ",", with: ";")
                .replacingOccurrences(of: "\"12;5\"", with: "12,5").replacingOccurrences(of: "\"99999;50\"", with: "99999,50")
                .replacingOccurrences(of: "Alimentation; Mobilité", with: "Alimentation, Mobilité")
                .replacingOccurrences(of: "bocage; depuis", with: "bocage, depuis")
                .replacingOccurrences(of: "membres; dont", with: "membres, dont")
        }
        let windows = directory.appending(path: "dossiers.csv")
        try XCTUnwrap(String(resaved(DS.csv).dropFirst()).data(using: .windowsCP1252)).write(to: windows)
        try checkDossiers(try plan([windows, file("membres.csv", resaved(DS.membersCSV), in: directory)]), cofinancing: false)
    }

    func testXLSXWithSharedAndInlineStrings() throws {
        let directory = scratchDirectory()
        let result = try plan([try write(try OfficeFile.xlsx(Workbook.sheets), "dossiers.xlsx", in: directory)])
        try checkDossiers(result, cofinancing: true)
        XCTAssertEqual(result.report.notes, ["dossiers.xlsx : feuille « Etablissements » non lue", "dossiers.xlsx : feuille « Avis » non lue"]
            .map { directory.path + "/" + $0 })
    }

    func testODSWithRepeatedCellsAndTypedValues() throws {
        let directory = scratchDirectory()
        try checkDossiers(try plan([try write(try OfficeFile.ods(Workbook.sheets), "dossiers.ods", in: directory)]), cofinancing: true)
    }

    func testARowWithoutANumberIsSkippedWithItsCell() throws {
        let directory = scratchDirectory()
        var sheets = Workbook.sheets
        sheets[0].rows[2][0] = .text("à compléter")
        let report = try plan([try write(try OfficeFile.xlsx(sheets), "dossiers.xlsx", in: directory)]).report
        XCTAssertEqual(report.created, [201])
        XCTAssertEqual(report.skipped, [.init(number: nil, origin: directory.path + "/dossiers.xlsx: Dossiers!A3",
                                              reason: "numéro de dossier illisible « à compléter »")])
    }

    func testBrokenSpreadsheetsAreRefusedWithTheirPlace() throws {
        let directory = scratchDirectory()
        let shifted = DS.csv.replacingOccurrences(of: "Non,En instruction", with: "Non,En, instruction")
        XCTAssertEqual(failure([file("dossiers.csv", shifted, in: directory)], in: directory),
                       ["dossiers.csv:2:1: 39 valeurs pour 38 colonnes : séparateur « , » dans une valeur sans guillemets, ou guillemet mal fermé"])
        let unclosed = DS.csv.replacingOccurrences(of: "\"12,5\"", with: "\"12,5")
        let line3 = unclosed.components(separatedBy: "\n")[2]
        let column = line3.distance(from: line3.startIndex, to: line3.range(of: "\"12,5")!.lowerBound) + 1
        XCTAssertEqual(failure([file("dossiers.csv", unclosed, in: directory)], in: directory),
                       ["dossiers.csv:3:\(column): guillemet ouvert ici et jamais refermé (ou refermé au milieu d’une valeur)"])

        let workbook = try OfficeFile.xlsx(Workbook.sheets)
        let truncated = try write(workbook.prefix(workbook.count / 2), "tronque.xlsx", in: directory)
        XCTAssertEqual(failure([truncated], in: directory), ["tronque.xlsx: archive ZIP illisible (fichier tronqué ou abîmé ?)"])

        let badXML = try write(try OfficeFile.zip([("content.xml", "<office:document-content><table:table>")]), "abime.ods", in: directory)
        XCTAssertEqual(failure([badXML], in: directory).first?.hasPrefix("abime.ods: content.xml:1:"), true)

        let notAnExport = try write(try OfficeFile.xlsx([Sheet(name: "Dossiers", rows: [[.text("Numéro"), .text("Nom")], [.number(1), .text("x")]])]),
                                    "autre.xlsx", in: directory)
        XCTAssertEqual(failure([notAnExport], in: directory),
                       ["autre.xlsx: Dossiers: colonne « ID » absente : ce n’est pas un export des dossiers (colonnes : « Numéro », « Nom »)"])
        let xls = file("ancien.xls", "\u{D0}", in: directory)
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).write(to: xls)
        XCTAssertEqual(failure([xls], in: directory), ["ancien.xls: ancien format Excel (XLS) : enregistrez le fichier en XLSX, ODS ou CSV"])
    }

    func testABlockAloneIsNotAnExport() {
        let directory = scratchDirectory()
        XCTAssertEqual(failure([file("membres.csv", DS.membersCSV, in: directory)], in: directory),
                       ["membres.csv: aucune feuille « Dossiers » ni fichier de dossiers (colonne « ID ») parmi les fichiers donnés"])
    }
}
