import Foundation
import Glibc
import XCTest
@testable import JuryStore

/// A jury server installed as docs/SERVER.md says, with throwaway accounts: `service` (the
/// server's system account, owner of the campaign), the chair, alice and bob (reviewers), and eve
/// (in the jury's group, not in the jury). Each runs the real binary under their own account.
final class ServedJury {
    let group: String
    let service: String, chair: String, alice: String, bob: String, eve: String
    let scratch: URL
    let root: URL
    let socket: String
    let binary: String
    let log: URL
    var numbers: [Int] = []
    var keys: [String] = []
    /// Put before the server's command line (strace): the server is then that program's child.
    let wrapper: [String]
    /// Added to `serve`'s options at the next `start()` (a quota a test lowers).
    var serverOptions: [String] = []
    private var users: [String] = []
    private var server: Process?

    init(scratch: URL, dossiers: Int = 4, wrapper: [String] = []) throws {
        self.scratch = scratch
        self.wrapper = wrapper
        let suffix = String(UInt32.random(in: 0x10000...0xFFFFF), radix: 16)
        group = "pjg\(suffix)"
        (service, chair, alice, bob, eve) = ("pjs\(suffix)", "pjc\(suffix)", "pja\(suffix)", "pjb\(suffix)", "pje\(suffix)")
        root = scratch.appending(path: "campagne")
        socket = scratch.appending(path: "run/jury.sock").path
        log = scratch.appending(path: "serveur.log")
        binary = try ServedJury.findBinary()
        guard Glibc.system("groupadd \(group)") == 0 else { throw Unavailable.accounts("groupadd \(group) failed") }
        // The server's account is a system account outside the jury's group.
        guard Glibc.system("useradd -r -M -s /usr/sbin/nologin \(service)") == 0 else { throw Unavailable.accounts("useradd \(service) failed") }
        users.append(service)
        for user in [chair, alice, bob, eve] {
            guard Glibc.system("useradd -M -N -g \(group) -s /usr/sbin/nologin \(user)") == 0 else {
                remove()
                throw Unavailable.accounts("useradd \(user) failed")
            }
            users.append(user)
        }
        // The administrator prepares the campaign as the server's account, with the commands on the directory.
        chown(scratch.path, uid(service), gid_t(0))
        try expect(service, ["demo", "--out", root.path, "--dossiers", "\(dossiers)", "--reviewers", "1", "--seed", "5"])
        try FileManager.default.removeItem(at: CampaignFiles.reviewers(root))
        let generated = try JSONSerialization.jsonObject(with: Data(contentsOf: CampaignFiles.jury(root))) as! [String: Any]
        // As the campaign's owner, before the server starts (then the chair does it through the server).
        try expect(service, ["jury", "add", chair, "--name", "Présidence", "--chair", "--data", root.path])
        for member in generated["members"] as! [[String: Any]] {
            try expect(service, ["jury", "remove", member["login"] as! String, "--data", root.path])
        }
        try expect(service, ["jury", "add", alice, "--name", "Alice", "--data", root.path])
        let dossiersFile = try JSONSerialization.jsonObject(with: Data(contentsOf: CampaignFiles.dossiers(root))) as! [String: Any]
        numbers = (dossiersFile["dossiers"] as! [[String: Any]]).map { $0["number"] as! Int }
        let campaign = try JSONSerialization.jsonObject(with: Data(contentsOf: CampaignFiles.campaign(root))) as! [String: Any]
        keys = (campaign["criteria"] as! [[String: Any]]).map { $0["key"] as! String }
        // The socket's directory: the server's account writes, the jury's group enters (systemd's RuntimeDirectory does this).
        let run = scratch.appending(path: "run")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: false)
        chown(run.path, uid(service), gid(group))
        chmod(run.path, 0o2750)
        try start()
        try expect(chair, ["jury", "add", bob, "--name", "Bob"])
    }

    func uid(_ user: String) -> uid_t { getpwnam(user).pointee.pw_uid }
    func gid(_ group: String) -> gid_t { getgrnam(group).pointee.gr_gid }

    /// Starts `ptce-jury serve` as the server's account and waits until it answers.
    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=\(service)", "--regid=\(service)", "--clear-groups"] + wrapper
            + [binary, "serve", "--data", root.path, "--socket", socket, "--group", group] + serverOptions
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        if !FileManager.default.fileExists(atPath: log.path) { FileManager.default.createFile(atPath: log.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardError = handle
        process.standardOutput = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        server = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if run(alice, ["campaign"]).status == 0 { return }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        throw Unavailable.accounts("the server did not answer: \(String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self))")
    }

    /// `kill -9` of the server (nothing is flushed, nothing said).
    func killServer() {
        guard let server else { return }
        kill(serverPID ?? server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        self.server = nil
    }

    /// The server's own process (the wrapper's child, if there is one).
    var serverPID: pid_t? {
        guard let pid = server?.processIdentifier else { return nil }
        guard !wrapper.isEmpty else { return pid }
        let children = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)
        return children?.split(separator: " ").first.flatMap { pid_t($0) }
    }

    /// Stops the server as systemd does (SIGTERM); how it ended (« exit 0 », « signal 15 »), or nil
    /// if it is still running after `seconds`.
    func terminateServer(within seconds: TimeInterval = 15) -> String? {
        guard let server, let pid = serverPID else { return nil }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(seconds)
        while server.isRunning && Date() < deadline { usleep(20_000) }
        guard !server.isRunning else { return nil }
        self.server = nil
        return "\(server.terminationReason == .exit ? "exit" : "signal") \(server.terminationStatus)"
    }

    func remove() {
        if server?.isRunning == true, terminateServer() == nil { killServer() }
        for user in users { _ = Glibc.system("userdel \(user) 2>/dev/null") }
        users = []
        _ = Glibc.system("groupdel \(group) 2>/dev/null")
    }

    struct Result { var status: Int32; var out: String; var err: String }

    /// The binary as `user`, in a clean environment, through the server (`--server`) unless the
    /// arguments name a directory.
    func run(_ user: String, _ arguments: [String], environment: [String: String] = [:]) -> Result {
        let direct = arguments.contains("--data") || ["demo", "serve"].contains(arguments.first ?? "")
        return execute(user, [binary] + arguments + (direct ? [] : ["--server", socket]), environment: environment)
    }

    /// Any program as `user` (their own groups), its output and status.
    func run(_ user: String, program arguments: [String], environment: [String: String] = [:], input: String? = nil) -> Result {
        execute(user, arguments, environment: environment, input: input)
    }

    private func execute(_ user: String, _ command: [String], environment: [String: String], input: String? = nil) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        let groups = user == service ? ["--regid=\(service)", "--clear-groups"] : ["--regid=\(group)", "--init-groups"]
        process.arguments = ["--reuid=\(user)"] + groups + command
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/tmp"].merging(environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        let out = FileManager.default.temporaryDirectory.appending(path: "ptce-out-\(UUID().uuidString)")
        let err = FileManager.default.temporaryDirectory.appending(path: "ptce-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        process.standardOutput = try? FileHandle(forWritingTo: out)
        process.standardError = try? FileHandle(forWritingTo: err)
        if let input {
            let pipe = Pipe()
            process.standardInput = pipe
            pipe.fileHandleForWriting.write(Data(input.utf8))
            try? pipe.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        guard (try? process.run()) != nil else { return Result(status: -1, out: "", err: "could not start \(command[0])") }
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      out: (try? String(contentsOf: out, encoding: .utf8)) ?? "", err: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    func expect(_ user: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let result = run(user, arguments)
        XCTAssertEqual(result.status, 0, "\(user) \(arguments.joined(separator: " ")): \(result.err)\(result.out)", file: file, line: line)
        if result.status != 0 { throw Unavailable.accounts("\(arguments.joined(separator: " ")) failed: \(result.err)") }
    }

    /// Submits `user`'s complete sheet on a dossier, every criterion at `value`, with a comment.
    func submit(_ user: String, _ number: Int, value: Int, comment: String) throws {
        try expect(user, ["score", "\(number)", "--recommend", "favorable", "--submit", "--overall", comment]
                   + keys.flatMap { ["--set", "\($0)=\(value)"] })
    }

    /// A Python script run as `user`, speaking the protocol on the socket (docs/SERVER.md).
    func python(_ user: String, _ script: String, _ arguments: [String] = []) -> Result {
        run(user, program: ["/usr/bin/python3", "-c", script, socket] + arguments)
    }

    var serverLog: String { String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self) }

    private static func findBinary(filePath: String = #filePath) throws -> String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "ptce-jury").path
        let inTree = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: ".build/debug/ptce-jury").path
        guard let found = [beside, inTree].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Unavailable.accounts("ptce-jury is not built (looked for \(beside) and \(inTree))")
        }
        return found
    }
}
