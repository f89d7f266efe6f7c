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
            XCTAssertEqual((error as? StoreFailure)?.problems.map(\.message), [
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
        var change = saved
        change.laureates = [102]
        change.finalized = nil
        XCTAssertThrowsError(try store.saveAllocation(change, expectedRevision: saved.revision, by: "presidente")) { error in
            XCTAssertEqual((error as? StoreFailure)?.problems.map(\.message),
                           ["attribution finalisée le 10/10/2023 15:00 par presidente : elle ne peut plus être modifiée"])
        }
        XCTAssertEqual(try store.loadAllocation().laureates, [101])
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
            XCTAssertEqual((error as? StoreFailure)?.problems.map { "\($0.fieldPath ?? ""): \($0.message)" },
                           ["laureates[1]: dossier n° 999 inconnu : absent de dossiers.json"])
        }
        write("""
        {"schemaVersion": 1, "revision": 3, "method": "moyenne", "drawSeed": 5, "laureates": [], "waitlist": [], "motivations": []}
        """, to: url)
        XCTAssertThrowsError(try store.loadAllocation()) { error in
            XCTAssertEqual((error as? StoreFailure)?.problems.map { "\($0.fieldPath ?? ""): \($0.message)" },
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
