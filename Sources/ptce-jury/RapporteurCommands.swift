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
        abstract: Language.ofThisProcess.text(.helpAssign),
        discussion: Language.ofThisProcess.text(.helpAssignDiscussion))

    @OptionGroup var options: CampaignOptions
    @Flag(name: .long, help: .text(.helpAssignAuto)) var auto = false
    @Argument(help: .text(.helpAssignDossierAndLogins)) var dossierAndLogins: [String] = []

    func validate() throws {
        if auto != dossierAndLogins.isEmpty {
            throw ValidationError(.assignAutoOrADossierAndLogins)
        }
        if !auto && (dossierAndLogins.count < 2 || Int(dossierAndLogins[0]) == nil) {
            throw ValidationError(.assignNeedsADossierThenALogin)
        }
    }

    func request() throws -> AssignRequest { AssignRequest(auto: auto, dossier: dossierAndLogins.first.flatMap { Int($0) }, logins: Array(dossierAndLogins.dropFirst())) }

    static func summary(_ plan: RapporteurPlan, saved: Assignments, settings: RapporteurSettings, dossiers: Int, _ l: Language) -> String {
        let pairs = plan.rapporteurs.values.reduce(0) { $0 + $1.count }
        var lines = [l.text(.rapporteursAssigned, ["pairs": pairs, "dossiers": dossiers, "perDossier": settings.perDossier, "revision": saved.revision])]
        lines.append(l.text(.load) + plan.loads.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        if settings.notOwnRegion == true {
            lines.append(plan.ownRegion == 0
                ? l.text(.noMemberOnADossierOfTheir)
                : l.text(.membersOnADossierOfTheirRegion, ["members": plan.ownRegion]))
        }
        for (dossier, missing) in plan.shortfalls.sorted(by: { $0.key < $1.key }) {
            lines.append(l.text(.dossierMissesRapporteurs, ["dossier": dossier, "missing": missing]))
        }
        for (dossier, logins) in plan.dropped.sorted(by: { $0.key < $1.key }) {
            lines.append(l.text(.dossierRapporteursRemoved, ["dossier": dossier, "removed": logins.count, "logins": logins.joined(separator: ", ")]))
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
        abstract: Language.ofThisProcess.text(.helpUnassign))

    @OptionGroup var options: CampaignOptions
    @Argument(help: .text(.helpDossierNumber)) var dossier: Int
    @Argument(help: .text(.helpRapporteurLogin)) var login: String

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
        abstract: Language.ofThisProcess.text(.helpProgress))

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
