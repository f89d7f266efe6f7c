import Foundation
import JuryCore

/// What the console needs from the outside world; the loop calls it, `update` never does.
public protocol ConsoleEnvironment {
    /// Writes a sheet durably; the error's description is shown to the reviewer.
    func save(_ sheet: ScoreSheet) throws
    /// Runs `$EDITOR` on `text` (the loop gives the terminal back around the call); nil when it failed.
    func editExternally(_ text: String) -> String?
    func now() -> Instant
    /// What changed on disk since the last call, nil when nothing did. Called at every turn of the
    /// loop (at least every 250 ms): it must not block.
    func storeChanges() -> MemberUpdate?
    /// Earlier versions of a member's sheet on a dossier, oldest first; none when none are kept.
    func history(reviewer: String, dossier: Int) -> [ScoreSheet]
    /// Records my conflict of interest on a dossier; the error's description is shown.
    func declareConflict(dossier: Int, reason: String) throws
    /// allocation.json as on disk now (the initial allocation when there is none).
    func loadAllocation() throws -> AllocationState
    /// Saves the allocation if the file is still at `expectedRevision` and `login` chairs the jury;
    /// returns what was saved. The error's description is shown.
    func saveAllocation(_ allocation: AllocationState, expectedRevision: Int, by login: String) throws -> AllocationState
    /// Makes `logins` exactly the rapporteurs of `dossier` (the chair); the error's description is shown.
    func replaceRapporteurs(of dossier: Int, with logins: [String], language: Language) throws
    /// Where the rapporteurs stand, as I may know it (drafts included); the error's description is shown.
    func progress() throws -> [RapporteurProgress]
    /// assignments.json and seances.json, for the finalisation checklist; the chair's only.
    func loadChecklistInputs() throws -> ChecklistInputs
    /// The jury members connected now, proposed as present when the chair opens a séance (a local
    /// campaign: the one console's member).
    func connectedMembers() throws -> [String]
    /// The chair's action on the séance; returns the séance as this member may now know it (nil:
    /// none open). The error's description is shown.
    func act(on seance: SeanceAction) throws -> SeanceView?
    /// While a séance is open, the jury's figures as I may know them (nil: none open); the error's description is shown.
    func juryFigures() throws -> JuryFigures?
    /// Keeps (nil: forgets) the text of a prompt the console quit in the middle of — a conflict's
    /// reason, a motivation — so that it comes back when that prompt opens again. A failure loses
    /// only the draft: it is not reported.
    func keepDraft(_ text: String?, for prompt: String)
    /// The text kept for a prompt, if any.
    func draft(for prompt: String) -> String?
    /// Changes made and kept, not yet acknowledged by the jury server.
    func pendingChanges() -> Int
}

extension ConsoleEnvironment {
    /// An environment that keeps no draft (a remote one, until it does) loses only the text of a
    /// prompt typed when the console quits; everything else works.
    public func keepDraft(_ text: String?, for prompt: String) {}
    public func draft(for prompt: String) -> String? { nil }
    /// A campaign on a directory writes each change before going on: nothing ever waits.
    public func pendingChanges() -> Int { 0 }
}

public enum ConsoleLoop {
    /// Keys already waiting (typed ahead over a slow link, or pasted) are handled before the next
    /// frame, up to this many: one frame and one save per sheet instead of one per key.
    static let batchLimit = 256

    /// Runs the console until the reviewer quits or the terminal hangs up. The terminal is left
    /// open: whoever created it closes it.
    public static func run(terminal: Terminal, state: ConsoleState, environment: ConsoleEnvironment) {
        var runner = Runner(terminal: terminal, environment: environment, state: state)
        runner.run()
    }

    private struct Runner {
        let terminal: Terminal
        let environment: ConsoleEnvironment
        var state: ConsoleState
        /// Sheets to save before the next frame, the latest version of each, in order of first change.
        var pendingSaves: [ScoreSheet] = []

