import Foundation
import JuryCore
import JuryStore

/// Problems with the files given to the import, in the store's format (`file:line:column: message`
/// or `file: where: message`), with every quoted piece of the file made safe to print.
enum ImportProblem {
    static func at(_ url: URL, line: Int? = nil, column: Int? = nil, path: String? = nil, _ message: Localized) -> StoreProblem {
        StoreProblem(path: Sanitizer.line(url.relativePath), line: line, column: column, fieldPath: path.map(Sanitizer.line),
                     message: Localized(fr: Sanitizer.line(message.fr), en: Sanitizer.line(message.en)))
    }
}

/// JSON read from outside (a mapping, pages of the API) with messages a person can act on: the
/// line and column of a syntax error, the path of a field of the wrong type.
enum JSONInput {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, _ url: URL,
                                     userInfo: [CodingUserInfoKey: Bool] = [:]) throws(StoreProblem) -> T {
        do {
            let decoder = JSONDecoder()
            for (key, value) in userInfo { decoder.userInfo[key] = value }
            return try decoder.decode(type, from: data)
        } catch {
            throw diagnose(error, data, url)
        }
    }

    private static func diagnose(_ error: any Error, _ data: Data, _ url: URL) -> StoreProblem {
        if data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return ImportProblem.at(url, Localized(.emptyFile)) }
        if String(data: data, encoding: .utf8) == nil {
            return ImportProblem.at(url, Localized(.theFileIsNotInUTF8))
        }
        // JSONDecoder on Linux gives no position; JSONSerialization gives a byte offset.
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            guard let offset = byteOffset(in: detail, data) else { return ImportProblem.at(url, Localized(.invalidJSON, ["detail": detail])) }
            let (line, column) = JSONText.position(of: offset, in: data)
            return detail.hasPrefix("Unexpected end of file")
                ? ImportProblem.at(url, line: line, column: column, Localized(.truncatedJSONABraceABracketOr))
                : ImportProblem.at(url, line: line, column: column, Localized(.invalidJSONAtThisPlace))
        }
        guard let error = error as? DecodingError else { return ImportProblem.at(url, Localized(fr: "\(error)", en: "\(error)")) }
        switch error {
        case .keyNotFound(let key, let context):
            return ImportProblem.at(url, path: fieldPath(context.codingPath + [key]), Localized(.requiredFieldMissing))
        case .valueNotFound(_, let context):
            return ImportProblem.at(url, path: fieldPath(context.codingPath), Localized(.requiredValueFoundNull))
        case .typeMismatch(let type, let context):
            return ImportProblem.at(url, path: fieldPath(context.codingPath), Localized { l in l.text(.typeExpected, ["type": typeName(type, l)]) })
        case .dataCorrupted(let context):
            return ImportProblem.at(url, path: fieldPath(context.codingPath), (context.underlyingError as? DecodingRefusal)?.message
                                    ?? Localized(fr: context.debugDescription, en: context.debugDescription))
        @unknown default:
            return ImportProblem.at(url, Localized(fr: "\(error)", en: "\(error)"))
        }
    }

    /// "data.demarche.dossiers.nodes[3].number".
    static func fieldPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }

    private static func typeName(_ type: Any.Type, _ l: Language) -> String {
        switch type {
        case is String.Type: return l.text(.jsonTypeString)
        case is Bool.Type: return l.text(.booleanTrueOrFalse)
        case is Double.Type: return l.text(.jsonTypeNumber)
        case is Int.Type: return l.text(.integer)
        case is [Any].Type: return l.text(.list)
        default: return l.text(.object)
        }
    }

    /// On Linux the message ends with "around character N." (a byte offset) or starts with
    /// "Unexpected end of file".
    private static func byteOffset(in detail: String, _ data: Data) -> Int? {
        if detail.hasPrefix("Unexpected end of file") { return data.count }
        guard let range = detail.range(of: "character ", options: .backwards) else { return nil }
        return Int(detail[range.upperBound...].prefix { $0.isNumber })
    }
}

/// A coding key made from a text or an index, for paths and dynamic objects.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(_ string: String) {
        stringValue = string
        intValue = nil
    }

    init?(stringValue: String) { self.init(stringValue) }

    init?(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }
}
