import Foundation
import JuryCore
import ZIPFoundation

/// An OpenDocument spreadsheet (the format the Référentiel Général d'Interopérabilité recommends):
/// a ZIP whose first entry is `mimetype`, stored uncompressed, then the manifest, the content and
/// the styles. Sheets: laureates, waitlist, every dossier, means per criterion.
public enum ODSExport {
    public static let mimeType = "application/vnd.oasis.opendocument.spreadsheet"

    public static func write(_ tables: ReportTables, to url: URL, at date: Date) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        let sheets = [tables.laureates, tables.waitlist, tables.all, tables.criterionMeans]
        let entries: [(String, String, CompressionMethod)] = [
            ("mimetype", mimeType, .none),
            ("META-INF/manifest.xml", manifest, .deflate),
            ("content.xml", content(sheets), .deflate),
            ("styles.xml", styles, .deflate),
            ("meta.xml", meta(tables.report.campaign.title, date), .deflate),
        ]
        for (path, text, compression) in entries {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                 compressionMethod: compression) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    private static let manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
         <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="\(mimeType)"/>
         <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
         <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
         <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
        </manifest:manifest>

        """

    private static let namespaces = """
        xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" \
        xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" \
        xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"
        """

    private static let styles = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-styles \(namespaces)>
         <office:styles>
          <style:default-style style:family="table-cell"><style:text-properties fo:font-size="10pt"/></style:default-style>
         </office:styles>
        </office:document-styles>

        """

    private static func meta(_ title: String, _ date: Date) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-meta \(namespaces)>
         <office:meta><dc:title>\(escape(title))</dc:title><dc:date>\(ISO8601DateFormatter().string(from: date))</dc:date>\
        <meta:generator>ptce-jury</meta:generator></office:meta>
        </office:document-meta>

        """
    }

    static func content(_ sheets: [ExportTable]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content \(namespaces)>
             <office:automatic-styles>
              <style:style style:name="header" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>
             </office:automatic-styles>
             <office:body><office:spreadsheet>

            """
        for sheet in sheets {
            xml += "  <table:table table:name=\"\(escape(sheet.name))\">\n"
            xml += "   <table:table-column table:number-columns-repeated=\"\(sheet.headers.count)\"/>\n"
            xml += "   <table:table-row>" + sheet.headers.map { cell(.text($0), style: "header") }.joined() + "</table:table-row>\n"
            for row in sheet.rows { xml += "   <table:table-row>" + row.map { cell($0) }.joined() + "</table:table-row>\n" }
            xml += "  </table:table>\n"
        }
        return xml + " </office:spreadsheet></office:body>\n</office:document-content>\n"
    }

    private static func cell(_ cell: Cell, style: String? = nil) -> String {
        let styled = style.map { " table:style-name=\"\($0)\"" } ?? ""
        switch cell {
        case .empty:
            return "<table:table-cell\(styled)/>"
        case let .number(value, shown):
            return "<table:table-cell\(styled) office:value-type=\"float\" office:value=\"\(value)\"><text:p>\(escape(shown))</text:p></table:table-cell>"
        case .text(let text):
            // One paragraph per line: a motivation keeps its line breaks.
            let paragraphs = Sanitizer.text(text).split(separator: "\n", omittingEmptySubsequences: false)
                .map { "<text:p>\(escape(String($0)))</text:p>" }.joined()
            return "<table:table-cell\(styled) office:value-type=\"string\">\(paragraphs)</table:table-cell>"
        }
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}
