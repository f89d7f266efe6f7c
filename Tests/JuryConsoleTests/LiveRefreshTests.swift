import XCTest
import JuryCore
@testable import JuryConsole

/// What others change on disk reaches an open console without moving anything the person is doing.
final class LiveRefreshTests: XCTestCase {
    private let newSheet = Fixture.sheet("akone", 1002, [3, 3, 3, 3, 3], .favorable, overall: "Solide.")

    /// The sheet of 1002, its first criterion's comment being typed, the cursor moved back.
    private func typingAComment(_ state: inout ConsoleState) {
        state.press(.down, .character("e"))
        for _ in Fixture.campaign.criteria { state.press(.down) }
        state.press(.enter)
        state.type("Très bien")
        state.press(.left, .left)
    }

    func testAnotherSheetArrivesWhileITypeAComment() {
        var state = Fixture.juryState()
        typingAComment(&state)
        let screen = state.screenText(), editor = state.sheet?.editor

        _ = update(&state, .storeChanged(MemberUpdate(sheets: [newSheet])))
        XCTAssertEqual(state.data.everyone["akone"]?[1002], newSheet)
        XCTAssertEqual(state.sheet?.editor, editor, "the text and its cursor are intact")
        XCTAssertEqual(state.screenText(), screen, "nothing moved on screen")
        XCTAssertEqual(state.type("!").saves.last?.comments["maturite"], "Très bi!en")
    }

    func testAJuryChangeWhileITypeKeepsEverything() {
        var state = Fixture.juryState()
        typingAComment(&state)
        state.say("Enregistré")
        let screen = state.screenText(), editor = state.sheet?.editor
        var jury = Fixture.fullJury
        jury.members[3].conflicts.append(ConflictOfInterest(dossier: 1002, reason: "lien familial"))
        jury.members[2].name = "Lucie Bernard-Roy"

        _ = update(&state, .storeChanged(MemberUpdate(jury: jury)))
        XCTAssertEqual(state.data.jury, jury)
        XCTAssertEqual(state.sheet?.editor, editor)
        XCTAssertEqual(state.messageText, "Enregistré", "the message stays")
        XCTAssertEqual(state.screenText(), screen)
    }

    func testTheSelectionStaysOnItsDossierAndItsScreenRow() {
        let dossiers = Fixture.many(60)
        var state = ConsoleState(data: Fixture.juryData(dossiers: dossiers), rows: 24, columns: 80, now: Fixture.now)
        state.press(.pageDown, .pageDown, .down)
        let selected = state.currentNumber, onScreen = state.list.selected - state.list.scroll
        var jury = Fixture.fullJury
        jury.members[0].conflicts += [2003, 2005].map { ConflictOfInterest(dossier: $0, reason: "administratrice") }

        _ = update(&state, .storeChanged(MemberUpdate(jury: jury)))
        XCTAssertEqual(state.currentNumber, selected)
        XCTAssertEqual(state.list.selected - state.list.scroll, onScreen)
        XCTAssertFalse(state.listedNumbers.contains(2003))
    }

    func testACriterionAddedAboveKeepsTheCommentOnItsCriterion() {
        var state = Fixture.juryState()
        typingAComment(&state)
        var campaign = Fixture.campaign
        campaign.criteria.insert(Criterion(key: "innovation", label: "Innovation sociale", description: "Nouveauté de la réponse.",
                                           weight: 1, scale: Fixture.campaign.criteria[0].scale), at: 0)

        _ = update(&state, .storeChanged(MemberUpdate(campaign: campaign)))
        XCTAssertEqual(state.sheet?.editor?.text, "Très bien")
        XCTAssertEqual(state.type("!").saves.last?.comments, ["maturite": "Très bi!en", "ancrage": "Bon lien avec l’Eurométropole.\nÀ confirmer."])
    }

