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
    var searchPrompt: String { language.pick("Recherche : ", "Search: ") }
    var searchFieldWidth: Int { max(1, columns - DisplayWidth.of(searchPrompt) - 1) }
}

extension ListState: ScreenComponent {
    var isTyping: Bool { field != nil }

    func keys(_ c: ScreenContext) -> KeyTable {
        if field != nil { return KeyTable(title: Localized(fr: "Recherche", en: "Search"), lines: searchBindings.map(\.line)) }
        if picker != nil {
            return KeyTable(title: Localized(fr: "Rapporteurs du dossier", en: "The dossier’s rapporteurs"), lines: RapporteurPicker.bindings.map(\.line))
        }
        if panel != nil { return KeyTable(title: Localized(fr: "Filtres", en: "Filters"), lines: filterBindings.map(\.line)) }
        return KeyTable(title: Localized(fr: "Dossiers", en: "Dossiers"), lines: bindings(c).map(\.line), notes: [Localized(
            fr: "Colonnes : Élig. = éligible (décret 2015-431) ; Note = mon total pondéré ; Jury = moyenne des fiches soumises, "
                + "montrée une fois ma fiche soumise (notation à l’aveugle).",
            en: "Columns: Elig. = eligible (decree 2015-431); Score = my weighted total; Jury = mean of the submitted sheets, "
                + "shown once my sheet is submitted (blind review).")])
    }

    func bindings(_ c: ScreenContext) -> [KeyBinding<ListAction>] {
        let searching = !query.isEmpty, some = !rows.isEmpty
        let noSearch = ("Aucune recherche en cours : / pour chercher", "No search: / to search")
        let none = ("Aucun dossier dans la liste", "No dossier in the list")
        return Motion.bindings(.dossiers, ListAction.move) + [
            KeyBinding([.enter], .read, "Lire le dossier", "Read the dossier", bar: ("lire", "read"), when: some, refusal: none),
            KeyBinding([.character("t")], .whole, "Lire en entier ce que la ligne coupe : nom, commune, région, filière",
                       "Read in full what the row cuts: name, town, region, sector", when: some, refusal: none),
            KeyBinding([.character("e")], .score, "Noter le dossier (ma fiche)", "Score the dossier (my sheet)",
                       bar: ("noter", "score"), when: some, refusal: none),
            KeyBinding([.character("o")], .sort, "Changer le tri (n°, nom, région, statut, ma note)",
                       "Change the sort (number, name, region, status, my score)", bar: ("tri", "sort")),
            KeyBinding([.character("f")], .filters, "Filtres : région, filière, mon statut, éligibles",
                       "Filters: region, sector, my status, eligible", bar: ("filtres", "filters")),
            KeyBinding([.character("/")], .search, "Chercher en tapant (nom, commune, membres, textes)",
                       "Search as you type (name, town, members, texts)", bar: ("chercher", "search")),
            KeyBinding([.character("n")], .nextMatch, "Résultat suivant de la recherche", "Next result of the search",
                       when: searching, refusal: noSearch),
            KeyBinding([.character("N")], .previousMatch, "Résultat précédent de la recherche", "Previous result of the search",
                       when: searching, refusal: noSearch),
            KeyBinding([.escape], .clearSearch, "Effacer la recherche", "Clear the search", when: searching),
            KeyBinding([.character("a")], .board, "Attribution des places : classement, sélection, liste complémentaire",
                       "Allocation of the places: ranking, selection, waitlist"),
            KeyBinding([.character("c")], .conflict, "Déclarer un conflit d’intérêts sur le dossier",
                       "Declare a conflict of interest on the dossier", when: some, refusal: none),
            KeyBinding([.character("r")], .progress, "Avancement des rapporteurs (la présidence voit tout le jury)",
                       "Rapporteurs’ progress (the chair sees the whole jury)"),
            KeyBinding([.character("R")], .rapporteurs, "Présidence : désigner les rapporteurs du dossier",
                       "Chair: assign the dossier’s rapporteurs", when: some && c.isChair,
                       refusal: c.isChair ? none : ("Seule la présidence désigne les rapporteurs", "Only the chair assigns rapporteurs")),
            KeyBinding([.character("q")], .quit, "Quitter (tout est déjà enregistré)", "Quit (everything is already saved)",
                       bar: ("quitter", "quit")),
        ]
    }

    var searchBindings: [KeyBinding<FieldAction>] {
        KeyBinding.editing("Le texte cherché (sans accents, sans majuscules)", "The text searched (accents and case ignored)") + [
            KeyBinding([.enter], .commit, "Garder cette recherche", "Keep this search", bar: ("garder", "keep")),
            KeyBinding([.escape], .cancel, "Annuler : la recherche redevient ce qu’elle était", "Cancel: the search goes back to what it was",
                       bar: ("annuler", "cancel")),
            KeyBinding([.down], .next, "Dossier suivant", "Next dossier", bar: ("choisir", "choose")),
            KeyBinding([.up], .previous, "Dossier précédent", "Previous dossier"),
        ]
    }

