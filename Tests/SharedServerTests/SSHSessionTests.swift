import Foundation
import Glibc
import XCTest
@testable import JuryStore

/// A jury member as they really work: over a real OpenSSH session on loopback, into their own
/// account, the console against the jury server; then the link is cut while they type.
final class SSHSessionTests: XCTestCase {
    func testACommentTypedOverSSHIsSavedWhenTheConnectionIsCut() throws {
        try requireRoot()
        let scratch = scratchDirectory()
        let jury = try ServedJury(scratch: scratch)
        addTeardownBlock { jury.remove() }
        let ssh = try OpenSSH(scratch: scratch, user: jury.alice)
        addTeardownBlock { ssh.stop() }

        let tmux = "ptce-ssh-\(getpid())"
        addTeardownBlock { _ = Glibc.system("tmux -L \(tmux) kill-server 2>/dev/null") }
        let remote = "env LANG=C.UTF-8 PTCE_JURY_SERVER=\(jury.socket) \(jury.binary)"
        XCTAssertEqual(Glibc.system("tmux -L \(tmux) new-session -d -x 120 -y 40 -- "
                                    + "ssh -tt \(ssh.options) \(jury.alice)@127.0.0.1 '\(remote)'"), 0)
        func screen() -> String { OpenSSH.output(of: "tmux -L \(tmux) capture-pane -p") }
        func keys(_ keys: String) { _ = Glibc.system("tmux -L \(tmux) send-keys -- \(keys)") }
        try OpenSSH.poll("the console over SSH", screen) { screen().contains("Alice (\(jury.alice))") }

        // The first dossier's sheet; Enter on the first criterion writes its comment.
        keys("e")
        try OpenSSH.poll("the score sheet", screen) { screen().contains("Fiche · n° \(jury.numbers[0])") }
        keys("Enter")
        let comment = "Ancrage fort dans l’Aisne, élus présents"
        _ = Glibc.system("tmux -L \(tmux) send-keys -l -- '\(comment)'")
        try OpenSSH.poll("the comment being typed", screen) { screen().contains(comment) }

        // The link is cut: the client dies at once, as when a laptop's network goes.
        ssh.killClients()
        let sheet = CampaignFiles.sheet(jury.root, jury.alice, jury.numbers[0])
        try OpenSSH.poll("the comment in the server's files", { "sheet: \(self.text(sheet))\nlog: \(jury.serverLog)" }) {
            text(sheet).contains(comment)
        }
    }

    /// The link is cut while the member writes a comment in $EDITOR (one that reads the terminal,
    /// as vi does): the editor and the console both end — no ghost on the server — and the line the
    /// editor had saved reaches the server.
    func testTheEditorOverSSHEndsWithTheLinkAndWhatItSavedIsKept() throws {
        try requireRoot()
        let scratch = scratchDirectory()
        let jury = try ServedJury(scratch: scratch)
        addTeardownBlock { jury.remove() }
        let ssh = try OpenSSH(scratch: scratch, user: jury.alice)
        addTeardownBlock { ssh.stop() }
        // An editor that appends each line read from the terminal to its file, and notes its pid and
        // its parent's (the console's) where alice may write.
        let editor = scratch.appending(path: "editor.sh").path, pids = scratch.appending(path: "home-\(jury.alice)/editor.pids").path
        try """
        #!/bin/sh
        echo "$$ $PPID" > '\(pids)'
        echo "editor ready"
        while IFS= read -r line </dev/tty; do
            printf '%s\\n' "$line" >> "$1"
            echo "saved: $line"
        done
        """.write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)

        let tmux = "ptce-ssh-editor-\(getpid())"
        addTeardownBlock { _ = Glibc.system("tmux -L \(tmux) kill-server 2>/dev/null") }
        let remote = "env LANG=C.UTF-8 EDITOR=\(editor) PTCE_JURY_SERVER=\(jury.socket) \(jury.binary)"
        XCTAssertEqual(Glibc.system("tmux -L \(tmux) new-session -d -x 120 -y 40 -- "
                                    + "ssh -tt \(ssh.options) \(jury.alice)@127.0.0.1 '\(remote)'"), 0)
        func screen() -> String { OpenSSH.output(of: "tmux -L \(tmux) capture-pane -p") }
        func keys(_ keys: String) { _ = Glibc.system("tmux -L \(tmux) send-keys -- \(keys)") }
        try OpenSSH.poll("the console over SSH", screen) { screen().contains("Alice (\(jury.alice))") }
        keys("e")
        try OpenSSH.poll("the score sheet", screen) { screen().contains("Fiche · n° \(jury.numbers[0])") }
        keys("E")
        try OpenSSH.poll("the editor", screen) { screen().contains("editor ready") }
        let comment = "Relu dans l’éditeur, sur le serveur"
        _ = Glibc.system("tmux -L \(tmux) send-keys -l -- '\(comment)'")
        keys("Enter")
        try OpenSSH.poll("the line the editor saved", screen) { screen().contains("saved: \(comment)") }
        let processes = text(URL(fileURLWithPath: pids)).split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        XCTAssertEqual(processes.count, 2, "the editor's pid and the console's")

