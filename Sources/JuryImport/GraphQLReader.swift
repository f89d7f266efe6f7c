import Foundation
import JuryCore
import JuryStore

/// Reads what the Démarches Simplifiées GraphQL API v2 returns for
/// `demarche(number:) { dossiers(first:, after:) { pageInfo { … } nodes { … } } }`: one file per page.
struct GraphQLReader {
    let mapping: ImportMapping
    /// The ids and label keys of every champ the mapping reads: only those need their type known.
    private let readIds: Set<String>
    private let readLabels: Set<String>
    private let ignoredIds: Set<String>
    private let ignoredLabels: Set<String>

    init(mapping: ImportMapping) {
        self.mapping = mapping
        let read = mapping.readRefs, ignored = mapping.ignore
        readIds = Set(read.compactMap(\.id))
        readLabels = Set(read.flatMap(\.labels).map(LabelKey.of))
        ignoredIds = Set(ignored.compactMap(\.id))
        ignoredLabels = Set(ignored.flatMap(\.labels).map(LabelKey.of))
    }

    struct Page {
        var dossiers: [SourceDossier]
        /// `pageInfo.hasNextPage`, when the query asked for it.
        var hasNextPage: Bool?
        /// Champs of a type this build does not know, which the mapping does not read: left out, and reported.
        var unknownTypes: [ImportReport.UnknownTypeChamp] = []
    }

    /// How this build reads a `__typename` of the platform (nil: unknown, or the form's layout).
    static func kind(of typename: String) -> ChampKind? { Champs.kinds[typename] }

    /// Whether the mapping reads the champ, or lists it in `ignore`.
    fileprivate func reads(_ champ: Champ) -> Bool {
        champ.id.map(readIds.contains) == true || readLabels.contains(LabelKey.of(champ.label ?? ""))
    }

    fileprivate func ignores(_ champ: Champ) -> Bool {
        champ.id.map(ignoredIds.contains) == true || ignoredLabels.contains(LabelKey.of(champ.label ?? ""))
    }

    func read(_ data: Data, _ url: URL) throws(StoreFailure) -> Page {
        // The store's token reader takes a well-formed page several times faster than JSONDecoder; anything it
        // declines is read again by JSONDecoder, whose messages give the line and column or the field's path.
        let page: Response
        if let fast = TokenReader.decode(Response.self, from: data) {
            page = fast
        } else {
            do {
                page = try JSONInput.decode(Response.self, from: data, url, userInfo: [Champ.lenient: true])
            } catch {
                throw StoreFailure([error])
            }
        }
        if let errors = page.errors, !errors.isEmpty {
            let messages = errors.prefix(5).map { String(($0.message ?? "?").prefix(200)) }.joined(separator: " ; ")
            throw StoreFailure([ImportProblem.at(url, path: "errors", Localized(.theAPIsAnswerReportsErrors, ["messages": messages]))])
        }
        guard let connection = page.data?.demarche?.dossiers else {
            throw StoreFailure([ImportProblem.at(url, Localized(.dataDemarcheDossiersMissingNotAnAnswer))])
        }
        let base = connection.nodes != nil ? "data.demarche.dossiers.nodes" : "data.demarche.dossiers.edges"
        let nodes = connection.nodes ?? connection.edges?.map { $0?.node } ?? []
        var problems: [StoreProblem] = []
        var dossiers: [SourceDossier] = []
        var unknown = UnknownTypes()
        for (index, node) in nodes.enumerated() {
            guard let node else { continue }
            let at = connection.nodes != nil ? "\(base)[\(index)]" : "\(base)[\(index)].node"
            var champs = Champs(url: url, reader: self)
            let dossier = SourceDossier(
                number: node.number, origin: "\(url.relativePath): \(at)",
                state: node.state.map { .text($0) } ?? .empty,
                filedAt: (node.dateDepot ?? node.datePassageEnConstruction).map { .date($0) } ?? .empty,
                applicant: node.demandeur?.applicant ?? Applicant(),
                champs: champs.read(node.champs ?? [], at: "\(at).champs"),
                annotations: champs.read(node.annotations ?? [], at: "\(at).annotations"))
            problems += champs.problems
            unknown.add(champs.unknown)
            dossiers.append(dossier)
        }
        // One problem per kind is enough to fix the query or the mapping.
        var seen = Set<String>()
        problems = problems.filter { seen.insert($0.message.fr).inserted }
        if !problems.isEmpty { throw StoreFailure(Array(problems.prefix(20))) }
        return Page(dossiers: dossiers, hasNextPage: connection.pageInfo?.hasNextPage, unknownTypes: unknown.champs)
    }
}

/// Champs of unknown types, each once, with how many dossiers have them.
struct UnknownTypes {
    private(set) var champs: [ImportReport.UnknownTypeChamp] = []
    private var index: [String: Int] = [:]

    private static func key(_ champ: ImportReport.UnknownTypeChamp) -> String {
        champ.type + "\u{0}" + (champ.id ?? LabelKey.of(champ.label))
    }

    /// The champs of one dossier: each counts once for it.
    mutating func add(_ dossier: [ImportReport.UnknownTypeChamp]) {
        var seen = Set<String>()
        for champ in dossier where seen.insert(Self.key(champ)).inserted { add(champ, dossiers: 1) }
    }

