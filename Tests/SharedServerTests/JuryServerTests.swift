import Foundation
import Glibc
import XCTest
@testable import JuryStore

/// The jury server as a hostile member would try it (docs/SERVER.md, threat model): real accounts,
/// the real binary, the server under its own account.
final class JuryServerTests: XCTestCase {
    private var jury: ServedJury!

    override func setUpWithError() throws {
        try requireRoot()
        jury = try ServedJury(scratch: scratchDirectory())
        addTeardownBlock { [jury] in jury?.remove() }
    }

    func testAMemberCanNeitherListNorReadTheCampaignFromAShell() throws {
        let j = jury!
        try j.submit(j.bob, j.numbers[0], value: 4, comment: "avis de bob")
        let sheet = CampaignFiles.sheet(j.root, j.bob, j.numbers[0]).path
        for command in [["/bin/ls", j.root.path], ["/bin/cat", CampaignFiles.jury(j.root).path], ["/bin/cat", sheet],
                        ["/bin/cat", CampaignFiles.journal(j.root, CampaignFiles.serverChain).path]] {
            let attempt = j.run(j.alice, program: command)
            XCTAssertNotEqual(attempt.status, 0, command.joined(separator: " "))
            XCTAssertTrue(attempt.err.contains("Permission denied"), attempt.err)
            XCTAssertEqual(attempt.out, "")
        }
        // Through the program, on the directory: the operating system refuses the same way.
        let direct = j.run(j.alice, ["list", "--data", j.root.path])
        XCTAssertNotEqual(direct.status, 0)
        XCTAssertFalse(direct.out.contains("\(j.numbers[0])"), direct.out)
        // In the group, not in the jury: refused, told who can add them.
        let stranger = j.run(j.eve, ["list"])
        XCTAssertEqual(stranger.status, 1)
        XCTAssertTrue(stranger.err.contains("« \(j.eve) » n’est pas membre du jury de cette campagne. La présidence (\(j.chair)) peut vous ajouter"),
                      stranger.err)
        XCTAssertEqual(stranger.out, "")
        // Every change is in the server's one chain, in the name of who made it.
        let journal = j.run(j.chair, ["journal", "--format", "json"])
        XCTAssertTrue(journal.out.contains("\"by\" : \"\(j.bob)\""), journal.out)
        XCTAssertTrue(journal.out.contains("journal/\(CampaignFiles.serverChain).jsonl"), journal.out)
        let verify = j.run(j.chair, ["journal", "verify"])
        XCTAssertEqual(verify.status, 0, verify.err)
        let head = try XCTUnwrap(verify.out.split(separator: "\n").first { $0.hasPrefix("Tête du journal du serveur : entrée n° ") }, verify.out)
        // The minutes carry that head, so that a later rewrite of the journal shows against the signed record.
        let minutes = "/tmp/ptce-pv-\(UUID().uuidString).md"
        defer { unlink(minutes) }
        try j.expect(j.chair, ["export", "--format", "md", "--out", minutes])
        let digest = head.split(separator: " ").last.map(String.init) ?? "?"
        XCTAssertTrue(text(URL(fileURLWithPath: minutes)).contains("Journal du jury à cette date : entrée n° "), text(URL(fileURLWithPath: minutes)))
        XCTAssertTrue(text(URL(fileURLWithPath: minutes)).contains(digest), digest)
    }

