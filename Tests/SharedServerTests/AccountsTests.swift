import Foundation
import Glibc
import JuryCore
import XCTest
@testable import JuryStore

/// A jury on one server, with real throwaway Unix accounts: the chair (who owns the campaign),
/// alice and bob (reviewers), and eve (in the group, not in the jury). Each runs the real binary
/// under their own account.
final class AccountsTests: XCTestCase {
    private var server: Server!

    override func setUpWithError() throws {
        try requireRoot()
        server = try Server(scratch: scratchDirectory())
        addTeardownBlock { [server] in server?.remove() }
    }

    func testTheReviewerIsTheUnixAccountAndTheLayoutIsAsDocumented() throws {
        let s = server!
        for (url, mode) in [(s.root, 0o2750), (CampaignFiles.reviewers(s.root), 0o3770), (CampaignFiles.journalDirectory(s.root), 0o3770),
                            (CampaignFiles.lockDirectory(s.root), 0o2750), (CampaignFiles.lock(s.root, .jury), 0o640),
                            (CampaignFiles.jury(s.root), 0o640), (CampaignFiles.campaign(s.root), 0o640)] {
            XCTAssertEqual(s.info(url).mode, mode_t(mode), url.path)
            XCTAssertEqual(s.info(url).group, s.group, url.path)
        }
        let number = s.numbers[0]
        try s.expectSuccess(s.alice, ["score", "\(number)", "--set", "\(s.keys[0])=3"])
        let sheet = CampaignFiles.sheet(s.root, s.alice, number)
        XCTAssertEqual(s.info(sheet).owner, s.alice)
        XCTAssertEqual(s.info(sheet).mode, 0o640)
        XCTAssertEqual(s.info(CampaignFiles.reviewerDirectory(s.root, s.alice)).mode, 0o2750)
        XCTAssertEqual(s.info(CampaignFiles.journal(s.root, s.alice)).owner, s.alice)
        // Submitted, then reopened and changed: the submitted version is kept.
        try s.expectSuccess(s.alice, ["score", "\(number)", "--recommend", "reserve", "--submit"] + s.keys.flatMap { ["--set", "\($0)=2"] })
        try s.expectSuccess(s.alice, ["score", "\(number)", "--reopen", "--set", "\(s.keys[0])=4"])
        let history = s.run(s.alice, ["show", "\(number)", "--history"])
        XCTAssertTrue(history.out.contains("Versions antérieures de ma fiche (1)"), history.out + history.err)
        XCTAssertTrue(history.out.contains("\(s.keys[0])=2"), history.out)

        let impersonation = s.run(s.alice, ["score", "\(number)", "--set", "\(s.keys[0])=1", "--reviewer", s.bob])
        XCTAssertNotEqual(impersonation.status, 0)
        XCTAssertTrue(impersonation.err.contains("--reviewer \(s.bob) refusé : sur une campagne partagée, vous êtes votre compte Unix (\(s.alice))"),
                      impersonation.err)

        let stranger = s.run(s.eve, ["list"])
        XCTAssertNotEqual(stranger.status, 0)
        XCTAssertTrue(stranger.err.contains("« \(s.eve) » n’est pas membre du jury"), stranger.err)
        XCTAssertTrue(stranger.err.contains("Le propriétaire de la campagne (\(s.chair)) peut vous ajouter. Commande : ptce-jury jury add \(s.eve)"),
                      stranger.err)
        try s.expectSuccess(s.chair, ["doctor"])
    }

