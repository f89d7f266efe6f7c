import Foundation
import JuryCore
@testable import JuryConsole

/// A small campaign built in code, stable for golden files: six dossiers I may see (one of them
/// hostile), one hidden by a conflict of interest, one submitted sheet and one draft.
enum Fixture {
    static let now = Instant("2023-10-02T10:00:00+02:00")!
    static let me = "mdupont"

    static let levels = [Level(value: 1, label: "Insuffisant"), Level(value: 2, label: "Faible"),
                         Level(value: 3, label: "Correct"), Level(value: 4, label: "Bon"),
                         Level(value: 5, label: "Excellent")]

    static let campaign = Campaign(
        title: "AMI PTCE phase 2 — 2023",
        call: CallPeriod(opening: Instant("2023-06-01T00:00:00+02:00")!, closing: Instant("2023-07-31T12:00:00+02:00")!),
        funding: Funding(slots: 15, grantPerLaureate: 100_000, durationMonths: 24, totalBudget: 1_500_000),
        criteria: [
            Criterion(key: "maturite", label: "Maturité de la coopération", labelEn: "Maturity of the cooperation",
                      description: "Ancienneté et solidité des liens entre les membres, projets déjà menés ensemble.",
                      weight: 2, scale: Scale(min: 1, max: 5, levels: levels)),
            Criterion(key: "gouvernance", label: "Gouvernance partagée", labelEn: "Shared governance",
                      description: "Place des membres dans les décisions, instances, règles écrites.",
                      weight: 1.5, scale: Scale(min: 1, max: 5, levels: levels)),
            Criterion(key: "ancrage", label: "Ancrage territorial", labelEn: "Territorial anchoring",
                      description: "Lien avec les acteurs et les besoins du territoire.",
                      weight: 1, scale: Scale(min: 1, max: 5, levels: levels)),
            Criterion(key: "modele", label: "Modèle économique", labelEn: "Economic model",
                      description: "Autofinancement, diversité des ressources, perspectives après la subvention de l’État, "
                        + "part des recettes propres dans le budget et solidité des cofinancements annoncés.",
                      weight: 2, scale: Scale(min: 1, max: 5, levels: levels)),
            Criterion(key: "impact", label: "Impact et emplois", labelEn: "Impact and jobs",
                      description: "Emplois locaux non délocalisables, effets sur le développement durable.",
                      weight: 1, scale: Scale(min: 1, max: 5, levels: levels)),
        ],
        constraints: AllocationConstraints(maxPerRegion: 3, minOverseas: 1))

    static let jury = Jury(members: [
        JuryMember(login: "mdupont", name: "Marie Dupont", role: .reviewer,
                   conflicts: [ConflictOfInterest(dossier: 1007, reason: "administratrice de la structure")]),
        JuryMember(login: "jmartin", name: "Jean Martin", role: .chair),
    ])

    static func region(_ code: String) -> Area { Regions.named(code: code)! }

