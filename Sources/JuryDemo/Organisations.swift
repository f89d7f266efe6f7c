import JuryCore

/// The legal forms a PTCE takes, as the INSEE registry names them.
enum LegalForm: CaseIterable {
    case association, scicSAS, scicSA, sasCooperative, gip

    /// Relative frequency among candidates: most poles are associations or SCIC.
    var weight: Double {
        switch self {
        case .association: return 55
        case .scicSAS: return 24
        case .scicSA: return 6
        case .sasCooperative: return 6
        case .gip: return 9
        }
    }

    func label(in department: Department) -> String {
        switch self {
        case .association:
            return department.hasLocalAssociationLaw ? "Association de droit local (Alsace-Moselle)" : "Association loi 1901"
        case .scicSAS: return "SCIC SAS"
        case .scicSA: return "SCIC SA"
        case .sasCooperative: return "SAS coopérative"
        case .gip: return "Groupement d’intérêt public (GIP)"
        }
    }

    func raisonSociale(of pole: String) -> String {
        switch self {
        case .association: return pole
        case .scicSAS, .scicSA: return "SCIC " + pole
        case .sasCooperative: return "Coopérative " + pole
        case .gip: return "GIP " + pole
        }
    }

    /// First digit of the SIREN: public bodies start with 1 or 2, associations mostly with 7 or 8.
    var sirenFirstDigits: [Int] {
        switch self {
        case .association: return [4, 5, 7, 8]
        case .gip: return [1]
        case .scicSAS, .scicSA, .sasCooperative: return [5, 8, 9]
        }
    }
}

enum Identifiers {
    /// A SIRET whose SIREN (9 digits) and whole 14 digits both pass the Luhn check, as INSEE's do.
    static func siret(firstDigit: Int, rng: inout SeededGenerator) -> String {
        var digits = [firstDigit]
        for _ in 0..<7 { digits.append(rng.int(0...9)) }
        digits.append(luhnDigit(digits))
        digits += [0, 0, 0, rng.int(1...4)]
        digits.append(luhnDigit(digits))
        return String(decoding: digits.map { UInt8(48 + $0) }, as: UTF8.self)
    }

    /// RNA number: « W », the three-character code of the prefecture that registered the
    /// association (Corsica's « 2A »/« 2B » written « 20 »), then six digits.
    static func rna(department: Department, rng: inout SeededGenerator) -> String {
        let code = department.code.count == 3 ? department.code
            : department.code.replacingOccurrences(of: "A", with: "0").replacingOccurrences(of: "B", with: "0") + String(rng.int(1...4))
        return "W" + code + String(format: "%06d", rng.int(1...999_999))
    }

    /// The digit that makes `digits` followed by it pass the Luhn check.
    static func luhnDigit(_ digits: [Int]) -> Int {
        var sum = 0, double = true
        for digit in digits.reversed() {
            let value = double ? digit * 2 : digit
            sum += value > 9 ? value - 9 : value
            double.toggle()
        }
        return (10 - sum % 10) % 10
    }
}

/// The members of a pole: names by category, for a given place and filière.
enum Organisations {
    static let commonSurnames = ["Martin", "Bernard", "Dubois", "Durand", "Leroy", "Moreau", "Lefebvre", "Garcia", "Roux",
                           "Fournier", "Morel", "Girard", "Mercier", "Lambert", "Bonnet", "Legrand", "Garnier", "Faure",
                           "Rousseau", "Guérin", "Muller", "Roussel", "Perrin", "Morin", "Gauthier", "Dumas", "Fontaine",
                           "Chevalier", "Masson", "Lemaire", "Marchand", "Benali", "Da Silva", "Nguyen", "Diallo", "Le Gall",
                           "Etcheverry", "Ferrandi", "Schmitt", "Delattre"]

    /// Surnames common where the overseas poles are, by region code.
    static let overseasSurnames: [String: [String]] = [
        "01": ["Jean-Baptiste", "Alexis", "Bellance", "Théodose", "Lubin", "Zami", "Céleste", "Nicolas"],
        "02": ["Jean-Louis", "Saint-Aimé", "Joseph", "Bellemare", "Lordinot", "Rosine", "Éloi", "Marie-Sainte"],
        "03": ["Horth", "Jean-Charles", "Ho-A-Chuck", "Bois", "Linguet", "Tiouka", "Sabayo", "Mathurin"],
        "04": ["Payet", "Hoarau", "Grondin", "Técher", "Boyer", "Lebon", "Maillot", "Nativel"],
        "06": ["Madi", "Soilihi", "Attoumani", "Ahamada", "Boinali", "Ali", "Anli", "Hamada"],
    ]

    /// `count` distinct surnames, local ones first where the region has its own.
    static func surnames(_ count: Int, in region: RegionProfile, rng: inout SeededGenerator) -> [String] {
        let local = rng.sample(overseasSurnames[region.area.code] ?? [], count)
        return local + rng.sample(commonSurnames, count - local.count)
    }

