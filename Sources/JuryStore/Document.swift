import Foundation
import JuryCore

/// A file of the campaign: it says which version of the schema wrote it.
protocol VersionedDocument: Codable {
    var schemaVersion: Int { get }
}

extension Campaign: VersionedDocument {}
extension Jury: VersionedDocument {}
extension ScoreSheet: VersionedDocument {}

/// dossiers.json: a list wrapped in an object, so that the file has a version like the others.
struct DossiersFile: VersionedDocument, Equatable {
    var schemaVersion: Int
    var dossiers: [Dossier]
}

/// Turns files into model values and back, with the checks and diagnostics that go with it.
enum Document {
    /// Shared: making a decoder per file is a measurable part of opening thousands of sheets.
    static let decoder = JSONDecoder()
    /// Sorted keys and pretty printing: files diff cleanly and are identical from run to run.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }()

    static func checkVersion(_ version: Int, _ url: URL) throws(StoreProblem) {
        if let problem = versionProblem(version, url) { throw problem }
    }

    static func versionProblem(_ version: Int, _ url: URL) -> StoreProblem? {
        guard version != currentSchemaVersion else { return nil }
        return StoreProblem(url, fieldPath: "schemaVersion",
                            Localized(.schemaversionNotSupportedExpectedVersion, ["version": version, "currentSchemaVersion": currentSchemaVersion]))
    }

    /// Reads and decodes a file; nil when it does not exist.
    static func load<T: VersionedDocument>(_ type: T.Type, from url: URL, limit: Int) throws(StoreProblem) -> T? {
        guard let data = try FileReader.read(url, limit: limit) else { return nil }
        return try decode(type, from: data, url)
    }

    static func decode<T: VersionedDocument>(_ type: T.Type, from data: Data, _ url: URL) throws(StoreProblem) -> T {
        if let value = TokenReader.decode(type, from: data) {
            try checkVersion(value.schemaVersion, url)
            return value
        }
        if let fault = JSONText.firstFault(in: data) { throw syntaxProblem(fault, in: data, url) }
        let value: T
        do {
            value = try decoder.decode(type, from: data)
        } catch {
            throw diagnose(type, data, url, error)
        }
        try checkVersion(value.schemaVersion, url)
        return value
    }

    /// The bytes written for a value: what `decode` reads back, ending with a newline.
    static func encode<T: Encodable>(_ value: T, _ url: URL) throws(StoreProblem) -> Data {
        do {
            return try encoder.encode(value) + Data("\n".utf8)
        } catch {
            throw StoreProblem(url, Localized(.cannotEncodeJSON, ["error": error]))
        }
    }

    /// Replaces a file with a new version computed from the one on disk (nil when there is none).
    /// The version on disk must load: a file this build cannot read is never written over. The
    /// fields it has that this build does not know are carried over into the new version.
    static func replace<T: VersionedDocument>(_ url: URL, limit: Int,
                                              with update: (T?) throws(StoreProblem) -> T) throws(StoreProblem) -> T {
        let onDisk = try FileReader.read(url, limit: limit)
        var current: T?
        if let onDisk { current = try decode(T.self, from: onDisk, url) }
        let value = try update(current)
        try checkVersion(value.schemaVersion, url)
        var data = try encode(value, url)
        // Comparing bytes first spares building trees for the usual case: a file we wrote ourselves.
        if let onDisk, let current, case let known = try encode(current, url), known != onDisk {
            let oldTree = try tree(onDisk, url), knownTree = try tree(known, url)
            if oldTree != knownTree {
                data = try encode(try tree(data, url).keepingUnknownFields(of: oldTree, known: knownTree), url)
            }
        }
        guard data.count <= limit else {
            throw StoreProblem(url, Localized { l in
                l.text(.fileWouldExceedTheMaximumSize, ["size": FileReader.byteCount(data.count, l), "limit": FileReader.byteCount(limit, l)])
            })
        }
        try DurableFile.write(data, to: url)
        return value
    }

    static func tree(_ data: Data, _ url: URL) throws(StoreProblem) -> JSONValue {
        do {
            return try decoder.decode(JSONValue.self, from: data)
        } catch {
            throw StoreProblem(url, Localized(.cannotReadJSON, ["error": error]))
        }
    }

    // MARK: - Diagnostics

