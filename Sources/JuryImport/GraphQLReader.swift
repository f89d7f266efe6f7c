import Foundation
import JuryCore
import JuryStore

/// Reads what the Démarches Simplifiées GraphQL API v2 returns for
/// `demarche(number:) { dossiers(first:, after:) { pageInfo { … } nodes { … } } }`: one file per page.
struct GraphQLReader {
    let mapping: ImportMapping

    struct Page {
        var dossiers: [SourceDossier]
        /// `pageInfo.hasNextPage`, when the query asked for it.
        var hasNextPage: Bool?
    }

    func read(_ data: Data, _ url: URL) throws(StoreFailure) -> Page {
        let page: Response
        do {
            page = try JSONInput.decode(Response.self, from: data, url)
        } catch {
            throw StoreFailure([error])
        }
        if let errors = page.errors, !errors.isEmpty {
            let messages = errors.map { $0.message ?? "?" }.joined(separator: " ; ")
            throw StoreFailure([ImportProblem.at(url, path: "errors", "la réponse de l’API signale des erreurs : \(messages)")])
        }
        guard let connection = page.data?.demarche?.dossiers else {
            throw StoreFailure([ImportProblem.at(url, "data.demarche.dossiers absent : ce n’est pas une réponse de l’API "
                + "Démarches Simplifiées à la requête demarche { dossiers { nodes { … } } }")])
        }
        let base = connection.nodes != nil ? "data.demarche.dossiers.nodes" : "data.demarche.dossiers.edges"
        let nodes = connection.nodes ?? connection.edges?.map { $0?.node } ?? []
        var problems: [StoreProblem] = []
        var dossiers: [SourceDossier] = []
        for (index, node) in nodes.enumerated() {
            guard let node else { continue }
            let at = connection.nodes != nil ? "\(base)[\(index)]" : "\(base)[\(index)].node"
            var champs = Champs(url: url, mapping: mapping)
            let dossier = SourceDossier(
                number: node.number, origin: "\(url.relativePath): \(at)",
                state: node.state.map { .text($0) } ?? .empty,
                filedAt: (node.dateDepot ?? node.datePassageEnConstruction).map { .date($0) } ?? .empty,
                applicant: node.demandeur?.applicant ?? Applicant(),
                champs: champs.read(node.champs ?? [], at: "\(at).champs"),
                annotations: champs.read(node.annotations ?? [], at: "\(at).annotations"))
            problems += champs.problems
            dossiers.append(dossier)
        }
        // One problem per kind is enough to fix the query or the mapping.
        var seen = Set<String>()
        problems = problems.filter { seen.insert($0.message).inserted }
        if !problems.isEmpty { throw StoreFailure(Array(problems.prefix(20))) }
        return Page(dossiers: dossiers, hasNextPage: connection.pageInfo?.hasNextPage)
    }
}

/// Typed champs → source values, by `__typename`.
private struct Champs {
    let url: URL
    let mapping: ImportMapping
    var problems: [StoreProblem] = []

    init(url: URL, mapping: ImportMapping) {
        self.url = url
        self.mapping = mapping
    }

    mutating func read(_ champs: [Champ], at path: String) -> [SourceChamp] {
        champs.enumerated().compactMap { index, champ in read(champ, at: "\(path)[\(index)]") }
    }

