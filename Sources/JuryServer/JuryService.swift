import Foundation
import JuryCore
import JuryStore

/// One connection as the service sees it: who is there, and how to reach them.
public protocol MemberConnection: AnyObject, Sendable {
    var login: String { get }
    /// False once the client has gone: work it asked for and that has not started is dropped.
    var isOpen: Bool { get }
    /// One whole line of the protocol (an answer or a push).
    func send(_ line: Data)
}

/// Who sent a request, as the service established it, and what the request's line said beside its body.
public struct RequestContext: Sendable {
    /// The live store on the writer; a snapshot of it for a read.
    public let store: CampaignStore
    public let member: JuryMember
    public let language: Language
    public let session: String?
    let service: JuryService
    /// The connection the request came on: the one a console attaching is pushed to.
    let connection: any MemberConnection
    public var login: String { member.login }

    /// The jury members whose consoles are attached now.
    public func connectedMembers() -> [String] { service.connectedMembers() }

    /// Runs `body` on the writer with the live store: for a read that ends in a change (an import's save).
    public func onWriter<T>(_ body: (CampaignStore) throws -> T) throws -> T {
        store.isSnapshot ? try service.onWriter(body) : try body(store)
    }
}

/// The campaign's one writer: every request of every member goes through one queue, one at a time.
/// Only the requests registered here exist (docs/SERVER.md, « Requests »); disclosure is applied
/// before anything leaves the process, and what a request wrote is told to every console allowed
/// to see it.
public final class JuryService: @unchecked Sendable {
    public let store: CampaignStore
    let queue = DispatchQueue(label: "ptce-jury.service")
    /// Set on `queue`: whether the caller is already the writer.
    private static let writerKey = DispatchSpecificKey<Bool>()
    private let log: @Sendable (String) -> Void
    /// The language of the log, which the administrator reads (`serve --lang`, else the locale).
    public let language: Language

    /// A capability: who may ask, what it costs, and its handler, which answers with a line.
    private struct Capability {
        let sender: Sender
        let cost: CostClass
        let answer: (Int, Data, RequestContext) throws -> Data
        /// Changes and what the server knows of consoles go to the one writer; the rest to the readers.
        var onWriter: Bool { cost == .write || cost == .session }
    }

    /// Request type name → capability (filled before the server starts, then read only).
    private var capabilities: [String: Capability] = [:]
    /// Consoles that receive changes, with what each was last told (queue only).
    private var attached: [ObjectIdentifier: Attached] = [:]
    /// Per console session (kept across its reconnections): the version of each of its member's
    /// sheets it last knew. A save made from another version is stale (queue only).
    private var sessions: [String: [Int: ScoreSheet?]] = [:]
    /// Per console session: the last change applied from its outbox, and what was answered, so that
    /// a change sent again after a lost answer is answered again, not applied twice (queue only).
    private var applied: [String: (owner: String, change: Int, answer: Data)] = [:]
    /// seances.json as last written: whose dossier is in discussion decides what each console is
    /// shown of it, at every push. Written by the writer, read by the readers too.
    private var seances: Seances {
        get { seancesLock.withLock { knownSeances } }
        set { seancesLock.withLock { knownSeances = newValue } }
    }
    private var knownSeances: Seances
    private let seancesLock = NSLock()
    /// Reads and costly work, beside the writer.
    private let readers = ReadPool(workers: max(2, ProcessInfo.processInfo.activeProcessorCount))
    /// The jury's figures in séance, computed once for every console that asks (JuryFiguresCache).
    private let figuresCache = JuryFiguresCache()
    /// Each member's allowance of changes (queue only).
    private var allowances: [String: Allowance] = [:]
    /// Changes waiting for the writer, in order of arrival (`lineLock`): a sheet's saves waiting
    /// together are written once (`takeNext`).
    private var line: [Change] = []
    private let lineLock = NSLock()
    /// A sheet's saves over their member's allowance, waiting for its next change (queue only).
    private var parked: [SheetKey: [Change]] = [:]

