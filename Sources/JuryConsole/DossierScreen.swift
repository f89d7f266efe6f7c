import JuryCore

// A whole application, for reading.

enum DossierAction: Sendable {
    case move(Motion), nextSection, previousSection, nextDossier, previousDossier,
         nextMatch, previousMatch, score, juryScores, conflict, back
}

extension ConsoleState {
    var dossierBindings: [KeyBinding<DossierAction>] {
        let searching = !list.query.isEmpty
        let noSearch = ("Aucune recherche en cours : / dans la liste pour chercher", "No search: / in the list to search")
        return Motion.bindings(.text, DossierAction.move) + [
            KeyBinding([.tab], .nextSection, "Section suivante", "Next section", bar: ("section", "section")),
            KeyBinding([.backTab], .previousSection, "Section précédente", "Previous section"),
            KeyBinding([.character("]")], .nextDossier, "Dossier suivant de la liste", "Next dossier of the list",
                       bar: ("dossier", "dossier")),
            KeyBinding([.character("[")], .previousDossier, "Dossier précédent de la liste", "Previous dossier of the list"),
            KeyBinding([.character("n")], .nextMatch, "Occurrence suivante de la recherche", "Next match of the search",
                       when: searching, refusal: noSearch),
            KeyBinding([.character("N")], .previousMatch, "Occurrence précédente de la recherche", "Previous match of the search",
                       when: searching, refusal: noSearch),
            KeyBinding([.character("e")], .score, "Noter ce dossier (ma fiche)", "Score this dossier (my sheet)", bar: ("noter", "score")),
            KeyBinding([.escape, .character("q")], .back, "Retour à la liste", "Back to the list", bar: ("retour", "back")),
            // After « retour »: on a narrow terminal the key bar drops its last entries first.
            KeyBinding([.character("v")], .juryScores, "Ma fiche et les notes du jury, et retour", "My sheet and the jury’s scores, and back",
                       bar: ("notes", "scores")),
            KeyBinding([.character("c")], .conflict, "Déclarer un conflit d’intérêts sur ce dossier",
                       "Declare a conflict of interest on this dossier"),
        ]
    }

    mutating func pressOnDossier(_ key: Key) -> [ConsoleEffect] {
        guard var view = dossier, let action = action(for: key, in: dossierBindings) else { return [] }
        let height = Layout.bodyHeight(rows: rows)
        let last = max(0, view.document.lines.count - height)
        switch action {
        case .move(let motion): view.scroll = motion.apply(to: view.scroll, page: height - 1, last: last)
        case .nextSection:
            view.scroll = view.document.headings.first { $0.line > view.scroll }?.line ?? view.scroll
        case .previousSection:
            view.scroll = view.document.headings.last { $0.line < view.scroll }?.line ?? 0
        case .nextMatch: find(in: &view, step: 1)
        case .previousMatch: find(in: &view, step: -1)
        case .nextDossier: return showNeighbour(of: view.position, step: 1)
        case .previousDossier: return showNeighbour(of: view.position, step: -1)
        case .score: openSheet(view.position)
        case .juryScores: toggleJuryScores(&view)
        case .conflict:
            dossier = view
            return askConflictReason(view.position)
        case .back:
            dossier = nil
            return []
        }
        view.scroll = min(max(0, view.scroll), last)
        dossier = view
        return []
    }

    /// ]/[: the next or previous dossier in the list's current order; the list's selection follows.
    private mutating func showNeighbour(of position: Int, step: Int) -> [ConsoleEffect] {
        guard let row = list.rows.firstIndex(of: position) else {
            fail(language.pick("Ce dossier n’est plus dans la liste filtrée", "This dossier is no longer in the filtered list"))
            return []
        }
        let target = row + step
        guard list.rows.indices.contains(target) else {
            say(step > 0 ? language.pick("Dernier dossier de la liste", "Last dossier of the list")
                         : language.pick("Premier dossier de la liste", "First dossier of the list"))
            return []
        }
        list.select(target)
        openDossier(list.rows[target])
        return []
    }

    /// n/N: the next line (after or before the top one) holding the search's text, shown at the top.
    private mutating func find(in view: inout DossierView, step: Int) {
        var folder = SearchFolder()
        let needle = folder.fold(list.query)
        guard !needle.isEmpty else { return }
        let lines = view.document.lines
        let start = view.match ?? view.scroll - (step > 0 ? 1 : 0)
        let order = step > 0 ? Array(stride(from: start + 1, to: lines.count, by: 1))
                             : Array(stride(from: start - 1, through: 0, by: -1))
        guard let found = order.first(where: { ByteSearch.contains(folder.fold(lines[$0].text), needle) }) else {
            say(language.pick("« \(list.query) » : pas d’autre occurrence", "“\(list.query)”: no other occurrence"))
            return
        }
        view.match = found
        view.scroll = found
    }
}

// MARK: Drawing

extension ConsoleState {
    func drawDossier(_ p: Painter, _ view: DossierView) {
        let l = language
        let dossier = data.dossiers[view.position]
        let height = Layout.bodyHeight(rows: p.rows)
        var place = ""
        if let row = list.rows.firstIndex(of: view.position) { place = "\(row + 1)/\(list.rows.count) · " }
        let lines = view.document.lines
        let percent = lines.count <= height ? 100 : min(100, (view.scroll + height) * 100 / lines.count)
        p.bar(row: 0, left: l.pick("Dossier n° ", "Dossier no. ") + "\(dossier.number) · \(dossier.name)",
              right: place + "\(percent) %", style: [.reverse, .bold])
        for (offset, line) in lines.dropFirst(view.scroll).prefix(height).enumerated() {
            let index = view.scroll + offset
            p.line(line, row: 1 + offset, column: 1, width: p.columns - 2, extra: index == view.match ? .reverse : [])
        }
    }
}
