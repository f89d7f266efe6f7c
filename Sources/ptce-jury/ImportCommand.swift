import ArgumentParser
import Foundation
import JuryCore
import JuryImport
import JuryServer
import JuryStore

extension ImportFormat: ExpressibleByArgument {}

struct ImportCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: Language.ofThisProcess.text(.helpImport),
        discussion: Language.ofThisProcess.text(.helpImportDiscussion))

    @OptionGroup var options: CampaignOptions
    @Argument(help: .text(.helpImportFiles))
    var files: [String] = []
    @Option(name: .long, help: .text(.helpImportMapping))
    var mapping: String?
    @Flag(name: .long, help: .text(.helpImportDryRun))
    var dryRun = false
    @Option(name: .long, help: .text(.helpImportFormat))
    var format: ImportFormat = .table

    func validate() throws {
        if files.isEmpty { throw ValidationError(.importNeedsAFile) }
    }

    /// The files travel as the member read them, with their rights: on a directory as through the server.
    func request() throws -> ImportRequest {
        let l = options.language
        return ImportRequest(files: try files.map { try ServerCommandLine.read($0, language: l) },
                             mapping: try mapping.map { try ServerCommandLine.read($0, language: l) }, dryRun: dryRun, format: format)
    }
}

extension ImportRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let session = try options.openSession()
        let l = session.language
        // Replacing the dossiers is the chair's act; anyone on the jury may look at what it would do.
        guard dryRun || session.me?.role == .chair else {
            throw Failure(l.text(.onlyTheJurysChairImportsTheDossiers))
        }
        guard !files.isEmpty, files.count <= 64 else {
            throw Failure(l.text(.n1To64FilesExportedFromDemarches))
        }
        // The bytes are put in a private directory made for this import, under names chosen here:
        // no name the member gave is ever a path (docs/SERVER.md, « Requests »).
        let scratch = try ImportScratch(files + [mapping].compactMap { $0 }, language: l)
        defer { scratch.remove() }
        let plan: DossierImport.Plan
        do throws(StoreFailure) {
            plan = try ImportChild.plan(scratch, files: files.count, mapping: mapping != nil, existing: session.store.dossiers, language: l,
                                        served: ServedCall.current != nil)
        } catch {
            throw Failure(scratch.named(l.text(.importRefusedTheCampaignIsUnchangedN)
                                        + error.text(l)), code: .invalidData)
        }
        var report = plan.report
        if dryRun {
            report.dryRun = true
        } else {
            // Planned here (on the jury server, beside its writer: a bomb costs only its sender's time), saved by the writer.
            do { report = try ServedCall.changing(session.store) { try plan.save(to: $0) } } catch let failure as StoreFailure {
                throw Failure(scratch.named(failure.text(l)))
            }
        }
        switch format {
        case .json: Output.write(scratch.named(try Output.json(report)))
        case .table: Output.write(scratch.named(ImportReportText.render(report, l)))
        }
    }
}

/// The files of an import, written in a directory of their own (0700) under names of the form
/// `piece-N.ext`, the extension kept when it is one the import reads.
struct ImportScratch {
    let directory: URL
    let urls: [URL]
    /// The name each private file stands for, as the member gave it.
    private let shown: [(private: String, shown: String)]

