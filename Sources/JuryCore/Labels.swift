/// How domain values are named to people, in both interface languages. One place, so that
/// the console, the headless commands and the exports always say the same thing.
public enum Labels {
    public static func progress(_ progress: ReviewProgress, _ language: Language) -> String {
        switch progress {
        case .toScore: return language.pick("à noter", "to score")
        case .draft: return language.pick("brouillon", "draft")
        case .submitted: return language.pick("soumis", "submitted")
        }
    }

    public static func recommendation(_ value: Recommendation, _ language: Language) -> String {
        switch value {
        case .favorable: return language.pick("favorable", "favourable")
        case .reserve: return language.pick("réservé", "reserved")
        case .defavorable: return language.pick("défavorable", "unfavourable")
        }
    }

    public static func eligibility(_ verdict: EligibilityVerdict, _ language: Language) -> String {
        verdict.isEligible ? language.pick("éligible", "eligible") : language.pick("non éligible", "not eligible")
    }

    /// A weighted total on the grid's scale ("3,45"), or a dash when nothing is scored.
    public static func total(_ value: Double?, _ language: Language) -> String {
        value.map { Decimal2.format($0, language: language) } ?? "—"
    }

    public static func memberCategory(_ category: MemberCategory, _ language: Language) -> String {
        switch category {
        case .entrepriseESS: return language.pick("Entreprise de l’ESS", "Social-economy enterprise")
        case .entrepriseHorsESS: return language.pick("Entreprise hors ESS", "Enterprise outside the ESS")
        case .collectivite: return language.pick("Collectivité territoriale", "Local authority")
        case .recherche: return language.pick("Recherche", "Research")
        case .formation: return language.pick("Formation", "Training")
        case .association: return language.pick("Association", "Association")
        case .autre: return language.pick("Autre", "Other")
        }
    }

    public static func territory(_ territory: TerritoryType, _ language: Language) -> String {
        switch territory {
        case .rural: return language.pick("rural", "rural")
        case .urbain: return language.pick("urbain", "urban")
        case .mixte: return language.pick("mixte", "mixed")
        }
    }

    public static func filingState(_ state: FilingState, _ language: Language) -> String {
        switch state {
        case .enConstruction: return language.pick("En construction", "Being drafted")
        case .enInstruction: return language.pick("En instruction", "Under review")
        case .accepte: return language.pick("Accepté", "Accepted")
        case .refuse: return language.pick("Refusé", "Refused")
        case .sansSuite: return language.pick("Classé sans suite", "Closed without action")
        }
    }

    public static func section(_ section: NarrativeSection, _ language: Language) -> String {
        switch section {
        case .presentation: return language.pick("Présentation", "Presentation")
        case .cooperation: return language.pick("Coopération et gouvernance", "Cooperation and governance")
        case .economicModel: return language.pick("Modèle économique", "Economic model")
        case .animation: return language.pick("Programme d’animation", "Animation programme")
        case .impact: return language.pick("Impact et emplois", "Impact and jobs")
        case .scaling: return language.pick("Changement d’échelle", "Scaling up")
        }
    }

    public static func role(_ role: JuryRole, _ language: Language) -> String {
        switch role {
        case .reviewer: return language.pick("rapporteur", "reviewer")
        case .chair: return language.pick("présidence", "chair")
        }
    }

    public static func criterion(_ criterion: Criterion, _ language: Language) -> String {
        language == .en ? (criterion.labelEn ?? criterion.label) : criterion.label
    }

    /// Attachment sizes as French users read them: « 850 o », « 340 Ko », « 1,2 Mo ».
    public static func fileSize(_ bytes: Int, _ language: Language) -> String {
        if bytes < 1024 { return "\(bytes) " + language.pick("o", "B") }
        if bytes < 1024 * 1024 { return "\((bytes + 512) / 1024) " + language.pick("Ko", "KB") }
        return Decimal2.format(Double(bytes) / 1_048_576, digits: 1, language: language) + " " + language.pick("Mo", "MB")
    }
}
