import Foundation
import JuryConsole
import JuryCore
import JuryStore
import JuryTerminal

/// Opens the interactive console on the campaign, on this process's terminal. A large campaign
/// shows its first screen at once from a quick preview, while the whole of it is read and
/// validated; keys typed meanwhile wait in the terminal and are handled once it is.
func openConsole(_ options: CampaignOptions) throws {
    if let socket = options.serverSocket { return try openRemoteConsole(options, socket: socket) }
    var terminal: CursesTerminal?
    defer { terminal?.close() }
    // Without a terminal, the campaign's own problems come first, as for any command.
    if let (preview, login) = options.preview(), let screen = try? CursesTerminal() {
        terminal = screen
        let data = ConsoleData(campaign: preview.campaign, jury: preview.jury, dossiers: preview.dossiers, me: login,
                               sheets: preview.sheets, language: options.language)
        render(ConsoleState(loading: data, rows: screen.rows, columns: screen.columns, now: Instant(Date())), on: screen)
        screen.present()
    }
    let session = try options.openSession()
    let store = session.store
    let sheets = store.sheets
    let jury = store.jury
    // A séance left open (the console quit in the middle of it) is taken up again.
    let seance = jury.member(session.login).flatMap { member in (try? store.loadSeances()).flatMap { SeanceView.of($0, for: member) } }
    let data = ConsoleData(campaign: store.campaign, jury: jury, dossiers: store.dossiers, me: session.login,
                           sheets: sheets[session.login] ?? [:], others: sheets,
                           assignments: try session.assignments().disclosed(to: Disclosure(viewer: try session.member(), campaign: store.campaign)),
                           language: session.language, seance: seance, finalized: store.finalisationOnDisk())
    let screen = try terminal ?? openTerminal(session.language)
    terminal = screen
    let state = ConsoleState(data: data, rows: screen.rows, columns: screen.columns, now: Instant(Date()))
    ConsoleLoop.run(terminal: screen, state: state, environment: StoreEnvironment(store: store, login: session.login, language: session.language))
}

func openTerminal(_ language: Language) throws -> CursesTerminal {
    do { return try CursesTerminal() } catch let error as CursesTerminal.OpenError {
        let problem: String
        switch error {
        case .notATerminal:
            problem = language.text(.theConsoleNeedsATerminalOnIts)
        case .unknownTerminal(let name):
            problem = language.text(.unknownTerminalTypeTERM, ["name": name])
        case .cannotAddressCursor(let name):
            problem = language.text(.theTerminalTERMCannotMoveItsCursor, ["name": name])
        }
        throw Failure(problem + language.text(.openTheConsoleInAFullTerminal))
    }
}

/// The console's outside world: the campaign store, what others change in it, and the reviewer's editor.
struct StoreEnvironment: ConsoleEnvironment {
    let store: CampaignStore
    let login: String
    let language: Language
    let watcher: ChangeWatcher

    init(store: CampaignStore, login: String, language: Language) {
        self.store = store
        self.login = login
        self.language = language
        watcher = ChangeWatcher(root: store.root)
    }

    /// The console shows an error's description: the store's own failures are worded here in the
    /// member's language (a séance's refusal goes through as it is, the console words it).
    private func worded<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let failure as StoreFailure {
            throw Failure(failure.text(language))
        } catch let failure as AssignmentChangeFailure {
            throw Failure(failure.text(language))
        }
    }

    func save(_ sheet: ScoreSheet) throws { try worded { try store.save(sheet) } }

    func storeChanges() -> MemberUpdate? { store.update(after: watcher.poll(), for: login) }

    func history(reviewer: String, dossier: Int) -> [ScoreSheet] { store.history(reviewer: reviewer, dossier: dossier) }

    func declareConflict(dossier: Int, reason: String) throws { try worded { try store.declareConflict(dossier: dossier, reason: reason) } }

    func loadAllocation() throws -> AllocationState { try worded { try store.loadAllocation() } }

    func saveAllocation(_ allocation: AllocationState, expectedRevision: Int, by login: String) throws -> AllocationState {
        try worded { try store.saveAllocation(allocation, expectedRevision: expectedRevision, by: login) }
    }

    func replaceRapporteurs(of dossier: Int, with logins: [String], language: Language) throws {
        try worded { try store.replaceRapporteurs(of: dossier, with: logins, by: login, language: language) }
    }

    func progress() throws -> [RapporteurProgress] { try worded { try store.progress(seenBy: login) } }

    func loadChecklistInputs() throws -> ChecklistInputs {
        try worded { ChecklistInputs(assignments: try store.loadAssignments(), seances: try store.loadSeances()) }
    }

    /// A local campaign has one console: its member alone is there to be proposed.
    func connectedMembers() throws -> [String] { [login] }

    func act(on seance: SeanceAction) throws -> SeanceView? {
        let seances = try worded { try store.act(on: seance, by: login) }
        return store.jury.member(login).flatMap { SeanceView.of(seances, for: $0) }
    }

    func juryFigures() throws -> JuryFigures? {
        guard let member = store.jury.member(login) else { return nil }
        return try worded { try store.juryFigures(for: member) }
    }

    func now() -> Instant { Instant(Date()) }

    func editExternally(_ text: String) -> String? { ExternalEditor.edit(text) }

    func keepDraft(_ text: String?, for prompt: String) { drafts.keep(text, for: prompt) }

    func draft(for prompt: String) -> String? { drafts.read(prompt) }

    private var drafts: Drafts { Drafts(campaign: store.root.standardizedFileURL.path, login: login) }
}

/// Drafts stay in the member's own state directory ($XDG_STATE_HOME, else ~/.local/state), never
/// in the campaign: a reason or a motivation not yet given is nobody else's business. One
/// directory per campaign (its directory, or its server's socket) and login.
struct Drafts {
    let campaign: String
    let login: String

    /// `$XDG_STATE_HOME/ptce-jury/KIND/CAMPAIGN@LOGIN`, the member's own place for what is not yet given or sent.
    static func place(_ kind: String, campaign: String, login: String) -> URL? {
        let environment = ProcessInfo.processInfo.environment
        let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
            ?? environment["HOME"].map { URL(fileURLWithPath: $0).appending(path: ".local/state") }
        return state?.appending(path: "ptce-jury/\(kind)").appending(path: campaign.replacingOccurrences(of: "/", with: "_") + "@" + login)
    }

    private func url(_ prompt: String) -> URL? {
        guard prompt.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { return nil }
        return Self.place("drafts", campaign: campaign, login: login)?.appending(path: prompt + ".txt")
    }

    func keep(_ text: String?, for prompt: String) {
        guard let url = url(prompt) else { return }
        guard let text, !text.isEmpty else {
            try? FileManager.default.removeItem(at: url)
            return
        }
        let directory = url.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try? DurableFile.write(Data(text.utf8), to: url, mode: 0o600)
    }

    func read(_ prompt: String) -> String? {
        // Read like any file that could be tampered with: no link followed, never blocking, bounded.
        guard let url = url(prompt) else { return nil }
        let descriptor = open(url.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        guard let data = try? handle.read(upToCount: 16_384) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
