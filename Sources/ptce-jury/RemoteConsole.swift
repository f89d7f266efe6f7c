import Foundation
import JuryConsole
import JuryCore
import JuryServer
import JuryTerminal

/// The console against a jury server: the same screens and keys as on a directory; the data is
/// what the server lets this member see, and changes arrive as the server pushes them.
func openRemoteConsole(_ options: CampaignOptions, socket: String) throws {
    let language = options.language
    try options.refuseReviewerOnServer(nil)
    let environment = RemoteEnvironment(socket: socket, language: language)
    var terminal: CursesTerminal?
    defer { terminal?.close() }
    // A large campaign's first frame comes from its first dossiers while the whole view travels.
    let preview = try environment.request(WireRequest(op: .preview, language: language.rawValue)).view
    if let preview, !preview.complete, let screen = try? CursesTerminal() {
        terminal = screen
        let data = ConsoleData(campaign: preview.campaign, jury: preview.jury, dossiers: preview.dossiers, me: preview.login,
                               sheets: preview.sheets.byReviewer[preview.login] ?? [:], language: language)
        render(ConsoleState(loading: data, rows: screen.rows, columns: screen.columns, now: Instant(Date())), on: screen)
        screen.present()
    }
    let view = try environment.attach()
    let everyone = view.sheets.byReviewer
    let data = ConsoleData(campaign: view.campaign, jury: view.jury, dossiers: view.dossiers, me: view.login,
                           sheets: everyone[view.login] ?? [:], others: everyone, assignments: view.assignments, language: language,
                           seance: view.seance)
    let screen = try terminal ?? openTerminal(language)
    terminal = screen
    screen.wakeDescriptor = environment.wakeDescriptor
    let state = ConsoleState(data: data, rows: screen.rows, columns: screen.columns, now: Instant(Date()))
    ConsoleLoop.run(terminal: screen, state: state, environment: environment)
}

/// The console's outside world through the jury server. When the link drops, the console says so
/// and goes on; every save is tried again (the console retries failed saves) once the link is back,
/// in order, and the server recognises a change it already has (docs/SERVER.md).
final class RemoteEnvironment: ConsoleEnvironment, @unchecked Sendable {
    private let language: Language
    /// Kept across reconnections: the server knows which version of each sheet this console saw.
    private let session = UUID().uuidString
    private var client: JuryClient!
    private let lock = NSLock()
    private var updates: [MemberUpdate] = []
    private var attached = false
    private var lastAttempt = Date.distantPast
    private let wake: (read: Int32, write: Int32)
    private let socket: String
    /// Known once attached: the login the server gave.
    private var drafts: Drafts?

    init(socket: String, language: Language) {
        self.language = language
        self.socket = socket
        var ends: [Int32] = [0, 0]
        _ = pipe(&ends)
        _ = fcntl(ends[0], F_SETFL, O_NONBLOCK)
        _ = fcntl(ends[1], F_SETFL, O_NONBLOCK)
        wake = (ends[0], ends[1])
        client = JuryClient(socketPath: socket, onPush: { [weak self] update in self?.received(update) },
                            onLost: { [weak self] in self?.lost() })
    }

    deinit {
        client.close()
        close(wake.read)
        close(wake.write)
    }

    var wakeDescriptor: Int32 { wake.read }

    /// One request; a refusal or a lost link is thrown with the words the member reads.
    func request(_ request: WireRequest) throws -> WireResponse {
        var request = request
        request.session = session
        request.language = language.rawValue
        let response: WireResponse
        do { response = try client.call(request) } catch { throw Failure(error.description) }
        if let error = response.error { throw Failure(error) }
        return response
    }

    func attach() throws -> MemberView {
        guard let view = try request(WireRequest(op: .attach)).view else {
            throw Failure(language.pick("le serveur n’a pas envoyé la campagne", "the server sent no campaign"))
        }
        lock.withLock {
            attached = true
            drafts = Drafts(campaign: socket, login: view.login)
        }
        return view
    }

    private func received(_ update: MemberUpdate) {
        lock.withLock { updates.append(update) }
        _ = write(wake.write, "!", 1)
    }

    private func lost() {
        let wasAttached = lock.withLock { () -> Bool in
            defer { attached = false }
            return attached
        }
        guard wasAttached else { return }
        received(MemberUpdate(notices: [language.pick(
            "Liaison avec le serveur du jury perdue : reconnexion en cours ; ce que vous écrivez est gardé et sera envoyé.",
            "Link to the jury server lost: reconnecting; what you type is kept and will be sent.")]))
    }

