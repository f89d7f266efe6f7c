import Foundation
import JuryCore
@testable import JuryImport
import JuryStore
import XCTest

/// Crafted files that crashed the importer (a Swift trap), made it allocate gigabytes or run for
/// minutes: each is now refused with the file, the place and the limit, at once.
final class HostileFileTests: XCTestCase {
    /// A workbook whose Dossiers sheet is `rows` (the XML inside `sheetData`).
    static func xlsx(_ rows: String) throws -> Data {
        try OfficeFile.zip([
            ("xl/workbook.xml", #"<workbook xmlns:r="urn:r"><sheets><sheet name="Dossiers" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#),
            ("xl/worksheets/sheet1.xml", #"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c></row>"#
                + rows + "</sheetData></worksheet>"),
        ])
    }

    /// A spreadsheet whose Dossiers table has the header « ID », then `rows`.
    static func ods(_ rows: String) throws -> Data {
        try OfficeFile.zip([
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", #"<office:document-content xmlns:office="urn:o" xmlns:table="urn:t" xmlns:text="urn:x"><office:body>"#
                + #"<office:spreadsheet><table:table table:name="Dossiers"><table:table-row><table:table-cell office:value-type="string">"#
                + "<text:p>ID</text:p></table:table-cell></table:table-row>" + rows
                + "</table:table></office:spreadsheet></office:body></office:document-content>"),
        ])
    }

    /// The problems of the refused file, its directory left out, and how long the refusal took.
    private func refusal(_ data: Data, _ name: String, _ language: Language = .fr, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        let directory = scratchDirectory()
        let url = directory.appending(path: name)
        try! data.write(to: url)
        let clock = ContinuousClock(), start = clock.now
        do {
            _ = try DossierImport().plan([url], existing: [])
            XCTFail("\(name) should have been refused", file: file, line: line)
            return []
        } catch {
            // Generous: each of these takes milliseconds; before, seconds to minutes, or a crash.
            XCTAssertLessThan(clock.now - start, .seconds(1), "\(name) refused fast", file: file, line: line)
            return error.problems.map { $0.text(language).replacingOccurrences(of: directory.path + "/", with: "") }
        }
    }

