import Foundation
import Glibc
import JuryImport
import XCTest
@testable import JuryStore

/// The server's contract (docs/SERVER.md, « Requests »), tried as a hostile member would with real
/// accounts: typed requests only, nothing a member names is a path on the server, the server stamps
/// what it owns, and every headless command gives the same output through it as on a directory.
final class ContractTests: XCTestCase {
    private var jury: ServedJury!

    override func setUpWithError() throws {
        try requireRoot()
        jury = try ServedJury(scratch: scratchDirectory())
        addTeardownBlock { [jury] in jury?.remove() }
    }

    /// Every headless command, run by the chair and by a member, through the server and on a copy of
    /// the campaign taken just before: the same output and exit code (times of day aside). The journal
    /// is the one exception by nature: the server keeps one chain, a directory one per member.
    func testEveryCommandGivesTheSameOutputThroughTheServerAsOnADirectory() throws {
        let j = jury!
        try j.submit(j.bob, j.numbers[0], value: 4, comment: "avis de bob")
        // The twin: the campaign as it is now, the chair's own, on a directory.
        let twin = j.scratch.appending(path: "jumelle")
        XCTAssertEqual(Glibc.system("cp -a '\(j.root.path)' '\(twin.path)' && rm -rf '\(twin.path)/.lock' && chown -R \(j.chair) '\(twin.path)'"), 0)
        let n = "\(j.numbers[1])", k = j.keys[0]
        let steps: [(String, [String])] = [
            (j.chair, ["campaign"]), (j.chair, ["list", "--format", "json"]), (j.alice, ["list"]), (j.chair, ["show", n]),
            (j.alice, ["show", "\(j.numbers[0])", "--format", "json"]), (j.alice, ["score", n, "--set", "\(k)=3", "--overall", "première lecture"]),
            (j.alice, ["score", n, "--set", "\(k)=9"]), (j.alice, ["show", "99999999"]), (j.chair, ["check"]), (j.alice, ["check"]),
            (j.chair, ["ranking", "--resamples", "20"]), (j.alice, ["ranking", "--resamples", "20", "--format", "csv"]),
            (j.alice, ["conflict", "declare", "\(j.numbers[2])", "--reason", "administratrice"]), (j.chair, ["conflict", "list"]),
            (j.alice, ["conflict", "list", "--format", "json"]), (j.chair, ["assign", "--auto"]), (j.alice, ["progress"]),
            (j.chair, ["progress", "--format", "csv"]), (j.chair, ["unassign", n, j.alice]), (j.alice, ["allocate", "--propose"]),
            (j.chair, ["allocate", "--propose"]), (j.chair, ["allocate", "--select", n, "--motivation", "ancrage territorial"]),
            (j.chair, ["allocate"]), (j.chair, ["allocate", "--check"]), (j.chair, ["jury", "add", "invite", "--name", "Invité"]),
            (j.chair, ["jury", "remove", "invite"]), (j.alice, ["jury", "remove", j.bob]), (j.alice, ["jury", "list"]),
            (j.alice, ["jury", "list", "--format", "json"]),
            (j.chair, ["session", "open", "--place", "Paris", "--present", "\(j.chair),\(j.alice)", "--secretary", j.alice]),
            (j.chair, ["session", "discuss", n]), (j.chair, ["allocate", "--deselect", n, "--vote", "1,0,1"]),
            (j.chair, ["allocate", "--select", n, "--motivation", "ancrage territorial", "--vote", "3,0,0"]),
            (j.chair, ["session", "show"]), (j.chair, ["session", "close"]),
            (j.chair, ["export", "--format", "csv", "--out", "EXPORT"]),
            // Read by a child process on the server: the same report, the same dossiers.
            (j.alice, ["import", try sample(j), "--dry-run"]), (j.chair, ["import", try sample(j)]), (j.chair, ["list"]),
        ]
        for (user, arguments) in steps {
            let local = twinRun(j, user, arguments, twin)
            let served = j.run(user, arguments.map { $0 == "EXPORT" ? exportPath(j, user, "serveur") : $0 })
            let what = "\(user == j.chair ? "présidence" : "membre") : \(arguments.joined(separator: " "))"
            XCTAssertEqual(served.status, local.status, "\(what)\n\(served.err)\n\(local.err)")
            XCTAssertEqual(Self.timeless(served.out, j), Self.timeless(local.out, j), what)
            // A request of the chair's sent by a member is refused before any command code runs: same exit code, the server's words.
            if served.status == 0 { XCTAssertEqual(Self.timeless(served.err, j), Self.timeless(local.err, j), what) }
        }
        let exported = try Data(contentsOf: URL(fileURLWithPath: exportPath(j, j.chair, "serveur")))
        XCTAssertEqual(exported, try Data(contentsOf: URL(fileURLWithPath: exportPath(j, j.chair, "local"))))
    }

