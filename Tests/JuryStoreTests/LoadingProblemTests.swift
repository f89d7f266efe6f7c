import Foundation
import JuryCore
import XCTest
@testable import JuryStore

/// Every way a file can be wrong gets its own message, placed as precisely as possible.
final class LoadingProblemTests: BrokenCampaignTestCase {
    /// The only problem reported when `file` holds `content`.
    private func problem(_ content: String, in file: URL, line: UInt = #line) -> StoreProblem? {
        write(content, to: file)
        let problems = openFailure(root, line: line)
        XCTAssertEqual(problems.count, 1, "\(problems)", line: line)
        XCTAssertEqual(problems.first?.path, file.relativePath, line: line)
        return problems.first
    }

    // MARK: - Syntax: path:line:column

    func testEmptyFile() {
        XCTAssertEqual(problem("", in: campaignFile)?.message.fr, "fichier vide")
        XCTAssertEqual(problem(" \n\n", in: campaignFile)?.message.fr, "fichier vide")
    }

    func testTruncatedFileIsPlacedAtItsEnd() {
        let found = problem("{\n  \"schemaVersion\": 1,\n  \"title\": \"Été", in: campaignFile)
        XCTAssertEqual(found?.line, 3)
        XCTAssertEqual(found?.column, 16)
        XCTAssertEqual(found?.message.fr.hasPrefix("fin de fichier inattendue"), true, "\(String(describing: found))")
    }

    func testSyntaxErrorHasLineAndColumnCountedInCharacters() {
        let found = problem("{\n  \"title\": \"Été\" \"demo\": true\n}", in: campaignFile)
        XCTAssertEqual(found?.line, 2)
        XCTAssertEqual(found?.column, 18, "at the second string, accents counting as one column")
        XCTAssertEqual(found?.description,
                       "\(campaignFile.relativePath):2:18: syntaxe JSON invalide : valeur, virgule, deux-points ou guillemet attendu ici")
    }

    func testInvalidUTF8() {
        var bytes = Array("{\n  \"title\": \"Ét\u{E9}\"\n}".utf8)
        bytes[bytes.firstIndex(of: 0xC3)!] = 0xFF   // É (column 13) becomes a lone byte
        try! Data(bytes).write(to: campaignFile)
        let problems = openFailure(root)
        XCTAssertEqual(problems.map(\.description), [
            "\(campaignFile.relativePath):2:13: octet 0xFF invalide en UTF-8 : le fichier doit être enregistré en UTF-8",
        ])
    }

    func testRawControlCharacterInAStringIsASyntaxError() {
        let found = problem("{\"schemaVersion\": 1, \"title\": \"a\u{1}b\"}", in: campaignFile)
        XCTAssertEqual(found?.line, 1)
        XCTAssertEqual(found?.column, 33)
        XCTAssertEqual(found?.message.fr, "caractère de contrôle U+0001 brut dans une chaîne : il doit être écrit \\u0001")
    }

    func testUnclosedStringAtTheEndOfALine() {
        let found = problem("{\n  \"title\": \"AMI PTCE,\n  \"demo\": true\n}", in: campaignFile)
        XCTAssertEqual(found?.description,
                       "\(campaignFile.relativePath):2:22: fin de ligne dans une chaîne : guillemet fermant manquant ? (un saut de ligne s’écrit \\n)")
    }

    func testNumberTooLargeForAnyTypeIsPlaced() {
        let found = problem("{\n  \"schemaVersion\": 1,\n  \"weight\": 1e400\n}", in: campaignFile)
        XCTAssertEqual(found?.description, "\(campaignFile.relativePath):3:13: nombre 1e400 hors des valeurs représentables")
    }

