import JuryCore

// A whole application, for reading.

extension ConsoleState {
    mutating func pressOnDossier(_ key: Key) -> [ConsoleEffect] {
        guard var view = dossier else { return [] }
        let height = Layout.bodyHeight(rows: rows)
        let last = max(0, view.document.lines.count - height)
        switch key {
        case .character("j"), .down: view.scroll += 1
        case .character("k"), .up: view.scroll -= 1
        case .character(" "), .pageDown: view.scroll += max(1, height - 1)
        case .character("b"), .pageUp: view.scroll -= max(1, height - 1)
        case .character("g"), .home: view.scroll = 0
        case .character("G"), .end: view.scroll = last
        case .tab:
            view.scroll = view.document.headings.first { $0.line > view.scroll }?.line ?? view.scroll
        case .backTab:
            view.scroll = view.document.headings.last { $0.line < view.scroll }?.line ?? 0
        case .character("n"): find(in: &view, step: 1)
        case .character("N"): find(in: &view, step: -1)
        case .character("]"): return showNeighbour(of: view.dossier, step: 1)
        case .character("["): return showNeighbour(of: view.dossier, step: -1)
        case .character("e"): openSheet(view.dossier)
        case .character("v"): toggleJuryScores(&view)
        case .character("c"): askConflictReason(view.dossier)
        case .escape, .character("q"):
            dossier = nil
            return []
        default: break
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
        guard !needle.isEmpty else {
            fail(language.pick("Aucune recherche en cours : / dans la liste pour chercher",
                               "No search: / in the list to search"))
            return
        }
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
        let dossier = data.dossiers[view.dossier]
        let height = Layout.bodyHeight(rows: p.rows)
        var place = ""
        if let row = list.rows.firstIndex(of: view.dossier) { place = "\(row + 1)/\(list.rows.count) · " }
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
