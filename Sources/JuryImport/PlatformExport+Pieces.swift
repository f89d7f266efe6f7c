import Foundation
import JuryCore
import ZIPFoundation

extension PlatformExport {
    /// The ZIP export of dossiers with their pièces justificatives, laid out as the platform's export
    /// lays it out: `export/dossier-<number>/` holding the dossier's PDF, and its pièces under
    /// `pieces_justificatives/`. Each pièce is a real PDF (`pdf(pages:)`) whose text comes from the
    /// dossier, so that what the import reads back can be checked. For the tests and the benchmark.
    public static func piecesZip(_ dossiers: [Dossier], date: Date) throws -> Data {
        var entries: [(path: String, data: Data)] = []
        for d in dossiers {
            let folder = "export/dossier-\(d.number)/"
            entries.append((folder + "dossier-\(d.number)-20230731-120000.pdf", pdf(pages: [
                "Dossier n° \(d.number) — \(d.name)\n\(d.structure.raisonSociale) (\(d.structure.legalForm)), SIRET \(d.structure.siret)\n"
                    + "\(d.address.commune), \(d.address.region.name)",
                d.narrative.presentation,
            ])))
            let pieces = folder + "pieces_justificatives/"
            entries.append((pieces + "statuts-\(d.number).pdf", pdf(pages: [
                "Statuts de \(d.structure.raisonSociale)\nGouvernance", d.narrative.cooperation, d.narrative.animation,
            ])))
            entries.append((pieces + "budget-previsionnel.pdf", pdf(pages: [
                "Budget prévisionnel\nBudget du programme : \(Money.format(d.budget.total))\nMontant demandé : \(Money.format(d.budget.requested))\n"
                    + d.budget.cofinancing.map { "\($0.source) : \(Money.format($0.amount))" }.joined(separator: "\n"),
                d.narrative.economicModel,
            ])))
            entries.append((pieces + "lettres-engagement.pdf", pdf(pages: [
                "Lettres d’engagement des membres\n" + d.members.map { "\($0.name) s’engage dans le pôle." }.joined(separator: "\n"),
            ])))
            entries.append((pieces + "impact.pdf", pdf(pages: [d.narrative.impact, d.narrative.scaling])))
        }
        return try zip(entries, date: date)
    }

    /// A ZIP archive of these files, deflated and dated `date`.
    public static func zip(_ entries: [(path: String, data: Data)], date: Date) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    /// A minimal PDF of A4 pages in Helvetica, one page per text, its lines cut at 90 characters,
    /// written with the WinAnsi encoding (French accents, ’, œ and € included).
    public static func pdf(pages: [String]) -> Data {
        var objects: [Data] = []
        let pageCount = max(pages.count, 1)
        let font = 3 + 2 * pageCount
        objects.append(Data("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        let kids = (0..<pageCount).map { "\(3 + 2 * $0) 0 R" }.joined(separator: " ")
        objects.append(Data("<< /Type /Pages /Kids [\(kids)] /Count \(pageCount) >>".utf8))
        for (index, text) in (pages.isEmpty ? [""] : pages).enumerated() {
            objects.append(Data(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents \(4 + 2 * index) 0 R "
                + "/Resources << /Font << /F1 \(font) 0 R >> >> >>").utf8))
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                .flatMap { DisplayWidth.wrap(String($0), width: 90) }.prefix(60)
            var stream = Data("BT /F1 10 Tf 12 TL 50 800 Td".utf8)
            for line in lines { stream += Data(" (".utf8) + winAnsi(line) + Data(") Tj T*".utf8) }
            stream += Data(" ET".utf8)
            objects.append(Data("<< /Length \(stream.count) >>\nstream\n".utf8) + stream + Data("\nendstream".utf8))
        }
        objects.append(Data("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".utf8))
        var out = Data("%PDF-1.4\n".utf8), offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.count)
            out += Data("\(index + 1) 0 obj\n".utf8) + object + Data("\nendobj\n".utf8)
        }
        let xref = out.count
        out += Data("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets { out += Data((String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n").utf8) }
        out += Data("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return out
    }

    /// A string of a PDF content stream: WinAnsi bytes, ( ) \ escaped; what WinAnsi lacks becomes « ? ».
    private static func winAnsi(_ text: String) -> Data {
        let extra: [Unicode.Scalar: UInt8] = ["€": 0x80, "‚": 0x82, "„": 0x84, "…": 0x85, "’": 0x92, "‘": 0x91, "“": 0x93,
                                              "”": 0x94, "–": 0x96, "—": 0x97, "œ": 0x9C, "Œ": 0x8C, "\u{202F}": 0xA0]
        var out = Data()
        for scalar in text.unicodeScalars {
            let byte: UInt8 = scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) ? UInt8(scalar.value) : extra[scalar] ?? 0x3F
            if [0x28, 0x29, 0x5C].contains(byte) { out.append(0x5C) }
            out.append(byte < 0x20 ? 0x20 : byte)
        }
        return out
    }
}
