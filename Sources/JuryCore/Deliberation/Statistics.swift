import Foundation

/// What the submitted sheets of one dossier say together.
public struct DossierStatistics: Sendable, Equatable {
    public let dossier: Int
    /// The weighted total of each submitted sheet, in reviewer order.
    public let totals: [Double]
    public let mean: Double?
    public let median: Double?
    public let minimum: Double?
    public let maximum: Double?
    /// « Désaccord »: the population standard deviation of the totals; nil below two sheets,
    /// where there is nobody to disagree with.
    public let disagreement: Double?
    public let submitted: Int
    /// The sheets expected (see `Panel.expected`): its rapporteurs', or every reviewer's without a
    /// conflict of interest on the dossier when it has none.
    public let expected: Int
    /// Submitted sheets from the dossier's rapporteurs; nil when it has none. The others came from
    /// members who scored it without being its rapporteurs: they count, and are shown as such.
    public let byRapporteurs: Int?

    public init(dossier: Int, totals: [Double], expected: Int, byRapporteurs: Int? = nil) {
        self.dossier = dossier
        self.totals = totals
        self.submitted = totals.count
        self.expected = expected
        self.byRapporteurs = byRapporteurs
        mean = Stats.mean(totals)
        median = Stats.median(totals)
        minimum = totals.min()
        maximum = totals.max()
        disagreement = totals.count >= 2 ? Stats.standardDeviation(totals) : nil
    }

    /// « 2/2 » submitted of expected; with rapporteurs, theirs of expected, « +1 » for others' sheets.
    public var sheetCount: String {
        guard let byRapporteurs, byRapporteurs < submitted else { return "\(submitted)/\(expected)" }
        return "\(byRapporteurs)/\(expected)+\(submitted - byRapporteurs)"
    }
}

/// Plain descriptive statistics; nil for no values.
public enum Stats {
    public static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// The middle value, or the mean of the two middle values.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Population standard deviation: √(Σ(x−μ)²/n).
    public static func standardDeviation(_ values: [Double]) -> Double? {
        guard let mu = mean(values) else { return nil }
        return (values.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(values.count)).squareRoot()
    }
}