        mutating func run() {
            var input: TerminalInput? = .resize(rows: terminal.rows, columns: terminal.columns)
            while true {
                var handled = 0
                while let next = input {
                    guard handle(next) else {
                        flushSaves()
                        return
                    }
                    handled += 1
                    input = handled < ConsoleLoop.batchLimit ? terminal.nextInput(timeout: 0) : nil
                }
                flushSaves()
                // After the saves: a change of mine that is on disk is not mistaken for someone else's.
                if let changes = environment.storeChanges(), !dispatch(.storeChanged(changes)) { return }
                state.pendingChanges = environment.pendingChanges()
                render(state, on: terminal)
                terminal.present()
                input = terminal.nextInput(timeout: 250)
                if input == nil, !dispatch(.tick) { return }
            }
        }

        /// False when the console must stop.
        private mutating func handle(_ input: TerminalInput) -> Bool {
            switch input {
            case .key(let key): return dispatch(.key(key))
            case let .resize(rows, columns): return dispatch(.resize(rows: rows, columns: columns))
            case .hangup: return false
            }
        }

        /// Runs the event's effects; false on quit.
        private mutating func dispatch(_ event: ConsoleEvent) -> Bool {
            state.now = environment.now()
            for effect in update(&state, event) {
                switch effect {
                case .save(let sheet):
                    if let at = pendingSaves.firstIndex(where: { $0.dossier == sheet.dossier }) {
                        pendingSaves[at] = sheet
                    } else {
                        pendingSaves.append(sheet)
                    }
                case .repaint:
                    terminal.repaint()
                case .allocation(let request):
                    if !dispatch(.allocation(environment.perform(request))) { return false }
                case .seance(let request):
                    if !dispatch(.seance(environment.perform(request))) { return false }
                case let .loadHistory(number, reviewers):
                    let history = Dictionary(reviewers.map { ($0, environment.history(reviewer: $0, dossier: number.value)) }) { first, _ in first }
                    if !dispatch(.historyLoaded(dossier: number, history: history)) { return false }
                case let .declareConflict(number, reason):
                    let outcome: ConsoleEvent
                    do {
                        try environment.declareConflict(dossier: number.value, reason: reason)
                        outcome = .conflictDeclared(dossier: number, reason: reason)
                    } catch {
                        outcome = .conflictFailed(dossier: number, message: Self.describe(error))
                    }
                    if !dispatch(outcome) { return false }
                case let .editExternally(field, initialText):
                    flushSaves()
                    terminal.suspend()
                    let text = environment.editExternally(initialText)
                    terminal.resume()
                    if !dispatch(.edited(field: field, text: text)) { return false }
                case let .keepDraft(text, prompt):
                    environment.keepDraft(text, for: prompt)
                case let .replaceRapporteurs(number, logins):
                    var failure: String?
                    do { try environment.replaceRapporteurs(of: number.value, with: logins, language: state.data.language) } catch {
                        failure = Self.describe(error)
                    }
                    if !dispatch(.rapporteursReplaced(dossier: number, failure: failure)) { return false }
                case .loadProgress:
                    let outcome: ConsoleEvent
                    do { outcome = .progressLoaded(try environment.progress()) } catch { outcome = .progressFailed(Self.describe(error)) }
                    if !dispatch(outcome) { return false }
                case .loadDraft(let prompt):
                    if !dispatch(.draftLoaded(prompt: prompt, text: environment.draft(for: prompt))) { return false }
                case .quit:
                    flushSaves()
                    return false
                }
            }
            return true
        }

        private mutating func flushSaves() {
            while !pendingSaves.isEmpty {
                let sheet = pendingSaves.removeFirst()
                let outcome: ConsoleEvent
                do {
                    try environment.save(sheet)
                    outcome = .saved(dossier: sheet.dossierNumber)
                } catch {
                    outcome = .saveFailed(dossier: sheet.dossierNumber, message: Self.describe(error))
                }
                _ = dispatch(outcome)
            }
        }

        private static func describe(_ error: any Error) -> String {
            (error as? LocalizedError)?.errorDescription ?? String(describing: error)
        }
    }
}