    var filterBindings: [KeyBinding<FilterAction>] {
        [
            KeyBinding([.down, .character("j"), .tab], .next, "Filtre suivant", "Next filter", bar: ("filtre", "filter")),
            KeyBinding([.up, .character("k"), .backTab], .previous, "Filtre précédent", "Previous filter"),
            KeyBinding([.right, .character("l"), .character(" ")], .forward, "Valeur suivante", "Next value", bar: ("changer", "change")),
            KeyBinding([.left, .character("h")], .backward, "Valeur précédente", "Previous value"),
            KeyBinding([.character("x"), .delete, .backspace], .clear, "Effacer tous les filtres", "Clear all filters",
                       bar: ("tout effacer", "clear all")),
            KeyBinding([.enter, .escape, .character("f"), .character("q")], .close, "Fermer le panneau", "Close the panel",
                       bar: ("fermer", "close")),
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
            c.say(language.pick("Tri : ", "Sort: ") + language.label(sort))
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
            c.say(language.pick("Recherche effacée", "Search cleared"))
        case .read:
            if let position = selectedPosition { c.open(.dossier(DossierView(opening: position, c))) }
        case .whole:
            if let position = selectedPosition {
                let dossier = c.data.dossiers[position], address = dossier.address
                c.openPager(title: language.pick("n° ", "no. ") + "\(dossier.number)",
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
            c.say(step > 0 ? c.language.pick("Fin des résultats, retour au premier", "End of results, back to the first")
                           : c.language.pick("Début des résultats, retour au dernier", "Start of results, back to the last"))
        }
        select((target + rows.count) % rows.count)
    }

    /// Search as you type: the list is refiltered at each key; Enter keeps it, Esc restores the previous search.
    private mutating func typeSearch(_ key: Key, _ c: inout ScreenContext) -> [ConsoleEffect] {
        switch c.action(for: key, in: searchBindings) {
        case .commit:
            field = nil
            if !query.isEmpty {
                c.say(c.language.dossiers(rows.count) + c.language.pick(" pour « \(query) » — Échap pour tout revoir",
                                                                         " for “\(query)” — Esc to see all"))
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

        var info = [l.pick("\(submitted)/\(data.dossiers.count) notés", "\(submitted)/\(data.dossiers.count) scored")
            + (drafts > 0 ? ", " + l.count(drafts, ("brouillon", "brouillons"), ("draft", "drafts")) : "")]
        if !data.mine.isEmpty {
            let done = data.mine.filter { data.sheets[$0]?.status == .submitted }.count
            info.append(l.pick("Rapporteur : \(done)/\(data.mine.count) soumis", "Rapporteur: \(done)/\(data.mine.count) submitted"))
        }
        info.append(l.pick("Tri : ", "Sort: ") + l.label(sort))
        if let filters = filter.summary(data) { info.append(l.pick("Filtres : ", "Filters: ") + filters) }
        if !query.isEmpty { info.append(l.pick("Recherche « \(query) »", "Search “\(query)”")) }
        if data.hiddenForConflict > 0 {
            info.append(l.count(data.hiddenForConflict, ("masqué", "masqués"), ("hidden", "hidden")) + l.pick(" : conflit", ": conflict"))
        }
        if c.loading { info = [l.pick("Chargement de la campagne…", "Loading the campaign…")] }
        p.bar(row: 1, left: info.joined(separator: " · "),
              right: c.loading ? "" : l.dossiers(rows.count), style: [])

        let columns = ListColumns(width: p.columns, numberWidth: data.index.numberWidth,
                                  highestScore: data.campaign.criteria.map(\.scale.max).max() ?? 0, language: l)
        p.line(columns.heading, row: 2, column: 0, width: p.columns, extra: [.bold, .underline])
        let height = Layout.tableHeight(rows: p.rows)
        if rows.isEmpty {
            p.text(l.pick("Aucun dossier ne correspond. Échap efface la recherche, f change les filtres.",
                          "No dossier matches. Esc clears the search, f changes the filters."),
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
        let all = l.pick("tous", "all")
        let choices = [
            (l.pick("Région", "Region"), filter.region.map { data.index.regions[$0] } ?? l.pick("toutes", "all")),
            (l.pick("Filière", "Sector"), filter.sector.map { data.index.sectors[$0] } ?? l.pick("toutes", "all")),
            (l.pick("Mon statut", "My status"), filter.progress.map(l.label) ?? all),
            (l.pick("Éligibles seulement", "Eligible only"), filter.eligibleOnly ? l.pick("oui", "yes") : l.pick("non", "no")),
            (l.pick("Mes dossiers (rapp.)", "My dossiers (rapp.)"), filter.mine ? l.pick("oui", "yes") : l.pick("non", "no")),
        ]
        let width = min(p.columns - 2, 60), height = choices.count + 4
        let top = 3, left = max(0, p.columns - width - 1)
        p.box(top: top, left: left, height: height, width: width, title: l.pick("Filtres", "Filters"))
        let labelWidth = 21
        for (i, (label, value)) in choices.enumerated() {
            let line = TextLine(spans: [Span.cell(label, labelWidth, .bold), Span("◂ " + value + " ▸")])
            p.row(line, row: top + 1 + i, column: left + 2, width: width - 4, selected: panel == i)
        }
        p.text("→ " + l.dossiers(rows.count),
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
        let number = max(3, numberWidth) + 1, eligible = room([l.pick("✓ oui", "✓ yes"), l.pick("✗ NON", "✗ NO"), Self.headings(l)[4]])
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
        [l.pick("N°", "No."), "PTCE", l.pick("Région", "Region"), l.pick("Filière", "Sector"), l.pick("Élig.", "Elig."),
         l.pick("Statut", "Status"), l.pick("Note", "Score"), "Jury"]
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