    private mutating func read(_ champ: Champ, at path: String) -> SourceChamp? {
        guard let typename = champ.typename else {
            problems.append(ImportProblem.at(url, path: path,
                "__typename absent : la requête doit demander __typename pour chaque champ"))
            return nil
        }
        guard let kind = mapping.champTypes[typename] ?? Champs.kinds[typename] else {
            problems.append(ImportProblem.at(url, path: "\(path).__typename",
                "type de champ inconnu « \(typename) » : s’il s’agit d’un nouveau type de la plateforme, déclarez "
                + "dans le fichier de correspondance comment le lire (« champTypes »: {\"\(typename)\": \"text\"})"))
            return nil
        }
        let fallback: SourceValue = champ.stringValue.map { .text($0) } ?? .empty
        let value: SourceValue
        switch kind {
        case .text:
            value = champ.stringValue.map { .text($0) } ?? champ.value?.text.map { .text($0) } ?? .empty
        case .number:
            value = (champ.integerNumber ?? champ.decimalNumber ?? champ.value)?.number.map { .number($0) } ?? fallback
        case .bool:
            value = (champ.checked ?? champ.selected ?? champ.value?.bool).map { .bool($0) } ?? fallback
        case .date:
            value = (champ.date ?? champ.datetime ?? champ.value?.text).map { .date($0) } ?? fallback
        case .list:
            value = champ.values.map { .list($0) } ?? fallback
        case .files:
            value = champ.files.map { files in
                .files(files.map { Attachment(name: $0.filename, size: $0.byteSize?.number.map { Int($0) } ?? 0) })
            } ?? fallback
        case .rows:
            guard let rows = champ.rows else {
                problems.append(ImportProblem.at(url, path: path,
                    "bloc répétable sans « rows » : la requête doit demander rows { champs { … } }"))
                return nil
            }
            value = .rows(rows.enumerated().map { row, content in read(content.champs, at: "\(path).rows[\(row)].champs") })
        }
        return SourceChamp(id: champ.id, label: champ.label ?? "", value: value)
    }

    /// The platform's champ types and how each is read; others can be declared in the mapping.
    static let kinds: [String: ChampKind] = {
        var kinds: [String: ChampKind] = [:]
        for name in ["TextChamp", "TextareaChamp", "EmailChamp", "PhoneChamp", "DropDownListChamp", "CiviliteChamp",
                     "LinkedDropDownListChamp", "PaysChamp", "RegionChamp", "DepartementChamp", "CommuneChamp",
                     "CommuneDePolynesieChamp", "CodePostalDePolynesieChamp", "AddressChamp", "SiretChamp", "RNAChamp",
                     "RNFChamp", "EpciChamp", "DossierLinkChamp", "CarteChamp", "TitreIdentiteChamp", "NumeroDnChamp",
                     "AnnuaireEducationChamp", "CnafChamp", "DgfipChamp", "MesriChamp", "PoleEmploiChamp",
                     "EngagementJuridiqueChamp", "ExpressionReguliereChamp", "FormattedChamp", "COJOChamp",
                     "ReferentielChamp", "IbanChamp", "NationaliteChamp"] {
            kinds[name] = .text
        }
        for name in ["IntegerNumberChamp", "DecimalNumberChamp", "NumberChamp"] { kinds[name] = .number }
        for name in ["CheckboxChamp", "YesNoChamp"] { kinds[name] = .bool }
        for name in ["DateChamp", "DatetimeChamp"] { kinds[name] = .date }
        kinds["MultipleDropDownListChamp"] = .list
        kinds["RepetitionChamp"] = .rows
        kinds["PieceJustificativeChamp"] = .files
        return kinds
    }()
}

// MARK: - The API's JSON

private struct Response: Decodable {
    var data: ResponseData?
    var errors: [GraphQLError]?
}

private struct GraphQLError: Decodable {
    var message: String?
}

private struct ResponseData: Decodable {
    var demarche: Demarche?
}

private struct Demarche: Decodable {
    var dossiers: Connection?
}

private struct Connection: Decodable {
    var pageInfo: PageInfo?
    var nodes: [Node?]?
    var edges: [Edge?]?
}

private struct PageInfo: Decodable {
    var hasNextPage: Bool?
}

private struct Edge: Decodable {
    var node: Node?
}

private struct Node: Decodable {
    var number: Int
    var state: String?
    var dateDepot: String?
    var datePassageEnConstruction: String?
    var demandeur: Demandeur?
    var champs: [Champ]?
    var annotations: [Champ]?
}

private struct Demandeur: Decodable {
    var typename: String?
    var siret: String?
    var address: PostalAddress?
    var entreprise: Entreprise?
    var association: Association?
    var civilite: String?
    var nom: String?
    var prenom: String?

    enum CodingKeys: String, CodingKey {
        case typename = "__typename"
        case siret, address, entreprise, association, civilite, nom, prenom
    }

