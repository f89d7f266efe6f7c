import Foundation
import JuryCore
import XCTest
@testable import JuryStore

final class AllocationStoreTests: XCTestCase {
    private let now = Instant("2023-10-10T15:00:00+02:00")!

    func testNothingDecidedYetThenARoundTripKeepsEverything() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        let initial = try store.loadAllocation()
        XCTAssertEqual(initial, AllocationState.initial(for: store.campaign))
        XCTAssertEqual(initial.revision, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: CampaignFiles.allocation(root).path))

        var state = initial
        state.laureates = [102]
        state.waitlist = [101]
        state.motivations = [Motivation(dossier: 101, decision: .waitlist, text: "Très proche du seuil.\nÀ rappeler en premier.",
                                        by: "presidente", at: now)]
        state.method = .bias
        let saved = try store.saveAllocation(state, expectedRevision: 0, by: "presidente")
        XCTAssertEqual(saved.revision, 1)
        let reopened = try CampaignStore.open(root).loadAllocation()
        XCTAssertEqual(reopened, saved)
        XCTAssertTrue(text(CampaignFiles.allocation(root)).contains("\"method\" : \"bias\""))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: CampaignFiles.allocation(root).path)[.posixPermissions] as? Int, 0o640)
    }

    func testAStaleRevisionIsRefusedAndNothingIsWritten() throws {
        let store = try CampaignStore.open(try createdCampaign())
        var first = try store.loadAllocation()
        first.laureates = [101]
        try store.saveAllocation(first, expectedRevision: 0, by: "presidente")
        var stale = try store.loadAllocation()
        stale.laureates = [102]
        // Another session of the chair saved revision 1 → 2 meanwhile.
        var other = try store.loadAllocation()
        other.waitlist = [102]
        try store.saveAllocation(other, expectedRevision: 1, by: "presidente")
        XCTAssertThrowsError(try store.saveAllocation(stale, expectedRevision: 1, by: "presidente")) { error in
            XCTAssertEqual((error as? StoreFailure)?.problems.map(\.message.fr), [
                "l’attribution a été modifiée entre-temps (révision 2 sur le disque, 1 attendue) : rechargez-la et recommencez"])
        }
        XCTAssertEqual(try store.loadAllocation().laureates, [101])
        XCTAssertEqual(try store.loadAllocation().waitlist, [102])
    }

    func testOnlyTheChairWritesAndAFinalisedAllocationIsFrozen() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        var state = try store.loadAllocation()
        state.laureates = [101]
        XCTAssertThrowsError(try store.saveAllocation(state, expectedRevision: 0, by: "alice")) { error in
            XCTAssertEqual((error as? StoreFailure)?.description,
                           "\(root.path)/allocation.json: seule la présidence du jury peut modifier l’attribution (« alice » ne la tient pas)")
        }
        state.finalized = Finalization(at: now, by: "presidente")
        let saved = try store.saveAllocation(state, expectedRevision: 0, by: "presidente")
        // Finalised when the store saved it, whatever date the client put.
        let finalisedOn = DateText.paris(try XCTUnwrap(saved.finalized).at.date)
        XCTAssertNotEqual(finalisedOn, DateText.paris(now.date))
        var change = saved
        change.laureates = [102]
        change.finalized = nil
        XCTAssertThrowsError(try store.saveAllocation(change, expectedRevision: saved.revision, by: "presidente")) { error in
            XCTAssertEqual((error as? StoreFailure)?.problems.map(\.message.fr),
                           ["Attribution finalisée le \(finalisedOn) par presidente : l’attribution ne peut plus être modifiée ; "
                                + "la présidence peut la rouvrir : ptce-jury allocate --reopen --motivation « … »"])
        }
        XCTAssertEqual(try store.loadAllocation().laureates, [101])
    }

    func testFinalisingFreezesTheDeliberationInASnapshotAndEveryChangeUntilTheChairReopens() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        try store.updateSheet(reviewer: "alice", dossier: 101) { $0.overall = "Premier avis" }
        var state = try store.loadAllocation()
        state.laureates = [101]
        state.finalized = Finalization(at: now, by: "presidente")
        let saved = try store.saveAllocation(state, expectedRevision: 0, by: "presidente")
        let finalized = try XCTUnwrap(saved.finalized)
        XCTAssertEqual(finalized.snapshot, "finalisation-1.json")
        let snapshot = try XCTUnwrap(try store.loadSnapshot(finalized))
        XCTAssertEqual(snapshot.allocation.laureates, [101])
        XCTAssertEqual(snapshot.sheets.first { $0.reviewer == "alice" && $0.dossier == 101 }?.overall, "Premier avis")
        XCTAssertEqual(snapshot.figures.first { $0.dossier == 101 }?.decision, .laureate)

        func refusal(_ body: () throws -> Void) -> String {
            XCTAssertThrowsError(try body())
            do { try body() } catch { return (error as? StoreFailure)?.problems.first?.message.fr ?? "\(error)" }
            return ""
        }
        XCTAssertTrue(refusal { try store.updateSheet(reviewer: "alice", dossier: 101) { $0.overall = "Changé" } }
            .hasPrefix("Attribution finalisée le \(DateText.paris(finalized.at.date)) par presidente : la fiche ne peut plus être modifiée ; "))
        XCTAssertTrue(refusal { try store.updateAssignments(by: "presidente") { $0.set([101: ["alice"]]) } }
            .contains("les rapporteurs ne peuvent plus être changés"))
        XCTAssertEqual(store.sheet(reviewer: "alice", dossier: 101)?.overall, "Premier avis")

        // A snapshot changed behind the finalisation's back is refused, not exported.
        let file = CampaignFiles.snapshot(root, "finalisation-1.json")
        try (try Data(contentsOf: file) + Data(" ".utf8)).write(to: file)
        XCTAssertTrue(refusal { _ = try store.loadSnapshot(finalized) }.contains("modifié depuis la finalisation"))

        var reopened = saved
        reopened.finalized = nil
        reopened.reopenings = [Reopening(finalized: finalized, motivation: "Erreur matérielle", by: "presidente", at: now)]
        let after = try store.saveAllocation(reopened, expectedRevision: saved.revision, by: "presidente")
        XCTAssertNil(after.finalized)
        XCTAssertEqual(store.journal(visibleTo: "alice").last?.entry.action, .allocationReopened, "members read that it was reopened")
        try store.updateSheet(reviewer: "alice", dossier: 101) { $0.overall = "Changé" }
    }

    func testAfterFinalisationDossiersJuryAndSeanceAreFrozenButAConflictIsStillAFact() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        try store.act(on: .open(place: "Paris", present: ["presidente", "alice", "bob"]), by: "presidente")
        var state = try store.loadAllocation()
        state.laureates = [101]
        state.finalized = Finalization(at: now, by: "presidente")
        let finalized = try XCTUnwrap(try store.saveAllocation(state, expectedRevision: 0, by: "presidente").finalized)
        let frozen = "Attribution finalisée le \(DateText.paris(finalized.at.date)) par presidente : "
        let reopen = " ; la présidence peut la rouvrir : ptce-jury allocate --reopen --motivation « … »"
        func refusal(_ body: () throws -> Void) -> String {
            do { try body() } catch { return (error as? StoreFailure)?.problems.first?.message.fr ?? "\(error)" }
            XCTFail("should have been refused")
            return ""
        }

        var renamed = store.dossiers
        renamed[0].name = "Les Chemins Partagés du Pays de Guéret"
        XCTAssertEqual(refusal { try store.saveDossiers(renamed) }, frozen + "les dossiers ne peuvent plus être changés (import refusé)" + reopen)
        var jury = store.jury
        jury.members.removeAll { $0.login == "bob" }
        XCTAssertEqual(refusal { try store.saveJury(jury) }, frozen + "la composition du jury ne peut plus être changée" + reopen)
        XCTAssertEqual(refusal { try store.act(on: .discuss(102), by: "presidente") },
                       frozen + "la séance ne peut plus délibérer" + reopen)
        XCTAssertEqual(try CampaignStore.open(root).dossiers.first?.name, "PTCE n° 101")
        XCTAssertEqual(try CampaignStore.open(root).jury.members.map(\.login), ["presidente", "alice", "bob"])

        // What was under way may end; a conflict is a fact, recorded whatever the allocation.
        XCTAssertNotNil(try store.act(on: .close, by: "presidente").seances.last?.closedAt)
        try store.act(as: "alice")
        try store.declareConflict(dossier: 102, reason: "Administratrice de la structure")
        XCTAssertTrue(try CampaignStore.open(root).jury.member("alice")?.isConflicted(on: 102) == true)
    }

    func testASnapshotReDigestedByHandContradictsTheJournal() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        var state = try store.loadAllocation()
        state.laureates = [101]
        state.finalized = Finalization(at: now, by: "presidente")
        let finalized = try XCTUnwrap(try store.saveAllocation(state, expectedRevision: 0, by: "presidente").finalized)
        XCTAssertNoThrow(try store.checkSnapshotRecord(finalized))

        // The snapshot edited, its new digest written into allocation.json: loadSnapshot cannot tell.
        let file = CampaignFiles.snapshot(root, "finalisation-1.json")
        let edited = Data(text(file).replacingOccurrences(of: "Premier", with: "Dernier").utf8) + Data(" ".utf8)
        try edited.write(to: file)
        let allocation = CampaignFiles.allocation(root)
        write(text(allocation).replacingOccurrences(of: try XCTUnwrap(finalized.sha256), with: SHA256Hex.hex(edited)), to: allocation)
        let forged = try XCTUnwrap(try store.loadAllocation().finalized)
        XCTAssertNoThrow(try store.loadSnapshot(forged))
        XCTAssertThrowsError(try store.checkSnapshotRecord(forged)) { error in
            XCTAssertEqual((error as? StoreFailure)?.problems.map(\.message.fr),
                           ["l’empreinte de l’instantané finalisation-1.json diffère de celle que le journal a enregistrée à la finalisation "
                                + "(presidente.jsonl n° 1) : l’instantané ou allocation.json a été modifié depuis"])
        }
    }

    func testAMalformedOrInconsistentFileIsReportedWithItsPosition() throws {
        let root = try createdCampaign()
        let url = CampaignFiles.allocation(root)
        write("{\n  \"schemaVersion\" : 1,\n  \"revision\" : 1,\n  \"laureates\" : [101,,]\n}\n", to: url)
        let store = try CampaignStore.open(root)
        XCTAssertThrowsError(try store.loadAllocation()) { error in
            let problem = (error as? StoreFailure)?.problems.first
            XCTAssertEqual(problem?.line, 4)
            XCTAssertEqual(problem?.column, 22)
        }
        write("""
        {"schemaVersion": 1, "revision": 3, "method": "mean", "drawSeed": 5, "laureates": [101, 999],
         "waitlist": [], "motivations": [], "rang": "inconnu"}
        """, to: url)
        XCTAssertThrowsError(try store.loadAllocation()) { error in
            XCTAssertEqual((error as? StoreFailure)?.problems.map { "\($0.fieldPath ?? ""): \($0.message.fr)" },
                           ["laureates[1]: dossier n° 999 inconnu : absent de dossiers.json"])
        }
        write("""
        {"schemaVersion": 1, "revision": 3, "method": "moyenne", "drawSeed": 5, "laureates": [], "waitlist": [], "motivations": []}
        """, to: url)
        XCTAssertThrowsError(try store.loadAllocation()) { error in
            XCTAssertEqual((error as? StoreFailure)?.problems.map { "\($0.fieldPath ?? ""): \($0.message.fr)" },
                           ["method: valeur non reconnue : le texte « moyenne »"])
        }
    }

    func testFieldsOfANewerVersionSurviveASave() throws {
        let root = try createdCampaign()
        let url = CampaignFiles.allocation(root)
        write("""
        {"schemaVersion": 1, "revision": 3, "method": "mean", "drawSeed": 5, "laureates": [101], "waitlist": [],
         "motivations": [], "observateurs": ["DREETS"]}
        """, to: url)
        let store = try CampaignStore.open(root)
        var state = try store.loadAllocation()
        state.laureates = [102]
        try store.saveAllocation(state, expectedRevision: 3, by: "presidente")
        XCTAssertTrue(text(url).contains("\"observateurs\""))
        XCTAssertEqual(try store.loadAllocation().laureates, [102])
        XCTAssertEqual(try store.loadAllocation().revision, 4)
    }
}
