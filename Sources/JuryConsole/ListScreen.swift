import JuryCore

// The home screen: the dossiers, with my progress, sort, filters and search.

enum ListAction: Sendable {
    case move(Motion), read, whole, score, sort, filters, search, nextMatch, previousMatch,
         clearSearch, board, conflict, progress, rapporteurs, quit
}

enum FilterAction: Sendable {
    case next, previous, forward, backward, clear, close
}

extension ScreenContext {
    /// The search field starts after its prompt on the message line.
    var searchPrompt: String { language.text(.search) }
    var searchFieldWidth: Int { max(1, columns - DisplayWidth.of(searchPrompt) - 1) }
}

extension ListState: ScreenComponent {
    var isTyping: Bool { field != nil }

    func keys(_ c: ScreenContext) -> KeyTable {
        if field != nil { return KeyTable(title: Localized(.screenSearch), lines: searchBindings.map(\.line)) }
        if picker != nil {
            return KeyTable(title: Localized(.screenRapporteurPicker), lines: RapporteurPicker.bindings.map(\.line))
        }
        if panel != nil { return KeyTable(title: Localized(.screenFilters), lines: filterBindings.map(\.line)) }
        return KeyTable(title: Localized(.screenList), lines: bindings(c).map(\.line), notes: [Localized(.notesListColumns)])
    }

    func bindings(_ c: ScreenContext) -> [KeyBinding<ListAction>] {
        let searching = !query.isEmpty, some = !rows.isEmpty
        let noSearch = Localized(.refusalNoSearch)
        let none = Localized(.refusalNoDossierInTheList)
        return Motion.bindings(.dossiers, ListAction.move) + [
            KeyBinding([.enter], .read, .keyListRead, bar: .barRead, when: some, refusal: none),
            KeyBinding([.character("t")], .whole, .keyListWhole, when: some, refusal: none),
            KeyBinding([.character("e")], .score, .keyListScore, bar: .barScore, when: some, refusal: none),
            KeyBinding([.character("o")], .sort, .keyListSort, bar: .barSort),
            KeyBinding([.character("f")], .filters, .keyListFilters, bar: .barFilters),
            KeyBinding([.character("/")], .search, .keyListSearch, bar: .barSearch),
            KeyBinding([.character("n")], .nextMatch, .keyListNextMatch, when: searching, refusal: noSearch),
            KeyBinding([.character("N")], .previousMatch, .keyListPreviousMatch, when: searching, refusal: noSearch),
            KeyBinding([.escape], .clearSearch, .keyListClearSearch, when: searching),
            KeyBinding([.character("a")], .board, .keyListBoard),
            KeyBinding([.character("c")], .conflict, .keyListConflict, when: some, refusal: none),
            KeyBinding([.character("r")], .progress, .keyListProgress),
            KeyBinding([.character("R")], .rapporteurs, .keyListRapporteurs, when: some && c.isChair,
                       refusal: c.isChair ? none : Localized(.refusalOnlyTheChairAssigns)),
            KeyBinding([.character("q")], .quit, .keyListQuit, bar: .barQuit),
        ]
    }

    var searchBindings: [KeyBinding<FieldAction>] {
        KeyBinding.editing(.keySearchText) + [
            KeyBinding([.enter], .commit, .keySearchCommit, bar: .barKeep),
            KeyBinding([.escape], .cancel, .keySearchCancel, bar: .barCancel),
            KeyBinding([.down], .next, .keyNextDossier, bar: .barChoose),
            KeyBinding([.up], .previous, .keyPreviousDossier),
        ]
    }

    var filterBindings: [KeyBinding<FilterAction>] {
        [
            KeyBinding([.down, .character("j"), .tab], .next, .keyFilterNext, bar: .barFilter),
            KeyBinding([.up, .character("k"), .backTab], .previous, .keyFilterPrevious),
            KeyBinding([.right, .character("l"), .character(" ")], .forward, .keyFilterForward, bar: .barChange),
            KeyBinding([.left, .character("h")], .backward, .keyFilterBackward),
            KeyBinding([.character("x"), .delete, .backspace], .clear, .keyFilterClear, bar: .barClearAll),
            KeyBinding([.enter, .escape, .character("f"), .character("q")], .close, .keyFilterClose, bar: .barClose),
        ]
    }

