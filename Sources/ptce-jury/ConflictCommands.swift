import ArgumentParser
import Foundation
import JuryCore
import JuryServer
import JuryStore

// Conflicts of interest: declare one's own, record a member's (the chair), list.

struct ConflictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflict", abstract: Language.ofThisProcess.text(.helpConflict),
        subcommands: [ConflictDeclareCommand.self, ConflictRecordCommand.self, ConflictListCommand.self])
}

struct ConflictDeclareCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "declare", abstract: Language.ofThisProcess.text(.helpConflictDeclare))

    @OptionGroup var options: CampaignOptions
    @Argument(help: .text(.helpDossierNumber)) var number: Int
    @Option(name: .long, help: .text(.helpConflictReason)) var reason: String

    func request() throws -> ConflictDeclareRequest { ConflictDeclareRequest(number: number, reason: reason) }
}

extension ConflictDeclareRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let session = try options.openSession()
        let dossier = try session.dossier(number)
        try storeCall(session.language) { () throws(StoreFailure) in try session.store.declareConflict(dossier: dossier.number, reason: reason) }
        Output.write(session.language.text(.conflictOfInterestDeclaredOnDossierN, ["number": dossier.number]))
    }
}

struct ConflictRecordCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: Language.ofThisProcess.text(.helpConflictRecord))

    @OptionGroup var options: CampaignOptions
    @Argument(help: .text(.helpMemberLogin)) var login: String
    @Argument(help: .text(.helpDossierNumber)) var number: Int
    @Option(name: .long, help: .text(.helpConflictReason)) var reason: String

    func request() throws -> ConflictRecordRequest { ConflictRecordRequest(login: login, number: number, reason: reason) }
}

extension ConflictRecordRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let session = try options.openSession()
        let dossier = try session.dossier(number)
        try storeCall(session.language) { () throws(StoreFailure) in
            try session.store.recordConflict(of: login, dossier: dossier.number, reason: reason)
        }
        Output.write(session.language.text(.conflictOfInterestOfRecordedOnDossier, ["login": login, "number": dossier.number]))
    }
}

struct ConflictListCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: Language.ofThisProcess.text(.helpConflictList))

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
            Table(headers: [l.text(.member), l.text(.dossier), l.text(.reason),
                            l.text(.recordedBy)],
                  rows: rows.map { [$0.login, String($0.dossier), $0.reason, $0.recordedBy ?? "—"] }, rightAligned: [1])
        }, json: { rows })
    }
}
