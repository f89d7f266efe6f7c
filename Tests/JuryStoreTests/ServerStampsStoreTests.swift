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

    // MARK: - A partial view saved back

    /// 101…120; the chair in conflict on 108 (a laureate) and 117 (on the waitlist), recorded after
    /// a first allocation of 15 laureates.
    private func allocatedCampaign() throws -> (CampaignStore, AllocationState, URL) {
        let root = temporaryDirectory().appending(path: "campagne")
        try CampaignStore.create(at: root, campaign: Fixture.campaign(), jury: Fixture.jury(), dossiers: (101...120).map(Fixture.dossier), sheets: [])
        let store = try CampaignStore.openForServer(root)
        var state = try store.loadAllocation()
        state.laureates = Array(101...115)
        state.waitlist = [116, 117, 118]
        state.motivations = [Motivation(dossier: 108, decision: .laureate, text: "Hors proposition : ancrage exceptionnel", by: "presidente",
                                        at: Fixture.now),
                             Motivation(dossier: 117, decision: .waitlist, text: "À rappeler en deuxième", by: "presidente", at: Fixture.now)]
        let stored = try store.saveAllocation(state, expectedRevision: 0, by: "presidente")
        try store.act(as: "presidente")
        for dossier in [108, 117] { try store.recordConflict(of: "presidente", dossier: dossier, reason: "administratrice") }
        return (store, stored, root)
    }

    func testAConflictedChairsDisclosedAllocationSavedBackKeepsTheHiddenLaureateItsPlaceAndMotivation() throws {
        let (store, stored, root) = try allocatedCampaign()
        let chair = try XCTUnwrap(store.jury.member("presidente"))
        // What the board loads and edits: 14 laureates; 115 goes to the head of the waitlist, 119 is chosen.
        var edit = try store.loadAllocation().disclosed(to: Disclosure(viewer: chair, campaign: store.campaign))
        XCTAssertEqual(edit.laureates.count, 14)
        edit.laureates.removeAll { $0 == 115 }
        edit.laureates.append(119)
        edit.waitlist.insert(115, at: 0)
        try store.saveAllocation(edit, expectedRevision: edit.revision, by: "presidente")

        let onDisk = try CampaignStore.open(root).loadAllocation()
        XCTAssertEqual(onDisk.laureates.count, 15)
        XCTAssertEqual(onDisk.laureates, Array(101...114) + [119])
        XCTAssertEqual(onDisk.waitlist, [115, 116, 117, 118])
        XCTAssertEqual(onDisk.motivations, stored.motivations, "kept as stored, their authors and times too")
    }

    func testAChairInConflictCannotChangeWhoReportsOnTheDossier() throws {
        let (store, _, _) = try allocatedCampaign()
        try store.updateAssignments(by: "presidente") { (assignments: inout Assignments) throws(StoreProblem) in
            assignments.set([101: ["alice"], 108: ["alice"]])
        }
        XCTAssertEqual(try store.loadAssignments().byDossier, [101: ["alice"]], "108's rapporteurs are not the chair's to set")
        XCTAssertThrowsError(try store.replaceRapporteurs(of: 117, with: ["bob"], by: "presidente", language: .fr)) { error in
            XCTAssertEqual(String(describing: error),
                           "vous êtes en conflit d’intérêts sur le dossier n° 117 : ses rapporteurs ne sont pas les vôtres à désigner")
        }
    }

    // MARK: - History and journal

    func testAMemberNeverReadsAnothersDraftInTheHistoryNorInTheJournal() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.openForServer(root)
        func complete(_ sheet: inout ScoreSheet, _ overall: String) {
            sheet.values = ["maturite": 3, "impact": 2]
            sheet.recommendation = .reserve
            sheet.overall = overall
        }
        try store.updateSheet(reviewer: "alice", dossier: 102) { complete(&$0, "BROUILLON SECRET") }
        try store.updateSheet(reviewer: "alice", dossier: 102) { complete(&$0, "Avis soumis"); $0.status = .submitted }
        // Reopened and submitted again: the first submitted version goes to the history.
        try store.updateSheet(reviewer: "alice", dossier: 102) { $0.status = .draft; $0.overall = "BROUILLON SECRET encore" }
        try store.updateSheet(reviewer: "alice", dossier: 102) { $0.overall = "Avis soumis, revu"; $0.status = .submitted }
        try store.updateSheet(reviewer: "bob", dossier: 102) { complete(&$0, "Avis de Bob"); $0.status = .submitted }
        // A draft version lying in the history (written by hand, or by the former shared mode).
        var draft = try XCTUnwrap(store.sheet(reviewer: "alice", dossier: 102))
        draft.status = .draft
        draft.overall = "BROUILLON SECRET du répertoire"
        write(String(decoding: try Document.encode(draft, root), as: UTF8.self),
              to: CampaignFiles.history(root, "alice", 102).appending(path: "2023-09-01T00:00:00.000Z.json"))

        let bob = try XCTUnwrap(store.jury.member("bob"))
        let history = store.history(reviewer: "alice", dossier: 102, disclosedTo: Disclosure(viewer: bob, campaign: store.campaign))
        XCTAssertEqual(history.map(\.overall), ["Avis soumis"])
        XCTAssertEqual(store.history(reviewer: "alice", dossier: 102).count, 2, "Alice reads all of hers")

        for viewer in ["bob", "presidente"] {
            let shown = store.journal(visibleTo: viewer).filter { $0.entry.dossier == 102 && $0.entry.subject == "alice" }
            let texts = shown.flatMap(\.entry.changes).flatMap { [$0.beforeText, $0.afterText] }.compactMap { $0 }
            XCTAssertFalse(texts.contains { $0.contains("BROUILLON SECRET") }, "\(viewer): \(texts)")
            XCTAssertTrue(texts.contains { $0.contains("Avis soumis, revu") }, viewer)
            XCTAssertEqual(shown.map(\.entry.action), [.sheetSubmit, .sheetReopen, .sheetSubmit], "\(viewer): her draft's edits are hers")
        }
        let own = store.journal(visibleTo: "alice").filter { $0.entry.dossier == 102 }.flatMap(\.entry.changes).compactMap(\.afterText)
        XCTAssertTrue(own.contains { $0.contains("BROUILLON SECRET") }, "her own drafts are hers to read")
    }
}
