import Foundation

/// One reviewer's assessment of one dossier. The weighted total is always computed
/// from the values and the grid, never stored.
public struct ScoreSheet: Codable, Sendable, Equatable {
    public var schemaVersion: Int
    public var dossier: Int
    public var reviewer: String
    /// Criterion key → value on the criterion's scale.
    public var values: [String: Int]
    /// Criterion key → comment.
    public var comments: [String: String]
    public var overall: String
    public var recommendation: Recommendation?
    public var status: SheetStatus
    public var createdAt: Instant
    public var updatedAt: Instant
    public var submittedAt: Instant?
    /// Submitted after the dossier's discussion began in the séance in progress (« fiche soumise
    /// après la discussion »): the store's to set at submission, never the member's (nil: no).
    public var submittedAfterDiscussion: Bool?

    public init(dossier: Int, reviewer: String, at now: Instant) {
        self.schemaVersion = currentSchemaVersion
        self.dossier = dossier
        self.reviewer = reviewer
        self.values = [:]
        self.comments = [:]
        self.overall = ""
        self.recommendation = nil
        self.status = .draft
        self.createdAt = now
        self.updatedAt = now
        self.submittedAt = nil
    }

    /// Σ wᶜ·sᶜ / Σ wᶜ over the criteria that have a value; nil when none has one.
    public func weightedTotal(in grid: [Criterion]) -> Double? {
        var sum = 0.0, weights = 0.0
        for criterion in grid {
            guard let value = values[criterion.key] else { continue }
            sum += criterion.weight * Double(value)
            weights += criterion.weight
        }
        return weights > 0 ? sum / weights : nil
    }

    /// What still prevents submission, in the grid's order.
    public func missing(in grid: [Criterion]) -> [SheetGap] {
        var gaps: [SheetGap] = grid.filter { values[$0.key] == nil }.map { .value(criterion: $0.key) }
        if recommendation == nil { gaps.append(.recommendation) }
        return gaps
    }

    public func isComplete(in grid: [Criterion]) -> Bool { missing(in: grid).isEmpty }
}

public enum SheetGap: Equatable, Sendable {
    case value(criterion: String)
    case recommendation
}

public enum Recommendation: String, Codable, Sendable, CaseIterable {
    case favorable
    case reserve
    case defavorable
}

public enum SheetStatus: String, Codable, Sendable {
    case draft = "brouillon"
    case submitted = "soumis"
}

/// A reviewer's status on a dossier as shown in lists ("à noter" when no sheet exists).
public enum ReviewProgress: String, Sendable, CaseIterable, Comparable {
    case toScore = "a-noter"
    case draft = "brouillon"
    case submitted = "soumis"

    public init(_ sheet: ScoreSheet?) {
        switch sheet?.status {
        case nil: self = .toScore
        case .draft?: self = .draft
        case .submitted?: self = .submitted
        }
    }

    public static func < (a: ReviewProgress, b: ReviewProgress) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A change to a sheet asked for by a person, checked against the grid before it is applied.
public enum SheetEdit: Equatable, Sendable {
    case setValue(criterion: String, value: Int)
    case clearValue(criterion: String)
    case setComment(criterion: String, text: String)
    case setOverall(String)
    case setRecommendation(Recommendation?)
}

public enum SheetEditError: Error, Equatable, Sendable {
    case unknownCriterion(String, valid: [String])
    case outOfScale(criterion: String, value: Int, min: Int, max: Int)
    case submittedSheetIsLocked
    case incomplete([SheetGap])
}

extension ScoreSheet {
    /// Applies an edit after checking it against the grid. A submitted sheet must be reopened first.
    public mutating func apply(_ edit: SheetEdit, grid: [Criterion], at now: Instant) throws(SheetEditError) {
        guard status == .draft else { throw .submittedSheetIsLocked }
        func criterion(_ key: String) throws(SheetEditError) -> Criterion {
            guard let found = grid.first(where: { $0.key == key }) else {
                throw .unknownCriterion(key, valid: grid.map(\.key))
            }
            return found
        }
        switch edit {
        case let .setValue(key, value):
            let scale = try criterion(key).scale
            guard scale.contains(value) else {
                throw .outOfScale(criterion: key, value: value, min: scale.min, max: scale.max)
            }
            values[key] = value
        case let .clearValue(key):
            _ = try criterion(key)
            values[key] = nil
        case let .setComment(key, text):
            _ = try criterion(key)
            comments[key] = text.isEmpty ? nil : Sanitizer.text(text)
        case let .setOverall(text):
            overall = Sanitizer.text(text)
        case let .setRecommendation(recommendation):
            self.recommendation = recommendation
        }
        updatedAt = now
    }

    public mutating func submit(grid: [Criterion], at now: Instant) throws(SheetEditError) {
        guard status == .draft else { throw .submittedSheetIsLocked }
        let gaps = missing(in: grid)
        guard gaps.isEmpty else { throw .incomplete(gaps) }
        status = .submitted
        submittedAt = now
        updatedAt = now
    }

    /// Puts a submitted sheet back in draft so it can be changed; the submission date is kept
    /// until the next submission so that the change can be traced.
    public mutating func reopen(at now: Instant) {
        status = .draft
        updatedAt = now
    }
}

extension Sequence where Element == ScoreSheet {
    /// Login → dossier number → sheet, as the store and the console hold them.
    public var byReviewer: [String: [Int: ScoreSheet]] {
        var found: [String: [Int: ScoreSheet]] = [:]
        for sheet in self { found[sheet.reviewer, default: [:]][sheet.dossier] = sheet }
        return found
    }
}

extension ScoreSheet {
    /// Whether two versions say the same thing: what the reviewer writes (values, comments,
    /// overall opinion, recommendation, status), not who or when, which the jury server stamps.
    public func saysTheSame(as other: ScoreSheet) -> Bool {
        dossier == other.dossier && values == other.values && comments == other.comments && overall == other.overall
            && recommendation == other.recommendation && status == other.status
    }

    /// This sheet as the jury server stores it over `stored` (the version on disk, nil for a new
    /// one): author and times are the server's, never the client's. `submittedAt` is the moment of
    /// the last submission the server saw: kept while submitted, `now` when this save submits, and
    /// kept on a reopened draft, as `reopen` keeps it, so that the change can be traced.
    public func stamped(by reviewer: String, over stored: ScoreSheet?, at now: Instant) -> ScoreSheet {
        var sheet = self
        sheet.schemaVersion = currentSchemaVersion
        sheet.reviewer = reviewer
        sheet.createdAt = stored?.createdAt ?? now
        sheet.updatedAt = now
        switch (stored?.status, status) {
        case (.submitted?, .submitted): sheet.submittedAt = stored?.submittedAt ?? now
        case (_, .submitted): sheet.submittedAt = now
        case (_, .draft): sheet.submittedAt = stored?.submittedAt
        }
        return sheet
    }
}
