import Foundation
import JuryCore
import JuryStore

/// The sheets of an XLSX workbook (Office Open XML): workbook.xml names them, its relationships
/// say which part holds each, text cells are shared strings or inline strings.
enum XLSXReader {
    static func read(_ package: ZipPackage) throws(StoreFailure) -> [SheetTable] {
        let url = package.url
        guard let workbookData = try package.data("xl/workbook.xml") else {
            throw StoreFailure([ImportProblem.at(url, Localized(.xlsxWorkbookWithoutXlWorkbookXml))])
        }
        let workbook = WorkbookHandler()
        try XMLScanner.scan(workbookData, entry: "xl/workbook.xml", of: url, into: workbook)
        let relationships = RelationshipsHandler()
        if let data = try package.data("xl/_rels/workbook.xml.rels") {
            try XMLScanner.scan(data, entry: "xl/_rels/workbook.xml.rels", of: url, into: relationships)
        }
        let strings = SharedStringsHandler()
        if let data = try package.data("xl/sharedStrings.xml") {
            try XMLScanner.scan(data, entry: "xl/sharedStrings.xml", of: url, into: strings)
        }
        var tables: [SheetTable] = []
        var cells = CellCount(url)
        for sheet in workbook.sheets {
            guard let target = relationships.targets[sheet.relationship] else { continue }
            // Targets are relative to xl/, or absolute within the package.
            let entry = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let data = try package.data(entry) else {
                throw StoreFailure([ImportProblem.at(url, path: entry, Localized(.sheetMissingFromTheArchive, ["name": sheet.name]))])
            }
            let handler = WorksheetHandler(sheet: sheet.name, strings: strings.strings, cells: cells)
            try XMLScanner.scan(data, entry: entry, of: url, into: handler)
            cells = handler.cells
            if let table = try SheetTable.make(name: sheet.name, file: url, rows: handler.rows) { tables.append(table) }
        }
        return tables
    }
}

/// Cells with a value in one file, against `ImportLimits.cells`.
struct CellCount {
    let url: URL
    private(set) var count = 0

    init(_ url: URL) { self.url = url }

    mutating func add(_ more: Int, at place: @autoclosure () -> String) throws(ImportRefusal) {
        count += more
        guard count <= ImportLimits.cells else {
            throw ImportRefusal(place(), Localized(.moreThanFilledCellsInTheFile, ["cells": ImportLimits.count(ImportLimits.cells)]))
        }
    }
}

private final class WorkbookHandler: XMLHandler {
    var sheets: [(name: String, relationship: String)] = []
    var wantsText: Bool { false }

    func start(_ name: String, _ attributes: XMLAttributes) throws(ImportRefusal) {
        guard name == "sheet", let sheet = attributes["name"], let id = attributes["id"] else { return }
        guard sheets.count < ImportLimits.sheets else {
            throw ImportRefusal("xl/workbook.xml", Localized(.moreThanSheetsInTheWorkbookLimit, ["sheets": ImportLimits.sheets]))
        }
        sheets.append((sheet, id))
    }

    func end(_ name: String) {}
    func text(_ text: String) {}
}

private final class RelationshipsHandler: XMLHandler {
    var targets: [String: String] = [:]
    var wantsText: Bool { false }

    func start(_ name: String, _ attributes: XMLAttributes) {
        if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
    }

    func end(_ name: String) {}
    func text(_ text: String) {}
}

/// `<si><t>text</t></si>` or rich text `<si><r><t>a</t></r><r><t>b</t></r></si>`; phonetic runs are not text.
private final class SharedStringsHandler: XMLHandler {
    var strings: [String] = []
    private var current = "", inText = false, inPhonetic = false

    var wantsText: Bool { inText }

