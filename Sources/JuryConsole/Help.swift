import JuryCore

/// One line of help: the keys, what they do, and the short label shown in the key bar
/// when the key is one of the screen's main keys. The help overlay and the key bar both read
/// these tables, so they cannot disagree.
struct KeyHelp {
    var keys: Localized
    var action: Localized
    var bar: Localized?

    init(_ keysFr: String, _ keysEn: String, _ actionFr: String, _ actionEn: String, bar: (String, String)? = nil) {
        keys = Localized(fr: keysFr, en: keysEn)
        action = Localized(fr: actionFr, en: actionEn)
        self.bar = bar.map { Localized(fr: $0.0, en: $0.1) }
    }
}

/// What the keyboard does in a given situation, for the help overlay and the key bar.
enum KeyContext {
    case list, searchField, filterPanel, dossier, sheet, textField, conflictField, board, boardReadOnly, motivationField

    var title: Localized {
        switch self {
        case .list, .searchField, .filterPanel: return Localized(fr: "Dossiers", en: "Dossiers")
        case .conflictField: return Localized(fr: "Conflit d’intérêts", en: "Conflict of interest")
        case .dossier: return Localized(fr: "Dossier", en: "Dossier")
        case .board, .boardReadOnly, .motivationField: return Localized(fr: "Attribution", en: "Allocation")
        case .sheet, .textField: return Localized(fr: "Fiche de notation", en: "Score sheet")
        }
    }

