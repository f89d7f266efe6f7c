import Foundation
import Glibc
import XCTest
import JuryCore
@testable import JuryStore

/// The jury's séance with three consoles against a real jury server, each under its member's own
/// account in tmux: the chair opens it and moves, a follower shows the dossier within a second, the
/// member in conflict on it sees only the notice, and a decision taken is recorded with who was there.
final class SeanceServerTests: XCTestCase {
    func testTheMeetingWithThreeConsoles() throws {
        try requireRoot()
        let j = try ServedJury(scratch: scratchDirectory())
        addTeardownBlock { j.remove() }
        let discussed = j.numbers[1]
        try j.expect(j.chair, ["conflict", "record", j.bob, "\(discussed)", "--reason", "administrateur de la structure"])
        let dossiers = try JSONSerialization.jsonObject(with: Data(contentsOf: CampaignFiles.dossiers(j.root))) as! [String: Any]
        let name = (dossiers["dossiers"] as! [[String: Any]]).first { $0["number"] as? Int == discussed }!["name"] as! String

        let consoles = try SeanceConsoles(j, name: "ptce-seance-\(getpid())")
        addTeardownBlock { consoles.stop() }
        // The chair opens the séance from the board: its place, then those connected, confirmed.
        try consoles.openSeance(secretary: j.alice)
        let proposed = consoles.screen(j.chair)
        for user in [j.chair, j.alice, j.bob] { XCTAssertTrue(proposed.contains("[✓] \(user) "), proposed) }
        XCTAssertTrue(proposed.contains("secrétaire : \(j.alice)"), proposed)
        consoles.keys(j.chair, "Enter")
        try consoles.poll(j.alice, "the séance's banner") { $0.contains("Séance n° 1 — Salle du conseil — 3 présents, quorum 2") }

        // The chair moves to the dossier on the board and puts it in discussion.
        for _ in j.numbers where !consoles.screen(j.chair).contains("n° \(discussed) — ") {
            let before = consoles.screen(j.chair)
            consoles.keys(j.chair, "j")
            try consoles.poll(j.chair, "the selection moving") { $0 != before }
        }
        XCTAssertTrue(consoles.screen(j.chair).contains("n° \(discussed) — "), consoles.screen(j.chair))
        let started = Date()
        consoles.keys(j.chair, "e")
        try consoles.poll(j.alice, "alice's console following the dossier") { $0.contains("Dossier n° \(discussed) · \(name.prefix(20))") }
        let followed = Date().timeIntervalSince(started)
        XCTAssertLessThan(followed, 1, "the follower showed the dossier after \(followed) s")

        try consoles.poll(j.bob, "the notice of a conflicted member") { $0.contains("Dossier en discussion : vous êtes en conflit d’intérêts") }
        let bobs = consoles.screen(j.bob)
        XCTAssertFalse(bobs.contains(name), bobs)
        XCTAssertFalse(bobs.contains("\(discussed)"), bobs)
        XCTAssertTrue(bobs.contains("Vous avez quitté la séance pour ce dossier"), "bob's neutral screen: \(bobs)")

        // Alice steps away to browse, and comes back with one key.
        consoles.keys(j.alice, "Escape")
        try consoles.poll(j.alice, "alice back on the list") { !$0.contains("Dossier n° \(discussed) ·") && $0.contains("D en discussion") }
        consoles.keys(j.alice, "D")
        try consoles.poll(j.alice, "alice back on the dossier in discussion") { $0.contains("Dossier n° \(discussed) · \(name.prefix(20))") }

        // The chair, back on the board, decides: the decision goes into the séance's record.
        consoles.keys(j.chair, "Escape")
        try consoles.poll(j.chair, "the board again") { $0.contains("Attribution —") }
        consoles.keys(j.chair, "Space")
        try consoles.poll(j.chair, "the decision or its motivation") { $0.contains("lauréat (") || $0.contains("Motivation requise") }
        if consoles.screen(j.chair).contains("Motivation requise") {
            consoles.type(j.chair, "Retenu en séance")
            consoles.keys(j.chair, "Enter")
        }
        var decision: SeanceEvent?
        try OpenSSH.poll("the decision in seances.json", { j.serverLog }) {
            let seances = try? JSONDecoder().decode(Seances.self, from: Data(contentsOf: CampaignFiles.seances(j.root)))
            decision = seances?.current?.events.first { $0.kind == .decision && $0.dossier == discussed }
            return decision != nil
        }
        XCTAssertEqual(decision?.decision, .laureate)
        XCTAssertEqual(decision?.present.map(Set.init), [j.chair, j.alice], "bob, in conflict, took no part")
        XCTAssertEqual(decision?.quorate, true)
        let record = try JSONDecoder().decode(Seances.self, from: Data(contentsOf: CampaignFiles.seances(j.root)))
        XCTAssertEqual(record.current?.events.filter { $0.kind == .steppedOut }.map(\.login), [j.bob])

        // How the jury took it: Enter keeps the consensus. Then the discussion ends: bob's screen comes back.
        try consoles.poll(j.chair, "the decision's mode asked") { $0.contains("ou vide : consensus") }
        consoles.keys(j.chair, "Enter")
        try consoles.poll(j.chair, "the mode's prompt closed") { !$0.contains("ou vide : consensus") }
        consoles.keys(j.chair, "E")
        try consoles.poll(j.bob, "bob's screen back") { !$0.contains("Vous avez quitté la séance") && !$0.contains("en conflit d’intérêts") }
    }

