import JuryCore

/// A dossier whose texts hold everything a terminal must not be handed raw, or must lay out
/// with care (docs/ARCHITECTURE.md, « The terminal »): escape sequences, C0 and C1 controls, bidirectional overrides and
/// isolates, zero-width characters, a 300-letter word, wide CJK and emoji, combining accents.
/// Everything else about it is ordinary, so that it goes through every screen.
public enum HostileDossier {
    public static func make(number: Int) -> Dossier {
        var rng = SeededGenerator(seed: UInt64(truncatingIfNeeded: number))
        var clock = Timestamps(granularity: 1)
        let region = Geography.regions.first { $0.area.code == "04" }!
        var dossier = DossierFactory.make(number: number, region: region, place: region.places[1], sector: .numerique,
                                          irregularity: nil, paragraphs: 2...2, call: Campaign.ptceDefaults().call,
                                          clock: &clock, rng: &rng)
        let word = String(repeating: "Anticonstitutionnellement", count: 12)
        dossier.name = "\u{1B}[2J\u{1B}]0;pwned\u{07}Pôle \u{202E}eriannoitulovér\u{202C} de la Coopération "
            + String(repeating: "Territoriale, Solidaire et Durable ", count: 6) + "日本語 🌋"
        dossier.structure.raisonSociale = "SCIC \u{9B}31mRouge\u{9B}0m \u{1B}[5mClignotant\u{1B}[0m"
        dossier.address.commune = "Saint-Pierre\u{2066}\u{202E}tnemucod\u{2069}"
        dossier.sector = "Numérique\u{200B}responsable\u{200D} et inclusion\u{FEFF} numérique"
        dossier.members[0].name = "日本語の協同組合 👩🏽‍🌾🇫🇷 Coopérative"
        dossier.members[1].name = "Cafe\u{301} de\u{301}licieux de la Re\u{301}union"
        dossier.budget.cofinancing[0].source = "Région Réunion\u{202E} — ligne inversée\u{202C}"
        dossier.attachments[0].name = "Statuts\u{1B}[31m.pdf"
        dossier.narrative.presentation = "Un mot de trois cents lettres : \(word).\r\nRetour chariot\u{08}\u{08} et\ttabulation ; "
            + "contrôle C1 \u{85}\u{9B}2J ; marque \u{200F}droite-à-gauche.\n\n" + dossier.narrative.presentation
        return dossier
    }
}
