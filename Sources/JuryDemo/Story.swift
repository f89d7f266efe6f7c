import JuryCore

/// Everything known about one pole before its narrative is written, so that every section
/// tells the same story (same members, same figures, same activities, none repeated).
struct Story {
    let name: String
    let form: LegalForm
    let place: Place
    let region: RegionProfile
    let sector: Sector
    let created: Int
    let phase1: Int?
    let members: [Member]
    let jobs: Double
    let budget: Budget
    /// 1 (small pole) … 5 (large pole): scales the figures quoted in the text.
    let size: Int
    /// The sector's activities, pooled means and scaling projects, in this pole's own order.
    let activities: [String]
    let pooled: [String]
    let scaling: [String]
    let coordinator: String
    let coordinatorIsWoman: Bool
    /// Year the pole hired its coordinator.
    let coordinatorSince: Int

    func names(_ category: MemberCategory) -> [String] { members.filter { $0.category == category }.map(\.name) }

    /// The members the text names as examples: the first ESS enterprise, an ordinary enterprise
    /// (or whoever stands in for one when the pole has none) and a local authority.
    var essExample: String { names(.entrepriseESS).first ?? members[0].name }
    var partnerExample: String {
        names(.entrepriseHorsESS).first ?? members.first { $0.category.isOtherActor }?.name ?? members[members.count - 1].name
    }
    var authorityExample: String? { names(.collectivite).first }

    var founders: [String] {
        var seen = Set<String>()
        return [essExample, partnerExample, authorityExample].compactMap { $0 }.filter { seen.insert($0).inserted }
    }

    var coordinatorTitle: String { coordinatorIsWoman ? "coordinatrice" : "coordinateur" }

    var selfFinancing: Int {
        budget.cofinancing.filter { $0.source.hasPrefix(Financing.selfFinancingPrefix) }.reduce(0) { $0 + $1.amount }
    }

    /// « dix-huit membres : sept entreprises de l’économie sociale et solidaire, … ».
    var composition: String {
        var counts = [MemberCategory: Int]()
        for member in members { counts[member.category, default: 0] += 1 }
        let listed: [String] = Story.categoryNouns.compactMap { category, singular, plural, feminine in
            guard let count = counts[category] else { return nil }
            return Phrase.count(count, singular, plural, feminine: feminine)
        }
        return Phrase.count(members.count, "membre", "membres") + " : " + Phrase.list(listed)
    }

    private static let categoryNouns: [(MemberCategory, String, String, Bool)] = [
        (.entrepriseESS, "entreprise de l’économie sociale et solidaire", "entreprises de l’économie sociale et solidaire", true),
        (.entrepriseHorsESS, "entreprise hors ESS", "entreprises hors ESS", true),
        (.collectivite, "collectivité", "collectivités", true),
        (.recherche, "laboratoire de recherche", "laboratoires de recherche", false),
        (.formation, "organisme de formation", "organismes de formation", false),
        (.association, "association", "associations", true),
        (.autre, "chambre consulaire", "chambres consulaires", true),
    ]
}
