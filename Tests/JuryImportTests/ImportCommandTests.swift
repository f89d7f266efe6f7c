import Foundation
import JuryCore
import JuryImport
import JuryStore
import XCTest

/// `ptce-jury import` as the chair runs it in a shell: what it prints, its exit code, what it writes.
final class ImportCommandTests: XCTestCase {
    private struct NotBuilt: Error, CustomStringConvertible {
        var description: String
    }

    private struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    private func binary() throws -> String {
        guard let found = ChildProcess.ptceJury() else {
            throw NotBuilt(description: "ptce-jury is not built next to the tests nor in .build/debug: run swift build first")
        }
        return found
    }

    private func run(_ arguments: [String], in directory: URL) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.filter { !["PTCE_JURY_DATA", "LANG", "LC_ALL", "LC_MESSAGES"].contains($0.key) }
        let out = directory.appending(path: ".out"), err = directory.appending(path: ".err")
        for url in [out, err] { try Data().write(to: url) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                      stderr: try String(contentsOf: err, encoding: .utf8))
    }

    func testTheChairImportsAndSeesTheReport() throws {
        let directory = scratchDirectory()
        let root = try emptyCampaign(in: directory)
        file("page-1.json", DS.page1, in: directory)
        file("page-2.json", DS.page2, in: directory)

        let before = snapshot(root)
        let dry = try run(["import", "page-1.json", "page-2.json", "--data", "campagne", "--reviewer", "presidente", "--dry-run"], in: directory)
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.hasPrefix("Import de 2 fichiers : 3 dossiers lus (simulation : rien n’est écrit)\n"
                                           + "Correspondance : AMI PTCE, phase 2 : formulaire Démarches Simplifiées\n"), dry.stdout)
        XCTAssertTrue(dry.stdout.contains("  créés       3 (n° 101, 102, 103)\n"), dry.stdout)
        XCTAssertTrue(dry.stdout.contains("  « Thématiques du PTCE » (id Q2hhbXAtMTAxNw==) — 1 dossier\n"), dry.stdout)
        XCTAssertTrue(dry.stdout.contains("\n      102  budget total  « environ 300 k€ »  montant illisible\n"), dry.stdout)
        XCTAssertEqual(snapshot(root), before, "a dry run writes nothing")

        let real = try run(["import", "page-1.json", "page-2.json", "--data", "campagne", "--reviewer", "presidente"], in: directory)
        XCTAssertEqual(real.status, 0, real.stderr)
        XCTAssertTrue(real.stdout.hasSuffix("dossiers.json enregistré.\n"), real.stdout)
        XCTAssertEqual(try CampaignStore.open(root).dossiers.map(\.number), [101, 102, 103])

        let again = try run(["import", "page-1.json", "page-2.json", "--data", "campagne", "--reviewer", "presidente",
                             "--format", "json", "--lang", "en"], in: directory)
        XCTAssertEqual(again.status, 0, again.stderr)
        let report = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(report?["unchanged"] as? [Int], [101, 102, 103])
        XCTAssertEqual(report?["written"] as? Bool, false)
        XCTAssertEqual((report?["unreadable"] as? [[String: Any]])?.first?["reason"] as? String, "unreadable amount")
    }

    /// A ZIP export of pièces imported by the chair; `show` prints each pièce's text, `--format json` carries it.
    func testShowPrintsThePiecesTextAndItsJSONCarriesIt() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            throw XCTSkip("pdftotext is not installed (Debian package poppler-utils, installed by .ci/run)")
        }
        let directory = scratchDirectory()
        _ = try emptyCampaign(in: directory)
        file("page-1.json", DS.page1, in: directory)
        XCTAssertEqual(try run(["import", "page-1.json", "--data", "campagne", "--reviewer", "presidente"], in: directory).status, 0)
        let statutes = PlatformExport.pdf(pages: ["Statuts de l’association", "Article 3 : le conseil coopératif élit sa présidence."])
        try PlatformExport.zip([("export/dossier-101/pieces_justificatives/statuts.pdf", statutes)], date: Date(timeIntervalSince1970: 0))
            .write(to: directory.appending(path: "export.zip"))
        let imported = try run(["import", "export.zip", "--data", "campagne", "--reviewer", "presidente"], in: directory)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertTrue(imported.stdout.hasPrefix("Import de export.zip : 0 dossiers lus, 1 pièce justificative\n"), imported.stdout)
        XCTAssertTrue(imported.stdout.contains("      n° 101 : pièces justificatives\n"), imported.stdout)

        let shown = try run(["show", "101", "--data", "campagne", "--reviewer", "alice"], in: directory)
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(shown.stdout.contains("""
            Pièces justificatives (1)
            ─────────────────────────
            ── statuts.pdf (PDF, 2 pages, \(Labels.fileSize(statutes.count, .fr)))
            Statuts de l’association

            Article 3 : le conseil coopératif élit sa présidence.
            """), shown.stdout)
        let json = try run(["show", "101", "--data", "campagne", "--reviewer", "alice", "--format", "json"], in: directory)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let pieces = (object?["dossier"] as? [String: Any])?["pieces"] as? [[String: Any]]
        XCTAssertEqual(pieces?.first?["text"] as? String, "Statuts de l’association\n\nArticle 3 : le conseil coopératif élit sa présidence.")
        XCTAssertEqual(pieces?.first?["pages"] as? Int, 2)
        XCTAssertEqual(pieces?.first?["sha256"] as? String, SHA256Hex.of(statutes))
    }

    func testAnImportAfterTheFinalisationIsRefusedAndWritesNothing() throws {
        let directory = scratchDirectory()
        let root = try emptyCampaign(in: directory)
        file("page-1.json", DS.page1, in: directory)
        file("page-2.json", DS.page2, in: directory)
        let first = try run(["import", "page-1.json", "--data", "campagne", "--reviewer", "presidente"], in: directory)
        XCTAssertEqual(first.status, 0, first.stderr)
        let store = try CampaignStore.open(root)
        var allocation = try store.loadAllocation()
        allocation.finalized = Finalization(at: Instant(Date()), by: "presidente")
        try store.saveAllocation(allocation, expectedRevision: 0, by: "presidente")
        let before = snapshot(root)

        let refused = try run(["import", "page-1.json", "page-2.json", "--data", "campagne", "--reviewer", "presidente"], in: directory)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("les dossiers ne peuvent plus être changés (import refusé) ; "
                                              + "la présidence peut la rouvrir : ptce-jury allocate --reopen --motivation « … »"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("Attribution finalisée le ") && refused.stderr.contains(" par presidente : "), refused.stderr)
        XCTAssertEqual(snapshot(root), before, "nothing written")
    }

    func testBadInputIsOneClearMessageAndChangesNothing() throws {
        let directory = scratchDirectory()
        let root = try emptyCampaign(in: directory)
        file("page-1.json", String(DS.page1.dropLast(40)), in: directory)
        let before = snapshot(root)
        let result = try run(["import", "page-1.json", "--data", "campagne", "--reviewer", "presidente"], in: directory)
        XCTAssertEqual(result.status, 65)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.hasPrefix("Import refusé, la campagne est inchangée :\npage-1.json:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("JSON tronqué"), result.stderr)
        XCTAssertEqual(snapshot(root), before)
    }

    func testOnlyTheChairWrites() throws {
        let directory = scratchDirectory()
        let root = try emptyCampaign(in: directory)
        file("page-1.json", DS.page1, in: directory)
        let before = snapshot(root)
        let refused = try run(["import", "page-1.json", "--data", "campagne", "--reviewer", "alice"], in: directory)
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "Seule la présidence du jury importe les dossiers ; --dry-run montre ce que l’import ferait.\n")
        XCTAssertEqual(snapshot(root), before)
        let dry = try run(["import", "page-1.json", "--data", "campagne", "--reviewer", "alice", "--dry-run"], in: directory)
        XCTAssertEqual(dry.status, 0, dry.stderr)
    }
}
