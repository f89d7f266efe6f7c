import ArgumentParser
import Foundation
import JuryCore
import JuryServer
import JuryStore

/// A headless command that runs on a directory or through the jury server (docs/SERVER.md,
/// « Requests »): its command line becomes a typed request on the member's side, and the request's
/// `perform` is the command's code, run where the campaign is.
protocol ServedCommand: ParsableCommand {
    associatedtype Request: PerformedRequest
    var options: CampaignOptions { get }
    /// The request this command line stands for; a file it reads is read here, with the member's rights.
    func request() throws -> Request
}

/// A command's request with the command's code: it prints through `Output`, which the server captures.
protocol PerformedRequest: CommandRequest {
    /// `options`: the command line's campaign options on a directory, none on the server.
    func perform(_ options: CampaignOptions) throws
}

extension ServedCommand {
    func run() throws { try Failure.guarded { try request().perform(options) } }
}

/// The commands' requests the jury server answers, besides the console's and the export.
enum ServedCommands {
    static let requests: [any PerformedRequest.Type] = [
        CheckRequest.self, CampaignRequest.self, ListRequest.self, ShowRequest.self, ScoreRequest.self, ImportRequest.self,
        JuryAddRequest.self, JuryRemoveRequest.self, JuryListRequest.self, ConflictDeclareRequest.self, ConflictRecordRequest.self, ConflictListRequest.self,
        JournalShowRequest.self, JournalVerifyRequest.self, RankingRequest.self, AllocateRequest.self, AssignRequest.self,
        UnassignRequest.self, ProgressCommandRequest.self, SeanceCommandRequest.self, SeanceShowRequest.self,
    ]

    /// Gives the server every command: each runs its own code, in the member's name, on the server's store.
    static func register(on service: JuryService) {
        for type in requests { register(type, on: service) }
        service.register(ExportRequest.self) { request, context in
            try ServedCall(context).within { try request.make(CampaignOptions.onServer) }
        }
    }

    private static func register<R: PerformedRequest>(_ type: R.Type, on service: JuryService) {
        service.register(R.self) { request, context in
            ServedCall(context).capture { try request.perform(CampaignOptions.onServer) }
        }
    }
}

extension CampaignOptions {
    /// A command run by the server names no directory, no server, no reviewer and no language:
    /// the campaign is the server's, the member the kernel's, the language the request's.
    static let onServer: CampaignOptions = {
        do { return try CampaignOptions.parse([]) } catch { preconditionFailure("options sans argument : \(error)") }
    }()
}

/// A command the jury server runs for a connected member: the same code as a local command,
/// against the server's store, in the name the kernel gave, its output captured and sent back.
final class ServedCall: @unchecked Sendable {
    @TaskLocal static var current: ServedCall?

    let store: CampaignStore
    let login: String
    let language: Language
    private let context: RequestContext
    var standardOutput = ""
    var standardError = ""

    init(_ context: RequestContext) {
        self.context = context
        store = context.store
        login = context.login
        language = context.language
    }

    /// The members whose consoles are attached, asked only by the command that shows them.
    func connected() -> [String] { context.connectedMembers() }

    /// Runs `body` with the store to change: on the jury server a read runs on a snapshot, and what
    /// it ends by writing (an import planned off the writer) is done on the writer.
    static func changing<T>(_ store: CampaignStore, _ body: (CampaignStore) throws -> T) throws -> T {
        guard let served = current else { return try body(store) }
        return try served.context.onWriter(body)
    }

    /// Runs `body` as this member; what it throws is the member's refusal.
    func within<T>(_ body: () throws -> T) throws -> T {
        try ServedCall.$current.withValue(self) {
            do { return try body() } catch let failure as Failure { throw Refusal.refused(failure.message) }
        }
    }

    /// Runs a command's code as this member and answers what it printed, with its exit code.
    func capture(_ body: () throws -> Void) -> CommandOutput {
        var exitCode: Int32 = 0
        ServedCall.$current.withValue(self) {
            do {
                try body()
            } catch let failure as Failure {
                standardError += failure.message + "\n"
                exitCode = failure.code.rawValue
            } catch {
                let message = PTCEJury.fullMessage(for: error)
                exitCode = PTCEJury.exitCode(for: error).rawValue
                if exitCode == 0 { standardOutput += message + "\n" } else if !message.isEmpty { standardError += message + "\n" }
            }
        }
        return CommandOutput(exitCode: exitCode, standardOutput: standardOutput, standardError: standardError)
    }
}

/// The client's side: a command's request sent to the server, its output printed here.
enum ServerCommandLine {
    /// Sends the command's request and prints the answer; returns the exit code.
    static func forward<C: ServedCommand>(_ command: C, socket: String, language: Language) -> Int32 {
        call(socket: socket, language: language) { client in
            try command.options.refuseReviewerOnServer(UnixAccounts.currentLogin())
            let output = try client.call(try command.request(), language: language, timeout: 600)
            // Sanitized on the server already; again here, since the bytes crossed a socket.
            FileHandle.standardOutput.write(Data(Sanitizer.text(output.standardOutput).utf8))
            FileHandle.standardError.write(Data(Sanitizer.text(output.standardError).utf8))
            return output.exitCode
        }
    }

    /// Runs `body` with a link to the server; a refusal or a lost link is printed in the member's language.
    static func call(socket: String, language: Language, _ body: (JuryClient) throws -> Int32) -> Int32 {
        let client = JuryClient(socketPath: socket)
        defer { client.close() }
        do {
            return try body(client)
        } catch let failure as ClientFailure {
            Output.error(failure.text(language) + "\n")
        } catch let failure as Failure {
            Output.error(failure.message + "\n")
            return failure.code.rawValue
        } catch {
            Output.error("\(error)\n")
        }
        return 1
    }

    /// A file a command reads, read here with the member's own rights, bounded, sent as bytes.
    static func read(_ path: String, language l: Language) throws -> SentFile {
        let url = URL(fileURLWithPath: path)
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch {
            throw Failure(l.text(.noSuchFile, ["path": path]))
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size < WireLimits.chairRequestBytes / 2 else {
            throw Failure(l.text(.fileTooLargeToGoThroughThe, ["path": path, "size": size]))
        }
        do { return SentFile(name: url.lastPathComponent, contents: try Data(contentsOf: url)) } catch {
            throw Failure(l.text(.labelAndValue, ["label": path, "value": error.localizedDescription]))
        }
    }
}

/// Where the jury server is, read from the raw command line before any command runs.
enum ServerAddress {
    /// The socket, or nil when the campaign is a directory (--data beats $PTCE_JURY_SERVER; --server beats both).
    static func find(in arguments: [String]) -> String? {
        choose(server: value(of: "--server", in: arguments), data: value(of: "--data", in: arguments))
    }

    /// The one rule: --server, else $PTCE_JURY_SERVER unless --data names a directory.
    static func choose(server: String?, data: String?) -> String? {
        if let server { return server }
        guard data == nil, let path = ProcessInfo.processInfo.environment["PTCE_JURY_SERVER"], !path.isEmpty else { return nil }
        return path
    }

    static func value(of option: String, in arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { return nil }
            if argument == option, index + 1 < arguments.count { return arguments[index + 1] }
            if argument.hasPrefix(option + "=") { return String(argument.dropFirst(option.count + 1)) }
        }
        return nil
    }
}
