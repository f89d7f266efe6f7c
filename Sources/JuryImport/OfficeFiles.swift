import Foundation
import JuryCore
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
            throw StoreFailure([ImportProblem.at(url, Localized(.unreadableZIPArchiveTruncatedOrDamagedFile))])
        }
        self.url = url
        size = data.count
        var count = 0
        for _ in archive {
            count += 1
            guard count <= ImportLimits.exportEntries else {
                throw StoreFailure([ImportProblem.at(url, Localized(.archiveOfMoreThanEntriesNeitherA, ["exportEntries": ImportLimits.count(ImportLimits.exportEntries)]))])
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
        func refuse(_ message: Localized) -> StoreFailure { StoreFailure([ImportProblem.at(url, path: path, message)]) }
        guard entry.type == .file else { throw refuse(Localized(.entryThatIsNotAFileDamaged)) }
        // Sizes as the archive declares them: refused at once when too large, then held to as it unpacks.
        let declared = entry.uncompressedSize
        guard declared <= UInt64(ImportLimits.entryBytes) else {
            throw refuse(Localized { l in
                l.text(.entryOverTheLimitOnceUnpacked, ["size": ImportLimits.mebibytes(Int(clamping: declared), l), "limit": ImportLimits.mebibytes(ImportLimits.entryBytes, l)])
            })
        }
        guard unpacked + Int(declared) <= ImportLimits.archiveBytes else {
            throw refuse(Localized { l in l.text(.archiveExceedsOnceUnpacked, ["limit": ImportLimits.mebibytes(ImportLimits.archiveBytes, l)]) })
        }
        guard entry.compressedSize <= UInt64(size) else { throw refuse(Localized(.compressedSizeLargerThanTheFileDamaged)) }
        let limit = Int(declared)
        var data = Data()
        data.reserveCapacity(limit)
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard data.count + chunk.count <= limit else { throw LongerThanDeclared() }
                data.append(chunk)
            }
        } catch is LongerThanDeclared {
            throw refuse(Localized(.entryLongerThanTheSizeTheArchive, ["limit": ImportLimits.count(limit)]))
        } catch {
            throw refuse(Localized(.unreadableEntryInTheArchiveDamagedFile))
        }
        guard data.count == limit else { throw refuse(Localized(.entryShorterThanTheSizeTheArchive)) }
        unpacked += data.count
        return data
    }

    private struct LongerThanDeclared: Error {}
}
