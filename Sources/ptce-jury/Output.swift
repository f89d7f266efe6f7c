import ArgumentParser
import CSV
import Foundation
import JuryCore
import JuryExport
import JuryServer

extension OutputFormat: ExpressibleByArgument {}

struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: .text(.helpOptionFormat))
    var format: OutputFormat = .table
}

/// Rows of text for the table and CSV formats; every cell is sanitized again on the way
/// out so that no command can print a control sequence, whatever the data holds.
struct Table {
    var headers: [String]
    var rows: [[String]]
    /// Columns aligned right (numbers).
    var rightAligned: Set<Int> = []

    func text() -> String {
        let clean = ([headers] + rows).map { $0.map(Sanitizer.line) }
        var widths = Array(repeating: 0, count: headers.count)
        for row in clean { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) } }
        return clean.map { row in
            row.enumerated().map { i, cell in
                DisplayWidth.pad(cell, to: widths[i], alignRight: rightAligned.contains(i))
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }

    func csv() throws -> String {
        let writer = try CSVWriter(stream: .toMemory())
        // A cell a spreadsheet would run as a formula stays text; figures stay figures (SafeOutput.csvCell).
        try writer.write(row: headers.map { SafeOutput.csvCell(Sanitizer.line($0), isNumber: false) })
        for row in rows { try writer.write(row: row.map { SafeOutput.csvCell($0, isNumber: SafeOutput.isPlainNumber($0)) }) }
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

enum Output {
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every string made clean by the one rule (a forged journal entry holds anything).
        return String(decoding: SafeOutput.json(try encoder.encode(value)), as: UTF8.self) + "\n"
    }

    /// Prints `table` or the JSON value, as the user asked.
    static func emit<T: Encodable>(_ format: OutputFormat, table: () -> Table, json value: () -> T) throws {
        switch format {
        case .table: write(table().text())
        case .csv: write(try table().csv())
        case .json: write(try json(value()))
        }
    }

    /// The last gate: whatever a command prints goes through the sanitizer (SafeOutput's rule), to
    /// standard output, or to the member when the jury server runs the command for them.
    static func write(_ text: String) {
        let clean = Sanitizer.text(text)
        if let served = ServedCall.current { served.standardOutput += clean } else { FileHandle.standardOutput.write(Data(clean.utf8)) }
    }

    static func error(_ text: String) {
        let clean = Sanitizer.text(text)
        if let served = ServedCall.current { served.standardError += clean } else { FileHandle.standardError.write(Data(clean.utf8)) }
    }
}