    private static func syntaxProblem(_ fault: (offset: Int?, message: Localized), in data: Data, _ url: URL) -> StoreProblem {
        guard let offset = fault.offset else { return StoreProblem(url, fault.message) }
        let (line, column) = JSONText.position(of: offset, in: data)
        return StoreProblem(url, line: line, column: column, fault.message)
    }

    /// Why JSONDecoder refused `data`: the file is empty, or its syntax is wrong (with a line and
    /// column), or a field does not fit the schema (with its path).
    private static func diagnose<T: Decodable>(_ type: T.Type, _ data: Data, _ url: URL, _ error: any Error) -> StoreProblem {
        if data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return StoreProblem(url, Localized(.emptyFile)) }
        if let fault = JSONText.syntaxFault(in: data) { return syntaxProblem(fault, in: data, url) }
        guard let tree = try? decoder.decode(JSONValue.self, from: data) else {
            return StoreProblem(url, Localized(.unreadableContents, ["error": error]))
        }
        // Another version's layout: listing its differences from ours would only mislead.
        if case .integer(let version)? = tree["schemaVersion"], let problem = versionProblem(version, url) { return problem }
        do {
            _ = try T(from: TreeDecoder(value: tree, codingPath: []))
        } catch {
            return describe(error, in: tree, url)
        }
        return describe(error, in: tree, url)
    }

    private static func describe(_ error: any Error, in tree: JSONValue, _ url: URL) -> StoreProblem {
        guard let error = error as? DecodingError else { return StoreProblem(url, Localized(fr: "\(error)", en: "\(error)")) }
        switch error {
        case .keyNotFound(let key, let context):
            return StoreProblem(url, fieldPath: PathKey.fieldPath(context.codingPath + [key]), Localized(.requiredFieldMissing))
        case .valueNotFound(let type, let context):
            return StoreProblem(url, fieldPath: PathKey.fieldPath(context.codingPath),
                                Localized { l in l.text(.requiredValueOfTypeFoundNull, ["type": typeName(type, l)]) })
        case .typeMismatch(let type, let context):
            return StoreProblem(url, fieldPath: PathKey.fieldPath(context.codingPath),
                                Localized { l in
                                    l.text(.typeExpectedFound, ["type": typeName(type, l), "found": found(at: context.codingPath, in: tree, l)])
                                })
        case .dataCorrupted(let context):
            let fieldPath = PathKey.fieldPath(context.codingPath)
            // The raw-value enums' English message says nothing a juror can use; the value does.
            let message = if let refusal = context.underlyingError as? DecodingRefusal {
                refusal.message
            } else if context.debugDescription.hasPrefix("Cannot initialize") {
                Localized { l in l.text(.unrecognisedValue, ["found": found(at: context.codingPath, in: tree, l)]) }
            } else {
                Localized(fr: context.debugDescription, en: context.debugDescription)
            }
            return StoreProblem(url, fieldPath: fieldPath.isEmpty ? nil : fieldPath, message)
        @unknown default:
            return StoreProblem(url, Localized(fr: "\(error)", en: "\(error)"))
        }
    }

    private static func typeName(_ type: Any.Type, _ l: Language) -> String {
        switch type {
        case is String.Type: return l.text(.jsonTypeString)
        case is Bool.Type: return l.text(.booleanTrueOrFalse)
        case is Double.Type, is Float.Type: return l.text(.jsonTypeNumber)
        case is any FixedWidthInteger.Type: return l.text(.integer)
        case is [Any].Type: return l.text(.list)
        default: return l.text(.object)
        }
    }

    private static func found(at path: [any CodingKey], in tree: JSONValue, _ l: Language) -> String {
        var node: JSONValue? = tree
        for key in path {
            if case .array(let items)? = node, let index = key.intValue, items.indices.contains(index) {
                node = items[index]
            } else {
                node = node?[key.stringValue]
            }
        }
        switch node {
        case nil: return l.text(.nothing)
        case .null?: return "null"
        case .bool(let value)?: return l.text(.theBoolean, ["value": value])
        case .integer(let value)?: return l.text(.theNumber, ["value": value])
        case .double(let value)?: return l.text(.theNumber, ["value": value])
        case .string(let value)?:
            let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
            return l.text(.theTextQuoted, ["shown": shown])
        case .array?: return l.text(.aList)
        case .object?: return l.text(.anObject)
        }
    }
}
