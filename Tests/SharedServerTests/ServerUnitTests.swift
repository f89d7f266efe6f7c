import Foundation
import Glibc
import XCTest

/// The server as its systemd unit runs it (deploy/ptce-jury@.service, docs/SERVER.md « Le service
/// systemd »): how it stops, whether everything it does through a jury's day passes the unit's
/// system-call filter, and the unit's exposure score.
final class ServerUnitTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let unit = repository.appending(path: "deploy/ptce-jury@.service")

    func testSIGTERMLogsTheStopAndRemovesTheSocket() throws {
        try requireRoot()
        let j = try ServedJury(scratch: scratchDirectory())
        addTeardownBlock { j.remove() }
        XCTAssertTrue(FileManager.default.fileExists(atPath: j.socket))
        XCTAssertEqual(j.terminateServer(), "exit 0", j.serverLog)
        XCTAssertTrue(j.serverLog.contains("arrêt demandé (SIGTERM) : socket \(j.socket) retiré"), j.serverLog)
        XCTAssertFalse(FileManager.default.fileExists(atPath: j.socket), "the socket outlived the server")
        // A command typed afterwards finds no server, rather than a socket nobody answers.
        let after = j.run(j.alice, ["list"])
        XCTAssertNotEqual(after.status, 0)
        XCTAssertTrue(after.err.contains("serveur du jury injoignable (\(j.socket) : No such file or directory)"), after.err)
    }

    /// The real server under strace, as its account, through a jury's day: every system call it made
    /// must be one the unit's SystemCallFilter= lets through, and none may need writable executable
    /// memory (MemoryDenyWriteExecute=).
    func testAJurysDayStaysWithinTheUnitsSystemCallFilter() throws {
        try requireRoot()
        let strace = try requireTool("/usr/bin/strace", package: "strace")
        let analyze = try requireTool("/usr/bin/systemd-analyze", package: "systemd")
        let scratch = scratchDirectory()
        let trace = scratch.appending(path: "strace.txt")
        let j = try ServedJury(scratch: scratch, wrapper: [strace, "-f", "-qq", "-o", trace.path])
        addTeardownBlock { j.remove() }
        let (first, second) = (j.numbers[0], j.numbers[1])

        // A console attached while its member scores by command: the change is pushed to it; both disconnect.
        let console = j.python(j.bob, Self.consoleAndCommand, ["\(first)", j.keys[0]])
        XCTAssertEqual(console.status, 0, console.err)
        // A console saves a sheet itself, then a broken client is refused.
        let save = j.python(j.alice, Self.consoleSave, [j.alice, "\(second)", j.keys[0]])
        XCTAssertEqual(save.status, 0, save.err)
        try j.submit(j.alice, first, value: 4, comment: "avis d’alice")
        try j.submit(j.bob, second, value: 3, comment: "avis de bob")
        // The chair loads and saves the allocation, as the board does.
        let allocation = j.python(j.chair, Self.allocation)
        XCTAssertEqual(allocation.status, 0, allocation.err)
        // Headless commands through the server, a file coming back with one.
        for command in [["list"], ["ranking"], ["progress"], ["journal", "verify"]] { try j.expect(j.chair, command) }
        // An import, its files read by the server's child process under its limits.
        let sample = scratch.appending(path: "echantillon.xlsx")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "data/import/sample/dossiers.xlsx"), to: sample)
        chmod(sample.path, 0o644)
        try j.expect(j.chair, ["import", sample.path, "--dry-run"])
        let minutes = "/tmp/ptce-pv-\(UUID().uuidString).md"
        defer { unlink(minutes) }
        try j.expect(j.chair, ["export", "--format", "md", "--out", minutes])
        XCTAssertTrue(FileManager.default.fileExists(atPath: minutes))
        XCTAssertEqual(j.terminateServer(), "exit 0", j.serverLog)
        XCTAssertFalse(FileManager.default.fileExists(atPath: j.socket))

        let lines = text(trace).split(separator: "\n")
        XCTAssertTrue(lines.contains { $0.contains("--- SIGTERM") }, "the trace does not reach the stop")
        XCTAssertTrue(lines.contains { $0.contains("execve(") && $0.contains("import-parse") }, "the import's child is not in the trace")
        let allowed = try Self.unitAllowedCalls(analyze: analyze)
        let made = Self.systemCalls(in: lines)
        XCTAssertGreaterThan(made.count, 40, "too few calls traced: \(made.sorted())")
        let outside = made.subtracting(allowed).sorted()
        XCTAssertEqual(outside, [], "system calls outside the unit's SystemCallFilter=: \(outside.joined(separator: ", "))")
        let writableExecutable = lines.filter(Self.needsWritableExecutableMemory)
        XCTAssertEqual(writableExecutable, [], "calls MemoryDenyWriteExecute= refuses")
    }

    func testTheUnitsExposureIsAtMostTwo() throws {
        _ = try requireTool("/usr/bin/systemd-analyze", package: "systemd")
        let check = Self.output(of: [Self.repository.appending(path: "scripts/check-unit-security").path])
        XCTAssertEqual(check.status, 0, check.out)
        let overall = try XCTUnwrap(check.out.split(separator: "\n").first { $0.contains("Overall exposure level") }, check.out)
        let score = try XCTUnwrap(overall.split(separator: " ").compactMap { Double($0) }.first, String(overall))
        XCTAssertLessThanOrEqual(score, 2.0, String(overall))
    }

    // MARK: - The unit's filter and the trace

    /// The calls the unit's `SystemCallFilter=` lines allow: the allow lists, less the `~` lines,
    /// each `@set` expanded as `systemd-analyze syscall-filter` lists it (sets within sets too).
    static func unitAllowedCalls(analyze: String) throws -> Set<String> {
        let listing = output(of: [analyze, "syscall-filter"])
        guard listing.status == 0 else { throw Unavailable.tool("systemd-analyze syscall-filter failed: \(listing.out)") }
        var sets: [String: [String]] = [:]
        var current = ""
        for line in listing.out.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            if line.hasPrefix("@") {
                current = String(line)
            } else if line.hasPrefix(" ") {
                sets[current, default: []].append(line.trimmingCharacters(in: .whitespaces))
            }
        }
        func expand(_ name: String) -> Set<String> {
            guard name.hasPrefix("@") else { return [name] }
            return (sets[name] ?? []).reduce(into: Set<String>()) { $0.formUnion(expand($1)) }
        }
        var allowed = Set<String>(), denied = Set<String>()
        for line in try String(contentsOf: unit, encoding: .utf8).split(separator: "\n") where line.hasPrefix("SystemCallFilter=") {
            let value = line.dropFirst("SystemCallFilter=".count)
            let names = value.drop { $0 == "~" }.split(separator: " ").map { expand(String($0)) }.reduce(Set<String>()) { $0.union($1) }
            if value.hasPrefix("~") { denied.formUnion(names) } else { allowed.formUnion(names) }
        }
        guard !allowed.isEmpty else {
            XCTFail("\(unit.path) has no SystemCallFilter= allow list")
            return []
        }
        return allowed.subtracting(denied)
    }

    /// Each call's name in `strace -f` lines (`PID name(args) = result`; a call another thread
    /// interrupted is named on its `unfinished` line, so `resumed` lines are skipped).
    static func systemCalls(in lines: [Substring]) -> Set<String> {
        Set(lines.compactMap { $0.firstMatch(of: #/^\d+\s+([a-z0-9_]+)\(/#).map { String($0.1) } })
    }

    /// What MemoryDenyWriteExecute= refuses: a mapping both writable and executable, or making one executable.
    static func needsWritableExecutableMemory(_ line: Substring) -> Bool {
        guard let name = systemCalls(in: [line]).first else { return false }
        switch name {
        case "mmap": return line.contains("PROT_WRITE") && line.contains("PROT_EXEC")
        case "mprotect", "pkey_mprotect": return line.contains("PROT_EXEC")
        default: return false
        }
    }

    static func output(of command: [String]) -> (status: Int32, out: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return (-1, "could not start \(command[0])") }
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self))
    }

    // MARK: - Clients, as the console speaks the protocol (docs/SERVER.md)

    /// Attaches a console, scores by command on another connection, waits for the change to be
    /// pushed to the console, then disconnects both.
    static let consoleAndCommand = """
    import socket, sys, json
    path, dossier, key = sys.argv[1:4]
    def connect():
        s = socket.socket(socket.AF_UNIX); s.connect(path); return s, s.makefile('rb')
    console, pushes = connect()
    console.sendall(b'{"id":1,"type":"attach","session":"console-bob","language":"fr","body":{}}\\n')
    assert "result" in json.loads(pushes.readline())
    command, answers = connect()
    command.sendall((json.dumps({"id": 1, "type": "score", "language": "fr", "body": {"number": int(dossier), "values": [key + "=3"],
                                 "comments": [], "reopen": False, "submit": False}}) + "\\n").encode())
    answer = json.loads(answers.readline()); assert answer.get("result", {}).get("exitCode") == 0, answer
    push = json.loads(pushes.readline()); assert "push" in push, push
    console.close(); command.close()
    """

    /// Attaches a console and saves the member's own draft from it; then a client sends garbage.
    static let consoleSave = """
    import socket, sys, json
    path, login, dossier, key = sys.argv[1:5]
    s = socket.socket(socket.AF_UNIX); s.connect(path); f = s.makefile('rb')
    s.sendall(b'{"id":1,"type":"attach","session":"console-alice","language":"fr","body":{}}\\n')
    assert "result" in json.loads(f.readline())
    sheet = {"schemaVersion": 1, "dossier": int(dossier), "reviewer": login, "status": "brouillon",
             "values": {key: 2}, "comments": {}, "overall": "",
             "createdAt": "2026-12-01T10:00:00+01:00", "updatedAt": "2026-12-01T10:00:00+01:00"}
    s.sendall((json.dumps({"id": 2, "type": "saveSheet", "session": "console-alice", "body": {"sheet": sheet}}) + "\\n").encode())
    while True:
        answer = json.loads(f.readline())
        if answer.get("id") == 2: break
    assert "result" in answer, answer
    s.close()
    g = socket.socket(socket.AF_UNIX); g.connect(path); g.sendall(b'pas du JSON\\n')
    assert "unreadable" in g.makefile('rb').readline().decode()
    """

    /// Loads the allocation and saves it back, as the chair's board does.
    static let allocation = """
    import socket, sys, json
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rb')
    def ask(request):
        s.sendall((json.dumps(request) + "\\n").encode())
        while True:
            answer = json.loads(f.readline())
            if answer.get("id") == request["id"]: return answer
    loaded = ask({"id": 1, "type": "loadAllocation", "body": {}})["result"]
    saved = ask({"id": 2, "type": "saveAllocation", "body": {"allocation": loaded, "expectedRevision": loaded["revision"]}})
    assert saved.get("result", {}).get("revision") == loaded["revision"] + 1, saved
    """
}

/// strace and systemd-analyze: CI installs them and sets PTCE_JURY_REQUIRE_TOOLS=1 (`CI=true` counts
/// the same), so that their absence fails there; elsewhere the test says why it is skipped.
func requireTool(_ path: String, package: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    if FileManager.default.isExecutableFile(atPath: path) { return path }
    let why = "\(path) is not installed (apt-get install \(package))"
    let environment = ProcessInfo.processInfo.environment
    if environment["PTCE_JURY_REQUIRE_TOOLS"].map({ !$0.isEmpty }) == true || environment["CI"] == "true" {
        XCTFail(why + ", and this run requires it (CI=true or PTCE_JURY_REQUIRE_TOOLS)", file: file, line: line)
    }
    throw XCTSkip(why + ": test skipped")
}
