/// Checks on values that JSON types alone cannot express. Each problem names the field
/// path the way the store reports it ("criteria[2].weight").
public struct ValidationProblem: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: Localized
    /// In French, for logs.
    public var description: String { "\(path): \(message.fr)" }

    public init(_ path: String, _ fr: String, _ en: String) {
        self.path = path
        self.message = Localized(fr: fr, en: en)
    }
}

extension Campaign {
    public func problems() -> [ValidationProblem] {
        var found: [ValidationProblem] = []
        if title.isEmpty { found.append(.init("title", "le titre est vide", "the title is empty")) }
        for (field, value) in [("mandate", mandate), ("legalBasis", legalBasis)] where (value?.count ?? 0) > Self.maxRecitalCharacters {
            found.append(.init(field, "\(Self.maxRecitalCharacters) caractères au plus", "at most \(Self.maxRecitalCharacters) characters"))
        }
        if funding.slots <= 0 { found.append(.init("funding.slots", "le nombre de places doit être positif", "the number of slots must be positive")) }
        if funding.grantPerLaureate <= 0 { found.append(.init("funding.grantPerLaureate", "la subvention doit être positive", "the grant must be positive")) }
        if funding.totalBudget < 0 { found.append(.init("funding.totalBudget", "le budget total est négatif", "the total budget is negative")) }
        if call.closing < call.opening { found.append(.init("call.closing", "la clôture précède l’ouverture", "the closing comes before the opening")) }
        if criteria.isEmpty { found.append(.init("criteria", "la grille ne compte aucun critère", "the grid has no criterion")) }
        var keys = Set<String>()
        for (i, criterion) in criteria.enumerated() {
            let at = "criteria[\(i)]"
            if criterion.key.isEmpty || criterion.key.contains(where: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
                found.append(.init("\(at).key", "clé « \(criterion.key) » invalide (lettres, chiffres, - et _)",
                                   "invalid key “\(criterion.key)” (letters, digits, - and _)"))
            }
            if !keys.insert(criterion.key).inserted { found.append(.init("\(at).key", "clé « \(criterion.key) » en double", "duplicate key “\(criterion.key)”")) }
            if !(criterion.weight > 0) || !criterion.weight.isFinite {
                found.append(.init("\(at).weight", "le poids doit être un nombre positif", "the weight must be a positive number"))
            }
            if criterion.scale.min >= criterion.scale.max {
                found.append(.init("\(at).scale", "échelle \(criterion.scale.min)–\(criterion.scale.max) invalide",
                                   "invalid scale \(criterion.scale.min)–\(criterion.scale.max)"))
            }
            for (j, level) in criterion.scale.levels.enumerated() where !criterion.scale.contains(level.value) {
                found.append(.init("\(at).scale.levels[\(j)].value", "niveau \(level.value) hors de l’échelle", "level \(level.value) outside the scale"))
            }
        }
        if let max = constraints.maxPerRegion, max < 1 {
            found.append(.init("constraints.maxPerRegion", "doit valoir au moins 1", "must be at least 1"))
        }
        if let perDossier = rapporteurs?.perDossier, perDossier < 1 {
            found.append(.init("rapporteurs.perDossier", "doit valoir au moins 1", "must be at least 1"))
        }
        if let quorum = seance?.quorum, quorum < 1 {
            found.append(.init("seance.quorum", "doit valoir au moins 1", "must be at least 1"))
        }
        if let min = constraints.minOverseas, min < 0 || min > funding.slots {
            found.append(.init("constraints.minOverseas", "doit être entre 0 et \(funding.slots)", "must be between 0 and \(funding.slots)"))
        }
        return found
    }
}

extension Jury {
    public func problems() -> [ValidationProblem] {
        var found: [ValidationProblem] = [], logins = Set<String>()
        for (i, member) in members.enumerated() {
            if !Jury.isValidLogin(member.login) {
                found.append(.init("members[\(i)].login", "identifiant « \(member.login) » invalide", "invalid login “\(member.login)”"))
            }
            if !logins.insert(member.login).inserted {
                found.append(.init("members[\(i)].login", "identifiant « \(member.login) » en double", "duplicate login “\(member.login)”"))
            }
            if let region = member.region, Regions.named(code: region) == nil {
                let codes = Regions.all.map(\.code).joined(separator: ", ")
                found.append(.init("members[\(i)].region", "région « \(region) » inconnue (code INSEE : \(codes))",
                                   "unknown region “\(region)” (INSEE code: \(codes))"))
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
        if number <= 0 { found.append(.init("\(at).number", "numéro \(number) invalide", "invalid number \(number)")) }
        if name.isEmpty { found.append(.init("\(at).name", "le nom du PTCE est vide", "the PTCE’s name is empty")) }
        if budget.requested < 0 { found.append(.init("\(at).budget.requested", "montant négatif", "negative amount")) }
        if jobs < 0 || !jobs.isFinite { found.append(.init("\(at).jobs", "nombre d’ETP invalide", "invalid number of FTE")) }
        for (i, piece) in justificatives.enumerated() {
            // The digest names the stored file: anything else could point outside the campaign.
            if !Piece.isDigest(piece.sha256) {
                found.append(.init("\(at).pieces[\(i)].sha256", "empreinte SHA-256 invalide", "invalid SHA-256 digest"))
            }
            if piece.size < 0 { found.append(.init("\(at).pieces[\(i)].size", "taille négative", "negative size")) }
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
                found.append(.init("values.\(key)", "critère inconnu (critères : \(keys))", "unknown criterion (criteria: \(keys))"))
                continue
            }
            if !criterion.scale.contains(value) {
                found.append(.init("values.\(key)", "\(value) hors de l’échelle \(criterion.scale.min)–\(criterion.scale.max)",
                                   "\(value) outside the scale \(criterion.scale.min)–\(criterion.scale.max)"))
            }
        }
        if status == .submitted && !isComplete(in: grid) {
            found.append(.init("status", "fiche soumise mais incomplète", "sheet submitted but incomplete"))
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
    public static func error(at codingPath: [any CodingKey], fr: String, en: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: fr,
                             underlyingError: DecodingRefusal(message: Localized(fr: fr, en: en))))
    }
}
