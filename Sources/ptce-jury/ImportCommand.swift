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
        abstract: "Importe les dossiers exportés de Démarches Simplifiées (JSON de l’API, CSV, XLSX ou ODS) et leurs pièces justificatives (export ZIP).",
        discussion: "Réimporter est sans danger : un dossier déjà là est mis à jour (numéro DS = identité), ses fiches de "
            + "notation restent ; un dossier absent des fichiers est signalé et gardé. Voir docs/IMPORT.md.")

    @OptionGroup var options: CampaignOptions
    @Argument(help: "Fichiers exportés : pages JSON de l’API GraphQL, ou tableur CSV, XLSX ou ODS (un bloc répétable en CSV est un fichier de plus), ou export ZIP des dossiers et de leurs pièces justificatives.")
    var files: [String] = []
    @Option(name: .long, help: "Fichier de correspondance (JSON) ; sinon celui de l’AMI PTCE (data/import/mapping-ptce.json).")
    var mapping: String?
    @Flag(name: .long, help: "Montre le compte rendu sans rien écrire.")
    var dryRun = false
    @Option(name: .long, help: "Format du compte rendu : table ou json.")
    var format: ImportFormat = .table

    func validate() throws {
        if files.isEmpty { throw ValidationError("au moins un fichier exporté de Démarches Simplifiées est attendu") }
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
            throw Failure(l.pick("Seule la présidence du jury importe les dossiers ; --dry-run montre ce que l’import ferait.",
                                 "Only the jury's chair imports the dossiers; --dry-run shows what the import would do."))
        }
        guard !files.isEmpty, files.count <= 64 else {
            throw Failure(l.pick("de 1 à 64 fichiers exportés de Démarches Simplifiées sont attendus",
                                 "1 to 64 files exported from Démarches Simplifiées are expected"))
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
            throw Failure(scratch.named(l.pick("Import refusé, la campagne est inchangée :\n", "Import refused, the campaign is unchanged:\n")
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
            throw Failure("mkdtemp : \(String(cString: strerror(errno)))")
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
        let files = r.files.count == 1 ? r.files[0] : l.pick("\(r.files.count) fichiers", "\(r.files.count) files")
        let pieces = r.pieces == 0 ? "" : r.pieces == 1 ? l.pick(", 1 pièce justificative", ", 1 supporting document")
            : l.pick(", \(r.pieces) pièces justificatives", ", \(r.pieces) supporting documents")
        out.append(l.pick("Import de \(files) : \(r.read) dossiers lus", "Import of \(files): \(r.read) dossiers read") + pieces
                   + (r.dryRun ? l.pick(" (simulation : rien n’est écrit)", " (dry run: nothing is written)") : ""))
        if let mapping = r.mapping { out.append(l.pick("Correspondance : ", "Mapping: ") + mapping) }
        out.append(l.pick("  créés       ", "  created     ") + counted(r.created, l))
        out.append(l.pick("  mis à jour  ", "  updated     ") + counted(r.updated.map(\.number), l))
        let number = l.pick("n°", "no.")
        for update in r.updated { out.append("      \(number) \(update.number)\(l.pick(" : ", ": "))" + update.fields.joined(separator: ", ")) }
        out.append(l.pick("  inchangés   ", "  unchanged   ") + counted(r.unchanged, l))
        out.append(l.pick("  ignorés     ", "  skipped     ") + "\(r.skipped.count)")
        for skip in r.skipped {
            out.append("      " + (skip.number.map { "\(number) \($0) " } ?? "") + "(\(skip.origin))\(l.pick(" : ", ": "))\(skip.reason)")
        }
        if !r.vanished.isEmpty {
            out.append(l.pick("  absents des fichiers, conservés avec leurs fiches : ", "  missing from the files, kept with their sheets: ")
                       + counted(r.vanished, l))
        }
        if !r.unmappedChamps.isEmpty {
            out.append("")
            out.append(l.pick("Champs non repris (\(r.unmappedChamps.count)) : à ajouter à la correspondance, ou à « ignore »",
                              "Champs not mapped (\(r.unmappedChamps.count)): add them to the mapping, or to “ignore”"))
            for champ in r.unmappedChamps {
                out.append("  « \(champ.label) »" + (champ.id.map { " (id \($0))" } ?? "")
                           + " — \(champ.dossiers) dossier(s)")
            }
        }
        if !r.unknownTypeChamps.isEmpty {
            out.append("")
            out.append(l.pick("Champs de type inconnu, non repris (\(r.unknownTypeChamps.count)) : la correspondance ne les lit pas",
                              "Champs of an unknown type, not read (\(r.unknownTypeChamps.count)): the mapping does not use them"))
            for champ in r.unknownTypeChamps {
                out.append("  « \(champ.label) » (\(champ.type))" + (champ.id.map { ", id \($0)" } ?? "") + " — \(champ.dossiers) dossier(s)")
            }
        }
        if !r.missingChamps.isEmpty {
            out.append("")
            out.append(l.pick("Champs de la correspondance absents des fichiers (\(r.missingChamps.count)) : renommés sur la plateforme ?",
                              "Champs of the mapping missing from the files (\(r.missingChamps.count)): renamed on the platform?"))
            for missing in r.missingChamps { out.append("  \(missing.field)\(l.pick(" : ", ": "))\(missing.champ)") }
        }
        if !r.unreadable.isEmpty {
            out.append("")
            out.append(l.pick("Valeurs illisibles (\(r.unreadable.count)), laissées telles quelles :",
                              "Unreadable values (\(r.unreadable.count)), left as they were:"))
            out += Table(headers: [l.pick("Dossier", "Dossier"), l.pick("Champ", "Field"), l.pick("Valeur", "Value"),
                                   l.pick("Raison", "Reason")],
                         rows: r.unreadable.map { ["\($0.number)", $0.field, $0.value, $0.reason] }, rightAligned: [0]).text()
                .split(separator: "\n").map { "  " + $0 }
        }
        if !r.notes.isEmpty {
            out.append("")
            out.append(l.pick("Remarques :", "Notes:"))
            for note in r.notes { out.append("  " + note) }
        }
        out.append("")
        if r.dryRun {
            out.append(l.pick("Simulation : relancez sans --dry-run pour enregistrer.", "Dry run: run again without --dry-run to save."))
        } else {
            out.append(r.written ? l.pick("dossiers.json enregistré.", "dossiers.json saved.")
                                 : l.pick("Aucun changement : rien n’a été écrit.", "No change: nothing was written."))
        }
        return out.map(Sanitizer.line).joined(separator: "\n") + "\n"
    }

    /// « 3 (n° 12, 15, 40) », the numbers cut short past twenty.
    private static func counted(_ numbers: [Int], _ l: Language) -> String {
        guard !numbers.isEmpty else { return "0" }
        let shown = numbers.prefix(20).map(String.init).joined(separator: ", ") + (numbers.count > 20 ? ", …" : "")
        return "\(numbers.count) (\(l.pick("n°", "no.")) \(shown))"
    }
}
