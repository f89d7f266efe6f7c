import JuryCore

// The home screen: the dossiers, with my progress, sort, filters and search.

extension ConsoleState {
    mutating func pressOnList(_ key: Key) -> [ConsoleEffect] {
        if list.field != nil { return typeSearch(key) }
        if list.panel != nil { return pressOnPanel(key) }
        let page = max(1, Layout.tableHeight(rows: rows) - 1)
        switch key {
        case .character("j"), .down: list.select(list.selected + 1)
        case .character("k"), .up: list.select(list.selected - 1)
        case .character("g"), .home: list.select(0)
        case .character("G"), .end: list.select(list.rows.count - 1)
        case .pageDown: list.select(list.selected + page)
        case .pageUp: list.select(list.selected - page)
        case .character("o"):
            list.sort = list.sort.next
            say(language.pick("Tri : ", "Sort: ") + language.label(list.sort))
        case .character("f"):
            list.panel = 0
        case .character("a"):
            return openBoard()
        case .character("/"):
            list.queryBeforeField = list.query
            list.query = ""
            list.field = LineEditor("")
        case .character("n"): nextMatch(1)
        case .character("N"): nextMatch(-1)
        case .escape where !list.query.isEmpty:
            list.query = ""
            say(language.pick("Recherche effacée", "Search cleared"))
        case .enter:
            if let position = selectedOrWarn() { openDossier(position) }
        case .character("e"):
            if let position = selectedOrWarn() { openSheet(position) }
        case .character("c"):
            if let position = selectedOrWarn() { askConflictReason(position) }
        case .character("q"):
            return requestQuit()
        default:
            break
        }
        return []
    }

    /// The search field starts after its prompt on the message line.
    var searchPrompt: String { language.pick("Recherche : ", "Search: ") }
    var searchFieldWidth: Int { max(1, columns - DisplayWidth.of(searchPrompt) - 1) }

    private mutating func selectedOrWarn() -> Int? {
        if list.selectedPosition == nil { fail(language.pick("Aucun dossier dans la liste", "No dossier in the list")) }
        return list.selectedPosition
    }

    /// n/N: the list shows only the search's matches, so the next match is the next row, round the end.
    private mutating func nextMatch(_ step: Int) {
        guard !list.query.isEmpty else {
            fail(language.pick("Aucune recherche en cours : / pour chercher", "No search: / to search"))
            return
        }
        guard !list.rows.isEmpty else { return }
        let target = list.selected + step
        if target < 0 || target >= list.rows.count {
            say(step > 0 ? language.pick("Fin des résultats, retour au premier", "End of results, back to the first")
                         : language.pick("Début des résultats, retour au dernier", "Start of results, back to the last"))
        }
        list.select((target + list.rows.count) % list.rows.count)
    }

    /// Search as you type: the list is refiltered at each key; Enter keeps it, Esc restores the previous search.
    private mutating func typeSearch(_ key: Key) -> [ConsoleEffect] {
        switch key {
        case .enter, .tab:
            list.field = nil
            if !list.query.isEmpty {
                say(language.dossiers(list.rows.count) + language.pick(" pour « \(list.query) » — Échap pour tout revoir",
                                                                        " for “\(list.query)” — Esc to see all"))
            }
        case .escape:
            list.field = nil
            list.query = list.queryBeforeField
        case .up: list.select(list.selected - 1)
        case .down: list.select(list.selected + 1)
        default:
            if list.field?.handle(key) == .changed { list.query = list.field?.text ?? "" }
            keepFieldCursorVisible()
        }
        return []
    }

    /// Filter panel rows: region, sector, my status, eligible only.
    static let panelRows = 4

    private mutating func pressOnPanel(_ key: Key) -> [ConsoleEffect] {
        let row = list.panel ?? 0
        switch key {
        case .character("j"), .down, .tab: list.panel = (row + 1) % Self.panelRows
        case .character("k"), .up, .backTab: list.panel = (row + Self.panelRows - 1) % Self.panelRows
        case .character("l"), .right, .character(" "): cycleFilter(row, step: 1)
        case .character("h"), .left: cycleFilter(row, step: -1)
        case .character("x"), .backspace, .delete: list.filter = ListFilter()
        case .enter, .escape, .character("f"), .character("q"): list.panel = nil
        default: break
        }
        return []
    }

    private mutating func cycleFilter(_ row: Int, step: Int) {
        /// nil, then each choice in turn, then nil again.
        func cycle<T: Equatable>(_ value: T?, _ choices: [T]) -> T? {
            let options: [T?] = [nil] + choices.map { Optional($0) }
            let at = options.firstIndex { $0 == value } ?? 0
            return options[(at + step + options.count) % options.count]
        }
        switch row {
        case 0: list.filter.region = cycle(list.filter.region, Array(data.index.regions.indices))
        case 1: list.filter.sector = cycle(list.filter.sector, Array(data.index.sectors.indices))
        case 2: list.filter.progress = cycle(list.filter.progress, ReviewProgress.allCases)
        default: list.filter.eligibleOnly.toggle()
        }
    }

    mutating func openDossier(_ position: Int) {
        dossier = DossierView(dossier: position, document: document(position), builtFor: data.sheetsVersion)
    }

    mutating func openSheet(_ position: Int) {
        sheet = SheetView(dossier: position)
    }
}

// MARK: Drawing