    func testSortSearchAndFiltersSurviveANewListOfDossiers() {
        var state = Fixture.juryState()
        state.press(.character("o"), .character("o"))   // by region
        state.press(.character("f"), .down, .right, .escape)   // a sector
        let filter = state.list.filter.summary(state.data), sort = state.list.sort
        var dossiers = Fixture.dossiers
        dossiers[0].name = "Pôle Coopératif du Pays de Redon (nouveau nom)"

        _ = update(&state, .storeChanged(MemberUpdate(dossiers: dossiers)))
        XCTAssertEqual(state.list.sort, sort)
        XCTAssertEqual(state.list.filter.summary(state.data), filter)
    }

    func testTheDossierBeingReadDoesNotMoveWhenItsJuryScoresChange() {
        var state = Fixture.juryState()
        state.press(.enter, .tab, .tab, .tab, .down)
        let scroll = state.dossier?.scroll
        let top = state.screenText().split(separator: "\n")[1]

        var changed = Fixture.sheet("akone", 1001, [4, 4, 4, 4, 4], .favorable, overall: "Revue à la hausse.")
        changed.submittedAt = Instant("2023-09-28T11:00:00+02:00")!
        _ = update(&state, .storeChanged(MemberUpdate(sheets: [changed])))
        XCTAssertEqual(state.dossier?.scroll, scroll)
        XCTAssertEqual(state.screenText().split(separator: "\n")[1], top)
        state.press(.character("G"))
        XCTAssertTrue(state.screenText().contains("Revue à la hausse."), state.screenText())
    }

    func testMySheetFromDiskIsTakenUnlessMyChangeIsNotSaved() {
        var fromOtherSession = Fixture.sheets[1002]!
        fromOtherSession.values["gouvernance"] = 5
        var state = Fixture.juryState()
        _ = update(&state, .storeChanged(MemberUpdate(sheets: [fromOtherSession])))
        XCTAssertEqual(state.data.sheets[1002], fromOtherSession, "my other session saved it: the disk is newer")

        state.press(.down, .character("e"), .character("1"))
        _ = update(&state, .saveFailed(dossier: 1002, message: "disque plein"))
        let mine = state.data.sheets[1002]
        _ = update(&state, .storeChanged(MemberUpdate(sheets: [Fixture.sheets[1002]!], removedSheets: [Fixture.me: [1001]])))
        XCTAssertEqual(state.data.sheets[1002], mine, "a change not yet on disk wins")
        XCTAssertNil(state.data.sheets[1001], "a removal is taken like any change")
    }

    func testADossierINowHaveAConflictOnClosesWithAMessage() {
        var state = Fixture.juryState()
        state.press(.enter, .character("e"))
        var jury = Fixture.fullJury
        jury.members[0].conflicts.append(ConflictOfInterest(dossier: 1001, reason: "membre du bureau"))

        _ = update(&state, .storeChanged(MemberUpdate(jury: jury)))
        XCTAssertEqual(state.screen, .list)
        XCTAssertFalse(state.listedNumbers.contains(1001))
        XCTAssertEqual(state.currentNumber, 1002, "the cursor stays on the same row")
        XCTAssertEqual(state.messageText, "Conflit d’intérêts enregistré sur le n° 1001 : ce dossier ne vous est plus montré")
    }

    func testABrokenFileIsNamedAndChangesNothing() {
        var state = Fixture.juryState()
        let data = state.screenText()
        let problem = "data/reviewers/akone/sheets/1002.json:3:22: syntaxe JSON invalide"
        _ = update(&state, .storeChanged(MemberUpdate(problems: [Localized(fr: problem, en: "data/reviewers/akone/sheets/1002.json:3:22: invalid JSON syntax")])))
        XCTAssertEqual(state.messageText, "Fichier non pris en compte, sa dernière version valide est gardée : " + problem)
        // The message wraps upwards over the last rows rather than losing the file's place.
        let screen = state.screenText()
        XCTAssertTrue(screen.replacingOccurrences(of: "\n", with: "").contains("syntaxe JSON invalide"), screen)
        XCTAssertEqual(screen.split(separator: "\n").dropLast(4), data.split(separator: "\n").dropLast(4))
    }