    var keys: [KeyHelp] {
        switch self {
        case .board: return Self.boardKeys
        case .boardReadOnly: return Self.boardReadOnlyKeys
        case .motivationField: return Self.motivationKeys
        case .list: return [
            KeyHelp("j k ↑ ↓", "j k ↑ ↓", "Dossier suivant / précédent", "Next / previous dossier"),
            KeyHelp("g G", "g G", "Premier / dernier dossier", "First / last dossier"),
            KeyHelp("PgPréc PgSuiv", "PgUp PgDn", "Page précédente / suivante", "Previous / next page"),
            KeyHelp("Entrée", "Enter", "Lire le dossier", "Read the dossier", bar: ("lire", "read")),
            KeyHelp("e", "e", "Noter le dossier (ma fiche)", "Score the dossier (my sheet)", bar: ("noter", "score")),
            KeyHelp("o", "o", "Changer le tri (n°, nom, région, statut, ma note)",
                    "Change the sort (number, name, region, status, my score)", bar: ("tri", "sort")),
            KeyHelp("f", "f", "Filtres : région, filière, mon statut, éligibles",
                    "Filters: region, sector, my status, eligible", bar: ("filtres", "filters")),
            KeyHelp("/", "/", "Chercher (nom, commune, membres, textes)", "Search (name, town, members, texts)",
                    bar: ("chercher", "search")),
            KeyHelp("n N", "n N", "Résultat suivant / précédent", "Next / previous result"),
            KeyHelp("a", "a", "Attribution des places : classement, sélection, liste complémentaire",
                    "Allocation of the places: ranking, selection, waitlist"),
            KeyHelp("Échap", "Esc", "Effacer la recherche", "Clear the search"),
            KeyHelp("c", "c", "Déclarer un conflit d’intérêts sur le dossier", "Declare a conflict of interest on the dossier"),
            KeyHelp("Ctrl-L", "Ctrl-L", "Redessiner l’écran", "Redraw the screen"),
            KeyHelp("?", "?", "Aide", "Help", bar: ("aide", "help")),
            KeyHelp("q Ctrl-C", "q Ctrl-C", "Quitter (tout est déjà enregistré)", "Quit (everything is already saved)",
                    bar: ("quitter", "quit")),
        ]
        case .searchField: return [
            KeyHelp("lettres", "letters", "Le texte cherché (sans accents, sans majuscules)", "The text searched (accents and case ignored)"),
            KeyHelp("Entrée", "Enter", "Garder ce filtre", "Keep this filter", bar: ("garder", "keep")),
            KeyHelp("Échap", "Esc", "Annuler la recherche", "Cancel the search", bar: ("annuler", "cancel")),
            KeyHelp("↑ ↓", "↑ ↓", "Choisir un dossier", "Choose a dossier", bar: ("choisir", "choose")),
        ]
        case .filterPanel: return [
            KeyHelp("↑ ↓", "↑ ↓", "Choisir un filtre", "Choose a filter", bar: ("choisir", "choose")),
            KeyHelp("← → Espace", "← → Space", "Changer sa valeur", "Change its value", bar: ("changer", "change")),
            KeyHelp("x", "x", "Effacer tous les filtres", "Clear all filters", bar: ("tout effacer", "clear all")),
            KeyHelp("Entrée Échap f", "Enter Esc f", "Fermer le panneau", "Close the panel", bar: ("fermer", "close")),
        ]
        case .dossier: return [
            KeyHelp("j k ↑ ↓", "j k ↑ ↓", "Faire défiler d’une ligne", "Scroll one line"),
            KeyHelp("Espace PgSuiv", "Space PgDn", "Page suivante", "Next page", bar: ("page", "page")),
            KeyHelp("b PgPréc", "b PgUp", "Page précédente", "Previous page"),
            KeyHelp("g G", "g G", "Début / fin du dossier", "Top / end of the dossier"),
            KeyHelp("Tab Maj-Tab", "Tab Shift-Tab", "Section suivante / précédente", "Next / previous section",
                    bar: ("section", "section")),
            KeyHelp("] [", "] [", "Dossier suivant / précédent de la liste", "Next / previous dossier of the list",
                    bar: ("dossier", "dossier")),
            KeyHelp("n N", "n N", "Occurrence suivante / précédente de la recherche", "Next / previous match of the search"),
            KeyHelp("e", "e", "Noter ce dossier", "Score this dossier", bar: ("noter", "score")),
            KeyHelp("Échap q", "Esc q", "Retour à la liste", "Back to the list", bar: ("retour", "back")),
            // After « retour »: on a narrow terminal the key bar drops its last entries first.
            KeyHelp("v", "v", "Notes du jury, et retour", "The jury’s scores, and back", bar: ("notes du jury", "jury’s scores")),
            KeyHelp("c", "c", "Déclarer un conflit d’intérêts sur ce dossier", "Declare a conflict of interest on this dossier"),
            KeyHelp("?", "?", "Aide", "Help", bar: ("aide", "help")),
        ]
        case .sheet: return [
            KeyHelp("↑ ↓ Tab", "↑ ↓ Tab", "Ligne précédente / suivante", "Previous / next row"),
            KeyHelp("0 … 9", "0 … 9", "Noter le critère", "Score the criterion", bar: ("note", "score")),
            KeyHelp("← →", "← →", "Note −1 / +1, ou changer la recommandation", "Score −1 / +1, or change the recommendation",
                    bar: ("±1", "±1")),
            KeyHelp("Suppr", "Del", "Effacer la note ou la recommandation", "Clear the score or the recommendation"),
            KeyHelp("Entrée", "Enter", "Écrire le commentaire ici", "Write the comment here", bar: ("écrire", "write")),
            KeyHelp("E", "E", "Écrire le commentaire dans $EDITOR", "Write the comment in $EDITOR"),
            KeyHelp("s", "s", "Soumettre la fiche (complète)", "Submit the (complete) sheet", bar: ("soumettre", "submit")),
            KeyHelp("r", "r", "Rouvrir une fiche soumise", "Reopen a submitted sheet"),
            KeyHelp("Échap q", "Esc q", "Retour (la fiche est déjà enregistrée)", "Back (the sheet is already saved)",
                    bar: ("retour", "back")),
            KeyHelp("?", "?", "Aide", "Help", bar: ("aide", "help")),
        ]
        case .textField: return [
            KeyHelp("lettres", "letters", "Le texte (enregistré à chaque touche)", "The text (saved at every key)"),
            KeyHelp("← → Début Fin", "← → Home End", "Déplacer le curseur", "Move the cursor", bar: ("curseur", "cursor")),
            KeyHelp("Ctrl-A Ctrl-E", "Ctrl-A Ctrl-E", "Début / fin du texte", "Start / end of the text"),
            KeyHelp("Retour Suppr", "Bksp Del", "Effacer avant / après le curseur", "Erase before / after the cursor"),
            KeyHelp("Ctrl-U Ctrl-K", "Ctrl-U Ctrl-K", "Effacer jusqu’au début / à la fin", "Erase to the start / end"),
            KeyHelp("Entrée Échap", "Enter Esc", "Terminer", "Finish", bar: ("terminer", "finish")),
            KeyHelp("Tab ↑ ↓", "Tab ↑ ↓", "Terminer et changer de ligne", "Finish and change rows", bar: ("ligne", "row")),
        ]
        case .conflictField: return [
            KeyHelp("lettres", "letters", "Le motif du conflit (lien avec le porteur, un membre…)",
                    "The reason of the conflict (tie with the applicant, a member…)"),
            KeyHelp("Entrée", "Enter", "Déclarer (après confirmation)", "Declare (once confirmed)", bar: ("déclarer", "declare")),
            KeyHelp("Échap", "Esc", "Renoncer", "Give up", bar: ("renoncer", "give up")),
        ]
        }
    }
}

extension ConsoleState {
    var keyContext: KeyContext {
        if conflictField != nil { return .conflictField }
        switch screen {
        case .list: return list.field != nil ? .searchField : list.panel != nil ? .filterPanel : .list
        case .dossier: return .dossier
        case .sheet: return sheet?.editor != nil ? .textField : .sheet
        case .board: return board?.editor != nil ? .motivationField : data.viewer.role == .chair ? .board : .boardReadOnly
        }
    }
}
