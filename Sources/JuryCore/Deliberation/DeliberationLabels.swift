/// How the deliberation is worded, in both interface languages: the board, the commands and the
/// exports all say the same thing.
extension Labels {
    public static func method(_ method: RankingMethod, _ l: Language) -> String {
        switch method {
        case .mean: return l.text(.mean2)
        case .median: return l.text(.median2)
        case .zscore: return l.text(.zScoreScoresReCentredPerMember)
        case .bias: return l.text(.biasModel)
        }
    }

    /// A column heading: « Moy. », « Méd. », « z », « Biais ».
    public static func methodShort(_ method: RankingMethod, _ l: Language) -> String {
        switch method {
        case .mean: return l.text(.mean3)
        case .median: return l.text(.med)
        case .zscore: return "z"
        case .bias: return l.text(.bias)
        }
    }

    /// Nil: nothing decided yet.
    public static func decision(_ decision: Decision?, _ l: Language) -> String {
        switch decision {
        case nil: return l.text(.undecided)
        case .laureate?: return l.text(.laureate2)
        case .waitlist?: return l.text(.waitlist2)
        case .notSelected?: return l.text(.notSelected2)
        }
    }

    public static func tieRule(_ rule: TieBreakRule, _ l: Language) -> String {
        switch rule {
        case .higherMedian: return l.text(.higherMedian)
        case .lowerDisagreement: return l.text(.lowerDisagreement)
        case .moreSheets: return l.text(.moreSheetsSubmitted)
        case .recordedDraw: return l.text(.recordedDraw)
        }
    }

    public static func tiePolicy(_ rules: [TieBreakRule], seed: Int, _ l: Language) -> String {
        rules.map { rule in tieRule(rule, l) + (rule == .recordedDraw ? l.text(.seed, ["seed": seed]) : "") }
            .joined(separator: ", ") + l.text(.thenTheNumber)
    }

    public static func tie(_ tie: Tie, _ l: Language) -> String {
        let rule = tie.decidedBy.map { tieRule($0, l) } ?? l.text(.number2)
        return l.text(.tiedWithNoBrokenBy, ["above": tie.above, "rule": rule])
    }

    public static func explanation(_ explanation: AllocationAnalysis.Explanation, _ l: Language) -> String {
        switch explanation {
        case .inByRank(let rank):
            return l.text(.proposedRank, ["rank": rank])
        case .inReservedOverseas(let rank):
            return l.text(.proposedPlaceReservedForOverseasRank, ["rank": rank])
        case let .outRegionQuota(rank, region, count, maximum):
            return l.text(.notProposedRegionalQuotaReachedInRank, ["value": count, "maximum": maximum, "region": region, "rank": rank])
        case .outDisplacedByOverseas(let rank):
            return l.text(.notProposedPlaceGivenToOverseasRank, ["rank": rank])
        case let .outBeyondLine(rank, capacity):
            return l.text(.notProposedRankBeyondThePlaces, ["rank": rank, "capacity": capacity])
        case .ineligible(let reasons):
            return l.text(.notEligible2) + reasons.map { $0.text(l) }.joined(separator: " ; ")
        case .notScored:
            return l.text(.noSubmittedSheet)
        case .masked:
            return l.text(.scoresHiddenBlindReview)
        }
    }

    public static func motivationReason(_ reason: AllocationAnalysis.MotivationReason, _ l: Language) -> String {
        switch reason {
        case .ineligible(let reasons):
            return l.text(.dossierNotEligible) + reasons.map { $0.text(l) }.joined(separator: " ; ") + ")"
        case .againstRanking(let rank?):
            return l.text(.choiceAgainstTheRankingRankNotIn, ["rank": rank])
        case .againstRanking(nil):
            return l.text(.choiceAgainstTheRankingDossierWithoutA)
        }
    }

    public static func violation(_ violation: AllocationAnalysis.Violation, _ l: Language) -> String {
        switch violation {
        case let .tooManyLaureates(count, slots):
            return l.text(.laureatesForPlaces, ["value": count, "slots": slots])
        case let .overBudget(amount, budget):
            return l.text(.committedForABudgetOf, ["amount": Money.format(amount), "budget": Money.format(budget)])
        case let .regionOverQuota(region, count, maximum):
            return l.text(.laureatesForAtMost, ["region": region, "value": count, "maximum": maximum])
        case let .overseasShort(count, minimum):
            return l.text(.violationOverseasShort, ["count": count, "minimum": minimum])
        case let .missingMotivation(dossier, reason):
            return l.text(.noMotivationRequired, ["dossier": dossier]) + motivationReason(reason, l)
        }
    }

    public static func allocationError(_ error: AllocationError, _ l: Language) -> String {
        switch error {
        case .notChair(let login):
            return l.text(.onlyTheJurysChairMayChangeThe2, ["login": login])
        case .finalized(let finalization):
            return frozen(finalization, l.text(.allocationCanNoLongerBeChanged), l)
        case .unknownDossier(let number):
            return l.text(.unknownDossierNo2, ["number": number])
        case let .motivationRequired(dossier, reason):
            return l.text(.motivationRequiredForNo, ["dossier": dossier])
                + motivationReason(reason, l) + "."
        case .notOnWaitlist(let number):
            return l.text(.noIsNotOnTheWaitlist, ["number": number])
        case .checklistBlocked(let items):
            return l.text(.cannotFinaliseSettleFirst)
                + items.map { $0.text.text(l) }.joined(separator: " ; ")
        case .checklistOpen(let items):
            return l.text(.checklistItemsNeitherSettledNorAcknowledged, ["items": items.count])
                + items.prefix(5).map { $0.text.text(l) }.joined(separator: " ; ") + (items.count > 5 ? " …" : "")
        case .notFinalized:
            return l.text(.theAllocationIsNotFinalised)
        case .reasonRequired:
            return l.text(.aReasonIsRequired)
        case .invalidWaitlist(let number):
            return l.text(.invalidWaitlistNoAppearsTwiceOrIs, ["number": number])
        }
    }

    /// Why something cannot change any more (`refusal`: « la fiche ne peut plus être modifiée »),
    /// and how the chair can change that.
    public static func frozen(_ finalization: Finalization, _ refusal: String, _ l: Language) -> String {
        let when = DateText.paris(finalization.at.date)
        return l.text(.allocationFrozen, ["when": when, "by": finalization.by, "refusal": refusal])
    }

    /// Why a sheet opens read-only once the allocation is finalised, as a console says it: no file,
    /// no command (reopening is the chair's, from their board).
    public static func finalisedSheet(_ finalization: Finalization, _ l: Language) -> String {
        let when = DateText.paris(finalization.at.date)
        return l.text(.sheetFinalisedTheAllocationWasFinalisedOn, ["when": when, "by": finalization.by])
    }

    public static func calibration(_ calibration: ReviewerCalibration, _ l: Language) -> String {
        switch calibration.rawBecause {
        case nil:
            return l.text(.calibrationReCentred, ["sheets": calibration.sheets, "mean": Decimal2.format(calibration.mean, language: l),
                                                  "deviation": Decimal2.format(calibration.standardDeviation, language: l)])
        case let .tooFewSheets(have, need)?:
            return l.text(.calibrationTooFewSheets, ["have": have, "need": need])
        case .noSpread?:
            return l.text(.rawScoresNotReCentredAllTheir)
        }
    }

    /// « 0,85 » as « 85 % ».
    public static func percent(_ value: Double, _ l: Language) -> String {
        Decimal2.percent(value, language: l) + (l == .fr ? "\u{A0}%" : "%")
    }
}