    static func dossier(_ number: Int, _ name: String, commune: String, code: String, department: Area, region: Area,
                        sector: String, members: [Member], requested: Int = 100_000, phase1: Int? = 2021,
                        filed: String? = "2023-07-28T16:42:00+02:00", narrative: Narrative? = nil,
                        legalForm: String = "Association loi 1901", rna: String? = "W442001234") -> Dossier {
        Dossier(
            number: number, name: name,
            structure: CarryingStructure(raisonSociale: "Association " + name, siret: "4421\(number)00017",
                                         legalForm: legalForm, rna: rna),
            address: Address(commune: commune, communeCode: code, department: department, region: region),
            territory: .rural, creationYear: 2016, phase1Year: phase1, sector: sector, members: members,
            jobs: 4.5, budget: Budget(total: 250_000, requested: requested, cofinancing: [
                CofinancingLine(source: "Conseil régional", amount: 60_000),
                CofinancingLine(source: "Communauté de communes", amount: 40_000),
                CofinancingLine(source: "Fonds propres des membres", amount: 50_000),
            ]),
            narrative: narrative ?? Narrative(
                presentation: "Le pôle réunit des entreprises de l’économie sociale et solidaire, des entreprises "
                    + "classiques et des collectivités autour de \(sector.lowercased()).\nIl est né en 2016 d’un premier "
                    + "projet de recyclerie partagée.",
                cooperation: "Un comité de pilotage mensuel réunit les membres ; une charte écrite fixe les règles de "
                    + "décision et la répartition des voix.",
                economicModel: "Les recettes propres couvrent 35 % du budget ; l’objectif est d’atteindre 50 % en 2026.",
                animation: "Une animatrice à temps plein coordonne les groupes de travail et organise quatre "
                    + "rencontres par an ouvertes au territoire.",
                impact: "Douze emplois locaux non délocalisables créés depuis 2019, dont six en insertion.",
                scaling: "Essaimer la démarche dans deux intercommunalités voisines."),
            attachments: [Attachment(name: "statuts.pdf", size: 348_160), Attachment(name: "budget-previsionnel.xlsx", size: 1_258_291),
                          Attachment(name: "lettre.txt", size: 900)],
            state: .enInstruction, filedAt: filed.flatMap(Instant.init))
    }

    static let fullMembers = [
        Member(name: "Recyclerie du Pays", category: .entrepriseESS, siret: "81234567800012"),
        Member(name: "Transports Lebrun SARL", category: .entrepriseHorsESS, siret: "39876543200021"),
        Member(name: "Communauté de communes du Pays", category: .collectivite),
        Member(name: "Lycée agricole", category: .formation),
    ]

    /// Escape sequences, bidi overrides, a 300-character word, CJK, emoji and combining accents.
    static func hostile(_ number: Int) -> Dossier {
        let longWord = String(repeating: "anticonstitutionnellement", count: 12)
        return dossier(number, "\u{1B}[31mPTCE\u{1B}[0m \u{202E}Évasion\u{202C} 日本語 🚀 e\u{301}cole\u{7}",
                       commune: "Saint-Denis\u{1B}]0;pwned\u{7}", code: "93066",
                       department: Area(code: "93", name: "Seine-Saint-Denis"), region: region("11"),
                       sector: "Numérique\u{9B}2J responsable", members: fullMembers + [
                           Member(name: "東京協同組合 🤝", category: .autre),
                           Member(name: "Cafe\u{301} Solidaire\u{202E}", category: .association),
                       ],
                       narrative: Narrative(
                        presentation: "Texte avec \u{1B}[2J effacement et \u{202E}inversion\u{202C}.\n" + longWord,
                        cooperation: "日本語のテキストと絵文字 🎉👩‍👩‍👧 mêlés à du français accentué : e\u{301}te\u{301}.",
                        economicModel: "", animation: "Ligne\u{0}avec\u{8}contrôles\u{7F}.", impact: "🚀🚀🚀",
                        scaling: "Fin."))
    }

    static let dossiers: [Dossier] = [
        dossier(1001, "Pôle Coopératif du Pays de Redon", commune: "Redon", code: "35236",
                department: Area(code: "35", name: "Ille-et-Vilaine"), region: region("53"),
                sector: "Réemploi et économie circulaire", members: fullMembers),
        dossier(1002, "Territoires Solidaires d’Alsace", commune: "Strasbourg", code: "67482",
                department: Area(code: "67", name: "Bas-Rhin"), region: region("44"),
                sector: "Alimentation durable", members: fullMembers, legalForm: "SCIC SAS", rna: nil),
        dossier(1003, "Écopôle Œuvres Communes", commune: "Périgueux", code: "24322",
                department: Area(code: "24", name: "Dordogne"), region: region("75"),
                sector: "Mobilité", members: Array(fullMembers.prefix(2))),
        dossier(1004, "La Fabrique des Hauts", commune: "Roubaix", code: "59512",
                department: Area(code: "59", name: "Nord"), region: region("32"),
                sector: "Réemploi et économie circulaire", members: fullMembers, requested: 150_000,
                filed: "2023-07-31T14:05:00+02:00"),
        dossier(1005, "Réunion Agro Coop", commune: "Saint-Pierre", code: "97416",
                department: Area(code: "974", name: "La Réunion"), region: region("04"),
                sector: "Alimentation durable", members: fullMembers, phase1: 2022),
        hostile(1006),
        dossier(1007, "Pôle Caché", commune: "Nantes", code: "44109",
                department: Area(code: "44", name: "Loire-Atlantique"), region: region("52"),
                sector: "Mobilité", members: fullMembers),
    ]

