import Foundation
import JuryCore
import JuryStore

/// The instructors' spreadsheet export: the `Dossiers` sheet (or a CSV file) with one row per
/// dossier, and one sheet per repeated block (`Dossier ID`, `Ligne`, then the block's champs).
/// A block saved as CSV is one more file, recognised by those two headers.
struct SpreadsheetReader {
    let mapping: ImportMapping
    let reader: ValueReader

    private var layout: SpreadsheetLayout { mapping.spreadsheet }
    private var l: Language { reader.language }

    struct Result {
        var dossiers: [SourceDossier] = []
        var skipped: [ImportReport.Skip] = []
        var notes: [String] = []
    }

    func read(_ tables: [SheetTable]) throws(StoreFailure) -> Result {
        var result = Result()
        var main: [SheetTable] = [], blocks: [SheetTable] = []
        for table in tables {
            let headers = Set(table.headers.map(reader.key))
            if headers.contains(reader.key(layout.blockDossierColumn)) && headers.contains(reader.key(layout.blockRowColumn)) {
                blocks.append(table)
            } else if table.name.map({ reader.key($0) == reader.key(layout.dossiersSheet) }) ?? true {
                guard headers.contains(reader.key(layout.columns[.number]!)) else {
                    throw StoreFailure([ImportProblem.at(table.file, path: table.name,
                        Localized { l in
                        l.text(.noColumnNotAnExportOfThe, ["columns": layout.columns[.number]!, "headers": Self.shown(table.headers, l)])
                    })])
                }
                main.append(table)
            } else if let name = table.name {
                result.notes.append(l.text(.sheetNotRead, ["relativePath": table.file.relativePath, "name": name]))
            }
        }
        if main.isEmpty, let first = tables.first {
            throw StoreFailure([ImportProblem.at(first.file,
                Localized(.noSheetNorFileOfDossiersColumn, ["dossiersSheet": layout.dossiersSheet, "columns": layout.columns[.number]!]))])
        }
        for table in main { readDossiers(table, into: &result) }
        var byNumber: [Int: Int] = [:]
        for (index, dossier) in result.dossiers.enumerated() where byNumber[dossier.number] == nil { byNumber[dossier.number] = index }
        for table in blocks { try attach(table, to: &result, byNumber) }
        return result
    }

    private static func shown(_ headers: [String], _ l: Language) -> String {
        headers.prefix(8).map { l.text(.quotedText, ["text": $0]) }.joined(separator: ", ") + (headers.count > 8 ? "…" : "")
    }

    private func readDossiers(_ table: SheetTable, into result: inout Result) {
        var columnOf: [SpreadsheetColumn: Int] = [:]
        let keys = table.headers.map(reader.key)
        for (column, header) in layout.columns {
            if let index = keys.firstIndex(of: reader.key(header)) { columnOf[column] = index }
        }
        let notChamps = Set(columnOf.values)
        let other = Set(layout.otherColumns.map(reader.key))
        let champColumns = table.headers.indices.filter { !notChamps.contains($0) && !other.contains(keys[$0]) && !table.headers[$0].isEmpty }
        let numberColumn = columnOf[.number]!
        for row in table.rows {
            guard let number = dossierNumber(row.cells[numberColumn]) else {
                result.skipped.append(.init(number: nil, origin: table.locate(row, column: numberColumn, l),
                                            reason: l.text(.unreadableDossierNumber, ["cells": row.cells[numberColumn].quoted(l)])))
                continue
            }
            func cell(_ column: SpreadsheetColumn) -> SourceValue? { columnOf[column].map { row.cells[$0] } }
            func text(_ column: SpreadsheetColumn) -> String? {
                guard let value = cell(column) else { return nil }
                if case .value(let text) = reader.text(value) { return text }
                return ""
            }
            let applicant = Applicant(siret: text(.siret), raisonSociale: text(.raisonSociale), legalForm: text(.legalForm),
                                      rna: text(.rna), associationTitle: text(.associationTitle), commune: text(.commune),
                                      communeCode: text(.communeCode), department: text(.department),
                                      departmentCode: text(.departmentCode), region: text(.region), regionCode: text(.regionCode))
            result.dossiers.append(SourceDossier(
                number: number, origin: table.locate(row, column: numberColumn, l), state: cell(.state) ?? .empty,
                filedAt: cell(.filedAt) ?? .empty, applicant: applicant,
                champs: champColumns.map { SourceChamp(id: nil, label: table.headers[$0], value: row.cells[$0]) }, annotations: []))
        }
    }

