import JuryCore
import XCTest

/// What the jury server sends a member (docs/SERVER.md): built here without a server, so that each
/// rule of disclosure is checked on its own.
final class MemberViewTests: XCTestCase {
    private let numbers = [101, 102, 103]
    private let at = Fixture.opening

    private var dossiers: [Dossier] {
        numbers.map { number in
            var dossier = Fixture.dossier()
            dossier.number = number
            return dossier
        }
    }

    private var jury: Jury {
        Jury(members: [
            JuryMember(login: "claire", name: "Claire", role: .chair),
            JuryMember(login: "alice", name: "Alice", role: .reviewer,
                       conflicts: [ConflictOfInterest(dossier: 103, reason: "administratrice", recordedBy: "claire")]),
            JuryMember(login: "bob", name: "Bob", role: .reviewer,
                       conflicts: [ConflictOfInterest(dossier: 102, reason: "salarié d’un membre", recordedBy: "bob")]),
        ])
    }

    private func sheet(_ reviewer: String, _ dossier: Int, submitted: Bool) -> ScoreSheet {
        var sheet = ScoreSheet(dossier: dossier, reviewer: reviewer, at: at)
        for criterion in Fixture.grid { try! sheet.apply(.setValue(criterion: criterion.key, value: 3), grid: Fixture.grid, at: at) }
        try! sheet.apply(.setRecommendation(.favorable), grid: Fixture.grid, at: at)
        if submitted { try! sheet.submit(grid: Fixture.grid, at: at) }
        return sheet
    }

    private func view(_ login: String, sheets: [ScoreSheet], visibility: ScoreVisibility = .afterOwnSubmission,
                      limit: Int? = nil) -> MemberView? {
        var campaign = Fixture.campaign()
        campaign.visibility = visibility
        var byLogin: [String: [Int: ScoreSheet]] = [:]
        for sheet in sheets { byLogin[sheet.reviewer, default: [:]][sheet.dossier] = sheet }
        return MemberView.of(login, campaign: campaign, jury: jury, dossiers: dossiers, sheets: byLogin, limit: limit)
    }

    private func shown(_ view: MemberView?) -> Set<String> {
        Set((view?.sheets ?? []).map { "\($0.reviewer)@\($0.dossier)" })
    }

    func testAReviewerSeesOthersSubmittedSheetsOnlyOnceTheirOwnIsSubmitted() {
        let bobs = sheet("bob", 101, submitted: true)
        let before = view("alice", sheets: [bobs, sheet("alice", 101, submitted: false)])
        XCTAssertEqual(shown(before), ["alice@101"], "her draft, nothing of bob's")
        let after = view("alice", sheets: [bobs, sheet("alice", 101, submitted: true)])
        XCTAssertEqual(shown(after), ["alice@101", "bob@101"])
        XCTAssertEqual(shown(view("alice", sheets: [bobs], visibility: .always)), ["bob@101"])
        XCTAssertEqual(shown(view("alice", sheets: [bobs, sheet("alice", 101, submitted: true)], visibility: .never)), ["alice@101"])
    }

    func testADraftGoesToItsAuthorAlone() {
        let drafts = [sheet("bob", 101, submitted: false), sheet("alice", 101, submitted: true)]
        XCTAssertEqual(shown(view("alice", sheets: drafts)), ["alice@101"])
        XCTAssertEqual(shown(view("claire", sheets: drafts)), ["alice@101"], "the chair reads submitted sheets, not drafts")
    }

    func testAConflictedDossierIsAbsentFromEverything() {
        let sheets = [sheet("bob", 103, submitted: true), sheet("claire", 103, submitted: true)]
        let alices = view("alice", sheets: sheets, visibility: .always)
        XCTAssertEqual(alices?.dossiers.map(\.number), [101, 102])
        XCTAssertEqual(shown(alices), [])
        XCTAssertEqual(view("claire", sheets: sheets)?.dossiers.map(\.number), numbers)
    }

    func testOthersConflictsAreTheChairsToKnow() {
        let alices = view("alice", sheets: [])!
        XCTAssertEqual(alices.jury.member("alice")?.conflicts.map(\.dossier), [103], "her own")
        XCTAssertEqual(alices.jury.member("bob")?.conflicts, [], "not bob's")
        XCTAssertEqual(view("claire", sheets: [])?.jury.member("bob")?.conflicts.map(\.dossier), [102])
    }

    func testAStrangerGetsNoViewAndAPreviewSaysItIsIncomplete() {
        XCTAssertNil(view("eve", sheets: []))
        let preview = view("claire", sheets: [], limit: 2)
        XCTAssertEqual(preview?.dossiers.map(\.number), [101, 102])
        XCTAssertEqual(preview?.complete, false)
        XCTAssertEqual(view("claire", sheets: [], limit: 3)?.complete, true)
    }
}
