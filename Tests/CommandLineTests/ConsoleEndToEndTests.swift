import Foundation
import JuryImport
import XCTest

/// The real console, under tmux at 120×40, on a generated campaign in a temporary directory:
/// what a jury member types and sees, and what ends up on disk.
final class ConsoleEndToEndTests: XCTestCase {
    private var binary = ""
    private var campaign: URL!
    private var login = ""
    /// Dossiers the reviewer has a conflict of interest on: the console does not show them.
    private var hidden: Set<Int> = []
    private var sessions: [TmuxSession] = []

    /// One line of `ptce-jury list --format json`.
    private struct Row: Decodable {
        let number: Int
        let name: String
        let status: String
    }

    private struct Criterion: Decodable {
        let key: String
        let label: String
        let labelEn: String?
        let scale: Scale
        struct Scale: Decodable { let min: Int; let max: Int }
    }

    override func setUpWithError() throws {
        binary = try TmuxSession.consoleBinary()
        campaign = FileManager.default.temporaryDirectory.appending(path: "ptce-e2e-\(UUID().uuidString)")
        try ptceJury(["demo", "--dossiers", "30", "--reviewers", "3", "--seed", "7", "--out", campaign.path])
        struct Jury: Decodable {
            let members: [Member]
            struct Member: Decodable { let login: String; let role: String; let conflicts: [Conflict] }
            struct Conflict: Decodable { let dossier: Int }
        }
        let jury = try JSONDecoder().decode(Jury.self, from: Data(contentsOf: campaign.appending(path: "jury.json")))
        let reviewer = try XCTUnwrap(jury.members.first { $0.role == "rapporteur" }, "the demo jury has no reviewer")
        login = reviewer.login
        hidden = Set(reviewer.conflicts.map(\.dossier))
    }

    override func tearDown() {
        sessions.forEach { $0.kill() }
        if let campaign { try? FileManager.default.removeItem(at: campaign) }
    }

    // MARK: the tests

