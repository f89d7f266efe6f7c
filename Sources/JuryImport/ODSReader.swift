import Foundation
import JuryStore

/// The sheets of an OpenDocument spreadsheet: content.xml holds every `table:table`, with rows
/// and cells that may repeat (`number-rows-repeated`, `number-columns-repeated`) and cells typed
/// by `office:value-type` (float, currency, percentage, date, boolean, string).
enum ODSReader {
    static func read(_ package: ZipPackage) throws(StoreFailure) -> [SheetTable] {
        guard let data = try package.data("content.xml") else {
            throw StoreFailure([ImportProblem.at(package.url, "classeur ODS sans content.xml")])
        }
        let handler = ContentHandler(file: package.url)
        try handler.parse(data, entry: "content.xml", of: package.url)
        return handler.tables
    }
}

private final class ContentHandler: OfficeXMLHandler {
    let file: URL
    var tables: [SheetTable] = []
    private var tableName: String?
    private var rows: [(number: Int, cells: [Int: SourceValue])] = []
    private var row = 0, rowRepeat = 1, column = 0
    private var cells: [Int: SourceValue] = [:]
    private var cell: [Substring: String]?
    private var content = "", paragraphs = 0, annotationDepth = 0

    /// Repeated blank rows and columns fill a sheet to its end: only what holds content is kept.
    private static let maxRepeat = 10_000

    init(file: URL) { self.file = file }

    override func start(_ name: Substring, _ attributes: [Substring: String]) {
        if annotationDepth > 0 || name == "annotation" {
            if name == "annotation" { annotationDepth += 1 }
            return
        }
        switch name {
        case "table":
            tableName = attributes["name"] ?? "Feuille \(tables.count + 1)"
            rows = []
            row = 0
        case "table-row":
            row += 1
            rowRepeat = attributes["number-rows-repeated"].flatMap { Int($0) } ?? 1
            column = 0
            cells = [:]
        case "table-cell", "covered-table-cell":
            cell = attributes
            content = ""
            paragraphs = 0
        case "p", "h":
            if cell != nil {
                if paragraphs > 0 { content += "\n" }
                paragraphs += 1
            }
        case "s": content += String(repeating: " ", count: attributes["c"].flatMap { Int($0) } ?? 1)
        case "tab": content += "\t"
        case "line-break": content += "\n"
        default: break
        }
    }

    override func end(_ name: Substring) {
        if name == "annotation" { annotationDepth -= 1; return }
        guard annotationDepth == 0 else { return }
        switch name {
        case "table-cell", "covered-table-cell":
            guard let attributes = cell else { return }
            let count = attributes["number-columns-repeated"].flatMap { Int($0) } ?? 1
            if let value = value(attributes) {
                for offset in 0..<min(count, ContentHandler.maxRepeat) { cells[column + offset] = value }
            }
            column += count
            cell = nil
        case "table-row":
            if !cells.isEmpty {
                for offset in 0..<min(rowRepeat, ContentHandler.maxRepeat) { rows.append((row + offset, cells)) }
            }
            row += rowRepeat - 1
        case "table":
            if let table = SheetTable.make(name: tableName, file: file, rows: rows) { tables.append(table) }
            tableName = nil
        default: break
        }
    }

    override func text(_ string: String) { if cell != nil && annotationDepth == 0 { content += string } }

    private func value(_ attributes: [Substring: String]) -> SourceValue? {
        switch attributes["value-type"] {
        case "float", "currency", "percentage":
            return attributes["value"].flatMap(Double.init).map { .number($0) } ?? text
        case "date":
            return attributes["date-value"].map { .date($0) } ?? text
        case "boolean":
            return attributes["boolean-value"].map { .bool($0 == "true") } ?? text
        case "string":
            return attributes["string-value"].map { .text($0) } ?? text
        default:
            return text
        }
    }

    private var text: SourceValue? { content.isEmpty ? nil : .text(content) }
}
