import Foundation
import XCTest

/// The séance in a local campaign: one console, the chair's, under tmux; and the séance's commands.
final class SeanceEndToEndTests: XCTestCase {
    private var binary = ""
    private var campaign: URL!
    private var chair = ""
    private var reviewer = ""
    private var numbers: [Int] = []

    override func setUpWithError() throws {
        binary = try TmuxSession.consoleBinary()
        campaign = FileManager.default.temporaryDirectory.appending(path: "ptce-seance-\(UUID().uuidString)")
        _ = try TmuxSession.succeeding(binary, ["demo", "--dossiers", "6", "--reviewers", "3", "--seed", "7", "--out", campaign.path])
        struct Jury: Decodable {
            let members: [Member]
            struct Member: Decodable { let login: String; let role: String }
        }
        let jury = try JSONDecoder().decode(Jury.self, from: Data(contentsOf: campaign.appending(path: "jury.json")))
        chair = try XCTUnwrap(jury.members.first { $0.role == "president" }?.login, "the demo jury has no chair")
        reviewer = try XCTUnwrap(jury.members.first { $0.role == "rapporteur" }?.login)
        struct Dossiers: Decodable { let dossiers: [Dossier]; struct Dossier: Decodable { let number: Int } }
        numbers = try JSONDecoder().decode(Dossiers.self, from: Data(contentsOf: campaign.appending(path: "dossiers.json"))).dossiers.map(\.number)
    }

    override func tearDown() {
        if let campaign { try? FileManager.default.removeItem(at: campaign) }
    }

    private struct Record: Decodable {
        let seances: [Seance]
        struct Seance: Decodable {
            let place: String
            let present: [String]
            let closedAt: String?
            let events: [Event]
        }
        struct Event: Decodable { let kind: String; let dossier: Int? }
    }

    private func record(as login: String) throws -> Record {
        let output = try TmuxSession.succeeding(binary, ["session", "show", "--data", campaign.path, "--reviewer", login, "--format", "json"])
        return try JSONDecoder().decode(Record.self, from: Data(output.utf8))
    }

    /// The console of `login` on the campaign, in French.
    private func console(as login: String) throws -> TmuxSession {
        let console = try TmuxSession([binary, "--data", campaign.path, "--reviewer", login, "--lang", "fr"],
                                      environment: ["NO_COLOR": "", "XDG_STATE_HOME": campaign.appending(path: "state").path])
        try console.waitFor("the list") { $0.contains("(\(login))") }
        return console
    }

    func testTheChairRunsASéanceAloneInALocalCampaign() throws {
        let console = try console(as: chair)
        defer { console.kill() }
        let steps: [(keys: String, shows: String)] = [
            ("a", "Attribution —"), ("s", "Lieu de la séance"), ("Salle B", "› Salle B"),
            ("Enter", "secrétaire de séance : son identifiant (vide : aucun)"),
            ("Enter", "1 présent coché, quorum 3 — quorum non atteint"),
            ("Enter", "Séance n° 1 — Salle B — 1 présent, quorum 3 — quorum non atteint"),
            ("e", "En discussion : n° "), ("Escape", "Attribution —"), ("S", "Clore la séance ? (o/n)"), ("o", "Séance close"),
        ]
        for step in steps {
            if step.keys.contains(" ") { try console.type(step.keys) } else { try console.sendKeys(step.keys) }
            try console.waitFor("« \(step.shows) » after \(step.keys)") { $0.contains(step.shows) }
        }
        try console.sendKeys("C-c")
        XCTAssertEqual(try console.waitForExit(), 0)

        let seance = try XCTUnwrap(try record(as: chair).seances.first)
        XCTAssertEqual(seance.place, "Salle B")
        XCTAssertEqual(seance.present, [chair])
        XCTAssertNotNil(seance.closedAt)
        XCTAssertEqual(seance.events.filter { $0.kind == "discussion" }.count, 1)
    }

