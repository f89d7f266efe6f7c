import JuryCore

// Which key table has the keyboard. The help (`?`, in the pager), the key bar and the README's
// keys table all read these tables, which the screens dispatch their keys through.

extension ConsoleState {
    /// The table of the screen or text field under any pager, then the keys that work everywhere.
    var screenTable: KeyTable {
        func table<Action>(_ fr: String, _ en: String, _ bindings: [KeyBinding<Action>], notes: [Localized] = []) -> KeyTable {
            KeyTable(title: Localized(fr: fr, en: en), lines: bindings.map(\.line) + globalLines, notes: notes)
        }
        if conflictField != nil { return table("Conflit d’intérêts", "Conflict of interest", conflictBindings) }
        switch screen {
        case .list:
            if list.field != nil { return table("Recherche", "Search", searchBindings) }
            if list.panel != nil { return table("Filtres", "Filters", filterBindings) }
            return table("Dossiers", "Dossiers", listBindings, notes: [Localized(
                fr: "Colonnes : Élig. = éligible (décret 2015-431) ; Note = mon total pondéré ; Jury = moyenne des fiches soumises, "
                    + "montrée une fois ma fiche soumise (notation à l’aveugle).",
                en: "Columns: Elig. = eligible (decree 2015-431); Score = my weighted total; Jury = mean of the submitted sheets, "
                    + "shown once my sheet is submitted (blind review).")])
        case .dossier: return withGlobalLines(dossier?.keys(context))
        case .sheet: return withGlobalLines(sheet?.keys(context))
        case .board: return withGlobalLines(board?.keys(context))
        }
    }

    /// What has the keyboard now: the pager when it is open, else the screen.
    var keyTable: KeyTable {
        guard pager != nil else { return screenTable }
        return KeyTable(title: Localized(fr: "Lecture", en: "Reading"), lines: pagerBindings.map(\.line) + globalLines)
    }

    private func withGlobalLines(_ table: KeyTable?) -> KeyTable {
        var table = table ?? KeyTable(title: Localized(fr: "", en: ""), lines: [])
        table.lines += globalLines
        return table
    }

    private var globalLines: [KeyLine] {
        globalBindings.map { binding in
            var line = binding.line
            line.pinned = true
            return line
        }
    }
}
