import Foundation

/// A JSON document as a plain tree, for what the typed model cannot do: keep the fields it does
/// not know, name the fields that sanitizing changed, and explain a decoding failure.
enum JSONValue: Hashable, Sendable, Codable {
    case null
    case bool(Bool)
    case integer(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else {
            self = .double(try container.decode(Double.self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    subscript(key: String) -> JSONValue? {
        guard case .object(let fields) = self else { return nil }
        return fields[key]
    }
}

// MARK: - Fields unknown to this build

extension JSONValue {
    /// Fields that identify an element of an array, so that an element keeps its unknown fields
    /// when the array is reordered, grows or shrinks.
    static let identityKeys = ["key", "number", "login", "dossier"]

    /// This new document plus the fields of `onDisk` that this build's schema does not know.
    /// `known` is `onDisk` decoded and re-encoded by this build: whatever it lacks, the schema dropped.
    func keepingUnknownFields(of onDisk: JSONValue, known: JSONValue) -> JSONValue {
        switch (self, onDisk, known) {
        case (.object(var fields), .object(let old), .object(let oldKnown)):
            for (key, oldValue) in old {
                if let knownValue = oldKnown[key] {
                    // A known field that the new value leaves out (an optional set to nil) stays out.
                    if let value = fields[key] { fields[key] = value.keepingUnknownFields(of: oldValue, known: knownValue) }
                } else if oldValue != .null && fields[key] == nil {
                    // A null is how an absent optional may be written: it carries nothing to keep.
                    fields[key] = oldValue
                }
            }
            return .object(fields)
        case (.array(let items), .array(let old), .array(let oldKnown)) where old.count == oldKnown.count:
            let counterparts = JSONValue.counterparts(of: items, in: old)
            return .array(zip(items, counterparts).map { item, index in
                guard let index else { return item }
                return item.keepingUnknownFields(of: old[index], known: oldKnown[index])
            })
        default:
            return self
        }
    }

    /// For each new element, the index of the old element it replaces: same identity when the
    /// elements have one, else same position when the lengths agree.
    private static func counterparts(of items: [JSONValue], in old: [JSONValue]) -> [Int?] {
        if let key = identityKeys.first(where: { key in items.contains { $0[key] != nil } }) {
            var indexByIdentity: [JSONValue: Int] = [:]
            for (index, element) in old.enumerated() {
                if let identity = element[key], indexByIdentity[identity] == nil { indexByIdentity[identity] = index }
            }
            return items.map { $0[key].flatMap { indexByIdentity[$0] } }
        }
        return items.count == old.count ? Array(old.indices) : Array(repeating: nil, count: items.count)
    }
}

// MARK: - Field paths

extension JSONValue {
    /// The paths where two trees differ, in a stable order.
    func differences(from other: JSONValue, at path: [PathKey] = []) -> [[PathKey]] {
        switch (self, other) {
        case (.object(let mine), .object(let theirs)):
            return Set(mine.keys).union(theirs.keys).sorted().flatMap { key -> [[PathKey]] in
                let here = path + [PathKey(stringValue: key)]
                guard let a = mine[key], let b = theirs[key] else { return [here] }
                return a.differences(from: b, at: here)
            }
        case (.array(let mine), .array(let theirs)) where mine.count == theirs.count:
            return mine.indices.flatMap { mine[$0].differences(from: theirs[$0], at: path + [PathKey(intValue: $0)]) }
        default:
            return self == other ? [] : [path]
        }
    }
}

/// A step in a field path: a key, or an index in a list.
struct PathKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }

    /// "dossiers[3].budget.requested", the notation of JuryCore's ValidationProblem.
    static func fieldPath(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            // Dictionary keys that look like numbers have an intValue too; list indices read "Index n".
            if let index = key.intValue, key.stringValue == "Index \(index)" {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }
}
