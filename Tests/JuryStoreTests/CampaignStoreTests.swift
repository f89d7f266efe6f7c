import Foundation
import Glibc
import JuryCore
import XCTest
@testable import JuryStore

final class CampaignStoreTests: XCTestCase {
    func testCreateThenOpen() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        XCTAssertEqual(store.root, root)
        XCTAssertEqual(store.sourceRoot, root)
        XCTAssertEqual(store.campaign, Fixture.campaign())
        XCTAssertEqual(store.jury, Fixture.jury())
        XCTAssertEqual(store.dossiers, [101, 102, 103].map(Fixture.dossier))
        XCTAssertEqual(store.sheets.mapValues { $0.keys.sorted() }, ["alice": [101, 102], "bob": [101]])
        XCTAssertEqual(store.sheet(reviewer: "alice", dossier: 102), Fixture.sheet("alice", 102, ["maturite": 4, "impact": 1]))
        XCTAssertNil(store.sheet(reviewer: "bob", dossier: 102))
        XCTAssertEqual(store.warnings, [])
    }

    func testCreatedFilesAndDirectoriesHaveExplicitModes() throws {
        let previous = umask(0)
        defer { umask(previous) }
        let root = try createdCampaign()
        for url in [root, CampaignFiles.lockDirectory(root), CampaignFiles.reviewerDirectory(root, "alice"), CampaignFiles.sheets(root, "alice")] {
            XCTAssertEqual(mode(url), 0o750, url.path)
        }
        for url in [CampaignFiles.campaign(root), CampaignFiles.jury(root), CampaignFiles.dossiers(root), CampaignFiles.sheet(root, "bob", 101)] {
            XCTAssertEqual(mode(url), 0o640, url.path)
        }
    }

    func testNewReviewerDirectoriesKeepTheSharedGroupBit() throws {
        let root = try createdCampaign()
        XCTAssertEqual(chmod(CampaignFiles.reviewers(root).path, 0o2750), 0)
        try CampaignStore.open(root).save(Fixture.sheet("bob", 102))
        XCTAssertEqual(mode(CampaignFiles.reviewerDirectory(root, "bob")), 0o750, "existing: untouched")
        let store = try CampaignStore.open(root)
        var jury = store.jury
        jury.members.append(JuryMember(login: "dora", name: "Dora Petit", role: .reviewer))
        try store.saveJury(jury)
        try store.save(Fixture.sheet("dora", 102))
        XCTAssertEqual(mode(CampaignFiles.reviewerDirectory(root, "dora")), 0o2750)
        XCTAssertEqual(mode(CampaignFiles.sheets(root, "dora")), 0o2750)
        XCTAssertEqual(mode(CampaignFiles.sheet(root, "dora", 102)), 0o640)
    }

    func testCreateRefusesAnExistingCampaignAndInvalidContent() throws {
        let root = try createdCampaign()
        let before = try snapshot(root)
        XCTAssertThrowsError(try Fixture.create(at: root)) { error in
            XCTAssertEqual("\(error)", "\(CampaignFiles.campaign(root).relativePath): une campagne existe déjà ici : rien n’a été écrit")
        }
        XCTAssertEqual(try snapshot(root), before)

        let fresh = temporaryDirectory().appending(path: "neuve")
        var duplicate = Fixture.dossier(101)
        duplicate.name = ""
        XCTAssertThrowsError(try CampaignStore.create(at: fresh, campaign: Fixture.campaign(), jury: Fixture.jury(),
                                                      dossiers: [Fixture.dossier(101), duplicate],
                                                      sheets: [Fixture.sheet("../evasion", 101), Fixture.sheet("alice", 999)])) { error in
            XCTAssertEqual((error as? StoreFailure)?.problems.map(\.message.fr), [
                "le nom du PTCE est vide", "numéro 101 en double (déjà porté par dossiers[0])",
                "identifiant « ../evasion » invalide pour un nom de dossier", "dossier n° 999 inconnu : absent de dossiers.json",
            ])
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.path), "nothing is written when anything is wrong")
    }

    // MARK: - Saving sheets

    func testSavedSheetIsReadBackAndDurable() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        var sheet = Fixture.sheet("bob", 102, ["maturite": 2, "impact": 4])
        sheet.comments["impact"] = "Très\u{202E} fort"
        try store.save(sheet)
        XCTAssertEqual(store.sheet(reviewer: "bob", dossier: 102)?.comments["impact"], "Très fort", "kept sanitized")
        let reopened = try CampaignStore.open(root)
        XCTAssertEqual(reopened.sheet(reviewer: "bob", dossier: 102)?.values, ["maturite": 2, "impact": 4])
        XCTAssertEqual(reopened.warnings, [])
    }

    func testSheetsThatBreakTheRulesAreRefused() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        let before = try snapshot(root)
        func refusal(_ sheet: ScoreSheet) -> String {
            do {
                try store.save(sheet)
                return "saved"
            } catch {
                return error.problems.map { "\($0.fieldPath ?? ""): \($0.message.fr)" }.joined(separator: "\n")
            }
        }
        XCTAssertEqual(refusal(Fixture.sheet("alice", 103, ["maturite": 9])), "values.maturite: 9 hors de l’échelle 0–4")
        XCTAssertEqual(refusal(Fixture.sheet("alice", 104)), "dossier: dossier n° 104 inconnu : absent de dossiers.json")
        XCTAssertEqual(refusal(Fixture.sheet("carole", 101)), "reviewer: « carole » n’est pas membre du jury")
        XCTAssertEqual(refusal(Fixture.sheet("bob", 103)), "dossier: « bob » a un conflit d’intérêts sur le dossier n° 103")
        XCTAssertEqual(refusal(Fixture.sheet("../../etc", 101)), "reviewer: identifiant « ../../etc » invalide pour un nom de dossier")
        XCTAssertEqual(try snapshot(root), before)
        XCTAssertNil(store.sheet(reviewer: "alice", dossier: 103))
    }

    func testAFileThatDoesNotLoadIsNeverWrittenOver() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        // Broken behind the store's back (by hand, or by a newer version).
        let sheetURL = CampaignFiles.sheet(root, "alice", 101), juryURL = CampaignFiles.jury(root)
        write("{\"schemaVersion\": 1, \"dossier\": 101, ", to: sheetURL)
        write("{\"schemaVersion\": 2, \"revision\": 1, \"membres\": []}", to: juryURL)
        let before = try snapshot(root)

        XCTAssertThrowsError(try store.save(Fixture.sheet("alice", 101, ["maturite": 1]))) { error in
            XCTAssertEqual((error as? StoreFailure)?.problems.first?.line, 1)
        }
        XCTAssertThrowsError(try store.saveJury(store.jury)) { error in
            XCTAssertEqual((error as? StoreFailure)?.problems.first?.message.fr, "schemaVersion 2 non pris en charge (version attendue : 1)")
        }
        XCTAssertEqual(try snapshot(root), before)

        // And a failed open writes nothing either.
        XCTAssertEqual(openFailure(root).count, 2)
        XCTAssertEqual(try snapshot(root), before)
    }

    // MARK: - Jury, dossiers, campaign

    func testJuryRevisionRefusesAStaleEdit() throws {
        let root = try createdCampaign()
        let first = try CampaignStore.open(root), second = try CampaignStore.open(root)
        var jury = first.jury
        jury.members[1].name = "Alice Durand-Petit"
        try first.saveJury(jury)
        XCTAssertEqual(first.jury.revision, 2)
        XCTAssertEqual(try CampaignStore.open(root).jury.members[1].name, "Alice Durand-Petit")

        var stale = second.jury
        stale.members[2].name = "Robert Leroy"
        XCTAssertThrowsError(try second.saveJury(stale)) { error in
            XCTAssertEqual((error as? StoreFailure)?.problems.first?.fieldPath, "revision")
        }
        XCTAssertEqual(try CampaignStore.open(root).jury.members[2].name, "Bob Leroy")
    }

    func testDossiersAreSavedSortedAndScoredOnesCannotBeRemoved() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        XCTAssertThrowsError(try store.saveDossiers([Fixture.dossier(103)])) { error in
            XCTAssertEqual((error as? StoreFailure)?.problems.map(\.message.fr), [
                "le dossier n° 101 a des fiches de notation : il ne peut pas être retiré",
                "le dossier n° 102 a des fiches de notation : il ne peut pas être retiré",
            ])
        }
        try store.saveDossiers([104, 102, 101].map(Fixture.dossier))
        XCTAssertEqual(store.dossiers.map(\.number), [101, 102, 104])
        XCTAssertEqual(try CampaignStore.open(root).dossiers.map(\.number), [101, 102, 104])
    }

    func testCampaignChangeMustKeepEverySheetValid() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        var campaign = store.campaign
        campaign.criteria[0].scale = Scale(min: 0, max: 2, levels: [])
        XCTAssertThrowsError(try store.saveCampaign(campaign)) { error in
            XCTAssertEqual((error as? StoreFailure)?.problems.map(\.description), [
                "\(CampaignFiles.sheet(root, "alice", 101).relativePath): values.maturite: 3 hors de l’échelle 0–2",
                "\(CampaignFiles.sheet(root, "alice", 102).relativePath): values.maturite: 4 hors de l’échelle 0–2",
                "\(CampaignFiles.sheet(root, "bob", 101).relativePath): values.maturite: 3 hors de l’échelle 0–2",
            ])
        }
        campaign = store.campaign
        campaign.title = "AMI PTCE — jury national"
        try store.saveCampaign(campaign)
        XCTAssertEqual(try CampaignStore.open(root).campaign.title, "AMI PTCE — jury national")
    }

    // MARK: - Stale temporaries

    func testOpenCleansOurStaleTemporaries() throws {
        let root = try createdCampaign()
        let sheets = CampaignFiles.sheets(root, "alice")
        let stale = [root.appending(path: ".jury.json.ptce-tmp-999999999-1"), sheets.appending(path: ".101.json.ptce-tmp-999999999-ab")]
        let foreign = sheets.appending(path: ".101.json.swp")
        for url in stale + [foreign] { write("{", to: url) }
        let store = try CampaignStore.open(root)
        XCTAssertEqual(stale.filter { FileManager.default.fileExists(atPath: $0.path) }, [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: foreign.path))
        XCTAssertEqual(store.warnings, [], "hidden files are not sheets")
    }

    // MARK: - Demo

    func testDemoCampaignWorksInAPrivateCopy() throws {
        let source = try createdCampaign(demo: true)
        let pristine = try snapshot(source)
        let store = try CampaignStore.open(source)
        let work = source.appending(path: ".demo-work")
        XCTAssertEqual(store.sourceRoot, source)
        XCTAssertEqual(store.root, work)

        try store.admitDemoGuest(login: "visiteur")
        try store.admitDemoGuest(login: "visiteur")
        try store.save(Fixture.sheet("visiteur", 103, ["impact": 2]))
        XCTAssertEqual(store.jury.member("visiteur"), JuryMember(login: "visiteur", name: "visiteur", role: .reviewer))
        XCTAssertEqual(try snapshot(source, skipping: ".demo-work"), pristine, "the bundled files are untouched")

        let again = try CampaignStore.open(source)
        XCTAssertEqual(again.root, work)
        XCTAssertEqual(again.sheet(reviewer: "visiteur", dossier: 103)?.values, ["impact": 2])
        // Besides what was copied: the guest's sheet, the jury's lock and the journals of the changes.
        let added = { (path: String) in path == "jury.json" || path.hasPrefix("journal/") || path.hasPrefix(".lock/") }
        XCTAssertEqual(try snapshot(work, skipping: "reviewers/visiteur").filter { !added($0.key) },
                       pristine.filter { !added($0.key) }, "the copy holds every file")
    }

    func testAnInterruptedDemoCopyIsMadeAgain() throws {
        let source = try createdCampaign(demo: true)
        let work = source.appending(path: ".demo-work")
        write("{ partiel", to: CampaignFiles.jury(work))   // a copy killed before campaign.json
        let store = try CampaignStore.open(source)
        XCTAssertEqual(store.root, work)
        XCTAssertEqual(store.jury, Fixture.jury())
    }

    func testGuestsOnlyInDemos() throws {
        let store = try CampaignStore.open(try createdCampaign())
        XCTAssertThrowsError(try store.admitDemoGuest(login: "visiteur")) { error in
            XCTAssertEqual((error as? StoreFailure)?.problems.first?.message.fr, "seule une campagne de démonstration admet des invités")
        }
    }

    // MARK: - Helpers

    private func mode(_ url: URL) -> mode_t {
        var info = stat()
        stat(url.path, &info)
        return info.st_mode & 0o7777
    }

    /// Relative path → bytes of every file under `root`.
    private func snapshot(_ root: URL, skipping skipped: String? = nil) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = root.standardizedFileURL.path + "/"
        for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)! {
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count))
            if let skipped, relative.hasPrefix(skipped) { continue }
            if let data = try? Data(contentsOf: url) { files[relative] = data }
        }
        return files
    }
}