    func testAConsoleFollowsASéanceDrivenFromTheCommandLine() throws {
        let console = try console(as: reviewer)
        defer { console.kill() }
        let data = ["--data", campaign.path, "--reviewer", chair]
        _ = try TmuxSession.succeeding(binary, ["session", "open", "--place", "Paris", "--present", "\(chair),\(reviewer)"] + data)
        try console.waitFor("the banner") { $0.contains("Séance n° 1 — Paris — 2 présents") }
        _ = try TmuxSession.succeeding(binary, ["session", "discuss", "\(numbers[2])"] + data)
        try console.waitFor("the dossier in discussion, followed") { $0.contains("Dossier n° \(self.numbers[2]) ·") }
    }

    func testTheSéanceCommandsAreTheChairs() throws {
        let data = ["--data", campaign.path]
        let refused = try TmuxSession.expecting(1, binary, ["session", "open", "--place", "Paris", "--present", reviewer, "--reviewer", reviewer] + data)
        XCTAssertTrue(refused.contains("seule la présidence du jury conduit la séance"), refused)
        let opened = try TmuxSession.succeeding(binary, ["seance", "ouvrir", "--lieu", "Paris", "--presents", "\(chair),\(reviewer)",
                                                          "--reviewer", chair] + data)
        XCTAssertTrue(opened.contains("Séance n° 1 — Paris — 2 présents, quorum 3 — quorum non atteint"), opened)
        let discussed = try TmuxSession.succeeding(binary, ["session", "discuss", "\(numbers[0])", "--reviewer", chair] + data)
        XCTAssertTrue(discussed.contains("En discussion : n° \(numbers[0])"), discussed)
        let twice = try TmuxSession.expecting(1, binary, ["session", "open", "--place", "Lyon", "--present", chair, "--reviewer", chair] + data)
        XCTAssertTrue(twice.contains("la séance n° 1 est encore ouverte"), twice)
        _ = try TmuxSession.succeeding(binary, ["session", "end-discussion", "--reviewer", chair] + data)
        let left = try TmuxSession.succeeding(binary, ["seance", "depart", reviewer, "--reviewer", chair] + data)
        XCTAssertTrue(left.contains("Séance n° 1 — Paris — 1 présent, quorum 3"), left)
        _ = try TmuxSession.succeeding(binary, ["session", "arrive", reviewer, "--reviewer", chair] + data)
        _ = try TmuxSession.succeeding(binary, ["session", "close", "--reviewer", chair] + data)
        let shown = try TmuxSession.succeeding(binary, ["session", "show", "--reviewer", reviewer] + data)
        XCTAssertTrue(shown.contains("Aucune séance ouverte."), shown)
        XCTAssertTrue(shown.contains("fin de discussion"), shown)
        XCTAssertEqual(try record(as: reviewer).seances.first?.events.map(\.kind), ["arrivee", "arrivee", "discussion", "fin-discussion", "depart", "arrivee"])
    }