    /// One board in the séance: the same rank for a dossier on every screen — bob, in conflict on
    /// one dossier, does not see it and its rank number stays unused — and a sheet landing moves
    /// nothing under the chair's cursor until they sort again. Then a console gone is told to the
    /// chair, who records the departure from the board.
    func testEveryBoardShowsTheJurysRanksAndTheChairsOrderHolds() throws {
        try requireRoot()
        let j = try ServedJury(scratch: scratchDirectory(), dossiers: 6)
        addTeardownBlock { j.remove() }
        let n = j.numbers
        try j.expect(j.chair, ["conflict", "record", j.bob, "\(n[1])", "--reason", "administrateur de la structure"])
        // The jury's ranking: n0 (4,5), n1 (4, bob out), n2 (3; two sheets agreeing), n5 (3; one), n3 (2), n4 (1).
        for (number, value) in [(n[0], 5), (n[1], 4), (n[2], 3), (n[3], 2), (n[4], 1), (n[5], 3)] {
            try j.submit(j.alice, number, value: value, comment: "Avis d’Alice")
        }
        for (number, value) in [(n[0], 4), (n[2], 3), (n[3], 2)] { try j.submit(j.bob, number, value: value, comment: "Avis de Bob") }

        let consoles = try SeanceConsoles(j, name: "ptce-ranks-\(getpid())")
        addTeardownBlock { consoles.stop() }
        // Outside a séance bob ranks without n1: n2 is his second.
        consoles.keys(j.bob, "a")
        try consoles.poll(j.bob, "bob's own board") { SeanceConsoles.rank(of: n[2], in: $0) == "2" }

        try consoles.openSeance(secretary: nil)
        consoles.keys(j.chair, "Enter")
        consoles.keys(j.alice, "a")
        for user in [j.chair, j.alice, j.bob] {
            try consoles.poll(user, "\(user)'s board with the jury's ranks") { SeanceConsoles.rank(of: n[2], in: $0) == "3" }
        }
        for user in [j.chair, j.alice, j.bob] {
            for number in [n[0], n[2], n[3], n[4], n[5]] {
                XCTAssertEqual(SeanceConsoles.rank(of: number, in: consoles.screen(user)), SeanceConsoles.rank(of: number, in: consoles.screen(j.chair)),
                               "rank of \(number) on \(user)'s board: \(consoles.screen(user))")
            }
        }
        let bobs = consoles.screen(j.bob)
        XCTAssertNil(SeanceConsoles.rank(of: n[1], in: bobs), bobs)
        XCTAssertFalse(consoles.order(in: bobs).contains(n[1]), bobs)
        XCTAssertEqual(SeanceConsoles.rank(of: n[1], in: consoles.screen(j.chair)), "2")
        // `ranking` through the server: the same ranks, the same gap.
        let ranking = j.run(j.bob, ["ranking"])
        XCTAssertEqual(ranking.status, 0, ranking.err)
        XCTAssertEqual(SeanceConsoles.rank(of: n[2], in: ranking.out), "3", ranking.out)
        XCTAssertEqual(SeanceConsoles.rank(of: n[5], in: ranking.out), "4", ranking.out)
        XCTAssertNil(SeanceConsoles.rank(of: n[1], in: ranking.out), ranking.out)
        XCTAssertTrue(ranking.out.contains("Séance en cours : les rangs, probabilités et règles du jury"), ranking.out)

        // The chair's cursor on n5 (fourth); bob's sheet on n5 lands and sends it down.
        let order = consoles.order(in: consoles.screen(j.chair))
        XCTAssertEqual(order, [n[0], n[1], n[2], n[5], n[3], n[4]], consoles.screen(j.chair))
        for _ in 0..<3 { consoles.keys(j.chair, "j") }
        try consoles.poll(j.chair, "the cursor on n5") { $0.contains("n° \(n[5]) — ") }
        let line = consoles.screen(j.chair).split(separator: "\n").firstIndex { SeanceConsoles.rank(of: n[5], in: String($0)) != nil }
        try j.submit(j.bob, n[5], value: 1, comment: "Avis tardif de Bob")
        try consoles.poll(j.chair, "the moved rank marked") { SeanceConsoles.rank(of: n[5], in: $0) == "↓5" }
        let after = consoles.screen(j.chair)
        XCTAssertEqual(consoles.order(in: after), order, "the chair's order holds: \(after)")
        XCTAssertTrue(after.contains("n° \(n[5]) — "), "the cursor stays on n5: \(after)")
        XCTAssertEqual(after.split(separator: "\n").firstIndex { SeanceConsoles.rank(of: n[5], in: String($0)) != nil }, line)
        XCTAssertEqual(SeanceConsoles.rank(of: n[3], in: after), "↑4")
        try consoles.poll(j.bob, "bob's board following") { SeanceConsoles.rank(of: n[5], in: $0)?.hasSuffix("5") == true }

        consoles.keys(j.chair, "o")
        try consoles.poll(j.chair, "the table sorted again") { consoles.order(in: $0) == [n[0], n[1], n[2], n[3], n[5], n[4]] }
        XCTAssertTrue(consoles.screen(j.chair).contains("n° \(n[5]) — "), consoles.screen(j.chair))

        // Alice's console goes: the chair is told, and she stays present until the chair records her departure.
        _ = Glibc.system("tmux -L \(consoles.tmux) kill-session -t \(j.alice)")
        try consoles.poll(j.chair, "the chair told of alice's console gone") { $0.contains("sans console : \(j.alice)") }
        XCTAssertTrue(consoles.screen(j.chair).contains("3 présents"), consoles.screen(j.chair))
        consoles.keys(j.chair, "A")
        try consoles.poll(j.chair, "the members present, ticked") { $0.contains("[✓] \(j.alice) Alice — hors ligne, présence inchangée") }
        consoles.keys(j.chair, "j")
        consoles.keys(j.chair, "Space")
        try consoles.poll(j.chair, "alice's departure ticked off") { $0.contains("départ de \(j.alice)") }
        consoles.keys(j.chair, "Enter")
        try consoles.poll(j.chair, "the presence recorded") { $0.contains("2 présents") && !$0.contains("sans console") }
        let record = try JSONDecoder().decode(Seances.self, from: Data(contentsOf: CampaignFiles.seances(j.root)))
        XCTAssertEqual(record.current?.events.last { $0.kind == .departure }?.login, j.alice)
    }
}

