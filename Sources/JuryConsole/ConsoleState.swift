import Foundation
import JuryCore

/// Which free text of a sheet an edit is about.
public struct SheetTextField: Hashable, Sendable {
    public enum Part: Hashable, Sendable {
        /// The comment on one criterion, by key.
        case criterion(String)
        case overall
    }

    public var dossier: DossierNumber
    public var part: Part

    public init(dossier: DossierNumber, part: Part) {
        self.dossier = dossier
        self.part = part
    }
}

public enum ConsoleEvent: Equatable, Sendable {
    case key(Key)
    case resize(rows: Int, columns: Int)
    /// Nothing happened for a while: messages age, failed saves are tried again.
    case tick
    case saved(dossier: DossierNumber)
    case saveFailed(dossier: DossierNumber, message: String)
    /// What `$EDITOR` returned; nil when it failed or was abandoned.
    case edited(field: SheetTextField, text: String?)
    /// Someone changed the campaign's files (another reviewer, the chair, my other session).
    case storeChanged(MemberUpdate)
    /// Earlier versions of the sheets the open dossier shows, oldest first, by login.
    case historyLoaded(dossier: DossierNumber, history: [String: [ScoreSheet]])
    case conflictDeclared(dossier: DossierNumber, reason: String)
    case conflictFailed(dossier: DossierNumber, message: String)
    /// What became of a request about the allocation (see BoardEffects.swift).
    case allocation(AllocationOutcome)
    /// The text kept for a prompt when the console last quit in the middle of it, if any.
    case draftLoaded(prompt: String, text: String?)
    /// What became of the chair's change of a dossier's rapporteurs (nil: saved).
    case rapporteursReplaced(dossier: DossierNumber, failure: String?)
    case progressLoaded([RapporteurProgress])
    case progressFailed(String)
    /// What became of the chair's request about the séance (see SeanceConsole.swift).
    case seance(SeanceOutcome)
}

/// What `update` asks the loop to do; `update` itself never does I/O.
public enum ConsoleEffect: Equatable, Sendable {
    case save(ScoreSheet)
    case editExternally(SheetTextField, initialText: String)
    /// Read the earlier versions of these members' sheets on a dossier.
    case loadHistory(dossier: DossierNumber, reviewers: [String])
    case declareConflict(dossier: DossierNumber, reason: String)
    /// Read or save allocation.json.
    case allocation(AllocationRequest)
    /// The chair's request about the séance.
    case seance(SeanceRequest)
    /// Keep (nil: forget) the text of a prompt, and read it back when the prompt opens.
    case keepDraft(String?, prompt: String)
    case loadDraft(prompt: String)
    /// Make these logins exactly the dossier's rapporteurs (the chair).
    case replaceRapporteurs(DossierNumber, [String])
    /// Read where the rapporteurs stand.
    case loadProgress
    case repaint
    case quit
}

public enum ConsoleScreen: Equatable, Sendable {
    case list, dossier, sheet, board, progress
}

/// The whole console: data and interface state in one value, changed only by `update`.
public struct ConsoleState: Sendable {
    public internal(set) var data: ConsoleData
    /// The loop's clock, set before each event: it dates the sheets' changes.
    public var now: Instant
    public internal(set) var rows: Int
    public internal(set) var columns: Int

    /// The list at the bottom, then the screens opened over it (see `Screen`); the last one has the keyboard.
    private(set) var screens: [Screen] = [.list(ListState())]
    /// A long text (or the help) read whole, over the screen.
    var pager: Pager?
    var message: Message?
    var confirmation: Confirmation?
    /// The reason of a conflict of interest being typed (`c`).
    var conflictField: ConflictField?
    /// Dossiers whose last change is not known to be on disk.
    public internal(set) var unsaved: Set<DossierNumber> = []
    /// Changes kept in the console's outbox, not yet acknowledged by the jury server (shown on the key bar).
    public var pendingChanges = 0
    /// Ticks left before failed saves are tried again.
    var retryCountdown = 0
    /// A first frame drawn from `CampaignPreview` while the whole campaign is still being read:
    /// the list shows its first dossiers and says so instead of counts it does not know yet.
    public private(set) var loading = false

    public init(data: ConsoleData, rows: Int = 24, columns: Int = 80, now: Instant = Instant(Date())) {
        self.data = data
        self.now = now
        self.rows = rows
        self.columns = columns
        // A rapporteur's list opens on « mes dossiers »; f shows the others.
        list.filter.mine = !data.mine.isEmpty
        list.refresh(data)
        // A console opened during a séance's discussion joins it on the dossier discussed.
        followDiscussion()
    }

    /// The first frame of a campaign still being read (see `loading`).
    public init(loading data: ConsoleData, rows: Int, columns: Int, now: Instant) {
        self.init(data: data, rows: rows, columns: columns, now: now)
        loading = true
    }

    public var screen: ConsoleScreen { top.kind }

    // Each screen of the stack, by kind. Setting one replaces it where it is, nil closes it
    // (screens open only through a screen's request, see `apply`).
    var list: ListState {
        get {
            guard case .list(let list) = screens[0] else { preconditionFailure("the list is at the bottom of the stack") }
            return list
        }
        set { screens[0] = .list(newValue) }
    }

