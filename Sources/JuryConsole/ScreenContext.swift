import JuryCore

/// A screen of the console as a component: its own state, what a key does to it, how it draws.
/// It sees nothing of the other screens: what it needs of the console goes through a
/// `ScreenContext`, so that a screen's handler cannot change another screen's state.
protocol ScreenComponent: Sendable {
    mutating func handle(_ key: Key, in c: inout ScreenContext) -> [ConsoleEffect]
    func draw(_ p: Painter, _ c: ScreenContext)
    /// The keys in force on the screen or its text field, without those that work everywhere.
    func keys(_ c: ScreenContext) -> KeyTable
    /// Whether a text field has the keyboard: then letters are text.
    var isTyping: Bool { get }
}

/// What a screen sees and may do besides its own state: the shared data, the list's order (which
/// the dossier and sheet screens step through), the message line, the confirmation, and requests
/// to open or close screens, which `ConsoleState` carries out once the screen's handler returns.
struct ScreenContext: Sendable {
    private(set) var data: ConsoleData
    let now: Instant
    let rows: Int
    let columns: Int
    /// The list's order (positions in `data.dossiers`, sort, filters and search applied) and its search.
    let listed: [Int]
    let query: String
    /// The first frame, drawn while the whole campaign is still being read (see `ConsoleState.loading`).
    let loading: Bool
    /// Dossiers whose last change is not known to be on disk.
    private(set) var unsaved: Set<DossierNumber>
    private(set) var message: Message?
    private(set) var confirmation: Confirmation?
    private(set) var requests: [ScreenRequest] = []

    init(_ state: ConsoleState) {
        data = state.data
        now = state.now
        rows = state.rows
        columns = state.columns
        listed = state.list.rows
        query = state.list.query
        loading = state.loading
        unsaved = state.unsaved
        message = state.message
        confirmation = state.confirmation
    }

    var language: Language { data.language }
    var grid: [Criterion] { data.campaign.criteria }
    var isChair: Bool { data.viewer.role == .chair }

    /// An information: it fades after a few seconds.
    mutating func say(_ text: String) { message = Message(text: text, kind: .information) }
    /// A refusal of what a key asked: it stays until the next key.
    mutating func fail(_ text: String) { message = Message(text: text, kind: .refusal) }

    /// The action a key asks for in a table. A key bound to something that does not apply now does
    /// nothing but say why, when the binding says it.
    mutating func action<Action>(for key: Key, in bindings: [KeyBinding<Action>]) -> Action? {
        if let action = bindings.action(for: key) { return action }
        if let refusal = bindings.first(where: { $0.keys.contains(key) })?.refusal { fail(refusal.text(language)) }
        return nil
    }

    /// A screen over the one asking.
    mutating func open(_ screen: Screen) { requests.append(.open(screen)) }
    /// The screen asking goes; the one under it shows again.
    mutating func close() { requests.append(.close) }
    /// The list's selection moves to this dossier (a position), so that going back finds it there.
    mutating func select(_ position: Int) { requests.append(.select(position)) }
    /// A dossier screen under the one asking shows this dossier instead.
    mutating func follow(_ position: Int) { requests.append(.follow(position)) }
    mutating func openPager(title: String, text: String) { requests.append(.pager(Pager(content: .text(title: title, body: text)))) }
    mutating func ask(_ question: Confirmation) { confirmation = question }

    /// `c`: the reason of a conflict of interest is asked on the message line.
    mutating func askConflictReason(_ position: Int) -> [ConsoleEffect] {
        let field = ConflictField(dossier: data.dossiers[position].dossierNumber)
        requests.append(.conflict(field))
        return [.loadDraft(prompt: field.prompt)]
    }

    /// Quits at once unless a change could not be saved: then asks first.
    mutating func requestQuit() -> [ConsoleEffect] {
        guard !unsaved.isEmpty else { return [.quit] }
        confirmation = .quit
        return []
    }

    /// The one way a sheet changes from a key: checked against the grid, recorded, saved. Gives the
    /// sheet as it was (for undo) and what to do, or nil when the change is refused.
    mutating func change(_ position: Int, _ edit: SheetEdit) -> (before: ScoreSheet?, effects: [ConsoleEffect])? {
        let number = data.dossiers[position].number
        let before = data.sheets[number]
        var sheet = before ?? ScoreSheet(dossier: number, reviewer: data.me, at: now)
        do {
            try sheet.apply(edit, grid: grid, at: now)
        } catch {
            fail(language.describe(error, grid: grid))
            return nil
        }
        return (before, commit(sheet))
    }

    mutating func commit(_ sheet: ScoreSheet) -> [ConsoleEffect] {
        data.store(sheet)
        unsaved.insert(sheet.dossierNumber)
        return [.save(sheet)]
    }
}

extension ScreenContext {
    /// A dossier laid out at the terminal's width, less a margin on each side.
    func document(_ position: Int, history: [String: [ScoreSheet]] = [:]) -> DossierDocument {
        let dossier = data.dossiers[position]
        return DossierDocument(dossier, verdict: data.verdicts[dossier.number]!, jury: jurySection(position, history: history),
                               language: language, width: columns - 2)
    }
}

/// What a screen asks of the console beyond its own state.
enum ScreenRequest: Sendable {
    case open(Screen)
    case close
    case select(Int)
    case follow(Int)
    case pager(Pager)
    case conflict(ConflictField)
}

/// The screens, stacked: the list at the bottom, then the board or the rapporteurs' progress, a
/// dossier and a sheet, each opened from one below it; the last one has the keyboard and is drawn.
enum Screen: Sendable {
    case list(ListState)
    case board(BoardView)
    case dossier(DossierView)
    case sheet(SheetView)
    case progress(ProgressView)

    var kind: ConsoleScreen {
        switch self {
        case .list: return .list
        case .board: return .board
        case .dossier: return .dossier
        case .sheet: return .sheet
        case .progress: return .progress
        }
    }

    var component: any ScreenComponent {
        switch self {
        case .list(let screen): return screen
        case .board(let screen): return screen
        case .dossier(let screen): return screen
        case .sheet(let screen): return screen
        case .progress(let screen): return screen
        }
    }

    mutating func handle(_ key: Key, in c: inout ScreenContext) -> [ConsoleEffect] {
        switch self {
        case .list(var screen):
            defer { self = .list(screen) }
            return screen.handle(key, in: &c)
        case .board(var screen):
            defer { self = .board(screen) }
            return screen.handle(key, in: &c)
        case .dossier(var screen):
            defer { self = .dossier(screen) }
            return screen.handle(key, in: &c)
        case .sheet(var screen):
            defer { self = .sheet(screen) }
            return screen.handle(key, in: &c)
        case .progress(var screen):
            defer { self = .progress(screen) }
            return screen.handle(key, in: &c)
        }
    }
}
