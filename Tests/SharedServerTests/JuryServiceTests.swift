import Foundation
import JuryCore
import JuryDemo
@testable import JuryServer
import JuryStore
import XCTest

/// The server's core in process, without sockets or accounts: what each connected console is told
/// after a change, stale saves, and a save sent twice (docs/SERVER.md, « One writer », « Live »).
final class JuryServiceTests: XCTestCase {
    private var service: JuryService!
    private var reviewers: [String] = []
    private var chair = ""
    private var numbers: [Int] = []
    private var grid: [Criterion] = []

    override func setUpWithError() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "ptce-service-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        let generated = SyntheticCampaign.generate(dossiers: 4, reviewers: 2, seed: 3)
        var jury = generated.jury
        for index in jury.members.indices { jury.members[index].conflicts = [] }
        try CampaignStore.create(at: root, campaign: generated.campaign, jury: jury, dossiers: generated.dossiers, sheets: [])
        service = JuryService(store: try CampaignStore.openForServer(root), log: { _ in })
        reviewers = jury.reviewers.map(\.login)
        chair = try XCTUnwrap(jury.members.first { $0.role == .chair }?.login)
        numbers = generated.dossiers.map(\.number)
        grid = generated.campaign.criteria
    }

    private final class Console: MemberConnection, @unchecked Sendable {
        let login: String
        private let lock = NSLock()
        private var lines: [Data] = []
        init(_ login: String) { self.login = login }
        var isOpen: Bool { true }
        func send(_ line: Data) { lock.withLock { lines.append(line) } }
        /// The pushes received since the last call.
        func pushes() -> [MemberUpdate] {
            lock.withLock {
                defer { lines.removeAll() }
                return lines.compactMap { try? JSONDecoder().decode(WireAnswer.self, from: $0).push }
            }
        }
    }

    /// A request's answer as a test reads it: the value, or the refusal in French.
    private struct Answer<Value> {
        var value: Value?
        var refusal: Refusal?
        var error: String? { refusal?.text(.fr) }
    }

    private func call<R: JuryRequest>(_ request: R, session: String? = nil, change: Int? = nil, language: Language = .fr,
                                      from console: Console) -> Answer<R.Response> {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var line = Data()
        let sent = try! Wire.requestLine(request, id: 1, session: session, language: language, change: change)
        service.submit(sent, from: console) { answer in
            line = answer
            done.signal()
        }
        done.wait()
        if let refusal = (try? JSONDecoder().decode(WireAnswer.self, from: line))?.refusal { return Answer(refusal: refusal) }
        do { return Answer(value: try JSONDecoder().decode(WireResult<R.Response>.self, from: line).result) } catch {
            XCTFail("\(error) in \(String(decoding: line.prefix(300), as: UTF8.self))")
            return Answer()
        }
    }

    private func sheet(_ reviewer: String, _ value: Int, submitted: Bool = false) throws -> ScoreSheet {
        var sheet = ScoreSheet(dossier: numbers[0], reviewer: reviewer, at: Instant(Date()))
        for criterion in grid { try sheet.apply(.setValue(criterion: criterion.key, value: value), grid: grid, at: Instant(Date())) }
        try sheet.apply(.setRecommendation(.favorable), grid: grid, at: Instant(Date()))
        if submitted { try sheet.submit(grid: grid, at: Instant(Date())) }
        return sheet
    }

    func testEachConsoleIsToldOnlyWhatItsMemberMaySee() throws {
        let alice = Console(reviewers[0]), bob = Console(reviewers[1]), claire = Console(chair)
        for (console, session) in [(alice, "a"), (bob, "b"), (claire, "c")] {
            XCTAssertNotNil(call(AttachRequest(), session: session, from: console).value)
        }
        XCTAssertNil(call(SaveSheetRequest(sheet: try sheet(alice.login, 3)), session: "a", from: alice).error)
        XCTAssertTrue(bob.pushes().isEmpty, "a draft goes to nobody else")
        XCTAssertTrue(claire.pushes().isEmpty)
        XCTAssertNil(call(SaveSheetRequest(sheet: try sheet(alice.login, 3, submitted: true)), session: "a", from: alice).error)
        XCTAssertTrue(bob.pushes().isEmpty, "bob has not submitted his own")
        XCTAssertEqual(claire.pushes().flatMap(\.sheets).map(\.reviewer), [alice.login], "the chair reads it at once")
        // Once bob submits, alice's sheet reaches him and his reaches her.
        XCTAssertNil(call(SaveSheetRequest(sheet: try sheet(bob.login, 4, submitted: true)), session: "b", from: bob).error)
        XCTAssertEqual(Set(bob.pushes().flatMap(\.sheets).map(\.reviewer)), [alice.login, bob.login])
        XCTAssertEqual(alice.pushes().flatMap(\.sheets).map(\.reviewer).filter { $0 == bob.login }, [bob.login])
    }

    func testAStaleSaveIsRefusedAndASaveSentTwiceIsTakenOnce() throws {
        let first = Console(reviewers[0]), second = Console(reviewers[0])
        _ = call(AttachRequest(), session: "premier", from: first)
        _ = call(AttachRequest(), session: "second", from: second)
        service.detach(second)
        let saved = call(SaveSheetRequest(sheet: try sheet(first.login, 2)), session: "premier", from: first)
        XCTAssertNil(saved.error)
        // The second console, gone before that save, comes back with a change made from what it knew.
        let stale = call(SaveSheetRequest(sheet: try sheet(first.login, 5)), session: "second", from: second)
        XCTAssertTrue(stale.error?.contains("a été modifiée ou supprimée dans une autre session") == true, stale.error ?? "accepted")
        // The first sends its save again (its acknowledgement lost): recognised, still the same sheet.
        let again = call(SaveSheetRequest(sheet: try XCTUnwrap(saved.value)), session: "premier", from: first)
        XCTAssertNil(again.error)
        XCTAssertEqual(again.value, saved.value)
        XCTAssertEqual(service.store.sheet(reviewer: first.login, dossier: numbers[0])?.values[grid[0].key], 2)
    }

    /// Over the member's allowance, a sheet's saves are not refused: they wait for its next change,
    /// fold into one another, and the last one is written once; every one is acknowledged.
    func testSavesOfOneSheetOverTheAllowanceWaitAndAreWrittenOnce() throws {
        // 3 changes a second, a burst of 10.
        let slow = JuryService(store: service.store, changesPerSecond: 3, log: { _ in })
        let alice = Console(reviewers[0])
        let journal = CampaignFiles.journal(service.store.root, CampaignFiles.serverChain)
        func entries() -> Int { ((try? String(contentsOf: journal, encoding: .utf8)) ?? "").split(separator: "\n").count }
        let before = entries()
        let answers = Results<Data>(count: 30), done = DispatchGroup()
        func save(_ index: Int) throws {
            var draft = try sheet(alice.login, 1 + index % 5)
            draft.overall = "version \(index)"
            done.enter()
            slow.submit(try Wire.requestLine(SaveSheetRequest(sheet: draft), id: index, session: "a", language: .fr, change: index + 1),
                        from: alice) { answers[index] = $0; done.leave() }
        }
        // The burst, one save at a time; then 20 at once, past it.
        for index in 0..<10 {
            try save(index)
            done.wait()
        }
        for index in 10..<30 { try save(index) }
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
        for (index, line) in answers.values.enumerated() {
            let answer = try JSONDecoder().decode(WireResult<ScoreSheet>.self, from: line)
            XCTAssertEqual(answer.id, index)
            XCTAssertEqual(answer.result.overall, index < 10 ? "version \(index)" : "version 29")
        }
        XCTAssertEqual(service.store.sheet(reviewer: alice.login, dossier: numbers[0])?.overall, "version 29")
        XCTAssertEqual(entries() - before, 11, "the 20 saves past the burst are written once")
    }

    /// The store words its refusals in both languages; the member's side reads theirs.
    func testTheStoresRefusalReachesAnEnglishMemberInEnglish() throws {
        let first = Console(reviewers[0]), second = Console(reviewers[0])
        _ = call(AttachRequest(), session: "first", language: .en, from: first)
        _ = call(AttachRequest(), session: "second", language: .en, from: second)
        service.detach(second)
        XCTAssertNil(call(SaveSheetRequest(sheet: try sheet(first.login, 2)), session: "first", language: .en, from: first).error)
        let stale = call(SaveSheetRequest(sheet: try sheet(first.login, 5)), session: "second", language: .en, from: second)
        let english = try XCTUnwrap(stale.refusal?.text(.en))
        // The file named within the campaign: where the server keeps it is none of the member's business.
        let file = "reviewers/\(first.login)/sheets/\(numbers[0]).json"
        XCTAssertFalse(english.contains(service.store.root.path), english)
        XCTAssertEqual(english, "\(file): sheet no. \(numbers[0]) of “\(first.login)” was changed or deleted in another session "
                                + "since it was read: nothing was written; reload the campaign and start again")
        XCTAssertEqual(stale.error, "\(file): la fiche n° \(numbers[0]) de « \(first.login) » a été modifiée ou supprimée dans une autre session "
                                    + "depuis sa lecture : rien n’a été écrit ; rechargez la campagne et recommencez")
    }

    func testAMemberSavesOnlyTheirOwnSheetWhateverTheMessageSays() throws {
        let alice = Console(reviewers[0])
        let forged = call(SaveSheetRequest(sheet: try sheet(reviewers[1], 1)), session: "a", from: alice)
        XCTAssertEqual(forged.error, "vous n’enregistrez que vos propres fiches (vous êtes \(alice.login))")
        XCTAssertNil(service.store.sheet(reviewer: reviewers[1], dossier: numbers[0]))
        let stranger = call(AttachRequest(), session: "e", from: Console("eve"))
        XCTAssertTrue(stranger.error?.contains("« eve » n’est pas membre du jury de cette campagne") == true, stranger.error ?? "")
    }

    /// The log is the administrator's: in the server's language (`serve --lang en`), whatever the member's.
    func testTheLogSpeaksTheServersLanguage() throws {
        final class Lines: @unchecked Sendable {
            private let lock = NSLock()
            private var lines: [String] = []
            func append(_ line: String) { lock.withLock { lines.append(line) } }
            var all: [String] { lock.withLock { lines } }
        }
        let lines = Lines()
        service = JuryService(store: service.store, language: .en, log: lines.append)
        let alice = Console(reviewers[0])
        XCTAssertNotNil(call(SaveSheetRequest(sheet: try sheet(reviewers[1], 1)), session: "a", language: .fr, from: alice).refusal)
        XCTAssertEqual(lines.all, ["refused to \(alice.login) (saveSheet): you save only your own sheets (you are \(alice.login))"])
    }

    func testTheChairsRapporteursReachEveryConsoleButNotWhereAMemberIsInConflict() throws {
        let alice = Console(reviewers[0]), bob = Console(reviewers[1]), claire = Console(chair)
        for (console, session) in [(alice, "a"), (bob, "b"), (claire, "c")] {
            XCTAssertNotNil(call(AttachRequest(), session: session, from: console).value)
        }
        XCTAssertNil(call(DeclareConflictRequest(dossier: numbers[1], reason: "gérant"), from: bob).error)
        _ = (alice.pushes(), bob.pushes(), claire.pushes())
        XCTAssertNil(call(SaveRapporteursRequest(dossier: numbers[0], reviewers: [alice.login, bob.login]), from: claire).error)
        XCTAssertNil(call(SaveRapporteursRequest(dossier: numbers[1], reviewers: [alice.login]), from: claire).error)
        let told = try XCTUnwrap(alice.pushes().compactMap(\.assignments).last)
        XCTAssertEqual(told.byDossier, [numbers[0]: [alice.login, bob.login], numbers[1]: [alice.login]])
        // Bob is in conflict on the second dossier: not even who reports on it.
        XCTAssertEqual(try XCTUnwrap(bob.pushes().compactMap(\.assignments).last).byDossier, [numbers[0]: [alice.login, bob.login]])
        // The same rules as `assign`: nobody on a dossier they are in conflict on, and only the chair assigns.
        let conflicted = call(SaveRapporteursRequest(dossier: numbers[1], reviewers: [bob.login]), from: claire)
        XCTAssertTrue(conflicted.error?.contains("conflit d’intérêts") ?? false, conflicted.error ?? "accepted")
        let refused = call(SaveRapporteursRequest(dossier: numbers[2], reviewers: [alice.login]), from: alice)
        XCTAssertEqual(refused.refusal?.code, .chairOnly, refused.error ?? "accepted")
        // Taken off a dossier, nothing of a sheet is lost; the progress counts it apart.
        XCTAssertNil(call(SaveSheetRequest(sheet: try sheet(alice.login, 4, submitted: true)), session: "a", from: alice).error)
        XCTAssertNil(call(SaveRapporteursRequest(dossier: numbers[0], reviewers: [bob.login]), from: claire).error)
        let progress = try XCTUnwrap(call(ProgressRequest(), from: claire).value)
        XCTAssertEqual(progress.first { $0.login == alice.login }?.outside, 1)
        XCTAssertEqual(progress.first { $0.login == bob.login }?.waiting, [numbers[0]])
        XCTAssertEqual(try XCTUnwrap(call(ProgressRequest(), from: alice).value).map(\.login), [alice.login],
                       "a member reads their own progress only")
    }

    /// The console's finalisation through the server: the chair's checklist, the snapshot written on
    /// the server, and every console's sheet refused from then on.
    func testTheChairFinalisesFromAConsoleAndNoSheetIsTakenAfterwards() throws {
        let alice = Console(reviewers[0]), claire = Console(chair)
        XCTAssertNil(call(AttachRequest(), session: "a", from: alice).value?.finalized)
        XCTAssertNil(call(SaveSheetRequest(sheet: try sheet(alice.login, 3, submitted: true)), session: "a", from: alice).error)
        _ = alice.pushes()
        XCTAssertEqual(call(ChecklistRequest(), from: alice).refusal?.code, .chairOnly,
                       "the rapporteurs and who stepped out are the chair's to know")
        let inputs = call(ChecklistRequest(), from: claire)
        XCTAssertNil(inputs.error)
        XCTAssertNotNil(inputs.value?.assignments)
        XCTAssertNotNil(inputs.value?.seances)

        var allocation = try XCTUnwrap(call(LoadAllocationRequest(), from: claire).value)
        allocation.laureates = [numbers[0]]
        allocation.finalized = Finalization(at: Instant(Date()), by: chair)
        let saved = call(SaveAllocationRequest(allocation: allocation, expectedRevision: allocation.revision), from: claire)
        XCTAssertNil(saved.error)
        let finalized = try XCTUnwrap(saved.value?.finalized)
        XCTAssertEqual(try service.store.loadSnapshot(finalized)?.allocation.laureates, [numbers[0]])
        // Every attached console learns it at once, and a console attaching later from its view: their sheets open read-only.
        let pushed = alice.pushes().last { $0.allocationChanged }
        XCTAssertEqual(pushed?.finalized, finalized)
        XCTAssertEqual(call(AttachRequest(), session: "a2", from: alice).value?.finalized, finalized)

        let refused = call(SaveSheetRequest(sheet: try sheet(alice.login, 5)), session: "a", from: alice)
        XCTAssertTrue(refused.error?.contains("la fiche ne peut plus être modifiée ; la présidence peut la rouvrir") == true, refused.error ?? "accepted")
        XCTAssertTrue(refused.refusal?.text(.en).contains("the sheet can no longer be changed; the chair may reopen it") == true,
                      refused.refusal?.text(.en) ?? "accepted")
        XCTAssertEqual(service.store.sheet(reviewer: alice.login, dossier: numbers[0])?.values[grid[0].key], 3)
    }

    func testTheSéanceReachesEachConsoleAsItsMemberMayKnowIt() throws {
        let alice = Console(reviewers[0]), bob = Console(reviewers[1]), claire = Console(chair)
        for (console, session) in [(alice, "a"), (bob, "b"), (claire, "c")] {
            XCTAssertNotNil(call(AttachRequest(), session: session, from: console).value)
        }
        let conflicted = numbers[1]
        XCTAssertNil(call(DeclareConflictRequest(dossier: conflicted, reason: "salarié"), from: bob).error)
        XCTAssertNil(call(SaveSheetRequest(sheet: try sheet(reviewers[1], 4, submitted: true)), session: "b", from: bob).error)
        _ = (alice.pushes(), bob.pushes(), claire.pushes())

        XCTAssertNotNil(call(ConnectedRequest(), from: alice).error, "the chair's alone")
        XCTAssertNotNil(call(SeanceActRequest(action: .open(place: "Paris", present: [])), from: alice).error)
        let connected = try XCTUnwrap(call(ConnectedRequest(), from: claire).value)
        XCTAssertEqual(Set(connected), Set([chair] + reviewers))
        XCTAssertEqual(call(SeanceActRequest(action: .open(place: "Paris", present: connected)), from: claire).value?.seance?.place, "Paris")
        XCTAssertEqual(alice.pushes().last?.seance?.present.count, 3)

        // In discussion, bob's submitted sheet reaches alice, who has none of her own on the dossier.
        _ = call(SeanceActRequest(action: .discuss(numbers[0])), from: claire)
        let discussing = alice.pushes()
        XCTAssertEqual(discussing.last?.seance?.discussing, numbers[0])
        XCTAssertEqual(discussing.flatMap(\.sheets).map(\.reviewer), [reviewers[1]])

        // Another dossier: bob's sheet is hidden again from alice; bob, in conflict on it, learns only that.
        _ = bob.pushes()
        _ = call(SeanceActRequest(action: .discuss(conflicted)), from: claire)
        XCTAssertEqual(alice.pushes().flatMap { $0.removedSheets[reviewers[1]] ?? [] }, [numbers[0]])
        let told = bob.pushes()
        XCTAssertEqual(told.last?.seance?.discussingConflicted, true)
        XCTAssertNil(told.last?.seance?.discussing)
        let bytes = String(decoding: try JSONEncoder().encode(told), as: UTF8.self)
        XCTAssertFalse(bytes.contains("\(conflicted)"), bytes)
        XCTAssertEqual(try service.store.loadSeances().current?.events.filter { $0.kind == .steppedOut }.map(\.login), [reviewers[1]])
    }
}
