/// How the deliberation is worded, in both interface languages: the board, the commands and the
/// exports all say the same thing.
extension Labels {
    public static func method(_ method: RankingMethod, _ l: Language) -> String {
        switch method {
        case .mean: return l.pick("moyenne", "mean")
        case .median: return l.pick("médiane", "median")
        case .zscore: return l.pick("z-score (notes recentrées par membre)", "z-score (scores re-centred per member)")
        case .bias: return l.pick("modèle de biais", "bias model")
        }
    }

    /// A column heading: « Moy. », « Méd. », « z », « Biais ».
    public static func methodShort(_ method: RankingMethod, _ l: Language) -> String {
        switch method {
        case .mean: return l.pick("Moy.", "Mean")
        case .median: return l.pick("Méd.", "Med.")
        case .zscore: return "z"
        case .bias: return l.pick("Biais", "Bias")
        }
    }

    /// Nil: nothing decided yet.
    public static func decision(_ decision: Decision?, _ l: Language) -> String {
        switch decision {
        case nil: return l.pick("à décider", "undecided")
        case .laureate?: return l.pick("lauréat", "laureate")
        case .waitlist?: return l.pick("liste complémentaire", "waitlist")
        case .notSelected?: return l.pick("non retenu", "not selected")
        }
    }

    public static func tieRule(_ rule: TieBreakRule, _ l: Language) -> String {
        switch rule {
        case .higherMedian: return l.pick("médiane la plus haute", "higher median")
        case .lowerDisagreement: return l.pick("désaccord le plus faible", "lower disagreement")
        case .moreSheets: return l.pick("plus de fiches soumises", "more sheets submitted")
        case .recordedDraw: return l.pick("tirage au sort consigné", "recorded draw")
        }
    }

    public static func tiePolicy(_ rules: [TieBreakRule], seed: Int, _ l: Language) -> String {
        rules.map { rule in tieRule(rule, l) + (rule == .recordedDraw ? l.pick(" (graine \(seed))", " (seed \(seed))") : "") }
            .joined(separator: ", ") + l.pick(", puis le numéro", ", then the number")
    }

    public static func tie(_ tie: Tie, _ l: Language) -> String {
        let rule = tie.decidedBy.map { tieRule($0, l) } ?? l.pick("numéro", "number")
        return l.pick("à égalité avec n° \(tie.above), départagé par : \(rule)", "tied with no. \(tie.above), broken by: \(rule)")
    }

    public static func explanation(_ explanation: AllocationAnalysis.Explanation, _ l: Language) -> String {
        switch explanation {
        case .inByRank(let rank):
            return l.pick("proposé : rang \(rank)", "proposed: rank \(rank)")
        case .inReservedOverseas(let rank):
            return l.pick("proposé : place réservée à l’outre-mer (rang \(rank))", "proposed: place reserved for overseas (rank \(rank))")
        case let .outRegionQuota(rank, region, count, maximum):
            return l.pick("non proposé : quota régional atteint (\(count)/\(maximum) en \(region)), rang \(rank)",
                          "not proposed: regional quota reached (\(count)/\(maximum) in \(region)), rank \(rank)")
        case .outDisplacedByOverseas(let rank):
            return l.pick("non proposé : place cédée à l’outre-mer (rang \(rank))", "not proposed: place given to overseas (rank \(rank))")
        case let .outBeyondLine(rank, capacity):
            return l.pick("non proposé : rang \(rank), au-delà des \(capacity) places", "not proposed: rank \(rank), beyond the \(capacity) places")
        case .ineligible(let reasons):
            return l.pick("non éligible : ", "not eligible: ") + reasons.map { $0.text(l) }.joined(separator: " ; ")
        case .notScored:
            return l.pick("pas de fiche soumise", "no submitted sheet")
        case .masked:
            return l.pick("notes masquées (notation à l’aveugle)", "scores hidden (blind review)")
        }
    }

    public static func motivationReason(_ reason: AllocationAnalysis.MotivationReason, _ l: Language) -> String {
        switch reason {
        case .ineligible(let reasons):
            return l.pick("dossier non éligible (", "dossier not eligible (") + reasons.map { $0.text(l) }.joined(separator: " ; ") + ")"
        case .againstRanking(let rank?):
            return l.pick("choix contraire au classement (rang \(rank), hors proposition)",
                          "choice against the ranking (rank \(rank), not in the proposal)")
        case .againstRanking(nil):
            return l.pick("choix contraire au classement (dossier sans note)", "choice against the ranking (dossier without a score)")
        }
    }

    public static func violation(_ violation: AllocationAnalysis.Violation, _ l: Language) -> String {
        switch violation {
        case let .tooManyLaureates(count, slots):
            return l.pick("\(count) lauréats pour \(slots) places", "\(count) laureates for \(slots) places")
        case let .overBudget(amount, budget):
            return l.pick("\(Money.format(amount)) engagés pour un budget de \(Money.format(budget))",
                          "\(Money.format(amount)) committed for a budget of \(Money.format(budget))")
        case let .regionOverQuota(region, count, maximum):
            return l.pick("\(region) : \(count) lauréats pour \(maximum) au plus", "\(region): \(count) laureates for at most \(maximum)")
        case let .overseasShort(count, minimum):
            return l.pick("outre-mer : \(count) lauréat\(count > 1 ? "s" : "") pour \(minimum) au moins",
                          "overseas: \(count) laureate\(count == 1 ? "" : "s") for at least \(minimum)")
        case let .missingMotivation(dossier, reason):
            return l.pick("n° \(dossier) : motivation requise, ", "no. \(dossier): motivation required, ") + motivationReason(reason, l)
        }
    }

