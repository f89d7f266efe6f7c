import Foundation
import JuryCore
import XCTest
@testable import JuryStore

/// seances.json: written by the chair alone, journaled, and the record of every decision taken in séance.
final class SeanceStoreTests: XCTestCase {
    func testTheChairOpensASéanceWithTheCampaignsQuorum() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        XCTAssertNil(try store.loadSeances().current)
        try store.act(on: .open(place: "Paris, salle 4", present: ["presidente", "alice"]), by: "presidente")
        let seance = try XCTUnwrap(CampaignStore.open(root).loadSeances().current)
        XCTAssertEqual(seance.number, 1)
        XCTAssertEqual(seance.place, "Paris, salle 4")
        XCTAssertEqual(seance.present, ["presidente", "alice"])
        XCTAssertEqual(seance.quorum, 2, "a majority of a jury of three")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: CampaignFiles.seances(root).path)[.posixPermissions] as? Int, 0o640)
    }

    func testOnlyTheChairRunsTheSéance() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        XCTAssertThrowsError(try store.act(on: .open(place: "Paris", present: ["alice"]), by: "alice")) { error in
            XCTAssertEqual(String(describing: error),
                           "\(root.path)/seances.json: seule la présidence du jury conduit la séance (« alice » ne la tient pas)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: CampaignFiles.seances(root).path))
        XCTAssertThrowsError(try store.act(on: .discuss(101), by: "presidente")) { error in
            XCTAssertEqual((error as? SeanceRefusal)?.message.fr, "aucune séance n’est ouverte")
        }
    }

    /// The jury's figures in séance are computed once for every console; a computation stopped
    /// halfway (its asker gone) is never the one the next console is served.
    func testJuryFiguresStoppedHalfwayAreNotKeptForTheNextConsole() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        try store.updateSheet(reviewer: "alice", dossier: 101) {
            $0.values = ["maturite": 3, "impact": 2]
            $0.recommendation = .reserve
            $0.status = .submitted
        }
        try store.act(on: .open(place: "Paris", present: ["presidente", "alice", "bob"]), by: "presidente")
        let cache = JuryFiguresCache(), chair = try XCTUnwrap(store.jury.member("presidente"))
        let gone = Cancellation(deadline: nil) { true }
        let stopped = try Cancellation.$current.withValue(gone) { try store.juryFigures(for: chair, resamples: 500, cache: cache) }
        XCTAssertTrue(gone.stoppedWork)
        XCTAssertLessThan(try XCTUnwrap(stopped).resamples, 500, "the asker gone, the bootstrap stopped")
        XCTAssertEqual(try store.juryFigures(for: chair, resamples: 500, cache: cache)?.resamples, 500,
                       "the next console gets whole figures, not the stopped ones")
    }

    func testASheetSubmittedAfterItsDiscussionBeganIsRecordedLateInTheSéance() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        func submit(_ login: String, _ dossier: Int) throws {
            try store.updateSheet(reviewer: login, dossier: dossier) {
                $0.values = ["maturite": 3, "impact": 2]
                $0.recommendation = .reserve
                $0.status = .submitted
            }
        }
        try submit("alice", 101)   // outside any séance: nothing to record
        try store.act(on: .open(place: "Paris", present: ["presidente", "alice", "bob"]), by: "presidente")
        try submit("bob", 102)     // before its discussion
        try store.act(on: .discuss(101), by: "presidente")
        try store.act(on: .endDiscussion, by: "presidente")
        try submit("bob", 101)     // after the discussion began, here after it ended
        try store.updateSheet(reviewer: "bob", dossier: 101) { $0.overall = "Précision" }   // an edit is not a submission

        let events = try XCTUnwrap(CampaignStore.open(root).loadSeances().current).events
        XCTAssertEqual(events.filter { $0.kind == .lateSheet }.map { "\($0.login ?? "") \($0.dossier ?? 0)" }, ["bob 101"])
        XCTAssertEqual(events.last?.kind, .lateSheet)
        XCTAssertTrue(text(CampaignFiles.seances(root)).contains("\"kind\" : \"fiche-tardive\""))
        // The sheet is saved like any other, flagged by the store (never by its author).
        XCTAssertEqual(store.sheet(reviewer: "bob", dossier: 101)?.status, .submitted)
        XCTAssertEqual(store.sheet(reviewer: "bob", dossier: 101)?.submittedAfterDiscussion, true, "kept through an edit")
        XCTAssertNil(store.sheet(reviewer: "bob", dossier: 102)?.submittedAfterDiscussion)
        XCTAssertNil(store.sheet(reviewer: "alice", dossier: 101)?.submittedAfterDiscussion)
        try store.updateSheet(reviewer: "bob", dossier: 101) { $0.status = .draft }
        XCTAssertNil(store.sheet(reviewer: "bob", dossier: 101)?.submittedAfterDiscussion, "reopened: a draft is not late")
        // Another member does not learn that bob submitted late; bob and the chair do.
        let alice = try XCTUnwrap(store.jury.member("alice")), bob = try XCTUnwrap(store.jury.member("bob"))
        let seances = try store.loadSeances()
        XCTAssertFalse(seances.disclosed(to: Disclosure(viewer: alice, campaign: store.campaign)).seances[0].events.contains { $0.kind == .lateSheet })
        XCTAssertTrue(seances.disclosed(to: Disclosure(viewer: bob, campaign: store.campaign)).seances[0].events.contains { $0.kind == .lateSheet })
    }

    func testDecisionsTakenInSéanceAreRecordedWithThosePresentAndTheQuorum() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        var allocation = try store.loadAllocation()
        allocation.laureates = [102]
        allocation = try store.saveAllocation(allocation, expectedRevision: 0, by: "presidente")
        XCTAssertFalse(FileManager.default.fileExists(atPath: CampaignFiles.seances(root).path), "no séance, no record")

        try store.act(on: .open(place: "Paris", present: ["presidente", "alice", "bob"]), by: "presidente")
        try store.act(on: .discuss(103), by: "presidente")
        allocation.laureates = [102, 103]
        allocation.waitlist = [101]
        allocation = try store.saveAllocation(allocation, expectedRevision: allocation.revision, by: "presidente")
        let recorded = try store.loadSeances().revision
        allocation.method = .median
        try store.saveAllocation(allocation, expectedRevision: allocation.revision, by: "presidente")
        XCTAssertEqual(try store.loadSeances().revision, recorded, "no decision changed: nothing recorded")
        try store.act(on: .close, by: "presidente")

        let seance = try XCTUnwrap(CampaignStore.open(root).loadSeances().seances.first)
        XCTAssertNotNil(seance.closedAt)
        XCTAssertEqual(seance.events.filter { $0.kind == .steppedOut }.map(\.login), ["bob"], "bob is in conflict on 103")
        let decisions = seance.events.filter { $0.kind == .decision }
        XCTAssertEqual(decisions.map(\.dossier), [101, 103], "102 was decided before the séance and did not change")
        XCTAssertEqual(decisions.map(\.decision), [.waitlist, .laureate])
        XCTAssertEqual(decisions.map(\.present), [["presidente", "alice", "bob"], ["presidente", "alice"]])
        XCTAssertEqual(decisions.map(\.quorate), [true, true])
    }

    func testEveryChangeIsJournaledAndAMemberInConflictReadsNothingOfIt() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        try store.act(on: .open(place: "Paris", present: ["presidente", "alice", "bob"]), by: "presidente")
        try store.act(on: .discuss(103), by: "presidente")
        let entries = store.journal(visibleTo: "presidente").filter { $0.entry.action == .seance }
        XCTAssertEqual(entries.count, 2)
        XCTAssertEqual(entries.last?.entry.dossier, 103)
        XCTAssertTrue(store.verifyJournal().problems.isEmpty)

        let bobs = store.journal(visibleTo: "bob").filter { $0.entry.action == .seance }
        XCTAssertEqual(bobs.count, 1, "the opening, not the discussion of the dossier he is in conflict on")
        XCTAssertFalse(bobs.contains { record in record.entry.changes.contains { ($0.afterText ?? "").contains("103") } })
        let alices = store.journal(visibleTo: "alice").filter { $0.entry.action == .seance }
        XCTAssertEqual(alices.count, 2)
        XCTAssertFalse(alices.contains { record in record.entry.changes.contains { ($0.afterText ?? "").contains("retrait-conflit") } },
                       "alice does not learn that bob stepped out")

        // A decision's attendance would name who is missing from it.
        var allocation = try store.loadAllocation()
        allocation.laureates = [101]
        try store.saveAllocation(allocation, expectedRevision: 0, by: "presidente")
        let decision = try XCTUnwrap(store.journal(visibleTo: "alice").last { $0.entry.action == .seance })
        XCTAssertTrue(decision.entry.changes.contains { ($0.afterText ?? "").contains("\"decision\"") }, "\(decision.entry.changes)")
        XCTAssertFalse(decision.entry.changes.contains { ($0.afterText ?? "").contains("\"present\"") }, "\(decision.entry.changes)")
        let chairs = try XCTUnwrap(store.journal(visibleTo: "presidente").last { $0.entry.action == .seance })
        XCTAssertTrue(chairs.entry.changes.contains { ($0.afterText ?? "").contains("\"present\"") })
    }

    /// Adopting several decisions in one save records one decision per dossier, each with those who
    /// stepped out by name, the quorum and its mode; the chair then enters a vote for one of them.
    func testEachDecisionIsItsOwnRecordWithWithdrawalsQuorumAndMode() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        XCTAssertThrowsError(try store.act(on: .open(place: "Paris", present: ["presidente"], secretary: "mallory"), by: "presidente")) { error in
            XCTAssertEqual((error as? SeanceRefusal)?.message.fr, "secrétaire : « mallory » n’est pas membre du jury")
        }
        try store.act(on: .open(place: "Paris", present: ["presidente", "alice", "bob"], secretary: "alice"), by: "presidente")
        var allocation = try store.loadAllocation()
        allocation.laureates = [101, 102, 103]
        try store.saveAllocation(allocation, expectedRevision: 0, by: "presidente")
        try store.act(on: .mode(dossiers: [103], .vote(for: 1, against: 0, abstention: 1)), by: "presidente")
        XCTAssertThrowsError(try store.act(on: .mode(dossiers: [103], .vote(for: 2, against: 1, abstention: 0)), by: "presidente"),
                             "bob stepped out: two voters") { error in
            XCTAssertEqual((error as? SeanceRefusal)?.message.fr, "vote sur le dossier n° 103 : 3 voix pour 2 votants")
        }
        XCTAssertThrowsError(try store.act(on: .mode(dossiers: [103], .vote(for: .max, against: .max, abstention: 0)), by: "presidente"),
                             "a hostile count is refused, not summed into an overflow") { error in
            XCTAssertEqual((error as? SeanceRefusal)?.message.fr, "vote sur le dossier n° 103 : \(Int.max) + \(Int.max) + 0 voix pour 2 votants")
        }

        let seance = try XCTUnwrap(CampaignStore.open(root).loadSeances().current)
        XCTAssertEqual(seance.secretary, "alice")
        let decisions = seance.events.filter { $0.kind == .decision }
        XCTAssertEqual(decisions.map(\.dossier), [101, 102, 103], "one record per dossier")
        XCTAssertEqual(decisions.map(\.withdrawn), [[], [], ["bob"]])
        XCTAssertEqual(decisions.map(\.quorum), [2, 2, 2])
        XCTAssertEqual(decisions.map(\.mode), [.consensus, .consensus, .vote(for: 1, against: 0, abstention: 1)])

        // alice reads the decisions, not who stepped out of one.
        let alices = store.journal(visibleTo: "alice").filter { $0.entry.action == .seance }
        XCTAssertTrue(alices.contains { record in record.entry.changes.contains { ($0.afterText ?? "").contains("\"decision\"") } })
        XCTAssertFalse(alices.contains { record in record.entry.changes.contains { ($0.afterText ?? "").contains("withdrawn") } })
    }

    /// `journal verify --at N`'s source: entry N of the chain the minutes cite, unchanged by later entries.
    func testTheHeadTheMinutesCiteCanBeFoundAgainAfterLaterEntries() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        try store.act(on: .open(place: "Paris", present: ["presidente"]), by: "presidente")
        let cited = try XCTUnwrap(store.journalHeadText(login: "presidente"))
        let head = try XCTUnwrap(Journal.head(CampaignFiles.journal(root, "presidente")))
        try store.act(on: .close, by: "presidente")
        XCTAssertEqual(try store.journalEntry(head.seq, login: "presidente"), head)
        XCTAssertEqual(cited, "n° \(head.seq), sha256 \(head.sha256)")
        XCTAssertNotEqual(try store.journalEntry(head.seq + 1, login: "presidente"), head)
        XCTAssertNil(try store.journalEntry(head.seq + 2, login: "presidente"))
    }
}