    static var sheets: [Int: ScoreSheet] {
        var submitted = ScoreSheet(dossier: 1001, reviewer: me, at: Instant("2023-09-20T09:00:00+02:00")!)
        submitted.values = ["maturite": 4, "gouvernance": 3, "ancrage": 5, "modele": 3, "impact": 4]
        submitted.comments = ["maturite": "Coopération ancienne et solide."]
        submitted.overall = "Dossier solide."
        submitted.recommendation = .favorable
        submitted.status = .submitted
        submitted.submittedAt = Instant("2023-09-21T17:30:00+02:00")!
        var draft = ScoreSheet(dossier: 1002, reviewer: me, at: Instant("2023-09-25T09:00:00+02:00")!)
        draft.values = ["maturite": 3, "ancrage": 4]
        draft.comments = ["ancrage": "Bon lien avec l’Eurométropole.\nÀ confirmer."]
        return [1001: submitted, 1002: draft]
    }

    static func data(_ language: Language = .fr, dossiers: [Dossier] = dossiers) -> ConsoleData {
        ConsoleData(campaign: campaign, jury: jury, dossiers: dossiers, me: me, sheets: sheets, language: language)
    }

    static func state(_ language: Language = .fr, rows: Int = 24, columns: Int = 80) -> ConsoleState {
        ConsoleState(data: data(language), rows: rows, columns: columns, now: now)
    }

    /// Many dossiers, numbered from 2001, for paging and for checking the search against a plain scan.
    static func many(_ count: Int) -> [Dossier] {
        let regions = Regions.all
        let sectors = ["Mobilité", "Alimentation durable", "Réemploi", "Numérique responsable", "Énergie"]
        return (0..<count).map { i in
            let words = ["coopération", "œuvre", "insertion", "recyclerie", "mobilité", "énergie", "forêt", "littoral"]
            var d = dossier(2001 + i, "Pôle \(words[i % words.count]) \(i)", commune: "Commune \(i % 97)", code: "00000",
                            department: Area(code: "01", name: "Ain"), region: regions[i % regions.count],
                            sector: sectors[i % sectors.count], members: fullMembers)
            d.narrative.impact = "Projet \(words[(i * 7) % words.count]) et \(words[(i * 3) % words.count]) numéro \(i)."
            return d
        }
    }
}

extension ConsoleState {
    /// Presses keys in order and returns every effect they asked for.
    @discardableResult
    mutating func press(_ keys: Key...) -> [ConsoleEffect] {
        keys.flatMap { update(&self, .key($0)) }
    }

    /// Types text one grapheme at a time, as a terminal would send it.
    @discardableResult
    mutating func type(_ text: String) -> [ConsoleEffect] {
        text.flatMap { update(&self, .key(.character($0))) }
    }

    /// Types each Unicode scalar as its own key (a combining accent after its letter).
    @discardableResult
    mutating func typeScalars(_ text: String) -> [ConsoleEffect] {
        text.unicodeScalars.flatMap { update(&self, .key(.character(Character($0)))) }
    }

    func screenText() -> String {
        let surface = MemorySurface(rows: rows, columns: columns)
        render(self, on: surface)
        return surface.text()
    }
}

extension Array where Element == ConsoleEffect {
    var saves: [ScoreSheet] {
        compactMap { if case .save(let sheet) = $0 { return sheet } else { return nil } }
    }
}
