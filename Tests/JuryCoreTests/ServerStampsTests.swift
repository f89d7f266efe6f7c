import XCTest
@testable import JuryCore

/// What the jury server makes of what a member sends (issue 17): stamps it owns, views it merged back.
final class ServerStampsTests: XCTestCase {
    private let forged = Instant("2020-01-01T00:00:00+01:00")!
    private let created = Instant("2023-09-01T09:00:00+02:00")!
    private let submitted = Instant("2023-09-10T11:00:00+02:00")!
    private let now = Instant("2023-09-15T10:00:00+02:00")!

    private func sheet(_ status: SheetStatus, by reviewer: String = "alice", at time: Instant, submittedAt: Instant? = nil) -> ScoreSheet {
        var sheet = ScoreSheet(dossier: 101, reviewer: reviewer, at: time)
        sheet.values = ["maturite": 3]
        sheet.overall = "Avis"
        sheet.status = status
        sheet.submittedAt = submittedAt
        return sheet
    }

    func testForgedAuthorAndDatesOfASheetAreReplacedByTheServers() {
        let sent = sheet(.submitted, by: "mallory", at: forged, submittedAt: forged)
        // Submitted by this save, over a draft created earlier.
        let overDraft = sent.stamped(by: "alice", over: sheet(.draft, at: created), at: now)
        XCTAssertEqual(overDraft.reviewer, "alice")
        XCTAssertEqual(overDraft.createdAt.text, created.text)
        XCTAssertEqual(overDraft.updatedAt.text, now.text)
        XCTAssertEqual(overDraft.submittedAt?.text, now.text)
        // Already submitted: the first submission's date stays.
        let overSubmitted = sent.stamped(by: "alice", over: sheet(.submitted, at: created, submittedAt: submitted), at: now)
        XCTAssertEqual(overSubmitted.submittedAt?.text, submitted.text)
        // A new draft: created now, never submitted.
        let newDraft = sheet(.draft, at: forged, submittedAt: forged).stamped(by: "alice", over: nil, at: now)
        XCTAssertEqual(newDraft.createdAt.text, now.text)
        XCTAssertNil(newDraft.submittedAt)
        // What the reviewer wrote is theirs.
        XCTAssertTrue(overDraft.saysTheSame(as: sent))
        XCTAssertEqual(overDraft.values, sent.values)
    }

    func testASheetSaysTheSameWhateverItsStampsButNotWhenItsWordsDiffer() {
        let stored = sheet(.submitted, at: created, submittedAt: submitted)
        XCTAssertTrue(sheet(.submitted, at: forged, submittedAt: forged).saysTheSame(as: stored))
        var changed = stored
        changed.comments["maturite"] = "Plus mûr qu’annoncé"
        XCTAssertFalse(changed.saysTheSame(as: stored))
        XCTAssertFalse(sheet(.draft, at: created).saysTheSame(as: stored))
    }
}