    func testRawControlCharacterInAnUnknownFieldIsFoundToo() {
        // JSONDecoder skips the fields it does not decode, without checking them.
        let text = self.text(sheetFile).replacingOccurrences(of: "\"dossier\"", with: "\"futur\": \"\t\",\n  \"dossier\"")
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("futur") }! + 1
        let found = problem(text, in: sheetFile)
        XCTAssertEqual(found?.line, line)
        XCTAssertEqual(found?.column, 13)
        XCTAssertEqual(found?.message.fr, "caractère de contrôle U+0009 brut dans une chaîne : il doit être écrit \\u0009")
    }

    // MARK: - Types and values: path: field.path: message

    func testWrongTypeNamesTheField() {
        let found = problem(dossiersJSON { $0["budget"] = ["total": 1, "requested": "beaucoup", "cofinancing": []] }, in: dossiersFile)
        XCTAssertEqual(found?.description,
                       "\(dossiersFile.relativePath): dossiers[2].budget.requested: nombre entier attendu, trouvé le texte « beaucoup »")
    }

    func testFractionWhereAnIntegerIsExpectedNamesTheField() {
        // JSONDecoder on Linux gives no path for this one.
        let found = problem(dossiersJSON { $0["creationYear"] = 2018.5 }, in: dossiersFile)
        XCTAssertEqual(found?.fieldPath, "dossiers[2].creationYear")
        XCTAssertEqual(found?.message.fr, "nombre entier attendu, trouvé le nombre 2018.5")
    }

    func testMissingField() {
        let found = problem(dossiersJSON { $0["name"] = nil }, in: dossiersFile)
        XCTAssertEqual(found?.fieldPath, "dossiers[2].name")
        XCTAssertEqual(found?.message.fr, "champ obligatoire absent")
    }

    func testNullForARequiredField() {
        let found = problem(dossiersJSON { $0["jobs"] = NSNull() }, in: dossiersFile)
        XCTAssertEqual(found?.fieldPath, "dossiers[2].jobs")
        XCTAssertEqual(found?.message.fr, "valeur obligatoire (nombre), trouvé null")
    }

    func testUnknownEnumValue() {
        let found = problem(dossiersJSON { $0["state"] = "perdu" }, in: dossiersFile)
        XCTAssertEqual(found?.fieldPath, "dossiers[2].state")
        XCTAssertEqual(found?.message.fr, "valeur non reconnue : le texte « perdu »")
    }

    func testBadDate() {
        let found = problem(dossiersJSON { $0["filedAt"] = "31/07/2023" }, in: dossiersFile)
        XCTAssertEqual(found?.fieldPath, "dossiers[2].filedAt")
        XCTAssertEqual(found?.message.fr.hasPrefix("date attendue au format ISO 8601"), true)
    }

    func testWrongTopLevelType() {
        XCTAssertEqual(problem("[]", in: campaignFile)?.message.fr, "objet attendu, trouvé une liste")
    }

    func testUnsupportedSchemaVersion() {
        let message = "schemaVersion 7 non pris en charge (version attendue : 1)"
        let original = text(sheetFile)
        let sheet = original.replacingOccurrences(of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 7")
        XCTAssertEqual(problem(sheet, in: sheetFile)?.message.fr, message)
        write(original, to: sheetFile)
        // Another version's layout: its other differences are not listed.
        XCTAssertEqual(problem("{\"schemaVersion\": 7, \"grille\": []}", in: campaignFile)?.message.fr, message)
    }

    func testFileOverTheCapIsNotRead() {
        let padding = String(repeating: " ", count: CampaignFiles.maxSheetBytes)
        let oversized = text(sheetFile) + padding
        XCTAssertEqual(problem(oversized, in: sheetFile)?.message.fr,
                       "fichier trop volumineux : 1,0 Mio (\(oversized.utf8.count) octets) pour une limite de 1 Mio")
        XCTAssertEqual(FileReader.byteCount(1_600_000, .fr), "1,5 Mio")
        XCTAssertEqual(FileReader.byteCount(300, .fr), "300 octets")
    }

    func testMissingFile() throws {
        try FileManager.default.removeItem(at: CampaignFiles.jury(root))
        XCTAssertEqual(openFailure(root).map(\.description), ["\(CampaignFiles.jury(root).relativePath): fichier absent"])
    }

    // MARK: - Consistency between files

    func testDuplicateDossierNumbers() {
        let found = problem(dossiersJSON { $0["number"] = 101 }, in: dossiersFile)
        XCTAssertEqual(found?.fieldPath, "dossiers[2].number")
        XCTAssertEqual(found?.message.fr, "numéro 101 en double (déjà porté par dossiers[0])")
    }

    func testSheetWhoseFileNameDoesNotMatch() throws {
        let misplaced = CampaignFiles.sheet(root, "bob", 102)
        try FileManager.default.moveItem(at: sheetFile, to: misplaced)
        XCTAssertEqual(openFailure(root).map(\.description), [
            "\(misplaced.relativePath): reviewer: la fiche est au nom de « alice » mais rangée dans le dossier de « bob »",
            "\(misplaced.relativePath): dossier: la fiche porte sur le dossier n° 101 mais le fichier s’appelle 102.json",
        ])
    }

    func testSheetForAnUnknownDossier() throws {
        let url = CampaignFiles.sheet(root, "alice", 999)
        var sheet = try Document.decode(ScoreSheet.self, from: Data(contentsOf: sheetFile), sheetFile)
        sheet.dossier = 999
        write(String(decoding: try Document.encode(sheet, url), as: UTF8.self), to: url)
        XCTAssertEqual(openFailure(root).map(\.description),
                       ["\(url.relativePath): dossier: dossier n° 999 inconnu : absent de dossiers.json"])
    }

    func testSheetValueOffTheScale() {
        let text = self.text(sheetFile).replacingOccurrences(of: "\"maturite\" : 3", with: "\"maturite\" : 9")
        XCTAssertEqual(problem(text, in: sheetFile)?.description, "\(sheetFile.relativePath): values.maturite: 9 hors de l’échelle 0–4")
    }

    func testInvalidCampaignValues() {
        let text = self.text(campaignFile).replacingOccurrences(of: "\"slots\" : 2", with: "\"slots\" : 0")
        XCTAssertEqual(problem(text, in: campaignFile)?.fieldPath, "funding.slots")
    }

    func testEveryProblemIsListedAtOnce() throws {
        write("{\"schemaVersion\": 1,", to: campaignFile)
        write(dossiersJSON { $0["number"] = 101 }, to: dossiersFile)
        write("{}", to: CampaignFiles.sheet(root, "bob", 101))
        try FileManager.default.createDirectory(at: CampaignFiles.reviewers(root).appending(path: "-x"), withIntermediateDirectories: true)
        let problems = openFailure(root)
        XCTAssertEqual(problems.map(\.path), [campaignFile, dossiersFile, CampaignFiles.reviewers(root).appending(path: "-x"),
                                              CampaignFiles.sheet(root, "bob", 101)].map(\.relativePath))
        XCTAssertEqual(StoreFailure(problems).description.split(separator: "\n").count, 4)
    }

    // MARK: - Text cleaned on load

    func testEscapedControlCharactersAreValidButRemovedWithAWarning() throws {
        write(dossiersJSON { $0["name"] = "PTCE \u{1B}[31mrouge\u{202E}" }, to: dossiersFile)
        XCTAssertTrue(text(dossiersFile).contains("\\u001b"), "JSONSerialization escapes it")
        let store = try CampaignStore.open(root)
        XCTAssertEqual(store.dossiers[2].name, "PTCE [31mrouge")
        XCTAssertEqual(store.warnings.map(\.description),
                       ["\(dossiersFile.relativePath): dossiers[2].name: caractères de contrôle ou de sens d’écriture retirés du texte"])
    }

    func testProblemsQuotingFileContentAreSanitizedToo() {
        let found = problem(dossiersJSON { $0["state"] = "\u{1B}]0;titre\u{7}" }, in: dossiersFile)
        XCTAssertEqual(found?.message.fr, "valeur non reconnue : le texte « ]0;titre »")
    }

    func testStrayFilesAndFormerMembersAreWarnings() throws {
        write("notes", to: CampaignFiles.sheets(root, "alice").appending(path: "notes.txt"))
        var sheet = Fixture.sheet("carole", 101)
        sheet.values = [:]
        write(String(decoding: try Document.encode(sheet, sheetFile), as: UTF8.self), to: CampaignFiles.sheet(root, "carole", 101))
        let store = try CampaignStore.open(root)
        XCTAssertEqual(store.warnings.map(\.message.fr), ["fichier ignoré : une fiche s’appelle <numéro du dossier>.json",
                                                       "« carole » n’est pas membre du jury"])
        XCTAssertNotNil(store.sheet(reviewer: "carole", dossier: 101))
    }
}

