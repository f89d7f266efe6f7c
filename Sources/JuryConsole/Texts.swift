import JuryCore

/// Interface labels of the core's values, in both languages.
extension Language {
    // The core's labels, so that the console, the commands and the exports name things alike.
    func label(_ category: MemberCategory) -> String { Labels.memberCategory(category, self) }
    func label(_ progress: ReviewProgress) -> String { Labels.progress(progress, self) }
    func label(_ recommendation: Recommendation) -> String { Labels.recommendation(recommendation, self) }
    func label(_ territory: TerritoryType) -> String { Labels.territory(territory, self) }
    func label(_ state: FilingState) -> String { Labels.filingState(state, self) }
    func label(_ section: NarrativeSection) -> String { Labels.section(section, self) }

    func label(_ sort: ListSort) -> String {
        switch sort {
        case .number: return text(.number)
        case .name: return text(.sortName)
        case .region: return text(.region2)
        case .status: return text(.sortStatus)
        case .total: return text(.myScore)
        }
    }

    func label(_ criterion: Criterion) -> String { Labels.criterion(criterion, self) }

    /// "3,45" in French, "3.45" in English.
    func decimal(_ value: Double, digits: Int = 2) -> String { Decimal2.format(value, digits: digits, language: self) }

    /// A count without needless decimals: "12" rather than "12,0", "2,5" otherwise.
    func quantity(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : decimal(value, digits: 1)
    }

    func size(_ bytes: Int) -> String { Labels.fileSize(bytes, self) }

    /// What prevents a submission, named as the reviewer sees it.
    func describe(_ gap: SheetGap, grid: [Criterion]) -> String {
        switch gap {
        case .value(let key): return grid.first { $0.key == key }.map(label) ?? key
        case .recommendation: return text(.gapRecommendation)
        }
    }

    func describe(_ error: SheetEditError, grid: [Criterion]) -> String {
        switch error {
        case let .outOfScale(key, value, min, max):
            let name = grid.first { $0.key == key }.map(label) ?? key
            return text(.isOffTheScaleOf, ["score": value, "min": min, "max": max, "name": name])
        case let .unknownCriterion(key, _):
            return text(.unknownCriterion, ["key": key])
        case .submittedSheetIsLocked:
            return text(.submittedSheetRToReopenIt)
        case .incomplete(let gaps):
            return text(.incompleteSheetMissing)
                + gaps.map { describe($0, grid: grid) }.joined(separator: ", ")
        }
    }
}