/// The chair's, alice's and bob's consoles, each under its member's account in tmux.
private final class SeanceConsoles: @unchecked Sendable {
    let j: ServedJury
    let tmux: String

    init(_ j: ServedJury, name: String) throws {
        self.j = j
        tmux = name
        for user in [j.chair, j.alice, j.bob] {
            let console = "setpriv --reuid=\(user) --regid=\(j.group) --init-groups env LANG=C.UTF-8 HOME=/tmp \(j.binary) --server \(j.socket)"
            XCTAssertEqual(Glibc.system("tmux -L \(tmux) new-session -d -s \(user) -x 120 -y 40 -- \(console)"), 0)
        }
        for (user, shown) in [(j.chair, "Présidence"), (j.alice, "Alice"), (j.bob, "Bob")] {
            try poll(user, "\(user)'s console") { $0.contains("\(shown) (\(user))") }
        }
    }

    func stop() { _ = Glibc.system("tmux -L \(tmux) kill-server 2>/dev/null") }
    func screen(_ user: String) -> String { OpenSSH.output(of: "tmux -L \(tmux) capture-pane -p -t \(user)") }
    func keys(_ user: String, _ keys: String) { _ = Glibc.system("tmux -L \(tmux) send-keys -t \(user) -- \(keys)") }
    func type(_ user: String, _ text: String) { _ = Glibc.system("tmux -L \(tmux) send-keys -t \(user) -l -- '\(text)'") }
    func poll(_ user: String, _ what: String, timeout: TimeInterval = 30, _ condition: @escaping (String) -> Bool) throws {
        try OpenSSH.poll(what, { "\(user):\n\(self.screen(user))\nlog: \(self.j.serverLog)" }, timeout: timeout) { condition(self.screen(user)) }
    }

