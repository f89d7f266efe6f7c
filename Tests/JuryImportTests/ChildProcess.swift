import Foundation
#if canImport(Glibc)
import Glibc
import XCTest
#endif

/// A program run to its end, with how it ended (a signal, for a trap: Foundation's Process reports
/// it as an exit code) and its output.
struct ChildProcess {
    var status: Int32
    /// Killed by this signal (a trap is SIGILL or SIGTRAP), or nil.
    var signal: Int32?
    var stdout: String
    var stderr: String

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
        // Through the shell only to change directory: it then becomes the program (exec).
        let argv = (["/bin/sh", "-c", #"cd "$0" && exec "$@""#, directory.path, executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
        guard spawned == 0 else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: executable]) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = status & 0x7F == 0
        return ChildProcess(status: exited ? (status >> 8) & 0xFF : -1, signal: exited ? nil : status & 0x7F,
                            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// The ptce-jury executable built next to the test bundle, else in the package's .build/debug.
    /// What a test needs and does not have: skipped, saying why; failed where the run requires
    /// everything (CI sets PTCE_JURY_REQUIRE_TOOLS, as for the server's tools).
    static func missing(_ why: String, file: StaticString = #filePath, line: UInt = #line) -> XCTSkip {
        let environment = ProcessInfo.processInfo.environment
        if environment["PTCE_JURY_REQUIRE_TOOLS"].map({ !$0.isEmpty }) == true || environment["CI"] == "true" {
            XCTFail(why + ", and this run requires it (CI=true or PTCE_JURY_REQUIRE_TOOLS)", file: file, line: line)
        }
        return XCTSkip(why)
    }

    static func ptceJury() -> String? {
        let bundled = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "ptce-jury").path
        let inTree = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "../../.build/debug/ptce-jury").path
        return [bundled, inTree].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// The peak resident memory of this process, from /proc (VmHWM): what the kernel counts for this
/// program's own memory. (wait4's figure for a child also counts what its parent held when it was
/// spawned, which would hide the child's.)
func peakResidentMemory() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kilobytes = line.split(separator: " ").compactMap({ Int($0) }).first else { return nil }
    return kilobytes * 1024
}
