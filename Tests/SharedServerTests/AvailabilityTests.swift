import Foundation
import Glibc
import XCTest
@testable import JuryStore
import JuryServer

/// One member cannot slow, freeze or fill the jury's server (docs/SERVER.md, « One writer, readers
/// beside it », « Quotas »): each flood runs from alice's account while bob saves and times each
/// save from his side of the socket; none may take 2 s (a generous bound on a shared machine: the
/// bench measures them precisely).
final class AvailabilityTests: XCTestCase {
    private var jury: ServedJury!

    override func setUpWithError() throws {
        try requireRoot()
        jury = try ServedJury(scratch: scratchDirectory(), dossiers: 200)
        addTeardownBlock { [jury] in jury?.remove() }
    }

    /// One of the hostile member's scripts, shared with the bench (scripts/bench-under-attack).
    private static func attack(_ name: String) -> String { repository("scripts/attack/\(name)") }

    private static func repository(_ path: String, filePath: String = #filePath) -> String {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: path).path
    }

    /// Bob's 30 saves while alice (or `user`) runs the attack `script`; his round trips in seconds.
    private func bobsSaves(during script: String, _ arguments: [String] = [], from user: String? = nil) throws -> [Double] {
        let j = jury!
        let attacker = Process()
        attacker.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        attacker.arguments = ["--reuid=\(user ?? j.alice)", "--regid=\(j.group)", "--init-groups", "/usr/bin/python3", Self.attack(script), j.socket] + arguments
        attacker.standardOutput = FileHandle.nullDevice
        attacker.standardError = FileHandle.nullDevice
        try attacker.run()
        defer {
            kill(attacker.processIdentifier, SIGKILL)
            attacker.waitUntilExit()
        }
        // The flood first takes hold.
        usleep(500_000)
        let timing = j.python(j.bob, JuryServerTests.timedSaves, ["\(j.numbers[0])", j.keys[0], "30"])
        XCTAssertEqual(timing.status, 0, timing.err)
        let latencies = timing.out.split(separator: "\n").compactMap { Double($0) }
        XCTAssertEqual(latencies.count, 30, timing.out + timing.err)
        return latencies
    }

    private func check(_ latencies: [Double], _ flood: String) {
        let sorted = latencies.sorted()
        print("\(flood): bob's saves p50 \(Int(sorted[sorted.count / 2] * 1000)) ms, max \(Int((sorted.last ?? 0) * 1000)) ms")
        XCTAssertLessThan(sorted.last ?? .infinity, 2.0, "\(flood): \(latencies)")
    }

