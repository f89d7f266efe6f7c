import Foundation
import JuryCore

/// A dossier as an export gives it, before the mapping is applied: the API's JSON and the
/// spreadsheets are both read into this shape, so that the mapping is applied by one piece of code.
struct SourceDossier: Sendable {
    var number: Int
    /// Where it was read, for messages: « pages/2.json: data.demarche.dossiers.nodes[3] », « export.xlsx: Dossiers!A5 ».
    var origin: String
    var state: SourceValue
    var filedAt: SourceValue
    var applicant: Applicant
    var champs: [SourceChamp]
    /// Private annotations of the instructors: read only when the mapping names one of them.
    var annotations: [SourceChamp]
}

/// One champ; a spreadsheet column has only a label.
struct SourceChamp: Sendable {
    var id: String?
    var label: String
    var value: SourceValue
}

/// The legal entity that filed the dossier; nil where the export does not say.
struct Applicant: Sendable {
    var siret: String?
    var raisonSociale: String?
    var legalForm: String?
    var rna: String?
    var associationTitle: String?
    var commune: String?
    var communeCode: String?
    var department: String?
    var departmentCode: String?
    var region: String?
    var regionCode: String?
    /// A natural person filed it (« Mme Marie Curie »): there is no carrying structure to read.
    var person: String?
}

/// A value as the export types it: the API types its champs, spreadsheet cells are typed by the
/// file (number, date, boolean, text) and CSV cells are all text.
enum SourceValue: Sendable, Equatable {
    case empty
    case text(String)
    case number(Double)
    case bool(Bool)
    /// ISO 8601, with or without time and offset.
    case date(String)
    case list([String])
    case rows([[SourceChamp]])
    case files([Attachment])

    /// The value as quoted in a report, in `l`: short, on one line.
    func quoted(_ l: Language) -> String {
        let text: String
        switch self {
        case .empty: return l.text(.quotedNothing)
        case .text(let value): text = value
        case .number(let value): text = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .bool(let value): text = value ? "true" : "false"
        case .date(let value): text = value
        case .list(let values): text = values.joined(separator: ", ")
        case .rows(let rows): text = l.text(.sourceRows, ["rows": rows.count])
        case .files(let files): text = files.map(\.name).joined(separator: ", ")
        }
        let line = Sanitizer.line(text)
        return l.text(.quotedText, ["text": line.count > 60 ? String(line.prefix(60)) + "…" : line])
    }

    var isEmpty: Bool {
        switch self {
        case .empty: return true
        case .text(let value): return value.allSatisfy(\.isWhitespace)
        case .list(let values): return values.isEmpty
        case .rows(let rows): return rows.isEmpty
        case .files(let files): return files.isEmpty
        case .number, .bool, .date: return false
        }
    }
}

extension SourceChamp: Equatable {}
