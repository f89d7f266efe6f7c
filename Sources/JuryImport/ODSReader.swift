import Foundation
import JuryCore
import JuryStore

/// The sheets of an OpenDocument spreadsheet: content.xml holds every `table:table`, with rows
/// and cells that may repeat (`number-rows-repeated`, `number-columns-repeated`) and cells typed
/// by `office:value-type` (float, currency, percentage, date, boolean, string).
enum ODSReader {
    static func read(_ package: ZipPackage) throws(StoreFailure) -> [SheetTable] {
        guard let data = try package.data("content.xml") else {
            throw StoreFailure([ImportProblem.at(package.url, Localized(.odsWorkbookWithoutContentXml))])
        }
        let handler = ContentHandler(file: package.url)
        try XMLScanner.scan(data, entry: "content.xml", of: package.url, into: handler)
        return handler.tables
    }
}

/// Every repeat count and every position is checked before it is used: blank rows and columns
/// repeated to the end of a sheet cost nothing, repeated values count as the cells they make.
private final class ContentHandler: XMLHandler {
    let file: URL
    var tables: [SheetTable] = []
    private var cells: CellCount
    private var tableName: String?
    private var rows: [SheetTable.SparseRow] = []
    /// The row being read (1-based) and how many times it repeats; the next column (0-based).
    private var row = 0, rowRepeat = 1, column = 0
    private var current: [(Int, SourceValue)] = []
    private var cell: CellAttributes?
    private var content = "", paragraphs = 0
    /// Inside an annotation, or a table within a table: read nothing until it closes.
    private var ignored: [String] = []

    /// What a cell's start says, kept for its end.
    private struct CellAttributes {
        var type: String?, value: String?, date: String?, boolean: String?, string: String?
        var repeats: Int
    }

    init(file: URL) {
        self.file = file
        cells = CellCount(file)
    }

    var wantsText: Bool { cell != nil && ignored.isEmpty }

    private var sheet: String { tableName ?? "Feuille \(tables.count + 1)" }
    /// « Dossiers!C7 », the cell being read.
    private var place: String { "\(sheet)!\(SheetTable.columnName(column))\(max(row, 1))" }

    func start(_ name: String, _ attributes: XMLAttributes) throws(ImportRefusal) {
        if !ignored.isEmpty || name == "annotation" || (name == "table" && tableName != nil) {
            ignored.append(name)
            return
        }
        switch name {
        case "table":
            guard tables.count < ImportLimits.sheets else {
                throw ImportRefusal("content.xml", Localized(.moreThanSheetsInTheWorkbookLimit, ["sheets": ImportLimits.sheets]))
            }
            tableName = attributes["name"] ?? "Feuille \(tables.count + 1)"
            rows = []
            row = 0
        case "table-row":
            let repeats = try count(attributes["number-rows-repeated"], "number-rows-repeated", at: "\(sheet)!\(row + 1)",
                                    limit: ImportLimits.repeatedRows)
            guard row < ImportLimits.repeatedRows - repeats + 1 else {
                throw ImportRefusal("\(sheet)!\(row + 1)", Localized(.rowsBeyondTheLastOfASheet, ["repeatedRows": ImportLimits.count(ImportLimits.repeatedRows)]))
            }
            row += 1
            rowRepeat = repeats
            column = 0
            current = []
        case "table-cell", "covered-table-cell":
            let repeats = try count(attributes["number-columns-repeated"], "number-columns-repeated", at: place,
                                    limit: ImportLimits.sheetColumns)
            guard column <= ImportLimits.sheetColumns - repeats else {
                throw ImportRefusal(place, Localized(.cellsBeyondTheLastColumnOfA, ["sheetColumns": ImportLimits.count(ImportLimits.sheetColumns)]))
            }
            cell = CellAttributes(type: attributes["value-type"], value: attributes["value"], date: attributes["date-value"],
                                  boolean: attributes["boolean-value"], string: attributes["string-value"], repeats: repeats)
            content = ""
            paragraphs = 0
        case "p", "h":
            if cell != nil {
                if paragraphs > 0 { try append("\n") }
                paragraphs += 1
            }
        case "s":
            if cell != nil {
                let spaces = try count(attributes["c"], "text:c", at: place, limit: ImportLimits.cellBytes)
                guard content.utf8.count + spaces <= ImportLimits.cellBytes else { throw tooLong }
                content += String(repeating: " ", count: spaces)
            }
        case "tab": if cell != nil { try append("\t") }
        case "line-break": if cell != nil { try append("\n") }
        default: break
        }
    }

    func end(_ name: String) throws(ImportRefusal) {
        if !ignored.isEmpty {
            ignored.removeLast()   // the document is well-formed: this closes the last one opened
            return
        }
        switch name {
        case "table-cell", "covered-table-cell":
            guard let attributes = cell else { return }
            if let value = value(attributes) {
                try cells.add(attributes.repeats, at: place)
                for offset in 0..<attributes.repeats { current.append((column + offset, value)) }
            }
            column += attributes.repeats
            cell = nil
        case "table-row":
            if !current.isEmpty {
                try cells.add(current.count * (rowRepeat - 1), at: "\(sheet)!\(row)")
                for offset in 0..<rowRepeat { rows.append(.init(number: row + offset, cells: current)) }
            }
            row += rowRepeat - 1
            current = []
        case "table":
            do throws(StoreFailure) {
                if let table = try SheetTable.make(name: tableName, file: file, rows: rows) { tables.append(table) }
            } catch {
                throw ImportRefusal(sheet, error.problems.first?.message ?? Localized(.unreadableSheet))
            }
            tableName = nil
            rows = []
        default: break
        }
    }

    func text(_ text: String) throws(ImportRefusal) { try append(text) }

    private func append(_ text: String) throws(ImportRefusal) {
        guard content.utf8.count + text.utf8.count <= ImportLimits.cellBytes else { throw tooLong }
        content += text
    }

    private var tooLong: ImportRefusal {
        ImportRefusal(place, Localized { l in l.text(.cellOverTheLimitOfText, ["limit": ImportLimits.mebibytes(ImportLimits.cellBytes, l)]) })
    }

    /// A repeat count: absent is 1; otherwise a whole number from 1 to `limit`.
    private func count(_ text: String?, _ attribute: String, at place: @autoclosure () -> String, limit: Int) throws(ImportRefusal) -> Int {
        guard let text else { return 1 }
        guard let value = Int(text), (1...limit).contains(value) else {
            throw ImportRefusal(place(), Localized(.wholeNumberFrom1ToExpected, ["attribute": attribute, "value": text.prefix(30), "limit": ImportLimits.count(limit)]))
        }
        return value
    }

    private func value(_ attributes: CellAttributes) -> SourceValue? {
        switch attributes.type {
        case "float", "currency", "percentage":
            if let number = attributes.value.flatMap(Double.init), number.isFinite { return .number(number) }
            return text
        case "date":
            return attributes.date.map { .date($0) } ?? text
        case "boolean":
            return attributes.boolean.map { .bool($0 == "true") } ?? text
        case "string":
            return attributes.string.map { .text($0) } ?? text
        default:
            return text
        }
    }

    private var text: SourceValue? { content.isEmpty ? nil : .text(content) }
}
