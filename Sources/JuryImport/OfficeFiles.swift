import Foundation
import JuryStore
import ZIPFoundation

/// An XLSX or ODS file: a ZIP archive of XML documents. What the archive says of itself (its
/// entries, their sizes) is checked before anything is unpacked, and what is unpacked is counted
/// as it comes: a small hostile file cannot make the import fill the memory or run for long.
final class ZipPackage {
    let archive: Archive
    let url: URL
    private let size: Int
    /// Bytes unpacked so far, all entries together.
    private var unpacked = 0

    /// `data` is the file's content as read; the archive is read from the file itself: ZIPFoundation's
    /// in-memory archive traps on an offset past its end (found by the fuzz test), its file-backed one
    /// reads nothing there and reports the archive as broken.
    init(_ data: Data, _ url: URL) throws(StoreFailure) {
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw StoreFailure([ImportProblem.at(url, "archive ZIP illisible (fichier tronqué ou abîmé ?)",
                                                 "unreadable ZIP archive (truncated or damaged file?)")])
        }
        self.url = url
        size = data.count
        var count = 0
        for _ in archive {
            count += 1
            guard count <= ImportLimits.exportEntries else {
                throw StoreFailure([ImportProblem.at(url, "archive de plus de \(ImportLimits.count(ImportLimits.exportEntries)) éléments : "
                    + "ni un classeur ni un export de pièces justificatives (limite \(ImportLimits.count(ImportLimits.exportEntries)))",
                    "archive of more than \(ImportLimits.count(ImportLimits.exportEntries)) entries: neither a workbook nor an export "
                    + "of pièces justificatives (limit \(ImportLimits.count(ImportLimits.exportEntries)))")])
            }
        }
        entries = count
    }

    /// How many entries the archive holds (at most `ImportLimits.exportEntries`).
    let entries: Int

    func contains(_ path: String) -> Bool { archive[path] != nil }

    /// The entry's bytes, or nil when the archive has no such entry.
    func data(_ path: String) throws(StoreFailure) -> Data? {
        guard let entry = archive[path] else { return nil }
        func refuse(_ fr: String, _ en: String) -> StoreFailure { StoreFailure([ImportProblem.at(url, path: path, fr, en)]) }
        guard entry.type == .file else { throw refuse("élément qui n’est pas un fichier (archive abîmée ?)", "entry that is not a file (damaged archive?)") }
        // Sizes as the archive declares them: refused at once when too large, then held to as it unpacks.
        let declared = entry.uncompressedSize
        guard declared <= UInt64(ImportLimits.entryBytes) else {
            throw refuse("élément de \(ImportLimits.mebibytes(Int(clamping: declared), .fr)) une fois décompressé, "
                             + "\(ImportLimits.mebibytes(ImportLimits.entryBytes, .fr)) au plus",
                         "entry of \(ImportLimits.mebibytes(Int(clamping: declared), .en)) once unpacked, "
                             + "\(ImportLimits.mebibytes(ImportLimits.entryBytes, .en)) at most")
        }
        guard unpacked + Int(declared) <= ImportLimits.archiveBytes else {
            throw refuse("l’archive dépasse \(ImportLimits.mebibytes(ImportLimits.archiveBytes, .fr)) une fois décompressée",
                         "the archive exceeds \(ImportLimits.mebibytes(ImportLimits.archiveBytes, .en)) once unpacked")
        }
        guard entry.compressedSize <= UInt64(size) else { throw refuse("taille compressée plus grande que le fichier (archive abîmée ?)",
                                                                         "compressed size larger than the file (damaged archive?)") }
        let limit = Int(declared)
        var data = Data()
        data.reserveCapacity(limit)
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard data.count + chunk.count <= limit else { throw LongerThanDeclared() }
                data.append(chunk)
            }
        } catch is LongerThanDeclared {
            throw refuse("élément plus long que la taille qu’annonce l’archive (\(ImportLimits.count(limit)) octets) : archive abîmée ou falsifiée",
                         "entry longer than the size the archive states (\(ImportLimits.count(limit)) bytes): damaged or forged archive")
        } catch {
            throw refuse("élément illisible dans l’archive (fichier abîmé ?)", "unreadable entry in the archive (damaged file?)")
        }
        guard data.count == limit else { throw refuse("élément plus court que la taille qu’annonce l’archive (archive abîmée ?)",
                                                      "entry shorter than the size the archive states (damaged archive?)") }
        unpacked += data.count
        return data
    }

    private struct LongerThanDeclared: Error {}
}
