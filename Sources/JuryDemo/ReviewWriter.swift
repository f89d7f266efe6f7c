import JuryCore

/// How good a dossier is, as all reviewers perceive it before their own bias and noise:
/// one overall level and a strength or weakness per criterion.
struct Merit {
    let level: Double
    let offsets: [Double]

    init(criteria: Int, rng: inout SeededGenerator) {
        level = rng.double(1.4...4.5)
        offsets = (0..<criteria).map { _ in rng.double(-0.7...0.7) }
    }
}

/// A reviewer as the generator sees them. The systematic bias (a harsh reviewer scores
/// everything about a point lower) gives normalisation something to correct.
struct ReviewerProfile {
    let login: String
    let bias: Double
    /// Share of the dossiers assigned to them that already have a sheet.
    let diligence: Double
    /// Share of their sheets that are submitted rather than drafts.
    let finishing: Double
}

/// Writes score sheets: values from merit, bias and noise; short French comments by level.
enum ReviewWriter {
    /// Reviews ran from Monday 4 September to Friday 13 October 2023 (laureates announced on the
    /// 17th): a sheet is started within the first 32 days and last touched up to six days later.
    static let reviewsOpen = Instant("2023-09-04T00:00:00+02:00")!

    static func sheet(dossier: Dossier, merit: Merit, reviewer: ReviewerProfile, submitted: Bool, grid: [Criterion],
                      clock: inout Timestamps, rng: inout SeededGenerator) -> ScoreSheet {
        let created = clock.working(after: reviewsOpen, days: 32, rng: &rng)
        let updated = clock.at(Int(created.date.timeIntervalSince1970) + rng.int(600...6 * 86_400))
        var sheet = ScoreSheet(dossier: dossier.number, reviewer: reviewer.login, at: created)
        sheet.updatedAt = updated

        let scored = submitted ? Array(grid.indices) : rng.sample(Array(grid.indices), rng.int(2...grid.count - 2)).sorted()
        for i in scored {
            let criterion = grid[i]
            let raw = merit.level + merit.offsets[i] + reviewer.bias + rng.double(-0.6...0.6)
            let value = min(criterion.scale.max, max(criterion.scale.min, Int(raw.rounded())))
            sheet.values[criterion.key] = value
            if submitted || rng.chance(0.5) { sheet.comments[criterion.key] = comment(criterion.key, value, rng: &rng) }
        }
        guard submitted else {
            sheet.overall = rng.pick(["", "", "À compléter après relecture des annexes budgétaires.",
                                      "Premières impressions positives ; vérifier les lettres d’engagement des membres."])
            return sheet
        }
        let total = sheet.weightedTotal(in: grid) ?? 0
        let recommendation: Recommendation = total >= 3.4 ? .favorable : total >= 2.5 ? .reserve : .defavorable
        sheet.recommendation = recommendation
        sheet.overall = overall(recommendation, sector: dossier.sector, rng: &rng)
        // Complete by construction: every criterion has a value and there is a recommendation.
        try! sheet.submit(grid: grid, at: updated)
        return sheet
    }

    private static func comment(_ key: String, _ value: Int, rng: inout SeededGenerator) -> String {
        let band = value <= 2 ? 0 : value == 3 ? 1 : 2
        return rng.pick((comments[key] ?? genericComments)[band])
    }

    private static func overall(_ recommendation: Recommendation, sector: String, rng: inout SeededGenerator) -> String {
        let filiere = Phrase.lowercasedFirst(sector)
        switch recommendation {
        case .favorable:
            return rng.pick(["Dossier solide, porté par une coopération mature. Avis favorable.",
                             "Très bon dossier dans la filière « \(filiere) ». Je recommande son soutien.",
                             "Pôle crédible, programme d’animation réaliste. Avis favorable sans réserve."])
        case .reserve:
            return rng.pick(["Dossier intéressant mais fragile sur le modèle économique. Favorable sous réserve de cofinancements confirmés.",
                             "Coopération réelle, programme à préciser. Réserve sur la capacité à tenir le calendrier.",
                             "Projet pertinent pour le territoire ; la gouvernance doit être clarifiée avant tout engagement."])
        case .defavorable:
            return rng.pick(["Dossier insuffisamment abouti à ce stade. Avis défavorable, à représenter après consolidation.",
                             "La coopération décrite reste théorique. Avis défavorable.",
                             "Budget et programme trop imprécis. Avis défavorable."])
        }
    }

