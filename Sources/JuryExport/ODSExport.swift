import Foundation
import JuryCore
import ZIPFoundation

/// An OpenDocument spreadsheet (the format the Référentiel Général d'Interopérabilité recommends):
/// a ZIP whose first entry is `mimetype`, stored uncompressed, then the manifest, the content and
/// the styles. Sheets: laureates, waitlist, every dossier, means per criterion. Every figure has a
/// number format (two decimals for scores and disagreement, per cent for probabilities, euros for
/// amounts), so that it reads as the CSV and the screens show it; text is always a text cell (a
/// spreadsheet never runs it); a cell with nothing in it is empty.
public enum ODSExport {
    public static let mimeType = "application/vnd.oasis.opendocument.spreadsheet"

    /// The spreadsheet's bytes: the caller writes them where the member asked, as theirs.
    public static func make(_ tables: ReportTables, at date: Date) throws -> Data {
        try make([tables.laureates, tables.waitlist, tables.notSelected, tables.all, tables.criterionMeans, tables.sessions,
                  tables.seanceDecisions, tables.acknowledgements, tables.summary], title: tables.report.campaign.title,
                 language: tables.language, at: date)
    }

    static func make(_ sheets: [ExportTable], title: String, language: Language, at date: Date) throws -> Data {
        // In memory: the export may be made on the jury server, which writes no file for a member.
        let archive = try Archive(accessMode: .create)
        let entries: [(String, String, CompressionMethod)] = [
            ("mimetype", mimeType, .none),
            ("META-INF/manifest.xml", manifest, .deflate),
            ("content.xml", content(sheets, language: language), .deflate),
            ("styles.xml", styles, .deflate),
            ("meta.xml", meta(Sanitizer.line(title), date), .deflate),
        ]
        for (path, text, compression) in entries {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                 compressionMethod: compression) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
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
        xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" \
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

    static func content(_ sheets: [ExportTable], language: Language = .fr) -> String {
        // The number formats in the export's language: LibreOffice then writes « 4,58 » in French, « 4.58 » in English.
        let locale = language == .fr ? #"number:language="fr" number:country="FR""# : #"number:language="en" number:country="GB""#
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content \(namespaces)>
             <office:automatic-styles>
              <number:number-style style:name="N0" \(locale)><number:number number:decimal-places="0" number:min-integer-digits="1"/></number:number-style>
              <number:number-style style:name="N2" \(locale)><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/></number:number-style>
              <number:percentage-style style:name="NP" \(locale)><number:number number:decimal-places="0" number:min-integer-digits="1"/><number:text>\(language == .fr ? "\u{A0}" : "")%</number:text></number:percentage-style>
              <number:currency-style style:name="NE" \(locale)><number:number number:decimal-places="0" number:min-integer-digits="1" number:grouping="true"/><number:text>\u{A0}</number:text><number:currency-symbol number:language="fr" number:country="FR">€</number:currency-symbol></number:currency-style>
              <style:style style:name="header" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>
              <style:style style:name="integer" style:family="table-cell" style:data-style-name="N0"/>
              <style:style style:name="decimal" style:family="table-cell" style:data-style-name="N2"/>
              <style:style style:name="percent" style:family="table-cell" style:data-style-name="NP"/>
              <style:style style:name="euros" style:family="table-cell" style:data-style-name="NE"/>
             </office:automatic-styles>
             <office:body><office:spreadsheet>

            """
        for sheet in sheets {
            xml += "  <table:table table:name=\"\(escape(sheetName(sheet.name)))\">\n"
            xml += "   <table:table-column table:number-columns-repeated=\"\(sheet.headers.count)\"/>\n"
            xml += "   <table:table-row>" + sheet.headers.map { cell(.text($0), style: "header") }.joined() + "</table:table-row>\n"
            for row in sheet.rows { xml += "   <table:table-row>" + row.map { cell($0) }.joined() + "</table:table-row>\n" }
            xml += "  </table:table>\n"
        }
        return xml + " </office:spreadsheet></office:body>\n</office:document-content>\n"
    }

    /// A sheet's name: one clean line, without the characters spreadsheets refuse in one.
    private static func sheetName(_ name: String) -> String {
        String(Sanitizer.line(name).filter { !"[]*?:/\\'".contains($0) }.prefix(31))
    }

    private static func cell(_ cell: Cell, style: String? = nil) -> String {
        switch cell {
        case .empty:
            return "<table:table-cell/>"
        case .text(let text) where Sanitizer.text(text).isEmpty:
            return "<table:table-cell/>"
        case let .number(value, shown, format):
            guard value.isFinite else { return "<table:table-cell/>" }
            let (type, extra, name): (String, String, String)
            switch format {
            case .integer: (type, extra, name) = ("float", "", "integer")
            case .decimal: (type, extra, name) = ("float", "", "decimal")
            case .percent: (type, extra, name) = ("percentage", "", "percent")
            case .euros: (type, extra, name) = ("currency", #" office:currency="EUR""#, "euros")
            }
            return "<table:table-cell table:style-name=\"\(style ?? name)\" office:value-type=\"\(type)\"\(extra) office:value=\"\(value)\">"
                + "<text:p>\(escape(Sanitizer.line(shown)))</text:p></table:table-cell>"
        case .text(let text):
            let styled = style.map { " table:style-name=\"\($0)\"" } ?? ""
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
