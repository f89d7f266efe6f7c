import Foundation
import JuryConsole
import JuryCore
import JuryServer
import JuryStore
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
    let preview = try environment.call(PreviewRequest())
    if !preview.complete, let screen = try? CursesTerminal() {
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
                           seance: view.seance, finalized: view.finalized)
    let screen = try terminal ?? openTerminal(language)
    terminal = screen
    screen.wakeDescriptor = environment.wakeDescriptor
    let state = ConsoleState(data: data, rows: screen.rows, columns: screen.columns, now: Instant(Date()))
    ConsoleLoop.run(terminal: screen, state: state, environment: environment)
}

/// The console's outside world through the jury server. Every change the member makes goes
/// through the outbox (sent in order, kept until answered); when the link drops, the console says
/// so and goes on, and what waits is sent again once it is back (docs/SERVER.md, « Faults on the link »).
final class RemoteEnvironment: ConsoleEnvironment, @unchecked Sendable {
    private let language: Language
    private let client: JuryClient
    private let outbox: Outbox
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
        // The kernel names the member by this account: their outbox is theirs under it.
        outbox = Outbox(socket: socket, login: UnixAccounts.currentLogin(), language: language)
        var ends: [Int32] = [0, 0]
        _ = pipe(&ends)
        _ = fcntl(ends[0], F_SETFL, O_NONBLOCK)
        _ = fcntl(ends[1], F_SETFL, O_NONBLOCK)
        wake = (ends[0], ends[1])
        let box = WeakBox()
        client = JuryClient(socketPath: socket, onPush: { update in box.environment?.received(update) },
                            onLost: { box.environment?.lost() })
        box.environment = self
    }

    /// Lets the client's callbacks reach the environment without keeping it alive.
    private final class WeakBox: @unchecked Sendable {
        weak var environment: RemoteEnvironment?
    }

    deinit {
        client.close()
        close(wake.read)
        close(wake.write)
    }

    var wakeDescriptor: Int32 { wake.read }

    /// One read; a refusal or a lost link is thrown with the words the member reads.
    func call<R: JuryRequest>(_ request: R, change: Int? = nil) throws -> R.Response {
        do { return try client.call(request, session: outbox.session, language: language, change: change) } catch {
            throw Failure(error.text(language))
        }
    }

    func attach() throws -> MemberView {
        let view = try call(AttachRequest())
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
        received(MemberUpdate(notices: [.linkLost]))
    }

    /// After a lost link: attach again (at most once a second), take the whole view as news, and
    /// send what waits in the outbox.
    private func reattachIfNeeded() {
        let due = lock.withLock { () -> Bool in
            guard !attached, Date().timeIntervalSince(lastAttempt) >= 1 else { return false }
            lastAttempt = Date()
            return true
        }
        // Pushes that arrive while attaching are newer than the view (the server tells a console at
        // once what changed since its view was made): the view goes before them.
        let before = lock.withLock { updates.count }
        guard due, let view = try? attach() else { return }
        let news = MemberUpdate(campaign: view.campaign, jury: view.jury, dossiers: view.dossiers, sheets: view.sheets,
                                allocationChanged: true, assignments: view.assignments, seanceChanged: true, seance: view.seance,
                                notices: [.reconnected])
        lock.withLock { updates.insert(news, at: min(before, updates.count)) }
        _ = write(wake.write, "!", 1)
        _ = try? flush()
    }

    /// Keeps `change` in the outbox, then sends what waits there, oldest first; returns the server's
    /// answer to `change`. Without a link the change stays kept, and the member is told it will be sent.
    private func make(_ change: Outbox.Change) throws -> (any Sendable)? {
        reattachIfNeeded()
        let wasKept = outbox.unkept == nil
        let number = outbox.add(change)
        // Said once, when the state directory stops taking the outbox: changes are still sent.
        if wasKept, let why = outbox.unkept { received(MemberUpdate(notices: [.outboxUnkept(why)])) }
        return try flush(awaiting: number)
    }

    /// Sends the outbox in order until it is empty or the link fails. A refused change leaves it:
    /// its refusal is thrown when it is the one `awaiting`, said to the member otherwise.
    @discardableResult
    private func flush(awaiting number: Int? = nil) throws -> (any Sendable)? {
        var answer: (any Sendable)?
        while let entry = outbox.first {
            let response: any Sendable
            do {
                switch entry.request {
                case .sheet(let request): response = try client.call(request, session: outbox.session, language: language, change: entry.change)
                case .conflict(let request): response = try client.call(request, session: outbox.session, language: language, change: entry.change)
                case .allocation(let request): response = try client.call(request, session: outbox.session, language: language, change: entry.change)
                case .rapporteurs(let request): response = try client.call(request, session: outbox.session, language: language, change: entry.change)
                case .seance(let request): response = try client.call(request, session: outbox.session, language: language, change: entry.change)
                }
            } catch {
                // Over the member's allowance for now: kept, and sent again later like a change without a link.
                guard case .refusal(let refusal) = error, refusal.code != .tooFast, refusal.code != .quota else {
                    throw Failure(language.text(.theChangeIsKeptAndWillBe, ["language": error.text(language)])
                                  + " (\(outbox.pendingCount))")
                }
                outbox.settle(entry.change)
                if entry.change == number { throw Failure(refusal.text(language)) }
                received(MemberUpdate(notices: [.refused(refusal.text(language))]))
                continue
            }
            outbox.settle(entry.change)
            if entry.change == number { answer = response }
        }
        return answer
    }

    func pendingChanges() -> Int { outbox.pendingCount }

    func save(_ sheet: ScoreSheet) throws { try make(.sheet(SaveSheetRequest(sheet: sheet))) }

    func storeChanges() -> MemberUpdate? {
        reattachIfNeeded()
        if lock.withLock({ attached }), outbox.pendingCount > 0 { _ = try? flush() }
        let pending = lock.withLock { () -> [MemberUpdate] in
            defer { updates = [] }
            return updates
        }
        guard var merged = pending.first else { return nil }
        for update in pending.dropFirst() { merged.absorb(update) }
        return merged
    }

    func history(reviewer: String, dossier: Int) -> [ScoreSheet] {
        (try? call(HistoryRequest(dossier: dossier, reviewers: [reviewer])))?[reviewer] ?? []
    }

    func declareConflict(dossier: Int, reason: String) throws { try make(.conflict(DeclareConflictRequest(dossier: dossier, reason: reason))) }

    func loadAllocation() throws -> AllocationState { try call(LoadAllocationRequest()) }

    func saveAllocation(_ allocation: AllocationState, expectedRevision: Int, by login: String) throws -> AllocationState {
        guard let saved = try make(.allocation(SaveAllocationRequest(allocation: allocation, expectedRevision: expectedRevision))) as? AllocationState else {
            throw Failure(language.text(.noAllocationInTheAnswer))
        }
        return saved
    }

    func replaceRapporteurs(of dossier: Int, with logins: [String], language: Language) throws {
        try make(.rapporteurs(SaveRapporteursRequest(dossier: dossier, reviewers: logins)))
    }

    func progress() throws -> [RapporteurProgress] { try call(ProgressRequest()) }

    func loadChecklistInputs() throws -> ChecklistInputs {
        let inputs = try call(ChecklistRequest())
        return ChecklistInputs(assignments: inputs.assignments, seances: inputs.seances)
    }

    func connectedMembers() throws -> [String] { try call(ConnectedRequest()) }

    func act(on seance: SeanceAction) throws -> SeanceView? {
        (try make(.seance(SeanceActRequest(action: seance))) as? SeanceActRequest.Answer)?.seance
    }

    func juryFigures() throws -> JuryFigures? { try call(JuryFiguresRequest()).figures }

    func now() -> Instant { Instant(Date()) }

    func editExternally(_ text: String) -> String? { ExternalEditor.edit(text) }

    func keepDraft(_ text: String?, for prompt: String) { drafts?.keep(text, for: prompt) }

    func draft(for prompt: String) -> String? { drafts?.read(prompt) }
}