    func testCellAndRowNumbersBeyondTheSheetAreRefusedWithTheirPlace() throws {
        XCTAssertEqual(refusal(try Self.xlsx(#"<row r="2"><c r="ZZZZZZZZZZZZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>"#), "colonne.xlsx"),
                       ["colonne.xlsx: Dossiers!2: référence de cellule « ZZZZZZZZZZZZZZZZ2 » hors de la feuille (colonnes A à XFD)"])
        XCTAssertEqual(refusal(try Self.xlsx(#"<row r="9223372036854775807"><c t="inlineStr"><is><t>x</t></is></c></row>"#), "ligne.xlsx"),
                       ["ligne.xlsx: Dossiers!2: numéro de ligne « 9223372036854775807 » hors de la feuille (de 1 à 1\u{A0}048\u{A0}576)"])
    }

    func testARefusalIsSaidInEnglishToo() throws {
        XCTAssertEqual(refusal(try Self.xlsx(#"<row r="2"><c r="ZZZZZZZZZZZZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>"#), "colonne.xlsx", .en),
                       ["colonne.xlsx: Dossiers!2: cell reference “ZZZZZZZZZZZZZZZZ2” outside the sheet (columns A to XFD)"])
        let laughs = #"<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><workbook/>"#
        XCTAssertEqual(refusal(try OfficeFile.zip([("xl/workbook.xml", laughs)]), "rires.xlsx", .en),
                       ["rires.xlsx: xl/workbook.xml:1:22: document type declaration (DTD) refused: a workbook has none"])
        XCTAssertEqual(refusal(Data("  \n".utf8), "vide.csv", .en), ["vide.csv: empty file"])
    }

    func testRepeatCountsOfAnOpenDocumentAreChecked() throws {
        func cell(_ repeats: String) -> String {
            #"<table:table-row><table:table-cell table:number-columns-repeated="\#(repeats)" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#
        }
        XCTAssertEqual(refusal(try Self.ods(cell("-5")), "negatif.ods"),
                       ["negatif.ods: Dossiers!A2: number-columns-repeated=« -5 » : nombre entier de 1 à 16\u{A0}384 attendu"])
        XCTAssertEqual(refusal(try Self.ods(cell("9223372036854775806")), "enorme.ods"),
                       ["enorme.ods: Dossiers!A2: number-columns-repeated=« 9223372036854775806 » : nombre entier de 1 à 16\u{A0}384 attendu"])
        let rows = #"<table:table-row table:number-rows-repeated="-3"><table:table-cell/></table:table-row>"#
        XCTAssertEqual(refusal(try Self.ods(rows), "lignes.ods"),
                       ["lignes.ods: Dossiers!2: number-rows-repeated=« -3 » : nombre entier de 1 à 16\u{A0}777\u{A0}216 attendu"])
        // Within the counts, but a value repeated over a whole sheet: 16 000 × 16 000 000 cells, never made.
        let flood = #"<table:table-row table:number-rows-repeated="16000000"><table:table-cell table:number-columns-repeated="16000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#
        XCTAssertEqual(refusal(try Self.ods(flood), "inondation.ods"),
                       ["inondation.ods: Dossiers!2: plus de 4\u{A0}000\u{A0}000 cellules remplies dans le fichier (limite)"])
    }

    func testSpacesOfAnOpenDocumentAreCounted() throws {
        func spaces(_ count: String) -> String {
            #"<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="\#(count)"/>b</text:p></table:table-cell></table:table-row>"#
        }
        XCTAssertEqual(refusal(try Self.ods(spaces("-1")), "espaces.ods"),
                       ["espaces.ods: Dossiers!A2: text:c=« -1 » : nombre entier de 1 à 1\u{A0}048\u{A0}576 attendu"])
        // 4 000 000 000 spaces: 4 GB and two minutes before; now refused before a byte is allocated.
        XCTAssertEqual(refusal(try Self.fourBillionSpaces(), "quatre-milliards.ods"),
                       ["quatre-milliards.ods: Dossiers!A2: text:c=« 4000000000 » : nombre entier de 1 à 1\u{A0}048\u{A0}576 attendu"])
        let many = String(repeating: #"<text:s text:c="1000000"/>"#, count: 2)
        XCTAssertEqual(refusal(try Self.ods(#"<table:table-row><table:table-cell><text:p>\#(many)</text:p></table:table-cell></table:table-row>"#),
                               "longue.ods"),
                       ["longue.ods: Dossiers!A2: cellule de plus de 1 Mio de texte (limite)"])
    }

    func testArchivesThatUnpackBeyondTheirLimitAreRefusedBeforeUnpacking() throws {
        // What a 612 KB file expanding to 600 MB declares: refused from its declaration, nothing unpacked.
        XCTAssertEqual(refusal(try Self.declaredBomb(), "bombe.xlsx"),
                       ["bombe.xlsx: xl/worksheets/sheet1.xml: élément de 572 Mio une fois décompressé, 160 Mio au plus"])
        // One that lies about its size is stopped as soon as it passes what it declared.
        let long = try Self.xlsx(String(repeating: #"<row><c t="inlineStr"><is><t>    </t></is></c></row>"#, count: 40_000))
        let lying = try Self.withUnpackedSize(100_000, of: "xl/worksheets/sheet1.xml", in: long)
        XCTAssertEqual(refusal(lying, "menteuse.xlsx"),
                       ["menteuse.xlsx: xl/worksheets/sheet1.xml: élément plus long que la taille qu’annonce l’archive "
                        + "(100\u{A0}000 octets) : archive abîmée ou falsifiée"])
    }

    /// Found by the fuzz test: ZIPFoundation's in-memory archive traps on an offset past its end.
    func testAnArchiveThatPointsPastItsEndIsRefused() throws {
        var bytes = [UInt8](try Self.xlsx(""))
        let end = try XCTUnwrap((0...(bytes.count - 22)).last { bytes[$0..<($0 + 4)] == [0x50, 0x4B, 0x05, 0x06] })
        for k in 0..<4 { bytes[end + 16 + k] = [0xF0, 0xFF, 0xFF, 0x7F][k] }   // where the central directory starts
        XCTAssertEqual(refusal(Data(bytes), "ailleurs.xlsx"), ["ailleurs.xlsx: archive ZIP qui n’est ni un classeur XLSX ou ODS, "
                                                                    + "ni un export de dossiers (aucun dossier « dossier-<numéro> »)"])
    }

    func testXMLThatCouldExpandOrNestWithoutEndIsRefused() throws {
        let laughs = #"<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><workbook/>"#
        let archive = try OfficeFile.zip([("xl/workbook.xml", laughs)])
        XCTAssertEqual(refusal(archive, "rires.xlsx"),
                       ["rires.xlsx: xl/workbook.xml:1:22: déclaration de type de document (DTD) refusée : un classeur n’en contient pas"])
        let deep = try Self.xlsx("<row>" + String(repeating: "<x>", count: 100_000) + String(repeating: "</x>", count: 100_000) + "</row>")
        XCTAssertEqual(refusal(deep, "profond.xlsx").first?.hasSuffix("XML imbriqué sur plus de 256 niveaux"), true)
    }

    /// The 4 GB case and the declared 600 MB, run as any jury member may run them on the shared
    /// server: one clear refusal, the campaign untouched. (Their memory is measured in the fuzz
    /// test's child process, which refuses them too.)
    func testTheCommandRefusesHostileFilesAsAnyMemberMayRunIt() throws {
        guard let binary = ChildProcess.ptceJury() else {
            throw ChildProcess.missing("ptce-jury is not built next to the tests: run swift build first")
        }
        let directory = scratchDirectory()
        let root = try emptyCampaign(in: directory)
        try Self.fourBillionSpaces().write(to: directory.appending(path: "quatre-milliards.ods"))
        try Self.declaredBomb().write(to: directory.appending(path: "bombe.xlsx"))
        let before = snapshot(root)
        for name in ["quatre-milliards.ods", "bombe.xlsx"] {
            let run = try ChildProcess.run(binary, ["import", name, "--data", "campagne", "--reviewer", "alice", "--dry-run"], in: directory)
            XCTAssertNil(run.signal, "\(name): \(run.stderr)")
            XCTAssertEqual(run.status, 65, "\(name): \(run.stderr)")
            XCTAssertTrue(run.stderr.hasPrefix("Import refusé, la campagne est inchangée :\n\(name): "), run.stderr)
        }
        XCTAssertEqual(snapshot(root), before)
    }

    static func fourBillionSpaces() throws -> Data {
        try ods(#"<table:table-row><table:table-cell office:value-type="string"><text:p><text:s text:c="4000000000"/></text:p></table:table-cell></table:table-row>"#)
    }

    static func declaredBomb() throws -> Data { try withUnpackedSize(600_000_000, of: "xl/worksheets/sheet1.xml", in: xlsx("")) }

    /// Sets the unpacked size an archive declares for `path`, in its local header and its central directory.
    static func withUnpackedSize(_ size: UInt32, of path: String, in zip: Data) throws -> Data {
        var bytes = [UInt8](zip)
        let name = Array(path.utf8)
        func patch(signature: [UInt8], nameLengthAt: Int, nameAt: Int, sizeAt: Int) {
            var i = 0
            while i + nameAt + name.count <= bytes.count {
                if Array(bytes[i..<(i + 4)]) == signature {
                    let length = Int(bytes[i + nameLengthAt]) | Int(bytes[i + nameLengthAt + 1]) << 8
                    if length == name.count && Array(bytes[(i + nameAt)..<(i + nameAt + length)]) == name {
                        for k in 0..<4 { bytes[i + sizeAt + k] = UInt8((size >> (8 * UInt32(k))) & 0xFF) }
                    }
                }
                i += 1
            }
        }
        patch(signature: [0x50, 0x4B, 0x03, 0x04], nameLengthAt: 26, nameAt: 30, sizeAt: 22)
        patch(signature: [0x50, 0x4B, 0x01, 0x02], nameLengthAt: 28, nameAt: 46, sizeAt: 24)
        return Data(bytes)
    }
}