    init(_ files: [SentFile], language: Language) throws {
        var template = Array((FileManager.default.temporaryDirectory.path + "/ptce-jury-import-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failure(language.text(.causeAndConsequence, ["cause": "mkdtemp", "consequence": String(cString: strerror(errno))]))
        }
        directory = URL(fileURLWithPath: String(cString: made), isDirectory: true)
        var urls: [URL] = [], shown: [(String, String)] = []
        for (index, file) in files.enumerated() {
            let typed = (file.name as NSString).pathExtension.lowercased()
            let name = "piece-\(index + 1)" + (["json", "csv", "xlsx", "ods", "zip"].contains(typed) ? "." + typed : "")
            // Relative to the private directory: what the import prints names the file, never the directory.
            let url = URL(fileURLWithPath: name, relativeTo: directory)
            do { try DurableFile.write(file.contents, to: url, mode: 0o600) } catch { throw Failure(error.text(language)) }
            urls.append(url)
            shown.append((name, Sanitizer.line(file.name)))
        }
        self.urls = urls
        self.shown = shown.sorted { $0.0.count > $1.0.count }
    }

    /// `text` with the member's names in place of the private ones.
    func named(_ text: String) -> String {
        shown.reduce(text) { $0.replacingOccurrences(of: $1.private, with: $1.shown) }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// The report as a person reads it after an import.
enum ImportReportText {
    static func render(_ r: ImportReport, _ l: Language) -> String {
        var out: [String] = []
        let files = r.files.count == 1 ? r.files[0] : l.text(.files, ["filesCount": r.files.count])
        let pieces = r.pieces == 0 ? "" : r.pieces == 1 ? l.text(.n1SupportingDocument)
            : l.text(.supportingDocuments4, ["pieces": r.pieces])
        out.append(l.text(.importOfDossiersRead, ["files": files, "read": r.read]) + pieces
                   + (r.dryRun ? l.text(.dryRunNothingIsWritten) : ""))
        if let mapping = r.mapping { out.append(l.text(.mapping) + mapping) }
        out.append(l.text(.created2) + counted(r.created, l))
        out.append(l.text(.updated) + counted(r.updated.map(\.number), l))
        let number = l.text(.no3)
        for update in r.updated { out.append("      \(number) \(update.number)\(l.text(.textText))" + update.fields.joined(separator: ", ")) }
        out.append(l.text(.unchanged) + counted(r.unchanged, l))
        out.append(l.text(.skipped) + "\(r.skipped.count)")
        for skip in r.skipped {
            out.append("      " + (skip.number.map { "\(number) \($0) " } ?? "") + "(\(skip.origin))\(l.text(.textText))\(skip.reason)")
        }
        if !r.vanished.isEmpty {
            out.append(l.text(.missingFromTheFilesKeptWithTheir)
                       + counted(r.vanished, l))
        }
        if !r.unmappedChamps.isEmpty {
            out.append("")
            out.append(l.text(.champsNotMappedAddThemToThe, ["unmappedChampsCount": r.unmappedChamps.count]))
            for champ in r.unmappedChamps {
                out.append(l.text(.importUnmappedChamp, ["label": champ.label, "id": champ.id.map { " (id \($0))" } ?? "",
                                                         "dossiers": champ.dossiers]))
            }
        }
        if !r.unknownTypeChamps.isEmpty {
            out.append("")
            out.append(l.text(.champsOfAnUnknownTypeNotRead, ["unknownTypeChampsCount": r.unknownTypeChamps.count]))
            for champ in r.unknownTypeChamps {
                out.append(l.text(.importUnknownTypeChamp, ["label": champ.label, "type": champ.type,
                                                            "id": champ.id.map { ", id \($0)" } ?? "", "dossiers": champ.dossiers]))
            }
        }
        if !r.missingChamps.isEmpty {
            out.append("")
            out.append(l.text(.champsOfTheMappingMissingFromThe, ["missingChampsCount": r.missingChamps.count]))
            for missing in r.missingChamps { out.append("  \(missing.field)\(l.text(.textText))\(missing.champ)") }
        }
        if !r.unreadable.isEmpty {
            out.append("")
            out.append(l.text(.unreadableValuesLeftAsTheyWere, ["unreadableCount": r.unreadable.count]))
            out += Table(headers: [l.text(.screenDossier), l.text(.field), l.text(.value),
                                   l.text(.reasonHeader)],
                         rows: r.unreadable.map { ["\($0.number)", $0.field, $0.value, $0.reason] }, rightAligned: [0]).text()
                .split(separator: "\n").map { "  " + $0 }
        }
        if !r.notes.isEmpty {
            out.append("")
            out.append(l.text(.notes))
            for note in r.notes { out.append("  " + note) }
        }
        out.append("")
        if r.dryRun {
            out.append(l.text(.dryRunRunAgainWithoutDryRun))
        } else {
            out.append(r.written ? l.text(.dossiersJsonSaved)
                                 : l.text(.noChangeNothingWasWritten))
        }
        return out.map(Sanitizer.line).joined(separator: "\n") + "\n"
    }

    /// « 3 (n° 12, 15, 40) », the numbers cut short past twenty.
    private static func counted(_ numbers: [Int], _ l: Language) -> String {
        guard !numbers.isEmpty else { return "0" }
        let shown = numbers.prefix(20).map(String.init).joined(separator: ", ") + (numbers.count > 20 ? ", …" : "")
        return "\(numbers.count) (\(l.text(.no3)) \(shown))"
    }
}
