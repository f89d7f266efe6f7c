import Foundation
import XCTest

/// A campaign large enough for the console to draw its first screen from a preview while the
/// whole of it is read (over 4 MiB of dossiers): the console then works as on any other, and a
/// fault further down the file still stops it, with the file and the place named.
final class LargeCampaignEndToEndTests: XCTestCase {
    private var binary = ""
    private var campaign: URL!
    private var sessions: [TmuxSession] = []

    override func setUpWithError() throws {
        binary = try TmuxSession.consoleBinary()
        campaign = FileManager.default.temporaryDirectory.appending(path: "ptce-large-\(UUID().uuidString)")
        try TmuxSession.succeeding(binary, ["demo", "--dossiers", "700", "--reviewers", "2", "--seed", "3", "--out", campaign.path])
        let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: dossiersFile.path)[.size] as? Int)
        XCTAssertGreaterThan(size, 4 << 20, "the campaign must be large enough for the preview")
    }

    override func tearDown() {
        sessions.forEach { $0.kill() }
        if let campaign { try? FileManager.default.removeItem(at: campaign) }
    }

    private var dossiersFile: URL { campaign.appending(path: "dossiers.json") }

    func testTheConsoleOpensAndTakesKeysAsUsual() throws {
        struct Row: Decodable { let number: Int }
        let listed = try TmuxSession.succeeding(binary, ["list", "--data", campaign.path, "--reviewer", "rapporteur1", "--format", "json"])
        let rows = try JSONDecoder().decode([Row].self, from: Data(listed.utf8))
        let last = try XCTUnwrap(rows.last).number
        let console = try TmuxSession([binary, "--data", campaign.path, "--reviewer", "rapporteur1"])
        sessions.append(console)
        try console.waitFor("the complete list") { $0.contains("/\(rows.count) notés") }
        try console.sendKeys("G")
        try console.waitFor("the last dossier") { $0.contains(String(last)) }
        try console.sendKeys("q")
        XCTAssertEqual(try console.waitForExit(), 0)
        XCTAssertFalse(try console.alternateScreen(), "endwin should give the main screen back")
    }

    func testAFaultFurtherDownTheFileStopsTheConsoleWithItsPlace() throws {
        // The last dossier's number becomes text: the first screen reads, the whole file does not.
        var text = try String(contentsOf: dossiersFile, encoding: .utf8)
        let last = try XCTUnwrap(text.range(of: #""number" : "#, options: .backwards))
        text.replaceSubrange(last, with: #""number" : "douze", "ancien" : "#)
        try text.write(to: dossiersFile, atomically: true, encoding: .utf8)

        // Standard error goes to a file: tmux was seen to drop the last output of a pane that dies at once.
        let errors = campaign.appending(path: "stderr.txt")
        let console = try TmuxSession(["/bin/sh", "-c", #"exec "$@" 2>"$0""#, errors.path,
                                       binary, "--data", campaign.path, "--reviewer", "rapporteur1"])
        sessions.append(console)
        XCTAssertEqual(try console.waitForExit(), 65, "EX_DATAERR, as for any malformed campaign file")
        XCTAssertFalse(try console.alternateScreen(), "endwin should give the main screen back")
        XCTAssertEqual(try String(contentsOf: errors, encoding: .utf8),
                       "\(dossiersFile.path): dossiers[699].number: nombre entier attendu, trouvé le texte « douze »\n")
    }
}
