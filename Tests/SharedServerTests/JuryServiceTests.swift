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
        service = JuryService(store: try CampaignStore.openForServer(root), runCommand: { _, _ in
            CommandResult(exitCode: 1, standardOutput: "", standardError: "", changed: false)
        }, log: { _ in })
        reviewers = jury.reviewers.map(\.login)
        chair = try XCTUnwrap(jury.members.first { $0.role == .chair }?.login)
        numbers = generated.dossiers.map(\.number)
        grid = generated.campaign.criteria
    }

    private final class Console: MemberConnection, @unchecked Sendable {
        let login: String
        private let lock = NSLock()
        private var messages: [WireResponse] = []
        init(_ login: String) { self.login = login }
        func send(_ message: WireResponse) { lock.withLock { messages.append(message) } }
        /// The pushes received since the last call.
        func pushes() -> [MemberUpdate] {
            lock.withLock {
                defer { messages.removeAll { $0.push != nil } }
                return messages.compactMap(\.push)
            }
        }
    }

    private func call(_ request: WireRequest, from console: Console) -> WireResponse {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var answer: WireResponse?
        service.submit(request, from: console) { response in
            answer = response
            done.signal()
        }
        done.wait()
        return answer!
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
            XCTAssertNotNil(call(WireRequest(op: .attach, session: session), from: console).view)
        }
        XCTAssertNil(call(WireRequest(op: .save, session: "a", sheet: try sheet(alice.login, 3)), from: alice).error)
        XCTAssertTrue(bob.pushes().isEmpty, "a draft goes to nobody else")
        XCTAssertTrue(claire.pushes().isEmpty)
        XCTAssertNil(call(WireRequest(op: .save, session: "a", sheet: try sheet(alice.login, 3, submitted: true)), from: alice).error)
        XCTAssertTrue(bob.pushes().isEmpty, "bob has not submitted his own")
        XCTAssertEqual(claire.pushes().flatMap(\.sheets).map(\.reviewer), [alice.login], "the chair reads it at once")
        // Once bob submits, alice's sheet reaches him and his reaches her.
        XCTAssertNil(call(WireRequest(op: .save, session: "b", sheet: try sheet(bob.login, 4, submitted: true)), from: bob).error)
        XCTAssertEqual(Set(bob.pushes().flatMap(\.sheets).map(\.reviewer)), [alice.login, bob.login])
        XCTAssertEqual(alice.pushes().flatMap(\.sheets).map(\.reviewer).filter { $0 == bob.login }, [bob.login])
    }

    func testAStaleSaveIsRefusedAndASaveSentTwiceIsTakenOnce() throws {
        let first = Console(reviewers[0]), second = Console(reviewers[0])
        _ = call(WireRequest(op: .attach, session: "premier"), from: first)
        _ = call(WireRequest(op: .attach, session: "second"), from: second)
        service.detach(second)
        let saved = call(WireRequest(op: .save, session: "premier", sheet: try sheet(first.login, 2)), from: first)
        XCTAssertNil(saved.error)
        // The second console, gone before that save, comes back with a change made from what it knew.
        let stale = call(WireRequest(op: .save, session: "second", sheet: try sheet(first.login, 5)), from: second)
        XCTAssertTrue(stale.error?.contains("a été modifiée ou supprimée dans une autre session") == true, stale.error ?? "accepted")
        // The first sends its save again (its acknowledgement lost): recognised, still the same sheet.
        let again = call(WireRequest(op: .save, session: "premier", sheet: try XCTUnwrap(saved.sheet)), from: first)
        XCTAssertNil(again.error)
        XCTAssertEqual(again.sheet, saved.sheet)
        XCTAssertEqual(service.store.sheet(reviewer: first.login, dossier: numbers[0])?.values[grid[0].key], 2)
    }

    func testAMemberSavesOnlyTheirOwnSheetWhateverTheMessageSays() throws {
        let alice = Console(reviewers[0])
        let forged = call(WireRequest(op: .save, session: "a", sheet: try sheet(reviewers[1], 1)), from: alice)
        XCTAssertEqual(forged.error, "vous n’enregistrez que vos propres fiches (vous êtes \(alice.login))")
        XCTAssertNil(service.store.sheet(reviewer: reviewers[1], dossier: numbers[0]))
        let stranger = call(WireRequest(op: .attach, session: "e"), from: Console("eve"))
        XCTAssertTrue(stranger.error?.contains("« eve » n’est pas membre du jury de cette campagne") == true, stranger.error ?? "")
    }

    func testTheChairsRapporteursReachEveryConsoleButNotWhereAMemberIsInConflict() throws {
        let alice = Console(reviewers[0]), bob = Console(reviewers[1]), claire = Console(chair)
        for (console, session) in [(alice, "a"), (bob, "b"), (claire, "c")] {
            XCTAssertNotNil(call(WireRequest(op: .attach, session: session), from: console).view)
        }
        XCTAssertNil(call(WireRequest(op: .declareConflict, dossier: numbers[1], reason: "gérant"), from: bob).error)
        _ = (alice.pushes(), bob.pushes(), claire.pushes())
        XCTAssertNil(call(WireRequest(op: .saveRapporteurs, dossier: numbers[0], reviewers: [alice.login, bob.login]), from: claire).error)
        XCTAssertNil(call(WireRequest(op: .saveRapporteurs, dossier: numbers[1], reviewers: [alice.login]), from: claire).error)
        let told = try XCTUnwrap(alice.pushes().compactMap(\.assignments).last)
        XCTAssertEqual(told.byDossier, [numbers[0]: [alice.login, bob.login], numbers[1]: [alice.login]])
        // Bob is in conflict on the second dossier: not even who reports on it.
        XCTAssertEqual(try XCTUnwrap(bob.pushes().compactMap(\.assignments).last).byDossier, [numbers[0]: [alice.login, bob.login]])
        // The same rules as `assign`: nobody on a dossier they are in conflict on, and only the chair assigns.
        let conflicted = call(WireRequest(op: .saveRapporteurs, dossier: numbers[1], reviewers: [bob.login]), from: claire)
        XCTAssertTrue(conflicted.error?.contains("conflit d’intérêts") ?? false, conflicted.error ?? "accepted")
        let refused = call(WireRequest(op: .saveRapporteurs, dossier: numbers[2], reviewers: [alice.login]), from: alice)
        XCTAssertTrue(refused.error?.contains("seule la présidence") ?? false, refused.error ?? "accepted")
        // Taken off a dossier, nothing of a sheet is lost; the progress counts it apart.
        XCTAssertNil(call(WireRequest(op: .save, session: "a", sheet: try sheet(alice.login, 4, submitted: true)), from: alice).error)
        XCTAssertNil(call(WireRequest(op: .saveRapporteurs, dossier: numbers[0], reviewers: [bob.login]), from: claire).error)
        let progress = try XCTUnwrap(call(WireRequest(op: .progress), from: claire).progress)
        XCTAssertEqual(progress.first { $0.login == alice.login }?.outside, 1)
        XCTAssertEqual(progress.first { $0.login == bob.login }?.waiting, [numbers[0]])
        XCTAssertEqual(try XCTUnwrap(call(WireRequest(op: .progress), from: alice).progress).map(\.login), [alice.login],
                       "a member reads their own progress only")
    }

    /// The console's finalisation through the server: the chair's checklist, the snapshot written on
    /// the server, and every console's sheet refused from then on.
    func testTheChairFinalisesFromAConsoleAndNoSheetIsTakenAfterwards() throws {
        let alice = Console(reviewers[0]), claire = Console(chair)
        XCTAssertNil(call(WireRequest(op: .save, session: "a", sheet: try sheet(alice.login, 3, submitted: true)), from: alice).error)
        XCTAssertEqual(call(WireRequest(op: .loadChecklist), from: alice).error, "réservé à la présidence du jury",
                       "the rapporteurs and who stepped out are the chair's to know")
        let inputs = call(WireRequest(op: .loadChecklist), from: claire)
        XCTAssertNil(inputs.error)
        XCTAssertNotNil(inputs.assignments)
        XCTAssertNotNil(inputs.seances)

        var allocation = try XCTUnwrap(call(WireRequest(op: .loadAllocation), from: claire).allocation)
        allocation.laureates = [numbers[0]]
        allocation.finalized = Finalization(at: Instant(Date()), by: chair)
        let saved = call(WireRequest(op: .saveAllocation, allocation: allocation, expectedRevision: allocation.revision), from: claire)
        XCTAssertNil(saved.error)
        let finalized = try XCTUnwrap(saved.allocation?.finalized)
        XCTAssertEqual(try service.store.loadSnapshot(finalized)?.allocation.laureates, [numbers[0]])

        let refused = call(WireRequest(op: .save, session: "a", sheet: try sheet(alice.login, 5)), from: alice)
        XCTAssertTrue(refused.error?.contains("la fiche ne peut plus être modifiée ; la présidence peut la rouvrir") == true, refused.error ?? "accepted")
        XCTAssertEqual(service.store.sheet(reviewer: alice.login, dossier: numbers[0])?.values[grid[0].key], 3)
    }

    func testTheSéanceReachesEachConsoleAsItsMemberMayKnowIt() throws {
        let alice = Console(reviewers[0]), bob = Console(reviewers[1]), claire = Console(chair)
        for (console, session) in [(alice, "a"), (bob, "b"), (claire, "c")] {
            XCTAssertNotNil(call(WireRequest(op: .attach, session: session), from: console).view)
        }
        let conflicted = numbers[1]
        XCTAssertNil(call(WireRequest(op: .declareConflict, dossier: conflicted, reason: "salarié"), from: bob).error)
        XCTAssertNil(call(WireRequest(op: .save, session: "b", sheet: try sheet(reviewers[1], 4, submitted: true)), from: bob).error)
        _ = (alice.pushes(), bob.pushes(), claire.pushes())

        XCTAssertNotNil(call(WireRequest(op: .connected), from: alice).error, "the chair's alone")
        XCTAssertNotNil(call(WireRequest(op: .seance, seance: .open(place: "Paris", present: [])), from: alice).error)
        let connected = try XCTUnwrap(call(WireRequest(op: .connected), from: claire).logins)
        XCTAssertEqual(Set(connected), Set([chair] + reviewers))
        XCTAssertEqual(call(WireRequest(op: .seance, seance: .open(place: "Paris", present: connected)), from: claire).seance?.place, "Paris")
        XCTAssertEqual(alice.pushes().last?.seance?.present.count, 3)

        // In discussion, bob's submitted sheet reaches alice, who has none of her own on the dossier.
        _ = call(WireRequest(op: .seance, seance: .discuss(numbers[0])), from: claire)
        let discussing = alice.pushes()
        XCTAssertEqual(discussing.last?.seance?.discussing, numbers[0])
        XCTAssertEqual(discussing.flatMap(\.sheets).map(\.reviewer), [reviewers[1]])

        // Another dossier: bob's sheet is hidden again from alice; bob, in conflict on it, learns only that.
        _ = bob.pushes()
        _ = call(WireRequest(op: .seance, seance: .discuss(conflicted)), from: claire)
        XCTAssertEqual(alice.pushes().flatMap { $0.removedSheets[reviewers[1]] ?? [] }, [numbers[0]])
        let told = bob.pushes()
        XCTAssertEqual(told.last?.seance?.discussingConflicted, true)
        XCTAssertNil(told.last?.seance?.discussing)
        let bytes = String(decoding: try JSONEncoder().encode(told), as: UTF8.self)
        XCTAssertFalse(bytes.contains("\(conflicted)"), bytes)
        XCTAssertEqual(try service.store.loadSeances().current?.events.filter { $0.kind == .steppedOut }.map(\.login), [reviewers[1]])
    }
}