    func testAnotherReviewerCanChangeNothingOfASheetThroughTheProgramOrTheShell() throws {
        let s = server!
        let number = s.numbers[0]
        try s.expectSuccess(s.alice, ["score", "\(number)", "--recommend", "favorable", "--submit"] + s.keys.flatMap { ["--set", "\($0)=3"] })
        let sheet = CampaignFiles.sheet(s.root, s.alice, number)
        let journal = CampaignFiles.journal(s.root, s.alice)
        let before = (bytes(sheet), bytes(journal))

        // Through the program: --reviewer, the environment, and a campaign of bob's own whose
        // reviewers/ leads to the real one.
        let copy = scratchDirectory().appending(path: "copie-de-bob")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for name in ["jury.json", "dossiers.json"] {
            try FileManager.default.copyItem(at: s.root.appending(path: name), to: copy.appending(path: name))
        }
        var campaign = try JSONSerialization.jsonObject(with: bytes(CampaignFiles.campaign(s.root))) as! [String: Any]
        campaign["shared"] = nil
        try JSONSerialization.data(withJSONObject: campaign).write(to: CampaignFiles.campaign(copy))
        try FileManager.default.createSymbolicLink(at: CampaignFiles.reviewers(copy), withDestinationURL: CampaignFiles.reviewers(s.root))
        XCTAssertEqual(Glibc.system("chown -hR \(s.bob) '\(copy.path)'"), 0)
        let attempts: [([String], [String: String])] = [
            (["--reviewer", s.alice], [:]),
            (["--reviewer", s.alice, "--data", copy.path], [:]),
            (["--reviewer", s.alice], ["PTCE_JURY_DATA": copy.path]),
        ]
        for (flags, environment) in attempts {
            var arguments = ["score", "\(number)", "--reopen", "--set", "\(s.keys[0])=0"] + flags
            if environment.isEmpty && !flags.contains("--data") { arguments += ["--data", s.root.path] }
            let result = s.run(s.bob, arguments, environment: environment, data: false)
            XCTAssertNotEqual(result.status, 0, "\(flags) \(environment): \(result.out)")
            XCTAssertTrue(result.err.contains("refusé") || result.err.contains("permission refusée"), result.err)
        }

        // Through the shell.
        let directory = "'\(CampaignFiles.sheets(s.root, s.alice).path)'", file = "'\(sheet.path)'"
        let reviewers = "'\(CampaignFiles.reviewers(s.root).path)'", journals = "'\(CampaignFiles.journalDirectory(s.root).path)'"
        for command in ["echo '{}' > \(file)", "echo x >> \(file)", "rm -f \(file)", "mv \(file) \(directory)/1.json",
                        "touch \(directory)/\(number + 1).json", "cp \(file) \(directory)/\(number + 1).json",
                        "mv \(reviewers)/\(s.alice) \(reviewers)/ailleurs", "rm -rf \(reviewers)/\(s.alice)",
                        "echo x >> '\(journal.path)'", "rm -f '\(journal.path)'", "mv '\(journal.path)' \(journals)/autre.jsonl",
                        "chmod 777 \(directory)"] {
            XCTAssertNotEqual(s.shell(s.bob, command), 0, "bob could: \(command)")
        }
        XCTAssertEqual(bytes(sheet), before.0, "alice's sheet is intact")
        XCTAssertEqual(bytes(journal), before.1, "alice's journal is intact")
        try s.expectSuccess(s.alice, ["journal", "verify"])
    }