extension ConsoleState {
    func drawList(_ p: Painter) {
        let l = language
        let submitted = data.progress.filter { $0 == .submitted }.count
        let drafts = data.progress.filter { $0 == .draft }.count
        p.bar(row: 0, left: data.campaign.title, right: "\(data.myName) (\(data.me))", style: [.reverse, .bold])

        var info = [l.pick("\(submitted)/\(data.dossiers.count) notés", "\(submitted)/\(data.dossiers.count) scored")
            + (drafts > 0 ? ", " + l.count(drafts, ("brouillon", "brouillons"), ("draft", "drafts")) : "")]
        info.append(l.pick("Tri : ", "Sort: ") + l.label(list.sort))
        if let filters = list.filter.summary(data) { info.append(l.pick("Filtres : ", "Filters: ") + filters) }
        if !list.query.isEmpty { info.append(l.pick("Recherche « \(list.query) »", "Search “\(list.query)”")) }
        if data.hiddenForConflict > 0 {
            info.append(l.count(data.hiddenForConflict, ("masqué", "masqués"), ("hidden", "hidden")) + l.pick(" : conflit", ": conflict"))
        }
        if loading { info = [l.pick("Chargement de la campagne…", "Loading the campaign…")] }
        p.bar(row: 1, left: info.joined(separator: " · "),
              right: loading ? "" : l.dossiers(list.rows.count), style: [])

        let columns = ListColumns(width: p.columns, numberWidth: data.index.numberWidth, language: l)
        p.line(columns.heading, row: 2, column: 0, width: p.columns, extra: [.bold, .underline])
        let height = Layout.tableHeight(rows: p.rows)
        if list.rows.isEmpty {
            p.text(l.pick("Aucun dossier ne correspond. Échap efface la recherche, f change les filtres.",
                          "No dossier matches. Esc clears the search, f changes the filters."),
                   row: 4, column: 2, width: p.columns - 4, style: .dim)
        }
        for (offset, position) in list.rows.dropFirst(list.scroll).prefix(height).enumerated() {
            let row = list.scroll + offset
            p.line(columns.row(position, data), row: 3 + offset, column: 0, width: p.columns,
                   extra: row == list.selected ? .reverse : [])
        }
        if list.panel != nil { drawFilterPanel(p) }
    }

    private func drawFilterPanel(_ p: Painter) {
        let l = language
        let all = l.pick("tous", "all")
        let choices = [
            (l.pick("Région", "Region"), list.filter.region.map { data.index.regions[$0] } ?? l.pick("toutes", "all")),
            (l.pick("Filière", "Sector"), list.filter.sector.map { data.index.sectors[$0] } ?? l.pick("toutes", "all")),
            (l.pick("Mon statut", "My status"), list.filter.progress.map(l.label) ?? all),
            (l.pick("Éligibles seulement", "Eligible only"), list.filter.eligibleOnly ? l.pick("oui", "yes") : l.pick("non", "no")),
        ]
        let width = min(p.columns - 2, 60), height = choices.count + 5
        let top = 3, left = max(0, p.columns - width - 1)
        p.box(top: top, left: left, height: height, width: width, title: l.pick("Filtres", "Filters"))
        let labelWidth = 21
        for (i, (label, value)) in choices.enumerated() {
            let line = TextLine(spans: [Span.cell(label, labelWidth, .bold), Span("◂ " + value + " ▸")])
            p.line(line, row: top + 1 + i, column: left + 2, width: width - 4, extra: list.panel == i ? .reverse : [])
        }
        p.text("→ " + l.dossiers(list.rows.count),
               row: top + choices.count + 2, column: left + 2, width: width - 4, style: .bold)
        p.text(l.pick("↑↓ choisir · ←→ changer · x tout effacer · Entrée fermer",
                      "↑↓ choose · ←→ change · x clear all · Enter close"),
               row: top + choices.count + 3, column: left + 2, width: width - 4, style: .dim)
    }
}

/// The list's columns for a width: number, name, region, sector, eligibility, my status, my total, the
/// jury's mean. Each width includes the blank column after the cell; region, sector and the jury's mean
/// give way on narrow terminals.
struct ListColumns {
    let widths: [Int]
    let language: Language

    init(width: Int, numberWidth: Int, language: Language) {
        self.language = language
        let number = max(3, numberWidth) + 1, eligible = 6, status = 11, total = 6, jury = width >= 60 ? 10 : 0
        let flexible = max(4, width - number - eligible - status - total - jury)
        let name, region, sector: Int
        if width >= 70 {
            name = flexible * 45 / 100
            region = flexible * 25 / 100
            sector = flexible - name - region
        } else if width >= 55 {
            name = flexible * 60 / 100
            region = flexible - name
            sector = 0
        } else {
            (name, region, sector) = (flexible, 0, 0)
        }
        widths = [number, name, region, sector, eligible, status, total, jury]
    }

    /// The cells of one row; the last two (the totals) are aligned right.
    private func cells(_ texts: [(String, Style)]) -> TextLine {
        TextLine(spans: texts.enumerated().compactMap { i, cell in
            widths[i] > 0 ? Span.cell(cell.0, widths[i], cell.1, alignRight: i >= widths.count - 2) : nil
        })
    }

    var heading: TextLine {
        let l = language
        return cells([(l.pick("N°", "No."), []), ("PTCE", []), (l.pick("Région", "Region"), []),
                      (l.pick("Filière", "Sector"), []), (l.pick("Élig.", "Elig."), []),
                      (l.pick("Statut", "Status"), []), (l.pick("Note", "Score"), []),
                      (l.pick("Moy. jury", "Jury avg."), [])])
    }

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
            (eligible ? l.pick("✓ oui", "✓ yes") : l.pick("✗ NON", "✗ NO"), eligible ? .good : [.bold, .danger]),
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