    mutating func handle(_ key: Key, in c: inout ScreenContext) -> [ConsoleEffect] {
        if field != nil { return typeSearch(key, &c) }
        if panel != nil { return pressOnPanel(key, &c) }
        if var open = picker {
            let (effects, done) = open.handle(key, in: &c)
            picker = done ? nil : open
            return effects
        }
        guard let action = c.action(for: key, in: bindings(c)) else { return [] }
        let page = max(1, Layout.tableHeight(rows: c.rows) - 1), language = c.language
        switch action {
        case .move(let motion): select(motion.apply(to: selected, page: page, last: rows.count - 1))
        case .sort:
            sort = sort.next
            c.say(language.text(.sort) + language.label(sort))
        case .filters:
            panel = 0
        case .board:
            c.open(.board(BoardView(opening: c)))
            return BoardView.loads(c)
        case .search:
            queryBeforeField = query
            query = ""
            field = LineEditor("")
        case .nextMatch: nextMatch(1, &c)
        case .previousMatch: nextMatch(-1, &c)
        case .clearSearch:
            query = ""
            c.say(language.text(.searchCleared))
        case .read:
            if let position = selectedPosition { c.open(.dossier(DossierView(opening: position, c))) }
        case .whole:
            if let position = selectedPosition {
                let dossier = c.data.dossiers[position], address = dossier.address
                c.openPager(title: language.text(.no2) + "\(dossier.number)",
                            text: [dossier.name, "\(address.commune) (\(address.department.name)), \(address.region.name)", dossier.sector]
                                .joined(separator: "\n"))
            }
        case .score:
            if let position = selectedPosition { c.open(.sheet(SheetView(position: position))) }
        case .conflict:
            if let position = selectedPosition { return c.askConflictReason(position) }
        case .progress:
            c.open(.progress(ProgressView()))
            return [.loadProgress]
        case .rapporteurs:
            if let position = selectedPosition { picker = RapporteurPicker(dossier: c.data.dossiers[position].dossierNumber, data: c.data) }
        case .quit:
            return c.requestQuit()
        }
        return []
    }

    /// n/N: the list shows only the search's matches, so the next match is the next row, round the end.
    private mutating func nextMatch(_ step: Int, _ c: inout ScreenContext) {
        guard !rows.isEmpty else { return }
        let target = selected + step
        if target < 0 || target >= rows.count {
            c.say(step > 0 ? c.language.text(.endOfResultsBackToTheFirst)
                           : c.language.text(.startOfResultsBackToTheLast))
        }
        select((target + rows.count) % rows.count)
    }

    /// Search as you type: the list is refiltered at each key; Enter keeps it, Esc restores the previous search.
    private mutating func typeSearch(_ key: Key, _ c: inout ScreenContext) -> [ConsoleEffect] {
        switch c.action(for: key, in: searchBindings) {
        case .commit:
            field = nil
            if !query.isEmpty {
                c.say(c.language.text(.searchKept, ["n": rows.count, "query": query]))
            }
        case .cancel:
            field = nil
            query = queryBeforeField
        case .previous: select(selected - 1)
        case .next: select(selected + 1)
        case .edit, nil:
            if field?.handle(key) == .changed { query = field?.text ?? "" }
            field?.keepCursorVisible(width: c.searchFieldWidth)
        }
        return []
    }

    /// Filter panel rows: region, sector, my status, eligible only, my dossiers.
    static let panelRows = 5

    private mutating func pressOnPanel(_ key: Key, _ c: inout ScreenContext) -> [ConsoleEffect] {
        let row = panel ?? 0
        switch c.action(for: key, in: filterBindings) {
        case .next: panel = (row + 1) % Self.panelRows
        case .previous: panel = (row + Self.panelRows - 1) % Self.panelRows
        case .forward: cycleFilter(row, step: 1, c.data)
        case .backward: cycleFilter(row, step: -1, c.data)
        case .clear: filter = ListFilter()
        case .close: panel = nil
        case nil: break
        }
        return []
    }

