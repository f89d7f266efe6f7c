import Foundation
import JuryCore
import JuryStore
import ZIPFoundation

/// The platform's ZIP export of dossiers (« Télécharger tous les dossiers », or one dossier's
/// « Télécharger le dossier et toutes ses pièces jointes »): per dossier a folder `dossier-<number>`,
/// at any depth (export templates change the top folder), holding the dossier's PDF and its pièces,
/// directly or under `pieces_justificatives/`. Every entry's name is hostile: one that would leave
/// the archive (`..`, an absolute path) or that is a link refuses the whole file, naming it; names
/// are never paths here — a pièce is kept under its digest (docs/IMPORT.md).
enum PieceArchive {
    /// A file found in a dossier's folder, its bytes unpacked and counted (`ZipPackage.data`).
    struct Found: Sendable {
        var number: Int
        var name: String
        /// Where it is in the archive, for messages.
        var entry: String
        var data: Data
    }

    /// Whether the archive has at least one `dossier-<number>` folder.
    static func isExport(_ package: ZipPackage) -> Bool {
        package.archive.contains { dossier(in: $0.path) != nil }
    }

    static func read(_ package: ZipPackage) throws(StoreFailure) -> [Found] {
        let url = package.url
        var problems: [StoreProblem] = [], found: [Found] = [], perDossier: [Int: Int] = [:]
        for entry in package.archive {
            let path = entry.path
            func refuse(_ message: Localized) { problems.append(ImportProblem.at(url, path: path, message)) }
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            if path.hasPrefix("/") || path.contains("\\") || path.contains("\0") || (path.count > 1 && path.dropFirst().hasPrefix(":")) {
                refuse(Localized(.absolutePathOrAnotherSystemsEntryRefused))
                continue
            }
            if parts.contains("..") {
                refuse(Localized(.pathLeavingTheArchiveEntryRefused))
                continue
            }
            switch entry.type {
            case .symlink:
                refuse(Localized(.symbolicLinkEntryRefused))
                continue
            case .directory: continue
            case .file: break
            }
            guard let number = dossier(in: path), let name = parts.last.map(String.init), !name.isEmpty else { continue }
            guard !name.hasPrefix(".") else { continue }
            perDossier[number, default: 0] += 1
            guard perDossier[number]! <= ImportLimits.piecesPerDossier else {
                if perDossier[number] == ImportLimits.piecesPerDossier + 1 {
                    refuse(Localized(.moreThanPiecesForDossierNoLimit, ["piecesPerDossier": ImportLimits.piecesPerDossier, "number": number]))
                }
                continue
            }
            do throws(StoreFailure) {
                guard let data = try package.data(path) else { continue }
                found.append(Found(number: number, name: Sanitizer.line(name), entry: Sanitizer.line(path), data: data))
            } catch {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw StoreFailure(problems) }
        return found
    }

    /// The number of the innermost `dossier-<number>` folder of an entry (never its file name).
    static func dossier(in path: String) -> Int? {
        path.split(separator: "/").dropLast().reversed().lazy.compactMap { part -> Int? in
            guard part.hasPrefix("dossier-") else { return nil }
            let digits = part.dropFirst("dossier-".count)
            guard (1...9).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits), number > 0
            else { return nil }
            return number
        }.first
    }
}
