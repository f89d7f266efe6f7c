import Foundation

/// The verdict on a dossier's eligibility, with one line per rule a person can read.
public struct EligibilityVerdict: Sendable, Equatable {
    public var checks: [EligibilityCheck]
    public var isEligible: Bool { checks.allSatisfy(\.passed) }
    public var failures: [EligibilityCheck] { checks.filter { !$0.passed } }
}

public struct EligibilityCheck: Sendable, Equatable {
    public var rule: EligibilityRule
    public var passed: Bool
    /// Why, in French and English, with the figures that decided it.
    public var reason: Localized
}

public enum EligibilityRule: String, Sendable, CaseIterable {
    case composition = "composition"
    case phase1Laureate = "laureat-phase-1"
    case amountRequested = "montant-demande"
    case filedInTime = "depot-dans-les-delais"
}

public enum Eligibility {
    public static func evaluate(_ dossier: Dossier, in campaign: Campaign) -> EligibilityVerdict {
        EligibilityVerdict(checks: [
            composition(dossier),
            phase1(dossier),
            amount(dossier, grant: campaign.funding.grantPerLaureate),
            filing(dossier, closing: campaign.call.closing),
        ])
    }

    /// Décret n° 2015-431: at least 3 legal persons, including one ESS enterprise, one enterprise
    /// outside the ESS and one other actor named by article 9 of the law of 31 July 2014.
    static func composition(_ dossier: Dossier) -> EligibilityCheck {
        let members = dossier.members
        let ess = members.filter { $0.category == .entrepriseESS }.count
        let horsESS = members.filter { $0.category == .entrepriseHorsESS }.count
        let others = members.filter { $0.category.isOtherActor }.count
        var missing: [Localized] = []
        if members.count < 3 { missing.append(Localized(.eligibilityTooFewMembers, ["members": members.count])) }
        if ess == 0 { missing.append(Localized(.eligibilityNoESSEnterprise)) }
        if horsESS == 0 { missing.append(Localized(.eligibilityNoEnterpriseOutsideESS)) }
        if others == 0 { missing.append(Localized(.eligibilityNoOtherActor)) }
        if missing.isEmpty {
            return EligibilityCheck(rule: .composition, passed: true, reason: Localized(.eligibilityCompositionMeetsTheDecree,
                ["members": members.count, "ess": ess, "outsideESS": horsESS, "others": others]))
        }
        return EligibilityCheck(rule: .composition, passed: false, reason: Localized { l in
            l.text(.eligibilityCompositionMisses, ["missing": missing.map { $0.text(l) }.joined(separator: ", ")])
        })
    }

    static func phase1(_ dossier: Dossier) -> EligibilityCheck {
        if let year = dossier.phase1Year {
            return EligibilityCheck(rule: .phase1Laureate, passed: true, reason: Localized(.eligibilityPhase1LaureateOf, ["year": year]))
        }
        return EligibilityCheck(rule: .phase1Laureate, passed: false, reason: Localized(.eligibilityNotAPhase1Laureate))
    }

    static func amount(_ dossier: Dossier, grant: Int) -> EligibilityCheck {
        let asked = Money.format(dossier.budget.requested), cap = Money.format(grant)
        if dossier.budget.requested <= grant {
            return EligibilityCheck(rule: .amountRequested, passed: true, reason: Localized(.eligibilityAmountWithinTheGrant, ["asked": asked, "cap": cap]))
        }
        return EligibilityCheck(rule: .amountRequested, passed: false, reason: Localized(.eligibilityAmountExceedsTheGrant, ["asked": asked, "cap": cap]))
    }

    static func filing(_ dossier: Dossier, closing: Instant) -> EligibilityCheck {
        guard let filed = dossier.filedAt else {
            return EligibilityCheck(rule: .filedInTime, passed: false, reason: Localized(.eligibilityNotFiled))
        }
        let when = DateText.paris(filed.date)
        if filed <= closing {
            return EligibilityCheck(rule: .filedInTime, passed: true, reason: Localized(.eligibilityFiledBeforeTheClosing, ["filed": when]))
        }
        return EligibilityCheck(rule: .filedInTime, passed: false, reason: Localized(.eligibilityFiledAfterTheClosing, ["filed": when, "closing": DateText.paris(closing.date)]))
    }
}
