import Foundation
import XCTest

/// Two jury members, each in their own console (two tmux sessions) on one campaign: what one
/// submits appears in the other's open console while its reviewer is typing, and the text being
/// typed, its cursor and the rest of the screen stay as they were.
final class LiveRefreshEndToEndTests: XCTestCase {
    private var binary = ""
    private var campaign: URL!
    private var sessions: [TmuxSession] = []

    /// One line of `ptce-jury list --format json`.
    private struct Row: Decodable {
        let number: Int
        let name: String
        let status: String
    }

    override func setUpWithError() throws {
        binary = try TmuxSession.consoleBinary()
        campaign = FileManager.default.temporaryDirectory.appending(path: "ptce-live-\(UUID().uuidString)")
        try ptceJury(["demo", "--dossiers", "30", "--reviewers", "3", "--seed", "7", "--out", campaign.path])
        // A campaign that always shows the others' scores: the sheet being typed shows the jury's figures.
        let url = campaign.appending(path: "campaign.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains("\"apres-soumission\""))
        try text.replacingOccurrences(of: "\"apres-soumission\"", with: "\"toujours\"").write(to: url, atomically: true, encoding: .utf8)
    }

    override func tearDown() {
        sessions.forEach { $0.kill() }
        if let campaign { try? FileManager.default.removeItem(at: campaign) }
    }

    func testASheetSubmittedInOneConsoleAppearsInTheOtherWhileItsReviewerTypes() throws {
        struct Jury: Decodable {
            let members: [Member]
            struct Member: Decodable { let login: String; let role: String }
        }
        let jury = try JSONDecoder().decode(Jury.self, from: Data(contentsOf: campaign.appending(path: "jury.json")))
        let reviewers = jury.members.filter { $0.role == "rapporteur" }.map(\.login)
        XCTAssertGreaterThanOrEqual(reviewers.count, 2)
        let (a, b) = (reviewers[0], reviewers[1])
        let target = try dossierNeitherScored(a, b)
        let criteria = try criteriaCount()
        let consoleA = try start(a), consoleB = try start(b)

        // A writes the first criterion's comment, then moves the cursor back three letters.
        try openSheet(target, in: consoleA)
        try consoleA.sendKeys(contentsOf: Array(repeating: "j", count: criteria) + ["Enter"])
        try consoleA.type("Coopération exemplaire")
        try consoleA.sendKeys("Left", "Left", "Left")
        // Once « Saved » has faded, as messages do, so that only what B does can change the screen.
        let before = try consoleA.waitFor("A's comment typed and saved") { $0.contains("Coopération exemplaire") && !$0.contains("Saved") }
        let submitted = try XCTUnwrap(Self.submittedSheets(before), before)

        // B scores every criterion 5 (each digit goes on to the next), recommends, submits, in B's own console.
        try openSheet(target, in: consoleB)
        try consoleB.sendKeys(contentsOf: Array(repeating: "5", count: criteria) + ["G", "Right", "s"])
        try consoleB.waitFor("the question before submitting") { $0.contains("Submit the sheet") }
        try consoleB.sendKeys("y")
        try consoleB.waitFor("B's sheet submitted") { $0.contains("Sheet submitted") }

        // A sees B's sheet in the jury's figures; nothing else on A's screen changed.
        let after = try consoleA.waitFor("B's sheet in A's console") { Self.submittedSheets($0) == submitted + 1 }
        func steady(_ screen: String) -> [Substring] {
            screen.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("Jury’s scores") }
        }
        XCTAssertEqual(steady(after), steady(before), "A's screen moved")

        // The cursor is where A left it: the next letter goes there.
        try consoleA.type("!")
        try consoleA.waitFor("the letter typed at the cursor") { $0.contains("Coopération exempla!ire") }
        try TmuxSession.poll("A's comment on disk", timeout: 15, lastSeen: { (try? consoleA.capture()) ?? "" }) {
            try sheetJSON(a, target.number).flatMap { ($0["comments"] as? [String: String])?.values.first } == "Coopération exempla!ire"
        }
        XCTAssertEqual(try sheetJSON(b, target.number)?["status"] as? String, "soumis")
    }

    func testRapporteursAssignedByTheChairReachAnOpenConsoleAndItsProgress() throws {
        struct Jury: Decodable {
            let members: [Member]
            struct Member: Decodable { let login: String; let role: String; let conflicts: [Conflict] }
            struct Conflict: Decodable { let dossier: Int }
        }
        let jury = try JSONDecoder().decode(Jury.self, from: Data(contentsOf: campaign.appending(path: "jury.json")))
        let chair = try XCTUnwrap(jury.members.first { $0.role == "president" }).login
        let member = try XCTUnwrap(jury.members.first { $0.role == "rapporteur" })
        let free = try rows(member.login).map(\.number).filter { number in !member.conflicts.contains { $0.dossier == number } }
        let console = try start(member.login)
        try console.waitFor("the list") { $0.contains("scored") }
        _ = try ptceJury(["assign", "--data", campaign.path, "--reviewer", chair, String(free[0]), member.login])
        _ = try ptceJury(["assign", "--data", campaign.path, "--reviewer", chair, String(free[1]), member.login])
        try console.waitFor("my two dossiers in the list’s information line") { $0.contains("/2 submitted") }
        // The progress screen counts them, and what still waits.
        try console.sendKeys("r")
        try console.waitFor("my progress") { screen in
            screen.contains("Rapporteurs’ progress") && screen.contains(String(free[0])) && screen.contains(String(free[1]))
        }
        // Taken off one, by the chair: the screen follows.
        _ = try ptceJury(["unassign", "--data", campaign.path, "--reviewer", chair, String(free[0]), member.login])
        try console.waitFor("one dossier left") { !$0.contains(String(free[0])) && $0.contains(String(free[1])) }
    }

    // MARK: helpers

    /// From the sheet screen's line « Jury’s scores: Mean 3.80 · median 3.80 · 2 submitted sheets of 3 expected ».
    private static func submittedSheets(_ screen: String) -> Int? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains("Jury’s scores") }),
              let words = line.components(separatedBy: " submitted sheet").first?.split(separator: " ") else { return nil }
        return words.last.flatMap { Int($0) }
    }

    private func start(_ login: String) throws -> TmuxSession {
        let session = try TmuxSession([binary, "--data", campaign.path, "--reviewer", login, "--lang", "en"],
                                      environment: ["NO_COLOR": ""])
        sessions.append(session)
        return session
    }

    /// From the list: search for the dossier's name, keep the one row left, open its sheet.
    private func openSheet(_ dossier: Row, in console: TmuxSession) throws {
        try console.waitFor("the dossier list") { $0.contains("Score Jury") }
        try console.sendKeys("/")
        try console.type(dossier.name)
        try console.waitFor("the search for “\(dossier.name)”") { $0.split(separator: "\n").contains { $0.hasSuffix(" 1 dossier") } }
        try console.sendKeys("Enter", "e")
        try console.waitFor("the score sheet") { $0.contains("Sheet · no. \(dossier.number)") }
    }

    @discardableResult
    private func ptceJury(_ arguments: [String]) throws -> String { try TmuxSession.succeeding(binary, arguments) }

    private func rows(_ login: String) throws -> [Row] {
        let output = try ptceJury(["list", "--data", campaign.path, "--reviewer", login, "--format", "json"])
        return try JSONDecoder().decode([Row].self, from: Data(output.utf8))
    }

    /// A dossier both may score and neither has, whose name no other dossier's name contains (the search keeps it alone).
    private func dossierNeitherScored(_ a: String, _ b: String) throws -> Row {
        let mine = try rows(a), theirs = Dictionary(try rows(b).map { ($0.number, $0.status) }) { first, _ in first }
        return try XCTUnwrap(mine.first { row in
            row.status == "a-noter" && theirs[row.number] == "a-noter"
                && !mine.contains { $0.number != row.number && $0.name.localizedCaseInsensitiveContains(row.name) }
        }, "the demo campaign should leave a dossier that neither reviewer scored")
    }

    private func criteriaCount() throws -> Int {
        struct Campaign: Decodable { let criteria: [Criterion]; struct Criterion: Decodable { let key: String } }
        return try JSONDecoder().decode(Campaign.self, from: Data(contentsOf: campaign.appending(path: "campaign.json"))).criteria.count
    }

    private func sheetJSON(_ login: String, _ number: Int) throws -> [String: Any]? {
        let file = campaign.appending(path: "reviewers/\(login)/sheets/\(number).json")
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any]
    }
}