    private mutating func cycleFilter(_ row: Int, step: Int, _ data: ConsoleData) {
        /// nil, then each choice in turn, then nil again.
        func cycle<T: Equatable>(_ value: T?, _ choices: [T]) -> T? {
            let options: [T?] = [nil] + choices.map { Optional($0) }
            let at = options.firstIndex { $0 == value } ?? 0
            return options[(at + step + options.count) % options.count]
        }
        switch row {
        case 0: filter.region = cycle(filter.region, Array(data.index.regions.indices))
        case 1: filter.sector = cycle(filter.sector, Array(data.index.sectors.indices))
        case 2: filter.progress = cycle(filter.progress, ReviewProgress.allCases)
        case 3: filter.eligibleOnly.toggle()
        default: filter.mine.toggle()
        }
    }
}

// MARK: Drawing

extension ListState {
    func draw(_ p: Painter, _ c: ScreenContext) {
        let l = c.language, data = c.data
        let submitted = data.progress.filter { $0 == .submitted }.count
        let drafts = data.progress.filter { $0 == .draft }.count
        p.bar(row: 0, left: data.campaign.title, right: "\(data.myName) (\(data.me))", style: [.reverse, .bold])

        var info = [l.text(.scored, ["submitted": submitted, "dossiersCount": data.dossiers.count])
            + (drafts > 0 ? l.text(.listDrafts, ["drafts": drafts]) : "")]
        if !data.mine.isEmpty {
            let done = data.mine.filter { data.sheets[$0]?.status == .submitted }.count
            info.append(l.text(.rapporteurSubmitted, ["done": done, "mineCount": data.mine.count]))
        }
        info.append(l.text(.sort) + l.label(sort))
        if let filters = filter.summary(data) { info.append(l.text(.filters) + filters) }
        if !query.isEmpty { info.append(l.text(.listSearchQuery, ["query": query])) }
        if data.hiddenForConflict > 0 {
            info.append(l.text(.listHiddenForConflict, ["hidden": data.hiddenForConflict]))
        }
        if c.loading { info = [l.text(.loadingTheCampaign)] }
        p.bar(row: 1, left: info.joined(separator: " · "),
              right: c.loading ? "" : l.text(.dossierCount, ["n": rows.count]), style: [])

        let columns = ListColumns(width: p.columns, numberWidth: data.index.numberWidth,
                                  highestScore: data.campaign.criteria.map(\.scale.max).max() ?? 0, language: l)
        p.line(columns.heading, row: 2, column: 0, width: p.columns, extra: [.bold, .underline])
        let height = Layout.tableHeight(rows: p.rows)
        if rows.isEmpty {
            p.text(l.text(.noDossierMatchesEscClearsTheSearch),
                   row: 4, column: 2, width: p.columns - 4, style: .dim)
        }
        for (offset, position) in rows.dropFirst(scroll).prefix(height).enumerated() {
            let row = scroll + offset
            p.row(columns.row(position, data), row: 3 + offset, column: 0, width: p.columns, selected: row == selected)
        }
        if panel != nil { drawFilterPanel(p, c) }
        picker?.draw(p, c)
    }

