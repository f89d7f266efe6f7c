import XCTest
import JuryCore
@testable import JuryConsole

/// A test terminal that draws into memory: the drawing goes to `screen`; the terminals of the
/// tests differ only in how input comes and what they record.
protocol MemoryTerminal: Terminal {
    var screen: MemorySurface { get }
}

extension MemoryTerminal {
    var rows: Int { screen.rows }
    var columns: Int { screen.columns }
    func erase() { screen.erase() }
    func put(_ text: String, row: Int, column: Int, style: Style) { screen.put(text, row: row, column: column, style: style) }
    func placeCursor(row: Int, column: Int) { screen.placeCursor(row: row, column: column) }
    func focus(row: Int, column: Int) { screen.focus(row: row, column: column) }
    func hideCursor() { screen.hideCursor() }
}

/// A terminal that replays scripted input and draws into memory. Input is given in bursts: the
/// keys of one burst are "already waiting" (what a paste or a slow link delivers); between bursts
/// the terminal is idle (timeout 0 returns nothing). After the script it hangs up.
final class ScriptedTerminal: MemoryTerminal {
    let screen: MemorySurface
    private var bursts: [[TerminalInput]]
    private(set) var log: [String] = []
    private(set) var frames: [String] = []

    init(rows: Int, columns: Int, bursts: [[TerminalInput]]) {
        screen = MemorySurface(rows: rows, columns: columns)
        self.bursts = bursts
    }

    func nextInput(timeout milliseconds: Int) -> TerminalInput? {
        if bursts.isEmpty { return .hangup }
        if bursts[0].isEmpty {
            if milliseconds == 0 { return nil }   // idle: the loop draws, then waits
            bursts.removeFirst()
            return bursts.isEmpty ? .hangup : nextInput(timeout: milliseconds)
        }
        let input = bursts[0].removeFirst()
        if case let .resize(rows, columns) = input { screen.resize(rows: rows, columns: columns) }
        return input
    }

    func present() {
        log.append("present")
        frames.append(screen.text())
    }
    func repaint() { log.append("repaint") }
    func suspend() { log.append("suspend") }
    func resume() { log.append("resume") }
    func close() { log.append("close") }
}

final class RecordingEnvironment: ConsoleEnvironment {
    struct Refused: Error, CustomStringConvertible { var description: String { "disque plein" } }
    var saved: [ScoreSheet] = []
    var failSaves = false
    var editorResult: String?
    var edited: [String] = []

    func save(_ sheet: ScoreSheet) throws {
        if failSaves { throw Refused() }
        saved.append(sheet)
    }

    func editExternally(_ text: String) -> String? {
        edited.append(text)
        return editorResult
    }

    func now() -> Instant { Fixture.now }
    func storeChanges() -> MemberUpdate? { nil }
    func history(reviewer: String, dossier: Int) -> [ScoreSheet] { [] }
    func declareConflict(dossier: Int, reason: String) throws { throw Refused() }

    /// Drafts, by prompt.
    var drafts: [String: String] = [:]
    func keepDraft(_ text: String?, for prompt: String) { drafts[prompt] = text }
    func draft(for prompt: String) -> String? { drafts[prompt] }

    /// allocation.json, kept in memory with the store's revision rule.
    var allocation = AllocationState.initial(for: Fixture.campaign)
    func loadAllocation() throws -> AllocationState { allocation }
    func loadChecklistInputs() throws -> ChecklistInputs { ChecklistInputs(assignments: Assignments(), seances: Seances()) }
    func saveAllocation(_ allocation: AllocationState, expectedRevision: Int, by login: String) throws -> AllocationState {
        guard expectedRevision == self.allocation.revision else { throw Refused() }
        self.allocation = allocation
        self.allocation.revision = expectedRevision + 1
        return self.allocation
    }

    /// The chair's changes of rapporteurs, in order; `progressRows`: what the store would count.
    var replaced: [(dossier: Int, logins: [String])] = []
    var progressRows: [RapporteurProgress] = []
    func replaceRapporteurs(of dossier: Int, with logins: [String], language: Language) throws { replaced.append((dossier, logins)) }
    func progress() throws -> [RapporteurProgress] { progressRows }
    /// seances.json, kept in memory; the chair acts (the store checks who may).
    var seances = Seances()
    var connected = ["jmartin"]
    func connectedMembers() throws -> [String] { connected }
    func act(on seance: SeanceAction) throws -> SeanceView? {
        try seances.apply(seance, by: "jmartin", at: Fixture.now, jury: Fixture.jury, quorum: Fixture.campaign.quorum(of: Fixture.jury),
                          dossiers: Set(Fixture.dossiers.map(\.number)))
        return SeanceView.of(seances, for: Fixture.jury.member("jmartin")!)
    }
    /// The jury's figures as the store computes them, on the fixture's sheets.
    func juryFigures() throws -> JuryFigures? {
        guard seances.current != nil, let me = Fixture.jury.member("jmartin") else { return nil }
        let sheets = [Fixture.me: Fixture.sheets]
        return JuryFigures.of(campaign: Fixture.campaign, jury: Fixture.jury, dossiers: Fixture.dossiers, sheets: sheets, allocation: allocation,
                              rapporteurs: [:], resamples: 100)
            .disclosed(to: Disclosure(viewer: me, campaign: Fixture.campaign), sheets: sheets, allocation: allocation)
    }
}

final class LoopTests: XCTestCase {
    private func keys(_ text: String) -> [TerminalInput] { text.map { .key(.character($0)) } }