    /// Low (0–2), middle (3) and high (4–5) comments for each criterion of the default grid.
    private static let comments: [String: [[String]]] = [
        "maturite": [
            ["Coopération encore embryonnaire : peu d’actions communes réalisées à ce jour.",
             "Les partenariats décrits relèvent surtout d’intentions ; les réalisations concrètes manquent."],
            ["Coopération réelle mais récente, à consolider au-delà du noyau fondateur.",
             "Quelques projets communs aboutis ; la dynamique repose encore sur peu de structures."],
            ["Coopération ancienne et éprouvée, avec des réalisations communes nombreuses et documentées.",
             "Pôle mature : les membres travaillent ensemble depuis plusieurs années et les résultats sont tangibles."],
        ],
        "gouvernance": [
            ["Gouvernance concentrée sur la structure porteuse ; la place des autres membres n’est pas claire.",
             "Aucune instance collégiale décrite, les règles de décision restent floues."],
            ["Instances en place, mais le collège des entreprises hors ESS y pèse peu.",
             "Gouvernance formalisée ; la circulation de l’information mériterait d’être précisée."],
            ["Gouvernance collégiale exemplaire, avec des règles de décision claires et équilibrées.",
             "Toutes les catégories de membres participent réellement aux décisions ; charte solide."],
        ],
        "ancrage": [
            ["Lien avec les besoins du territoire peu démontré ; collectivités absentes ou passives.",
             "Diagnostic territorial sommaire, peu d’éléments sur les besoins locaux."],
            ["Ancrage réel mais centré sur la ville-centre ; le reste du territoire est peu touché.",
             "Collectivités impliquées ; le diagnostic territorial pourrait être actualisé."],
            ["Très bon ancrage : réponse claire à des besoins identifiés, collectivités engagées.",
             "Projet profondément inscrit dans son territoire et dans les politiques locales."],
        ],
        "modele-eco": [
            ["Modèle économique très dépendant des subventions ; aucune trajectoire d’autonomie crédible.",
             "Budget fragile, cofinancements non confirmés."],
            ["Autofinancement encore modeste mais trajectoire plausible.",
             "Cofinancements diversifiés ; l’après-AMI reste à sécuriser."],
            ["Modèle économique solide et diversifié, part d’autofinancement significative.",
             "Trajectoire d’autonomie convaincante, hypothèses prudentes."],
        ],
        "animation": [
            ["Programme d’animation vague : ni calendrier ni indicateurs.",
             "Le poste financé n’est pas décrit ; les actions restent génériques."],
            ["Programme correct, calendrier à préciser pour la deuxième année.",
             "Actions pertinentes ; les indicateurs de suivi sont encore trop généraux."],
            ["Programme précis et réaliste, calendrier et indicateurs bien définis.",
             "Animation bien pensée, qui associe les salariés et pas seulement les dirigeants."],
        ],
        "impact": [
            ["Impact difficile à apprécier, peu de données chiffrées.",
             "Effets sur l’emploi local annoncés sans éléments probants."],
            ["Impact réel sur l’emploi local ; la dimension environnementale est moins étayée.",
             "Résultats encourageants, méthode d’évaluation à construire."],
            ["Impact fort et mesuré : emplois non délocalisables, résultats environnementaux chiffrés.",
             "Effets sociaux et environnementaux bien documentés, évaluation engagée."],
        ],
        "mutualisation": [
            ["Peu de moyens réellement mutualisés.", "La mutualisation reste à l’état de projet."],
            ["Quelques moyens partagés, gains encore modestes.", "Mutualisation engagée, à élargir à davantage de membres."],
            ["Mutualisation effective et chiffrée (locaux, équipements, compétences).", "Partage de moyens exemplaire, économies mesurées."],
        ],
        "innovation": [
            ["Réponses classiques, peu d’innovation.", "Projet conventionnel, sans élément réellement nouveau."],
            ["Quelques pistes innovantes, à confirmer par l’expérimentation.", "Démarche intéressante mais déjà répandue ailleurs."],
            ["Expérimentation originale, à fort potentiel d’essaimage.", "Innovation sociale réelle, bien documentée et transférable."],
        ],
    ]

    /// For criteria a campaign file added to the grid.
    private static let genericComments = [["Point faible du dossier."], ["Point correct, sans plus."], ["Point fort du dossier."]]
}
