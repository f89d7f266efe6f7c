import Foundation
import JuryStore

/// The sheets of an XLSX workbook (Office Open XML): workbook.xml names them, its relationships
/// say which part holds each, text cells are shared strings or inline strings.
enum XLSXReader {
    static func read(_ package: ZipPackage) throws(StoreFailure) -> [SheetTable] {
        let url = package.url
        guard let workbookData = try package.data("xl/workbook.xml") else {
            throw StoreFailure([ImportProblem.at(url, "classeur XLSX sans xl/workbook.xml")])
        }
        let workbook = WorkbookHandler()
        try workbook.parse(workbookData, entry: "xl/workbook.xml", of: url)
        let relationships = RelationshipsHandler()
        if let data = try package.data("xl/_rels/workbook.xml.rels") {
            try relationships.parse(data, entry: "xl/_rels/workbook.xml.rels", of: url)
        }
        let strings = SharedStringsHandler()
        if let data = try package.data("xl/sharedStrings.xml") {
            try strings.parse(data, entry: "xl/sharedStrings.xml", of: url)
        }
        var tables: [SheetTable] = []
        for sheet in workbook.sheets {
            guard let target = relationships.targets[sheet.relationship] else { continue }
            // Targets are relative to xl/, or absolute within the package.
            let entry = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let data = try package.data(entry) else {
                throw StoreFailure([ImportProblem.at(url, path: entry, "feuille « \(sheet.name) » absente de l’archive")])
            }
            let handler = WorksheetHandler(strings: strings.strings)
            try handler.parse(data, entry: entry, of: url)
            if let problem = handler.problem {
                throw StoreFailure([ImportProblem.at(url, path: "\(sheet.name)!\(problem.cell)", problem.message)])
            }
            if let table = SheetTable.make(name: sheet.name, file: url, rows: handler.rows) { tables.append(table) }
        }
        return tables
    }
}

private final class WorkbookHandler: OfficeXMLHandler {
    var sheets: [(name: String, relationship: String)] = []

    override func start(_ name: Substring, _ attributes: [Substring: String]) {
        if name == "sheet", let sheet = attributes["name"], let id = attributes["id"] { sheets.append((sheet, id)) }
    }
}

private final class RelationshipsHandler: OfficeXMLHandler {
    var targets: [String: String] = [:]

    override func start(_ name: Substring, _ attributes: [Substring: String]) {
        if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
    }
}

/// `<si><t>text</t></si>` or rich text `<si><r><t>a</t></r><r><t>b</t></r></si>`; phonetic runs are not text.
private final class SharedStringsHandler: OfficeXMLHandler {
    var strings: [String] = []
    private var current = "", inText = false, inPhonetic = false

    override func start(_ name: Substring, _ attributes: [Substring: String]) {
        switch name {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    override func end(_ name: Substring) {
        switch name {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    override func text(_ string: String) { if inText { current += string } }
}

/// `<row r="5"><c r="B5" t="s"><v>3</v></c>…</row>`: t is s (shared string), inlineStr
/// (`<is><t>…</t></is>`), str (formula text), b (boolean), d (ISO date), e (error) or n / absent (number).
private final class WorksheetHandler: OfficeXMLHandler {
    let strings: [String]
    var rows: [(number: Int, cells: [Int: SourceValue])] = []
    var problem: (cell: String, message: String)?
    private var row = 0, column = 0
    private var cells: [Int: SourceValue] = [:]
    private var type = "n", content = "", reading = false, inPhonetic = false

    init(strings: [String]) { self.strings = strings }

    override func start(_ name: Substring, _ attributes: [Substring: String]) {
        switch name {
        case "row":
            row = attributes["r"].flatMap { Int($0) } ?? row + 1
            column = 0
            cells = [:]
        case "c":
            if let reference = attributes["r"] {
                column = SheetTable.columnIndex(reference.prefix { $0.isLetter }) ?? column
            }
            type = attributes["t"] ?? "n"
            content = ""
        case "v", "t": reading = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    override func end(_ name: Substring) {
        switch name {
        case "v", "t": reading = false
        case "rPh": inPhonetic = false
        case "c":
            if let value = value() { cells[column] = value }
            column += 1
        case "row":
            rows.append((row, cells))
        default: break
        }
    }

    override func text(_ string: String) { if reading { content += string } }

    private func value() -> SourceValue? {
        switch type {
        case "s":
            guard let index = Int(content), strings.indices.contains(index) else {
                if problem == nil {
                    problem = ("\(SheetTable.columnName(column))\(row)", "renvoi à une chaîne partagée inexistante (« \(content) »)")
                }
                return nil
            }
            return strings[index].isEmpty ? nil : .text(strings[index])
        case "inlineStr", "str", "e": return content.isEmpty ? nil : .text(content)
        case "b": return content.isEmpty ? nil : .bool(content == "1")
        case "d": return content.isEmpty ? nil : .date(content)
        default:
            guard !content.isEmpty else { return nil }
            guard let number = Double(content) else {
                if problem == nil { problem = ("\(SheetTable.columnName(column))\(row)", "nombre illisible « \(content) »") }
                return nil
            }
            return .number(number)
        }
    }
}