    /// The chair imports a ZIP export whose statutes (a real PDF, read by pdftotext) hold a word no
    /// dossier has; the reviewer finds the dossier by that word from the list's search, opens it, and
    /// `n` shows the pièce's text, `t` its part with its name, type and pages.
    func testAPiecesTextIsFoundFromTheListsSearchAndShownInTheDossier() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            throw XCTSkip("pdftotext is not installed (Debian package poppler-utils, installed by .ci/run)")
        }
        let rows = try listedRows()
        let target = try dossierToScore(rows)
        struct Jury: Decodable { let members: [Member]; struct Member: Decodable { let login: String; let role: String } }
        let jury = try JSONDecoder().decode(Jury.self, from: Data(contentsOf: campaign.appending(path: "jury.json")))
        let chair = try XCTUnwrap(jury.members.first { $0.role == "president" }).login
        let statutes = PlatformExport.pdf(pages: ["Statuts de l’association", "Article 9 : le conseil zygomorphe se réunit à Besançon."])
        let zip = campaign.appending(path: "export.zip")
        try PlatformExport.zip([("export/dossier-\(target.number)/pieces_justificatives/statuts.pdf", statutes)],
                               date: Date(timeIntervalSince1970: 1_690_797_600)).write(to: zip)
        let report = try ptceJury(["import", zip.path, "--data", campaign.path, "--reviewer", chair])
        XCTAssertTrue(report.contains("1 pièce justificative"), report)

        let console = try start()
        try console.waitFor("the dossier list") { Self.showsList($0, rows) }
        try console.sendKeys("/")
        try console.type("zygomorphe")
        try console.waitFor("the search to keep only “\(target.name)”") { screen in
            screen.contains(Self.label(target)) && !rows.contains { $0.number != target.number && screen.contains(Self.label($0)) }
        }
        try console.sendKeys("Enter")   // ends the search
        try console.sendKeys("Enter")   // opens the one dossier left
        try console.waitFor("the dossier") { $0.contains(Self.dossierMark(target)) }
        try console.sendKeys("n")
        try console.waitFor("the pièce's text") { $0.contains("Article 9 : le conseil zygomorphe se réunit à Besançon.") }
        try console.sendKeys("t")
        try console.waitFor("the pièce's part") { $0.contains("Document 1/1 · statuts.pdf — PDF, 2 pages") }
        try console.sendKeys("q", "q")
        XCTAssertEqual(try console.waitForExit(), 0)
    }

    func testSearchOpenScoreThenQuit() throws {
        let rows = try listedRows()
        let target = try dossierToScore(rows)
        let criterion = try firstCriterion()
        let console = try start()
        try openSheet(target, in: console, rows: rows)
        try console.sendKeys(String(criterion.scale.max))
        try TmuxSession.poll("the score on disk", timeout: 15, lastSeen: { "the screen was:\n\((try? console.capture()) ?? "")" }) {
            (try sheetJSON(target.number)?["values"] as? [String: Any])?[criterion.key] as? Int == criterion.scale.max
        }
        try console.sendKeys("Escape")
        try console.waitFor("the dossier again") { $0.contains(Self.dossierMark(target)) }
        try console.sendKeys("Escape")
        try console.waitFor("the list row marked as a draft") { screen in
            screen.split(separator: "\n").contains { $0.contains(Self.label(target)) && $0.contains("draft") }
        }
        try console.sendKeys("q")

        XCTAssertEqual(try console.waitForExit(), 0)
        XCTAssertFalse(try console.alternateScreen(), "endwin should give the main screen back")
        XCTAssertEqual(try listedRows().first { $0.number == target.number }?.status, "brouillon",
                       "the command line should see the draft")
    }

    /// The store's refusal reaches the message line in the member's language (--lang en), with its file.
    func testASaveTheStoreRefusesIsSaidInEnglish() throws {
        let rows = try listedRows()
        let target = try dossierToScore(rows)
        let criterion = try firstCriterion()
        let console = try start()
        try openSheet(target, in: console, rows: rows)
        // The reviewer's sheets directory becomes a file: no sheet can be written there any more.
        let sheets = workRoot.appending(path: "reviewers/\(login)/sheets")
        try FileManager.default.moveItem(at: sheets, to: workRoot.appending(path: "sheets-aside"))
        try Data("x".utf8).write(to: sheets)
        try console.sendKeys(String(criterion.scale.max))
        try console.waitFor("the store's refusal, in English") { $0.contains("sheets/\(target.number).json: system error") }
        let screen = try console.capture()
        XCTAssertFalse(screen.contains("erreur système"), screen)
        try console.sendKeys("C-c")
        _ = try console.waitForExit()
    }

    func testHangupWhileTypingACommentKeepsIt() throws {
        let rows = try listedRows()
        let target = try dossierToScore(rows)
        let comment = "Gouvernance partagée très solide"
        let console = try start()
        try openSheet(target, in: console, rows: rows)
        // The focus passes every criterion's score, then reaches the first criterion's comment.
        try console.sendKeys(contentsOf: Array(repeating: "j", count: try criteria().count) + ["Enter"])
        try console.type(comment)
        try console.waitFor("the comment being typed") { $0.contains(comment) }

        try console.hangUp()
        try TmuxSession.poll("the comment on disk", timeout: 15, lastSeen: { "files: \(self.reviewerFiles())" }) {
            reviewerFiles().contains { Self.jsonContains(comment, atPath: $0) }
        }

        let again = try start()
        try openSheet(target, in: again, rows: rows)
        try again.waitFor("the kept comment") { $0.contains(comment) }
    }

    /// Writing a comment is a mode: after Tab the next words go to the next comment, never to a
    /// score; Esc puts a comment back as it was, even after Ctrl-U.
    func testTabKeepsWritingAndEscapePutsTheCommentBack() throws {
        let rows = try listedRows()
        let target = try dossierToScore(rows)
        let grid = try criteria()
        let console = try start()
        try openSheet(target, in: console, rows: rows)
        try console.sendKeys(contentsOf: Array(repeating: "j", count: grid.count) + ["Enter"])
        try console.type("Ancrage fort")
        try console.sendKeys("Tab")
        try console.type("l3 h 2")           // once read as « step, score 3, step, score 2 »
        try console.sendKeys("Enter")
        try TmuxSession.poll("both comments on disk", timeout: 15, lastSeen: { "the sheet was: \(String(describing: try? self.sheetJSON(target.number)))" }) {
            let comments = try sheetJSON(target.number)?["comments"] as? [String: String]
            return comments?[grid[0].key] == "Ancrage fort" && comments?[grid[1].key] == "l3 h 2"
        }
        XCTAssertEqual((try sheetJSON(target.number)?["values"] as? [String: Any])?.count ?? 0, 0, "no score was set by the typed words")

        // Back on the second comment: Ctrl-U wipes it, Esc puts it back.
        try console.sendKeys("Enter", "C-u")
        try TmuxSession.poll("the wiped comment on disk", timeout: 15, lastSeen: { "" }) {
            (try sheetJSON(target.number)?["comments"] as? [String: String])?[grid[1].key] == nil
        }
        try console.sendKeys("Escape")
        try TmuxSession.poll("the comment put back on disk", timeout: 15, lastSeen: { (try? console.capture()) ?? "" }) {
            (try sheetJSON(target.number)?["comments"] as? [String: String])?[grid[1].key] == "l3 h 2"
        }
        try console.sendKeys("q", "q", "q")   // the sheet, the dossier, the list
        XCTAssertEqual(try console.waitForExit(), 0)
    }

    /// Ctrl-C while writing a comment quits with the comment kept; while typing the reason of a
    /// conflict of interest, it quits with the reason kept as a draft, which the next console offers
    /// back in the same prompt.
    func testControlCKeepsWhatWasTyped() throws {
        let rows = try listedRows()
        let target = try dossierToScore(rows)
        let grid = try criteria()
        var console = try start()
        try console.waitFor("the dossier list") { Self.showsList($0, rows) }
        try console.sendKeys("c")
        try console.type("lien familial")
        try console.waitFor("the reason being typed") { $0.contains("reason: lien familial") }
        try console.sendKeys("C-c")
        XCTAssertEqual(try console.waitForExit(), 0)

        console = try start()
        try console.waitFor("the dossier list") { Self.showsList($0, rows) }
        try console.sendKeys("c")
        try console.waitFor("the reason offered back") { $0.contains("reason: lien familial") }
        try console.sendKeys("Escape")   // given up: the draft is forgotten
        try console.waitFor("the list again") { !$0.contains("reason: lien familial") && Self.showsList($0, rows) }
        try console.sendKeys("c")
        try console.waitFor("an empty reason") { $0.contains("reason:") && !$0.contains("lien familial") }
        try console.sendKeys("Escape")

        try openSheet(target, in: console, rows: rows)
        try console.sendKeys(contentsOf: Array(repeating: "j", count: grid.count) + ["Enter"])
        try console.type("Brouillon gardé")
        try console.waitFor("the comment being typed") { $0.contains("Brouillon gardé") }
        try console.sendKeys("C-c")
        XCTAssertEqual(try console.waitForExit(), 0)
        XCTAssertEqual((try sheetJSON(target.number)?["comments"] as? [String: String])?[grid[0].key], "Brouillon gardé")
    }

    /// Home and End as PuTTY sends them by default (ESC[1~, ESC[4~), on a terminal type whose
    /// terminfo names other sequences: the first and last dossiers, not Esc then « 1~ ».
    func testHomeAndEndFromPuTTY() throws {
        let rows = try listedRows()
        let console = try start(environment: ["TERM": "xterm"])
        try console.waitFor("the dossier list") { Self.showsList($0, rows) }
        try console.sendBytes([0x1B, 0x5B, 0x34, 0x7E])   // End
        try console.sendKeys("Enter")
        let last = try XCTUnwrap(rows.last)
        try console.waitFor("the last dossier") { $0.contains(Self.dossierMark(last)) }
        try console.sendKeys("Escape")
        try console.sendBytes([0x1B, 0x5B, 0x31, 0x7E])   // Home
        try console.sendKeys("Enter")
        let first = try XCTUnwrap(rows.first)
        try console.waitFor("the first dossier") { $0.contains(Self.dossierMark(first)) }
        try console.sendKeys("Escape", "q")
        XCTAssertEqual(try console.waitForExit(), 0)
    }

    func testTooSmallTerminalSaysSoAndRecovers() throws {
        let rows = try listedRows()
        let console = try start(rows: 6, columns: 20)
        try console.waitFor("a message instead of the list") { screen in
            !screen.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && !Self.showsList(screen, rows)
        }
        try console.sendKeys("j", "k", "Enter", "Escape")
        try console.resize(rows: 40, columns: 120)
        try console.waitFor("the list at full size") { Self.showsList($0, rows) }
        try console.sendKeys("q")
        XCTAssertEqual(try console.waitForExit(), 0)
    }

    func testSelectionIsShownWithoutColour() throws {
        let rows = try listedRows()
        let console = try start(environment: ["NO_COLOR": "1"])
        let before = try console.waitFor("a dossier row in reverse video", escapes: true) {
            Self.selectedRow($0, rows) != nil
        }
        XCTAssertFalse(Self.usesColour(before), "NO_COLOR is set: no colour expected in\n\(before)")
        let selected = Self.selectedRow(before, rows)

        try console.sendKeys("j")
        try console.waitFor("another dossier row in reverse video", escapes: true) { screen in
            Self.selectedRow(screen, rows).map { $0 != selected } ?? false
        }
    }

    /// The terminal's cursor rests on the selected row, hidden, and follows it; in the search field
    /// it shows where the next letter goes. PTCE_JURY_CURSOR=visible shows it on the row too.
    func testTheCursorRestsOnWhatHasTheFocus() throws {
        let rows = try listedRows()
        let console = try start()
        let first = try console.waitFor("the selected row") { Self.showsList($0, rows) }
        func line(of number: Int?, in screen: String) -> Int? {
            let row = rows.first { $0.number == number }
            return screen.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { line in row.map { line.contains(Self.label($0)) } ?? false }
        }
        let selected = try XCTUnwrap(Self.selectedRow(try console.capture(escapes: true), rows))
        var cursor = try console.cursor()
        XCTAssertEqual(cursor.row, line(of: selected, in: first), "the cursor on the selected row, not parked at the bottom right")
        XCTAssertEqual(cursor.column, 0)
        XCTAssertFalse(try console.cursorShown())
        try console.sendKeys("j")
        try TmuxSession.poll("the cursor to follow the selection", timeout: 15, lastSeen: { "\((try? console.cursor()) ?? (-1, -1))" }) {
            try console.cursor().row == cursor.row + 1
        }
        try console.sendKeys("/")
        try console.type("ab")
        // Until what was typed is drawn: the cursor reaches the field with the « / » already.
        try TmuxSession.poll("the cursor in the search field", timeout: 15, lastSeen: { (try? console.capture()) ?? "" }) {
            try console.cursor().row == 40 - 2 && console.cursorShown()
                && console.capture().split(separator: "\n", omittingEmptySubsequences: false)[40 - 2].contains("ab")
        }
        cursor = try console.cursor()
        let field = try console.capture().split(separator: "\n", omittingEmptySubsequences: false)[cursor.row]
        XCTAssertTrue(String(field.prefix(cursor.column)).hasSuffix("ab"), "the cursor just after what was typed: \(field)")
        try console.sendKeys("Escape", "q")
        XCTAssertEqual(try console.waitForExit(), 0)

        let visible = try start(environment: ["PTCE_JURY_CURSOR": "visible"])
        try visible.waitFor("the list") { Self.showsList($0, rows) }
        try TmuxSession.poll("the cursor shown on the row", timeout: 15, lastSeen: { "" }) { try visible.cursorShown() }
        try visible.sendKeys("q")
        XCTAssertEqual(try visible.waitForExit(), 0)
    }

    /// `E` lends the terminal to $EDITOR, here one with an argument that reads the terminal (as vi
    /// does): what is typed in it reaches the comment, and the console takes the screen back.
    func testTheEditorReadsTheTerminalAndItsTextReachesTheComment() throws {
        let rows = try listedRows()
        let target = try dossierToScore(rows)
        let grid = try criteria()
        let editor = try terminalReadingEditor()
        let console = try start(environment: ["EDITOR": "sh \(editor.script)"])
        try openSheet(target, in: console, rows: rows)
        try console.sendKeys("E")
        try console.waitFor("the editor on the terminal") { $0.contains("editor ready") }
        XCTAssertFalse(try console.alternateScreen(), "the console left curses for the editor")
        try console.type("Relu dans l’éditeur")
        try console.sendKeys("Enter")
        try console.waitFor("the line written by the editor") { $0.contains("saved: Relu dans l’éditeur") }
        try console.type(".")
        try console.sendKeys("Enter")
        try console.waitFor("the comment back in the sheet") { $0.contains("Relu dans l’éditeur") && !$0.contains("editor ready") }
        XCTAssertTrue(try console.alternateScreen(), "the console took the screen back")
        try TmuxSession.poll("the comment on disk", timeout: 15, lastSeen: { (try? console.capture()) ?? "" }) {
            (try sheetJSON(target.number)?["comments"] as? [String: String])?[grid[0].key] == "Relu dans l’éditeur"
        }
        try console.sendKeys("q", "q", "q")   // the sheet, the dossier, the list
        XCTAssertEqual(try console.waitForExit(), 0)
    }

    /// The link drops while the editor runs: the editor and the console both end — no ghost left
    /// on the server — and what the editor had written to its file is in the sheet.
    func testAHangupWhileTheEditorRunsEndsBothAndKeepsWhatItSaved() throws {
        let rows = try listedRows()
        let target = try dossierToScore(rows)
        let grid = try criteria()
        let editor = try terminalReadingEditor()
        let console = try start(environment: ["EDITOR": "sh \(editor.script)"])
        try openSheet(target, in: console, rows: rows)
        try console.sendKeys("E")
        try console.waitFor("the editor on the terminal") { $0.contains("editor ready") }
        try console.type("Écrit avant la coupure")
        try console.sendKeys("Enter")
        try console.waitFor("the line written by the editor") { $0.contains("saved: Écrit avant la coupure") }
        let pids = try String(contentsOfFile: editor.pids, encoding: .utf8).split(separator: " ")
            .compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        XCTAssertEqual(pids.count, 2, "the editor's pid and its parent's, the console")

        try console.hangUp()
        try TmuxSession.poll("the comment on disk", timeout: 15, lastSeen: { "the sheet: \(String(describing: try? self.sheetJSON(target.number)))" }) {
            (try sheetJSON(target.number)?["comments"] as? [String: String])?[grid[0].key] == "Écrit avant la coupure"
        }
        try TmuxSession.poll("the editor and the console to end", timeout: 15, lastSeen: { "still there: \(pids.filter(Self.isRunning))" }) {
            !pids.contains(where: Self.isRunning)
        }
    }

    /// A terminal that cannot place its cursor, or that terminfo does not know: a message that says
    /// so and names the commands that need no terminal, and a failure status.
    func testATerminalThatCannotDrawTheConsoleIsNamed() throws {
        let cases = [("dumb", "en", "The terminal TERM=dumb cannot move its cursor"),
                     ("nonexistent-xyz", "en", "Unknown terminal type: TERM=nonexistent-xyz"),
                     ("dumb", "fr", "Le terminal TERM=dumb ne sait pas placer le curseur")]
        for (term, language, problem) in cases {
            // tmux sets TERM in its panes whatever its environment says: env sets it after.
            let console = try TmuxSession(["/usr/bin/env", "TERM=\(term)", binary, "--data", campaign.path, "--reviewer", login,
                                           "--lang", language], columns: 200)
            sessions.append(console)
            XCTAssertEqual(try console.waitForExit(), 1, term)
            // The message is one line, wrapped by the terminal at its width.
            let screen = try console.capture(history: true).replacingOccurrences(of: "\n", with: "")
            XCTAssertTrue(screen.contains(problem), screen)
            XCTAssertTrue(screen.contains(language == "en" ? "the list, show, score, ranking, export… commands"
                                                           : "les commandes list, show, score, ranking, export…"), screen)
        }
    }

    // MARK: driving the console

    /// A shell script for $EDITOR that reads the terminal line by line, appends each line to the
    /// file and says so, until a line « . »; it writes its pid and its parent's (the console's).
    private func terminalReadingEditor() throws -> (script: String, pids: String) {
        let script = campaign.appending(path: "editor.sh").path, pids = campaign.appending(path: "editor.pids").path
        try """
        echo "$$ $PPID" > '\(pids)'
        echo "editor ready"
        while IFS= read -r line </dev/tty; do
            [ "$line" = "." ] && exit 0
            printf '%s\\n' "$line" >> "$1"
            echo "saved: $line"
        done
        exit 1
        """.write(toFile: script, atomically: true, encoding: .utf8)
        return (script, pids)
    }

    /// Alive and not a zombie (a zombie's parent, gone, may never reap it in a container).
    private static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(end, offsetBy: 2)] != "Z"
    }

    private func start(environment: [String: String] = [:], rows: Int = 40, columns: Int = 120) throws -> TmuxSession {
        // NO_COLOR empty means colour, whatever the environment running the tests says.
        // Drafts go to the state directory: a temporary one, never the home of whoever runs the tests.
        let session = try TmuxSession([binary, "--data", campaign.path, "--reviewer", login, "--lang", "en"],
                                      environment: ["NO_COLOR": "", "XDG_STATE_HOME": campaign.appending(path: "state").path]
                                        .merging(environment) { $1 },
                                      rows: rows, columns: columns)
        sessions.append(session)
        return session
    }

    /// From the list: search for the dossier's name, open it, open its sheet.
    private func openSheet(_ dossier: Row, in console: TmuxSession, rows: [Row]) throws {
        try console.waitFor("the dossier list") { Self.showsList($0, rows) }
        try console.sendKeys("/")
        try console.type(dossier.name)
        let others = rows.filter { $0.number != dossier.number }
        try console.waitFor("the search to keep only “\(dossier.name)”") { screen in
            screen.contains(Self.label(dossier)) && !others.contains { screen.contains(Self.label($0)) }
        }
        try console.sendKeys("Enter")   // ends the search
        try console.sendKeys("Enter")   // opens the one dossier left
        try console.waitFor("the dossier") { $0.contains(Self.dossierMark(dossier)) }
        try console.sendKeys("e")
        let criterion = try firstCriterion()
        try console.waitFor("the score sheet") { $0.contains(criterion.labelEn ?? criterion.label) }
    }

    /// What the dossier screen shows on top (--lang en).
    private static func dossierMark(_ row: Row) -> String { "Dossier no. \(row.number)" }

    /// How a dossier is recognised on screen: the start of its name, which a narrow column
    /// does not cut.
    private static func label(_ row: Row) -> String { String(row.name.prefix(16)) }

    private static func showsList(_ screen: String, _ rows: [Row]) -> Bool {
        rows.prefix(5).allSatisfy { screen.contains(label($0)) }
    }

    // MARK: the campaign on disk

    @discardableResult
    private func ptceJury(_ arguments: [String]) throws -> String { try TmuxSession.succeeding(binary, arguments) }

    /// The dossiers the console shows this reviewer, as the command line lists them.
    private func listedRows() throws -> [Row] {
        let output = try ptceJury(["list", "--data", campaign.path, "--reviewer", login, "--format", "json"])
        return try JSONDecoder().decode([Row].self, from: Data(output.utf8)).filter { !hidden.contains($0.number) }
    }

    /// A dossier this reviewer has not scored yet, that no other dossier can be mistaken for.
    private func dossierToScore(_ rows: [Row]) throws -> Row {
        try XCTUnwrap(rows.dropFirst().first { row in
            row.status == "a-noter" && !rows.contains { other in
                other.number != row.number && (other.name.contains(Self.label(row)) || row.name.contains(Self.label(other)))
            }
        }, "the demo campaign should leave a dossier to score")
    }

    private func criteria() throws -> [Criterion] {
        struct Campaign: Decodable { let criteria: [Criterion] }
        let data = try Data(contentsOf: campaign.appending(path: "campaign.json"))
        return try JSONDecoder().decode(Campaign.self, from: data).criteria
    }

    private func firstCriterion() throws -> Criterion { try XCTUnwrap(try criteria().first, "the grid is empty") }

    /// A demo campaign works in a private copy (.demo-work), other campaigns in place.
    private var workRoot: URL {
        let copy = campaign.appending(path: ".demo-work")
        return FileManager.default.fileExists(atPath: copy.path) ? copy : campaign
    }

    private func sheetJSON(_ number: Int) throws -> [String: Any]? {
        let file = workRoot.appending(path: "reviewers/\(login)/sheets/\(number).json")
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    /// Every file this reviewer has (sheets, drafts).
    private func reviewerFiles() -> [String] {
        let directory = workRoot.appending(path: "reviewers/\(login)")
        let walker = FileManager.default.enumerator(atPath: directory.path)
        return (walker?.allObjects as? [String] ?? []).map { directory.appending(path: $0).path }
    }

    private static func jsonContains(_ text: String, atPath path: String) -> Bool {
        func search(_ value: Any) -> Bool {
            switch value {
            case let string as String: return string.contains(text)
            case let array as [Any]: return array.contains(where: search)
            case let object as [String: Any]: return object.values.contains(where: search)
            default: return false
            }
        }
        guard let data = FileManager.default.contents(atPath: path),
              let json = try? JSONSerialization.jsonObject(with: data) else { return false }
        return search(json)
    }

    // MARK: reading SGR attributes from capture-pane -e

    /// The SGR parameter lists of the capture, each with the text drawn under it.
    private static func styledRuns(_ screen: String) -> [(parameters: [Int], text: String)] {
        var runs: [(parameters: [Int], text: String)] = [([0], "")]
        var scalars = screen.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "\u{1B}", scalars.first == "[" else {
                runs[runs.count - 1].text.unicodeScalars.append(scalar)
                continue
            }
            scalars = scalars.dropFirst()
            let body = scalars.prefix { !("@"..."~").contains($0) }
            scalars = scalars.dropFirst(body.count)
            guard scalars.popFirst() == "m" else { continue }
            runs.append((String(body).split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }, ""))
        }
        return runs
    }

    /// The number of the dossier whose row is drawn in reverse video.
    private static func selectedRow(_ screen: String, _ rows: [Row]) -> Int? {
        let reversed = reversedText(screen)
        return rows.first { reversed.contains(label($0)) }?.number
    }

    /// The text drawn in reverse video (attributes carry on from one sequence to the next).
    private static func reversedText(_ screen: String) -> String {
        var reverse = false, text = ""
        for run in styledRuns(screen) {
            for parameter in run.parameters {
                if parameter == 0 || parameter == 27 { reverse = false }
                if parameter == 7 { reverse = true }
            }
            if reverse { text += run.text }
        }
        return text
    }

    /// Whether any colour other than the terminal's defaults (39, 49) is set.
    private static func usesColour(_ screen: String) -> Bool {
        styledRuns(screen).contains { run in
            run.parameters.contains { (30...38).contains($0) || (40...48).contains($0) || (90...107).contains($0) }
        }
    }
}
