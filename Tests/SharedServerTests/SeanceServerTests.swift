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

        let tmux = "ptce-seance-\(getpid())"
        addTeardownBlock { _ = Glibc.system("tmux -L \(tmux) kill-server 2>/dev/null") }
        for user in [j.chair, j.alice, j.bob] {
            let console = "setpriv --reuid=\(user) --regid=\(j.group) --init-groups env LANG=C.UTF-8 HOME=/tmp \(j.binary) --server \(j.socket)"
            XCTAssertEqual(Glibc.system("tmux -L \(tmux) new-session -d -s \(user) -x 120 -y 40 -- \(console)"), 0)
        }
        func screen(_ user: String) -> String { OpenSSH.output(of: "tmux -L \(tmux) capture-pane -p -t \(user)") }
        func keys(_ user: String, _ keys: String) { _ = Glibc.system("tmux -L \(tmux) send-keys -t \(user) -- \(keys)") }
        func type(_ user: String, _ text: String) { _ = Glibc.system("tmux -L \(tmux) send-keys -t \(user) -l -- '\(text)'") }
        func poll(_ user: String, _ what: String, timeout: TimeInterval = 30, _ condition: @escaping (String) -> Bool) throws {
            try OpenSSH.poll(what, { "\(user):\n\(screen(user))\nlog: \(j.serverLog)" }, timeout: timeout) { condition(screen(user)) }
        }
        for (user, shown) in [(j.chair, "Présidence"), (j.alice, "Alice"), (j.bob, "Bob")] {
            try poll(user, "\(user)'s console") { $0.contains("\(shown) (\(user))") }
        }

        // The chair opens the séance from the board: its place, then those connected, confirmed.
        keys(j.chair, "a")
        try poll(j.chair, "the board") { $0.contains("Attribution —") }
        keys(j.chair, "s")
        try poll(j.chair, "the place's prompt") { $0.contains("Lieu de la séance") }
        type(j.chair, "Salle du conseil")
        keys(j.chair, "Enter")
        try poll(j.chair, "the secretary's prompt") { $0.contains("secrétaire de séance : son identifiant") }
        type(j.chair, j.alice)
        keys(j.chair, "Enter")
        try poll(j.chair, "those connected, proposed") { $0.contains("Ouvrir la séance à Salle du conseil") }
        let proposed = screen(j.chair)
        for user in [j.chair, j.alice, j.bob] { XCTAssertTrue(proposed.contains(user), proposed) }
        XCTAssertTrue(proposed.contains("secrétaire : \(j.alice)"), proposed)
        keys(j.chair, "o")
        try poll(j.alice, "the séance's banner") { $0.contains("Séance n° 1 — Salle du conseil — 3 présents, quorum 2") }

        // The chair moves to the dossier on the board and puts it in discussion.
        for _ in j.numbers where !screen(j.chair).contains("n° \(discussed) — ") {
            let before = screen(j.chair)
            keys(j.chair, "j")
            try poll(j.chair, "the selection moving") { $0 != before }
        }
        XCTAssertTrue(screen(j.chair).contains("n° \(discussed) — "), screen(j.chair))
        let started = Date()
        keys(j.chair, "e")
        try poll(j.alice, "alice's console following the dossier") { $0.contains("Dossier n° \(discussed) · \(name.prefix(20))") }
        let followed = Date().timeIntervalSince(started)
        XCTAssertLessThan(followed, 1, "the follower showed the dossier after \(followed) s")

        try poll(j.bob, "the notice of a conflicted member") { $0.contains("Dossier en discussion : vous êtes en conflit d’intérêts") }
        let bobs = screen(j.bob)
        XCTAssertFalse(bobs.contains(name), bobs)
        XCTAssertFalse(bobs.contains("\(discussed)"), bobs)
        XCTAssertTrue(bobs.contains("Vous êtes sorti(e) de la séance pour ce dossier"), "bob's neutral screen: \(bobs)")

        // Alice steps away to browse, and comes back with one key.
        keys(j.alice, "Escape")
        try poll(j.alice, "alice back on the list") { !$0.contains("Dossier n° \(discussed) ·") && $0.contains("D en discussion") }
        keys(j.alice, "D")
        try poll(j.alice, "alice back on the dossier in discussion") { $0.contains("Dossier n° \(discussed) · \(name.prefix(20))") }

        // The chair, back on the board, decides: the decision goes into the séance's record.
        keys(j.chair, "Escape")
        try poll(j.chair, "the board again") { $0.contains("Attribution —") }
        keys(j.chair, "Space")
        try poll(j.chair, "the decision or its motivation") { $0.contains("lauréat (") || $0.contains("Motivation requise") }
        if screen(j.chair).contains("Motivation requise") {
            type(j.chair, "Retenu en séance")
            keys(j.chair, "Enter")
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
        try poll(j.chair, "the decision's mode asked") { $0.contains("ou vide : consensus") }
        keys(j.chair, "Enter")
        try poll(j.chair, "the mode's prompt closed") { !$0.contains("ou vide : consensus") }
        keys(j.chair, "E")
        try poll(j.bob, "bob's screen back") { !$0.contains("Vous êtes sorti(e)") && !$0.contains("en conflit d’intérêts") }
    }
}
