import Foundation
import JuryCore
import JuryStore

/// Which champ of the Démarches Simplifiées form fills which field of a dossier, and how values
/// are read (docs/IMPORT.md). A renamed champ or a custom export template is an edit of this
/// file, never of the code.
public struct ImportMapping: Sendable {
    public var schemaVersion: Int
    /// Which form it is for, repeated in the report.
    public var title: String?
    /// Field → where it is read; several references are alternatives (scalar fields) or parts
    /// that are joined (narrative sections, attachments).
    var champs: [MappedField: [ChampRef]]
    var members: MembersBlock?
    var cofinancing: CofinancingBlock?
    var territories: LabelTable<TerritoryType>
    var states: LabelTable<FilingState>
    var ignore: [ChampRef]
    /// Champ types that this build does not know, and how to read them.
    var champTypes: [String: ChampKind]
    var spreadsheet: SpreadsheetLayout
    var reading: ReadingRules

    public static let currentSchemaVersion = 1

    /// Every reference whose champ the import reads: the fields, the blocks and their columns.
    var readRefs: [ChampRef] {
        var refs = champs.values.flatMap { $0 }
        if let members { refs += [members.block, members.name, members.category] + (members.siret.map { [$0] } ?? []) }
        if let cofinancing { refs += [cofinancing.block, cofinancing.source, cofinancing.amount] }
        return refs
    }

    /// The mapping of the AMI PTCE form, shipped in data/import/mapping-ptce.json.
    public static func ptceDefault() -> ImportMapping {
        // The embedded text is checked against data/import/mapping-ptce.json by the tests.
        try! load(Data(DefaultMapping.json.utf8), from: URL(fileURLWithPath: "mapping-ptce.json"))
    }

    /// Reads a mapping file; every problem names the file and the line and column or field path.
    public static func load(_ data: Data, from url: URL) throws(StoreFailure) -> ImportMapping {
        let mapping: ImportMapping
        do {
            mapping = try JSONInput.decode(MappingFile.self, from: data, url).mapping
        } catch {
            throw StoreFailure([error])
        }
        guard mapping.schemaVersion == currentSchemaVersion else {
            throw StoreFailure([ImportProblem.at(url, path: "schemaVersion",
                Localized(.mappingSchemaVersionNotSupported, ["schemaVersion": mapping.schemaVersion, "currentSchemaVersion": currentSchemaVersion]))])
        }
        return mapping
    }
}

/// The fields a mapping can fill, with the key it is written under.
enum MappedField: String, CaseIterable, Sendable {
    case name, sector, territory, creationYear, phase1Laureate, phase1Year, jobs, budgetTotal, budgetRequested
    case presentation, cooperation, economicModel, animation, impact, scaling, attachments

    /// Sections and attachments join what every reference finds; other fields take the first found.
    var joinsParts: Bool { narrativeSection != nil || self == .attachments }

    var narrativeSection: NarrativeSection? {
        switch self {
        case .presentation: return .presentation
        case .cooperation: return .cooperation
        case .economicModel: return .economicModel
        case .animation: return .animation
        case .impact: return .impact
        case .scaling: return .scaling
        default: return nil
        }
    }
}

/// A champ named by its stable id, and by its label as a fallback (the only name a spreadsheet has).
public struct ChampRef: Sendable, Equatable, Hashable {
    public var id: String?
    public var label: String?
    /// Other labels the same champ may have (a custom export template, an older form).
    public var aliases: [String]

    public init(id: String? = nil, label: String? = nil, aliases: [String] = []) {
        self.id = id
        self.label = label
        self.aliases = aliases
    }

    var labels: [String] { (label.map { [$0] } ?? []) + aliases }

    /// « Nom du PTCE » (id Q2hhbXAtMQ==), as reports name it in `l`.
    func display(_ l: Language) -> String {
        let shown = label.map { l.text(.quotedText, ["text": $0]) } ?? ""
        guard let id else { return shown }
        return shown.isEmpty ? "id \(id)" : "\(shown) (id \(id))"
    }
}

struct MembersBlock: Sendable {
    var block: ChampRef
    var name: ChampRef
    var category: ChampRef
    var siret: ChampRef?
    var categories: LabelTable<MemberCategory>
}

struct CofinancingBlock: Sendable {
    var block: ChampRef
    var source: ChampRef
    var amount: ChampRef
}

/// Where a spreadsheet export keeps what is not a champ.
struct SpreadsheetLayout: Sendable {
    var dossiersSheet: String
    var blockDossierColumn: String
    var blockRowColumn: String
    var columns: [SpreadsheetColumn: String]
    /// Columns of the platform that are read by nothing here, and are not champs either.
    var otherColumns: [String]
}

