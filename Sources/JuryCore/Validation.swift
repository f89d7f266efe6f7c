/// Checks on values that JSON types alone cannot express. Each problem names the field
/// path the way the store reports it ("criteria[2].weight").
public struct ValidationProblem: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }

    public init(_ path: String, _ message: String) {
        self.path = path
        self.message = message
    }
}

extension Campaign {
    public func problems() -> [ValidationProblem] {
        var found: [ValidationProblem] = []
        if title.isEmpty { found.append(.init("title", "le titre est vide")) }
        if funding.slots <= 0 { found.append(.init("funding.slots", "le nombre de places doit être positif")) }
        if funding.grantPerLaureate <= 0 { found.append(.init("funding.grantPerLaureate", "la subvention doit être positive")) }
        if funding.totalBudget < 0 { found.append(.init("funding.totalBudget", "le budget total est négatif")) }
        if call.closing < call.opening { found.append(.init("call.closing", "la clôture précède l’ouverture")) }
        if criteria.isEmpty { found.append(.init("criteria", "la grille ne compte aucun critère")) }
        var keys = Set<String>()
        for (i, criterion) in criteria.enumerated() {
            let at = "criteria[\(i)]"
            if criterion.key.isEmpty || criterion.key.contains(where: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
                found.append(.init("\(at).key", "clé « \(criterion.key) » invalide (lettres, chiffres, - et _)"))
            }
            if !keys.insert(criterion.key).inserted { found.append(.init("\(at).key", "clé « \(criterion.key) » en double")) }
            if !(criterion.weight > 0) || !criterion.weight.isFinite {
                found.append(.init("\(at).weight", "le poids doit être un nombre positif"))
            }
            if criterion.scale.min >= criterion.scale.max {
                found.append(.init("\(at).scale", "échelle \(criterion.scale.min)–\(criterion.scale.max) invalide"))
            }
            for (j, level) in criterion.scale.levels.enumerated() where !criterion.scale.contains(level.value) {
                found.append(.init("\(at).scale.levels[\(j)].value", "niveau \(level.value) hors de l’échelle"))
            }
        }
        if let max = constraints.maxPerRegion, max < 1 {
            found.append(.init("constraints.maxPerRegion", "doit valoir au moins 1"))
        }
        if let perDossier = rapporteurs?.perDossier, perDossier < 1 {
            found.append(.init("rapporteurs.perDossier", "doit valoir au moins 1"))
        }
        if let quorum = seance?.quorum, quorum < 1 {
            found.append(.init("seance.quorum", "doit valoir au moins 1"))
        }
        if let min = constraints.minOverseas, min < 0 || min > funding.slots {
            found.append(.init("constraints.minOverseas", "doit être entre 0 et \(funding.slots)"))
        }
        return found
    }
}

extension Jury {
    public func problems() -> [ValidationProblem] {
        var found: [ValidationProblem] = [], logins = Set<String>()
        for (i, member) in members.enumerated() {
            if !Jury.isValidLogin(member.login) {
                found.append(.init("members[\(i)].login", "identifiant « \(member.login) » invalide"))
            }
            if !logins.insert(member.login).inserted {
                found.append(.init("members[\(i)].login", "identifiant « \(member.login) » en double"))
            }
            if let region = member.region, Regions.named(code: region) == nil {
                found.append(.init("members[\(i)].region", "région « \(region) » inconnue (code INSEE : "
                                   + Regions.all.map(\.code).joined(separator: ", ") + ")"))
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
        if number <= 0 { found.append(.init("\(at).number", "numéro \(number) invalide")) }
        if name.isEmpty { found.append(.init("\(at).name", "le nom du PTCE est vide")) }
        if budget.requested < 0 { found.append(.init("\(at).budget.requested", "montant négatif")) }
        if jobs < 0 || !jobs.isFinite { found.append(.init("\(at).jobs", "nombre d’ETP invalide")) }
        for (i, piece) in justificatives.enumerated() {
            // The digest names the stored file: anything else could point outside the campaign.
            if !Piece.isDigest(piece.sha256) { found.append(.init("\(at).pieces[\(i)].sha256", "empreinte SHA-256 invalide")) }
            if piece.size < 0 { found.append(.init("\(at).pieces[\(i)].size", "taille négative")) }
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
                found.append(.init("values.\(key)", "critère inconnu (critères : \(grid.map(\.key).joined(separator: ", ")))"))
                continue
            }
            if !criterion.scale.contains(value) {
                found.append(.init("values.\(key)", "\(value) hors de l’échelle \(criterion.scale.min)–\(criterion.scale.max)"))
            }
        }
        if status == .submitted && !isComplete(in: grid) {
            found.append(.init("status", "fiche soumise mais incomplète"))
        }
        return found
    }
}
