import ArgumentParser
import Foundation
import JuryCore
import JuryServer
import JuryStore

extension Session {
    /// Who reports on which dossier, as on disk now.
    func assignments() throws -> Assignments {
        do throws(StoreFailure) { return try store.loadAssignments() } catch { throw Failure(error.text(language), code: ExitCode.invalidData) }
    }

    /// Changes the rapporteurs (the chair), journaled; a refusal of the change itself comes in the member's language.
    func updateAssignments(_ change: (inout Assignments) throws(AssignmentRefusal) -> Void) throws -> Assignments {
        do throws(AssignmentChangeFailure) { return try store.updateAssignments(by: login, language: language, change) } catch {
            throw Failure(error.text(language))
        }
    }
}

struct AssignCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Désigne les rapporteurs des dossiers (présidence du jury) : --auto pour tous, ou N LOGIN… pour un dossier.",
        discussion: """
          --auto          complète l’attribution : chaque dossier reçoit ses rapporteurs (campagne : rapporteurs.perDossier, 2 par
                          défaut), jamais un membre en conflit d’intérêts, les charges équilibrées (écart d’au plus un), et selon la
                          campagne ni sa propre région (notOwnRegion) ni trop d’une même région (spreadRegions). Les rapporteurs
                          déjà désignés sont gardés ; à charge égale, un membre qui a déjà une fiche sur le dossier
                          est préféré. Calcul exact (flot de coût minimal).
          N LOGIN…        ajoute ces rapporteurs au dossier N
        Aucune fiche n’est jamais supprimée : celle d’un membre retiré d’un dossier compte toujours.
        """)

    @OptionGroup var options: CampaignOptions
    @Flag(name: .long, help: "Propose et enregistre l’attribution complète.") var auto = false
    @Argument(help: "Numéro du dossier, puis les identifiants des rapporteurs.") var dossierAndLogins: [String] = []

    func validate() throws {
        if auto != dossierAndLogins.isEmpty {
            throw ValidationError("assign --auto, ou assign N LOGIN… (un numéro de dossier et au moins un identifiant)")
        }
        if !auto && (dossierAndLogins.count < 2 || Int(dossierAndLogins[0]) == nil) {
            throw ValidationError("assign N LOGIN… : un numéro de dossier puis au moins un identifiant")
        }
    }

    func request() throws -> AssignRequest { AssignRequest(auto: auto, dossier: dossierAndLogins.first.flatMap { Int($0) }, logins: Array(dossierAndLogins.dropFirst())) }

    static func summary(_ plan: RapporteurPlan, saved: Assignments, settings: RapporteurSettings, dossiers: Int, _ l: Language) -> String {
        let pairs = plan.rapporteurs.values.reduce(0) { $0 + $1.count }
        var lines = [l.text(.rapporteursAssignedForDossiersPerDossierRevision, ["pairs": pairs, "dossiers": dossiers, "perDossier": settings.perDossier, "revision": saved.revision])]
        lines.append(l.text(.load) + plan.loads.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        if settings.notOwnRegion == true {
            lines.append(plan.ownRegion == 0
                ? l.text(.noMemberOnADossierOfTheir)
                : l.text(.memberSOnADossierOfTheir, ["ownRegion": plan.ownRegion]))
        }
        for (dossier, missing) in plan.shortfalls.sorted(by: { $0.key < $1.key }) {
            lines.append(l.text(.dossierNoRapporteurSMissingTooFew, ["dossier": dossier, "missing": missing]))
        }
        for (dossier, logins) in plan.dropped.sorted(by: { $0.key < $1.key }) {
            lines.append(l.text(.dossierNoRemovedConflictOfInterestOr, ["dossier": dossier, "joined": logins.joined(separator: ", ")]))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension AssignRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let session = try options.openSession()
        let l = session.language, store = session.store
        // Read before the change: it runs under the store's lock.
        let jury = store.jury, dossiers = store.dossiers, settings = store.campaign.rapporteurSettings
        let begun = store.sheets.reduce(into: [Int: Set<String>]()) { begun, mine in
            for dossier in mine.value.keys { begun[dossier, default: []].insert(mine.key) }
        }
        guard auto else {
            let number = dossier ?? 0
            let known = Set(dossiers.map(\.number))
            var added: [String] = []
            let saved = try session.updateAssignments { (assignments: inout Assignments) throws(AssignmentRefusal) in
                added = try assignments.assign(logins, to: number, jury: jury, dossiers: known)
            }
            let all = saved.rapporteurs(of: number).joined(separator: ", ")
            Output.write(l.text(.dossierNoRapporteurs, ["number": number, "all": all])
                         + (added.isEmpty ? l.text(.alreadyAssigned) : "")
                         + l.text(.revisionN, ["revision": saved.revision]))
            return
        }
        var plan: RapporteurPlan?
        let saved = try session.updateAssignments { (assignments: inout Assignments) throws(AssignmentRefusal) in
            let made = RapporteurPlanner.complete(assignments.byDossier, dossiers: dossiers, jury: jury, settings: settings, begun: begun)
            assignments.set(made.rapporteurs)
            plan = made
        }
        Output.write(AssignCommand.summary(plan!, saved: saved, settings: settings, dossiers: dossiers.count, l))
    }
}

struct UnassignCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "unassign",
        abstract: "Retire un rapporteur d’un dossier (présidence du jury) ; sa fiche éventuelle reste et compte toujours.")

    @OptionGroup var options: CampaignOptions
    @Argument(help: "Numéro du dossier.") var dossier: Int
    @Argument(help: "Identifiant du rapporteur.") var login: String

    func request() throws -> UnassignRequest { UnassignRequest(dossier: dossier, login: login) }
}

extension UnassignRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let session = try options.openSession()
        let l = session.language
        let saved = try session.updateAssignments { (assignments: inout Assignments) throws(AssignmentRefusal) in
            try assignments.unassign(login, from: dossier)
        }
        let left = saved.rapporteurs(of: dossier)
        let rest = left.isEmpty ? l.text(.noRapporteur) : left.joined(separator: ", ")
        Output.write(l.text(.dossierNoRemovedLeftRevisionN, ["dossier": dossier, "login": login, "rest": rest, "revision": saved.revision]))
    }
}

struct ProgressCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "L’avancement des rapporteurs : dossiers attribués, brouillons, fiches soumises, dossiers en attente (la présidence voit tout le jury).")

    @OptionGroup var options: CampaignOptions
    @OptionGroup var output: OutputOptions

    func request() throws -> ProgressCommandRequest { ProgressCommandRequest(format: output.format) }
}

extension ProgressCommandRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let session = try options.openSession()
        let l = session.language, store = session.store
        _ = try session.member()
        let rows: [RapporteurProgress]
        do throws(StoreFailure) { rows = try store.progress(seenBy: session.login) } catch {
            throw Failure(error.text(l), code: ExitCode.invalidData)
        }
        if try session.assignments().dossiers.isEmpty {
            Output.error(l.text(.noRapporteurAssignedYetTheChairAssigns))
        }
        try Output.emit(format, table: {
            Table(headers: [l.text(.member), l.text(.name), l.text(.assigned),
                            l.text(.drafts), l.text(.submitted), l.text(.notAsRapporteur),
                            l.text(.waiting2)],
                  rows: rows.map { row in
                      [row.login, row.name, "\(row.assigned)", "\(row.drafts)", "\(row.submitted)", "\(row.outside)",
                       row.waiting.map(String.init).joined(separator: " ")]
                  }, rightAligned: [2, 3, 4, 5])
        }, json: { rows })
    }
}
