import CSV
import Foundation
import JuryCore

/// CSV as French spreadsheets open it cleanly (guide §8): `;` between cells (the comma is the
/// decimal separator), a UTF-8 byte order mark, CRLF line ends. One row per dossier.
public enum CSVExport {
    public static let byteOrderMark = Data([0xEF, 0xBB, 0xBF])

    public static func make(_ tables: ReportTables) throws -> Data {
        let table = tables.all
        let writer = try CSVWriter(stream: .toMemory(), delimiter: ";", newline: .crlf)
        try writer.write(row: table.headers.map(Sanitizer.line))
        for row in table.rows { try writer.write(row: row.map { Sanitizer.text($0.shown) }) }
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return byteOrderMark + data + Data("\r\n".utf8)
    }
}
