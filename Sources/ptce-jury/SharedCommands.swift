import ArgumentParser
import Foundation
import JuryCore
import JuryServer
import JuryStore

// Commands for a jury: membership, conflicts of interest, the audit journal, and the check of a
// jury server's installation (docs/SERVER.md).

extension CampaignOptions {
    /// The store and who runs the program, when that must be the chair or the campaign's owner.
    func openAsChairOrOwner() throws -> (CampaignStore, String) {
        let store = try openStore()
        let login = try account(in: store)
        guard store.jury.member(login)?.role == .chair || login == store.owner else {
            throw Failure(language.pick(
                "Seule la présidence du jury ou le propriétaire de la campagne (\(store.owner)) peut modifier le jury.",
                "Only the jury's chair or the campaign's owner (\(store.owner)) can change the jury."))
        }
        return (store, login)
    }
}

/// A store operation whose refusal is printed as it is.
private func storeCall(_ body: () throws(StoreFailure) -> Void) throws {
    do throws(StoreFailure) { try body() } catch { throw Failure(error.description) }
}

// MARK: - jury

struct JuryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jury", abstract: "Composition du jury : ajouter ou retirer un membre (présidence ou propriétaire).",
        subcommands: [JuryAddCommand.self, JuryRemoveCommand.self])
}

struct JuryAddCommand: ServedCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Ajoute un membre au jury.")

    @OptionGroup var options: CampaignOptions
    @Argument(help: "Identifiant Unix du membre.") var login: String
    @Option(name: .long, help: "Nom affiché.") var name: String
    @Flag(name: .long, help: "Membre de la présidence (sinon rapporteur).") var chair = false
    @Option(name: .long, help: "Code INSEE de la région du membre (cellule régionale) : avec rapporteurs.notOwnRegion, il ne reçoit pas ses dossiers.")
    var region: String?

    func request() throws -> JuryAddRequest { JuryAddRequest(login: login, memberName: name, chair: chair, region: region) }
}

extension JuryAddRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let (store, _) = try options.openAsChairOrOwner()
        let l = options.language
        guard Jury.isValidLogin(login) else {
            throw Failure(l.pick("« \(login) » n’est pas un identifiant Unix valide", "“\(login)” is not a valid Unix login"))
        }
        var jury = store.jury
        guard jury.member(login) == nil else {
            throw Failure(l.pick("« \(login) » est déjà membre du jury", "“\(login)” is already a jury member"))
        }
        if let region, Regions.named(code: region) == nil {
            throw Failure(l.pick("région « \(region) » inconnue (codes INSEE : ", "unknown region “\(region)” (INSEE codes: ")
                          + Regions.all.map { "\($0.code) \($0.name)" }.joined(separator: ", ") + ")")
        }
        jury.members.append(JuryMember(login: login, name: Sanitizer.line(memberName), role: chair ? .chair : .reviewer, region: region))
        try storeCall { () throws(StoreFailure) in try store.saveJury(jury) }
        Output.write(l.pick("« \(login) » ajouté au jury (\(chair ? "présidence" : "rapporteur")), révision \(store.jury.revision).\n",
                            "“\(login)” added to the jury (\(chair ? "chair" : "reviewer")), revision \(store.jury.revision).\n"))
    }
}

struct JuryRemoveCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Retire un membre du jury (ses fiches restent, elles ne comptent plus).")

    @OptionGroup var options: CampaignOptions
    @Argument(help: "Identifiant Unix du membre.") var login: String

    func request() throws -> JuryRemoveRequest { JuryRemoveRequest(login: login) }
}

extension JuryRemoveRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let (store, _) = try options.openAsChairOrOwner()
        let l = options.language
        var jury = store.jury
        guard jury.member(login) != nil else {
            throw Failure(l.pick("« \(login) » n’est pas membre du jury", "“\(login)” is not a jury member"))
        }
        jury.members.removeAll { $0.login == login }
        try storeCall { () throws(StoreFailure) in try store.saveJury(jury) }
        Output.write(l.pick("« \(login) » retiré du jury, révision \(store.jury.revision).\n",
                            "“\(login)” removed from the jury, revision \(store.jury.revision).\n"))
    }
}

// MARK: - conflict

struct ConflictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflict", abstract: "Conflits d’intérêts : déclarer le sien, enregistrer celui d’un membre, lister.",
        subcommands: [ConflictDeclareCommand.self, ConflictRecordCommand.self, ConflictListCommand.self])
}

struct ConflictDeclareCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "declare", abstract: "Déclare mon conflit d’intérêts sur un dossier : je ne le note plus et n’en vois plus rien.")

    @OptionGroup var options: CampaignOptions
    @Argument(help: "Numéro du dossier.") var number: Int
    @Option(name: .long, help: "Motif.") var reason: String

    func request() throws -> ConflictDeclareRequest { ConflictDeclareRequest(number: number, reason: reason) }
}

extension ConflictDeclareRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let session = try options.openSession()
        let dossier = try session.dossier(number)
        try storeCall { () throws(StoreFailure) in try session.store.declareConflict(dossier: dossier.number, reason: reason) }
        Output.write(session.language.pick("Conflit d’intérêts déclaré sur le dossier \(dossier.number).\n",
                                           "Conflict of interest declared on dossier \(dossier.number).\n"))
    }
}

