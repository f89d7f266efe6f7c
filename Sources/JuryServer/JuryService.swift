import Foundation
import JuryCore
import JuryStore

/// A headless command sent by a member, to run on the server in their name.
public struct CommandCall: Sendable {
    public var login: String
    public var arguments: [String]
    public var language: Language
    public var inputs: [Int: Data]
    public var outputs: [Int]
}

/// What the command printed and wrote; `changed`: it may have changed the campaign.
public struct CommandResult: Sendable {
    public var exitCode: Int32
    public var standardOutput: String
    public var standardError: String
    public var files: [Int: Data]
    public var changed: Bool

    public init(exitCode: Int32, standardOutput: String, standardError: String, files: [Int: Data] = [:], changed: Bool) {
        self.exitCode = exitCode
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.files = files
        self.changed = changed
    }
}

/// The command line's commands, run against the server's store (the executable provides them:
/// the server runs exactly the code a local command runs, so outputs and exit codes are the same).
public typealias CommandRunner = @Sendable (CampaignStore, CommandCall) -> CommandResult

/// One connection as the service sees it: who is there, and how to reach them.
public protocol MemberConnection: AnyObject, Sendable {
    var login: String { get }
    func send(_ message: WireResponse)
}

/// The campaign's one writer: every request of every member goes through `handle`, one at a time,
/// on `queue`. Disclosure is applied here, before anything leaves the process (docs/SERVER.md).
public final class JuryService: @unchecked Sendable {
    public let store: CampaignStore
    let queue = DispatchQueue(label: "ptce-jury.service")
    private let runCommand: CommandRunner
    private let log: @Sendable (String) -> Void

    /// Consoles that receive changes, with what each was last told (queue only).
    private var attached: [ObjectIdentifier: Attached] = [:]
    /// Per console session (kept across its reconnections): the version of each of its member's
    /// sheets it last knew. A save made from another version is stale (queue only).
    private var sessions: [String: [Int: ScoreSheet?]] = [:]
    /// seances.json as last written (queue only): whose dossier is in discussion decides what each
    /// console is shown of it, at every push.
    private var seances: Seances

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

    public init(store: CampaignStore, runCommand: @escaping CommandRunner, log: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.runCommand = runCommand
        self.log = log
        seances = (try? store.loadSeances()) ?? Seances()
    }

    /// The jury member a peer account is, or the refusal to send them.
    public func admit(login: String, language: Language) -> Result<JuryMember, Refusal> {
        let jury = store.jury
        if let member = jury.member(login) { return .success(member) }
        let chairs = jury.members.filter { $0.role == .chair }.map(\.login).joined(separator: ", ")
        return .failure(Refusal(language.pick(
            "« \(login) » n’est pas membre du jury de cette campagne. La présidence (\(chairs.isEmpty ? "aucune" : chairs)) peut vous ajouter : "
                + "ptce-jury jury add \(login) --name \"Prénom Nom\"",
            "“\(login)” is not a member of this campaign’s jury. The chair (\(chairs.isEmpty ? "none" : chairs)) can add you: "
                + "ptce-jury jury add \(login) --name \"First Last\"")))
    }

    public struct Refusal: Error, Sendable {
        public var message: String
        init(_ message: String) { self.message = message }
    }

    /// Runs one request on the service's queue and calls `answer` there with the response.
    func submit(_ request: WireRequest, from connection: any MemberConnection, answer: @escaping @Sendable (WireResponse) -> Void) {
        queue.async { answer(self.handle(request, from: connection)) }
    }

    func detach(_ connection: any MemberConnection) {
        queue.async { self.attached[ObjectIdentifier(connection)] = nil }
    }

    /// For tests and the bench: waits until every request submitted so far is done.
    public func drain() { queue.sync {} }

