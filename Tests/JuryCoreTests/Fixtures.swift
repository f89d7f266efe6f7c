import JuryCore

/// A small campaign built in code, so that each test states the figures it depends on.
enum Fixture {
    static let opening = Instant("2023-06-01T00:00:00+02:00")!
    static let closing = Instant("2023-07-31T12:00:00+02:00")!

    static func scale() -> Scale {
        Scale(min: 0, max: 5, levels: (0...5).map { Level(value: $0, label: "niveau \($0)") })
    }

    static let grid = [
        Criterion(key: "maturite", label: "Maturité de la coopération", description: "", weight: 20, scale: scale()),
        Criterion(key: "gouvernance", label: "Gouvernance partagée", description: "", weight: 15, scale: scale()),
        Criterion(key: "impact", label: "Impact et emplois", description: "", weight: 5, scale: scale()),
    ]

    static func campaign() -> Campaign {
        Campaign(title: "Essai", call: CallPeriod(opening: opening, closing: closing),
                 funding: Funding(slots: 15, grantPerLaureate: 100_000, durationMonths: 24, totalBudget: 1_500_000),
                 criteria: grid, constraints: AllocationConstraints(maxPerRegion: 3, minOverseas: 1))
    }

    static func dossier(members: [MemberCategory] = [.entrepriseESS, .entrepriseHorsESS, .collectivite],
                        phase1Year: Int? = 2022, requested: Int = 100_000,
                        filedAt: String? = "2023-07-30T18:00:00+02:00") -> Dossier {
        Dossier(number: 13_004_512, name: "Pôle Réemploi", structure: CarryingStructure(
                    raisonSociale: "Ressourcerie", siret: "73282932000074", legalForm: "SCIC SAS"),
                address: Address(commune: "Nantes", communeCode: "44109", department: Area(code: "44", name: "Loire-Atlantique"),
                                 region: Area(code: "52", name: "Pays de la Loire")),
                territory: .urbain, creationYear: 2019, phase1Year: phase1Year, sector: "Réemploi",
                members: members.enumerated().map { Member(name: "Membre \($0.offset)", category: $0.element) },
                jobs: 4.5, budget: Budget(total: 300_000, requested: requested, cofinancing: []),
                narrative: Narrative(presentation: "p", cooperation: "c", economicModel: "m", animation: "a", impact: "i", scaling: "s"),
                attachments: [], state: .enInstruction, filedAt: filedAt.flatMap(Instant.init))
    }
}
