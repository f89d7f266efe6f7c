import Foundation
import XCTest

/// A program in a pane of its own tmux server, typed at and read as a person would
/// (docs/ARCHITECTURE.md, « The terminal »): keys in, screen out, and conditions polled until a deadline, never fixed sleeps.
/// tmux and child processes are started with posix_spawn and output to a file: waiting on
/// the tmux client through Process was seen to hang (docs/ARCHITECTURE.md).
final class TmuxSession {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let socket = "ptce-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
    /// Where the shell around the program writes its exit status: tmux was seen to mark a pane
    /// dead without ever reporting the status.
    private let statusFile = FileManager.default.temporaryDirectory.appending(path: "ptce-e2e-\(UUID().uuidString).status")

    /// Starts `arguments` in a detached rows×columns pane. The pane stays after the program
    /// exits so that its last screen can still be read.
    init(_ arguments: [String], environment: [String: String] = [:], rows: Int = 40, columns: Int = 120) throws {
        let variables = environment.sorted { $0.key < $1.key }.flatMap { ["-e", "\($0.key)=\($0.value)"] }
        let recordingStatus = ["/bin/sh", "-c", #"status=$1; shift; "$@"; echo $? > "$status""#, "sh", statusFile.path]
        try tmux(["start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                  "set-option", "-g", "status", "off", ";",
                  "new-session", "-d", "-x", "\(columns)", "-y", "\(rows)"] + variables + ["--"]
                 + recordingStatus + arguments)
    }

    deinit { kill() }

    /// Named keys as tmux spells them: "Enter", "Escape", "C-c", "j"…
    func sendKeys(_ keys: String...) throws {
        try sendKeys(contentsOf: keys)
    }

    func sendKeys(contentsOf keys: [String]) throws {
        try tmux(["send-keys", "--"] + keys)
    }

    /// Raw bytes, as a terminal that tmux does not emulate would send them (PuTTY's ESC[1~ for Home).
    func sendBytes(_ bytes: [UInt8]) throws {
        try tmux(["send-keys", "-H", "--"] + bytes.map { String($0, radix: 16) })
    }

    /// Text typed literally, accents and all.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-l", "--", text])
    }

    /// The screen as text; with `escapes`, with the SGR sequences of attributes and colours; with
    /// `history`, with the lines scrolled off the top too (tmux's note on a dead pane scrolls it).
    func capture(escapes: Bool = false, history: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p"] + (escapes ? ["-e"] : []) + (history ? ["-S", "-"] : []))
    }

    /// Polls the screen until `condition` holds and returns that screen; fails with the last
    /// screen seen when the deadline passes.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 15, escapes: Bool = false,
                 _ condition: (String) -> Bool) throws -> String {
        var screen = ""
        try Self.poll(what, timeout: timeout, lastSeen: { "the screen was:\n\(screen)" }) {
            screen = try capture(escapes: escapes)
            return condition(screen)
        }
        return screen
    }

    /// Waits for the program to end and returns its exit status (128 + n for a death by signal n).
    func waitForExit(timeout: TimeInterval = 15) throws -> Int32 {
        var status: Int32?
        try Self.poll("the program to exit", timeout: timeout, lastSeen: { (try? self.capture()) ?? "" }) {
            let text = try? String(contentsOf: statusFile, encoding: .utf8)
            status = text.flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return status != nil
        }
        return status ?? -1
    }

    /// Whether the alternate screen is on: curses takes it at start and gives it back in endwin.
    func alternateScreen() throws -> Bool {
        try tmux(["display-message", "-p", "#{alternate_on}"]) == "1"
    }

    /// Where the terminal's cursor is (0-based), shown or not: what a screen reader follows.
    func cursor() throws -> (row: Int, column: Int) {
        let position = try tmux(["display-message", "-p", "#{cursor_y},#{cursor_x}"]).split(separator: ",").compactMap { Int($0) }
        guard position.count == 2 else { throw Failure(description: "tmux gave no cursor position") }
        return (position[0], position[1])
    }

    /// Whether the terminal shows its cursor.
    func cursorShown() throws -> Bool {
        try tmux(["display-message", "-p", "#{cursor_flag}"]) == "1"
    }

    /// The terminal window changes size (the program gets SIGWINCH).
    func resize(rows: Int, columns: Int) throws {
        try tmux(["resize-window", "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Closes the session as an SSH drop would: the program gets SIGHUP and loses its terminal.
    func hangUp() throws {
        try tmux(["kill-session"])
    }

    func kill() {
        _ = try? Self.run("tmux", ["-L", socket, "kill-server"])
        try? FileManager.default.removeItem(at: statusFile)
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        // -u: the screen is UTF-8 whatever the test's locale; -f /dev/null: no user configuration.
        let result = try Self.run("tmux", ["-u", "-L", socket, "-f", "/dev/null"] + arguments)
        guard result.status == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.output)")
        }
        return result.output.hasSuffix("\n") ? String(result.output.dropLast()) : result.output
    }

    /// Calls `check` until it returns true, every 20 ms; the interval only paces the polling.
    static func poll(_ what: String, timeout: TimeInterval, lastSeen: () -> String, _ check: () throws -> Bool) throws {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while try !check() {
            guard Date() < deadline else {
                throw Failure(description: "timed out after \(Int(timeout)) s waiting for \(what); \(lastSeen())")
            }
            usleep(20_000)
        }
    }

    /// Runs ptce-jury for a test's set-up: anything but success stops the test with its output.
    @discardableResult
    static func succeeding(_ binary: String, _ arguments: [String]) throws -> String {
        let result = try run(binary, arguments)
        guard result.status == 0 else {
            throw Failure(description: "ptce-jury \(arguments.joined(separator: " ")) failed: \(result.output)")
        }
        return result.output
    }

    /// Runs ptce-jury and records a test failure, with its output, unless it ends with `status`.
    @discardableResult
    static func expecting(_ status: Int32, _ binary: String, _ arguments: [String],
                          file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try run(binary, arguments)
        XCTAssertEqual(result.status, status, "ptce-jury \(arguments.joined(separator: " ")): \(result.output)", file: file, line: line)
        return result.output
    }

    /// Runs a program (found in PATH when the name has no slash) to its end; standard output
    /// and error go to a file, read once it has exited.
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let outputFile = FileManager.default.temporaryDirectory.appending(path: "ptce-e2e-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: outputFile) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + environment).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, program, &actions, nil, argv, environment)
        guard spawned == 0 else {
            let hint = program == "tmux" ? " — the end-to-end tests drive the console under tmux: apt-get install tmux" : ""
            throw Failure(description: "cannot run \(program): \(String(cString: strerror(spawned)))\(hint)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS are macros: a signal death is reported as 128 + its number.
        return (status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
    }

    /// The ptce-jury executable built next to the test bundle (`swift build` puts products and
    /// the .xctest in one directory), else in the package's .build/debug.
    static func consoleBinary(filePath: String = #filePath) throws -> String {
        let bundled = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appending(path: "ptce-jury").path
        let root = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let inTree = root.appending(path: ".build/debug/ptce-jury").path
        guard let found = [bundled, inTree].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "ptce-jury is not built (looked for \(bundled) and \(inTree)): run swift build first")
        }
        return found
    }
}