    /// A class, not a struct: a save changes one entry of `sent`, and a struct copied out of
    /// `attached` would copy the whole map (5 000 dossiers) for every console at every save.
    private final class Attached {
        weak var connection: (any MemberConnection)?
        let login: String
        let session: String
        /// What this console was last told, sheets apart (they are in `sent`).
        var view: MemberView
        /// Dossier → login → the sheet this console was last shown.
        var sent: [Int: [String: ScoreSheet]]

        init(connection: any MemberConnection, login: String, session: String, view: MemberView, sent: [Int: [String: ScoreSheet]]) {
            self.connection = connection
            self.login = login
            self.session = session
            self.view = view
            self.sent = sent
        }
    }

    /// Changes a second each member may send (`Quotas.changesPerSecond` unless the administrator says).
    private let changesPerSecond: Double
    /// Seconds a read or costly job may run before it is stopped (`Quotas.readSeconds` unless the administrator says).
    private let readSeconds: Int

    public init(store: CampaignStore, changesPerSecond: Double = Quotas.changesPerSecond, readSeconds: Int = Quotas.readSeconds,
                language: Language = .fr, log: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.language = language
        self.changesPerSecond = changesPerSecond
        self.readSeconds = readSeconds
        self.log = log
        knownSeances = (try? store.loadSeances()) ?? Seances()
        queue.setSpecific(key: Self.writerKey, value: true)
        registerConsoleRequests()
    }

    /// Adds a capability: `handler` runs on the service's queue for a member `R.sender` admits.
    public func register<R: JuryRequest>(_ type: R.Type, _ handler: @escaping (R, RequestContext) throws -> R.Response) {
        capabilities[R.name] = Capability(sender: R.sender, cost: R.cost) { id, line, context in
            let request: R
            do { request = try JSONDecoder().decode(WireBody<R>.self, from: line).body } catch {
                throw Refusal(.unreadable, Self.describe(error).merging(["request": R.name]) { $1 })
            }
            if let overlong = (request as? BoundedTexts)?.overlong() { throw overlong }
            return try Wire.line(WireResult(id: id, result: try handler(request, context)))
        }
    }

    /// The names of the requests that exist, for docs and tests.
    public var requestNames: [String] { capabilities.keys.sorted() }

    /// The jury member a peer account is, or the refusal to send them.
    public func admit(login: String) -> Result<JuryMember, Refusal> {
        let jury = store.jury
        if let member = jury.member(login) { return .success(member) }
        let chairs = jury.members.filter { $0.role == .chair }.map(\.login).joined(separator: ", ")
        return .failure(Refusal(.notMember, ["login": login, "chairs": chairs]))
    }

    /// Runs one request line and calls `answer` with the line to send back: a change on the one
    /// writer's queue, a read on the readers, beside it (a read never delays a change).
    func submit(_ line: Data, from connection: any MemberConnection, answer: @escaping @Sendable (Data) -> Void) {
        submit(line, envelope: try? JSONDecoder().decode(WireEnvelope.self, from: line), from: connection, answer: answer)
    }

    /// `envelope`: the line's, decoded once by whoever received it (nil: unreadable, refused by the writer).
    func submit(_ line: Data, envelope: WireEnvelope?, from connection: any MemberConnection,
                answer: @escaping @Sendable (Data) -> Void) {
        guard let envelope, let capability = capabilities[envelope.type], !capability.onWriter else {
            lineLock.withLock { self.line.append(Change(line: line, envelope: envelope, connection: connection, answer: answer)) }
            queue.async { self.takeNext() }
            return
        }
        readers.submit(for: connection.login, ReadPool.Job(isWanted: { connection.isOpen }, run: { [readSeconds, log] in
            // Its time is counted from its start: waiting behind the member's own jobs is not charged.
            let cancellation = Cancellation(deadline: ContinuousClock.now + .seconds(readSeconds)) { !connection.isOpen }
            let done = Cancellation.$current.withValue(cancellation) {
                self.handle(line, envelope, from: connection, reading: self.store.snapshot())!
            }
            guard cancellation.stoppedWork else { return answer(done) }
            // Stopped halfway: what it made is unfinished and never leaves.
            guard connection.isOpen else {
                log(self.language.text(.serverLogJobStoppedClientGone, ["login": connection.login, "request": envelope.type]))
                return answer(Data())
            }
            answer(self.refuse(envelope.id, Refusal(.timeLimit, ["seconds": "\(readSeconds)"]), login: connection.login, type: envelope.type))
        }))
    }