    private func drawFilterPanel(_ p: Painter, _ c: ScreenContext) {
        let l = c.language, data = c.data
        let all = l.text(.all)
        let choices = [
            (l.text(.region), filter.region.map { data.index.regions[$0] } ?? l.text(.filterEveryRegionOrSector)),
            (l.text(.sector), filter.sector.map { data.index.sectors[$0] } ?? l.text(.filterEveryRegionOrSector)),
            (l.text(.myStatus), filter.progress.map(l.label) ?? all),
            (l.text(.eligibleOnly), filter.eligibleOnly ? l.text(.yes) : l.text(.no)),
            (l.text(.myDossiersRapp), filter.mine ? l.text(.yes) : l.text(.no)),
        ]
        let width = min(p.columns - 2, 60), height = choices.count + 4
        let top = 3, left = max(0, p.columns - width - 1)
        p.box(top: top, left: left, height: height, width: width, title: l.text(.screenFilters))
        let labelWidth = 21
        for (i, (label, value)) in choices.enumerated() {
            let line = TextLine(spans: [Span.cell(label, labelWidth, .bold), Span("◂ " + value + " ▸")])
            p.row(line, row: top + 1 + i, column: left + 2, width: width - 4, selected: panel == i)
        }
        p.text("→ " + l.text(.dossierCount, ["n": rows.count]),
               row: top + choices.count + 2, column: left + 2, width: width - 4, style: .bold)
        // The key bar below says which keys act: the panel does not repeat it.
    }
}

/// The list's columns for a width: number, name, region, sector, eligibility, my status, my total, the
/// jury's mean. Each width includes the blank column after the cell. The figures and the status take
/// what their content needs; the name gets most of the rest, then region and sector, which give way
/// on narrow terminals.
struct ListColumns {
    let widths: [Int]
    let language: Language

    init(width: Int, numberWidth: Int, highestScore: Int, language: Language) {
        self.language = language
        let l = language
        func room(_ texts: [String]) -> Int { (texts.map { DisplayWidth.of($0) }.max() ?? 0) + 1 }
        let figure = room([l.decimal(Double(highestScore))])
        let number = max(3, numberWidth) + 1, eligible = room([l.text(.listEligible), l.text(.listNotEligible), Self.headings(l)[4]])
        let status = room(ReviewProgress.allCases.map(l.label) + [Self.headings(l)[5]])
        let total = max(figure, room([Self.headings(l)[6]])), jury = width >= 60 ? max(figure, room([Self.headings(l)[7]])) : 0
        let flexible = max(4, width - number - eligible - status - total - jury)
        let name, region, sector: Int
        if width >= 70 {
            name = flexible * 60 / 100
            region = (flexible - name) / 2
            sector = flexible - name - region
        } else if width >= 55 {
            name = flexible * 70 / 100
            region = flexible - name
            sector = 0
        } else {
            (name, region, sector) = (flexible, 0, 0)
        }
        widths = [number, name, region, sector, eligible, status, total, jury]
    }

    static func headings(_ l: Language) -> [String] {
        [l.text(.no4), "PTCE", l.text(.region), l.text(.sector), l.text(.elig),
         l.text(.status), l.text(.score), "Jury"]
    }

    /// The cells of one row; the last two (the totals) are aligned right.
    private func cells(_ texts: [(String, Style)]) -> TextLine {
        TextLine(spans: texts.enumerated().compactMap { i, cell in
            widths[i] > 0 ? Span.cell(cell.0, widths[i], cell.1, alignRight: i >= widths.count - 2) : nil
        })
    }

    var heading: TextLine { cells(Self.headings(language).map { ($0, []) }) }

    func row(_ position: Int, _ data: ConsoleData) -> TextLine {
        let l = language, dossier = data.dossiers[position]
        let eligible = data.index.eligible[position]
        let progress = data.progress[position]
        let progressStyle: Style = progress == .submitted ? .good : progress == .draft ? .warning : []
        return cells([
            (String(dossier.number), []),
            (dossier.name, []),
            (dossier.address.region.name, []),
            (dossier.sector, []),
            (eligible ? l.text(.listEligible) : l.text(.listNotEligible), eligible ? .good : [.bold, .danger]),
            (l.label(progress), progressStyle),
            (data.totals[position].map { l.decimal($0) } ?? "—", .bold),
            // Only where the blind-review rule lets the dossier view show it: a dash says nothing.
            (columnJuryMean(position, data), []),
        ])
    }

    private func columnJuryMean(_ position: Int, _ data: ConsoleData) -> String {
        guard widths[widths.count - 1] > 0 else { return "" }
        return data.juryScores(at: position).mean.map { language.decimal($0) } ?? "—"
    }
}