    /// The head the chair's minutes cite, confirmed through the server by `journal verify --at N`
    /// (the request carries N) after later entries were added.
    func testJournalVerifyAtConfirmsTheHeadTheMinutesCiteThroughTheServer() throws {
        let j = jury!
        try j.submit(j.bob, j.numbers[0], value: 4, comment: "avis de bob")
        let out = URL(fileURLWithPath: exportPath(j, j.chair, "pv")).deletingPathExtension().appendingPathExtension("md")
        let exported = j.run(j.chair, ["export", "--format", "md", "--out", out.path])
        XCTAssertEqual(exported.status, 0, exported.err)
        let minutes = try String(contentsOf: out, encoding: .utf8)
        let cited = try XCTUnwrap(minutes.firstMatch(of: /entrée (n° (\d+), sha256 ([0-9a-f]{64}))/), minutes)
        try j.submit(j.bob, j.numbers[1], value: 3, comment: "une entrée de plus")
        let verified = j.run(j.alice, ["journal", "verify", "--at", String(cited.2)])
        XCTAssertEqual(verified.status, 0, verified.err)
        XCTAssertTrue(verified.out.contains(String(cited.1)), "\(verified.out)\n\(cited.1)")
        let beyond = j.run(j.alice, ["journal", "verify", "--at", "100000"])
        XCTAssertEqual(beyond.status, 1)
        XCTAssertTrue(beyond.err.contains("n’a pas d’entrée n° 100000"), beyond.err)
    }

    /// On the twin, as the chair's account, acting as `user` (a local campaign's --reviewer).
    private func twinRun(_ j: ServedJury, _ user: String, _ arguments: [String], _ twin: URL) -> ServedJury.Result {
        j.run(j.chair, arguments.map { $0 == "EXPORT" ? exportPath(j, user, "local") : $0 } + ["--data", twin.path, "--reviewer", user])
    }

    /// The sample export of five PTCE (data/import/sample), where every account may read it.
    private func sample(_ j: ServedJury, filePath: String = #filePath) throws -> String {
        let copy = j.scratch.appending(path: "echantillon.xlsx")
        if !FileManager.default.fileExists(atPath: copy.path) {
            let original = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appending(path: "data/import/sample/dossiers.xlsx")
            try FileManager.default.copyItem(at: original, to: copy)
            chmod(copy.path, 0o644)
        }
        return copy.path
    }

    private func exportPath(_ j: ServedJury, _ user: String, _ side: String) -> String {
        let directory = j.scratch.appending(path: "exports-\(user)")
        if !FileManager.default.fileExists(atPath: directory.path) {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
            chown(directory.path, j.uid(user), gid_t.max)
            chown(directory.path, j.uid(user), j.gid(j.group))
            chmod(directory.path, 0o777)
        }
        return directory.appending(path: "\(side).csv").path
    }