    // MARK: - The writer's line

    /// A change waiting for the writer.
    private final class Change: @unchecked Sendable {
        let line: Data
        let envelope: WireEnvelope?
        let connection: any MemberConnection
        let answer: @Sendable (Data) -> Void

        init(line: Data, envelope: WireEnvelope?, connection: any MemberConnection, answer: @escaping @Sendable (Data) -> Void) {
            self.line = line
            self.envelope = envelope
            self.connection = connection
            self.answer = answer
        }

        /// For a save of the member's own sheet: which sheet, from which console (read on the writer only).
        lazy var sheet: SheetKey? = {
            guard let envelope, envelope.type == SaveSheetRequest.name,
                  let sheet = try? JSONDecoder().decode(Saved.self, from: line).body.sheet,
                  sheet.reviewer == connection.login else { return nil }
            return SheetKey(login: sheet.reviewer, session: envelope.session, dossier: sheet.dossier)
        }()

        /// Of a save's line, only whose sheet it is.
        private struct Saved: Decodable {
            struct Body: Decodable { var sheet: Sheet }
            struct Sheet: Decodable {
                var dossier: Int
                var reviewer: String
            }
            var body: Body
        }
    }

    /// One member's sheet as saved from one console: its saves replace one another whole.
    private struct SheetKey: Hashable {
        let login: String
        let session: String?
        let dossier: Int
    }

    /// What the writer does with a change over its member's allowance.
    private enum OverAllowance {
        /// Refused `tooFast`: the console's outbox sends it again.
        case refuse
        /// A sheet's save: kept until the allowance has room, later saves of the sheet folding into it.
        case park
        /// Written all the same, counted against the allowance: parked saves before another change of the jury.
        case owe
    }

    /// On the writer: the next change in line. A sheet's save takes with it the later saves of the
    /// same sheet from the same console already waiting, up to any other change of that member or
    /// any change that is not a sheet's save: the last one is written once and every one of them
    /// acknowledged with it, so a member typing fast is never refused and the journal grows by one
    /// entry, not one per keystroke. Nothing is acknowledged before it is on disk.
    private func takeNext() {
        // Read outside the lock (whose sheet a save is means decoding it): only the writer takes
        // from the line, so its first changes stay first while others are added behind them.
        // Bounded: a long line is not scanned whole at every save.
        let waiting = lineLock.withLock { Array(line.prefix(256)) }
        guard let head = waiting.first else { return }
        var taken = [head]
        if let key = head.sheet {
            for next in waiting.dropFirst() {
                if next.sheet == key {
                    taken.append(next)
                } else if next.connection.login == key.login || next.sheet == nil {
                    break
                }
            }
        }
        let gone = Set(taken.map(ObjectIdentifier.init))
        lineLock.withLock { line.removeAll { gone.contains(ObjectIdentifier($0)) } }
        guard let key = head.sheet else {
            // Another change comes after the parked saves, as they were sent before it.
            for key in Array(parked.keys) { write(parked.removeValue(forKey: key)!, overAllowance: .owe) }
            write(taken, overAllowance: .refuse)
            return
        }
        if parked[key] != nil {
            parked[key]! += taken
        } else {
            write(taken, overAllowance: .park)
        }
    }

