import ArgumentParser
import Foundation
import JuryCore
import JuryServer
import JuryStore

// The audit journal: what the viewer may see of it, and its integrity check.

struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal", abstract: Language.ofThisProcess.text(.helpJournal),
        subcommands: [JournalShowCommand.self, JournalVerifyCommand.self], defaultSubcommand: JournalShowCommand.self)
}

struct JournalShowCommand: ServedCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: Language.ofThisProcess.text(.helpJournalShow))

    /// Here --reviewer filters: the viewer is always whoever runs the program.
    @OptionGroup var options: CampaignOptions
    @Option(name: .long, help: .text(.helpJournalDossier)) var dossier: Int?
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
        case .sheetEdit?: return l.text(.sheetEdited)
        case .sheetSubmit?: return l.text(.sheetSubmitted)
        case .sheetReopen?: return l.text(.sheetReopened)
        case .conflictDeclared?: return l.text(.conflictDeclared)
        case .conflictRecorded?: return l.text(.conflictRecorded)
        case .memberAdded?: return l.text(.memberAdded)
        case .memberRemoved?: return l.text(.memberRemoved)
        case .juryChanged?: return l.text(.juryChanged)
        case .allocation?: return l.text(.allocation)
        case .allocationReopened?: return l.text(.allocationReopened)
        case .assignment?: return l.text(.rapporteursLowercase)
        case .seance?: return l.text(.seanceLowercase)
        case .pieces?: return l.text(.supportingDocumentsLowercase)
        case .cancelled?: return l.text(.cancellation)
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
            Table(headers: [l.text(.date), l.text(.by), l.text(.action), l.text(.dossier),
                            l.text(.about), l.text(.changes)],
                  rows: rows.map { row in
                      [DateText.paris(Instant(row.at)?.date ?? Date()), row.by, JournalShowCommand.actionLabel(row.action, l),
                       row.dossier.map(String.init) ?? "", row.subject ?? "",
                       row.cancels.map { l.text(.entryCancelled, ["entry": $0]) }
                           ?? row.changes.map { l.text(.journalFieldChange, ["field": $0.field, "before": JournalShowCommand.short($0.before), "after": JournalShowCommand.short($0.after)]) }.joined(separator: " ; ")]
                  }, rightAligned: [3])
        }, json: { rows })
    }
}

struct JournalVerifyCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: Language.ofThisProcess.text(.helpJournalVerify))

    @OptionGroup var options: CampaignOptions
    @Option(name: .long, help: .text(.helpJournalVerifyAt)) var at: Int?

    func validate() throws {
        if let at, at < 1 { throw ValidationError(.journalVerifyAtFromOne) }
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
            throw Failure(l.text(.journalTampered, ["problems": problems.count]))
        }
        Output.write(l.text(.journalIntact, ["entries": entries, "journals": journals]))
        if let head = store.serverJournalHead {
            Output.write(l.text(.headOfTheServersJournalEntrySha256, ["seq": head.seq, "sha256": head.sha256]))
        }
        if let at {
            let found: JournalHead?
            do throws(StoreProblem) { found = try store.journalEntry(at, login: options.reviewer ?? UnixAccounts.currentLogin()) } catch { throw Failure(error.text(l)) }
            guard let found else {
                throw Failure(l.text(.theJournalHasNoEntry, ["at": at]))
            }
            // The same words as the minutes' head, so that the two can be compared at a glance.
            Output.write(l.text(.journalAfterEntryNSha256N, ["seq": found.seq, "sha256": found.sha256]))
        }
    }
}
