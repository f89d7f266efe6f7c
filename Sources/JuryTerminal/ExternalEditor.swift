import Foundation
import Glibc
import JuryCore

/// `$EDITOR` on a text, on the console's terminal. The console has left curses (`suspend`) before
/// and takes the screen back after.
///
/// The editor runs in the console's own process group, which is the terminal's foreground group:
/// in a group of its own (as Foundation's `Process` starts children) vi is stopped by SIGTTIN and
/// an editor reading /dev/tty gets end-of-file. A hang-up while it runs ends the editor, and what
/// it had written to its file is returned all the same: the console saves it as it leaves.
public enum ExternalEditor {
    /// How long an editor has to leave after the hang-up was passed on to it, before SIGKILL.
    private static let hangupGrace: Duration = .seconds(2)

    /// `$EDITOR`, then `$VISUAL`, then vi — with its arguments (`vim -u NONE`) — on a private
    /// temporary file (the text may be confidential). Nil when the editor could not run or failed.
    public static func edit(_ text: String) -> String? {
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["EDITOR"], environment["VISUAL"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        var template = Array((FileManager.default.temporaryDirectory.path + "/ptce-jury-XXXXXX.txt").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard descriptor >= 0 else { return nil }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else { return nil }
        // Through the shell, so that EDITOR may carry arguments ("code --wait", "vim -u NONE").
        guard let outcome = run(["/bin/sh", "-c", "exec \(editor) \"$1\"", "ptce-jury-editor", path], environment: environment),
              outcome.succeeded || outcome.hungUp,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        var edited = String(decoding: data, as: UTF8.self)
        while edited.hasSuffix("\n") { edited.removeLast() }
        return Sanitizer.text(edited)
    }

    /// Runs the program in the foreground and waits for it; nil when it could not start.
    private static func run(_ arguments: [String], environment: [String: String]) -> (succeeded: Bool, hungUp: Bool)? {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // No POSIX_SPAWN_SETPGROUP: the editor stays in the terminal's foreground group. Its
        // signals are the defaults, whatever the console ignores or blocks meanwhile.
        var defaults = sigset_t(), none = sigset_t()
        sigemptyset(&defaults)
        sigemptyset(&none)
        for signal in [SIGINT, SIGQUIT, SIGHUP, SIGTERM, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        // Only the terminal is the editor's: not the jury server's socket, nor the watcher's descriptors.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let inherited = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.compactMap { Int32($0) } ?? []
        for descriptor in inherited where descriptor > STDERR_FILENO {
            posix_spawn_file_actions_addclose(&actions, descriptor)   // the listing's own, closed since, is ignored
        }

        // Ctrl-C and Ctrl-\ typed in an editor in cooked mode reach the whole foreground group:
        // they are the editor's, not a reason for the console to quit (as system(3) does). Ctrl-Z
        // stops the group, the console with it, until fg: curses' own handler would draw the
        // console over the editor as it resumes.
        var ignore = sigaction(), byDefault = sigaction(), interrupt = sigaction(), quit = sigaction(), stop = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        byDefault.__sigaction_handler.sa_handler = SIG_DFL
        sigaction(SIGINT, &ignore, &interrupt)
        sigaction(SIGQUIT, &ignore, &quit)
        sigaction(SIGTSTP, &byDefault, &stop)
        defer {
            sigaction(SIGINT, &interrupt, nil)
            sigaction(SIGQUIT, &quit, nil)
            sigaction(SIGTSTP, &stop, nil)
        }

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp) == 0 else { return nil }

        var status: Int32 = 0
        // The hang-up handler has no SA_RESTART: the wait ends with EINTR when it comes.
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return nil }
            if Signals.hangup.load(ordering: .relaxed) {
                endAfterHangup(pid)
                return (false, true)
            }
        }
        // WIFEXITED and WEXITSTATUS are macros: exited normally with status 0. An editor that fails
        // because its terminal is gone, before the console's own SIGHUP arrives, is a hang-up too.
        return (status & 0x7f == 0 && (status >> 8) & 0xff == 0,
                Signals.hangup.load(ordering: .relaxed) || CursesTerminal.hungUp(STDIN_FILENO))
    }

    /// The terminal is gone (or the console is told to leave): the editor is told too, woken if it
    /// was stopped, and killed if it lingers — no editor outlives the console.
    private static func endAfterHangup(_ pid: pid_t) {
        kill(pid, SIGHUP)
        kill(pid, SIGCONT)
        var status: Int32 = 0
        let deadline = ContinuousClock.now + hangupGrace
        while waitpid(pid, &status, WNOHANG) == 0 {
            if ContinuousClock.now >= deadline {
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                break
            }
            usleep(10_000)   // paces the check only
        }
    }
}