    private func dossierNumber(_ value: SourceValue) -> Int? {
        switch value {
        case .number(let number): return number == number.rounded() && number > 0 ? Int(exactly: number) : nil
        case .text(let text): return Int(text.trimmed).flatMap { $0 > 0 ? $0 : nil }
        default: return nil
        }
    }

    /// Adds a block's rows to their dossiers as one repeated champ, named after the block of the
    /// mapping it matches (by sheet name, or by columns for a CSV file), else after the sheet.
    private func attach(_ table: SheetTable, to result: inout Result, _ byNumber: [Int: Int]) throws(StoreFailure) {
        let keys = table.headers.map(reader.key)
        let dossierColumn = keys.firstIndex(of: reader.key(layout.blockDossierColumn))!
        let rowColumn = keys.firstIndex(of: reader.key(layout.blockRowColumn))!
        let label = blockLabel(table, keys)
        var rows: [Int: [(line: Double, champs: [SourceChamp])]] = [:]
        var strays: Set<Int> = []
        for row in table.rows {
            guard let number = dossierNumber(row.cells[dossierColumn]) else {
                throw StoreFailure([ImportProblem.at(table.file, path: table.place(row, column: dossierColumn, l), Localized { l in
                    l.text(.unreadableDossierNumber, ["cells": row.cells[dossierColumn].quoted(l)])
                })])
            }
            guard byNumber[number] != nil else { strays.insert(number); continue }
            let line: Double
            switch reader.decimal(row.cells[rowColumn]) {
            case .value(let value): line = value
            default: line = Double(row.number)
            }
            let champs = table.headers.indices.filter { $0 != dossierColumn && $0 != rowColumn && !table.headers[$0].isEmpty }
                .map { SourceChamp(id: nil, label: table.headers[$0], value: row.cells[$0]) }
            rows[number, default: []].append((line, champs))
        }
        for (number, lines) in rows {
            let ordered = lines.sorted { $0.line < $1.line }.map(\.champs)
            result.dossiers[byNumber[number]!].champs.append(SourceChamp(id: nil, label: label, value: .rows(ordered)))
        }
        if !strays.isEmpty {
            let sheet = table.name.map { l.text(.quotedText, ["text": $0]) } ?? table.file.relativePath
            let numbers = strays.sorted().map(String.init).joined(separator: ", ")
            result.notes.append(l.text(.rowsOfDossiersMissingFromTheDossiers, ["sheet": sheet, "numbers": numbers]))
        }
    }

    /// The platform names a block's sheet after the block's label, without accents and cut to 30
    /// characters; a CSV file has no such name, so its columns decide.
    private func blockLabel(_ table: SheetTable, _ keys: [String]) -> String {
        let blocks: [(block: ChampRef, columns: [ChampRef])] = [
            mapping.members.map { ($0.block, [$0.name, $0.category]) },
            mapping.cofinancing.map { ($0.block, [$0.source, $0.amount]) },
        ].compactMap { $0 }
        if let name = table.name {
            let sheet = reader.key(name)
            for (block, _) in blocks {
                for label in block.labels {
                    let full = reader.key(label.filter { !"/\\*?[]".contains($0) })
                    if full == sheet || (sheet.count >= 25 && full.hasPrefix(sheet)) { return label }
                }
            }
        }
        let present = Set(keys)
        for (block, columns) in blocks where columns.allSatisfy({ $0.labels.contains { present.contains(reader.key($0)) } }) {
            if let label = block.labels.first { return label }
        }
        return table.name ?? table.file.deletingPathExtension().lastPathComponent
    }
}