    /// The jury server's word on the link (lost, then back) is said as it is, not as a refused file.
    func testANoticeFromTheServerIsSaidAsItIs() {
        var state = Fixture.juryState()
        let lost = "Liaison avec le serveur du jury perdue : reconnexion en cours ; ce que vous écrivez est gardé et sera envoyé."
        _ = update(&state, .storeChanged(MemberUpdate(notices: [.linkLost])))
        XCTAssertEqual(state.messageText, lost)
        _ = update(&state, .storeChanged(MemberUpdate(notices: [.reconnected])))
        XCTAssertEqual(state.messageText, "Reconnecté au serveur du jury.")
    }

    func testTheOpenBoardReadsTheChairsNewAllocation() {
        var state = Fixture.juryState()
        XCTAssertEqual(update(&state, .storeChanged(MemberUpdate(allocationChanged: true))), [], "no board, nothing to read")
        state.press(.character("a"))
        XCTAssertEqual(state.screen, .board)
        XCTAssertEqual(update(&state, .storeChanged(MemberUpdate(allocationChanged: true))), [.allocation(.load)])
    }

    // MARK: declaring a conflict

    func testDeclaringAConflictAsksAReasonThenConfirmation() {
        var state = Fixture.juryState()
        state.press(.character("c"), .enter)
        XCTAssertEqual(state.messageText, "Indiquez le motif du conflit d’intérêts")
        state.type("Administratrice d’un membre")
        XCTAssertEqual(state.press(.enter), [.keepDraft(nil, prompt: "conflict-1001")], "the reason moves into the question")
        XCTAssertEqual(state.press(.character("o")), [.declareConflict(dossier: 1001, reason: "Administratrice d’un membre")])

        _ = update(&state, .conflictDeclared(dossier: 1001, reason: "Administratrice d’un membre"))
        XCTAssertFalse(state.listedNumbers.contains(1001))
        XCTAssertEqual(state.data.viewer.conflicts.last?.recordedBy, Fixture.me)
        XCTAssertEqual(state.messageText, "Conflit d’intérêts déclaré sur le n° 1001 : ce dossier ne vous est plus montré")
    }

    func testEscapeGivesUpTheDeclaration() {
        var state = Fixture.juryState()
        state.press(.character("c"))
        state.type("q?")   // letters are text, even q and ?
        XCTAssertEqual(state.conflictField?.editor.text, "q?")
        state.press(.escape)
        XCTAssertNil(state.conflictField)
        XCTAssertTrue(state.listedNumbers.contains(1001))
    }

    // MARK: through the loop

    func testTheLoopShowsAChangeAndRetriesAFailedSave() {
        let environment = LiveEnvironment()
        environment.failures = 2
        environment.changes[3] = MemberUpdate(sheets: [Fixture.sheet("akone", 1001, [1, 1, 1, 1, 1], .defavorable)])
        // A score typed on 1002, then idle ticks: two 5-second retries.
        let script: [TerminalInput?] = [.key(.down), .key(.character("e")), .key(.character("2"))]
            + Array(repeating: nil, count: 2 * ConsoleState.retryInterval + 1)
        let terminal = TickingTerminal(rows: 24, columns: 120, script: script)
        ConsoleLoop.run(terminal: terminal, state: Fixture.juryState(columns: 120), environment: environment)

        XCTAssertEqual(environment.saved.map(\.dossier), [1002], "saved at the third attempt")
        let failed = terminal.frames.first { $0.contains("Échec de l’enregistrement du n° 1002 : disque plein") }
        XCTAssertNotNil(failed, "the failure is shown")
        XCTAssertTrue(terminal.frames.last?.contains("Enregistré") ?? false, terminal.frames.last ?? "")
        XCTAssertFalse(terminal.frames.last?.contains("NON ENREGISTRÉE") ?? true)
        XCTAssertTrue(environment.changes.isEmpty, "the change was asked for")
    }