    /// Times of day, the twin's paths and the exports' names differ between the two runs by nature.
    static func timeless(_ text: String, _ j: ServedJury) -> String {
        text.replacingOccurrences(of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})"#, with: "T", options: .regularExpression)
            .replacingOccurrences(of: #"\d{1,2}(:| h )\d{2}(:\d{2})?"#, with: "HH:MM", options: .regularExpression)
            .replacingOccurrences(of: j.scratch.appending(path: "jumelle").path, with: "CAMPAGNE")
            .replacingOccurrences(of: j.root.path, with: "CAMPAGNE")
            .replacingOccurrences(of: "local.csv", with: "X.csv").replacingOccurrences(of: "serveur.csv", with: "X.csv")
    }

    /// The pièces justificatives through the server: the chair's ZIP export travels as bytes and the
    /// server reads the pièces' text; a member in conflict on a dossier receives nothing of its pièces
    /// through any request — the view, show, list, export, journal — while another member reads them.
    func testAMemberInConflictReceivesNothingOfADossiersPieces() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            throw XCTSkip("pdftotext is not installed (Debian package poppler-utils, installed by .ci/run)")
        }
        let j = jury!
        let dossiers = try CampaignStore.open(j.root).dossiers.filter { j.numbers.prefix(2).contains($0.number) }
        XCTAssertEqual(dossiers.count, 2)
        let zip = URL(fileURLWithPath: exportPath(j, j.chair, "pieces")).deletingPathExtension().appendingPathExtension("zip")
        try PlatformExport.piecesZip(dossiers, date: Date(timeIntervalSince1970: 1_690_797_600)).write(to: zip)
        chmod(zip.path, 0o644)
        let (hidden, shown) = (j.numbers[0], j.numbers[1])
        try j.expect(j.alice, ["conflict", "declare", "\(hidden)", "--reason", "administratrice"])
        let imported = j.run(j.chair, ["import", zip.path])
        XCTAssertEqual(imported.status, 0, imported.err)
        XCTAssertTrue(imported.out.contains("10 pièces justificatives"), imported.out)

        // What marks each dossier's pièces: a file name and a digest found nowhere else.
        let pieces = try XCTUnwrap(try CampaignStore.open(j.root).dossiers.first { $0.number == hidden }).justificatives
        XCTAssertEqual(pieces.count, 5)
        let marks = ["statuts-\(hidden).pdf", pieces[1].sha256]
        XCTAssertTrue(try XCTUnwrap(pieces[1].text).hasPrefix("Statuts de "), "\(pieces[1])")

        let bob = j.run(j.bob, ["show", "\(hidden)"])
        XCTAssertTrue(bob.out.contains("Pièces justificatives (5)") && bob.out.contains(pieces[1].text!), bob.out + bob.err)
        XCTAssertTrue(j.run(j.bob, ["show", "\(hidden)", "--format", "json"]).out.contains(marks[1]))

        let view = j.python(j.alice, Self.sendWhole, [#"{"id":1,"type":"attach","session":"essai","body":{}}"#])
        XCTAssertTrue(view.out.contains(#""result""#) && view.out.contains("statuts-\(shown).pdf"), String(view.out.prefix(2_000)) + view.err)
        let csv = exportPath(j, j.alice, "serveur")
        for (arguments, name) in [(["show", "\(hidden)"], "show"), (["show", "\(hidden)", "--format", "json"], "show json"),
                                  (["list", "--format", "json"], "list"), (["journal", "show", "--format", "json"], "journal"),
                                  (["export", "--format", "csv", "--out", csv], "export")] {
            let answer = j.run(j.alice, arguments)
            let said = answer.out + answer.err + ((try? String(contentsOfFile: csv, encoding: .utf8)) ?? "")
            for mark in marks { XCTAssertFalse(said.contains(mark), "\(name) tells alice of a pièce of \(hidden)") }
        }
        for mark in marks { XCTAssertFalse(view.out.contains(mark), "alice's view holds a pièce of \(hidden)") }
        XCTAssertTrue(j.run(j.alice, ["journal", "show", "--format", "json"]).out.contains("statuts-\(shown).pdf"),
                      "the journal shows alice the other dossier's pièces")
    }

    /// Sends argv[2] and prints the whole first answer.
    static let sendWhole = """
    import socket, sys
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rb')
    s.sendall(sys.argv[2].encode() + b'\\n')
    sys.stdout.write(f.readline().decode())
    """

    /// What the first server did with a member's own authority cannot be asked any more: there is no
    /// request that names a path, and a file a member sends is bytes.
    func testNoRequestOfAMemberTouchesTheJournalOrTheAllocation() throws {
        let j = jury!
        try j.submit(j.bob, j.numbers[0], value: 4, comment: "avis de bob")
        try j.expect(j.chair, ["allocate", "--propose"])
        let journal = CampaignFiles.journal(j.root, CampaignFiles.serverChain)
        let allocation = CampaignFiles.allocation(j.root)
        let before = (try Data(contentsOf: journal), try Data(contentsOf: allocation))
        // The old way in: a command line run on the server. Unknown now, refused as such.
        let run = j.python(j.alice, Self.send, [#"{"id":1,"type":"run","body":{"arguments":["export","--format","ods","--out=\#(journal.path)"]}}"#])
        XCTAssertTrue(run.out.contains(#""code":"unreadable""#) && run.out.contains(#""problem":"unknownType","type":"run""#), run.out + run.err)
        // An export asks for a format and a table; the member's --out is written on the member's side, as them.
        for target in [journal.path, allocation.path, j.root.path] {
            let export = j.run(j.alice, ["export", "--format", "ods", "--out=\(target)"])
            XCTAssertNotEqual(export.status, 0, target)
            XCTAssertTrue(export.err.contains("Permission denied") || export.err.contains("impossible"), export.err)
        }
        // Unknown fields are not a way in either: the body is decoded into the request's type alone.
        let extra = j.python(j.alice, Self.send, [#"{"id":2,"type":"export","body":{"format":"ods","table":"dossiers","out":"\#(journal.path)"}}"#])
        XCTAssertTrue(extra.out.contains(#""result""#), extra.out + extra.err)
        XCTAssertEqual(try Data(contentsOf: journal).prefix(before.0.count), before.0, "the journal only grew")
        XCTAssertEqual(try Data(contentsOf: allocation), before.1)
        XCTAssertEqual(j.run(j.chair, ["journal", "verify"]).status, 0)
        XCTAssertTrue(j.serverLog.contains("refusé à \(j.alice) (?)"), j.serverLog)
    }

    /// `--mapping` was an oracle on the server's files: now the file is read on the member's side,
    /// with their rights, and a path that exists on the server answers as one that does not.
    func testAnImportFileIsReadOnTheMembersSideWithTheirRights() throws {
        let j = jury!
        let secret = CampaignFiles.jury(j.root).path
        let missing = j.root.appending(path: "absent.json").path
        let existing = j.run(j.alice, ["import", secret, "--dry-run", "--mapping", secret])
        let absent = j.run(j.alice, ["import", missing, "--dry-run", "--mapping", missing])
        XCTAssertEqual(existing.status, absent.status)
        XCTAssertTrue(existing.err.contains("introuvable") || existing.err.contains("Permission denied"), existing.err)
        XCTAssertTrue(absent.err.contains("introuvable"), absent.err)
        XCTAssertFalse(existing.err.contains("clé inconnue"), existing.err)
    }

    /// A session name is at most 64 bytes, in every request; a longer one is refused, never kept.
    func testALongSessionNameIsRefused() throws {
        let j = jury!
        let answer = j.python(j.alice, Self.send, [#"{"id":1,"type":"list","session":"LONG","body":{"format":"json"}}"#])
        XCTAssertTrue(answer.out.contains(#""code":"tooLong""#) && answer.out.contains(#""field":"session""#), String(answer.out.prefix(300)))
        let fine = j.python(j.alice, Self.send, [#"{"id":2,"type":"list","session":"console-1","body":{"format":"json"}}"#])
        XCTAssertTrue(fine.out.contains(#""exitCode":0"#), fine.out)
    }

    /// Exports are the member's alone (0600): the minutes hold every score and every conflict.
    func testExportsAreWrittenForTheirOwnerOnly() throws {
        let j = jury!
        let directory = j.scratch.appending(path: "exports")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        chmod(directory.path, 0o777)
        for format in ["csv", "ods", "json", "md"] {
            let out = directory.appending(path: "pv.\(format)").path
            try j.expect(j.chair, ["export", "--format", format, "--out", out])
            var info = stat()
            XCTAssertEqual(stat(out, &info), 0)
            XCTAssertEqual(info.st_mode & 0o777, 0o600, format)
            XCTAssertEqual(info.st_uid, j.uid(j.chair), format)
            XCTAssertNotEqual(j.run(j.alice, program: ["/bin/cat", out]).status, 0, "another member cannot read it")
        }
    }

    /// A command's change reaches the consoles like a console's, and a read reaches none.
    func testACommandsChangeIsPushedAndAReadIsNot() throws {
        let j = jury!
        try j.submit(j.bob, j.numbers[0], value: 4, comment: "avis de bob")
        let watch = j.python(j.chair, Self.watch, ["3"])
        XCTAssertEqual(watch.status, 0, watch.err)
        XCTAssertTrue(watch.out.contains("attached"), watch.out)
        XCTAssertTrue(watch.out.contains(#""allocationChanged":true"#), watch.out)
    }

    /// A raw save with forged dates and a draft's text: the server keeps its own dates, and once both
    /// members have submitted, neither the history nor the journal shows the other's former draft.
    func testTheServerStampsDatesAndNoDraftIsReadThroughTheJournalOrTheHistory() throws {
        let j = jury!
        let number = j.numbers[1]
        // Alice drafts with a secret, then submits other words; the first save claims 2020.
        let forged = j.python(j.alice, Self.forgedDraft, [j.alice, "\(number)", j.keys.joined(separator: ",")])
        XCTAssertTrue(forged.out.contains(#""result""#), forged.out + forged.err)
        XCTAssertFalse(forged.out.contains("2020-"), forged.out)
        let sheet = String(decoding: try Data(contentsOf: CampaignFiles.sheet(j.root, j.alice, number)), as: UTF8.self)
        XCTAssertFalse(sheet.contains("2020-"), sheet)
        try j.submit(j.alice, number, value: 3, comment: "avis définitif d’alice")
        try j.submit(j.bob, number, value: 4, comment: "avis de bob")
        let journal = j.run(j.bob, ["journal", "--dossier", "\(number)", "--format", "json"])
        XCTAssertEqual(journal.status, 0, journal.err)
        XCTAssertTrue(journal.out.contains("avis définitif d’alice"), journal.out)
        XCTAssertFalse(journal.out.contains("BROUILLON SECRET"), journal.out)
        let history = j.python(j.bob, Self.send, [#"{"id":1,"type":"history","body":{"dossier":\#(number),"reviewers":["\#(j.alice)"]}}"#])
        XCTAssertFalse(history.out.contains("BROUILLON SECRET"), history.out)
        // Alice's own history keeps her draft: it is hers.
        let own = j.python(j.alice, Self.send, [#"{"id":1,"type":"history","body":{"dossier":\#(number),"reviewers":["\#(j.alice)"]}}"#])
        XCTAssertTrue(own.out.contains(#""result""#), own.out)
    }

    /// A chair in conflict on a laureate loads and saves the allocation through the board's own
    /// requests: the hidden laureate stays on disk.
    func testAChairInConflictKeepsTheHiddenLaureateThroughTheBoardsRequests() throws {
        let j = jury!
        try j.submit(j.alice, j.numbers[0], value: 4, comment: "avis")
        try j.expect(j.chair, ["allocate", "--select", "\(j.numbers[0])", "--motivation", "dossier solide"])
        try j.expect(j.chair, ["allocate", "--select", "\(j.numbers[1])", "--motivation", "ancrage"])
        try j.expect(j.chair, ["conflict", "declare", "\(j.numbers[0])", "--reason", "parent"])
        let saved = j.python(j.chair, Self.loadAndSave)
        XCTAssertTrue(saved.out.contains(#""result""#), saved.out + saved.err)
        XCTAssertFalse(saved.out.contains("\(j.numbers[0])"), "the chair's answer hides the dossier: \(saved.out)")
        let onDisk = try JSONSerialization.jsonObject(with: Data(contentsOf: CampaignFiles.allocation(j.root))) as? [String: Any]
        XCTAssertEqual((onDisk?["laureates"] as? [Int]).map(Set.init), Set([j.numbers[0], j.numbers[1]]))
    }

    /// Saves a draft of the member's with a secret and dates of 2020, as a raw client would.
    static let forgedDraft = """
    import socket, sys, json
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rb')
    login, number, keys = sys.argv[2], int(sys.argv[3]), sys.argv[4].split(',')
    s.sendall(b'{"id":1,"type":"attach","session":"brouillon","body":{}}\\n')
    while "id" not in json.loads(f.readline()): pass
    sheet = {"schemaVersion": 1, "dossier": number, "reviewer": login, "status": "brouillon", "values": {keys[0]: 2},
             "comments": {}, "overall": "BROUILLON SECRET", "createdAt": "2020-01-01T10:00:00+01:00",
             "updatedAt": "2020-01-01T10:00:00+01:00", "submittedAt": "2020-01-02T10:00:00+01:00"}
    s.sendall((json.dumps({"id": 2, "type": "saveSheet", "session": "brouillon", "body": {"sheet": sheet}}) + "\\n").encode())
    while True:
        answer = json.loads(f.readline())
        if answer.get("id") == 2: print(json.dumps(answer)); break
    """

    /// Loads the allocation and saves it back whole, as the chair's board does; prints the answer.
    static let loadAndSave = """
    import socket, sys, json
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rb')
    s.sendall(b'{"id":1,"type":"loadAllocation","body":{}}\\n')
    loaded = json.loads(f.readline())["result"]
    s.sendall((json.dumps({"id": 2, "type": "saveAllocation", "body": {"allocation": loaded, "expectedRevision": loaded["revision"]}}) + "\\n").encode())
    print(f.readline().decode())
    """

    /// One request line (argv[2]) on the socket, the answer printed.
    static let send = """
    import socket, sys
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rb')
    # A session of 900 kB, made here: an argument of a program is at most 128 kB.
    s.sendall(sys.argv[2].replace('"LONG"', '"' + 'x' * 900000 + '"').encode() + b'\\n')
    sys.stdout.write(f.readline().decode()[:100000])
    """

    /// The chair's console attached; a read (`list`) then `allocate --propose` on another
    /// connection; prints what was pushed, within argv[2] seconds.
    static let watch = """
    import socket, sys, json, time, select
    path, limit = sys.argv[1], float(sys.argv[2])
    s = socket.socket(socket.AF_UNIX); s.connect(path); f = s.makefile('rb')
    s.sendall(b'{"id":1,"type":"attach","session":"tableau","language":"fr","body":{}}\\n')
    json.loads(f.readline()); print("attached", flush=True)
    def ask(line):
        c = socket.socket(socket.AF_UNIX); c.connect(path); g = c.makefile('rb'); c.sendall(line + b'\\n'); g.readline(); c.close()
    ask(b'{"id":1,"type":"list","body":{"format":"json"}}')
    if select.select([s], [], [], 0.5)[0]: print("pushed after a read:", f.readline().decode()); sys.exit(1)
    start = time.monotonic()
    ask(b'{"id":2,"type":"allocate","body":{"propose":true,"waitlist":[],"decide":[],"finalize":false,"check":false,"reopen":false}}')
    if not select.select([s], [], [], limit)[0]: print("nothing pushed"); sys.exit(1)
    print(f.readline().decode().strip()); print("seconds %.3f" % (time.monotonic() - start))
    """
}
