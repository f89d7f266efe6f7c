import ArgumentParser
import Foundation
import JuryCore
import JuryServer
import JuryStore

// The jury's membership: list, add, remove (docs/SERVER.md, « What a member receives »).

extension CampaignOptions {
    /// The store and who runs the program, when that must be the chair or the campaign's owner.
    func openAsChairOrOwner() throws -> (CampaignStore, String) {
        let store = try openStore()
        let login = try account(in: store)
        guard store.jury.member(login)?.role == .chair || login == store.owner else {
            throw Failure(language.text(.onlyTheJurysChairOrTheCampaigns, ["owner": store.owner]))
        }
        return (store, login)
    }
}

struct JuryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jury", abstract: Language.ofThisProcess.text(.helpJury),
        subcommands: [JuryListCommand.self, JuryAddCommand.self, JuryRemoveCommand.self])
}

struct JuryListCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: Language.ofThisProcess.text(.helpJuryList))

    @OptionGroup var options: CampaignOptions
    @OptionGroup var output: OutputOptions

    struct Row: Encodable {
        var login: String; var name: String; var role: String; var region: String?
        /// Only through the server, and only for the chair.
        var connected: Bool?
    }

    func request() throws -> JuryListRequest { JuryListRequest(format: output.format) }
}

extension JuryListRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let store = try options.openStore()
        let l = options.language
        // The campaign's owner prepares the jury without being in it (as for `jury add`).
        let login = try options.account(in: store)
        if login != store.owner { _ = try options.identity(in: store) }
        // Who is connected is the chair's to know, as for the séance's attendance (docs/SERVER.md).
        let connected = store.jury.member(login)?.role == .chair ? ServedCall.current.map { Set($0.connected()) } : nil
        let rows = store.jury.members.map { member in
            JuryListCommand.Row(login: member.login, name: member.name, role: member.role.rawValue, region: member.region,
                                connected: connected.map { $0.contains(member.login) })
        }
        try Output.emit(format, table: {
            Table(headers: [l.text(.login), l.text(.name), l.text(.role), l.text(.region)]
                      + (connected == nil ? [] : [l.text(.connected)]),
                  rows: store.jury.members.map { member in
                      [member.login, member.name, Labels.role(member.role, l), member.region.map { Regions.named(code: $0)?.name ?? $0 } ?? "—"]
                          + (connected.map { [$0.contains(member.login) ? l.text(.yes) : l.text(.no)] } ?? [])
                  })
        }, json: { rows })
    }
}

struct JuryAddCommand: ServedCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: Language.ofThisProcess.text(.helpJuryAdd))

    @OptionGroup var options: CampaignOptions
    @Argument(help: .text(.helpMemberUnixLogin)) var login: String
    @Option(name: .long, help: .text(.helpJuryAddName)) var name: String
    @Flag(name: .long, help: .text(.helpJuryAddChair)) var chair = false
    @Option(name: .long, help: .text(.helpJuryAddRegion))
    var region: String?

    func request() throws -> JuryAddRequest { JuryAddRequest(login: login, memberName: name, chair: chair, region: region) }
}

extension JuryAddRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let (store, _) = try options.openAsChairOrOwner()
        let l = options.language
        guard Jury.isValidLogin(login) else {
            throw Failure(l.text(.isNotAValidUnixLogin, ["login": login]))
        }
        var jury = store.jury
        guard jury.member(login) == nil else {
            throw Failure(l.text(.isAlreadyAJuryMember, ["login": login]))
        }
        if let region, Regions.named(code: region) == nil {
            throw Failure(l.text(.unknownRegionINSEECodes, ["region": region])
                          + Regions.all.map { "\($0.code) \($0.name)" }.joined(separator: ", ") + ")")
        }
        jury.members.append(JuryMember(login: login, name: Sanitizer.line(memberName), role: chair ? .chair : .reviewer, region: region))
        try storeCall(l) { () throws(StoreFailure) in try store.saveJury(jury) }
        Output.write(l.text(.memberAddedToTheJury, ["login": login, "role": Labels.role(chair ? .chair : .reviewer, l), "revision": store.jury.revision]))
    }
}

struct JuryRemoveCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: Language.ofThisProcess.text(.helpJuryRemove))

    @OptionGroup var options: CampaignOptions
    @Argument(help: .text(.helpMemberUnixLogin)) var login: String

    func request() throws -> JuryRemoveRequest { JuryRemoveRequest(login: login) }
}

extension JuryRemoveRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let (store, _) = try options.openAsChairOrOwner()
        let l = options.language
        var jury = store.jury
        guard jury.member(login) != nil else {
            throw Failure(l.text(.isNotAJuryMember, ["login": login]))
        }
        jury.members.removeAll { $0.login == login }
        try storeCall(l) { () throws(StoreFailure) in try store.saveJury(jury) }
        Output.write(l.text(.removedFromTheJuryRevisionN, ["login": login, "revision": store.jury.revision]))
    }
}
