extension SheetGap {
    public func text(grid: [Criterion], _ language: Language) -> String {
        switch self {
        case let .value(key):
            return grid.first { $0.key == key }.map { Labels.criterion($0, language) } ?? key
        case .recommendation:
            return language.text(.theRecommendationFavourableReservedUnfavourable)
        }
    }
}

extension SheetEditError {
    /// What to tell the person, naming the valid choices.
    public func message(grid: [Criterion], _ language: Language) -> String {
        switch self {
        case let .unknownCriterion(key, valid):
            return language.text(.unknownCriterionCriteria, ["key": key, "criteria": valid.joined(separator: ", ")])
        case let .outOfScale(key, value, min, max):
            return language.text(.isOutsideTheScaleOfTo, ["value": value, "key": key, "min": min, "max": max])
        case .submittedSheetIsLocked:
            return language.text(.sheetAlreadySubmittedReopenItToChange)
        case let .incomplete(gaps):
            let list = gaps.map { $0.text(grid: grid, language) }.joined(separator: ", ")
            return language.text(.incompleteSheetMissingList, ["list": list])
        }
    }
}