    private static let genericESS: [@Sendable (Place) -> String] = [
        { "Coopérative d’activités et d’emploi \($0.of)" }, { _ in "SCOP Conseil & Territoires" },
        { "Entreprise adaptée Les Ateliers \($0.of)" }, { _ in "Association d’aide à domicile Le Trait d’Union" },
        { "Société coopérative Les Communs \($0.of)" },
    ]
    private static let genericTrades = ["Expertise comptable", "Imprimerie", "Assurances", "Travaux publics",
                                        "Commerce de gros", "Agence immobilière"]
    private static let associations: [@Sendable (Place) -> String] = [
        { "Mission locale \($0.of)" }, { "Centre social de \($0.commune)" }, { "Union des commerçants de \($0.commune)" },
        { "Collectif citoyen \($0.bare) en transition" }, { "Foyer rural de \($0.commune)" }, { "\($0.bare) Nature Environnement" },
        { "Comité de bassin d’emploi \($0.of)" }, { "Club d’entreprises \($0.of)" }, { "Maison de l’emploi \($0.of)" },
    ]
    private static let training: [@Sendable (Place) -> String] = [
        { _ in "Lycée professionnel Jean-Moulin" }, { _ in "Lycée professionnel Louise-Michel" }, { "GRETA \($0.of)" },
        { "Centre de formation d’apprentis \($0.of)" }, { "Maison familiale rurale de \($0.commune)" },
    ]
    private static let chambers: [@Sendable (Department) -> String] = [
        { "Chambre de métiers et de l’artisanat \($0.of)" }, { "Chambre d’agriculture \($0.of)" },
        { "Chambre de commerce et d’industrie \($0.of)" },
    ]

    static func authorities(_ place: Place) -> [String] {
        switch place.territory {
        case .rural: return ["Communauté de communes \(place.of)", "Commune de \(place.commune)", "Syndicat mixte \(place.of)"]
        case .mixte: return ["Communauté d’agglomération \(place.of)", "Ville de \(place.commune)", "Syndicat mixte \(place.of)"]
        case .urbain: return ["Ville de \(place.commune)", "Communauté d’agglomération \(place.of)",
                              "Centre communal d’action sociale de \(place.commune)"]
        }
    }

    /// `count` members that meet the composition floor (two ESS enterprises, one ordinary
    /// enterprise, one local authority at least), listed by category as the form asks.
    static func members(count: Int, place: Place, region: RegionProfile, sector: Sector,
                        rng: inout SeededGenerator) -> [Member] {
        let essPool = sector.essMembers + genericESS
        let research = ["Chaire ESS \(region.universityOf)", "Laboratoire de géographie sociale \(region.universityOf)"]

        // The floor (two ESS enterprises, one ordinary enterprise, one local authority), a few of
        // each other kind, trimmed for small poles; ordinary enterprises, whose names never run
        // out, make up the size.
        var wanted: [MemberCategory: Int] = [
            .entrepriseESS: min(essPool.count, 2 + rng.int(count / 5...count * 2 / 5)),
            .collectivite: rng.int(1...3),
            .recherche: count >= 9 && rng.chance(0.6) ? 1 : 0,
            .formation: rng.int(0...2),
            .autre: count >= 12 && rng.chance(0.5) ? 1 : 0,
            .association: min(associations.count, rng.int(count / 8...count / 4 + 1)),
        ]
        var placed = wanted.values.reduce(0, +)
        let trimOrder: [(MemberCategory, floor: Int)] = [(.association, 0), (.formation, 0), (.autre, 0), (.recherche, 0),
                                                         (.collectivite, 1), (.entrepriseESS, 2)]
        for (category, floor) in trimOrder {
            while placed > count - 1, let n = wanted[category], n > floor {
                wanted[category] = n - 1
                placed -= 1
            }
        }
        wanted[.entrepriseHorsESS] = count - placed

        var members: [Member] = []
        for category in MemberCategory.allCases {
            let n = wanted[category] ?? 0
            switch category {
            case .entrepriseESS:
                members += rng.sample(essPool, n).map {
                    Member(name: $0(place), category: category, siret: Identifiers.siret(firstDigit: rng.pick([4, 5, 7, 8]), rng: &rng))
                }
            case .entrepriseHorsESS:
                let trades = sector.trades + genericTrades
                members += surnames(n, in: region, rng: &rng).map { surname in
                    let name = "\(rng.pick(trades)) \(surname)\(rng.pick(["", " SARL", " SAS"]))"
                    return Member(name: name, category: category, siret: Identifiers.siret(firstDigit: rng.pick([3, 4, 5, 8, 9]), rng: &rng))
                }
            case .collectivite:
                members += rng.sample(authorities(place), n).map {
                    Member(name: $0, category: category, siret: Identifiers.siret(firstDigit: 2, rng: &rng))
                }
            case .recherche:
                members += rng.sample(research, n).map { Member(name: $0, category: category) }
            case .formation:
                members += rng.sample(training, n).map { Member(name: $0(place), category: category) }
            case .association:
                members += rng.sample(associations, n).map { Member(name: $0(place), category: category) }
            case .autre:
                members += rng.sample(chambers, n).map { Member(name: $0(place.department), category: category) }
            }
        }
        return members
    }
}
