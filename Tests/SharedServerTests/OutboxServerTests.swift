import Foundation
import Glibc
import XCTest
import JuryCore
@testable import JuryStore

/// The chair's console against a real jury server, under tmux, in the chair's own account: what
/// the chair types reaches the campaign whatever happens to the server, and what a command changes
/// reaches the open board (docs/SERVER.md, « Faults on the link », « Live »).
final class OutboxServerTests: XCTestCase {
    private var jury: ServedJury!
    private var tmux = ""

    override func setUpWithError() throws {
        try requireRoot()
        jury = try ServedJury(scratch: scratchDirectory())
        addTeardownBlock { [jury] in jury?.remove() }
        tmux = "ptce-outbox-\(getpid())"
        addTeardownBlock { [tmux] in _ = Glibc.system("tmux -L \(tmux) kill-server 2>/dev/null") }
        let j = jury!
        try j.submit(j.bob, j.numbers[0], value: 4, comment: "avis de bob")
        let console = "setpriv --reuid=\(j.chair) --regid=\(j.group) --init-groups env LANG=C.UTF-8 HOME=\(j.scratch.path)/maison "
            + "\(j.binary) --server \(j.socket)"
        let home = j.scratch.appending(path: "maison")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: false)
        chown(home.path, j.uid(j.chair), j.gid(j.group))
        XCTAssertEqual(Glibc.system("tmux -L \(tmux) new-session -d -s chair -x 120 -y 40 -- \(console)"), 0)
        try poll("the chair's console") { $0.contains("Présidence (\(j.chair))") }
    }

    private func screen() -> String { OpenSSH.output(of: "tmux -L \(tmux) capture-pane -p -t chair") }
    private func keys(_ keys: String) { _ = Glibc.system("tmux -L \(tmux) send-keys -t chair -- \(keys)") }
    private func type(_ text: String) { _ = Glibc.system("tmux -L \(tmux) send-keys -t chair -l -- '\(text)'") }
    private func poll(_ what: String, timeout: TimeInterval = 30, _ condition: @escaping (String) -> Bool) throws {
        let j = jury!
        try OpenSSH.poll(what, { "\(self.screen())\nlog: \(j.serverLog)" }, timeout: timeout) { condition(self.screen()) }
    }

    /// The server is killed while the chair types a motivation: the motivation is kept, shown as
    /// waiting, and arrives once the server is started again.
    func testAMotivationTypedWhileTheServerIsDownArrivesWhenItIsBack() throws {
        let j = jury!
        try j.expect(j.chair, ["allocate", "--propose"])
        keys("a")
        try poll("the board") { $0.contains("Attribution —") }
        keys("d")
        try poll("the motivation's prompt") { $0.contains("Motivation") }
        type("Ancrage territo")
        j.killServer()
        type("rial remarquable")
        keys("Enter")
        try poll("the change kept and shown as waiting") { $0.contains("1 modification en attente d’envoi") }
        let allocation = CampaignFiles.allocation(j.root)
        XCTAssertFalse(String(decoding: try Data(contentsOf: allocation), as: UTF8.self).contains("remarquable"))
        try j.start()
        try OpenSSH.poll("the motivation on disk", { String(decoding: (try? Data(contentsOf: allocation)) ?? Data(), as: UTF8.self) }) {
            String(decoding: try Data(contentsOf: allocation), as: UTF8.self).contains("Ancrage territorial remarquable")
        }
        try poll("nothing waiting any more") { !$0.contains("en attente d’envoi") }
        // Sent once: one motivation, one journal entry for it.
        let journal = j.run(j.chair, ["journal", "--format", "json"]).out
        XCTAssertEqual(journal.components(separatedBy: "Ancrage territorial remarquable").count - 1, 1, journal)
    }

    /// `allocate --propose` typed in a shell reaches the chair's open board within a second.
    func testACommandsAllocationReachesTheOpenBoardWithinASecond() throws {
        let j = jury!
        keys("a")
        let none = #"(^|[^0-9])0/[0-9]+ lauréats — "#
        try poll("the board, nobody chosen") { $0.range(of: none, options: .regularExpression) != nil }
        try j.expect(j.chair, ["allocate", "--propose"])
        let done = Date()
        try poll("the proposal on the board", timeout: 10) { $0.range(of: none, options: .regularExpression) == nil && $0.contains(" lauréats — ") }
        let shown = Date().timeIntervalSince(done)
        XCTAssertLessThan(shown, 1, "the board showed the command's allocation after \(shown) s")
    }
}
