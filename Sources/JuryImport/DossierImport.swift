import Foundation
import JuryCore
import JuryStore

/// Imports the dossiers of Démarches Simplifiées exports into a campaign. The DS number is a
/// dossier's identity: a dossier already in the campaign is updated in place (its score sheets,
/// conflicts and decisions, all keyed by number, are untouched), a new one is added, and one
/// that no file has any more is reported and kept.
public struct DossierImport: Sendable {
    public let mapping: ImportMapping
    public let language: Language

    /// A file given to the import may not be larger than this (see `ImportLimits`).
    public static let maxFileBytes = ImportLimits.fileBytes

    public init(mapping: ImportMapping = .ptceDefault(), language: Language = .fr) {
        self.mapping = mapping
        self.language = language
    }

    /// What the import makes of the campaign's dossiers: the list to save and the report.
    public struct Plan: Codable, Sendable {
        /// Every dossier of the campaign after the import, the vanished ones included.
        public var dossiers: [Dossier]
        public var report: ImportReport
        /// Whether anything differs from the campaign as it is.
        public var changes: Bool
        /// The bytes of the pièces justificatives read, by digest.
        var pieceFiles: [String: Data] = [:]

        /// Saves the dossiers if anything changed (one atomic rewrite of dossiers.json, the pièces stored
        /// and journaled first, in the name of the store's actor); the report says whether it did.
        public func save(to store: CampaignStore) throws(StoreFailure) -> ImportReport {
            var report = self.report
            if changes {
                if pieceFiles.isEmpty { try store.saveDossiers(dossiers) } else {
                    try store.saveDossiers(dossiers, pieceFiles: pieceFiles, by: store.actor)
                }
                report.written = true
            }
            return report
        }
    }

