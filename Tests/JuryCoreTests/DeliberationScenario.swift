import JuryCore

/// A jury, dossiers and sheets built in code, so that each deliberation test states its figures.
/// With the one-criterion grid, a sheet's weighted total is its value.
struct DeliberationScenario {
    static let now = Instant("2023-10-02T10:00:00+02:00")!
    static let scale = Scale(min: 0, max: 5, levels: (0...5).map { Level(value: $0, label: "niveau \($0)") })
    static let single = [Criterion(key: "note", label: "Note", description: "", weight: 1, scale: scale)]

    var campaign: Campaign
    var jury: Jury
    var dossiers: [Dossier] = []
    var sheets: [String: [Int: ScoreSheet]] = [:]

    init(reviewers: [String], grid: [Criterion] = DeliberationScenario.single, slots: Int = 15,
         maxPerRegion: Int? = nil, minOverseas: Int? = nil, visibility: ScoreVisibility = .afterOwnSubmission,
         tieBreak: [TieBreakRule] = TieBreakRule.standard) {
        campaign = Campaign(title: "Délibération d’essai",
                            call: CallPeriod(opening: Instant("2023-06-01T00:00:00+02:00")!,
                                             closing: Instant("2023-07-31T12:00:00+02:00")!),
                            funding: Funding(slots: slots, grantPerLaureate: 100_000, durationMonths: 24,
                                             totalBudget: slots * 100_000),
                            criteria: grid,
                            constraints: AllocationConstraints(maxPerRegion: maxPerRegion, minOverseas: minOverseas),
                            visibility: visibility, tieBreak: tieBreak)
        jury = Jury(members: [JuryMember(login: "chair", name: "Présidence", role: .chair)]
            + reviewers.map { JuryMember(login: $0, name: $0.capitalized, role: .reviewer) })
    }

    /// A dossier that is eligible unless told otherwise, in the region with this INSEE code.
    @discardableResult
    mutating func dossier(_ number: Int, region: String = "53", name: String? = nil, eligible: Bool = true) -> Int {
        let area = Regions.named(code: region)!
        dossiers.append(Dossier(
            number: number, name: name ?? "Pôle \(number)",
            structure: CarryingStructure(raisonSociale: "Structure \(number)", siret: "12345678900012", legalForm: "SCIC SAS"),
            address: Address(commune: "Commune", communeCode: "00000", department: Area(code: "00", name: "Département"), region: area),
            territory: .mixte, creationYear: 2018, phase1Year: eligible ? 2021 : nil, sector: "Réemploi",
            members: [Member(name: "A", category: .entrepriseESS), Member(name: "B", category: .entrepriseHorsESS),
                      Member(name: "C", category: .collectivite)],
            jobs: 3, budget: Budget(total: 200_000, requested: 100_000, cofinancing: []),
            narrative: Narrative(presentation: "", cooperation: "", economicModel: "", animation: "", impact: "", scaling: ""),
            attachments: [], state: .enInstruction, filedAt: Instant("2023-07-20T10:00:00+02:00")))
        return number
    }

    /// A sheet with the same value on every criterion unless `values` says otherwise.
    mutating func score(_ reviewer: String, _ dossier: Int, _ value: Int, values: [String: Int]? = nil, submitted: Bool = true) {
        var sheet = ScoreSheet(dossier: dossier, reviewer: reviewer, at: Self.now)
        sheet.values = values ?? Dictionary(uniqueKeysWithValues: campaign.criteria.map { ($0.key, value) })
        sheet.recommendation = .favorable
        if submitted {
            sheet.status = .submitted
            sheet.submittedAt = Self.now
        }
        sheets[reviewer, default: [:]][dossier] = sheet
    }

    mutating func conflict(_ reviewer: String, on dossier: Int) {
        let index = jury.members.firstIndex { $0.login == reviewer }!
        jury.members[index].conflicts.append(ConflictOfInterest(dossier: dossier, reason: "administrateur de la structure"))
    }

    func member(_ login: String) -> JuryMember { jury.member(login)! }

    func deliberation(as viewer: String = "chair", seed: Int = 7) -> Deliberation {
        Deliberation(campaign: campaign, jury: jury, dossiers: dossiers, sheets: sheets, viewer: member(viewer), drawSeed: seed)
    }
}