    private func handle(_ request: WireRequest, from connection: any MemberConnection) -> WireResponse {
        let language = request.language.flatMap(Language.init(rawValue:)) ?? .fr
        let login = connection.login
        let member: JuryMember
        switch admit(login: login, language: language) {
        case .success(let found): member = found
        case .failure(let refusal): return WireResponse(id: request.id, error: refusal.message)
        }
        var response = WireResponse(id: request.id)
        do {
            switch request.op {
            case .run:
                let result = runCommand(store, CommandCall(login: login, arguments: request.arguments ?? [], language: language,
                                                           inputs: request.inputs ?? [:], outputs: request.outputs ?? []))
                response.exitCode = result.exitCode
                response.standardOutput = result.standardOutput
                response.standardError = result.standardError
                response.files = result.files
                if result.changed {
                    reloadSeances()
                    publish(nil)
                }
            case .preview:
                response.view = view(of: login, limit: ServiceLimits.previewDossiers)
            case .attach:
                guard let session = request.session, session.utf8.count <= 64 else { throw Refusal("session manquante") }
                let view = view(of: login, limit: nil)
                response.view = view
                guard let view else { break }
                var sent: [Int: [String: ScoreSheet]] = [:]
                for sheet in view.sheets { sent[sheet.dossier, default: [:]][sheet.reviewer] = sheet }
                var kept = view
                kept.sheets = []
                attached[ObjectIdentifier(connection)] = Attached(connection: connection, login: login, session: session, view: kept, sent: sent)
                // What the console knows from now on: my sheets as they are (after a reconnection,
                // its unsaved changes are sent again on top of them).
                let mine = store.sheets[login] ?? [:]
                sessions[session] = Dictionary(uniqueKeysWithValues: view.dossiers.map { ($0.number, mine[$0.number]) })
            case .save:
                guard var sheet = request.sheet else { throw Refusal("fiche manquante") }
                guard sheet.reviewer == login else {
                    throw Refusal(language.pick("vous n’enregistrez que vos propres fiches (vous êtes \(login))",
                                                "you save only your own sheets (you are \(login))"))
                }
                sheet.reviewer = login
                let expected: ScoreSheet?
                if let session = request.session, let known = sessions[session]?[sheet.dossier] {
                    expected = known
                } else {
                    // A session the server does not know (it restarted): the member's last word wins.
                    expected = store.sheet(reviewer: login, dossier: sheet.dossier)
                }
                let stored = try store.save(sheet, expecting: expected, by: login)
                if let session = request.session { sessions[session, default: [:]][sheet.dossier] = .some(stored) }
                response.sheet = stored
                publish([sheet.dossier])
            case .history:
                guard let dossier = request.dossier else { throw Refusal("dossier manquant") }
                let disclosure = disclosure(for: member)
                let readable = MemberView.visibleSheets(on: dossier, disclosure: disclosure, sheets: store.sheets,
                                                        logins: store.jury.members.map(\.login))
                var history: [String: [ScoreSheet]] = [:]
                for reviewer in Set(request.reviewers ?? []).prefix(64) where readable[reviewer] != nil {
                    history[reviewer] = store.history(reviewer: reviewer, dossier: dossier, disclosedTo: disclosure)
                }
                response.history = history
            case .declareConflict:
                guard let dossier = request.dossier, let reason = request.reason else { throw Refusal("dossier ou motif manquant") }
                try store.act(as: login)
                try store.declareConflict(dossier: dossier, reason: reason)
                publish(nil)
            case .loadChecklist:
                // Assignments and who stepped out for a conflict are the chair's to know.
                guard member.role == .chair else { throw Refusal(language.pick("réservé à la présidence du jury", "for the jury's chair only")) }
                response.assignments = try store.loadAssignments()
                response.seances = try store.loadSeances()
            case .loadAllocation:
                response.allocation = try store.loadAllocation().disclosed(to: disclosure(for: member))
            case .saveAllocation:
                guard let allocation = request.allocation, let revision = request.expectedRevision else { throw Refusal("attribution manquante") }
                let saved = try store.saveAllocation(allocation, expectedRevision: revision, by: login)
                response.allocation = saved.disclosed(to: disclosure(for: member))
                // The decisions it recorded in the séance, if one is open.
                reloadSeances()
                // Who may read what does not change with the allocation: only the board, and the séance's record.
                publish([], allocation: true, seance: true)
            case .saveRapporteurs:
                guard let dossier = request.dossier, let logins = request.reviewers, logins.count <= 64 else {
                    throw Refusal("dossier ou rapporteurs manquants")
                }
                try store.replaceRapporteurs(of: dossier, with: logins, by: login, language: language)
                publish(nil)
            case .progress:
                response.progress = try store.progress(seenBy: login)
            case .seance:
                guard let action = request.seance else { throw Refusal("action sur la séance manquante") }
                let before = seances.inDiscussion
                seances = try store.act(on: action, by: login)
                response.seance = SeanceView.of(seances, for: member)
                // Only the dossiers entering or leaving discussion change what members may read.
                publish(Array(Set([before, seances.inDiscussion].compactMap { $0 })), seance: true)
            case .connected:
                guard member.role == .chair else {
                    throw Refusal(language.pick("seule la présidence du jury conduit la séance", "only the jury’s chair runs the session"))
                }
                let jury = store.jury
                response.logins = Set(attached.values.filter { $0.connection != nil }.map(\.login)).filter { jury.member($0) != nil }.sorted()
            }
        } catch let refusal as Refusal {
            response.error = refusal.message
        } catch let refusal as SeanceRefusal {
            response.error = refusal.message.text(language)
        } catch {
            response.error = (error as? StoreFailure)?.description ?? String(describing: error)
        }
        if response.error != nil { log("refusé à \(login) (\(request.op.rawValue)) : \(response.error ?? "")") }
        return response
    }

