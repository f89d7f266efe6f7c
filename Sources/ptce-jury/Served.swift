import ArgumentParser
import Foundation
import JuryCore
import JuryServer
import JuryStore

/// A command the jury server runs for a connected member (docs/SERVER.md): the same code as a
/// local command, against the server's store, in the name the kernel gave, its output sent back.
final class ServedCall: @unchecked Sendable {
    @TaskLocal static var current: ServedCall?

    let store: CampaignStore
    let login: String
    let language: Language
    var standardOutput = ""
    var standardError = ""

    init(store: CampaignStore, login: String, language: Language) {
        self.store = store
        self.login = login
        self.language = language
    }

    /// The commands that change nothing: after the others, attached consoles are told what changed.
    private static let readOnly: [ParsableCommand.Type] = [CheckCommand.self, CampaignCommand.self, ListCommand.self, ShowCommand.self,
                                                           RankingCommand.self, ExportCommand.self, JournalShowCommand.self,
                                                           JournalVerifyCommand.self, ConflictListCommand.self, ProgressCommand.self,
                                                           SeanceShowCommand.self]
    /// Run where the program is, never on the server: they create campaigns or check the installation.
    static let localOnly: [ParsableCommand.Type] = [InitCommand.self, DemoCommand.self, DoctorCommand.self, ServeCommand.self]

    /// The server's `CommandRunner`. Files a command reads or writes travel with the request: they
    /// are put in a private directory of the server's for the run, and named there instead.
    static func run(store: CampaignStore, call: CommandCall) -> CommandResult {
        let served = ServedCall(store: store, login: call.login, language: call.language)
        var arguments = call.arguments
        let scratch = FileManager.default.temporaryDirectory.appending(path: "ptce-jury-serveur-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var renamed: [(private: String, shown: String)] = []
        var outputs: [Int: String] = [:]
        do {
            if !call.inputs.isEmpty || !call.outputs.isEmpty {
                try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            }
            for (index, data) in call.inputs where arguments.indices.contains(index) {
                let path = scratch.appending(path: "entree-\(index)-" + URL(fileURLWithPath: arguments[index]).lastPathComponent).path
                try data.write(to: URL(fileURLWithPath: path))
                renamed.append((path, arguments[index]))
                arguments[index] = path
            }
            for index in call.outputs where arguments.indices.contains(index) {
                let path = scratch.appending(path: "sortie-\(index)-" + URL(fileURLWithPath: arguments[index]).lastPathComponent).path
                renamed.append((path, arguments[index]))
                outputs[index] = path
                arguments[index] = path
            }
        } catch {
            return CommandResult(exitCode: 1, standardOutput: "", standardError: "fichiers de la requête inutilisables : \(error)\n", changed: false)
        }
        var exitCode: Int32 = 0
        var changed = false
        ServedCall.$current.withValue(served) {
            do {
                var command = try PTCEJury.parseAsRoot(arguments)
                let kind = type(of: command)
                if kind == PTCEJury.self || localOnly.contains(where: { $0 == kind }) {
                    throw Failure(call.language.pick(
                        "Cette commande ne passe pas par le serveur du jury : lancez-la sur le serveur, avec --data.",
                        "This command does not go through the jury server: run it on the server, with --data."))
                }
                changed = !readOnly.contains { $0 == kind }
                try command.run()
            } catch let failure as Failure {
                served.standardError += failure.message + "\n"
                exitCode = failure.code.rawValue
            } catch {
                let message = PTCEJury.fullMessage(for: error)
                exitCode = PTCEJury.exitCode(for: error).rawValue
                if exitCode == 0 { served.standardOutput += message + "\n" } else if !message.isEmpty { served.standardError += message + "\n" }
            }
        }
        var files: [Int: Data] = [:]
        for (index, path) in outputs { files[index] = FileManager.default.contents(atPath: path) }
        // The member reads the names they gave, not the server's private ones.
        var standardOutput = served.standardOutput, standardError = served.standardError
        for (privatePath, shown) in renamed {
            standardOutput = standardOutput.replacingOccurrences(of: privatePath, with: shown)
            standardError = standardError.replacingOccurrences(of: privatePath, with: shown)
        }
        return CommandResult(exitCode: exitCode, standardOutput: standardOutput, standardError: standardError, files: files,
                             changed: changed && exitCode == 0)
    }
}

/// The client's side: a command line sent to the server, its output printed, its files written here.
enum ServerCommandLine {
    /// Runs `arguments` (the program's, `--server` removed) through the server and exits with its code.
    static func forward(_ arguments: [String], command: ParsableCommand, socket: String, language: Language) -> Int32 {
        var inputs: [Int: Data] = [:]
        var outputs: [Int] = []
        // Files the command reads are read here, with the member's own rights, and sent.
        if let importing = command as? ImportCommand {
            for path in importing.files + [importing.mapping].compactMap({ $0 }) {
                guard let index = arguments.firstIndex(of: path) else { continue }
                do {
                    inputs[index] = try readBounded(path)
                } catch {
                    FileHandle.standardError.write(Data("\(path) : \(error)\n".utf8))
                    return 1
                }
            }
        }
        if let exporting = command as? ExportCommand, let index = arguments.lastIndex(of: exporting.out) { outputs.append(index) }
        let client = JuryClient(socketPath: socket)
        defer { client.close() }
        let response: WireResponse
        do {
            response = try client.call(WireRequest(op: .run, language: language.rawValue, arguments: arguments, inputs: inputs.isEmpty ? nil : inputs,
                                                   outputs: outputs.isEmpty ? nil : outputs), timeout: 600)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 1
        }
        if let error = response.error {
            FileHandle.standardError.write(Data((error + "\n").utf8))
            return 1
        }
        for (index, data) in response.files ?? [:] where outputs.contains(index) {
            do { try data.write(to: URL(fileURLWithPath: arguments[index]), options: .atomic) } catch {
                FileHandle.standardError.write(Data("\(arguments[index]) : \(error.localizedDescription)\n".utf8))
                return 1
            }
        }
        // Sanitized on the server already; again here, since the bytes crossed a socket.
        FileHandle.standardOutput.write(Data(Sanitizer.text(response.standardOutput ?? "").utf8))
        FileHandle.standardError.write(Data(Sanitizer.text(response.standardError ?? "").utf8))
        return response.exitCode ?? 1
    }