    func testBlindReviewAndConflictsHoldThroughEveryCommandAndTheConsolesData() throws {
        let j = jury!
        let scored = j.numbers[0], conflicted = j.numbers[1]
        try j.submit(j.bob, scored, value: 4, comment: "avis-confidentiel-de-bob")
        try j.submit(j.bob, conflicted, value: 5, comment: "avis-sur-le-dossier-en-conflit")
        try j.expect(j.chair, ["conflict", "record", j.alice, "\(conflicted)", "--reason", "administratrice de la structure"])
        let export = j.scratch.appending(path: "export-alice.json")
        XCTAssertEqual(chown(j.scratch.path, j.uid(j.alice), gid_t(0)), 0)
        let outputs = [
            j.run(j.alice, ["list", "--format", "json"]), j.run(j.alice, ["show", "\(scored)"]),
            j.run(j.alice, ["ranking", "--format", "json"]), j.run(j.alice, ["journal", "--format", "json"]),
            j.run(j.alice, ["export", "--format", "json", "--out", export.path]), j.run(j.alice, ["check"]),
            j.run(j.alice, ["allocate"]),
        ]
        // Her own conflict is hers to know; nothing else about the dossier is.
        let conflicts = j.run(j.alice, ["conflict", "list"]).out
        XCTAssertTrue(conflicts.contains("administratrice de la structure"), conflicts)
        let exported = text(export)
        XCTAssertTrue(exported.contains("\(scored)"), exported)
        for output in outputs.map({ $0.out + $0.err }) + [exported] {
            XCTAssertFalse(output.contains("avis-confidentiel-de-bob"), output)
            XCTAssertFalse(output.contains("avis-sur-le-dossier-en-conflit"), output)
            XCTAssertFalse(output.contains("\(conflicted)"), output)
        }
        // No count gives the conflicted dossier away: alice's check counts what she may see.
        XCTAssertTrue(outputs[5].out.contains("\(j.numbers.count - 1) dossiers"), outputs[5].out)
        XCTAssertTrue(outputs[0].out.contains("\"juryMean\" : null") || !outputs[0].out.contains("juryMean"), outputs[0].out)
        XCTAssertEqual(j.run(j.alice, ["show", "\(conflicted)"]).status, 1)

        // What a console receives: the view the server sends to alice.
        let view = j.python(j.alice, Self.attach)
        XCTAssertEqual(view.status, 0, view.err)
        let sent = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(view.out.utf8)) as? [String: Any])["result"] as? [String: Any]
        let dossiers = try XCTUnwrap(sent?["dossiers"] as? [[String: Any]]).map { $0["number"] as? Int }
        XCTAssertEqual(dossiers, j.numbers.filter { $0 != conflicted })
        XCTAssertEqual(try XCTUnwrap(sent?["sheets"] as? [Any]).count, 0)
        XCTAssertFalse(view.out.contains("avis-confidentiel-de-bob"), view.out)
        XCTAssertFalse(view.out.contains("avis-sur-le-dossier-en-conflit"), view.out)

        // Once her own sheet is submitted, bob's is hers to read.
        try j.submit(j.alice, scored, value: 2, comment: "avis d’alice")
        XCTAssertTrue(j.run(j.alice, ["show", "\(scored)"]).out.contains("avis-confidentiel-de-bob"))
        XCTAssertTrue(j.python(j.alice, Self.attach).out.contains("avis-confidentiel-de-bob"))
    }

    /// The rapporteurs through the server: the chair assigns, a member reads their own progress, and
    /// nothing names a dossier they are in conflict on.
    func testRapporteursAreAssignedAndFollowedThroughTheServer() throws {
        let j = jury!
        let conflicted = j.numbers[1]
        try j.expect(j.chair, ["conflict", "record", j.alice, "\(conflicted)", "--reason", "administratrice de la structure"])
        let refused = j.run(j.alice, ["assign", "--auto"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.err.contains("Seule la présidence du jury fait cette demande (assign)"), refused.err)
        let auto = j.run(j.chair, ["assign", "--auto"])
        XCTAssertEqual(auto.status, 0, auto.err)
        XCTAssertTrue(auto.out.contains("2 par dossier"), auto.out)
        XCTAssertTrue(auto.out.contains("Dossier n° \(conflicted) : 1 rapporteur manquant"), auto.out)
        try j.submit(j.alice, j.numbers[0], value: 3, comment: "avis d’alice")

        let own = j.run(j.alice, ["progress", "--format", "json"])
        XCTAssertEqual(own.status, 0, own.err)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(own.out.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["login"] as? String }, [j.alice], "a member reads their own line")
        XCTAssertEqual(rows.first?["assigned"] as? Int, j.numbers.count - 1)
        XCTAssertEqual(rows.first?["submitted"] as? Int, 1)
        XCTAssertFalse(own.out.contains("\(conflicted)"), own.out)
        let all = j.run(j.chair, ["progress"])
        XCTAssertEqual(all.status, 0, all.err)
        XCTAssertTrue(all.out.contains(j.alice) && all.out.contains(j.bob), all.out)
        // The chair's journal records the change; a member's shows none of it (positions in the list could name a conflict).
        XCTAssertTrue(j.run(j.chair, ["journal"]).out.contains("rapporteurs"))
        XCTAssertFalse(j.run(j.alice, ["journal"]).out.contains("rapporteurs"))
    }

    func testNoFlagOrVariableChangesWhoIsConnected() throws {
        let j = jury!
        let number = j.numbers[2]
        let impersonation = j.run(j.alice, ["score", "\(number)", "--set", "\(j.keys[0])=1", "--reviewer", j.bob])
        XCTAssertEqual(impersonation.status, 1)
        XCTAssertTrue(impersonation.err.contains("--reviewer \(j.bob) refusé : sur le serveur du jury, vous êtes votre compte Unix (\(j.alice))"),
                      impersonation.err)
        let environment = ["USER": j.bob, "LOGNAME": j.bob, "PTCE_JURY_REVIEWER": j.bob, "PTCE_JURY_DATA": j.root.path]
        let saved = j.run(j.alice, ["score", "\(number)", "--set", "\(j.keys[0])=1"], environment: environment)
        XCTAssertEqual(saved.status, 0, saved.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: CampaignFiles.sheet(j.root, j.alice, number).path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: CampaignFiles.sheet(j.root, j.bob, number).path))
        // A message naming someone else's sheet is refused by the server itself.
        let forged = j.python(j.alice, Self.saveAs, [j.bob, "\(number)", j.keys[0]])
        XCTAssertTrue(forged.out.contains(#""code":"notYourSheet","parameters":{"login":"\#(j.alice)"}"#), forged.out + forged.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: CampaignFiles.sheet(j.root, j.bob, number).path))
    }

    func testHostileClientsDoNotStopTheOthers() throws {
        let j = jury!
        let hostile = Process()
        hostile.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        hostile.arguments = ["--reuid=\(j.alice)", "--regid=\(j.group)", "--init-groups", "/usr/bin/python3", "-c", Self.hostile, j.socket]
        hostile.standardOutput = FileHandle.nullDevice
        hostile.standardError = FileHandle.nullDevice
        try hostile.run()
        // Meanwhile bob saves, and each save is timed from his side of the socket.
        let timing = j.python(j.bob, Self.timedSaves, ["\(j.numbers[0])", j.keys[0], "40"])
        hostile.waitUntilExit()
        XCTAssertEqual(timing.status, 0, timing.err)
        let latencies = timing.out.split(separator: "\n").compactMap { Double($0) }
        XCTAssertEqual(latencies.count, 40, timing.out + timing.err)
        // A generous bound on a shared machine: the bench measures it precisely.
        XCTAssertLessThan(latencies.max() ?? .infinity, 2.0, "\(latencies)")
        // The server said what it refused, and from whom.
        let log = j.serverLog
        for reason in ["requête illisible", "message de plus de \(1 << 20) octets", "trop de connexions ouvertes"] {
            XCTAssertTrue(log.contains(reason), "\(reason) not in: \(log.suffix(3000))")
        }
        XCTAssertTrue(log.contains("\(j.alice) (uid \(j.uid(j.alice)))"), String(log.suffix(2000)))
        // And it still serves alice normally.
        XCTAssertEqual(j.run(j.alice, ["list"]).status, 0)
    }

    func testKillNineDuringSavesLosesNoAcknowledgedChange() throws {
        let j = jury!
        let writers = [j.alice, j.bob, j.chair]
        var processes: [(String, Process, URL)] = []
        for writer in writers {
            let log = j.scratch.appending(path: "acquittements-\(writer).txt")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            chown(log.path, j.uid(writer), gid_t(0))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(writer)", "--regid=\(j.group)", "--init-groups", "/usr/bin/python3", "-c", Self.saves, j.socket,
                                 log.path, j.numbers.map(String.init).joined(separator: ","), j.keys.joined(separator: ","), "170"]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            processes.append((writer, process, log))
        }
        // Killed once a good part of the 510 saves is acknowledged, then started again.
        let deadline = Date().addingTimeInterval(120)
        while processes.map({ text($0.2).components(separatedBy: "ack ").count - 1 }).reduce(0, +) < 200, Date() < deadline { usleep(20_000) }
        j.killServer()
        try j.start()
        for (_, process, _) in processes { process.waitUntilExit() }
        for (writer, process, log) in processes {
            XCTAssertEqual(process.terminationStatus, 0, writer)
            var lastAck: [String: Int] = [:], later: [String: Set<Int>] = [:]
            for line in text(log).split(separator: "\n") {
                let parts = line.split(separator: " ").map(String.init)
                guard parts.count == 4 else { continue }
                let key = "\(parts[1]) \(parts[2])", value = Int(parts[3])!
                if parts[0] == "sent" { later[key, default: []].insert(value) }
                if parts[0] == "ack" { lastAck[key] = value; later[key] = [] }
            }
            XCTAssertEqual(text(log).components(separatedBy: "ack ").count - 1, 170, writer)
            for (key, value) in lastAck {
                let parts = key.split(separator: " ")
                let sheet = try JSONSerialization.jsonObject(with: bytes(CampaignFiles.sheet(j.root, writer, Int(parts[0])!))) as! [String: Any]
                let onDisk = (sheet["values"] as! [String: Int])[String(parts[1])]
                XCTAssertTrue(onDisk == value || later[key, default: []].contains(onDisk ?? -1),
                              "\(writer) \(key): \(String(describing: onDisk)) on disk, \(value) acknowledged")
            }
        }
        XCTAssertEqual(j.run(j.chair, ["check"]).status, 0)
        let verify = j.run(j.chair, ["journal", "verify"])
        XCTAssertEqual(verify.status, 0, verify.out + verify.err)
    }

    func testTheChairChangesTheJuryThroughTheServerAndNobodyElseCan() throws {
        let j = jury!
        let refused = j.run(j.alice, ["jury", "add", j.eve, "--name", "Ève"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.err.contains("Seule la présidence du jury"), refused.err)
        try j.expect(j.chair, ["jury", "add", j.eve, "--name", "Ève"])
        XCTAssertEqual(j.run(j.eve, ["list"]).status, 0)
        // A member declares their own conflict: the dossier is gone from what they see, at once.
        try j.expect(j.eve, ["conflict", "declare", "\(j.numbers[3])", "--reason", "salariée d’un membre"])
        XCTAssertFalse(j.run(j.eve, ["list"]).out.contains("\(j.numbers[3])"))
        XCTAssertTrue(j.run(j.chair, ["conflict", "list"]).out.contains("salariée d’un membre"))
        XCTAssertFalse(j.run(j.alice, ["conflict", "list"]).out.contains("salariée d’un membre"))
    }

    func testDoctorChecksTheInstallationAndSaysHowToFixIt() throws {
        let j = jury!
        let arguments = ["doctor", "--data", j.root.path, "--server", j.socket, "--group", j.group]
        let healthy = j.run(j.service, arguments)
        XCTAssertEqual(healthy.status, 0, healthy.out + healthy.err)
        XCTAssertTrue(healthy.out.contains("Installation du serveur du jury correcte."), healthy.out)
        XCTAssertEqual(chmod(j.root.path, 0o755), 0)
        let open = j.run(j.service, arguments)
        XCTAssertEqual(open.status, 1)
        XCTAssertTrue(open.out.contains("problème : \(j.root.path) : ouvert à d’autres comptes que \(j.service)"), open.out)
        XCTAssertTrue(open.out.contains("→ en tant que \(j.service) : chmod 700 '\(j.root.path)'"), open.out)
        let english = j.run(j.service, arguments + ["--lang", "en"])
        XCTAssertEqual(english.status, 1)
        XCTAssertTrue(english.out.contains("problem: \(j.root.path): open to accounts other than \(j.service): any member could read the campaign\n"
                                           + "    → as \(j.service): chmod 700 '\(j.root.path)'"), english.out)
        XCTAssertEqual(english.err, "1 problem to fix (command above).\n")
        XCTAssertEqual(chmod(j.root.path, 0o700), 0)
        j.killServer()
        let stopped = j.run(j.service, arguments)
        XCTAssertEqual(stopped.status, 1)
        XCTAssertTrue(stopped.out.contains("le serveur ne répond pas"), stopped.out)
        try j.start()
    }

    /// The group given is the one every fix names: an installation with its own group is never told
    /// to start the server with the shipped unit's.
    func testDoctorNamesTheGroupItIsGiven() throws {
        let j = jury!
        let missing = j.scratch.appending(path: "run/autre.sock").path
        let stopped = j.run(j.service, ["doctor", "--data", j.root.path, "--server", missing, "--group", "jdjury"])
        XCTAssertEqual(stopped.status, 1)
        XCTAssertTrue(stopped.out.contains("problème : \(missing) : pas de socket : le serveur ne tourne pas"), stopped.out)
        XCTAssertTrue(stopped.out.contains("--socket \(missing) --group jdjury"), stopped.out)
        XCTAssertFalse(stopped.out.contains("jury-ptce"), stopped.out)
    }

    /// A member names the socket alone: what they can check is checked (the socket, their group,
    /// their place in the jury), not « no campaign found ».
    func testDoctorChecksAMembersAccessWithTheSocketAlone() throws {
        let j = jury!
        let member = j.run(j.alice, ["doctor"])
        XCTAssertEqual(member.status, 0, member.out + member.err)
        XCTAssertTrue(member.out.contains("Accès au serveur du jury correct."), member.out)
        XCTAssertFalse(member.err.contains("Aucune campagne"), member.err)
        let stranger = j.run(j.eve, ["doctor"])
        XCTAssertEqual(stranger.status, 1, stranger.out + stranger.err)
        XCTAssertTrue(stranger.out.contains("« \(j.eve) » n’est pas membre du jury de cette campagne. La présidence (\(j.chair)) peut vous ajouter"),
                      stranger.out)
        // An account outside the jury's group: the socket's directory is closed to it, and it is told why.
        let (outsider, printed) = try Self.standardOutput(of: "/usr/bin/setpriv",
                                                          ["--reuid=nobody", "--regid=nogroup", "--clear-groups", j.binary, "doctor", "--server", j.socket])
        XCTAssertEqual(outsider, 1, printed)
        XCTAssertTrue(printed.contains("vous (nobody) n’êtes pas dans le groupe \(j.group)"), printed)
        XCTAssertTrue(printed.contains("→ en root : usermod -aG \(j.group) nobody"), printed)
        XCTAssertFalse(printed.contains("le serveur ne tourne pas"), "the server runs: " + printed)
        // Root with the socket alone: the socket is checked, and told the campaign was not.
        let (administrator, checked) = try Self.standardOutput(of: j.binary, ["doctor", "--server", j.socket, "--group", j.group],
                                                               environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
        XCTAssertEqual(administrator, 0, checked)
        XCTAssertTrue(checked.contains("attention : \(j.socket) : seul le socket est vérifié"), checked)
        XCTAssertTrue(checked.contains("Socket du serveur du jury correct."), checked)
    }

    /// A program run as root (`setpriv` to be someone else), its status and standard output.
    private static func standardOutput(of program: String, _ arguments: [String],
                                       environment: [String: String]? = nil) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, printed)
    }

    /// Every member sees the jury; only the chair sees who is connected, here the chair's own console.
    func testJuryListShowsTheJuryAndToTheChairWhoIsConnected() throws {
        let j = jury!
        let member = j.run(j.alice, ["jury", "list"])
        XCTAssertEqual(member.status, 0, member.err)
        let lines = member.out.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.hasPrefix("Identifiant") ?? false, member.out)
        XCTAssertFalse(member.out.contains("Connecté"), "a member does not see who is connected: " + member.out)
        XCTAssertTrue(lines.contains { $0.hasPrefix(j.chair) && $0.contains("Présidence") && $0.contains("présidence") }, member.out)
        XCTAssertTrue(lines.contains { $0.hasPrefix(j.alice) && $0.contains("Alice") && $0.contains("rapporteur") }, member.out)
        let attached = j.python(j.chair, Self.listWhileAttached, [j.binary])
        XCTAssertEqual(attached.status, 0, attached.err)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(attached.out.utf8)) as? [[String: Any]], attached.out)
        let connected = Dictionary(uniqueKeysWithValues: rows.map { ($0["login"] as? String ?? "", $0["connected"] as? Bool) })
        XCTAssertEqual(connected[j.chair], true)
        XCTAssertEqual(connected[j.alice], false)
        XCTAssertEqual(connected[j.bob], false)
    }

    func testACampaignOfTheFormerSharedModeIsRefusedUntilConvertedJournalsIncluded() throws {
        let j = jury!
        let legacy = j.scratch.appending(path: "ancienne")
        XCTAssertEqual(Glibc.system("\(j.binary) demo --out '\(legacy.path)' --dossiers 4 --reviewers 2 --seed 9 >/dev/null"), 0)
        // A journaled change, as the former mode wrote it: one journal per writer.
        XCTAssertEqual(Glibc.system("\(j.binary) jury add invite --name Invité --data '\(legacy.path)' >/dev/null"), 0)
        var campaign = try JSONSerialization.jsonObject(with: bytes(CampaignFiles.campaign(legacy))) as! [String: Any]
        campaign["shared"] = ["group": j.group]
        try JSONSerialization.data(withJSONObject: campaign).write(to: CampaignFiles.campaign(legacy))
        XCTAssertEqual(Glibc.system("chown -R \(j.alice) '\(legacy.path)' && chmod 2750 '\(legacy.path)'"), 0)
        let refused = j.run(j.alice, ["list", "--data", legacy.path])
        XCTAssertEqual(refused.status, 65)
        XCTAssertTrue(refused.err.contains("campagne de l’ancien mode partagé par un groupe Unix : convertissez-la pour le serveur du jury, en root : "
                                           + "ptce-jury serve --convert --owner ptce-jury --data \(legacy.path)"), refused.err)
        let converted = Process()
        converted.executableURL = URL(fileURLWithPath: j.binary)
        converted.arguments = ["serve", "--convert", "--owner", j.service, "--data", legacy.path]
        converted.standardOutput = FileHandle.nullDevice
        try converted.run()
        converted.waitUntilExit()
        XCTAssertEqual(converted.terminationStatus, 0)
        var info = stat()
        XCTAssertEqual(lstat(legacy.path, &info), 0)
        XCTAssertEqual(info.st_uid, j.uid(j.service))
        XCTAssertEqual(info.st_mode & 0o777, 0o700)
        XCTAssertEqual(lstat(CampaignFiles.campaign(legacy).path, &info), 0)
        XCTAssertEqual(info.st_uid, j.uid(j.service))
        XCTAssertFalse(text(CampaignFiles.campaign(legacy)).contains("\"shared\""))
        // The generated members' journals came along and still verify.
        let verify = j.run(j.service, ["journal", "verify", "--data", legacy.path])
        XCTAssertEqual(verify.status, 0, verify.out + verify.err)
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: CampaignFiles.journalDirectory(legacy).path).isEmpty)
    }

    // MARK: - Clients speaking the protocol (docs/SERVER.md), as a member could write them

    /// The chair's console attached, `jury list` (argv[2]: the binary) run beside it; prints its JSON.
    static let listWhileAttached = """
    import socket, sys, subprocess, json
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rb')
    s.sendall(b'{"id":1,"type":"attach","session":"liste","language":"fr","body":{}}\\n')
    json.loads(f.readline())
    listed = subprocess.run([sys.argv[2], "jury", "list", "--server", sys.argv[1], "--format", "json"], capture_output=True, text=True)
    sys.stdout.write(listed.stdout); sys.stderr.write(listed.stderr); sys.exit(listed.returncode)
    """

    /// Prints the view the server sends for a console.
    static let attach = """
    import socket, sys
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rb')
    s.sendall(b'{"id":1,"type":"attach","session":"essai","language":"fr","body":{}}\\n')
    sys.stdout.write(f.readline().decode())
    """

    /// Tries to save a sheet in someone else's name.
    static let saveAs = """
    import socket, sys, json
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rb')
    sheet = {"schemaVersion": 1, "dossier": int(sys.argv[3]), "reviewer": sys.argv[2], "status": "brouillon",
             "values": {sys.argv[4]: 0}, "comments": {}, "overall": "",
             "createdAt": "2026-12-01T10:00:00+01:00", "updatedAt": "2026-12-01T10:00:00+01:00"}
    s.sendall((json.dumps({"id": 1, "type": "saveSheet", "session": "x", "body": {"sheet": sheet}}) + "\\n").encode())
    sys.stdout.write(f.readline().decode())
    """

    /// Every hostile case of the issue at once, as alice.
    static let hostile = """
    import socket, sys, os, time, threading
    path = sys.argv[1]
    def conn():
        s = socket.socket(socket.AF_UNIX); s.connect(path); return s
    def garbage():
        for _ in range(20):
            try:
                s = conn(); s.sendall(os.urandom(3000).replace(b'\\n', b' ') + b'\\n'); s.recv(100); s.close()
            except OSError: pass
    def huge():
        try:
            s = conn(); chunk = b'x' * (1 << 20)
            for _ in range(100): s.sendall(chunk)
        except OSError: pass
    def deaf():
        try:
            s = conn()
            for i in range(2000):
                s.sendall(b'{"id":%d,"type":"list","body":{"format":"json"}}\\n' % i)
        except OSError: pass
    def many():
        kept = []
        for _ in range(1000):
            try: kept.append(conn())
            except OSError: pass
        time.sleep(2)
        for s in kept: s.close()
    def cut():
        for _ in range(20):
            try:
                s = conn(); s.sendall(b'{"id":1,"type":"li'); s.close()
            except OSError: pass
    threads = [threading.Thread(target=t) for t in (garbage, huge, deaf, many, cut)]
    for t in threads: t.start()
    for t in threads: t.join()
    """

    /// Saves one criterion `count` times and prints each round trip in seconds.
    static let timedSaves = """
    import socket, sys, json, time
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rb')
    for i in range(int(sys.argv[4])):
        start = time.monotonic()
        s.sendall((json.dumps({"id": i + 1, "type": "score", "language": "fr", "body": {"number": int(sys.argv[2]),
                               "values": ["%s=%d" % (sys.argv[3], i % 6)], "comments": [], "reopen": False, "submit": False}}) + "\\n").encode())
        answer = json.loads(f.readline())
        assert answer.get("result", {}).get("exitCode") == 0, answer
        print("%.4f" % (time.monotonic() - start), flush=True)
        time.sleep(0.05)
    """

    /// `count` saves, each logged when sent and when acknowledged; sent again after a lost link.
    static let saves = """
    import socket, sys, json, time
    path, out, dossiers, keys, count = sys.argv[1], sys.argv[2], sys.argv[3].split(','), sys.argv[4].split(','), int(sys.argv[5])
    def connect():
        for _ in range(1200):
            try:
                s = socket.socket(socket.AF_UNIX); s.connect(path); return s, s.makefile('rb')
            except OSError: time.sleep(0.05)
        raise SystemExit("no server")
    s, f = connect(); log = open(out, 'a', buffering=1); i = 0; rid = 0
    while i < count:
        d = dossiers[i % len(dossiers)]; k = keys[(i // len(dossiers)) % len(keys)]; v = (i // 7) % 6
        log.write("sent %s %s %d\\n" % (d, k, v)); rid += 1
        try:
            s.sendall((json.dumps({"id": rid, "type": "score", "language": "fr", "body": {"number": int(d), "values": ["%s=%d" % (k, v)],
                                   "comments": [], "reopen": False, "submit": False}}) + "\\n").encode())
            line = f.readline()
            if not line: raise OSError("closed")
            answer = json.loads(line)
        except OSError:
            s, f = connect(); continue
        if answer.get("refusal", {}).get("code") == "tooFast": time.sleep(0.1); continue
        if answer.get("result", {}).get("exitCode") != 0: raise SystemExit(str(answer))
        log.write("ack %s %s %d\\n" % (d, k, v)); i += 1
    """
}