    /// On the writer: applies the last of `changes` (saves of one sheet, or one change) and answers
    /// each of them with its answer.
    private func write(_ changes: [Change], overAllowance: OverAllowance) {
        let last = changes[changes.count - 1]
        guard let answer = handle(last.line, last.envelope, from: last.connection, overAllowance: overAllowance) else {
            // Over the allowance: kept until it has room for one more change.
            guard let key = last.sheet else { return }
            parked[key] = changes
            let wait = allowances[key.login]?.wait() ?? 0
            queue.asyncAfter(deadline: .now() + wait) { [self] in
                if let parked = parked.removeValue(forKey: key) { write(parked, overAllowance: .park) }
            }
            return
        }
        for change in changes.dropLast() { change.answer(Self.reanswer(answer, id: change.envelope?.id ?? 0)) }
        last.answer(answer)
    }

    func detach(_ connection: any MemberConnection) {
        queue.async {
            self.attached[ObjectIdentifier(connection)] = nil
            // In séance the chair sees who present has no console any more (SeanceView.unconnected).
            if self.seances.current != nil { self.publish([], seance: true) }
        }
    }

    /// A connection silent for `WireLimits.idleSeconds`: closed unless a console is attached on it.
    func closeIfIdle(_ connection: Connection) {
        queue.async {
            guard self.attached[ObjectIdentifier(connection)] == nil else { return }
            connection.refuse(self.language.text(.serverLogIdle, ["seconds": WireLimits.idleSeconds]))
        }
    }

    /// For tests and the bench: waits until every request submitted so far is done.
    public func drain() {
        while queue.sync(execute: { !parked.isEmpty }) || lineLock.withLock({ !line.isEmpty }) { usleep(1_000) }
        while readers.load > 0 { usleep(1_000) }
        queue.sync {}
    }

    /// Runs `body` on the writer with the live store, from a reader (an import planned off the writer,
    /// saved on it); what it wrote is told to the consoles.
    public func onWriter<T>(_ body: (CampaignStore) throws -> T) throws -> T {
        try queue.sync {
            defer { publishWrites() }
            return try body(store)
        }
    }

    /// `reading`: the snapshot a read runs on (nil: a change, on the writer's queue). Nil when a
    /// change over its member's allowance is to be parked (`overAllowance`).
    private func handle(_ line: Data, _ envelope: WireEnvelope?, from connection: any MemberConnection,
                        reading snapshot: CampaignStore? = nil, overAllowance: OverAllowance = .refuse) -> Data? {
        let login = connection.login
        guard let envelope else {
            // Rare (a hand-written client): decoded again only to say where the line is wrong.
            var detail = ["problem": "json"]
            do { _ = try JSONDecoder().decode(WireEnvelope.self, from: line) } catch { detail = Self.describe(error) }
            return refuse(nil, Refusal(.unreadable, detail), login: login, type: "?")
        }
        let id = envelope.id
        guard let capability = capabilities[envelope.type] else {
            return refuse(id, Refusal(.unreadable, ["problem": "unknownType", "type": Sanitizer.line(String(envelope.type.prefix(64)))]),
                          login: login, type: "?")
        }
        if let session = envelope.session, session.utf8.count > WireLimits.sessionBytes {
            return refuse(id, Refusal(.tooLong, ["field": "session", "limit": "\(WireLimits.sessionBytes)"]), login: login, type: envelope.type)
        }
        let member: JuryMember
        switch admit(login: login) {
        case .success(let found): member = found
        case .failure(let refusal): return refuse(id, refusal, login: login, type: envelope.type)
        }
        if capability.sender == .chair && member.role != .chair {
            return refuse(id, Refusal(.chairOnly, ["request": envelope.type]), login: login, type: envelope.type)
        }
        let context = RequestContext(store: snapshot ?? store, member: member, language: envelope.language ?? .fr,
                                     session: envelope.session, service: self, connection: connection)
        guard snapshot == nil else {
            do { return try capability.answer(id, line, context) } catch { return refuse(id, refusal(error), login: login, type: envelope.type) }
        }
        // A change sent again (the answer was lost with the link): answered as the first time.
        if let session = envelope.session, let change = envelope.change, let last = applied[session], last.owner == login,
           change <= last.change {
            return change == last.change ? Self.reanswer(last.answer, id: id) : Self.emptyAnswer(id: id)
        }
        if capability.cost == .write, let refusal = allowances[login, default: Allowance(perSecond: changesPerSecond)].take() {
            switch (refusal.code, overAllowance) {
            case (.tooFast, .park): return nil
            case (.tooFast, .owe): allowances[login]?.owe()
            default: return refuse(id, refusal, login: login, type: envelope.type)
            }
        }
        let answer: Data
        do {
            answer = try capability.answer(id, line, context)
        } catch {
            allowances[login]?.wrote(journalBytes: store.takeWrites().journalBytes)
            return refuse(id, refusal(error), login: login, type: envelope.type)
        }
        if let session = envelope.session, let change = envelope.change {
            // A member's consoles are few: one who invents sessions keeps only their last few answers here.
            if applied[session] == nil, applied.values.filter({ $0.owner == login }).count >= ServiceLimits.sessionsPerMember,
               let oldest = applied.filter({ $0.value.owner == login }).min(by: { $0.value.change < $1.value.change })?.key {
                applied[oldest] = nil
            }
            applied[session] = (login, change, answer)
        }
        allowances[login]?.wrote(journalBytes: publishWrites())
        return answer
    }