    func start(_ name: String, _ attributes: XMLAttributes) {
        switch name {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func end(_ name: String) {
        switch name {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    func text(_ text: String) throws(ImportRefusal) {
        current += text
        guard current.utf8.count <= ImportLimits.cellBytes else {
            throw ImportRefusal("xl/sharedStrings.xml", Localized { l in
                l.text(.sharedStringOverACellsLimit, ["number": strings.count, "limit": ImportLimits.mebibytes(ImportLimits.cellBytes, l)])
            })
        }
    }
}

/// `<row r="5"><c r="B5" t="s"><v>3</v></c>…</row>`: t is s (shared string), inlineStr
/// (`<is><t>…</t></is>`), str (formula text), b (boolean), d (ISO date), e (error) or n / absent (number).
/// Row and column numbers are checked against the largest sheet before any arithmetic.
private final class WorksheetHandler: XMLHandler {
    let sheet: String
    let strings: [String]
    var rows: [SheetTable.SparseRow] = []
    var cells: CellCount
    /// The row and column being read, 1-based; 0 before the first.
    private var row = 0, column = 0
    private var current: [(Int, SourceValue)] = []
    private var type = "n", content = "", reading = false, inPhonetic = false

    init(sheet: String, strings: [String], cells: CellCount) {
        self.sheet = sheet
        self.strings = strings
        self.cells = cells
    }

    var wantsText: Bool { reading }

    /// « Dossiers!C5 », while reading that cell.
    private var place: String { "\(sheet)!\(SheetTable.columnName(max(column - 1, 0)))\(row)" }

    func start(_ name: String, _ attributes: XMLAttributes) throws(ImportRefusal) {
        switch name {
        case "row":
            if let reference = attributes["r"] {
                guard let number = Int(reference), (1...ImportLimits.sheetRows).contains(number) else {
                    throw ImportRefusal("\(sheet)!\(row + 1)", Localized(.rowNumberOutsideTheSheetFrom1, ["row": reference.prefix(30), "sheetRows": ImportLimits.count(ImportLimits.sheetRows)]))
                }
                row = number
            } else {
                guard row < ImportLimits.sheetRows else {
                    throw ImportRefusal("\(sheet)!\(row)", Localized(.moreThanRowsInTheSheet, ["sheetRows": ImportLimits.count(ImportLimits.sheetRows)]))
                }
                row += 1
            }
            column = 0
            current = []
        case "c":
            if let reference = attributes["r"] {
                let letters = reference.prefix { $0.isASCII && $0.isLetter }
                guard let index = SheetTable.columnIndex(letters), index < ImportLimits.sheetColumns else {
                    throw ImportRefusal("\(sheet)!\(row)", Localized(.cellReferenceOutsideTheSheetColumnsA, ["reference": reference.prefix(30), "sheetColumns": SheetTable.columnName(ImportLimits.sheetColumns - 1)]))
                }
                column = index + 1
            } else {
                guard column < ImportLimits.sheetColumns else {
                    throw ImportRefusal(place, Localized(.moreThanColumnsInTheSheet, ["sheetColumns": ImportLimits.count(ImportLimits.sheetColumns)]))
                }
                column += 1
            }
            type = attributes["t"] ?? "n"
            content = ""
        case "v", "t": reading = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func end(_ name: String) throws(ImportRefusal) {
        switch name {
        case "v", "t": reading = false
        case "rPh": inPhonetic = false
        case "c":
            if let value = try value() {
                try cells.add(1, at: place)
                current.append((column - 1, value))
            }
        case "row":
            if !current.isEmpty { rows.append(.init(number: row, cells: current)) }
            current = []
        default: break
        }
    }

    func text(_ text: String) throws(ImportRefusal) {
        content += text
        guard content.utf8.count <= ImportLimits.cellBytes else {
            throw ImportRefusal(place, Localized { l in l.text(.cellOverTheLimitOfText, ["limit": ImportLimits.mebibytes(ImportLimits.cellBytes, l)]) })
        }
    }

    private func value() throws(ImportRefusal) -> SourceValue? {
        switch type {
        case "s":
            guard let index = Int(content), strings.indices.contains(index) else {
                throw ImportRefusal(place, Localized(.referenceToASharedStringThatDoes, ["reference": content.prefix(30)]))
            }
            return strings[index].isEmpty ? nil : .text(strings[index])
        case "inlineStr", "str", "e": return content.isEmpty ? nil : .text(content)
        case "b": return content.isEmpty ? nil : .bool(content == "1")
        case "d": return content.isEmpty ? nil : .date(content)
        default:
            guard !content.isEmpty else { return nil }
            guard let number = Double(content), number.isFinite else {
                throw ImportRefusal(place, Localized(.unreadableNumberQuoted, ["number": content.prefix(30)]))
            }
            return .number(number)
        }
    }
}
