extension SheetGap {
    public func text(grid: [Criterion], _ language: Language) -> String {
        switch self {
        case let .value(key):
            return grid.first { $0.key == key }.map { Labels.criterion($0, language) } ?? key
        case .recommendation:
            return language.pick("l’avis (favorable, réservé, défavorable)", "the recommendation (favourable, reserved, unfavourable)")
        }
    }
}

extension SheetEditError {
    /// What to tell the person, naming the valid choices.
    public func message(grid: [Criterion], _ language: Language) -> String {
        switch self {
        case let .unknownCriterion(key, valid):
            return language.pick("Critère « \(key) » inconnu. Critères : \(valid.joined(separator: ", "))",
                                 "Unknown criterion “\(key)”. Criteria: \(valid.joined(separator: ", "))")
        case let .outOfScale(key, value, min, max):
            return language.pick("\(value) est hors de l’échelle de « \(key) » (\(min) à \(max))",
                                 "\(value) is outside the scale of “\(key)” (\(min) to \(max))")
        case .submittedSheetIsLocked:
            return language.pick("Fiche déjà soumise : rouvrez-la pour la modifier",
                                 "Sheet already submitted: reopen it to change it")
        case let .incomplete(gaps):
            let list = gaps.map { $0.text(grid: grid, language) }.joined(separator: ", ")
            return language.pick("Fiche incomplète, il manque : \(list)", "Incomplete sheet, missing: \(list)")
        }
    }
}
