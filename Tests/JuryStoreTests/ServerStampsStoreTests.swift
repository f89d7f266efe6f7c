import Foundation
import JuryCore
import XCTest
@testable import JuryStore

/// The jury server's store against a hostile or partial client (issue 17): it stamps what it owns,
/// keeps what a partial view hid, and never shows a member another's draft.
final class ServerStampsStoreTests: XCTestCase {
    private let forged = Instant("2020-01-01T00:00:00+01:00")!

    /// Alice's sheet on 102 (created at `Fixture.now`), completed and submitted with forged stamps.
    private func forgedSubmission(_ store: CampaignStore) throws -> ScoreSheet {
        var sent = try XCTUnwrap(store.sheet(reviewer: "alice", dossier: 102))
        sent.values = ["maturite": 4, "impact": 2]
        sent.recommendation = .favorable
        sent.status = .submitted
        sent.createdAt = forged
        sent.updatedAt = forged
        sent.submittedAt = forged
        return sent
    }

    func testTheServersSaveStoresItsOwnAuthorAndDatesNotTheClients() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.openForServer(root)
        let known = store.sheet(reviewer: "alice", dossier: 102)
        var sent = try forgedSubmission(store)
        sent.reviewer = "mallory"
        let before = Date()
        let stored = try store.save(sent, expecting: known, by: "alice")

        let onDisk = try XCTUnwrap(CampaignStore.open(root).sheet(reviewer: "alice", dossier: 102))
        XCTAssertEqual(onDisk, stored)
        XCTAssertEqual(onDisk.reviewer, "alice")
        XCTAssertEqual(onDisk.createdAt.text, Fixture.now.text, "kept from the stored version")
        XCTAssertGreaterThan(onDisk.updatedAt.date, before.addingTimeInterval(-1))
        XCTAssertEqual(onDisk.submittedAt, onDisk.updatedAt, "submitted by this save, now")
        XCTAssertFalse(text(CampaignFiles.sheet(root, "alice", 102)).contains("2020"))
        XCTAssertEqual(onDisk.values, ["maturite": 4, "impact": 2])
        XCTAssertFalse(FileManager.default.fileExists(atPath: CampaignFiles.sheet(root, "mallory", 102).path))

        // Saved again while submitted (a new comment): the submission's date stays the first one.
        var again = stored
        again.overall = "Avis complété"
        again.submittedAt = forged
        let resaved = try store.save(again, expecting: stored, by: "alice")
        XCTAssertEqual(resaved.submittedAt, stored.submittedAt)
        XCTAssertEqual(resaved.createdAt.text, Fixture.now.text)
    }

    func testASaveSentAgainAfterALostAcknowledgementIsRecognisedDespiteItsStamps() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.openForServer(root)
        let known = store.sheet(reviewer: "alice", dossier: 102)
        let sent = try forgedSubmission(store)
        let stored = try store.save(sent, expecting: known, by: "alice")
        let journal = text(CampaignFiles.journal(root, CampaignFiles.serverChain))

        // The acknowledgement was lost: the console sends the same sheet again, from the same version.
        XCTAssertEqual(try store.save(sent, expecting: known, by: "alice"), stored)
        XCTAssertEqual(text(CampaignFiles.journal(root, CampaignFiles.serverChain)), journal, "not applied twice")
        XCTAssertEqual(try CampaignStore.open(root).sheet(reviewer: "alice", dossier: 102), stored)

        // Other words from that old version are still stale.
        var other = sent
        other.overall = "Autre avis"
        XCTAssertThrowsError(try store.save(other, expecting: known, by: "alice")) { error in
            XCTAssertTrue((error as? StoreFailure)?.description.contains("a été modifiée ou supprimée dans une autre session") ?? false)
        }
    }
}
