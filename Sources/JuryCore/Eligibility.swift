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
        var missingFr: [String] = [], missingEn: [String] = []
        if members.count < 3 {
            missingFr.append("\(members.count) membre(s) au lieu d’au moins 3")
            missingEn.append("\(members.count) member(s) instead of at least 3")
        }
        if ess == 0 { missingFr.append("aucune entreprise de l’ESS"); missingEn.append("no social-economy enterprise") }
        if horsESS == 0 { missingFr.append("aucune entreprise hors ESS"); missingEn.append("no enterprise outside the social economy") }
        if others == 0 {
            missingFr.append("aucun autre acteur (collectivité, recherche, formation, association…)")
            missingEn.append("no other actor (local authority, research, training, association…)")
        }
        let counts = "\(members.count) membres : \(ess) ESS, \(horsESS) hors ESS, \(others) autres acteurs"
        let countsEn = "\(members.count) members: \(ess) social economy, \(horsESS) other enterprises, \(others) other actors"
        if missingFr.isEmpty {
            return EligibilityCheck(rule: .composition, passed: true, reason: Localized(
                fr: "Composition conforme au décret 2015-431 (\(counts))",
                en: "Composition meets decree 2015-431 (\(countsEn))"))
        }
        return EligibilityCheck(rule: .composition, passed: false, reason: Localized(
            fr: "Composition non conforme au décret 2015-431 : " + missingFr.joined(separator: ", "),
            en: "Composition does not meet decree 2015-431: " + missingEn.joined(separator: ", ")))
    }

    static func phase1(_ dossier: Dossier) -> EligibilityCheck {
        if let year = dossier.phase1Year {
            return EligibilityCheck(rule: .phase1Laureate, passed: true, reason: Localized(
                fr: "Lauréat de la phase 1 (\(year))", en: "Phase-1 laureate (\(year))"))
        }
        return EligibilityCheck(rule: .phase1Laureate, passed: false, reason: Localized(
            fr: "N’est pas lauréat de la phase 1 de l’AMI", en: "Not a laureate of phase 1 of the call"))
    }

    static func amount(_ dossier: Dossier, grant: Int) -> EligibilityCheck {
        let asked = Money.format(dossier.budget.requested), cap = Money.format(grant)
        if dossier.budget.requested <= grant {
            return EligibilityCheck(rule: .amountRequested, passed: true, reason: Localized(
                fr: "Montant demandé \(asked) ≤ \(cap)", en: "Amount requested \(asked) ≤ \(cap)"))
        }
        return EligibilityCheck(rule: .amountRequested, passed: false, reason: Localized(
            fr: "Montant demandé \(asked) supérieur à la subvention de \(cap)",
            en: "Amount requested \(asked) exceeds the \(cap) grant"))
    }

    static func filing(_ dossier: Dossier, closing: Instant) -> EligibilityCheck {
        guard let filed = dossier.filedAt else {
            return EligibilityCheck(rule: .filedInTime, passed: false, reason: Localized(
                fr: "Dossier non déposé (en construction)", en: "Dossier not filed (still being drafted)"))
        }
        let when = DateText.paris(filed.date)
        if filed <= closing {
            return EligibilityCheck(rule: .filedInTime, passed: true, reason: Localized(
                fr: "Déposé le \(when), avant la clôture", en: "Filed on \(when), before the closing time"))
        }
        return EligibilityCheck(rule: .filedInTime, passed: false, reason: Localized(
            fr: "Déposé le \(when), après la clôture du \(DateText.paris(closing.date))",
            en: "Filed on \(when), after the closing time of \(DateText.paris(closing.date))"))
    }
}