    mutating func add(_ champ: ImportReport.UnknownTypeChamp, dossiers: Int) {
        let key = Self.key(champ)
        if let at = index[key] {
            champs[at].dossiers += dossiers
        } else {
            index[key] = champs.count
            champs.append(.init(label: champ.label, id: champ.id, type: champ.type, dossiers: dossiers))
        }
    }
}

/// Typed champs → source values, by `__typename`.
private struct Champs {
    let url: URL
    let reader: GraphQLReader
    var problems: [StoreProblem] = []
    /// This dossier's champs of unknown types (`dossiers` 0: counted by the page).
    var unknown: [ImportReport.UnknownTypeChamp] = []

    init(url: URL, reader: GraphQLReader) {
        self.url = url
        self.reader = reader
    }

    mutating func read(_ champs: [Champ], at path: String) -> [SourceChamp] {
        champs.enumerated().compactMap { index, champ in read(champ, in: path, index) }
    }

    /// The champ at `parent[index]`; its path is written out only when needed (a problem, a block's rows).
    private mutating func read(_ champ: Champ, in parent: String, _ index: Int) -> SourceChamp? {
        var path: String { "\(parent)[\(index)]" }
        guard let typename = champ.typename else {
            problems.append(ImportProblem.at(url, path: path,
                Localized(.typenameMissingTheQueryMustAskFor)))
            return nil
        }
        // Section titles and explanations are the form's layout, not answers.
        if Champs.structural.contains(typename) && reader.mapping.champTypes[typename] == nil { return nil }
        guard let kind = reader.mapping.champTypes[typename] ?? Champs.kinds[typename] else {
            if reader.reads(champ) {
                problems.append(ImportProblem.at(url, path: "\(path).__typename",
                    Localized(.unknownChampTypeForWhichTheMapping, ["typename": typename, "label": champ.label ?? ""])))
            } else if !reader.ignores(champ) {
                unknown.append(.init(label: champ.label ?? "", id: champ.id, type: typename, dossiers: 0))
            }
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
                .files(files.map { Attachment(name: $0.filename, size: $0.size) })
            } ?? fallback
        case .rows:
            guard let rows = champ.rows else {
                problems.append(ImportProblem.at(url, path: path,
                    Localized(.repeatedBlockWithoutRowsTheQueryMust)))
                return nil
            }
            value = .rows(rows.enumerated().map { row, content in read(content.champs, at: "\(path).rows[\(row)].champs") })
        }
        return SourceChamp(id: champ.id, label: champ.label ?? "", value: value)
    }

    /// Types of the platform's schema that hold no answer.
    static let structural: Set<String> = ["HeaderSectionChamp", "ExplicationChamp"]

    /// Every type that implements `Champ` in the platform's public schema (app/graphql/schema.graphql),
    /// and the older ones still met in answers, with how each is read; others can be declared in the mapping.
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

    enum CodingKeys: String, CodingKey, CaseIterable {
        case typename = "__typename"
        case id, label, stringValue, value, checked, selected, integerNumber, decimalNumber, date, datetime, values, rows, files
    }

    /// Set by the second reading, JSONDecoder's (see `GraphQLReader.read`).
    static let lenient = CodingUserInfoKey(rawValue: "lenientChamps")!

    /// JSONDecoder decodes only the keys present (asking it for each absent one was most of its time);
    /// the token reader is asked for each of ours (listing the keys present, as strings, was half of its).
    /// On the second reading, a value of another shape than expected is left out rather than refusing
    /// the page: a type the platform adds may give one of these names to something else, and its champ
    /// must not stop an import that does not read it (a champ the mapping reads falls back to
    /// `stringValue`). The first reading, the token reader's, gives up instead, as it does on anything unusual.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // (The token reader's userInfo is always empty: checking that first spares a lookup per champ.)
        let lenient = !decoder.userInfo.isEmpty && decoder.userInfo[Champ.lenient] as? Bool == true
        func field<T: Decodable>(_ type: T.Type, _ key: CodingKeys) throws -> T? {
            do {
                return try c.decodeIfPresent(type, forKey: key)
            } catch {
                if lenient { return nil }
                throw error
            }
        }
        for key in lenient ? c.allKeys : CodingKeys.allCases {
            switch key {
            case .typename: typename = try field(String.self, key)
            case .id: id = try field(String.self, key)
            case .label: label = try field(String.self, key)
            case .stringValue: stringValue = try field(String.self, key)
            case .value: value = try field(Scalar.self, key)
            case .checked: checked = try field(Bool.self, key)
            case .selected: selected = try field(Bool.self, key)
            case .integerNumber: integerNumber = try field(Scalar.self, key)
            case .decimalNumber: decimalNumber = try field(Scalar.self, key)
            case .date: date = try field(String.self, key)
            case .datetime: datetime = try field(String.self, key)
            case .values: values = try field([String].self, key)
            case .rows: rows = try field([Row].self, key)
            case .files: files = try field([File].self, key)
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
    /// The schema's current name for the size (a BigInt, as a string).
    var byteSizeBigInt: Scalar?

    /// Bytes, 0 when absent or not a plausible size.
    var size: Int {
        guard let bytes = (byteSizeBigInt ?? byteSize)?.number, bytes >= 0, bytes < 1e15 else { return 0 }
        return Int(bytes)
    }
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
        // An object or an array is not a scalar: the token reader gives up, JSONDecoder's reading leaves the field out.
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