    /// The chair's minutes of a finalised deliberation: the secretary, each decision with the vote
    /// entered on the command line, times with their zone, and a journal head that
    /// `journal verify --at N` confirms after the finalisation's own entry was added.
    func testTheMinutesCiteAJournalHeadThatVerifyConfirms() throws {
        let data = ["--data", campaign.path], asChair = ["--reviewer", chair] + data
        _ = try TmuxSession.succeeding(binary, ["session", "open", "--place", "Paris", "--present", "\(chair),\(reviewer)",
                                                "--secretary", reviewer] + asChair)
        let refused = try TmuxSession.expecting(1, binary, ["allocate", "--propose", "--vote", "5,0,0"] + asChair)
        XCTAssertTrue(refused.contains("5 voix pour"), refused)
        XCTAssertFalse(try TmuxSession.succeeding(binary, ["session", "show"] + asChair).contains("décision"), "a refused vote saves nothing")
        _ = try TmuxSession.succeeding(binary, ["allocate", "--propose", "--vote", "1,0,0"] + asChair)
        let shown = try TmuxSession.succeeding(binary, ["session", "show"] + asChair)
        XCTAssertTrue(shown.contains("secrétaire : \(reviewer)"), shown)
        XCTAssertTrue(shown.contains("vote : 1 pour, 0 contre, 0 abstention"), shown)
        XCTAssertTrue(shown.contains(" (UTC+0"), "the register's times with their zone: \(shown)")
        // Finalised in séance, as a jury does, then the séance closed: the minutes, made from the
        // snapshot, still say when it ended.
        _ = try TmuxSession.succeeding(binary, ["allocate", "--finalize", "--acknowledge", "essai"] + asChair)
        _ = try TmuxSession.succeeding(binary, ["session", "close"] + asChair)

        let out = campaign.appending(path: "pv.md")
        _ = try TmuxSession.succeeding(binary, ["export", "--format", "md", "--out", out.path] + asChair)
        let minutes = try String(contentsOf: out, encoding: .utf8)
        XCTAssertTrue(minutes.contains(", secrétaire de séance |"), "the secretary signs as such")
        XCTAssertTrue(minutes.contains("(UTC+0"), "times with their zone")
        XCTAssertTrue(minutes.contains("| vote : 1 pour, 0 contre, 0 abstention |"), minutes)
        XCTAssertFalse(minutes.contains("| en cours |"), "the séance closed after the finalisation has its end: \(minutes)")
        let cited = try XCTUnwrap(minutes.firstMatch(of: /entrée (n° (\d+), sha256 ([0-9a-f]{64}))/), minutes)
        let verified = try TmuxSession.succeeding(binary, ["journal", "verify", "--at", String(cited.2)] + asChair)
        XCTAssertTrue(verified.contains(String(cited.1)), "verify --at confirms the head the minutes cite:\n\(verified)\n\(cited.1)")
        let after = try TmuxSession.expecting(1, binary, ["journal", "verify", "--at", "100000"] + asChair)
        XCTAssertTrue(after.contains("Le journal n’a pas d’entrée n° 100000."), after)
    }

    /// `ranking --format json` carries the séances, each with its decisions on the dossiers the
    /// member may know of (it used to give `seances: []` whatever the register held).
    func testTheRankingInJSONCarriesTheSéances() throws {
        let data = ["--data", campaign.path]
        _ = try TmuxSession.succeeding(binary, ["session", "open", "--place", "Paris", "--present", "\(chair),\(reviewer)",
                                                "--reviewer", chair] + data)
        _ = try TmuxSession.succeeding(binary, ["allocate", "--propose", "--reviewer", chair] + data)
        _ = try TmuxSession.succeeding(binary, ["session", "close", "--reviewer", chair] + data)
        struct Ranking: Decodable {
            struct Dossier: Decodable { let number: Int }
            struct Session: Decodable {
                struct Decision: Decodable { let dossier: Int; let decision: String? }
                let number: Int, place: String, present: [String], closedAt: String?, decisions: [Decision]
            }
            let dossiers: [Dossier], laureates: [Int], waitlist: [Int], seances: [Session]
        }
        for login in [chair, reviewer] {
            let output = try TmuxSession.succeeding(binary, ["ranking", "--format", "json", "--resamples", "20", "--reviewer", login] + data)
            let ranking = try JSONDecoder().decode(Ranking.self, from: Data(output.utf8))
            let seance = try XCTUnwrap(ranking.seances.first, "\(login): no séance in \(output.prefix(200))")
            XCTAssertEqual(ranking.seances.count, 1)
            XCTAssertEqual(seance.place, "Paris")
            XCTAssertEqual(seance.present, [chair, reviewer])
            XCTAssertNotNil(seance.closedAt)
            let decided = Set(seance.decisions.map(\.dossier)), known = Set(ranking.dossiers.map(\.number))
            XCTAssertFalse(decided.isEmpty, login)
            XCTAssertTrue(decided.isSubset(of: known), "\(login) reads decisions only on the dossiers they may know of")
            XCTAssertEqual(decided, Set(ranking.laureates + ranking.waitlist).intersection(known), login)
            XCTAssertTrue(seance.decisions.allSatisfy { $0.decision != nil }, login)
        }
    }
}