    func testTheLoopDeclaresTheConflictAndLoadsTheHistory() {
        let environment = LiveEnvironment()
        environment.histories["lbernard"] = Fixture.lbernardHistory
        let script: [TerminalInput?] = [.key(.enter), .key(.character("G")), .key(.character("c"))]
            + "Lien familial".map { .key(.character($0)) } + [.key(.enter), .key(.character("o"))]
        let terminal = TickingTerminal(rows: 24, columns: 120, script: script)
        ConsoleLoop.run(terminal: terminal, state: Fixture.juryState(columns: 120), environment: environment)

        XCTAssertTrue(terminal.frames.contains { $0.contains("Historique : 23/09/2023 10:15") })
        XCTAssertEqual(environment.declared.map(\.dossier), [1001])
        XCTAssertTrue(terminal.frames.last?.contains("Conflit d’intérêts déclaré sur le n° 1001") ?? false)
        XCTAssertFalse(terminal.frames.last?.contains("Pôle Coopératif du Pays de Redon") ?? true)
    }
}

/// A terminal whose script says what the person types, one key per turn of the loop, and when
/// nothing happens for 250 ms (nil: the loop ticks). After the script it hangs up.
final class TickingTerminal: MemoryTerminal {
    let screen: MemorySurface
    private var script: [TerminalInput?]
    private(set) var frames: [String] = []

    init(rows: Int, columns: Int, script: [TerminalInput?]) {
        screen = MemorySurface(rows: rows, columns: columns)
        self.script = script
    }

    func nextInput(timeout milliseconds: Int) -> TerminalInput? {
        if milliseconds == 0 { return nil }   // nothing already waiting
        return script.isEmpty ? .hangup : script.removeFirst()
    }

    func present() { frames.append(screen.text()) }
    func repaint() {}
    func suspend() {}
    func resume() {}
    func close() {}
}

/// The store as the loop sees it: saves that fail a given number of times, changes that appear
/// at a given turn of the loop, sheet history, conflict declarations.
final class LiveEnvironment: ConsoleEnvironment {
    struct DiskFull: Error, CustomStringConvertible { var description: String { "disque plein" } }
    var failures = 0
    var saved: [ScoreSheet] = []
    /// Turn of the loop → what changed on disk by then.
    var changes: [Int: MemberUpdate] = [:]
    private var turn = 0
    var histories: [String: [ScoreSheet]] = [:]
    var declared: [(dossier: Int, reason: String)] = []

    func save(_ sheet: ScoreSheet) throws {
        if failures > 0 {
            failures -= 1
            throw DiskFull()
        }
        saved.append(sheet)
    }

    func storeChanges() -> MemberUpdate? {
        turn += 1
        return changes.removeValue(forKey: turn)
    }

    func history(reviewer: String, dossier: Int) -> [ScoreSheet] { histories[reviewer] ?? [] }

    func declareConflict(dossier: Int, reason: String) throws { declared.append((dossier, reason)) }

    func editExternally(_ text: String) -> String? { nil }
    func now() -> Instant { Fixture.now }
    func loadAllocation() throws -> AllocationState { AllocationState.initial(for: Fixture.campaign) }
    func loadChecklistInputs() throws -> ChecklistInputs { ChecklistInputs(assignments: Assignments(), seances: Seances()) }
    func saveAllocation(_ allocation: AllocationState, expectedRevision: Int, by login: String) throws -> AllocationState {
        throw DiskFull()
    }
    func replaceRapporteurs(of dossier: Int, with logins: [String], language: Language) throws { throw DiskFull() }
    func progress() throws -> [RapporteurProgress] { throw DiskFull() }
    func connectedMembers() throws -> [String] { [] }
    func act(on seance: SeanceAction) throws -> SeanceView? { throw DiskFull() }
    func juryFigures() throws -> JuryFigures? { nil }
}
