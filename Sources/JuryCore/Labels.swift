/// How domain values are named to people, in both interface languages. One place, so that
/// the console, the headless commands and the exports always say the same thing.
public enum Labels {
    public static func progress(_ progress: ReviewProgress, _ language: Language) -> String {
        switch progress {
        case .toScore: return language.text(.toScore)
        case .draft: return language.text(.draft)
        case .submitted: return language.text(.submittedLowercase)
        }
    }

    public static func recommendation(_ value: Recommendation, _ language: Language) -> String {
        switch value {
        case .favorable: return language.text(.favourable)
        case .reserve: return language.text(.reserved)
        case .defavorable: return language.text(.unfavourable)
        }
    }

    public static func eligibility(_ verdict: EligibilityVerdict, _ language: Language) -> String {
        verdict.isEligible ? language.text(.eligibleLowercase) : language.text(.notEligible)
    }

    /// A weighted total on the grid's scale ("3,45"), or a dash when nothing is scored.
    public static func total(_ value: Double?, _ language: Language) -> String {
        value.map { Decimal2.format($0, language: language) } ?? "—"
    }

    public static func memberCategory(_ category: MemberCategory, _ language: Language) -> String {
        switch category {
        case .entrepriseESS: return language.text(.socialEconomyEnterprise)
        case .entrepriseHorsESS: return language.text(.enterpriseOutsideTheESS)
        case .collectivite: return language.text(.localAuthority)
        case .recherche: return language.text(.research)
        case .formation: return language.text(.training)
        case .association: return language.text(.association)
        case .autre: return language.text(.other)
        }
    }

    public static func territory(_ territory: TerritoryType, _ language: Language) -> String {
        switch territory {
        case .rural: return language.text(.rural)
        case .urbain: return language.text(.urban)
        case .mixte: return language.text(.mixed)
        }
    }

    public static func filingState(_ state: FilingState, _ language: Language) -> String {
        switch state {
        case .enConstruction: return language.text(.beingDrafted)
        case .enInstruction: return language.text(.underReview)
        case .accepte: return language.text(.accepted)
        case .refuse: return language.text(.refused)
        case .sansSuite: return language.text(.closedWithoutAction)
        }
    }

    public static func section(_ section: NarrativeSection, _ language: Language) -> String {
        switch section {
        case .presentation: return language.text(.presentation)
        case .cooperation: return language.text(.cooperationAndGovernance)
        case .economicModel: return language.text(.economicModel)
        case .animation: return language.text(.animationProgramme)
        case .impact: return language.text(.impactAndJobs)
        case .scaling: return language.text(.scalingUp)
        }
    }

    public static func role(_ role: JuryRole, _ language: Language) -> String {
        switch role {
        case .reviewer: return language.text(.reviewer)
        case .chair: return language.text(.chair)
        }
    }

    public static func criterion(_ criterion: Criterion, _ language: Language) -> String {
        language == .en ? (criterion.labelEn ?? criterion.label) : criterion.label
    }

    /// Attachment sizes as French users read them: « 850 o », « 340 Ko », « 1,2 Mo ».
    public static func fileSize(_ bytes: Int, _ language: Language) -> String {
        if bytes < 1024 { return "\(bytes) " + language.text(.b) }
        if bytes < 1024 * 1024 { return "\((bytes + 512) / 1024) " + language.text(.kb) }
        return Decimal2.format(Double(bytes) / 1_048_576, digits: 1, language: language) + " " + language.text(.mb)
    }
}