struct ConflictRecordCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: "Enregistre le conflit d’intérêts d’un membre (présidence).")

    @OptionGroup var options: CampaignOptions
    @Argument(help: "Identifiant du membre.") var login: String
    @Argument(help: "Numéro du dossier.") var number: Int
    @Option(name: .long, help: "Motif.") var reason: String

    func request() throws -> ConflictRecordRequest { ConflictRecordRequest(login: login, number: number, reason: reason) }
}

extension ConflictRecordRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let session = try options.openSession()
        let dossier = try session.dossier(number)
        try storeCall { () throws(StoreFailure) in
            try session.store.recordConflict(of: login, dossier: dossier.number, reason: reason)
        }
        Output.write(session.language.pick("Conflit d’intérêts de « \(login) » enregistré sur le dossier \(dossier.number).\n",
                                           "Conflict of interest of “\(login)” recorded on dossier \(dossier.number).\n"))
    }
}

struct ConflictListCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Liste les conflits d’intérêts : tous pour la présidence, les miens sinon.")

    @OptionGroup var options: CampaignOptions
    @OptionGroup var output: OutputOptions

    struct Row: Encodable { var login: String; var dossier: Int; var reason: String; var recordedBy: String? }

    func request() throws -> ConflictListRequest { ConflictListRequest(format: output.format) }
}

extension ConflictListRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let session = try options.openSession()
        let l = session.language
        let members = session.me?.role == .chair ? session.store.jury.members : session.me.map { [$0] } ?? []
        let rows = members.flatMap { member in
            member.conflicts.sorted { $0.dossier < $1.dossier }.map { ConflictListCommand.Row(login: member.login, dossier: $0.dossier, reason: $0.reason, recordedBy: $0.recordedBy) }
        }
        try Output.emit(format, table: {
            Table(headers: [l.pick("Membre", "Member"), l.pick("Dossier", "Dossier"), l.pick("Motif", "Reason"),
                            l.pick("Enregistré par", "Recorded by")],
                  rows: rows.map { [$0.login, String($0.dossier), $0.reason, $0.recordedBy ?? "—"] }, rightAligned: [1])
        }, json: { rows })
    }
}

// MARK: - journal

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

    func request() throws -> JournalVerifyRequest { JournalVerifyRequest() }
}

extension JournalVerifyRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let store = try options.openStore()
        let l = options.language
        let (problems, entries, journals) = store.verifyJournal()
        for problem in problems { Output.write("\(problem)\n") }
        guard problems.isEmpty else {
            throw Failure(l.pick("Journal altéré : \(problems.count) problème(s) ci-dessus.",
                                 "Journal tampered with: \(problems.count) problem(s) above."))
        }
        Output.write(l.pick("Journal intègre : \(entries) entrées dans \(journals) journaux, chaînes et témoignages concordants.\n",
                            "Journal intact: \(entries) entries in \(journals) journals, chains and witnesses agree.\n"))
        if let head = store.serverJournalHead {
            Output.write(l.pick("Tête du journal du serveur : entrée n° \(head.seq), sha256 \(head.sha256)\n",
                                "Head of the server's journal: entry #\(head.seq), sha256 \(head.sha256)\n"))
        }
    }
}

// MARK: - doctor

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Vérifie l’installation du serveur du jury (compte, modes, socket, unité, membres) et dit comment corriger.",
        discussion: "Sur le serveur, en root ou sous le compte du serveur : ptce-jury doctor --data /srv/ptce/ami-2023 [--server SOCKET] [--group jury-ptce]")

    @OptionGroup var options: CampaignOptions
    @Option(name: .long, help: "Groupe Unix du jury (sinon celui du socket).") var group: String?

    func run() throws {
        try Failure.guarded {
            let root = try options.campaignDirectory()
            let l = options.language
            let findings = Doctor.examine(root, socket: options.server, group: group)
            for finding in findings { Output.write("\(finding)\n") }
            let problems = findings.filter { !$0.isWarning }.count
            guard problems == 0 else {
                throw Failure(l.pick("\(problems) problème(s) à corriger (commandes ci-dessus).", "\(problems) problem(s) to fix (commands above)."))
            }
            Output.write(l.pick("Installation du serveur du jury correcte.\n", "Jury server installation correct.\n"))
        }
    }
}

// MARK: - show --history

extension DossierText {
    /// The versions my sheet had before each reopening, oldest first.
    static func history(_ versions: [ScoreSheet], campaign: Campaign, language l: Language) -> String {
        let title = l.pick("Versions antérieures de ma fiche (\(versions.count))", "Earlier versions of my sheet (\(versions.count))")
        var out = ["", title, String(repeating: "─", count: DisplayWidth.of(title))]
        if versions.isEmpty {
            out.append(l.pick("Aucune : la fiche n’a jamais été rouverte après soumission.", "None: the sheet was never reopened after submission."))
        }
        for version in versions {
            let values = campaign.criteria.map { "\($0.key)=\(version.values[$0.key].map(String.init) ?? "—")" }.joined(separator: " ")
            out.append("- " + l.pick("soumise le ", "submitted on ") + DateText.paris((version.submittedAt ?? version.updatedAt).date)
                       + " : \(values), total " + Labels.total(version.weightedTotal(in: campaign.criteria), l)
                       + (version.recommendation.map { ", " + Labels.recommendation($0, l) } ?? ""))
        }
        return out.map(Sanitizer.text).joined(separator: "\n") + "\n"
    }
}
