/// A pièce justificative of a dossier, as the platform's ZIP export gives it: its bytes are kept in
/// the campaign under their digest (`attachments/<number>/<sha256>`, docs/IMPORT.md) and its text is
/// read once, when it is imported, so that reading a dossier never runs a converter again. It belongs
/// to its dossier: whoever may not learn anything about the dossier receives nothing of it.
public struct Piece: Codable, Sendable, Equatable {
    /// The file's name in the export (its last path component).
    public var name: String
    /// SHA-256 of the bytes, 64 lowercase hexadecimal digits: the stored file's name.
    public var sha256: String
    /// Size in bytes.
    public var size: Int
    /// What the file is, from its content: `pdf`, `xlsx`, `ods`, `png`, `jpeg`… (`autre` when unknown).
    public var type: String
    /// A PDF's pages.
    public var pages: Int?
    /// The text read from it (a PDF's text, a workbook's sheets as tables); nil when it has none.
    public var text: String?
    /// Why there is no text, or why it is cut (« illisible : … », « texte tronqué à … »).
    public var note: String?

    public init(name: String, sha256: String, size: Int, type: String, pages: Int? = nil, text: String? = nil, note: String? = nil) {
        self.name = name
        self.sha256 = sha256
        self.size = size
        self.type = type
        self.pages = pages
        self.text = text
        self.note = note
    }

    /// The stored file's name is the digest: nothing else may reach a path.
    public static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// « PDF, 3 pages, 12 Ko »: what the pièce is, for a heading.
    public func summary(_ l: Language) -> String {
        // « autre » is the code the import stores for a type it does not know (`PieceText.kind`).
        var parts = [type == "autre" ? l.text(.pieceOfAnotherType) : type.uppercased()]
        if let pages { parts.append(l.text(.pieceLength, ["pages": pages])) }
        parts.append(Labels.fileSize(size, l))
        return parts.joined(separator: ", ")
    }
}

extension Dossier {
    /// The pièces justificatives imported from the platform's ZIP export (none before one is imported).
    public var justificatives: [Piece] { pieces ?? [] }
}