/// dossiers.json is decoded in pieces on several cores; the result must not depend on it.
final class DossierPiecesTests: XCTestCase {
    func testALongListKeepsItsOrderAndIndices() throws {
        let root = temporaryDirectory().appending(path: "grande")
        var dossiers = (1...600).map { Fixture.dossier(1000 + $0) }
        dossiers.swapAt(10, 590)
        dossiers[520].name = "Pôle\u{7}"
        try CampaignStore.create(at: root, campaign: Fixture.campaign(), jury: Fixture.jury(), dossiers: dossiers, sheets: [])
        // create sorts the list; put it back in this order to check that indices are the file's.
        let url = CampaignFiles.dossiers(root)
        try Document.encode(DossiersFile(schemaVersion: 1, dossiers: dossiers), url).write(to: url)
        let store = try CampaignStore.open(root)
        XCTAssertEqual(store.dossiers.map(\.number), (1...600).map { 1000 + $0 })
        XCTAssertEqual(store.warnings.map(\.fieldPath), ["dossiers[520].name"])

        // A fault in a late piece is placed in the whole file.
        var text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"PTCE n° 1599\"", with: "\"PTCE n° 1599\" \"x\"")
        try Data(text.utf8).write(to: url)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("1599\" \"x\"") }! + 1
        XCTAssertEqual(openFailure(root).map(\.line), [line])
    }

    func testListElements() {
        func elements(_ text: String) -> [String]? {
            let data = Data(text.utf8)
            return JSONText.listElements(under: "dossiers", in: data).map { $0.elements.map { String(decoding: data[$0], as: UTF8.self) } }
        }
        XCTAssertEqual(elements(#"{"a": {"dossiers": [9]}, "dossiers" : [ {"x": "],[\""}, 2 ], "b": "dossiers"}"#),
                       [#" {"x": "],[\""}"#, " 2 "])
        XCTAssertEqual(elements(#"{"dossiers": []}"#), [])
        XCTAssertEqual(elements(#"{"dossiers": [ ]}"#), [])
        XCTAssertNil(elements(#"{"dossiers": [1,]}"#))
        XCTAssertNil(elements(#"{"dossiers": [1], "dossiers": [2]}"#))
        XCTAssertNil(elements(#"{"autre": [1]}"#))
        XCTAssertNil(elements(#"{"dossiers": [1, 2"#))
        let data = Data(#"{"dossiers": [1, 2], "schemaVersion": 1}"#.utf8)
        XCTAssertEqual(JSONText.listElements(under: "dossiers", in: data).map { String(decoding: $0.envelope, as: UTF8.self) },
                       #"{"dossiers": [], "schemaVersion": 1}"#)
    }
}
