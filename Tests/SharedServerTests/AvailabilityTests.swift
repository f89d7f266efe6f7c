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

    /// Bob's 30 saves while alice's `flood` runs; his round trips in seconds.
    private func bobsSaves(during flood: String, _ arguments: [String] = []) throws -> [Double] {
        let j = jury!
        let attacker = Process()
        attacker.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        attacker.arguments = ["--reuid=\(j.alice)", "--regid=\(j.group)", "--init-groups", "/usr/bin/python3", "-c", flood, j.socket] + arguments
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
        check(try bobsSaves(during: Self.flood, [#"{"id":%d,"type":"ranking","body":{"format":"json","resamples":10000}}"#, "6"]),
              "ranking × 6 connections")
    }

    func testAnExportFloodDoesNotSlowAnothersSaves() throws {
        check(try bobsSaves(during: Self.flood, [#"{"id":%d,"type":"export","body":{"format":"ods","table":"dossiers"}}"#, "6"]),
              "export × 6 connections")
    }

    func testAnImportBombCostsOnlyItsSendersTime() throws {
        check(try bobsSaves(during: Self.bomb), "XLSX bomb in import --dry-run × 3 connections")
    }

    func testHalfRequestsDoNotSlowAnothersSaves() throws {
        check(try bobsSaves(during: Self.halves), "whole-then-half requests × 50 connections")
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

    /// argv[2]: a request line with `%d` for its id; argv[3]: connections. Each sends, reads, sends again.
    static let flood = """
    import socket, sys, threading
    path, line, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    def run():
        s = socket.socket(socket.AF_UNIX); s.connect(path); f = s.makefile('rb'); i = 0
        while True:
            i += 1; s.sendall((line % i).encode() + b'\\n'); f.readline()
    for _ in range(count): threading.Thread(target=run, daemon=True).start()
    threading.Event().wait()
    """

    /// An XLSX whose sheet unpacks to 150 MB of rows, sent again and again through `import --dry-run`.
    static let bomb = """
    import socket, sys, threading, zipfile, io, base64, json
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Dossiers" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        with z.open('xl/worksheets/sheet1.xml', 'w') as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            row = b'<row><c t="inlineStr"><is><t>ID</t></is></c><c t="inlineStr"><is><t>x</t></is></c></row>' * 1000
            for _ in range(1700): sheet.write(row)
            sheet.write(b'</sheetData></worksheet>')
    payload = base64.b64encode(buffer.getvalue()).decode()
    path = sys.argv[1]
    def run():
        s = socket.socket(socket.AF_UNIX); s.connect(path); f = s.makefile('rb'); i = 0
        while True:
            i += 1
            s.sendall((json.dumps({"id": i, "type": "import", "body": {"files": [{"name": "bombe.xlsx", "contents": payload}],
                                   "dryRun": True, "format": "table"}}) + "\\n").encode()); f.readline()
    for _ in range(3): threading.Thread(target=run, daemon=True).start()
    threading.Event().wait()
    """

    /// Connections that each send a whole request and half of the next, again and again.
    static let halves = """
    import socket, sys, threading, time
    path = sys.argv[1]
    def run():
        while True:
            try:
                s = socket.socket(socket.AF_UNIX); s.connect(path)
                s.sendall(b'{"id":1,"type":"list","body":{"format":"json"}}\\n{"id":2,"type":"li'); time.sleep(0.2)
            except OSError: time.sleep(0.1)
    for _ in range(50): threading.Thread(target=run, daemon=True).start()
    threading.Event().wait()
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
