import JuryCore

/// The campaign bundled as `data/`: the 2023 call with 72 fictitious candidates, a jury of a
/// chair and five reviewers, and reviews under way.
public enum DemoCampaign {
    /// Candidates per region, in the order of `Regions.all`: more where PTCE are more numerous,
    /// and every overseas region present (laureates there are expected: docs/ARCHITECTURE.md, « The call »).
    static let dossiersPerRegion = [7, 4, 6, 3, 2, 5, 6, 6, 4, 7, 6, 5, 4, 2, 1, 1, 2, 1]

    /// Where the five ineligible dossiers sit in the list, one per reason.
    private static let irregular: [(index: Int, Irregularity)] = [
        (8, .noOrdinaryEnterprise), (21, .notPhase1Laureate), (37, .twoMembers), (50, .overAsking), (69, .lateFiling),
    ]

    /// Login, display name, bias, diligence and finishing: one reviewer harsh, one lenient.
    private static let reviewers: [(profile: ReviewerProfile, name: String)] = [
        (ReviewerProfile(login: "amartin", bias: 0, diligence: 0.62, finishing: 0.75), "Anne Martin (DREETS Occitanie)"),
        (ReviewerProfile(login: "bkeita", bias: 0.7, diligence: 0.5, finishing: 0.7), "Bakary Keita (France Active)"),
        (ReviewerProfile(login: "cleroux", bias: -0.9, diligence: 0.55, finishing: 0.8), "Christophe Leroux (Banque des Territoires)"),
        (ReviewerProfile(login: "dnguyen", bias: 0.15, diligence: 0.35, finishing: 0.6), "Diane Nguyen (CRESS Bretagne)"),
        (ReviewerProfile(login: "esilva", bias: -0.2, diligence: 0.45, finishing: 0.7), "Eduardo Silva (Avise)"),
    ]

    /// The 2023 call's own terms: what the jury was asked, and the law that defines a PTCE.
    static let demoMandate = "Le jury de l’appel à manifestation d’intérêt PTCE 2023 (phase 2), réuni à l’initiative du ministre "
        + "chargé de l’économie sociale et solidaire, examine les candidatures des PTCE lauréats de la phase 1 et désigne "
        + "au plus 15 structures soutenues à hauteur de 100 000 € chacune sur deux ans, au vu de la grille de l’appel."
    static let demoLegalBasis = "Article 9 de la loi n° 2014-856 du 31 juillet 2014 relative à l’économie sociale et solidaire ; "
        + "décret n° 2015-431 du 15 avril 2015 relatif aux appels à projets des pôles territoriaux de coopération économique ; cahier des charges de l’AMI PTCE 2023."

    public static func bundled() -> GeneratedCampaign {
        var rng = SeededGenerator(seed: 20_230_731)
        var clock = Timestamps(granularity: 1)
        var campaign = Campaign.ptceDefaults(title: "AMI PTCE 2023 — phase 2 (démonstration)")
        campaign.demo = true
        campaign.notice = "Démonstration : les PTCE, leurs membres, les personnes, les montants et les appréciations "
            + "sont fictifs. Les communes et leurs codes INSEE sont réels ; toute ressemblance avec une structure "
            + "existante serait fortuite."
        campaign.mandate = demoMandate
        campaign.legalBasis = demoLegalBasis

        var specs = rng.shuffled(spread(&rng))
        for (index, irregularity) in irregular { specs[index].irregularity = irregularity }
        let dossiers = Assembly.dossiers(specs, paragraphs: 2...5, call: campaign.call, clock: &clock, rng: &rng)

        let jury = Jury(members: [JuryMember(login: "presidence", name: "Claire Dumont (DGTrésor/ESS)", role: .chair)]
            + reviewers.map { JuryMember(login: $0.profile.login, name: $0.name, role: .reviewer,
                                         conflicts: conflicts(of: $0.profile.login, among: dossiers)) })
        // Each dossier goes to three reviewers in turn, skipping whoever declared a conflict on it.
        let assignments = dossiers.enumerated().map { i, dossier in
            Array((0..<reviewers.count).map { (i + $0) % reviewers.count }
                .filter { !jury.member(reviewers[$0].profile.login)!.isConflicted(on: dossier.number) }.prefix(3))
        }
        let sheets = Assembly.sheets(dossiers, assignments: assignments, reviewers: reviewers.map(\.profile),
                                     grid: campaign.criteria, clock: &clock, rng: &rng)
        return GeneratedCampaign(campaign: campaign, jury: jury, dossiers: dossiers, sheets: sheets)
    }

    /// One dossier per place, each region with its share; filières as evenly spread as the
    /// territories allow.
    private static func spread(_ rng: inout SeededGenerator) -> [Assembly.Spec] {
        var used = [Int](repeating: 0, count: Sector.all.count)
        var specs: [Assembly.Spec] = []
        for (region, count) in zip(Geography.regions, dossiersPerRegion) {
            for place in rng.sample(region.places, count) {
                let fitting = Sector.all.indices.filter { Sector.all[$0].suits(place, in: region) }
                let fewest = fitting.map { used[$0] }.min()!
                let chosen = rng.pick(fitting.filter { used[$0] == fewest })
                used[chosen] += 1
                specs.append(Assembly.Spec(region: region, place: place, sector: Sector.all[chosen], irregularity: nil))
            }
        }
        return specs
    }

    /// Declared conflicts: a former board member, a spouse employed by a member, a DLA adviser.
    private static func conflicts(of login: String, among dossiers: [Dossier]) -> [ConflictOfInterest] {
        func first(in region: String) -> Int { dossiers.first { $0.address.region.code == region }!.number }
        switch login {
        case "dnguyen":
            return [ConflictOfInterest(dossier: first(in: "53"), reason: "A siégé au conseil d’administration de la structure porteuse jusqu’en 2022.",
                                       recordedBy: "dnguyen")]
        case "amartin":
            return [ConflictOfInterest(dossier: first(in: "76"), reason: "Son conjoint est salarié d’une structure membre du pôle.",
                                       recordedBy: "presidence")]
        case "esilva":
            return [ConflictOfInterest(dossier: dossiers[12].number, reason: "A accompagné le pôle en 2022 au titre du dispositif local d’accompagnement.",
                                       recordedBy: "esilva")]
        default:
            return []
        }
    }
}
