import ArgumentParser
import Foundation
import JuryCore
import JuryStore

/// Options every command that works on a campaign shares.
struct CampaignOptions: ParsableArguments {
    @Option(name: .long, help: .text(.helpOptionData))
    var data: String?

    @Option(name: .long, help: .text(.helpOptionServer))
    var server: String?

    @Option(name: .long, help: .text(.helpOptionReviewer))
    var reviewer: String?

    @Option(name: .long, help: .text(.helpOptionLang))
    var lang: String?

    var language: Language {
        if lang == nil, let served = ServedCall.current { return served.language }
        return Language.resolve(flag: lang, environment: ProcessInfo.processInfo.environment)
    }

    /// The jury server to talk to (see `ServerAddress.choose`).
    var serverSocket: String? { ServerAddress.choose(server: server, data: data) }

    /// On the jury server the kernel names the member: --reviewer is refused, whoever asks.
    /// `login`: who they are, when already known.
    func refuseReviewerOnServer(_ login: String?) throws {
        guard let reviewer else { return }
        let who = login.map { " (\($0))" } ?? ""
        throw Failure(language.text(.reviewerRefusedOnTheJuryServerYou, ["reviewer": reviewer, "who": who]))
    }

    /// --data, then $PTCE_JURY_DATA, then ./data when it holds a campaign.
    func campaignDirectory() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let data { return URL(fileURLWithPath: data) }
        if let path = environment["PTCE_JURY_DATA"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let local = URL(fileURLWithPath: "data")
        if FileManager.default.fileExists(atPath: CampaignFiles.campaign(local).path) { return local }
        throw Failure(language.text(.noCampaignFound))
    }

    func openStore() throws -> CampaignStore {
        if let served = ServedCall.current {
            // On the server the campaign is the server's: no directory can be named.
            if data != nil || server != nil {
                throw Failure(language.text(.dataAndServerMakeNoSenseIn))
            }
            return served.store
        }
        let directory = try campaignDirectory()
        // A running server keeps its view of the files in memory: nothing else may write them meanwhile.
        if ServerClaim.isTaken(directory) {
            throw Failure(language.text(.theJuryServerHoldsThisCampaignGo, ["path": directory.path]))
        }
        do throws(StoreFailure) {
            return try CampaignStore.open(directory)
        } catch {
            throw Failure(error.text(language), code: ExitCode.invalidData)
        }
    }

    /// Opens the campaign and says who is acting.
    func openSession() throws -> Session {
        let store = try openStore()
        let login = try identity(in: store)
        return Session(store: store, login: login, language: language)
    }

    /// The first screen of a large campaign (see `CampaignPreview`) for whom `account` will most
    /// likely name; nil when there is none to show.
    func preview() -> (CampaignPreview, login: String)? {
        guard let directory = try? campaignDirectory() else { return nil }
        let login = reviewer ?? UnixAccounts.currentLogin()
        guard let preview = CampaignPreview.read(directory, login: login) else { return nil }
        return (preview, login)
    }

    /// Who acts: on a directory, the Unix account, or the member --reviewer names (one user's
    /// campaign, the demo); on the jury server, the member the kernel named, whatever the flags.
    func account(in store: CampaignStore) throws -> String {
        if let served = ServedCall.current {
            // The kernel named the member (SO_PEERCRED); no flag or variable changes it.
            try refuseReviewerOnServer(served.login)
            try? store.act(as: served.login)
            return served.login
        }
        let login = reviewer ?? UnixAccounts.currentLogin()
        do throws(StoreFailure) { try store.act(as: login) } catch { throw Failure(error.text(language)) }
        return login
    }

    /// The jury member running the program (see `account`). On the demo campaign a newcomer may
    /// read and score at once, without set-up: the store admits them with their first sheet, so that
    /// reading writes nothing.
    func identity(in store: CampaignStore) throws -> String {
        let login = try account(in: store)
        // The server admitted the member before running anything.
        if ServedCall.current != nil { return login }
        if store.jury.member(login) != nil { return login }
        if store.campaign.isDemo && reviewer == nil { return login }
        throw unknownMember(login, store: store)
    }

    private func unknownMember(_ login: String, store: CampaignStore) -> Failure {
        let members = store.jury.members.map { "\($0.login) (\($0.name))" }.joined(separator: ", ")
        let chairs = store.jury.members.filter { $0.role == .chair }.map(\.login).joined(separator: ", ")
        let who = chairs.isEmpty ? language.text(.noneLowercase) : chairs
        return Failure(language.text(.notAMemberOfThisJury, ["login": login, "members": members, "chairs": who]))
    }
}

struct Session {
    let store: CampaignStore
    let login: String
    let language: Language

    var me: JuryMember? { store.jury.member(login) }
}

extension ExitCode {
    /// A campaign file is malformed (sysexits' EX_DATAERR).
    static let invalidData = ExitCode(65)
}

/// A refusal or an error the user must read: printed on stderr, non-zero exit.
struct Failure: Error, CustomStringConvertible {
    var message: String
    var code: ExitCode

    init(_ message: String, code: ExitCode = .failure) {
        self.message = message
        self.code = code
    }

    var description: String { message }

    /// Prints failures as plain text (no "Error:" prefix, no usage dump) and exits with their code.
    static func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as Failure {
            Output.error(failure.message + "\n")
            throw failure.code
        }
    }
}

/// A store operation whose refusal is printed as the store words it, in `language`.
func storeCall(_ language: Language, _ body: () throws(StoreFailure) -> Void) throws {
    do throws(StoreFailure) { try body() } catch { throw Failure(error.text(language)) }
}