    var applicant: Applicant {
        if typename == "PersonnePhysique" {
            let person = [civilite, prenom, nom].compactMap { $0 }.joined(separator: " ")
            return Applicant(person: person)
        }
        // No association in the answer: the structure is not (or no longer) one, and has no RNA number.
        return Applicant(siret: siret, raisonSociale: entreprise?.raisonSociale, legalForm: entreprise?.formeJuridique,
                         rna: association?.rna ?? "", associationTitle: association?.titre, commune: address?.cityName,
                         communeCode: address?.cityCode, department: address?.departmentName,
                         departmentCode: address?.departmentCode, region: address?.regionName, regionCode: address?.regionCode)
    }
}

private struct PostalAddress: Decodable {
    var cityName: String?
    var cityCode: String?
    var departmentName: String?
    var departmentCode: String?
    var regionName: String?
    var regionCode: String?
}

private struct Entreprise: Decodable {
    var raisonSociale: String?
    var formeJuridique: String?
}

private struct Association: Decodable {
    var rna: String?
    var titre: String?
}

/// A champ with the typed values the official queries ask for, under the API's names and the
/// aliases its documentation uses (`checked: value`, `integerNumber: value`…).
private struct Champ: Decodable {
    var typename: String?
    var id: String?
    var label: String?
    var stringValue: String?
    var value: Scalar?
    var checked: Bool?
    var selected: Bool?
    var integerNumber: Scalar?
    var decimalNumber: Scalar?
    var date: String?
    var datetime: String?
    var values: [String]?
    var rows: [Row]?
    var files: [File]?

    enum CodingKeys: String, CodingKey {
        case typename = "__typename"
        case id, label, stringValue, value, checked, selected, integerNumber, decimalNumber, date, datetime, values, rows, files
    }

    /// Only the keys present are decoded: asking for each absent one was most of the decoding time.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        for key in c.allKeys {
            switch key {
            case .typename: typename = try c.decodeIfPresent(String.self, forKey: key)
            case .id: id = try c.decodeIfPresent(String.self, forKey: key)
            case .label: label = try c.decodeIfPresent(String.self, forKey: key)
            case .stringValue: stringValue = try c.decodeIfPresent(String.self, forKey: key)
            case .value: value = try c.decodeIfPresent(Scalar.self, forKey: key)
            case .checked: checked = try c.decodeIfPresent(Bool.self, forKey: key)
            case .selected: selected = try c.decodeIfPresent(Bool.self, forKey: key)
            case .integerNumber: integerNumber = try c.decodeIfPresent(Scalar.self, forKey: key)
            case .decimalNumber: decimalNumber = try c.decodeIfPresent(Scalar.self, forKey: key)
            case .date: date = try c.decodeIfPresent(String.self, forKey: key)
            case .datetime: datetime = try c.decodeIfPresent(String.self, forKey: key)
            case .values: values = try c.decodeIfPresent([String].self, forKey: key)
            case .rows: rows = try c.decodeIfPresent([Row].self, forKey: key)
            case .files: files = try c.decodeIfPresent([File].self, forKey: key)
            }
        }
    }
}

private struct Row: Decodable {
    var champs: [Champ]
}

private struct File: Decodable {
    var filename: String
    var byteSize: Scalar?
}

/// A JSON scalar of any type: BigInt values come as strings, others as numbers or booleans.
private enum Scalar: Decodable {
    case text(String), number(Double), bool(Bool), null

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        // Texts first: BigInt values and most others are texts, and each failed attempt costs a thrown error.
        if c.decodeNil() { self = .null }
        else if let value = try? c.decode(String.self) { self = .text(value) }
        else if let value = try? c.decode(Double.self) { self = .number(value) }
        else { self = .bool(try c.decode(Bool.self)) }
    }

    var text: String? {
        switch self {
        case .text(let value): return value
        case .number(let value): return String(value)
        case .bool, .null: return nil
        }
    }

    var number: Double? {
        switch self {
        case .number(let value): return value
        case .text(let value): return Double(value.trimmed)
        case .bool, .null: return nil
        }
    }

    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }
}