    /// After a lost link: attach again (at most once a second) and take the whole view as news.
    private func reattachIfNeeded() {
        let due = lock.withLock { () -> Bool in
            guard !attached, Date().timeIntervalSince(lastAttempt) >= 1 else { return false }
            lastAttempt = Date()
            return true
        }
        guard due, let view = try? attach() else { return }
        received(MemberUpdate(campaign: view.campaign, jury: view.jury, dossiers: view.dossiers, sheets: view.sheets,
                              allocationChanged: true, assignments: view.assignments, seanceChanged: true, seance: view.seance,
                              notices: [language.pick("Reconnecté au serveur du jury.", "Reconnected to the jury server.")]))
    }

    func save(_ sheet: ScoreSheet) throws {
        reattachIfNeeded()
        _ = try request(WireRequest(op: .save, sheet: sheet))
    }

    func storeChanges() -> StoreUpdate? {
        reattachIfNeeded()
        let pending = lock.withLock { () -> [MemberUpdate] in
            defer { updates = [] }
            return updates
        }
        guard !pending.isEmpty else { return nil }
        var merged = StoreUpdate()
        for update in pending {
            if let campaign = update.campaign { merged.campaign = campaign }
            if let jury = update.jury { merged.jury = jury }
            if let dossiers = update.dossiers { merged.dossiers = dossiers }
            for sheet in update.sheets {
                merged.sheets.removeAll { $0.reviewer == sheet.reviewer && $0.dossier == sheet.dossier }
                merged.sheets.append(sheet)
                merged.removedSheets[sheet.reviewer]?.remove(sheet.dossier)
            }
            for (login, numbers) in update.removedSheets {
                merged.sheets.removeAll { $0.reviewer == login && numbers.contains($0.dossier) }
                merged.removedSheets[login, default: []].formUnion(numbers)
            }
            merged.allocationChanged = merged.allocationChanged || update.allocationChanged
            if let assignments = update.assignments { merged.assignments = assignments }
            if update.seanceChanged {
                merged.seanceChanged = true
                merged.seance = update.seance
            }
            merged.notices += update.notices
        }
        return merged
    }

    func history(reviewer: String, dossier: Int) -> [ScoreSheet] {
        (try? request(WireRequest(op: .history, dossier: dossier, reviewers: [reviewer])))?.history?[reviewer] ?? []
    }

    func declareConflict(dossier: Int, reason: String) throws {
        _ = try request(WireRequest(op: .declareConflict, dossier: dossier, reason: reason))
    }

    func loadAllocation() throws -> AllocationState {
        guard let allocation = try request(WireRequest(op: .loadAllocation)).allocation else { throw Failure("attribution absente") }
        return allocation
    }

    func saveAllocation(_ allocation: AllocationState, expectedRevision: Int, by login: String) throws -> AllocationState {
        guard let saved = try request(WireRequest(op: .saveAllocation, allocation: allocation, expectedRevision: expectedRevision)).allocation else {
            throw Failure("attribution absente")
        }
        return saved
    }

    func replaceRapporteurs(of dossier: Int, with logins: [String], language: Language) throws {
        _ = try request(WireRequest(op: .saveRapporteurs, dossier: dossier, reviewers: logins))
    }

    func progress() throws -> [RapporteurProgress] { try request(WireRequest(op: .progress)).progress ?? [] }

    func loadChecklistInputs() throws -> ChecklistInputs {
        let response = try request(WireRequest(op: .loadChecklist))
        guard let assignments = response.assignments, let seances = response.seances else { throw Failure("liste de vérification absente") }
        return ChecklistInputs(assignments: assignments, seances: seances)
    }

    func connectedMembers() throws -> [String] { try request(WireRequest(op: .connected)).logins ?? [] }

    func act(on seance: SeanceAction) throws -> SeanceView? { try request(WireRequest(op: .seance, seance: seance)).seance }

    func now() -> Instant { Instant(Date()) }

    func editExternally(_ text: String) -> String? { ExternalEditor.edit(text) }

    func keepDraft(_ text: String?, for prompt: String) { drafts?.keep(text, for: prompt) }

    func draft(for prompt: String) -> String? { drafts?.read(prompt) }
}
