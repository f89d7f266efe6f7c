/// Checks on values that JSON types alone cannot express. Each problem names the field
/// path the way the store reports it ("criteria[2].weight").
public struct ValidationProblem: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: Localized
    /// In French, for logs.
    public var description: String { "\(path): \(message.fr)" }

    public init(_ path: String, _ message: Localized) {
        self.path = path
        self.message = message
    }
}

extension Campaign {
    public func problems() -> [ValidationProblem] {
        var found: [ValidationProblem] = []
        if title.isEmpty { found.append(.init("title", Localized(.theTitleIsEmpty))) }
        for (field, value) in [("mandate", mandate), ("legalBasis", legalBasis)] where (value?.count ?? 0) > Self.maxRecitalCharacters {
            found.append(.init(field, Localized(.atMostCharacters, ["maxRecitalCharacters": Self.maxRecitalCharacters])))
        }
        if funding.slots <= 0 { found.append(.init("funding.slots", Localized(.theNumberOfSlotsMustBePositive))) }
        if funding.grantPerLaureate <= 0 { found.append(.init("funding.grantPerLaureate", Localized(.theGrantMustBePositive))) }
        if funding.totalBudget < 0 { found.append(.init("funding.totalBudget", Localized(.theTotalBudgetIsNegative))) }
        if call.closing < call.opening { found.append(.init("call.closing", Localized(.theClosingComesBeforeTheOpening))) }
        if criteria.isEmpty { found.append(.init("criteria", Localized(.theGridHasNoCriterion))) }
        var keys = Set<String>()
        for (i, criterion) in criteria.enumerated() {
            let at = "criteria[\(i)]"
            if criterion.key.isEmpty || criterion.key.contains(where: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
                found.append(.init("\(at).key", Localized(.invalidKeyLettersDigitsAnd, ["key": criterion.key])))
            }
            if !keys.insert(criterion.key).inserted { found.append(.init("\(at).key", Localized(.duplicateKey, ["key": criterion.key]))) }
            if !(criterion.weight > 0) || !criterion.weight.isFinite {
                found.append(.init("\(at).weight", Localized(.theWeightMustBeAPositiveNumber)))
            }
            if criterion.scale.min >= criterion.scale.max {
                found.append(.init("\(at).scale", Localized(.invalidScale, ["min": criterion.scale.min, "max": criterion.scale.max])))
            }
            for (j, level) in criterion.scale.levels.enumerated() where !criterion.scale.contains(level.value) {
                found.append(.init("\(at).scale.levels[\(j)].value", Localized(.levelOutsideTheScale, ["value": level.value])))
            }
        }
        if let max = constraints.maxPerRegion, max < 1 {
            found.append(.init("constraints.maxPerRegion", Localized(.mustBeAtLeast1)))
        }
        if let perDossier = rapporteurs?.perDossier, perDossier < 1 {
            found.append(.init("rapporteurs.perDossier", Localized(.mustBeAtLeast1)))
        }
        if let quorum = seance?.quorum, quorum < 1 {
            found.append(.init("seance.quorum", Localized(.mustBeAtLeast1)))
        }
        if let min = constraints.minOverseas, min < 0 || min > funding.slots {
            found.append(.init("constraints.minOverseas", Localized(.mustBeBetween0And, ["slots": funding.slots])))
        }
        return found
    }
}

extension Jury {
    public func problems() -> [ValidationProblem] {
        var found: [ValidationProblem] = [], logins = Set<String>()
        for (i, member) in members.enumerated() {
            if !Jury.isValidLogin(member.login) {
                found.append(.init("members[\(i)].login", Localized(.invalidLogin, ["login": member.login])))
            }
            if !logins.insert(member.login).inserted {
                found.append(.init("members[\(i)].login", Localized(.duplicateLogin, ["login": member.login])))
            }
            if let region = member.region, Regions.named(code: region) == nil {
                let codes = Regions.all.map(\.code).joined(separator: ", ")
                found.append(.init("members[\(i)].region", Localized(.unknownRegionINSEECode, ["region": region, "codes": codes])))
            }
        }
        return found
    }

    /// Unix account names: they become directory names, so nothing that could escape one.
    public static func isValidLogin(_ login: String) -> Bool {
        guard !login.isEmpty, login.count <= 64, login.first != "-", login.first != "." else { return false }
        return login.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
    }
}

extension Dossier {
    public func problems(at index: Int) -> [ValidationProblem] {
        let at = "dossiers[\(index)]"
        var found: [ValidationProblem] = []
        if number <= 0 { found.append(.init("\(at).number", Localized(.invalidNumber, ["number": number]))) }
        if name.isEmpty { found.append(.init("\(at).name", Localized(.thePTCEsNameIsEmpty))) }
        if budget.requested < 0 { found.append(.init("\(at).budget.requested", Localized(.negativeAmount))) }
        if jobs < 0 || !jobs.isFinite { found.append(.init("\(at).jobs", Localized(.invalidNumberOfFTE))) }
        for (i, piece) in justificatives.enumerated() {
            // The digest names the stored file: anything else could point outside the campaign.
            if !Piece.isDigest(piece.sha256) {
                found.append(.init("\(at).pieces[\(i)].sha256", Localized(.invalidSHA256Digest)))
            }
            if piece.size < 0 { found.append(.init("\(at).pieces[\(i)].size", Localized(.negativeSize))) }
        }
        return found
    }
}

extension ScoreSheet {
    /// Problems of a sheet against the campaign's grid (a value off the scale, an unknown criterion).
    public func problems(grid: [Criterion]) -> [ValidationProblem] {
        var found: [ValidationProblem] = []
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            guard let criterion = grid.first(where: { $0.key == key }) else {
                let keys = grid.map(\.key).joined(separator: ", ")
                found.append(.init("values.\(key)", Localized(.unknownCriterionAndTheKnownOnes, ["keys": keys])))
                continue
            }
            if !criterion.scale.contains(value) {
                found.append(.init("values.\(key)", Localized(.outsideTheScale, ["value": value, "min": criterion.scale.min, "max": criterion.scale.max])))
            }
        }
        if status == .submitted && !isComplete(in: grid) {
            found.append(.init("status", Localized(.sheetSubmittedButIncomplete)))
        }
        return found
    }
}

/// Why a value was refused while decoding, in both languages. It travels as the
/// `underlyingError` of a `DecodingError.dataCorrupted`, whose `debugDescription` (the French)
/// is all that JSONDecoder keeps; the store reads it back from there.
public struct DecodingRefusal: Error, Sendable {
    public var message: Localized

    /// The error to throw from `init(from:)` at `codingPath`.
    public static func error(at codingPath: [any CodingKey], _ message: Localized) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: message.fr, underlyingError: DecodingRefusal(message: message)))
    }
}
