import ArgumentParser
import Foundation
import JuryCore
import JuryServer
import JuryStore

// The audit journal: what the viewer may see of it, and its integrity check.

struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal", abstract: "Journal d’audit : qui a changé quoi, quand (ce que vous pouvez en voir).",
        subcommands: [JournalShowCommand.self, JournalVerifyCommand.self], defaultSubcommand: JournalShowCommand.self)
}

struct JournalShowCommand: ServedCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Affiche le journal (par défaut).")

    /// Here --reviewer filters: the viewer is always whoever runs the program.
    @OptionGroup var options: CampaignOptions
    @Option(name: .long, help: "Seulement ce dossier.") var dossier: Int?
    @OptionGroup var output: OutputOptions

    struct Row: Encodable {
        var at: String; var by: String; var action: String; var dossier: Int?; var subject: String?
        var changes: [Change]; var cancels: Int?; var journal: String; var seq: Int
        struct Change: Encodable { var field: String; var before: String?; var after: String? }
    }

    func request() throws -> JournalShowRequest { JournalShowRequest(dossier: dossier, format: output.format) }

    static func short(_ value: String?) -> String {
        guard let value else { return "∅" }
        return value.count > 40 ? String(value.prefix(39)) + "…" : value
    }

    static func actionLabel(_ raw: String, _ l: Language) -> String {
        switch JournalAction(rawValue: raw) {
        case .sheetEdit?: return l.pick("fiche modifiée", "sheet edited")
        case .sheetSubmit?: return l.pick("fiche soumise", "sheet submitted")
        case .sheetReopen?: return l.pick("fiche rouverte", "sheet reopened")
        case .conflictDeclared?: return l.pick("conflit déclaré", "conflict declared")
        case .conflictRecorded?: return l.pick("conflit enregistré", "conflict recorded")
        case .memberAdded?: return l.pick("membre ajouté", "member added")
        case .memberRemoved?: return l.pick("membre retiré", "member removed")
        case .juryChanged?: return l.pick("jury modifié", "jury changed")
        case .allocation?: return l.pick("attribution", "allocation")
        case .allocationReopened?: return l.pick("attribution rouverte", "allocation reopened")
        case .assignment?: return l.pick("rapporteurs", "rapporteurs")
        case .seance?: return l.pick("séance", "session")
        case .pieces?: return l.pick("pièces justificatives", "supporting documents")
        case .cancelled?: return l.pick("annulation", "cancellation")
        case nil: return raw
        }
    }
}

extension JournalShowRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let reviewer = options.reviewer
        let viewer = try CampaignOptions.parse((options.data.map { ["--data", $0] } ?? []) + (options.lang.map { ["--lang", $0] } ?? []))
        let session = try viewer.openSession()
        let l = session.language
        let records = session.store.journal(visibleTo: session.login).filter { record in
            (dossier == nil || record.entry.dossier == dossier)
                && (reviewer == nil || record.entry.by == reviewer || record.entry.subject == reviewer)
        }
        let rows = records.map { record in
            JournalShowCommand.Row(at: record.entry.at.text, by: record.entry.by, action: record.entry.action.rawValue, dossier: record.entry.dossier,
                subject: record.entry.subject,
                changes: record.entry.changes.map { .init(field: $0.field, before: $0.beforeText, after: $0.afterText) },
                cancels: record.entry.cancels, journal: "journal/\(record.login).jsonl", seq: record.entry.seq)
        }
        try Output.emit(format, table: {
            Table(headers: [l.pick("Date", "Date"), l.pick("Par", "By"), l.pick("Action", "Action"), l.pick("Dossier", "Dossier"),
                            l.pick("Concerne", "About"), l.pick("Changements", "Changes")],
                  rows: rows.map { row in
                      [DateText.paris(Instant(row.at)?.date ?? Date()), row.by, JournalShowCommand.actionLabel(row.action, l),
                       row.dossier.map(String.init) ?? "", row.subject ?? "",
                       row.cancels.map { l.pick("entrée n° \($0) annulée", "entry #\($0) cancelled") }
                           ?? row.changes.map { "\($0.field) : \(JournalShowCommand.short($0.before)) → \(JournalShowCommand.short($0.after))" }.joined(separator: " ; ")]
                  }, rightAligned: [3])
        }, json: { rows })
    }
}

struct JournalVerifyCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Vérifie que nul n’a modifié, retiré ou tronqué une entrée du journal.")

    @OptionGroup var options: CampaignOptions
    @Option(name: .long, help: "Affiche aussi l’empreinte après l’entrée N : celle que cite un procès-verbal.") var at: Int?

    func validate() throws {
        if let at, at < 1 { throw ValidationError("--at : un numéro d’entrée, à partir de 1") }
    }

    func request() throws -> JournalVerifyRequest { JournalVerifyRequest(at: at) }
}

extension JournalVerifyRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let store = try options.openStore()
        let l = options.language
        let (problems, entries, journals) = store.verifyJournal()
        for problem in problems { Output.write(problem.text(l) + "\n") }
        guard problems.isEmpty else {
            throw Failure(problems.count > 1 ? l.pick("Journal altéré : \(problems.count) problèmes ci-dessus.",
                                                      "Journal tampered with: \(problems.count) problems above.")
                                             : l.pick("Journal altéré : 1 problème ci-dessus.", "Journal tampered with: 1 problem above."))
        }
        Output.write(l.pick("Journal intègre : \(entries) entrées dans \(journals) journaux, chaînes et témoignages concordants.\n",
                            "Journal intact: \(entries) entries in \(journals) journals, chains and witnesses agree.\n"))
        if let head = store.serverJournalHead {
            Output.write(l.pick("Tête du journal du serveur : entrée n° \(head.seq), sha256 \(head.sha256)\n",
                                "Head of the server's journal: entry #\(head.seq), sha256 \(head.sha256)\n"))
        }
        if let at {
            let found: JournalHead?
            do throws(StoreProblem) { found = try store.journalEntry(at, login: options.reviewer ?? UnixAccounts.currentLogin()) } catch { throw Failure(error.text(l)) }
            guard let found else {
                throw Failure(l.pick("Le journal n’a pas d’entrée n° \(at).", "The journal has no entry #\(at)."))
            }
            // The same words as the minutes' head, so that the two can be compared at a glance.
            Output.write(l.pick("Journal après l’entrée n° \(found.seq) : n° \(found.seq), sha256 \(found.sha256)\n",
                                "Journal after entry #\(found.seq): n° \(found.seq), sha256 \(found.sha256)\n"))
        }
    }
}