        ssh.killClients()
        let sheet = CampaignFiles.sheet(jury.root, jury.alice, jury.numbers[0])
        try OpenSSH.poll("the comment in the server's files", { "sheet: \(self.text(sheet))\nlog: \(jury.serverLog)" }) {
            text(sheet).contains(comment)
        }
        try OpenSSH.poll("the editor and the console to end", { "still running: \(processes.filter(Self.isRunning))" }) {
            !processes.contains(where: Self.isRunning)
        }
    }

    /// Alive and not a zombie (an orphan's zombie may wait long for its reaper in a container).
    private static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(end, offsetBy: 2)] != "Z"
    }
}

/// An OpenSSH server on a loopback port, for one account that logs in with a key.
final class OpenSSH {
    let port: Int
    let options: String
    private let daemon: Process

    init(scratch: URL, user: String) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd") else {
            XCTFail("openssh-server is not installed: .ci/run installs it; the SSH test cannot run without it")
            throw Unavailable.accounts("no sshd")
        }
        let home = scratch.appending(path: "home-\(user)")
        let key = scratch.appending(path: "cle").path, hostKey = scratch.appending(path: "cle-hote").path
        let commands = [
            "mkdir -p '\(home.path)/.ssh' /run/sshd",
            // Unlocked (no password can match '*'): sshd refuses even a key to a locked account.
            "usermod -p '*' -d '\(home.path)' -s /bin/sh \(user)",
            "ssh-keygen -q -t ed25519 -N '' -f '\(key)'", "ssh-keygen -q -t ed25519 -N '' -f '\(hostKey)'",
            "cp '\(key).pub' '\(home.path)/.ssh/authorized_keys'",
            "chown -R \(user) '\(home.path)'", "chmod 700 '\(home.path)' '\(home.path)/.ssh'",
            "chmod 600 '\(home.path)/.ssh/authorized_keys'",
        ]
        for command in commands where Glibc.system(command + " >/dev/null 2>&1") != 0 {
            throw Unavailable.accounts("\(command) failed")
        }
        port = Int.random(in: 20_000...60_000)
        let config = scratch.appending(path: "sshd_config")
        try """
        ListenAddress 127.0.0.1
        Port \(port)
        HostKey \(hostKey)
        PidFile \(scratch.appending(path: "sshd.pid").path)
        AuthenticationMethods publickey
        PubkeyAuthentication yes
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        UsePAM no
        PermitRootLogin no
        StrictModes no
        AllowUsers \(user)
        """.write(to: config, atomically: true, encoding: .utf8)
        daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: "/usr/sbin/sshd")
        daemon.arguments = ["-D", "-e", "-f", config.path]
        daemon.standardError = FileHandle.nullDevice
        try daemon.run()
        options = "-i '\(key)' -p \(port) -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
        try Self.poll("sshd listening on \(port)", { "" }) {
            Glibc.system("ssh \(options) \(user)@127.0.0.1 true >/dev/null 2>&1") == 0
        }
    }

    /// Every ssh client of this test's sessions, killed at once.
    func killClients() { _ = Glibc.system("pkill -KILL -f -- '-p \(port) '") }

    func stop() {
        daemon.terminate()
        daemon.waitUntilExit()
    }

    static func output(of command: String) -> String {
        guard let pipe = popen(command, "r") else { return "" }
        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = fread(&buffer, 1, buffer.count, pipe), count > 0 { output += buffer[0..<count] }
        pclose(pipe)
        return String(decoding: output, as: UTF8.self)
    }

    /// Polls until `condition` holds (never a fixed sleep); fails with what was last seen.
    static func poll(_ what: String, _ lastSeen: () -> String, timeout: TimeInterval = 30, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            usleep(50_000)
        }
        XCTFail("timed out waiting for \(what); \(lastSeen())")
        throw Unavailable.accounts("timeout: \(what)")
    }
}
