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

    /// « Dossiers!C5 », « ligne 5, colonne « Nom » » (a CSV file has no sheet to name).
    func place(_ row: Row, column: Int, _ l: Language) -> String {
        guard let name else {
            let header = headers.indices.contains(column) ? l.text(.quotedText, ["text": headers[column]]) : "\(column + 1)"
            return l.text(.sheetRowAndColumn, ["row": row.number, "column": header])
        }
        return "\(name)!\(SheetTable.columnName(column))\(row.number)"
    }

    /// « export.xlsx: Dossiers!C5 ».
    func locate(_ row: Row, column: Int, _ l: Language) -> String { "\(file.relativePath): \(place(row, column: column, l))" }

    /// A, B, … Z, AA, AB…
    static func columnName(_ index: Int) -> String {
        guard (0..<(1 << 24)).contains(index) else { return "?" }
        var name = "", rest = index + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            rest = (rest - 1) / 26
        }
        return name
    }

    /// The 0-based column of « C », « AA » (either case); nil past three letters, the most a sheet has.
    static func columnIndex<Letters: StringProtocol>(_ letters: Letters) -> Int? {
        guard (1...3).contains(letters.unicodeScalars.count) else { return nil }
        var index = 0
        for scalar in letters.uppercased().unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { return nil }
            index = index * 26 + Int(scalar.value - 64)
        }
        return index - 1
    }

    /// A row as a reader finds it: its number and the cells that hold something, by column.
    struct SparseRow {
        var number: Int
        var cells: [(column: Int, value: SourceValue)]
    }

    /// Builds a table from rows of sparse cells: the first row holds the headers. A later cell of
    /// the same column replaces an earlier one.
    static func make(name: String?, file: URL, rows: [SparseRow]) throws(StoreFailure) -> SheetTable? {
        guard let header = rows.first else { return nil }
        let width = (header.cells.map(\.column).max() ?? -1) + 1
        guard rows.count <= ImportLimits.tableCells / max(width, 1) else {
            let (rows, columns, cells) = (ImportLimits.count(rows.count), ImportLimits.count(width), ImportLimits.count(ImportLimits.tableCells))
            throw StoreFailure([ImportProblem.at(file, path: name, Localized(.sheetOfRowsByColumnsMoreThan, ["rows": rows, "columns": columns, "cells": cells]))])
        }
        var headerCells = [SourceValue](repeating: .empty, count: width)
        for (column, value) in header.cells { headerCells[column] = value }
        let headers = headerCells.map { cell -> String in
            switch cell {
            case .text(let text): return text.trimmed
            case .number(let number) where number == number.rounded() && abs(number) < 1e15: return String(Int64(number))
            default: return ""
            }
        }
        let body = rows.dropFirst().compactMap { row -> Row? in
            var cells = [SourceValue](repeating: .empty, count: width)
            var filled = false
            for (column, value) in row.cells where column < width {
                cells[column] = value
                if !value.isEmpty { filled = true }
            }
            return filled ? Row(number: row.number, cells: cells) : nil
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
            throw StoreFailure([ImportProblem.at(url, Localized(.unreadableTextSaveTheFileAsUTF))])
        }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let count = { (scalar: UnicodeScalar) in firstLine.unicodeScalars.filter { $0 == scalar }.count }
        let delimiter: UnicodeScalar = count("\t") > max(count(","), count(";")) ? "\t" : count(";") > count(",") ? ";" : ","
        if let (line, column) = unclosedQuote(in: text, delimiter: delimiter) {
            throw StoreFailure([ImportProblem.at(url, line: line, column: column,
                                                 Localized(.quoteOpenedHereAndNeverClosedOr))])
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, delimiter: delimiter)
        } catch {
            throw StoreFailure([ImportProblem.at(url, line: 1, column: 1, Localized(.unreadableCSV, ["error": error]))])
        }
        var line = 1
        var rows: [SheetTable.SparseRow] = []
        var width: Int?
        var cells = CellCount(url)
        while let fields = reader.next() {
            let start = line
            line += 1 + fields.reduce(0) { $0 + $1.filter { $0 == "\n" || $0 == "\r\n" }.count }
            if fields.allSatisfy(\.isEmpty) { continue }
            if let width, fields.count > width {
                throw StoreFailure([ImportProblem.at(url, line: start, column: 1,
                    Localized(.csvValuesForColumns, ["values": fields.count, "columns": width, "delimiter": delimiter]))])
            }
            guard fields.count <= ImportLimits.sheetColumns else {
                throw StoreFailure([ImportProblem.at(url, line: start, column: 1,
                    Localized(.moreThanColumnsLimit, ["sheetColumns": ImportLimits.count(ImportLimits.sheetColumns)]))])
            }
            width = width ?? fields.count
            var row = SheetTable.SparseRow(number: start, cells: [])
            for (column, field) in fields.enumerated() where !field.isEmpty {
                guard field.utf8.count <= ImportLimits.cellBytes else {
                    throw StoreFailure([ImportProblem.at(url, line: start, column: 1, Localized { l in
                        l.text(.columnValueOverACellsLimit, ["column": column + 1, "limit": ImportLimits.mebibytes(ImportLimits.cellBytes, l)])
                    })])
                }
                row.cells.append((column, .text(field)))
            }
            do throws(ImportRefusal) { try cells.add(row.cells.count, at: "ligne \(start)") } catch {
                throw StoreFailure([ImportProblem.at(url, line: start, column: 1, error.message)])
            }
            rows.append(row)
        }
        guard let table = try SheetTable.make(name: nil, file: url, rows: rows) else {
            throw StoreFailure([ImportProblem.at(url, Localized(.emptyCSVFile))])
        }
        return table
    }

    /// Where a quoted value opens that is never properly closed (the reader silently runs it to the
    /// end of the file, or past a stray quote): its closing quote must be followed by the delimiter
    /// or the end of the line.
    private static func unclosedQuote(in text: String, delimiter: UnicodeScalar) -> (line: Int, column: Int)? {
        // Over the UTF-8 bytes: every byte that matters is ASCII, and columns count the bytes that start a character.
        var text = text
        let separator = UInt8(delimiter.value)
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        return text.withUTF8 { bytes -> (line: Int, column: Int)? in
            var open: (line: Int, column: Int)?
            var line = 1, column = 0, atFieldStart = true, i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte & 0xC0 != 0x80 { column += 1 }
                if let start = open {
                    if byte == quote {
                        let next = i + 1 < bytes.count ? bytes[i + 1] : newline
                        if next == quote {
                            i += 1
                            column += 1
                        } else if next == separator || next == newline || next == carriageReturn {
                            open = nil
                        } else {
                            return start
                        }
                    } else if byte == newline {
                        line += 1
                        column = 0
                    }
                } else if byte == quote && atFieldStart {
                    open = (line, column)
                } else if byte == newline {
                    line += 1
                    column = 0
                }
                atFieldStart = open == nil && (byte == separator || byte == newline || byte == carriageReturn)
                i += 1
            }
            return open
        }
    }
}