    private func refuse(_ id: Int?, _ refusal: Refusal, login: String, type: String) -> Data {
        log(language.text(.serverLogRefused, ["login": login, "request": type, "refusal": refusal.text(language)]))
        return (try? Wire.line(WireAnswer(id: id, refusal: refusal))) ?? Data()
    }

    /// The refusal a handler's error stands for, worded where it was raised; the store's files are
    /// named within the campaign, never where the server keeps it.
    func refusal(_ error: any Error) -> Refusal {
        switch error {
        case let refusal as Refusal: return refusal
        case let refusal as SeanceRefusal: return .refused(refusal.message)
        case let failure as StoreFailure: return .refused(failure.within(store.root).localized)
        case let failure as AssignmentChangeFailure:
            // A rule's refusal is already in the member's language; the store's comes in both.
            if case .store(let store) = failure { return .refused(store.within(self.store.root).localized) }
            return .refused(failure.description)
        default: return .refused(String(describing: error))
        }
    }

    /// A decoding error in a sentence: where in the request, and what was wrong (never the bytes).
    /// What is wrong with a request's line, as the refusal's parameters (`Refusal.text` words them).
    static func describe(_ error: any Error) -> [String: String] {
        guard let decoding = error as? DecodingError else { return ["problem": "json"] }
        func at(_ context: DecodingError.Context) -> [String: String] {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? [:] : ["path": Sanitizer.line(String(path.prefix(200)))]
        }
        switch decoding {
        case .keyNotFound(let key, let context):
            return at(context).merging(["problem": "missing", "field": Sanitizer.line(String(key.stringValue.prefix(200)))]) { $1 }
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return at(context).merging(["problem": "type"]) { $1 }
        case .dataCorrupted(let context): return at(context).merging(["problem": "value"]) { $1 }
        @unknown default: return ["problem": "json"]
        }
    }

