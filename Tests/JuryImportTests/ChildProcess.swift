import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program run to its end with its peak memory: `wait4` gives the child's own resource usage,
/// which Foundation's Process does not (and RUSAGE_CHILDREN would mix in every earlier child).
struct ChildProcess {
    var status: Int32
    /// Killed by this signal (a trap is SIGILL or SIGTRAP), or nil.
    var signal: Int32?
    var stdout: String
    var stderr: String
    /// Peak resident memory, in bytes.
    var maxResident: Int
    var seconds: Double

    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    in directory: URL) throws -> ChildProcess {
        let out = directory.appending(path: ".child-out-\(UUID().uuidString)"), err = directory.appending(path: ".child-err-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var env = ProcessInfo.processInfo.environment.filter { !["PTCE_JURY_DATA", "LANG", "LC_ALL", "LC_MESSAGES"].contains($0.key) }
        for (key, value) in environment { env[key] = value }
        // Through the shell only to change directory: it then becomes the program (exec), whose usage wait4 reports.
        let argv = (["/bin/sh", "-c", #"cd "$0" && exec "$@""#, directory.path, executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let clock = ContinuousClock(), start = clock.now
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
        guard spawned == 0 else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: executable]) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let elapsed = clock.now - start
        let exited = status & 0x7F == 0
        return ChildProcess(status: exited ? (status >> 8) & 0xFF : -1, signal: exited ? nil : status & 0x7F,
                            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "",
                            maxResident: Int(usage.ru_maxrss) * 1024,
                            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// The ptce-jury executable built next to the test bundle, else in the package's .build/debug.
    static func ptceJury() -> String? {
        let bundled = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "ptce-jury").path
        let inTree = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "../../.build/debug/ptce-jury").path
        return [bundled, inTree].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