    func testARankingFloodFromSixConnectionsDoesNotSlowAnothersSaves() throws {
        check(try bobsSaves(during: "flood.py", [#"{"id":%d,"type":"ranking","body":{"format":"json","resamples":10000}}"#, "6"]),
              "ranking × 6 connections")
    }

    func testAnExportFloodDoesNotSlowAnothersSaves() throws {
        check(try bobsSaves(during: "flood.py", [#"{"id":%d,"type":"export","body":{"format":"ods","table":"dossiers"}}"#, "6"]),
              "export × 6 connections")
    }

    func testAnImportBombCostsOnlyItsSendersTime() throws {
        check(try bobsSaves(during: "import-bomb.py"), "XLSX bomb in import --dry-run × 3 connections")
    }

    /// The chair's imports of 40 MiB, one per event loop, are decoded off the loops: a member whose
    /// connection shares the chair's loop is served meanwhile.
    func testTheChairsBigImportDoesNotSlowAnothersSaves() throws {
        check(try bobsSaves(during: "big-import.py", ["40", "\(ProcessInfo.processInfo.activeProcessorCount)"], from: jury.chair),
              "the chair's import of 40 MiB, again and again")
    }

    func testHalfRequestsDoNotSlowAnothersSaves() throws {
        check(try bobsSaves(during: "half-requests.py"), "whole-then-half requests × 50 connections")
    }

    /// A request that follows a whole one in the same write, and stops halfway, is cut off 10 s after its first byte.
    func testAHalfRequestAfterAWholeOneIsCutOff() throws {
        let j = jury!
        let started = Date()
        let result = j.python(j.alice, Self.wholeThenHalf)
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(result.out.contains(#""result""#), result.out)
        XCTAssertTrue(result.out.contains("closed"), result.out)
        let after = Date().timeIntervalSince(started)
        XCTAssertGreaterThan(after, Double(WireLimits.requestSeconds) - 1)
        XCTAssertLessThan(after, Double(WireLimits.requestSeconds) + 5, "the half request kept the connection \(after) s")
        XCTAssertTrue(j.serverLog.contains("requête incomplète après \(WireLimits.requestSeconds) s"), j.serverLog)
    }

    /// Text is bounded (a comment of 25 000 characters is refused), and a member's journal bytes per
    /// hour too: the journal stops growing at the quota and `journal verify` still works.
    func testJournalBloatIsRefusedAtTheMembersQuota() throws {
        let j = jury!
        let journal = CampaignFiles.journal(j.root, CampaignFiles.serverChain)
        let before = (try FileManager.default.attributesOfItem(atPath: journal.path)[.size] as? NSNumber)?.intValue ?? 0
        let result = j.python(j.alice, Self.bloat, ["\(j.numbers[1])", j.keys[0]])
        XCTAssertEqual(result.status, 0, result.err + String(j.serverLog.suffix(2000)))
        XCTAssertTrue(result.out.contains("long: tooLong"), result.out)
        XCTAssertTrue(result.out.contains("quota after"), result.out)
        let after = (try FileManager.default.attributesOfItem(atPath: journal.path)[.size] as? NSNumber)?.intValue ?? 0
        XCTAssertLessThan(after - before, Quotas.journalBytesPerHour + (1 << 20), "the journal grew by \(after - before) bytes")
        // The others are not held by alice's quota, and the journal verifies.
        try j.submit(j.bob, j.numbers[2], value: 3, comment: "avis de bob")
        XCTAssertEqual(j.run(j.chair, ["journal", "verify"]).status, 0)
        XCTAssertTrue(j.run(j.alice, ["score", "\(j.numbers[1])", "--set", "\(j.keys[1])=2"]).err.contains("votre part du journal"))
    }

    /// A console typing fast: 500 saves of one sheet sent without waiting for each answer (30 at
    /// most in flight). Every one is acknowledged, none refused; the sheet on disk is the last one;
    /// the journal grew by far fewer entries than saves.
    func testABurstOfSavesOnOneSheetIsAcknowledgedAndJournalsItsLastState() throws {
        let j = jury!
        let journal = CampaignFiles.journal(j.root, CampaignFiles.serverChain)
        func entries() throws -> Int { try String(contentsOf: journal, encoding: .utf8).split(separator: "\n").count }
        let before = try entries()
        let result = j.python(j.alice, Self.burst, [j.alice, "\(j.numbers[3])", j.keys[0], "500"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(result.out.trimmingCharacters(in: .whitespacesAndNewlines), #"{"ok": 500}"#)
        let sheet = try JSONSerialization.jsonObject(with: Data(contentsOf: CampaignFiles.sheet(j.root, j.alice, j.numbers[3]))) as? [String: Any]
        XCTAssertEqual(sheet?["overall"] as? String, "version 500")
        let written = try entries() - before
        print("500 saves of one sheet: \(written) journal entries")
        XCTAssertGreaterThan(written, 0)
        XCTAssertLessThan(written, 250, "each save was journaled")
    }

    /// Alice and bob submit a sheet on every dossier (the server restarted with `options` and no
    /// limit on changes), so that a ranking's resamples have every dossier to draw.
    private func scoreEveryDossier(restartingWith options: [String]) throws {
        let j = jury!
        XCTAssertNotNil(j.terminateServer())
        j.serverOptions = ["--changes-per-second", "100000"] + options
        try j.start()
        for member in [j.alice, j.bob] {
            let result = j.python(member, Self.submitAll, [j.numbers.map(String.init).joined(separator: ","), j.keys.joined(separator: ",")])
            XCTAssertEqual(result.status, 0, result.err)
        }
    }

    /// A ranking whose client hangs up stops at once: the member's next request, which waits for
    /// their reader, is answered without waiting for the ranking's end.
    func testACostlyJobStopsWhenItsClientGoes() throws {
        let j = jury!
        // The ranking (10 s in a debug build) is not stopped by its time limit, only by its client's going.
        try scoreEveryDossier(restartingWith: ["--read-seconds", "120"])
        let result = j.python(j.alice, Self.hangUpThenAsk)
        XCTAssertEqual(result.status, 0, result.err)
        let seconds = try XCTUnwrap(Double(result.out.trimmingCharacters(in: .whitespacesAndNewlines)), result.out)
        XCTAssertLessThan(seconds, 1.5, "the next request waited \(seconds) s for the abandoned ranking")
        XCTAssertTrue(j.serverLog.contains("travail de \(j.alice) (ranking) arrêté : le client est parti"), j.serverLog)
    }

    /// A costly job past the server's time limit (here 1 s) is stopped and refused with why, in the member's language.
    func testAJobPastItsTimeLimitIsRefused() throws {
        let j = jury!
        try scoreEveryDossier(restartingWith: ["--read-seconds", "1"])
        let started = Date()
        let french = j.run(j.alice, ["ranking", "--resamples", "10000"])
        XCTAssertNotEqual(french.status, 0)
        XCTAssertTrue(french.err.contains("demande arrêtée après 1 s de calcul sur le serveur du jury"), french.err + french.out)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        let english = j.run(j.alice, ["ranking", "--resamples", "10000", "--lang", "en"])
        XCTAssertTrue(english.err.contains("request stopped after 1 s of computing on the jury server"), english.err + english.out)
        // A small one still runs.
        XCTAssertEqual(j.run(j.alice, ["ranking", "--resamples", "10"]).status, 0)
    }

    /// An import's files are read by a child process under a memory limit: past it (here 64 MiB,
    /// less than reading the sample needs) the import is refused naming the file, in the member's
    /// language, and the server goes on.
    func testAnImportReadPastItsMemoryLimitIsRefusedNamingTheFile() throws {
        let j = jury!
        XCTAssertNotNil(j.terminateServer())
        j.serverOptions = ["--import-memory", "64"]
        try j.start()
        let sample = j.scratch.appending(path: "echantillon.xlsx")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.repository("data/import/sample/dossiers.xlsx")), to: sample)
        chmod(sample.path, 0o644)
        let french = j.run(j.chair, ["import", sample.path])
        XCTAssertNotEqual(french.status, 0)
        XCTAssertTrue(french.err.contains("echantillon.xlsx: lecture arrêtée par le serveur du jury (plus de 64 Mio de mémoire"), french.err)
        let english = j.run(j.chair, ["import", sample.path, "--lang", "en"])
        XCTAssertTrue(english.err.contains("echantillon.xlsx: reading stopped by the jury server (over 64 MiB of memory"), english.err)
        XCTAssertEqual(j.run(j.alice, ["campaign"]).status, 0)
        XCTAssertEqual(j.run(j.alice, ["list", "--format", "json"]).out.components(separatedBy: "\"number\"").count - 1, j.numbers.count,
                       "the campaign is unchanged")
    }

    /// Saves argv[2]'s sheet on dossier argv[3] argv[5] times, criterion argv[4] and the overall
    /// opinion changing each time, at most 30 unanswered; prints the answers counted by refusal code.
    static let burst = """
    import socket, sys, json
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rb')
    login, number, key, count = sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
    def line(i):
        sheet = {"schemaVersion": 1, "dossier": number, "reviewer": login, "status": "brouillon", "values": {key: i % 6},
                 "comments": {}, "overall": "version %d" % i, "createdAt": "2026-01-01T10:00:00+01:00",
                 "updatedAt": "2026-01-01T10:00:00+01:00"}
        return (json.dumps({"id": i, "type": "saveSheet", "session": "rafale", "change": i, "body": {"sheet": sheet}}) + "\\n").encode()
    sent = answered = 0; codes = {}
    while answered < count:
        while sent < count and sent - answered < 30:
            sent += 1; s.sendall(line(sent))
        answer = json.loads(f.readline())
        if "id" not in answer: continue
        answered += 1
        code = answer.get("refusal", {}).get("code", "ok"); codes[code] = codes.get(code, 0) + 1
    print(json.dumps(codes))
    """

    /// Submits a sheet on each dossier of argv[2], every criterion of argv[3] at 1 to 5.
    static let submitAll = """
    import socket, sys, json
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rb')
    for i, number in enumerate(sys.argv[2].split(',')):
        values = ["%s=%d" % (key, 1 + (i * 7 + k) % 5) for k, key in enumerate(sys.argv[3].split(','))]
        s.sendall((json.dumps({"id": i + 1, "type": "score", "body": {"number": int(number), "values": values, "comments": [],
                               "recommend": "favorable", "reopen": False, "submit": True}}) + "\\n").encode())
        answer = json.loads(f.readline())
        assert answer.get("result", {}).get("exitCode") == 0, answer
    """

    /// Asks for a long ranking, hangs up, then times a small request on a new connection.
    static let hangUpThenAsk = """
    import socket, sys, time
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
    s.sendall(b'{"id":1,"type":"ranking","body":{"format":"json","resamples":10000}}\\n')
    time.sleep(0.5); s.close()
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rb')
    start = time.monotonic()
    s.sendall(b'{"id":2,"type":"campaign","body":{"format":"json"}}\\n')
    assert b'"result"' in f.readline()
    print("%.3f" % (time.monotonic() - start))
    """

    static let wholeThenHalf = """
    import socket, sys
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rb')
    s.sendall(b'{"id":1,"type":"campaign","body":{"format":"json"}}\\n{"id":2,"type":"camp')
    print(f.readline().decode()[:200], flush=True)
    s.settimeout(30)
    rest = f.readline()
    print("closed" if not rest else "answered: " + rest.decode()[:200])
    """

    /// A comment too long, then long comments (4-byte characters) saved alternately until the quota refuses.
    static let bloat = """
    import socket, sys, json
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rb')
    number, key = int(sys.argv[2]), sys.argv[3]
    def score(i, text):
        s.sendall((json.dumps({"id": i, "type": "score", "body": {"number": number, "values": [], "comments": [key + "=" + text],
                               "reopen": False, "submit": False}}) + "\\n").encode())
        return json.loads(f.readline())
    answer = score(1, "a" * 25000)
    print("long:", answer.get("refusal", {}).get("code"))
    for i in range(2, 2000):
        answer = score(i, ("\\U0001F642" if i % 2 else "\\U0001F600") * 19900)
        code = answer.get("refusal", {}).get("code")
        if code == "quota": print("quota after", i); break
        if code == "tooFast": import time; time.sleep(0.2); continue
        assert "result" in answer, answer
    """
}