    var board: BoardView? {
        get { screens.lazy.compactMap { if case .board(let view) = $0 { return view } else { return nil } }.first }
        set { replace(.board, with: newValue.map(Screen.board)) }
    }

    var progress: ProgressView? {
        get { screens.lazy.compactMap { if case .progress(let view) = $0 { return view } else { return nil } }.first }
        set { replace(.progress, with: newValue.map(Screen.progress)) }
    }

    var dossier: DossierView? {
        get { screens.lazy.compactMap { if case .dossier(let view) = $0 { return view } else { return nil } }.first }
        set { replace(.dossier, with: newValue.map(Screen.dossier)) }
    }

    var sheet: SheetView? {
        get { screens.lazy.compactMap { if case .sheet(let view) = $0 { return view } else { return nil } }.first }
        set { replace(.sheet, with: newValue.map(Screen.sheet)) }
    }

    /// Closes what has the keyboard: the pager, else the conflict's reason, else the top screen.
    private mutating func closeTop() {
        if pager != nil {
            pager = nil
        } else if conflictField != nil {
            conflictField = nil
        } else if screens.count > 1 {
            screens.removeLast()
        }
    }

    /// The séance's dossier in discussion opens over the list, or over the board for the chair who
    /// drives from it, in place of whatever was open above them.
    mutating func showDiscussed(_ position: Int) {
        pager = nil
        screens.removeAll { $0.kind != .list && $0.kind != .board }
        screens.append(.dossier(DossierView(opening: position, context)))
    }

    private mutating func replace(_ kind: ConsoleScreen, with screen: Screen?) {
        guard let at = screens.firstIndex(where: { $0.kind == kind }) else { return }
        if let screen { screens[at] = screen } else { screens.remove(at: at) }
    }

    /// The screen that has the keyboard.
    var top: Screen {
        get { screens[screens.count - 1] }
        set { screens[screens.count - 1] = newValue }
    }

    /// Runs a handler on one screen or overlay with what it may see of the console (never the
    /// rest of the state), then carries out what it changed and asked for.
    mutating func within<Part>(_ part: WritableKeyPath<ConsoleState, Part>,
                               _ handler: (inout Part, inout ScreenContext) -> [ConsoleEffect]) -> [ConsoleEffect] {
        var c = context
        var value = self[keyPath: part]
        let effects = handler(&value, &c)
        self[keyPath: part] = value
        apply(c)
        return effects
    }

    /// What a screen changed of the shared state, and asked for, carried out once its handler returned.
    mutating func apply(_ c: ScreenContext) {
        data = c.data
        unsaved = c.unsaved
        message = c.message
        confirmation = c.confirmation
        for request in c.requests {
            switch request {
            case .open(let screen): screens.append(screen)
            case .close: closeTop()
            case .select(let position): list.select(list.rows.firstIndex(of: position) ?? list.selected)
            case .follow(let position): if dossier != nil { dossier = DossierView(opening: position, context) }
            case .pager(let pager): self.pager = pager
            case .conflict(let field): conflictField = field
            }
        }
    }

    /// Dossier numbers in the list's current order (sort, filters and search applied).
    public var listedNumbers: [Int] { list.rows.map { data.dossiers[$0].number } }

    /// The dossier selected in the list, shown or scored.
    public var currentNumber: Int? {
        (sheet?.position ?? dossier?.position ?? list.selectedPosition).map { data.dossiers[$0].number }
    }

    /// The text of the message line, if any.
    public var messageText: String? { message?.text }

    var language: Language { data.language }

    /// Whether a text field has the keyboard: then letters are text.
    var isTyping: Bool {
        pager == nil && (conflictField != nil || top.component.isTyping)
    }

    /// An information: it fades after a few seconds.
    mutating func say(_ text: String) { message = Message(text: text, kind: .information) }
    /// A refusal of what a key asked: it stays until the next key.
    mutating func fail(_ text: String) { message = Message(text: text, kind: .refusal) }
    /// Something that went wrong outside (a save, the disk): it stays until something replaces it.
    mutating func report(_ text: String) { message = Message(text: text, kind: .failure) }
}

struct Message: Equatable, Sendable {
    enum Kind: Sendable { case information, refusal, failure }

    var text: String
    var kind: Kind
    /// The screen it was said on, set once the event that said it is handled: it shows there only.
    var screen: ConsoleScreen?
    var age = 0
    var isError: Bool { kind != .information }
    /// Ticks (of 250 ms) an information stays.
    static let lifetime = 16
}

/// A question waiting for o/y (oui/yes); any other key cancels it.
enum Confirmation: Equatable, Sendable {
    case submit(position: Int)   // in `data.dossiers`
    case reopen(position: Int)
    case quit
    /// By dossier number, with the reason typed.
    case declareConflict(DossierNumber, reason: String)
}

/// Where the fixed parts of every screen go: title bar on top, message and key bar at the bottom.
enum Layout {
    static let minimumRows = 10
    static let minimumColumns = 40

    /// Rows between the title bar and the two bottom lines.
    static func bodyHeight(rows: Int) -> Int { max(1, rows - 3) }
    /// The list also has an information line and column headings.
    static func tableHeight(rows: Int) -> Int { max(1, rows - 5) }
}