    public static func allocationError(_ error: AllocationError, _ l: Language) -> String {
        switch error {
        case .notChair(let login):
            return l.pick("Seule la présidence du jury peut modifier l’attribution (« \(login) » n’est pas présidente ou président).",
                          "Only the jury’s chair may change the allocation (“\(login)” is not the chair).")
        case .finalized(let finalization):
            return frozen(finalization, l.pick("l’attribution ne peut plus être modifiée", "the allocation can no longer be changed"), l)
        case .unknownDossier(let number):
            return l.pick("Dossier n° \(number) inconnu.", "Unknown dossier no. \(number).")
        case let .motivationRequired(dossier, reason):
            return l.pick("Motivation requise pour le n° \(dossier) : ", "Motivation required for no. \(dossier): ")
                + motivationReason(reason, l) + "."
        case .notOnWaitlist(let number):
            return l.pick("Le n° \(number) n’est pas sur la liste complémentaire.", "No. \(number) is not on the waitlist.")
        case .checklistBlocked(let items):
            return l.pick("Finalisation impossible, à régler d’abord : ", "Cannot finalise, settle first: ")
                + items.map { $0.text.text(l) }.joined(separator: " ; ")
        case .checklistOpen(let items):
            return l.pick("\(items.count) point(s) de la liste de vérification ni réglé(s) ni accepté(s) avec une raison : ",
                          "\(items.count) checklist item(s) neither settled nor acknowledged with a reason: ")
                + items.prefix(5).map { $0.text.text(l) }.joined(separator: " ; ") + (items.count > 5 ? " …" : "")
        case .notFinalized:
            return l.pick("L’attribution n’est pas finalisée.", "The allocation is not finalised.")
        case .reasonRequired:
            return l.pick("Une raison est requise.", "A reason is required.")
        case .invalidWaitlist(let number):
            return l.pick("Liste complémentaire invalide : le n° \(number) y figure deux fois ou est lauréat.",
                          "Invalid waitlist: no. \(number) appears twice or is a laureate.")
        }
    }

    /// Why something cannot change any more (`refusal`: « la fiche ne peut plus être modifiée »),
    /// and how the chair can change that.
    public static func frozen(_ finalization: Finalization, _ refusal: String, _ l: Language) -> String {
        let when = DateText.paris(finalization.at.date)
        return l.pick("Attribution finalisée le \(when) par \(finalization.by) : \(refusal) ; "
                          + "la présidence peut la rouvrir : ptce-jury allocate --reopen --motivation « … »",
                      "Allocation finalised on \(when) by \(finalization.by): \(refusal); "
                          + "the chair may reopen it: ptce-jury allocate --reopen --motivation \"…\"")
    }

    /// Why a sheet opens read-only once the allocation is finalised, as a console says it: no file,
    /// no command (reopening is the chair's, from their board).
    public static func finalisedSheet(_ finalization: Finalization, _ l: Language) -> String {
        let when = DateText.paris(finalization.at.date)
        return l.pick("Fiche finalisée : l’attribution a été finalisée le \(when) par \(finalization.by) ; seule la présidence peut la rouvrir",
                      "Sheet finalised: the allocation was finalised on \(when) by \(finalization.by); only the chair may reopen it")
    }

    public static func calibration(_ calibration: ReviewerCalibration, _ l: Language) -> String {
        switch calibration.rawBecause {
        case nil:
            return l.pick("notes recentrées (\(calibration.sheets) fiches, moyenne \(Decimal2.format(calibration.mean, language: l)), "
                              + "écart-type \(Decimal2.format(calibration.standardDeviation, language: l)))",
                          "scores re-centred (\(calibration.sheets) sheets, mean \(Decimal2.format(calibration.mean, language: l)), "
                              + "standard deviation \(Decimal2.format(calibration.standardDeviation, language: l)))")
        case let .tooFewSheets(have, need)?:
            return l.pick("notes brutes, non recentrées : \(have) fiche\(have > 1 ? "s" : "") soumise\(have > 1 ? "s" : "") (\(need) au moins)",
                          "raw scores, not re-centred: \(have) sheet\(have == 1 ? "" : "s") submitted (at least \(need))")
        case .noSpread?:
            return l.pick("notes brutes, non recentrées : toutes ses notes sont égales", "raw scores, not re-centred: all their scores are equal")
        }
    }

    /// « 0,85 » as « 85 % ».
    public static func percent(_ value: Double, _ l: Language) -> String {
        Decimal2.percent(value, language: l) + (l == .fr ? "\u{A0}%" : "%")
    }
}