    func testSavesEachChangeAndDrawsEachFrame() {
        let terminal = ScriptedTerminal(rows: 24, columns: 80, bursts: [[.key(.down)], keys("e"), keys("4"), [.key(.up)], [.key(.right)]])
        let environment = RecordingEnvironment()
        ConsoleLoop.run(terminal: terminal, state: Fixture.state(), environment: environment)
        XCTAssertEqual(environment.saved.map { $0.values["maturite"] }, [4, 5])
        XCTAssertEqual(environment.saved.last?.dossier, 1002)
        XCTAssertTrue(terminal.frames.last?.contains("Enregistré") ?? false)
        XCTAssertTrue(terminal.frames.last?.contains("5 Excellent") ?? false)
        XCTAssertFalse(terminal.log.contains("close"), "the terminal's owner closes it")
    }

    func testKeysAlreadyWaitingMakeOneFrameAndOneSave() {
        let paste = [TerminalInput.key(.down), .key(.character("e"))] + (0..<5).map { _ in .key(.down) } + [.key(.enter)]
            + keys("Coopération exemplaire, 日本 👍")
        let terminal = ScriptedTerminal(rows: 24, columns: 80, bursts: [[], paste])
        let environment = RecordingEnvironment()
        ConsoleLoop.run(terminal: terminal, state: Fixture.state(), environment: environment)
        XCTAssertEqual(environment.saved.map { $0.comments["maturite"] }, ["Coopération exemplaire, 日本 👍"],
                       "one save of the last version, not one per key")
        XCTAssertEqual(terminal.log, ["present", "present"], "the first frame, then one for the whole burst")
    }

    func testRunsTheEditorBetweenSuspendAndResume() {
        let terminal = ScriptedTerminal(rows: 24, columns: 80, bursts: [[.key(.down)], keys("e"), keys("jjjjjj"), keys("E")])
        let environment = RecordingEnvironment()
        environment.editorResult = "Avis rédigé dans vi.\n"
        ConsoleLoop.run(terminal: terminal, state: Fixture.state(), environment: environment)
        XCTAssertEqual(environment.edited, [""], "the comment on « gouvernance » was empty")
        XCTAssertEqual(terminal.log.filter { $0 != "present" }, ["suspend", "resume"])
        XCTAssertEqual(environment.saved.last?.comments["gouvernance"], "Avis rédigé dans vi.")
    }

    func testAFailedSaveIsShownOnScreen() {
        let terminal = ScriptedTerminal(rows: 24, columns: 80, bursts: [[.key(.down)], keys("e"), keys("2")])
        let environment = RecordingEnvironment()
        environment.failSaves = true
        ConsoleLoop.run(terminal: terminal, state: Fixture.state(), environment: environment)
        XCTAssertTrue(terminal.frames.last?.contains("Erreur : Échec de l’enregistrement du n° 1002 : disque plein") ?? false,
                      terminal.frames.last ?? "")
        XCTAssertTrue(terminal.frames.last?.contains("NON ENREGISTRÉE") ?? false)
    }

    func testQuitRepaintAndResize() {
        let terminal = ScriptedTerminal(rows: 24, columns: 80, bursts: [
            [.key(.control("l"))], [.resize(rows: 40, columns: 120)], keys("q"), keys("j"),
        ])
        ConsoleLoop.run(terminal: terminal, state: Fixture.state(), environment: RecordingEnvironment())
        XCTAssertEqual(terminal.log, ["repaint", "present", "present"])
        XCTAssertEqual(terminal.frames.last?.split(separator: "\n").count, 40)
        XCTAssertEqual(terminal.frames.last?.split(separator: "\n").first?.count, 120)
    }

    func testAHangupLeavesAtOnceWithTheLastChangeSaved() {
        let terminal = ScriptedTerminal(rows: 24, columns: 80, bursts: [[.key(.down), .key(.character("e")), .key(.character("3")), .hangup]])
        let environment = RecordingEnvironment()
        ConsoleLoop.run(terminal: terminal, state: Fixture.state(), environment: environment)
        XCTAssertEqual(environment.saved.map { $0.values["maturite"] }, [3])
        XCTAssertEqual(terminal.log, [], "no frame after the hangup")
    }

    func testTheLoopStartsAtTheTerminalsSize() {
        let terminal = ScriptedTerminal(rows: 12, columns: 50, bursts: [[]])
        ConsoleLoop.run(terminal: terminal, state: Fixture.state(rows: 24, columns: 80), environment: RecordingEnvironment())
        XCTAssertEqual(terminal.frames.first?.split(separator: "\n").count, 12)
    }

    /// Ctrl-C in a prompt: the loop has the environment keep its text before quitting, and gives it
    /// back to the same prompt in the next console.
    func testControlCInAPromptKeepsItsTextThroughTheEnvironment() {
        let environment = RecordingEnvironment()
        ConsoleLoop.run(terminal: ScriptedTerminal(rows: 24, columns: 80, bursts: [keys("c"), keys("lien familial"), [.key(.control("c"))]]),
                        state: Fixture.state(), environment: environment)
        XCTAssertEqual(environment.drafts, ["conflict-1001": "lien familial"])
        let next = ScriptedTerminal(rows: 24, columns: 80, bursts: [keys("c")])
        ConsoleLoop.run(terminal: next, state: Fixture.state(), environment: environment)
        XCTAssertTrue(next.frames.last?.contains("motif : lien familial") ?? false, next.frames.last ?? "")
    }
}
