import CSV
import Foundation
import JuryCore
import JuryStore

/// One sheet of a spreadsheet export, or one CSV file: a header row and rows of typed cells.
struct SheetTable {
    /// The sheet's name; nil for a CSV file.
    var name: String?
    var file: URL
    var headers: [String]
    var rows: [Row]

    struct Row {
        /// The row's number in the sheet, or the line where it starts in a CSV file.
        var number: Int
        /// One per header (missing cells are `.empty`).
        var cells: [SourceValue]
    }

    /// « Dossiers!C5 », « ligne 5, colonne « Nom » ».
    func place(_ row: Row, column: Int) -> String {
        guard let name else {
            let header = headers.indices.contains(column) ? headers[column] : "\(column + 1)"
            return "ligne \(row.number), colonne « \(header) »"
        }
        return "\(name)!\(SheetTable.columnName(column))\(row.number)"
    }

    /// « export.xlsx: Dossiers!C5 ».
    func locate(_ row: Row, column: Int) -> String { "\(file.relativePath): \(place(row, column: column))" }

    /// A, B, … Z, AA, AB…
    static func columnName(_ index: Int) -> String {
        var name = "", rest = index + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            rest = (rest - 1) / 26
        }
        return name
    }

    /// The 0-based column of « C », « AA ».
    static func columnIndex(_ letters: Substring) -> Int? {
        var index = 0
        for scalar in letters.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { return nil }
            index = index * 26 + Int(scalar.value - 64)
        }
        return index > 0 ? index - 1 : nil
    }

    /// Builds a table from rows of sparse cells: the first row with content holds the headers.
    static func make(name: String?, file: URL, rows: [(number: Int, cells: [Int: SourceValue])]) -> SheetTable? {
        guard let headerIndex = rows.firstIndex(where: { !$0.cells.isEmpty }) else { return nil }
        let headerCells = rows[headerIndex].cells
        let width = (headerCells.keys.max() ?? -1) + 1
        let headers = (0..<width).map { column -> String in
            switch headerCells[column] {
            case .text(let text)?: return text.trimmed
            case .number(let number)? where number == number.rounded(): return String(Int64(number))
            default: return ""
            }
        }
        let body = rows[(headerIndex + 1)...].filter { row in row.cells.values.contains { !$0.isEmpty } }.map { row in
            Row(number: row.number, cells: (0..<width).map { row.cells[$0] ?? .empty })
        }
        return SheetTable(name: name, file: file, headers: headers, rows: body)
    }
}

/// CSV files: the platform writes them comma-separated in UTF-8; a spreadsheet program that saved
/// them again may have used semicolons, a byte-order mark, or Windows-1252.
enum CSVTable {
    static func read(_ data: Data, _ url: URL) throws(StoreFailure) -> SheetTable {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) ?? String(data: bytes, encoding: .windowsCP1252) else {
            throw StoreFailure([ImportProblem.at(url, "texte illisible : enregistrez le fichier en CSV UTF-8")])
        }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let count = { (scalar: UnicodeScalar) in firstLine.unicodeScalars.filter { $0 == scalar }.count }
        let delimiter: UnicodeScalar = count("\t") > max(count(","), count(";")) ? "\t" : count(";") > count(",") ? ";" : ","
        if let (line, column) = unclosedQuote(in: text, delimiter: delimiter) {
            throw StoreFailure([ImportProblem.at(url, line: line, column: column,
                                                 "guillemet ouvert ici et jamais refermé (ou refermé au milieu d’une valeur)")])
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, delimiter: delimiter)
        } catch {
            throw StoreFailure([ImportProblem.at(url, line: 1, column: 1, "CSV illisible (\(error))")])
        }
        var line = 1
        var rows: [(number: Int, cells: [Int: SourceValue])] = []
        var width: Int?
        while let fields = reader.next() {
            let start = line
            line += 1 + fields.reduce(0) { $0 + $1.filter { $0 == "\n" || $0 == "\r\n" }.count }
            if fields.allSatisfy(\.isEmpty) { continue }
            if let width, fields.count > width {
                throw StoreFailure([ImportProblem.at(url, line: start, column: 1,
                    "\(fields.count) valeurs pour \(width) colonnes : séparateur « \(delimiter) » dans une valeur sans guillemets, "
                    + "ou guillemet mal fermé")])
            }
            width = width ?? fields.count
            var cells: [Int: SourceValue] = [:]
            for (column, field) in fields.enumerated() where !field.isEmpty { cells[column] = .text(field) }
            rows.append((start, cells))
        }
        guard let table = SheetTable.make(name: nil, file: url, rows: rows) else {
            throw StoreFailure([ImportProblem.at(url, "fichier CSV vide")])
        }
        return table
    }

    /// Where a quoted value opens that is never properly closed (the reader silently runs it to the
    /// end of the file, or past a stray quote): its closing quote must be followed by the delimiter
    /// or the end of the line.
    private static func unclosedQuote(in text: String, delimiter: UnicodeScalar) -> (line: Int, column: Int)? {
        let scalars = Array(text.unicodeScalars)
        var open: (line: Int, column: Int)?
        var line = 1, column = 0, atFieldStart = true, i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            column += 1
            if let start = open {
                if scalar == "\"" {
                    let next = i + 1 < scalars.count ? scalars[i + 1] : "\n"
                    if next == "\"" {
                        i += 1
                        column += 1
                    } else if next == delimiter || next == "\n" || next == "\r" {
                        open = nil
                    } else {
                        return start
                    }
                } else if scalar == "\n" {
                    line += 1
                    column = 0
                }
            } else if scalar == "\"" && atFieldStart {
                open = (line, column)
            } else if scalar == "\n" {
                line += 1
                column = 0
            }
            atFieldStart = open == nil && (scalar == delimiter || scalar == "\n" || scalar == "\r")
            i += 1
        }
        return open
    }
}
