import JuryCore

/// Interface labels of the core's values, in both languages.
extension Language {
    func label(_ category: MemberCategory) -> String {
        switch category {
        case .entrepriseESS: return pick("Entreprise de l’ESS", "Social-economy enterprise")
        case .entrepriseHorsESS: return pick("Entreprise hors ESS", "Enterprise outside the ESS")
        case .collectivite: return pick("Collectivité territoriale", "Local authority")
        case .recherche: return pick("Recherche", "Research")
        case .formation: return pick("Formation", "Training")
        case .association: return pick("Association", "Association")
        case .autre: return pick("Autre", "Other")
        }
    }

    func label(_ progress: ReviewProgress) -> String {
        switch progress {
        case .toScore: return pick("à noter", "to score")
        case .draft: return pick("brouillon", "draft")
        case .submitted: return pick("soumis", "submitted")
        }
    }

    func label(_ recommendation: Recommendation) -> String {
        switch recommendation {
        case .favorable: return pick("favorable", "favourable")
        case .reserve: return pick("réservé", "reserved")
        case .defavorable: return pick("défavorable", "unfavourable")
        }
    }

    func label(_ territory: TerritoryType) -> String {
        switch territory {
        case .rural: return pick("rural", "rural")
        case .urbain: return pick("urbain", "urban")
        case .mixte: return pick("mixte", "mixed")
        }
    }

    func label(_ state: FilingState) -> String {
        switch state {
        case .enConstruction: return pick("En construction", "Being drafted")
        case .enInstruction: return pick("En instruction", "Under review")
        case .accepte: return pick("Accepté", "Accepted")
        case .refuse: return pick("Refusé", "Refused")
        case .sansSuite: return pick("Classé sans suite", "Closed without action")
        }
    }

    func label(_ section: NarrativeSection) -> String {
        switch section {
        case .presentation: return pick("Présentation", "Presentation")
        case .cooperation: return pick("Coopération et gouvernance", "Cooperation and governance")
        case .economicModel: return pick("Modèle économique", "Economic model")
        case .animation: return pick("Programme d’animation", "Animation programme")
        case .impact: return pick("Impact et emplois", "Impact and jobs")
        case .scaling: return pick("Changement d’échelle", "Scaling up")
        }
    }

    func label(_ sort: ListSort) -> String {
        switch sort {
        case .number: return pick("n°", "number")
        case .name: return pick("nom", "name")
        case .region: return pick("région", "region")
        case .status: return pick("statut", "status")
        case .total: return pick("ma note", "my score")
        }
    }

    func label(_ criterion: Criterion) -> String { self == .fr ? criterion.label : criterion.labelEn ?? criterion.label }

    /// "1 dossier", "2 dossiers": French keeps the singular for 0 and 1, English for 1 only.
    func count(_ n: Int, _ fr: (one: String, many: String), _ en: (one: String, many: String)) -> String {
        "\(n) " + (self == .fr ? (n < 2 ? fr.one : fr.many) : (n == 1 ? en.one : en.many))
    }

    func dossiers(_ n: Int) -> String { count(n, ("dossier", "dossiers"), ("dossier", "dossiers")) }

    /// "3,45" in French, "3.45" in English.
    func decimal(_ value: Double, digits: Int = 2) -> String { Decimal2.format(value, digits: digits, language: self) }

    /// A count without needless decimals: "12" rather than "12,0", "2,5" otherwise.
    func quantity(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : decimal(value, digits: 1)
    }

    /// Attachment sizes as French users read them: "850 o", "340 Ko", "1,2 Mo".
    func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) " + pick("o", "B") }
        if bytes < 1024 * 1024 { return "\((bytes + 512) / 1024) " + pick("Ko", "KB") }
        return decimal(Double(bytes) / 1_048_576, digits: 1) + " " + pick("Mo", "MB")
    }

    /// What prevents a submission, named as the reviewer sees it.
    func describe(_ gap: SheetGap, grid: [Criterion]) -> String {
        switch gap {
        case .value(let key): return grid.first { $0.key == key }.map(label) ?? key
        case .recommendation: return pick("recommandation", "recommendation")
        }
    }

    func describe(_ error: SheetEditError, grid: [Criterion]) -> String {
        switch error {
        case let .outOfScale(key, value, min, max):
            let name = grid.first { $0.key == key }.map(label) ?? key
            return pick("\(value) hors de l’échelle \(min)–\(max) de « \(name) »",
                        "\(value) is off the \(min)–\(max) scale of “\(name)”")
        case let .unknownCriterion(key, _):
            return pick("critère inconnu : \(key)", "unknown criterion: \(key)")
        case .submittedSheetIsLocked:
            return pick("fiche soumise : r pour la rouvrir", "submitted sheet: r to reopen it")
        case .incomplete(let gaps):
            return pick("Fiche incomplète, il manque : ", "Incomplete sheet, missing: ")
                + gaps.map { describe($0, grid: grid) }.joined(separator: ", ")
        }
    }
}
