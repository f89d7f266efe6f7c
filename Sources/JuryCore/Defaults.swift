extension Campaign {
    /// What `ptce-jury init` starts from: the 2023 call for phase 2 of the AMI PTCE (docs/ARCHITECTURE.md, « The call »).
    /// Everything here is only a starting point, written into the campaign file and edited there.
    public static func ptceDefaults(title: String = "AMI PTCE 2023 — phase 2") -> Campaign {
        Campaign(
            title: title,
            call: CallPeriod(opening: Instant("2023-06-01T00:00:00+02:00")!,
                             closing: Instant("2023-07-31T12:00:00+02:00")!,
                             timeZone: "Europe/Paris"),
            funding: Funding(slots: 15, grantPerLaureate: 100_000, durationMonths: 24, totalBudget: 1_500_000),
            criteria: ptceCriteria,
            constraints: AllocationConstraints(maxPerRegion: 3, minOverseas: 1, eligibleOnly: true),
            visibility: .afterOwnSubmission,
            tieBreak: TieBreakRule.standard)
    }

    /// The criteria named in the public calls over the years. No official weighting is public:
    /// these weights are a proposal that belongs to the campaign file, where the jury changes them.
    private static let ptceCriteria: [Criterion] = [
        Criterion(key: "maturite", label: "Maturité de la coopération", labelEn: "Maturity of the cooperation",
                  description: "Ancienneté et réalité de la coopération entre les membres : actions déjà menées ensemble, "
                      + "engagements formalisés, résultats obtenus depuis la phase 1.",
                  weight: 20, scale: ptceScale),
        Criterion(key: "gouvernance", label: "Gouvernance partagée", labelEn: "Shared governance",
                  description: "Place réelle de chaque catégorie de membres dans les décisions : instances, règles de vote, "
                      + "transparence et circulation de l’information.",
                  weight: 15, scale: ptceScale),
        Criterion(key: "ancrage", label: "Ancrage territorial", labelEn: "Territorial anchoring",
                  description: "Réponse à des besoins identifiés du territoire et implication des collectivités, "
                      + "des habitants et des acteurs économiques locaux.",
                  weight: 15, scale: ptceScale),
        Criterion(key: "modele-eco", label: "Modèle économique et autofinancement", labelEn: "Economic model and self-financing",
                  description: "Solidité et diversité des ressources, part d’autofinancement et trajectoire crédible "
                      + "vers l’autonomie à l’issue des deux ans de soutien.",
                  weight: 15, scale: ptceScale),
        Criterion(key: "animation", label: "Programme d’animation", labelEn: "Animation programme",
                  description: "Qualité du programme d’animation financé : moyens humains, calendrier, actions concrètes "
                      + "et indicateurs de suivi.",
                  weight: 15, scale: ptceScale),
        Criterion(key: "impact", label: "Impact économique, social et environnemental", labelEn: "Economic, social and environmental impact",
                  description: "Emplois locaux et non délocalisables, inclusion, effets environnementaux mesurables "
                      + "et contribution au développement durable du territoire.",
                  weight: 10, scale: ptceScale),
        Criterion(key: "mutualisation", label: "Mutualisation des ressources", labelEn: "Pooling of resources",
                  description: "Moyens humains, matériels ou immatériels partagés entre les membres et économies "
                      + "ou capacités nouvelles qu’ils produisent.",
                  weight: 5, scale: ptceScale),
        Criterion(key: "innovation", label: "Innovation sociale", labelEn: "Social innovation",
                  description: "Caractère novateur des réponses apportées, capacité d’expérimentation et "
                      + "potentiel d’essaimage vers d’autres territoires.",
                  weight: 5, scale: ptceScale),
    ]

    private static let ptceScale = Scale(min: 0, max: 5, levels: [
        Level(value: 0, label: "Absent"),
        Level(value: 1, label: "Très insuffisant"),
        Level(value: 2, label: "Insuffisant"),
        Level(value: 3, label: "Correct"),
        Level(value: 4, label: "Solide"),
        Level(value: 5, label: "Exemplaire"),
    ])
}