    /// The answer kept for a change, under the id of the request that sent it again.
    private static func reanswer(_ answer: Data, id: Int) -> Data {
        guard var object = (try? JSONSerialization.jsonObject(with: answer)) as? [String: Any] else { return emptyAnswer(id: id) }
        object["id"] = id
        guard var line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return emptyAnswer(id: id)
        }
        line.append(0x0A)
        return line
    }

    /// For a change older than the last one answered: it was applied, and its answer is no longer needed.
    private static func emptyAnswer(id: Int) -> Data { (try? Wire.line(WireResult(id: id, result: Done()))) ?? Data() }

    // MARK: - The console's requests

    private func registerConsoleRequests() {
        register(PreviewRequest.self) { [unowned self] _, context in
            try view(of: context.login, in: context.store, limit: ServiceLimits.previewDossiers)
        }
        register(AttachRequest.self) { [unowned self] _, context in
            guard let session = context.session else { throw Refusal(.unreadable, ["problem": "missing", "field": "session"]) }
            // Built on a reader, from a snapshot (seconds at 5 000 dossiers); registered on the writer,
            // which at once tells this console what changed since the snapshot.
            let view = try view(of: context.login, in: context.store, limit: nil)
            try context.onWriter { _ in attach(context, session: session, view: view, from: context.store) }
            return view
        }
        register(SaveSheetRequest.self) { [unowned self] request, context in
            let login = context.login
            guard request.sheet.reviewer == login else { throw Refusal(.notYourSheet, ["login": login]) }
            let dossier = request.sheet.dossier
            let expected: ScoreSheet?
            if let session = context.session, let known = sessions[session]?[dossier] {
                expected = known
            } else {
                // A session the server does not know (it restarted): the member's last word wins.
                expected = context.store.sheet(reviewer: login, dossier: dossier)
            }
            let stored = try context.store.save(request.sheet, expecting: expected, by: login)
            if let session = context.session { sessions[session, default: [:]][dossier] = .some(stored) }
            return stored
        }
        register(HistoryRequest.self) { [unowned self] request, context in
            let disclosure = disclosure(for: context.member, in: context.store)
            var history: [String: [ScoreSheet]] = [:]
            for reviewer in Set(request.reviewers).prefix(64) {
                let versions = context.store.history(reviewer: reviewer, dossier: request.dossier, disclosedTo: disclosure)
                if !versions.isEmpty { history[reviewer] = versions }
            }
            return history
        }
        register(DeclareConflictRequest.self) { request, context in
            try context.store.act(as: context.login)
            try context.store.declareConflict(dossier: request.dossier, reason: request.reason)
            return Done()
        }
        register(LoadAllocationRequest.self) { [unowned self] _, context in
            try context.store.loadAllocation().disclosed(to: disclosure(for: context.member, in: context.store))
        }
        register(SaveAllocationRequest.self) { [unowned self] request, context in
            let saved = try context.store.saveAllocation(request.allocation, expectedRevision: request.expectedRevision, by: context.login)
            return saved.disclosed(to: disclosure(for: context.member, in: context.store))
        }
        register(SaveRapporteursRequest.self) { [unowned self] request, context in
            guard request.reviewers.count <= 64 else { throw Refusal(.tooLong, ["field": "reviewers", "limit": "64"]) }
            try context.store.replaceRapporteurs(of: request.dossier, with: request.reviewers, by: context.login, language: context.language)
            return Done()
        }
        register(ProgressRequest.self) { _, context in try context.store.progress(seenBy: context.login) }
        register(ChecklistRequest.self) { _, context in
            ChecklistRequest.Inputs(assignments: try context.store.loadAssignments(), seances: try context.store.loadSeances())
        }
        register(SeanceActRequest.self) { [unowned self] request, context in
            let seances = try context.store.act(on: request.action, by: context.login)
            return SeanceActRequest.Answer(seance: SeanceView.of(seances, for: context.member, connected: Set(connectedMembers())))
        }
        register(ConnectedRequest.self) { [unowned self] _, _ in connectedMembers() }
        register(JuryFiguresRequest.self) { [unowned self] _, context in
            JuryFiguresRequest.Answer(figures: try context.store.juryFigures(for: context.member, cache: figuresCache))
        }
    }

    /// The jury members whose consoles are attached now. From the writer's queue (a handler) as from
    /// a reader (`jury list`): what is attached is the writer's to know.
    public func connectedMembers() -> [String] {
        func read() -> [String] {
            let jury = store.jury
            return Set(attached.values.filter { $0.connection != nil }.map(\.login)).filter { jury.member($0) != nil }.sorted()
        }
        return DispatchQueue.getSpecific(key: Self.writerKey) == nil ? queue.sync(execute: read) : read()
    }

    /// On the writer: the console on `context`'s connection receives changes from now on, starting
    /// with those made since `snapshot`, which its view was built from.
    private func attach(_ context: RequestContext, session: String, view: MemberView, from snapshot: CampaignStore) {
        let connection = context.connection
        guard connection.isOpen else { return }
        var sent: [Int: [String: ScoreSheet]] = [:]
        for sheet in view.sheets { sent[sheet.dossier, default: [:]][sheet.reviewer] = sheet }
        var kept = view
        kept.sheets = []
        attached[ObjectIdentifier(connection)] = Attached(connection: connection, login: context.login, session: session, view: kept, sent: sent)
        // What the console knows from now on: my sheets as they are (after a reconnection, its
        // outbox sends its unsaved changes again on top of them).
        let mine = snapshot.sheets[context.login] ?? [:]
        sessions[session] = Dictionary(uniqueKeysWithValues: view.dossiers.map { ($0.number, mine[$0.number]) })
        publish(nil, to: ObjectIdentifier(connection))
        if seances.current != nil { publish([], seance: true) }
    }

    private func view(of login: String, in store: CampaignStore, limit: Int?) throws -> MemberView {
        guard let view = MemberView.of(login, campaign: store.campaign, jury: store.jury, dossiers: store.dossiers, sheets: store.sheets,
                                       assignments: assignments(in: store), seances: seances, finalized: store.finalisationOnDisk(),
                                       connected: connected(shownTo: login, in: store), limit: limit) else {
            throw admit(login: login).failure ?? Refusal(.notMember, ["login": login])
        }
        return view
    }

    /// Who is connected, for the chair's view of a séance in progress (nil otherwise: the writer is not asked).
    private func connected(shownTo login: String, in store: CampaignStore) -> Set<String>? {
        guard seances.current != nil, store.jury.member(login)?.role == .chair else { return nil }
        return Set(connectedMembers())
    }

    /// What `member` may learn, the dossier in discussion considered.
    private func disclosure(for member: JuryMember, in store: CampaignStore? = nil) -> Disclosure {
        Disclosure(viewer: member, campaign: (store ?? self.store).campaign, inDiscussion: seances.inDiscussion)
    }

    /// assignments.json as it is now (none when it cannot be read: `check` says why).
    private func assignments(in store: CampaignStore? = nil) -> Assignments { (try? (store ?? self.store).loadAssignments()) ?? Assignments() }

    // MARK: - Changes told to the consoles

    /// Tells every console what the request just handled wrote, whatever it was: the store says
    /// which files it wrote, so a command's change travels like a console's and a read like no change.
    /// Returns the journal bytes written.
    @discardableResult
    private func publishWrites() -> Int {
        let writes = store.takeWrites()
        guard !writes.isEmpty else { return writes.journalBytes }
        let before = seances.inDiscussion
        if writes.seances || writes.everything {
            do { seances = try store.loadSeances() } catch { log(language.text(.serverLogSeancesUnreadable, ["error": error])) }
        }
        // The dossiers entering or leaving discussion change what members may read on them.
        let moved = Set([before, seances.inDiscussion].compactMap { $0 })
        // In séance every board shows the jury's figures: any sheet moves them, seen or not by the member.
        let figures = seances.current != nil && (writes.everything || !writes.sheets.isEmpty || writes.allocation)
        publish(writes.everything ? nil : Array(writes.sheets.union(moved)), allocation: writes.allocation, seance: writes.seances,
                figures: figures)
        return writes.journalBytes
    }

    /// Tells every attached console what changed for them: the sheets on `dossiers` (nil: anything,
    /// the campaign, the jury and the rapporteurs included), the allocation, the séance. At 5 000
    /// dossiers, comparing everything for 12 consoles takes half a second: a change says what it touched.
    /// `only`: one console (just attached), else every one.
    /// `figures`: the jury's figures of the séance in progress changed (a sheet, the allocation).
    private func publish(_ dossiers: [Int]?, allocation: Bool = false, seance: Bool = false, figures: Bool = false,
                         to only: ObjectIdentifier? = nil) {
        guard !attached.isEmpty else { return }
        let campaign = store.campaign, jury = store.jury, sheets = store.sheets, allDossiers = store.dossiers
        let logins = sheets.keys.sorted()
        let everyAssignment = dossiers == nil ? assignments() : Assignments()
        let finalized = allocation ? store.finalisationOnDisk() : nil
        let connected = Set(connectedMembers())
        for (key, console) in attached where only == nil || key == only {
            guard let connection = console.connection else {
                attached[key] = nil
                continue
            }
            guard let member = jury.member(console.login) else {
                connection.send(pushing: MemberUpdate(notices: [.removedFromJury(login: console.login)]))
                attached[key] = nil
                continue
            }
            let disclosure = disclosure(for: member)
            var update = MemberUpdate(allocationChanged: allocation, finalized: allocation ? finalized : nil, figuresChanged: figures)
            if seance || dossiers == nil {
                let shownSeance = SeanceView.of(seances, for: member, connected: connected)
                if shownSeance != console.view.seance {
                    update.seanceChanged = true
                    update.seance = shownSeance
                    console.view.seance = shownSeance
                }
            }
            var numbers: [Int]
            if let dossiers {
                numbers = dossiers
            } else {
                if campaign != console.view.campaign { update.campaign = campaign; console.view.campaign = campaign }
                let shownJury = MemberView.redacted(jury, for: member)
                if shownJury != console.view.jury { update.jury = shownJury; console.view.jury = shownJury }
                let shown = allDossiers.filter { disclosure.mayLearnAnything(about: $0.number) }
                if shown != console.view.dossiers { update.dossiers = shown; console.view.dossiers = shown }
                let rapporteurs = everyAssignment.disclosed(to: disclosure)
                if rapporteurs != console.view.assignments { update.assignments = rapporteurs; console.view.assignments = rapporteurs }
                numbers = Array(Set(console.sent.keys).union(shown.map(\.number)))
            }
            numbers.sort()
            for number in numbers {
                let now = MemberView.visibleSheets(on: number, disclosure: disclosure, sheets: sheets, logins: logins)
                let before = console.sent[number] ?? [:]
                guard now != before else { continue }
                for (login, sheet) in now.sorted(by: { $0.key < $1.key }) where before[login] != sheet {
                    update.sheets.append(sheet)
                    // My other console now knows this version of my sheet.
                    if login == console.login { sessions[console.session, default: [:]][number] = .some(sheet) }
                }
                for login in before.keys.sorted() where now[login] == nil {
                    update.removedSheets[login, default: []].insert(number)
                    if login == console.login { sessions[console.session, default: [:]][number] = .some(nil) }
                }
                console.sent[number] = now.isEmpty ? nil : now
            }
            if !update.isEmpty { connection.send(pushing: update) }
        }
    }
}

enum ServiceLimits {
    /// A console's first frame shows this many dossiers; the rest follows with the whole view.
    static let previewDossiers = 250
    /// Console sessions per member whose last change's answer is kept, to answer it again.
    static let sessionsPerMember = 8
}

extension MemberConnection {
    func send(pushing update: MemberUpdate) {
        guard let line = try? Wire.line(WireAnswer(id: nil, push: update)) else { return }
        send(line)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
