import JuryCore

/// Campaigns of any size with the bundled demo's shape, for load tests and benchmarks.
/// Narratives are one paragraph per section (about 3 KB a dossier).
public enum SyntheticCampaign {
    private static let firstNames = ["Anne", "Bakary", "Chloé", "David", "Émilie", "Farid", "Gaëlle", "Hugo", "Isabelle",
                                     "Jérôme", "Khadija", "Laurent", "Mireille", "Nicolas", "Océane", "Pascal", "Rachida",
                                     "Stéphane", "Thi Lan", "Vincent"]
    private static let bodies = ["DREETS", "CRESS", "France Active", "Conseil régional", "Banque des Territoires", "Avise", "ESS France",
                                 "RTES"]
    private static let conflictReasons = [
        "Administrateur d’une structure membre du pôle.",
        "A accompagné le pôle au titre du dispositif local d’accompagnement.",
        "Lien familial avec la personne qui coordonne le pôle.",
        "Son employeur cofinance le programme présenté.",
    ]

    public static func generate(dossiers count: Int, reviewers reviewerCount: Int, seed: UInt64) -> GeneratedCampaign {
        var rng = SeededGenerator(seed: seed)
        // Whole hours: few distinct instants to format (see `Timestamps`).
        var clock = Timestamps(granularity: 3_600)
        var campaign = Campaign.ptceDefaults(title: "AMI PTCE — campagne synthétique (\(count) dossiers)")
        campaign.notice = "Campagne générée pour les essais (graine \(seed)) : organisations, personnes et chiffres fictifs."

        let weights = DemoCampaign.dossiersPerRegion.map(Double.init)
        let specs = (0..<count).map { _ -> Assembly.Spec in
            let region = Geography.regions[rng.weighted(weights)]
            let place = rng.pick(region.places)
            let sector = rng.pick(Sector.all.filter { $0.suits(place, in: region) })
            let irregularity = rng.chance(0.07) ? rng.pick(Irregularity.allCases) : nil
            return Assembly.Spec(region: region, place: place, sector: sector, irregularity: irregularity)
        }
        let dossiers = Assembly.dossiers(specs, paragraphs: 1...1, call: campaign.call, clock: &clock, rng: &rng)

        // The first reviewer is harsh, the second lenient, the others close to neutral.
        let profiles = (0..<reviewerCount).map { i in
            ReviewerProfile(login: "rapporteur\(i + 1)", bias: i == 0 ? -0.9 : i == 1 ? 0.7 : rng.double(-0.25...0.25),
                            diligence: rng.double(0.5...0.7), finishing: rng.double(0.75...0.95))
        }
        var conflicts = [[ConflictOfInterest]](repeating: [], count: reviewerCount)
        if !dossiers.isEmpty {
            for _ in 0..<(reviewerCount + 2) / 3 {
                conflicts[rng.below(reviewerCount)].append(ConflictOfInterest(
                    dossier: rng.pick(dossiers).number, reason: rng.pick(conflictReasons), recordedBy: "presidence"))
            }
        }
        let members = profiles.enumerated().map { i, profile in
            let surname = rng.pick(Organisations.commonSurnames)
            return JuryMember(login: profile.login, name: "\(rng.pick(firstNames)) \(surname) (\(rng.pick(bodies)))",
                              role: .reviewer, conflicts: conflicts[i])
        }
        let jury = Jury(members: [JuryMember(login: "presidence", name: "Présidence du jury (DGTrésor/ESS)", role: .chair)] + members)

        let assignments = dossiers.map { dossier in
            rng.sample(Array(members.indices.filter { !members[$0].isConflicted(on: dossier.number) }), 3)
        }
        let sheets = Assembly.sheets(dossiers, assignments: assignments, reviewers: profiles, grid: campaign.criteria,
                                     clock: &clock, rng: &rng)
        return GeneratedCampaign(campaign: campaign, jury: jury, dossiers: dossiers, sheets: sheets)
    }
}