    func testASquattedDirectoryIsNotTakenAsItsReviewers() throws {
        let s = server!
        let number = s.numbers[0]
        // bob makes reviewers/alice before alice ever saves, with a forged sheet in her name.
        var forged = ScoreSheet(dossier: number, reviewer: s.alice, at: Instant(Date()))
        for key in s.keys { forged.values[key] = 0 }
        forged.overall = "fiche forgée"
        let forgery = scratchDirectory().appending(path: "forgée.json")
        try Document.encode(forged, forgery).write(to: forgery)
        let sheets = CampaignFiles.sheets(s.root, s.alice).path
        XCTAssertEqual(s.shell(s.bob, "mkdir -p '\(sheets)' && cp '\(forgery.path)' '\(sheets)/\(number).json' && chmod -R 777 '\(sheets)/..'"), 0)
        XCTAssertEqual(s.shell(s.bob, "touch '\(CampaignFiles.journal(s.root, s.alice).path)'"), 0)

        let check = s.run(s.chair, ["check"])
        XCTAssertTrue(check.err.contains("appartient à \(s.bob) et non à \(s.alice)"), check.err)
        let shown = s.run(s.alice, ["show", "\(number)", "--format", "json"])
        XCTAssertFalse(shown.out.contains("fiche forgée"), "the forged sheet must not be read as alice's")
        let list = s.run(s.chair, ["journal", "--format", "json"])
        XCTAssertFalse(list.out.contains("forgée"))

        let refused = s.run(s.alice, ["score", "\(number)", "--set", "\(s.keys[0])=2"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.err.contains("appartient à \(s.bob) et non à \(s.alice)"), refused.err)
        XCTAssertTrue(refused.err.contains("ptce-jury doctor"), refused.err)

        let doctor = s.run(s.chair, ["doctor"])
        XCTAssertNotEqual(doctor.status, 0)
        XCTAssertTrue(doctor.out.contains("mv '\(CampaignFiles.reviewerDirectory(s.root, s.alice).path)' '/root/ptce-quarantaine-\(s.alice)'"),
                      doctor.out)

        // The administrator does what doctor says; alice can then work.
        let quarantine = scratchDirectory()
        XCTAssertEqual(rename(CampaignFiles.reviewerDirectory(s.root, s.alice).path, quarantine.appending(path: "alice").path), 0)
        XCTAssertEqual(rename(CampaignFiles.journal(s.root, s.alice).path, quarantine.appending(path: "alice.jsonl").path), 0)
        try s.expectSuccess(s.alice, ["score", "\(number)", "--set", "\(s.keys[0])=2"])
        try s.expectSuccess(s.chair, ["doctor"])
    }

    func testMembershipAndConflictsOfInterest() throws {
        let s = server!
        let (conflicted, declared) = (s.numbers[2], s.numbers[3])
        let denied = s.run(s.bob, ["jury", "add", s.eve, "--name", "Eve"])
        XCTAssertNotEqual(denied.status, 0)
        XCTAssertTrue(denied.err.contains("Seule la présidence du jury ou le propriétaire de la campagne (\(s.chair))"), denied.err)
        try s.expectSuccess(s.chair, ["jury", "add", s.eve, "--name", "Eve"])
        try s.expectSuccess(s.eve, ["list"])
        try s.expectSuccess(s.chair, ["jury", "remove", s.eve])
        XCTAssertNotEqual(s.run(s.eve, ["list"]).status, 0)

        try s.expectSuccess(s.chair, ["conflict", "record", s.bob, "\(conflicted)", "--reason", "administrateur du pôle"])
        let marker = "avis-unique-d-alice"
        try s.expectSuccess(s.alice, ["score", "\(conflicted)", "--overall", marker, "--recommend", "favorable", "--submit"]
                            + s.keys.flatMap { ["--set", "\($0)=4"] })
        let refused = s.run(s.bob, ["score", "\(conflicted)", "--set", "\(s.keys[0])=1"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.err.lowercased().contains("conflit d’intérêts"), refused.err)
        for arguments in [["journal", "--format", "json"], ["journal", "--dossier", "\(conflicted)"], ["list", "--format", "json"],
                          ["show", "\(conflicted)", "--format", "json"], ["conflict", "list", "--format", "json"]] {
            let result = s.run(s.bob, arguments)
            XCTAssertFalse(result.out.contains(marker), "\(arguments) reveals alice's opinion to bob")
            if arguments[0] == "journal" { XCTAssertFalse(result.out.contains("\(conflicted)"), "\(arguments): \(result.out)") }
        }
        XCTAssertTrue(s.run(s.chair, ["journal", "--dossier", "\(conflicted)"]).out.contains(s.alice))

        try s.expectSuccess(s.alice, ["conflict", "declare", "\(declared)", "--reason", "ancien salarié"])
        XCTAssertEqual(s.info(CampaignFiles.declaredConflicts(s.root, s.alice)).owner, s.alice)
        XCTAssertNotEqual(s.run(s.alice, ["score", "\(declared)", "--set", "\(s.keys[0])=1"]).status, 0)
        let mine = s.run(s.alice, ["conflict", "list"]).out
        XCTAssertTrue(mine.contains("ancien salarié") && !mine.contains("administrateur du pôle"), mine)
        let all = s.run(s.chair, ["conflict", "list"]).out
        XCTAssertTrue(all.contains("ancien salarié") && all.contains("administrateur du pôle"), all)
        let othersJournal = s.run(s.bob, ["journal", "--format", "json"]).out
        XCTAssertFalse(othersJournal.contains("ancien salarié"), "alice's conflicts are hers and the chair's to see")
        try s.expectSuccess(s.bob, ["journal", "verify"])
    }

    func testDoctorSaysHowToFixModes() throws {
        let s = server!
        XCTAssertEqual(chmod(s.root.path, 0o777), 0)
        XCTAssertEqual(chmod(CampaignFiles.jury(s.root).path, 0o666), 0)
        let doctor = s.run(s.chair, ["doctor"])
        XCTAssertNotEqual(doctor.status, 0)
        XCTAssertTrue(doctor.out.contains("mode 777 au lieu de 2750\n    → en tant que \(s.chair) : chmod 2750 '\(s.root.path)'"), doctor.out)
        XCTAssertTrue(doctor.out.contains("chmod 640 '\(CampaignFiles.jury(s.root).path)'"), doctor.out)
        XCTAssertEqual(s.shell(s.chair, "chmod 2750 '\(s.root.path)' && chmod 640 '\(CampaignFiles.jury(s.root).path)'"), 0)
        try s.expectSuccess(s.chair, ["doctor"])
    }
}

/// Throwaway accounts and a shared campaign set up as docs/SHARED.md says.
final class Server {
    let group: String
    let chair: String, alice: String, bob: String, eve: String
    let root: URL
    let binary: String
    var numbers: [Int] = []
    var keys: [String] = []
    private var users: [String] = []

    init(scratch: URL) throws {
        let suffix = String(UInt32.random(in: 0x10000...0xFFFFF), radix: 16)
        group = "pjg\(suffix)"
        (chair, alice, bob, eve) = ("pjc\(suffix)", "pja\(suffix)", "pjb\(suffix)", "pje\(suffix)")
        root = scratch.appending(path: "campagne")
        binary = try Server.findBinary()
        guard Glibc.system("groupadd \(group)") == 0 else { throw Unavailable.accounts("groupadd \(group) failed") }
        for user in [chair, alice, bob, eve] {
            guard Glibc.system("useradd -M -N -g \(group) -s /usr/sbin/nologin \(user)") == 0 else {
                remove()
                throw Unavailable.accounts("useradd \(user) failed")
            }
            users.append(user)
        }
        // A campaign written by someone (an import, a generator), given to the chair, then shared in place.
        try expectSuccess(nil, ["demo", "--out", root.path, "--dossiers", "4", "--reviewers", "1", "--seed", "5"], data: false)
        try FileManager.default.removeItem(at: CampaignFiles.reviewers(root))
        guard Glibc.system("chown -R \(chair) '\(root.path)'") == 0 else { throw Unavailable.accounts("chown failed") }
        try expectSuccess(chair, ["init", "--shared", "--group", group, root.path], data: false)
        let generated = try JSONSerialization.jsonObject(with: Data(contentsOf: CampaignFiles.jury(root))) as! [String: Any]
        try expectSuccess(chair, ["jury", "add", chair, "--name", "Présidence", "--chair"])
        try expectSuccess(chair, ["jury", "add", alice, "--name", "Alice"])
        try expectSuccess(chair, ["jury", "add", bob, "--name", "Bob"])
        // The generated jury has no accounts here.
        for member in generated["members"] as! [[String: Any]] { try expectSuccess(chair, ["jury", "remove", member["login"] as! String]) }
        let dossiers = try JSONSerialization.jsonObject(with: Data(contentsOf: CampaignFiles.dossiers(root))) as! [String: Any]
        numbers = (dossiers["dossiers"] as! [[String: Any]]).map { $0["number"] as! Int }
        let campaign = try JSONSerialization.jsonObject(with: Data(contentsOf: CampaignFiles.campaign(root))) as! [String: Any]
        keys = (campaign["criteria"] as! [[String: Any]]).map { $0["key"] as! String }
    }

    func remove() {
        for user in users { _ = Glibc.system("userdel \(user) 2>/dev/null") }
        users = []
        _ = Glibc.system("groupdel \(group) 2>/dev/null")
    }

    struct Result { var status: Int32; var out: String; var err: String }

    /// The binary as `user` (nil: root), in a clean environment, on the campaign unless `data` is false.
    func run(_ user: String?, _ arguments: [String], environment: [String: String] = [:], data: Bool = true) -> Result {
        let process = Process()
        let command = [binary] + arguments + (data ? ["--data", root.path] : [])
        if let user {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(user)", "--regid=\(group)", "--init-groups"] + command
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = Array(command.dropFirst())
        }
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/tmp"].merging(environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        let out = FileManager.default.temporaryDirectory.appending(path: "ptce-out-\(UUID().uuidString)")
        let err = FileManager.default.temporaryDirectory.appending(path: "ptce-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        process.standardOutput = try? FileHandle(forWritingTo: out)
        process.standardError = try? FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return Result(status: -1, out: "", err: "could not start \(binary)") }
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      out: (try? String(contentsOf: out, encoding: .utf8)) ?? "", err: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    func expectSuccess(_ user: String?, _ arguments: [String], data: Bool = true, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = run(user, arguments, data: data)
        XCTAssertEqual(result.status, 0, "\(user ?? "root") \(arguments.joined(separator: " ")): \(result.err)\(result.out)", file: file, line: line)
    }

    /// A shell command as `user`; its exit status.
    func shell(_ user: String, _ command: String) -> Int32 {
        Glibc.system("setpriv --reuid=\(user) --regid=\(group) --init-groups /bin/sh -c \"\(command.replacingOccurrences(of: "\"", with: "\\\""))\" 2>/dev/null")
    }

    func info(_ url: URL) -> (owner: String, group: String, mode: mode_t) {
        var status = stat()
        lstat(url.path, &status)
        return (UnixAccounts.userName(status.st_uid), UnixAccounts.groupName(status.st_gid), status.st_mode & 0o7777)
    }

    private static func findBinary(filePath: String = #filePath) throws -> String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "ptce-jury").path
        let inTree = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: ".build/debug/ptce-jury").path
        guard let found = [beside, inTree].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Unavailable.accounts("ptce-jury is not built (looked for \(beside) and \(inTree))")
        }
        return found
    }
}