enum SpreadsheetColumn: String, CaseIterable, Sendable {
    case number, state, filedAt, siret, raisonSociale, legalForm, rna, associationTitle
    case commune, communeCode, department, departmentCode, region, regionCode
}

/// How the texts of an export are read.
struct ReadingRules: Sendable {
    var yes: [String]
    var no: [String]
    var decimalSeparator: Character
    var currency: [String]
    var dateFormats: [String]
    var timeZone: TimeZone
}

/// How a champ type's value is read.
enum ChampKind: String, Sendable, CaseIterable {
    case text, number, bool, date, list, rows, files
}

/// Labels of the export (« Entreprise de l’ESS ») → values of the model, matched the way labels are.
struct LabelTable<Value: Sendable>: Sendable {
    private var byKey: [String: Value]

    init(_ entries: [String: Value]) {
        byKey = Dictionary(entries.map { (LabelKey.of($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The value of a label, given its `LabelKey`.
    func value(forKey key: String) -> Value? { byKey[key] }
}

// MARK: - The file

/// The JSON shape, checked strictly: an unknown key is most likely a typo that would otherwise
/// silently leave a field unmapped.
private struct MappingFile: Decodable {
    var mapping: ImportMapping

    private enum Key: String, CodingKey, CaseIterable {
        case schemaVersion, title, champs, members, cofinancing, territories, states, ignore, champTypes, spreadsheet, reading
    }

    init(from decoder: any Decoder) throws {
        let c = try StrictKeys<Key>.container(decoder)
        let champs = try c.decode(StrictDictionary<MappedField, RefList>.self, forKey: .champs).values
        let typeNames = try c.decodeIfPresent([String: String].self, forKey: .champTypes) ?? [:]
        var champTypes: [String: ChampKind] = [:]
        for (name, kind) in typeNames {
            guard let known = ChampKind(rawValue: kind) else {
                let values = ChampKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw DecodingRefusal.error(at: c.codingPath + [AnyKey(Key.champTypes.rawValue), AnyKey(name)],
                                            Localized(.unknownWayOfReadingValues, ["kind": kind, "values": values]))
            }
            champTypes[name] = known
        }
        mapping = ImportMapping(
            schemaVersion: try c.decode(Int.self, forKey: .schemaVersion),
            title: try c.decodeIfPresent(String.self, forKey: .title),
            champs: champs.mapValues(\.refs),
            members: try c.decodeIfPresent(MembersFile.self, forKey: .members)?.block,
            cofinancing: try c.decodeIfPresent(CofinancingFile.self, forKey: .cofinancing)?.block,
            territories: LabelTable(try valueTable(c, .territories, TerritoryType.self)),
            states: LabelTable(try valueTable(c, .states, FilingState.self)),
            ignore: try c.decodeIfPresent([ChampRef].self, forKey: .ignore) ?? [],
            champTypes: champTypes,
            spreadsheet: try c.decode(SpreadsheetFile.self, forKey: .spreadsheet).layout,
            reading: try c.decode(ReadingFile.self, forKey: .reading).rules)
    }
}

extension ChampRef: Decodable {
    private enum Key: String, CodingKey, CaseIterable { case id, label, aliases }

    public init(from decoder: any Decoder) throws {
        let c = try StrictKeys<Key>.container(decoder)
        self.init(id: try c.decodeIfPresent(String.self, forKey: .id),
                  label: try c.decodeIfPresent(String.self, forKey: .label),
                  aliases: try c.decodeIfPresent([String].self, forKey: .aliases) ?? [])
        if id == nil && label == nil {
            throw DecodingRefusal.error(at: decoder.codingPath, Localized(.idOrLabelIsNeededOrBoth))
        }
    }
}

/// One reference or a list of them.
private struct RefList: Decodable {
    var refs: [ChampRef]

    init(from decoder: any Decoder) throws {
        if let list = try? [ChampRef](from: decoder) {
            refs = list
        } else {
            refs = [try ChampRef(from: decoder)]
        }
    }
}

private struct MembersFile: Decodable {
    var block: MembersBlock
    private enum Key: String, CodingKey, CaseIterable { case block, name, category, siret, categories }

    init(from decoder: any Decoder) throws {
        let c = try StrictKeys<Key>.container(decoder)
        block = MembersBlock(block: try c.decode(ChampRef.self, forKey: .block), name: try c.decode(ChampRef.self, forKey: .name),
                             category: try c.decode(ChampRef.self, forKey: .category),
                             siret: try c.decodeIfPresent(ChampRef.self, forKey: .siret),
                             categories: LabelTable(try valueTable(c, .categories, MemberCategory.self)))
    }
}

private struct CofinancingFile: Decodable {
    var block: CofinancingBlock
    private enum Key: String, CodingKey, CaseIterable { case block, source, amount }

    init(from decoder: any Decoder) throws {
        let c = try StrictKeys<Key>.container(decoder)
        block = CofinancingBlock(block: try c.decode(ChampRef.self, forKey: .block), source: try c.decode(ChampRef.self, forKey: .source),
                                 amount: try c.decode(ChampRef.self, forKey: .amount))
    }
}

private struct SpreadsheetFile: Decodable {
    var layout: SpreadsheetLayout
    private enum Key: String, CodingKey, CaseIterable { case dossiersSheet, blockDossierColumn, blockRowColumn, columns, otherColumns }

    init(from decoder: any Decoder) throws {
        let c = try StrictKeys<Key>.container(decoder)
        let columns = try c.decode(StrictDictionary<SpreadsheetColumn, String>.self, forKey: .columns).values
        guard columns[.number] != nil else {
            throw DecodingError.keyNotFound(AnyKey(SpreadsheetColumn.number.rawValue),
                                            .init(codingPath: c.codingPath + [AnyKey(Key.columns.rawValue)], debugDescription: ""))
        }
        layout = SpreadsheetLayout(dossiersSheet: try c.decode(String.self, forKey: .dossiersSheet),
                                   blockDossierColumn: try c.decode(String.self, forKey: .blockDossierColumn),
                                   blockRowColumn: try c.decode(String.self, forKey: .blockRowColumn),
                                   columns: columns, otherColumns: try c.decode([String].self, forKey: .otherColumns))
    }
}

private struct ReadingFile: Decodable {
    var rules: ReadingRules
    private enum Key: String, CodingKey, CaseIterable { case yes, no, decimalSeparator, currency, dateFormats, timeZone }

    init(from decoder: any Decoder) throws {
        let c = try StrictKeys<Key>.container(decoder)
        let separator = try c.decode(String.self, forKey: .decimalSeparator)
        guard separator == "," || separator == "." else {
            throw DecodingRefusal.error(at: c.codingPath + [Key.decimalSeparator], Localized(.decimalSeparatorExpected, ["separator": separator]))
        }
        let zoneName = try c.decode(String.self, forKey: .timeZone)
        guard let zone = TimeZone(identifier: zoneName) else {
            throw DecodingRefusal.error(at: c.codingPath + [Key.timeZone], Localized(.unknownTimeZoneEGEuropeParis, ["zoneName": zoneName]))
        }
        rules = ReadingRules(yes: try c.decode([String].self, forKey: .yes), no: try c.decode([String].self, forKey: .no),
                             decimalSeparator: separator == "," ? "," : ".", currency: try c.decode([String].self, forKey: .currency),
                             dateFormats: try c.decode([String].self, forKey: .dateFormats), timeZone: zone)
    }
}

/// An object whose keys must all be known: `Key`'s raw values.
private enum StrictKeys<Key: RawRepresentable & CaseIterable> where Key.RawValue == String {
    static func container(_ decoder: any Decoder) throws -> KeyedDecodingContainer<Key> where Key: CodingKey {
        try checkKeys(decoder, allowed: Key.allCases.map(\.rawValue))
        return try decoder.container(keyedBy: Key.self)
    }
}

/// An object whose keys are the raw values of `Key`, each optional.
private struct StrictDictionary<Key: RawRepresentable & CaseIterable & Hashable, Value: Decodable>: Decodable
where Key.RawValue == String {
    var values: [Key: Value] = [:]

    init(from decoder: any Decoder) throws {
        try checkKeys(decoder, allowed: Key.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: AnyKey.self)
        for key in c.allKeys {
            if let value = try c.decodeIfPresent(Value.self, forKey: key) { values[Key(rawValue: key.stringValue)!] = value }
        }
    }
}

/// Labels → values of one of the model's enumerations, with the valid values named on a mistake.
private func valueTable<Key: CodingKey, Value: RawRepresentable & CaseIterable>(
    _ c: KeyedDecodingContainer<Key>, _ key: Key, _: Value.Type
) throws -> [String: Value] where Value.RawValue == String {
    var table: [String: Value] = [:]
    for (label, raw) in try c.decode([String: String].self, forKey: key) {
        guard let value = Value(rawValue: raw) else {
            let values = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingRefusal.error(at: c.codingPath + [key, AnyKey(label)], Localized(.unknownValueValues, ["raw": raw, "values": values]))
        }
        table[label] = value
    }
    return table
}

private func checkKeys(_ decoder: any Decoder, allowed: [String]) throws {
    let c = try decoder.container(keyedBy: AnyKey.self)
    if let unknown = c.allKeys.map(\.stringValue).sorted().first(where: { !allowed.contains($0) }) {
        throw DecodingRefusal.error(at: c.codingPath + [AnyKey(unknown)],
                                    Localized(.unknownKeyAndThePossibleOnes, ["keys": allowed.joined(separator: ", ")]))
    }
}