    private static func readBounded(_ path: String) throws -> Data {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size < WireLimits.chairRequestBytes / 2 else {
            throw Failure("fichier trop gros pour passer par le serveur (\(size) octets)")
        }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}

/// Where the jury server is, read from the raw command line before any command runs.
enum ServerAddress {
    /// The socket and the arguments without `--server`, or nil when the campaign is a directory
    /// (--data beats $PTCE_JURY_SERVER; --server beats both).
    static func find(in arguments: [String]) -> (socket: String, forwarded: [String])? {
        var forwarded: [String] = []
        var socket: String?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { forwarded += arguments[index...]; break }
            if argument == "--server", index + 1 < arguments.count {
                socket = arguments[index + 1]
                index += 2
                continue
            }
            if argument.hasPrefix("--server=") {
                socket = String(argument.dropFirst("--server=".count))
            } else {
                forwarded.append(argument)
            }
            index += 1
        }
        return choose(server: socket, data: value(of: "--data", in: arguments)).map { ($0, forwarded) }
    }

    /// The one rule: --server, else $PTCE_JURY_SERVER unless --data names a directory.
    static func choose(server: String?, data: String?) -> String? {
        if let server { return server }
        guard data == nil, let path = ProcessInfo.processInfo.environment["PTCE_JURY_SERVER"], !path.isEmpty else { return nil }
        return path
    }

    static func value(of option: String, in arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument == option, index + 1 < arguments.count { return arguments[index + 1] }
            if argument.hasPrefix(option + "=") { return String(argument.dropFirst(option.count + 1)) }
        }
        return nil
    }
}