    private func view(of login: String, limit: Int?) -> MemberView? {
        MemberView.of(login, campaign: store.campaign, jury: store.jury, dossiers: store.dossiers, sheets: store.sheets,
                      assignments: assignments(), seances: seances, limit: limit)
    }

    /// What `member` may learn, the dossier in discussion considered.
    private func disclosure(for member: JuryMember) -> Disclosure {
        Disclosure(viewer: member, campaign: store.campaign, inDiscussion: seances.inDiscussion)
    }

    /// After a command or a save that may have written seances.json.
    private func reloadSeances() {
        do { seances = try store.loadSeances() } catch { log("seances.json illisible, la séance connue est gardée : \(error)") }
    }

    /// assignments.json as it is now (none when it cannot be read: `check` says why).
    private func assignments() -> Assignments { (try? store.loadAssignments()) ?? Assignments() }

    /// Tells every attached console what changed for them: the sheets on `dossiers` (nil: anything,
    /// the campaign, the jury and the rapporteurs included), the allocation, the séance. At 5 000
    /// dossiers, comparing everything for 12 consoles takes half a second: a change says what it touched.
    private func publish(_ dossiers: [Int]?, allocation: Bool = false, seance: Bool = false) {
        guard !attached.isEmpty else { return }
        let campaign = store.campaign, jury = store.jury, sheets = store.sheets, allDossiers = store.dossiers
        let logins = sheets.keys.sorted()
        let everyAssignment = dossiers == nil ? assignments() : Assignments()
        for (key, console) in attached {
            guard let connection = console.connection else {
                attached[key] = nil
                continue
            }
            guard let member = jury.member(console.login) else {
                connection.send(pushing: MemberUpdate(notices: ["« \(console.login) » ne fait plus partie du jury"]))
                attached[key] = nil
                continue
            }
            let disclosure = disclosure(for: member)
            var update = MemberUpdate(allocationChanged: allocation)
            if seance || dossiers == nil {
                let shownSeance = SeanceView.of(seances, for: member)
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
                    update.removedSheets[login, default: []].append(number)
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
}

extension MemberConnection {
    func send(pushing update: MemberUpdate) {
        var message = WireResponse(id: nil)
        message.push = update
        send(message)
    }
}