    /// The chair opens the séance from the board, « Salle du conseil », up to the list of members
    /// to tick (those connected ticked), which is left open.
    func openSeance(secretary: String?) throws {
        keys(j.chair, "a")
        try poll(j.chair, "the board") { $0.contains("Attribution —") }
        keys(j.chair, "s")
        try poll(j.chair, "the place's prompt") { $0.contains("Lieu de la séance") }
        type(j.chair, "Salle du conseil")
        keys(j.chair, "Enter")
        try poll(j.chair, "the secretary's prompt") { $0.contains("secrétaire de séance : son identifiant") }
        if let secretary { type(j.chair, secretary) }
        keys(j.chair, "Enter")
        try poll(j.chair, "the members to tick, those connected ticked") { $0.contains("Ouverture de la séance à Salle du conseil") }
    }

    /// The rank a board's table shows for a dossier (with its mark, « ↓5 »), nil when it has no row.
    static func rank(of number: Int, in screen: String) -> String? {
        for line in screen.split(separator: "\n") {
            let tokens = line.split(separator: " ").map(String.init)
            guard let i = tokens.firstIndex(of: String(number)), i > 0 else { continue }
            let rank = tokens[i - 1]
            if rank == "—" || Int(rank.trimmingCharacters(in: CharacterSet(charactersIn: "↑↓↕"))) != nil { return rank }
        }
        return nil
    }

    /// The dossiers of a board's table, top to bottom.
    func order(in screen: String) -> [Int] {
        let numbers = Set(j.numbers)
        return screen.split(separator: "\n").compactMap { line in
            let tokens = line.split(separator: " ").map(String.init)
            return tokens.indices.dropFirst().first { i in
                Int(tokens[i]) != nil && (tokens[i - 1] == "—" || Int(tokens[i - 1].trimmingCharacters(in: CharacterSet(charactersIn: "↑↓↕"))) != nil)
            }.flatMap { Int(tokens[$0]) }.flatMap { numbers.contains($0) ? $0 : nil }
        }
    }
}