/// `ptce-jury list` and `show` withhold the others' scores exactly as the console does.
final class BlindReviewCommandTests: XCTestCase {
    private var binary = ""
    private var campaign: URL!

    override func setUpWithError() throws {
        binary = try TmuxSession.consoleBinary()
        campaign = FileManager.default.temporaryDirectory.appending(path: "ptce-blind-\(UUID().uuidString)")
        _ = try run(["demo", "--dossiers", "30", "--reviewers", "3", "--seed", "7", "--out", campaign.path])
    }

    override func tearDown() {
        if let campaign { try? FileManager.default.removeItem(at: campaign) }
    }

    private func run(_ arguments: [String], status: Int32 = 0, line: UInt = #line) throws -> String {
        try TmuxSession.expecting(status, binary, arguments, line: line)
    }

    private struct Row: Decodable { let number: Int; let juryMean: Double? }
    private struct Shown: Decodable {
        let jury: Jury?
        let juryWithheld: String?
        struct Jury: Decodable { let submitted: Int; let sheets: [Sheet] }
        struct Sheet: Decodable { let name: String; let total: Double? }
    }

    /// Sheets on disk: (reviewer, dossier, status).
    private func sheets() throws -> [(reviewer: String, dossier: Int, status: String)] {
        let reviewers = campaign.appending(path: "reviewers")
        return try FileManager.default.contentsOfDirectory(atPath: reviewers.path).flatMap { login in
            let directory = reviewers.appending(path: "\(login)/sheets")
            return try FileManager.default.contentsOfDirectory(atPath: directory.path).compactMap { name in
                let json = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appending(path: name))) as? [String: Any]
                return (login, Int(name.dropLast(5)) ?? 0, json?["status"] as? String ?? "")
            }
        }
    }

    func testOthersScoresShowOnceMySheetIsSubmittedAndAConflictHidesTheDossier() throws {
        struct Jury: Decodable {
            let members: [Member]
            struct Member: Decodable { let login: String; let role: String; let conflicts: [Conflict] }
            struct Conflict: Decodable { let dossier: Int }
        }
        let jury = try JSONDecoder().decode(Jury.self, from: Data(contentsOf: campaign.appending(path: "jury.json")))
        let me = try XCTUnwrap(jury.members.first { $0.role == "rapporteur" && $0.conflicts.isEmpty }).login
        let all = try sheets()
        let number = try XCTUnwrap(all.first { sheet in
            sheet.reviewer != me && sheet.status == "soumis" && !all.contains { $0.reviewer == me && $0.dossier == sheet.dossier }
        }).dossier
        let options = ["--data", campaign.path, "--reviewer", me]

        let hidden = try JSONDecoder().decode(Shown.self, from: Data(run(["show", "\(number)", "--format", "json"] + options).utf8))
        XCTAssertNil(hidden.jury)
        XCTAssertEqual(hidden.juryWithheld, "Les notes des autres membres s’affichent une fois votre fiche soumise.")
        XCTAssertTrue(try run(["show", "\(number)", "--lang", "en"] + options).contains("The other members’ scores show once your sheet is submitted."))
        var rows = try JSONDecoder().decode([Row].self, from: Data(run(["list", "--format", "json"] + options).utf8))
        XCTAssertNil(rows.first { $0.number == number }?.juryMean)

        let grid = try JSONSerialization.jsonObject(with: Data(contentsOf: campaign.appending(path: "campaign.json"))) as? [String: Any]
        let keys = (grid?["criteria"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
        _ = try run(["score", "\(number)", "--recommend", "reserve", "--submit"] + keys.flatMap { ["--set", "\($0)=3"] } + options)
        let shown = try JSONDecoder().decode(Shown.self, from: Data(run(["show", "\(number)", "--format", "json"] + options).utf8))
        XCTAssertNil(shown.juryWithheld)
        XCTAssertEqual(shown.jury?.sheets.count, all.filter { $0.dossier == number && $0.status == "soumis" }.count)
        XCTAssertEqual(shown.jury?.submitted, (shown.jury?.sheets.count ?? 0) + 1, "mine counts too")
        rows = try JSONDecoder().decode([Row].self, from: Data(run(["list", "--format", "json"] + options).utf8))
        XCTAssertNotNil(rows.first { $0.number == number }?.juryMean)

        let conflicted = try XCTUnwrap(jury.members.first { !$0.conflicts.isEmpty })
        let conflict = conflicted.conflicts[0].dossier
        let theirs = ["--data", campaign.path, "--reviewer", conflicted.login]
        let listed = try JSONDecoder().decode([Row].self, from: Data(run(["list", "--format", "json"] + theirs).utf8))
        XCTAssertFalse(listed.contains { $0.number == conflict }, "not even listed")
        XCTAssertTrue(try run(["show", "\(conflict)"] + theirs, status: 1).contains("Conflit d’intérêts enregistré sur le dossier \(conflict)"))
    }
}
