import CSV
import Foundation
import JuryCore

/// CSV as French spreadsheets open it cleanly: `;` between cells (the comma is the decimal
/// separator), a UTF-8 byte order mark, CRLF line ends. One table a file (every dossier, by
/// default; `export --table` names another of the ODS's sheets). Figures are written as they read
/// (« 4,58 », « 3 % »: a French spreadsheet takes them as numbers), amounts as whole euros
/// (« 100000 »: the header says « € », and with its no-break spaces « 100 000 € » stays text); text
/// that a spreadsheet would run as a formula is kept as text (`SafeOutput.csvCell`).
public enum CSVExport {
    public static let byteOrderMark = Data([0xEF, 0xBB, 0xBF])

    public static func make(_ table: ExportTable) throws -> Data {
        let writer = try CSVWriter(stream: .toMemory(), delimiter: ";", newline: .crlf)
        try writer.write(row: table.headers.map { SafeOutput.csvCell(Sanitizer.line($0), isNumber: false) })
        for row in table.rows {
            try writer.write(row: row.map { cell in
                switch cell {
                case .number(let value, _, .euros): return String(Int(value))
                case .number(_, let shown, _): return SafeOutput.csvCell(shown, isNumber: true)
                case .text(let text): return SafeOutput.csvCell(text, isNumber: false)
                case .empty: return ""
                }
            })
        }
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return byteOrderMark + data + Data("\r\n".utf8)
    }
}
