/// Everything one jury member may know of a campaign: what the jury server sends them, and all it
/// sends them (docs/SERVER.md). Built through `Disclosure`, so that blind review and conflicts of
/// interest hold whatever program reads the socket: a dossier the member is in conflict on is
/// absent (no row, no sheet, no count), others' sheets appear only where the rule shows them and
/// only once submitted, others' conflicts of interest only to the chair.
public struct MemberView: Codable, Sendable, Equatable {
    public var login: String
    public var campaign: Campaign
    public var jury: Jury
    /// Sorted by number, without the dossiers the member is in conflict on.
    public var dossiers: [Dossier]
    /// The member's own sheets (drafts included) and the others' sheets they may read.
    public var sheets: [ScoreSheet]
    /// False for the first screen of a large campaign: only its first dossiers, the rest follows.
    public var complete: Bool
    /// Who reports on which dossier, without the dossiers the member is in conflict on.
    public var assignments: Assignments
    /// The séance in progress as the member may know it.
    public var seance: SeanceView?
    /// The allocation's finalisation, when it is finalised: every sheet then opens read-only.
    public var finalized: Finalization?

    public init(login: String, campaign: Campaign, jury: Jury, dossiers: [Dossier], sheets: [ScoreSheet], complete: Bool,
                assignments: Assignments = Assignments(), seance: SeanceView? = nil, finalized: Finalization? = nil) {
        self.login = login
        self.campaign = campaign
        self.jury = jury
        self.dossiers = dossiers
        self.sheets = sheets
        self.complete = complete
        self.assignments = assignments
        self.seance = seance
        self.finalized = finalized
    }

    /// The view of `login`, nil when they are not in the jury. `limit`: only the first dossiers (a
    /// preview). `seances`: during a discussion, the dossier's sheets may be shown (Disclosure).
    public static func of(_ login: String, campaign: Campaign, jury: Jury, dossiers: [Dossier],
                          sheets: [String: [Int: ScoreSheet]], assignments: Assignments = Assignments(),
                          seances: Seances = Seances(), finalized: Finalization? = nil, connected: Set<String>? = nil,
                          limit: Int? = nil) -> MemberView? {
        guard let member = jury.member(login) else { return nil }
        let disclosure = Disclosure(viewer: member, campaign: campaign, inDiscussion: seances.inDiscussion)
        var shown = dossiers.filter { disclosure.mayLearnAnything(about: $0.number) }
        let complete = limit.map { shown.count <= $0 } ?? true
        if let limit, !complete { shown = Array(shown.prefix(limit)) }
        let logins = sheets.keys.sorted()
        let visible = shown.flatMap { visibleSheets(on: $0.number, disclosure: disclosure, sheets: sheets, logins: logins).values
            .sorted { $0.reviewer < $1.reviewer } }
        return MemberView(login: login, campaign: campaign, jury: redacted(jury, for: member), dossiers: shown,
                          sheets: visible, complete: complete, assignments: assignments.disclosed(to: disclosure),
                          seance: SeanceView.of(seances, for: member, connected: connected), finalized: finalized)
    }

    /// The sheets on one dossier the member may read, by login (theirs included).
    public static func visibleSheets(on dossier: Int, disclosure: Disclosure, sheets: [String: [Int: ScoreSheet]],
                                     logins: [String]) -> [String: ScoreSheet] {
        guard disclosure.mayLearnAnything(about: dossier) else { return [:] }
        let me = disclosure.viewer.login
        var found: [String: ScoreSheet] = [:]
        if let mine = sheets[me]?[dossier] { found[me] = mine }
        guard disclosure.mayReadOthers(on: dossier, ownSheet: found[me]) else { return found }
        for login in logins where login != me {
            if let sheet = sheets[login]?[dossier], sheet.status == .submitted { found[login] = sheet }
        }
        return found
    }

    /// The jury as a member may see it: others' conflicts of interest only for the chair.
    public static func redacted(_ jury: Jury, for member: JuryMember) -> Jury {
        guard member.role != .chair else { return jury }
        var copy = jury
        for index in copy.members.indices where copy.members[index].login != member.login {
            copy.members[index].conflicts = []
        }
        return copy
    }
}

