import JuryCore

/// How much the import reads at most. Each bound follows from what an export of 5 000 dossiers
/// needs, with room to spare (docs/IMPORT.md § Limits, with the sizes they were set against); a
/// file past one is refused with the file, the place and the limit, before the work or the memory
/// it would take. Every count, index and size read from a file is checked against these before it
/// is used, so that no input can make an arithmetic operation trap or an allocation grow unbounded.
public enum ImportLimits {
    /// A file given to the import (the CSV export of 5 000 dossiers weighs about 30 MB).
    public static let fileBytes = 128 << 20
    /// A page of the API holds at most 100 dossiers (about 1.5 MB): tokens and decoding are bounded by it.
    public static let jsonBytes = 32 << 20
    /// One entry of an XLSX or ODS archive, unpacked (the content.xml of an ODS export of 5 000 dossiers
    /// with a dozen members each: about 80 MB).
    public static let entryBytes = 160 << 20
    /// All the entries read from one archive, unpacked.
    public static let archiveBytes = 320 << 20
    /// Entries of an archive, and sheets of a workbook.
    public static let archiveEntries = 1_000
    /// Entries of the platform's ZIP export of pièces justificatives (72 dossiers of a dozen pièces
    /// each: about a thousand), and pièces of one dossier.
    public static let exportEntries = 20_000
    public static let piecesPerDossier = 500
    /// Text kept from one pièce: a 40-page PDF of statutes is about 100 KB of text.
    public static let pieceTextBytes = 256 << 10
    /// pdftotext, run as a child process on one pièce: wall-clock time, address space and CPU time.
    public static let pdfSeconds = 20
    public static let pdfMemoryBytes = 1 << 30
    public static let sheets = 256
    /// The rows and columns an XLSX sheet can address: Excel's sheet, 1 048 576 × 16 384 (XFD).
    public static let sheetRows = 1_048_576
    public static let sheetColumns = 16_384
    /// Rows an ODS file may repeat, blank ones included: LibreOffice's largest (« jumbo ») sheets.
    public static let repeatedRows = 16_777_216
    /// Cells with a value in one file (5 000 dossiers of 90 columns: 450 000).
    public static let cells = 4_000_000
    /// Rows × columns of the table one sheet becomes.
    public static let tableCells = 4_000_000
    /// Bytes of text in one cell (a long answer of the form is a few thousand).
    public static let cellBytes = 1 << 20
    /// Nesting of XML elements (office files use a dozen levels) and attributes of one element
    /// (LibreOffice declares about 40 namespaces on its root).
    public static let xmlDepth = 256
    public static let xmlAttributes = 512

    /// « 128 Mio », "128 MiB", as messages write sizes.
    static func mebibytes(_ bytes: Int, _ l: Language) -> String { "\(bytes >> 20) " + l.text(.mib) }

    /// « 4 000 000 », with the no-break spaces of French.
    static func count(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append("\u{A0}") }
            out.append(digit)
        }
        return out
    }
}
