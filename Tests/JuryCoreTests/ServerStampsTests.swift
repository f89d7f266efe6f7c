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

    // MARK: - The allocation

    private func chair(conflictsOn dossiers: [Int]) -> Disclosure {
        let member = JuryMember(login: "presidente", name: "Claire Martin", role: .chair,
                                conflicts: dossiers.map { ConflictOfInterest(dossier: $0, reason: "administratrice") })
        return Disclosure(viewer: member, campaign: Fixture.campaign())
    }

    func testAConflictedChairsDisclosedAllocationSavedBackKeepsWhatItHid() {
        var stored = AllocationState(drawSeed: 7)
        stored.laureates = Array(101...115)
        stored.waitlist = [116, 117, 118]
        stored.motivations = [Motivation(dossier: 108, decision: .laureate, text: "Hors proposition, motivée", by: "presidente", at: created),
                              Motivation(dossier: 117, decision: .waitlist, text: "À rappeler", by: "presidente", at: created)]
        let disclosure = chair(conflictsOn: [108, 117])
        var edit = stored.disclosed(to: disclosure)
        XCTAssertEqual(edit.laureates.count, 14)
        // The board moves 115 to the head of the waitlist and chooses 119 instead.
        edit.laureates.removeAll { $0 == 115 }
        edit.laureates.append(119)
        edit.waitlist.insert(115, at: 0)

        let merged = stored.merging(edit, hiddenFrom: disclosure)
        XCTAssertEqual(merged.laureates, Array(101...114) + [119])
        XCTAssertEqual(merged.laureates.count, 15)
        XCTAssertEqual(merged.waitlist, [115, 116, 117, 118])
        XCTAssertEqual(merged.motivations, stored.motivations)
    }

    func testAHiddenDossierStaysPutAndCannotBePlacedByTheChairInConflict() {
        var stored = AllocationState(drawSeed: 7)
        stored.waitlist = [116, 117, 118]
        let disclosure = chair(conflictsOn: [117])
        var edit = stored.disclosed(to: disclosure)
        // 116 leaves the waitlist: 117 keeps its place after nothing, before 118; 117 sent as a laureate is not placed.
        edit.waitlist = [118]
        edit.laureates = [117]
        let merged = stored.merging(edit, hiddenFrom: disclosure)
        XCTAssertEqual(merged.waitlist, [117, 118])
        XCTAssertEqual(merged.laureates, [])
        // Nothing hidden: the edit as it is.
        XCTAssertEqual(stored.merging(edit, hiddenFrom: chair(conflictsOn: [])), edit)
    }

    func testTheAllocationsAuthorsAndTimesAreTheServers() {
        var stored = AllocationState(drawSeed: 7)
        stored.laureates = [101]
        stored.motivations = [Motivation(dossier: 101, decision: .laureate, text: "Motivée", by: "presidente", at: created)]
        var sent = stored
        sent.laureates = [101, 102]
        sent.motivations = [Motivation(dossier: 101, decision: .laureate, text: "Motivée", by: "mallory", at: forged),
                            Motivation(dossier: 102, decision: .laureate, text: "Nouvelle", by: "mallory", at: forged)]
        sent.reopenings = [Reopening(finalized: Finalization(at: forged, by: "mallory"), motivation: "Inventée", by: "mallory", at: forged)]
        sent.finalized = Finalization(at: forged, by: "mallory")
        sent.updatedAt = forged
        sent.updatedBy = "mallory"
        let stamped = sent.stamped(by: "presidente", over: stored, at: now)
        XCTAssertEqual(stamped.motivations.map(\.by), ["presidente", "presidente"])
        XCTAssertEqual(stamped.motivations.map(\.at.text), [created.text, now.text])
        // A reopening is only ever added to a finalised allocation.
        XCTAssertNil(stamped.reopenings)
        XCTAssertEqual(stamped.finalized, Finalization(at: now, by: "presidente"))
        XCTAssertEqual(stamped.updatedAt?.text, now.text)
        XCTAssertEqual(stamped.updatedBy, "presidente")
    }

    // MARK: - Versions of sheets

    func testAnothersDraftIsNeverReadableOnlyTheirSubmittedVersions() {
        let bob = JuryMember(login: "bob", name: "Bob", role: .reviewer)
        let disclosure = Disclosure(viewer: bob, campaign: Fixture.campaign())
        let sheets = [sheet(.submitted, at: created, submittedAt: submitted), sheet(.submitted, by: "bob", at: created, submittedAt: submitted)]
            .byReviewer
        XCTAssertTrue(disclosure.mayRead(versionOf: "alice", status: .submitted, on: 101, sheets: sheets))
        XCTAssertFalse(disclosure.mayRead(versionOf: "alice", status: .draft, on: 101, sheets: sheets))
        XCTAssertTrue(disclosure.mayRead(versionOf: "bob", status: .draft, on: 101, sheets: sheets))
        // Before Bob submits his own, not even Alice's submitted versions.
        let blind = [sheet(.submitted, at: created, submittedAt: submitted), sheet(.draft, by: "bob", at: created)].byReviewer
        XCTAssertFalse(disclosure.mayRead(versionOf: "alice", status: .submitted, on: 101, sheets: blind))
    }
}
