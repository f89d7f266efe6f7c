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
                      limit: Int? = nil, seances: Seances = Seances(), liftsBlindReview: Bool? = nil) -> MemberView? {
        var campaign = Fixture.campaign()
        campaign.visibility = visibility
        campaign.seance = SeanceSettings(liftsBlindReview: liftsBlindReview)
        var byLogin: [String: [Int: ScoreSheet]] = [:]
        for sheet in sheets { byLogin[sheet.reviewer, default: [:]][sheet.dossier] = sheet }
        return MemberView.of(login, campaign: campaign, jury: jury, dossiers: dossiers, sheets: byLogin, seances: seances, limit: limit)
    }

    /// A séance opened by the chair with everyone present, discussing `dossier`.
    private func discussing(_ dossier: Int) -> Seances {
        var seances = Seances()
        try! seances.apply(.open(place: "Paris", present: ["claire", "alice", "bob"]), by: "claire", at: at, jury: jury, quorum: 2,
                           dossiers: Set(numbers))
        try! seances.apply(.discuss(dossier), by: "claire", at: at, jury: jury, quorum: 2, dossiers: Set(numbers))
        return seances
    }

    private func shown(_ view: MemberView?) -> Set<String> {
        Set((view?.sheets ?? []).map { "\($0.reviewer)@\($0.dossier)" })
    }

    /// The pièces justificatives travel with their dossier: a member in conflict on it receives none of them.
    func testAConflictedDossiersPiecesAreAbsentFromTheView() throws {
        let campaign = Fixture.campaign()
        var withPieces = dossiers
        for index in withPieces.indices {
            withPieces[index].pieces = [Piece(name: "statuts-\(withPieces[index].number).pdf", sha256: String(repeating: "a", count: 64),
                                              size: 10, type: "pdf", pages: 1, text: "Gouvernance du pôle \(withPieces[index].number)")]
        }
        func encoded(_ login: String) throws -> String {
            let view = try XCTUnwrap(MemberView.of(login, campaign: campaign, jury: jury, dossiers: withPieces, sheets: [:]))
            return String(decoding: try JSONEncoder().encode(view), as: UTF8.self)
        }
        let alice = try encoded("alice"), claire = try encoded("claire")
        for number in [101, 102] { XCTAssertTrue(alice.contains("Gouvernance du pôle \(number)") && alice.contains("statuts-\(number).pdf")) }
        XCTAssertFalse(alice.contains("Gouvernance du pôle 103") || alice.contains("statuts-103.pdf"), "alice is in conflict on 103")
        XCTAssertTrue(claire.contains("Gouvernance du pôle 103"))
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

    // MARK: The séance

    func testTheDossierInDiscussionShowsItsSheetsToThoseFreeOfConflictWhateverTheRule() {
        let sheets = [sheet("bob", 101, submitted: true), sheet("claire", 101, submitted: true), sheet("bob", 103, submitted: true)]
        XCTAssertEqual(shown(view("alice", sheets: sheets)), [], "blind review outside the séance")
        XCTAssertEqual(shown(view("alice", sheets: sheets, visibility: .never, seances: discussing(101))), ["bob@101", "claire@101"])
        XCTAssertEqual(shown(view("alice", sheets: sheets, seances: discussing(101), liftsBlindReview: false)), [],
                       "the campaign may keep blind review during the séance")
        let ended = { () -> Seances in
            var seances = self.discussing(101)
            try! seances.apply(.endDiscussion, by: "claire", at: self.at, jury: self.jury, quorum: 2, dossiers: Set(self.numbers))
            return seances
        }()
        XCTAssertEqual(shown(view("alice", sheets: sheets, seances: ended)), [], "blind review again once the discussion ends")
    }

    func testAMemberInConflictLearnsThatADossierIsDiscussedNeverWhich() throws {
        let sheets = [sheet("bob", 103, submitted: true), sheet("claire", 103, submitted: true)]
        let alice = try XCTUnwrap(view("alice", sheets: sheets, seances: discussing(103)))
        XCTAssertEqual(shown(alice), [])
        XCTAssertEqual(alice.seance?.discussing, nil)
        XCTAssertEqual(alice.seance?.discussingConflicted, true)
        let encoded = String(decoding: try JSONEncoder().encode(alice.seance), as: UTF8.self)
        XCTAssertFalse(encoded.contains("103"), "the séance does not name the dossier: \(encoded)")
        XCTAssertEqual(alice.seance?.banner(.fr) { _ in "?" },
                       "Séance n° 1 — Paris — 3 présents, quorum 2 — Dossier en discussion : vous êtes en conflit d’intérêts sur ce dossier")
        let bob = try XCTUnwrap(view("bob", sheets: sheets, seances: discussing(103)))
        XCTAssertEqual(bob.seance?.discussing, 103)
        XCTAssertEqual(shown(bob), ["bob@103", "claire@103"])
    }

    func testADiscussionRecordsThatThoseInConflictSteppedOut() {
        let seance = discussing(103).current
        XCTAssertEqual(seance?.events.filter { $0.kind == .steppedOut }.map { "\($0.login ?? "")@\($0.dossier ?? 0)" }, ["alice@103"])
        XCTAssertEqual(seance?.discussing, 103)
    }

    func testDecisionsInSéanceSayWhoTookPartAndWhetherTheyMadeTheQuorum() {
        var seances = discussing(102)
        let before = AllocationState(drawSeed: 1, laureates: [101])
        let after = AllocationState(drawSeed: 1, laureates: [101, 102], waitlist: [103])
        XCTAssertTrue(seances.recordDecisions(from: before, to: after, jury: jury, at: at))
        let decisions = seances.current?.events.filter { $0.kind == .decision } ?? []
        XCTAssertEqual(decisions.map(\.dossier), [102, 103], "101 did not change")
        XCTAssertEqual(decisions.first?.decision, .laureate)
        XCTAssertEqual(decisions.first?.present, ["claire", "alice"], "bob, in conflict on 102, took no part")
        XCTAssertEqual(decisions.first?.quorate, true)
        var strict = discussing(102)
        strict.seances[0].quorum = 3
        strict.recordDecisions(from: before, to: after, jury: jury, at: at)
        XCTAssertEqual(strict.current?.events.last { $0.kind == .decision }?.quorate, false, "2 of a quorum of 3")
        var none = Seances()
        XCTAssertFalse(none.recordDecisions(from: before, to: after, jury: jury, at: at), "nothing outside a séance")
    }

    func testAMemberReadsTheRecordWithoutOthersConflicts() {
        var seances = discussing(103)
        seances.recordDecisions(from: nil, to: AllocationState(drawSeed: 1, laureates: [101, 103]), jury: jury, at: at)
        let claire = jury.member("claire")!, alice = jury.member("alice")!, bob = jury.member("bob")!
        let campaign = Fixture.campaign()
        let forAlice = seances.disclosed(to: Disclosure(viewer: alice, campaign: campaign)).seances[0].events
        XCTAssertFalse(forAlice.contains { $0.dossier == 103 }, "nothing about her conflict")
        let forBob = seances.disclosed(to: Disclosure(viewer: bob, campaign: campaign)).seances[0].events
        XCTAssertFalse(forBob.contains { $0.kind == .steppedOut }, "not that alice stepped out")
        XCTAssertTrue(forBob.allSatisfy { $0.present == nil }, "nor who is missing from a decision")
        XCTAssertEqual(seances.disclosed(to: Disclosure(viewer: claire, campaign: campaign)), seances)
    }

    func testTheChairAloneNeverOpensTwoSéancesAndNamesOnlyMembers() {
        var seances = discussing(101)
        XCTAssertThrowsError(try seances.apply(.open(place: "Lyon", present: []), by: "claire", at: at, jury: jury, quorum: 2,
                                               dossiers: Set(numbers)))
        var fresh = Seances()
        XCTAssertThrowsError(try fresh.apply(.open(place: "Paris", present: ["mallory"]), by: "claire", at: at, jury: jury, quorum: 2,
                                             dossiers: Set(numbers)))
        XCTAssertThrowsError(try fresh.apply(.open(place: " ", present: ["alice"]), by: "claire", at: at, jury: jury, quorum: 2,
                                             dossiers: Set(numbers)))
        XCTAssertThrowsError(try fresh.apply(.discuss(101), by: "claire", at: at, jury: jury, quorum: 2, dossiers: Set(numbers)))
        try! seances.apply(.close, by: "claire", at: at, jury: jury, quorum: 2, dossiers: Set(numbers))
        XCTAssertNil(seances.current)
        XCTAssertEqual(seances.seances[0].events.last?.kind, .discussionEnded, "closing ends the discussion")
    }

    func testArrivalsAndDeparturesMoveTheQuorumAndAnArrivalInConflictStepsOut() throws {
        var seances = Seances()
        let known = Set(numbers)
        try seances.apply(.open(place: "Paris", present: ["claire"]), by: "claire", at: at, jury: jury, quorum: 2, dossiers: known)
        XCTAssertEqual(seances.current?.hasQuorum, false)
        try seances.apply(.discuss(103), by: "claire", at: at, jury: jury, quorum: 2, dossiers: known)
        try seances.apply(.arrive("alice"), by: "claire", at: at, jury: jury, quorum: 2, dossiers: known)
        XCTAssertEqual(seances.current?.hasQuorum, true)
        XCTAssertEqual(seances.current?.events.suffix(2).map(\.kind), [.arrival, .steppedOut], "alice is in conflict on 103")
        XCTAssertThrowsError(try seances.apply(.arrive("alice"), by: "claire", at: at, jury: jury, quorum: 2, dossiers: known))
        try seances.apply(.leave("alice"), by: "claire", at: at, jury: jury, quorum: 2, dossiers: known)
        XCTAssertEqual(seances.current?.present, ["claire"])
        XCTAssertEqual(seances.current?.events.last?.kind, .departure)
        XCTAssertThrowsError(try seances.apply(.leave("bob"), by: "claire", at: at, jury: jury, quorum: 2, dossiers: known))
    }
}