    /// Reads the files and works out what would change; writes nothing. Bad input fails here,
    /// naming the file and the place in it.
    public func plan(_ files: [URL], existing: [Dossier]) throws(StoreFailure) -> Plan {
        let reader = ValueReader(rules: mapping.reading, language: language)
        let sources = try read(files, reader)
        var report = ImportReport()
        report.files = files.map(\.relativePath)
        report.mapping = mapping.title
        report.skipped = sources.skipped
        report.notes = sources.notes
        report.unknownTypeChamps = sources.unknownTypes.champs
        report.read = sources.dossiers.count + sources.skipped.count

        var builder = DossierBuilder(mapping: mapping, reader: reader)
        let before = Dictionary(existing.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        var after = before
        var origins: [Int: String] = [:]
        // The first of each number is built, on every core, by runs of dossiers in order; the findings of the
        // runs are added in the same order, so that the report is the one a single pass would make.
        var seen = Set<Int>()
        let firsts = sources.dossiers.map { seen.insert($0.number).inserted }
        let mapping = self.mapping, language = self.language, all = sources.dossiers
        let runs = Results<BuiltRun>.pieces(of: Array(all.indices), size: 250) { indices in
            var builder = DossierBuilder(mapping: mapping, reader: ValueReader(rules: mapping.reading, language: language))
            let built = indices.map { index -> (Dossier, [ImportReport.UnreadableValue])? in
                guard firsts[index] else { return nil }
                let result = builder.build(all[index], over: before[all[index].number])
                return (result.dossier.sanitized(), result.unreadable)
            }
            return BuiltRun(dossiers: built, findings: builder.findings)
        }
        for run in runs { builder.add(run.findings) }
        let built = runs.flatMap(\.dossiers)
        for (source, result) in zip(sources.dossiers, built) {
            if let first = origins[source.number] {
                report.skipped.append(.init(number: source.number, origin: source.origin, reason: language.text(.duplicateAlreadyReadIn, ["place": first])))
                continue
            }
            origins[source.number] = source.origin
            let old = before[source.number]
            guard let (dossier, unreadable) = result else { continue }
            report.unreadable += unreadable
            let problems = dossier.problems(at: 0)
            guard problems.isEmpty else {
                report.skipped.append(.init(number: source.number, origin: source.origin,
                                            reason: problems.map { $0.message.text(language) }.joined(separator: " ; ")))
                continue
            }
            if let old {
                if old == dossier {
                    report.unchanged.append(source.number)
                    continue
                }
                report.updated.append(.init(number: source.number, fields: changedFields(old, dossier)))
            } else {
                report.created.append(source.number)
            }
            after[source.number] = dossier
        }
        // An export of pièces alone names no dossier as vanished: it does not list the dossiers.
        if sources.holdDossiers { report.vanished = before.keys.filter { origins[$0] == nil }.sorted() }
        report.unmappedChamps = builder.unmappedChamps
        report.missingChamps = sources.dossiers.isEmpty ? [] : builder.missingChamps
        let pieceFiles = try attach(sources.pieces, to: &after, &report)
        let changes = !report.created.isEmpty || !report.updated.isEmpty
        return Plan(dossiers: after.values.sorted { $0.number < $1.number }, report: report.sanitized(), changes: changes,
                    pieceFiles: pieceFiles)
    }

    /// The pièces of the ZIP exports, their text read (on every core), given to their dossiers: each
    /// dossier the exports hold gets the pièces they hold for it, in their order, once each. A pièce of
    /// a dossier the campaign does not have is reported. Returns the bytes of the pièces that changed.
    private func attach(_ found: [PieceArchive.Found], to dossiers: inout [Int: Dossier],
                        _ report: inout ImportReport) throws(StoreFailure) -> [String: Data] {
        guard !found.isEmpty else { return [:] }
        let l = language
        let reader = try PieceText(language: l)
        defer { reader.remove() }
        let pieces = Results<Piece>.map(Array(found.enumerated())) { reader.piece($0.element, index: $0.offset) }
        report.pieces = found.count
        var byDossier: [Int: [Piece]] = [:], order: [Int] = []
        var files: [String: Data] = [:]
        for (item, piece) in zip(found, pieces) {
            if byDossier[item.number] == nil { order.append(item.number) }
            if !byDossier[item.number, default: []].contains(where: { $0.sha256 == piece.sha256 && $0.name == piece.name }) {
                byDossier[item.number, default: []].append(piece)
            }
            files[piece.sha256] = item.data
            if dossiers[item.number] != nil, let note = piece.note, piece.text == nil {
                report.notes.append(l.text(.noDocumentKeptWithoutItsText, ["number": item.number, "entry": item.entry, "note": note]))
            }
        }
        var kept: [String: Data] = [:]
        var unknown: [Int] = []
        for number in order {
            guard var dossier = dossiers[number] else {
                unknown.append(number)
                continue
            }
            let new = byDossier[number] ?? []
            guard dossier.justificatives != new else { continue }
            dossier.pieces = new
            dossiers[number] = dossier
            for piece in new { kept[piece.sha256] = files[piece.sha256] }
            let field = FieldNames.of("pieces", l)
            if let index = report.unchanged.firstIndex(of: number) {
                report.unchanged.remove(at: index)
                report.updated.append(.init(number: number, fields: [field]))
            } else if let index = report.updated.firstIndex(where: { $0.number == number }) {
                report.updated[index].fields.append(field)
            } else if !report.created.contains(number) {
                report.updated.append(.init(number: number, fields: [field]))
            }
        }
        report.updated.sort { $0.number < $1.number }
        for number in unknown {
            let names = found.filter { $0.number == number }.map(\.name)
            report.notes.append(l.text(.documentsOfAnUnknownDossierNotImported, ["number": number, "pieces": names.joined(separator: ", ")]))
        }
        return kept
    }

    /// Dossiers built from a run of sources (nil for a number already met), and what the run found.
    private struct BuiltRun: Sendable {
        var dossiers: [(Dossier, [ImportReport.UnreadableValue])?]
        var findings: DossierBuilder.Findings
    }

    private func changedFields(_ old: Dossier, _ new: Dossier) -> [String] {
        let fields: [(String, Bool)] = [
            ("name", old.name != new.name), ("structure", old.structure != new.structure), ("address", old.address != new.address),
            ("territory", old.territory != new.territory), ("creationYear", old.creationYear != new.creationYear),
            ("phase1Year", old.phase1Year != new.phase1Year), ("sector", old.sector != new.sector),
            ("members", old.members != new.members), ("jobs", old.jobs != new.jobs), ("budget", old.budget != new.budget),
            ("narrative", old.narrative != new.narrative), ("attachments", old.attachments != new.attachments),
            ("state", old.state != new.state), ("filedAt", old.filedAt != new.filedAt),
        ]
        return fields.filter(\.1).map { FieldNames.of($0.0, language) }
    }

    // MARK: - Files

    private struct Sources {
        var dossiers: [SourceDossier] = []
        /// Some file lists dossiers (pages or sheets), not only pièces.
        var holdDossiers = false
        var pieces: [PieceArchive.Found] = []
        var skipped: [ImportReport.Skip] = []
        var notes: [String] = []
        var unknownTypes = UnknownTypes()
    }

    /// What one file holds.
    private enum Content: Sendable {
        case page(GraphQLReader.Page)
        case tables([SheetTable])
        case pieces([PieceArchive.Found])
    }

    /// Every file is read before anything is decided; the problems of all of them are reported together.
    private func read(_ files: [URL], _ reader: ValueReader) throws(StoreFailure) -> Sources {
        // On all cores: decoding the API's JSON is most of an import's time.
        let contents = Results<Result<Content, StoreFailure>>.map(files) { file in
            Result { () throws(StoreFailure) in try content(of: file) }
        }
        var sources = Sources()
        var problems: [StoreProblem] = []
        var tables: [SheetTable] = []
        var pagesLeft: [Bool?] = []
        for result in contents {
            switch result {
            case .success(.page(let page)):
                sources.holdDossiers = true
                sources.dossiers += page.dossiers
                pagesLeft.append(page.hasNextPage)
                for champ in page.unknownTypes { sources.unknownTypes.add(champ, dossiers: champ.dossiers) }
            case .success(.tables(let sheets)):
                sources.holdDossiers = true
                tables += sheets
            case .success(.pieces(let found)): sources.pieces += found
            case .failure(let failure): problems += failure.problems
            }
        }
        if !tables.isEmpty && problems.isEmpty {
            do throws(StoreFailure) {
                let sheets = try SpreadsheetReader(mapping: mapping, reader: reader).read(tables)
                sources.dossiers += sheets.dossiers
                sources.skipped += sheets.skipped
                sources.notes += sheets.notes
            } catch {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw StoreFailure(problems) }
        if !pagesLeft.isEmpty && pagesLeft.allSatisfy({ $0 == true }) {
            sources.notes.append(language.text(.everyJSONPageAnnouncesANextOne))
        }
        return sources
    }

    private func content(of url: URL) throws(StoreFailure) -> Content {
        let data = try DossierImport.load(url)
        switch try Format.of(data, url) {
        case .json:
            guard data.count <= ImportLimits.jsonBytes else {
                throw StoreFailure([ImportProblem.at(url, Localized { l in
                    l.text(.jsonPageOverTheLimit, ["size": ImportLimits.mebibytes(data.count, l), "limit": ImportLimits.mebibytes(ImportLimits.jsonBytes, l)])
                })])
            }
            return .page(try GraphQLReader(mapping: mapping).read(data, url))
        case .csv: return .tables([try CSVTable.read(data, url)])
        case .xlsx(let package): return .tables(try filled(XLSXReader.read(package), url))
        case .ods(let package): return .tables(try filled(ODSReader.read(package), url))
        case .pieces(let package): return .pieces(try PieceArchive.read(package))
        }
    }

    private func filled(_ sheets: [SheetTable], _ url: URL) throws(StoreFailure) -> [SheetTable] {
        guard !sheets.isEmpty else { throw StoreFailure([ImportProblem.at(url, Localized(.workbookWithoutAnyFilledSheet))]) }
        return sheets
    }

    /// The file's bytes, its size checked first.
    static func load(_ url: URL) throws(StoreFailure) -> Data {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        } catch {
            throw StoreFailure([ImportProblem.at(url, Localized(.fileNotFoundOrUnreadable))])
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw StoreFailure([ImportProblem.at(url, Localized(.isNotARegularFile))])
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxFileBytes else {
            throw StoreFailure([ImportProblem.at(url, Localized { l in
                l.text(.fileTooLargeOfAtMost, ["size": ImportLimits.mebibytes(size, l), "limit": ImportLimits.mebibytes(maxFileBytes, l)])
            })])
        }
        do {
            // Read up to one byte past the limit: a file that grew since it was measured is still refused.
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            let data = try handle.read(upToCount: maxFileBytes + 1) ?? Data()
            guard data.count <= maxFileBytes else {
                throw StoreFailure([ImportProblem.at(url, Localized { l in
                    l.text(.fileTooLargeAtMost, ["limit": ImportLimits.mebibytes(maxFileBytes, l)])
                })])
            }
            return data
        } catch let failure as StoreFailure {
            throw failure
        } catch {
            throw StoreFailure([ImportProblem.at(url, Localized(.cannotReadBecause, ["reason": error.localizedDescription]))])
        }
    }
}

/// What a file holds, from its first bytes rather than its name.
enum Format {
    case json, csv
    case xlsx(ZipPackage), ods(ZipPackage)
    /// The platform's ZIP export of dossiers with their pièces justificatives.
    case pieces(ZipPackage)

    static func of(_ data: Data, _ url: URL) throws(StoreFailure) -> Format {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            let package = try ZipPackage(data, url)
            if package.contains("xl/workbook.xml") || package.contains("content.xml") {
                guard package.entries <= ImportLimits.archiveEntries else {
                    throw StoreFailure([ImportProblem.at(url, Localized(.archiveOfMoreThanEntriesNotAn, ["archiveEntries": ImportLimits.archiveEntries]))])
                }
                return package.contains("xl/workbook.xml") ? .xlsx(package) : .ods(package)
            }
            if PieceArchive.isExport(package) { return .pieces(package) }
            throw StoreFailure([ImportProblem.at(url, Localized(.zipArchiveThatIsNeitherAnXLSX))])
        }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw StoreFailure([ImportProblem.at(url, Localized(.formerExcelFormatXLSSaveTheFile))])
        }
        let text = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        guard let first = text.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            throw StoreFailure([ImportProblem.at(url, Localized(.emptyFile))])
        }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return .json }
        if text.prefix(4096).contains(0) {
            throw StoreFailure([ImportProblem.at(url, Localized(.unrecognisedFormatNeitherTheAPIsJSONNor))])
        }
        return .csv
    }
}

extension ImportMapping {
    /// Reads a mapping file (see docs/IMPORT.md).
    public static func load(contentsOf url: URL) throws(StoreFailure) -> ImportMapping {
        try load(DossierImport.load(url), from: url)
    }
}