/// What changed in a member's view since they were last told: the one change type every console
/// receives, from the jury server's pushes or from the files of a local campaign (docs/SERVER.md, « Live »).
public struct MemberUpdate: Codable, Sendable, Equatable {
    public var campaign: Campaign?
    public var jury: Jury?
    /// The whole list when it changed (a dossier imported, a conflict declared).
    public var dossiers: [Dossier]?
    /// New or changed sheets the member may read.
    public var sheets: [ScoreSheet]
    /// Sheets no longer there or no longer shown: login → dossier numbers.
    public var removedSheets: [String: Set<Int>]
    /// The allocation changed: a board, if open, reads it again.
    public var allocationChanged: Bool
    /// With `allocationChanged`: the allocation's finalisation now (nil: not finalised).
    public var finalized: Finalization?
    /// In séance: the jury's figures changed (a sheet, seen or not, or the allocation); a board reads them again.
    public var figuresChanged: Bool
    /// The rapporteurs, when they changed (as `MemberView.assignments`).
    public var assignments: Assignments?
    /// The séance opened, closed or changed: `seance` is then what it now is (nil: none open).
    public var seanceChanged: Bool
    public var seance: SeanceView?
    /// Files of a local campaign that changed but were refused (their last good version is kept), as printed, in both languages.
    public var problems: [Localized]
    /// Said to the member in their language (the link to the server lost, then back).
    public var notices: [Notice]

    public init(campaign: Campaign? = nil, jury: Jury? = nil, dossiers: [Dossier]? = nil, sheets: [ScoreSheet] = [],
                removedSheets: [String: Set<Int>] = [:], allocationChanged: Bool = false, finalized: Finalization? = nil,
                figuresChanged: Bool = false, assignments: Assignments? = nil, seanceChanged: Bool = false, seance: SeanceView? = nil, problems: [Localized] = [],
                notices: [Notice] = []) {
        self.campaign = campaign
        self.jury = jury
        self.dossiers = dossiers
        self.sheets = sheets
        self.removedSheets = removedSheets
        self.allocationChanged = allocationChanged
        self.finalized = finalized
        self.figuresChanged = figuresChanged
        self.assignments = assignments
        self.seanceChanged = seanceChanged
        self.seance = seance
        self.problems = problems
        self.notices = notices
    }

    public var isEmpty: Bool {
        campaign == nil && jury == nil && dossiers == nil && sheets.isEmpty && removedSheets.isEmpty && !allocationChanged
            && !figuresChanged && assignments == nil && !seanceChanged && problems.isEmpty && notices.isEmpty
    }

    /// This update followed by `later`, as one: what a console that missed both must take.
    public mutating func absorb(_ later: MemberUpdate) {
        if let campaign = later.campaign { self.campaign = campaign }
        if let jury = later.jury { self.jury = jury }
        if let dossiers = later.dossiers { self.dossiers = dossiers }
        for sheet in later.sheets {
            sheets.removeAll { $0.reviewer == sheet.reviewer && $0.dossier == sheet.dossier }
            sheets.append(sheet)
            removedSheets[sheet.reviewer]?.remove(sheet.dossier)
        }
        for (login, numbers) in later.removedSheets {
            sheets.removeAll { $0.reviewer == login && numbers.contains($0.dossier) }
            removedSheets[login, default: []].formUnion(numbers)
        }
        allocationChanged = allocationChanged || later.allocationChanged
        figuresChanged = figuresChanged || later.figuresChanged
        if let assignments = later.assignments { self.assignments = assignments }
        if later.seanceChanged {
            seanceChanged = true
            seance = later.seance
        }
        problems += later.problems
        notices += later.notices
    }
}

/// What a console is told about its link or its membership, worded on the member's side.
public enum Notice: Codable, Sendable, Equatable {
    /// The link to the jury server is lost; what the member types is kept and will be sent.
    case linkLost
    case reconnected
    /// The member was removed from the jury: the server tells them nothing more.
    case removedFromJury(login: String)
    /// A change sent from the outbox was refused (worded on the member's side already).
    case refused(String)
    /// The console's outbox cannot be written to the member's state directory (why): changes are sent
    /// all the same, but one not yet acknowledged would not survive a crash of the console.
    case outboxUnkept(String)

    public func text(_ l: Language) -> String {
        switch self {
        case .linkLost:
            return l.text(.linkToTheJuryServerLostReconnecting)
        case .reconnected: return l.text(.reconnectedToTheJuryServer)
        case .removedFromJury(let login):
            return l.text(.isNoLongerOnTheJury, ["login": login])
        case .refused(let why): return l.text(.changeRefusedByTheJuryServer) + why
        case .outboxUnkept(let why):
            return l.text(.yourChangesAreNotKeptOnThis, ["why": why])
        }
    }
}
