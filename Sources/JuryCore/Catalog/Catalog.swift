/// Every user-facing text, in both interface languages (docs/ARCHITECTURE.md, « The text catalog »).
///
/// A text is named by a `TextKey`; its wording lives in one file per language, `Texts.fr.swift`
/// (the reference) and `Texts.en.swift`. A wording may hold:
/// - `{name}`: the argument of that name, as the code passes it;
/// - `{name|one|other}`: the form that agrees with the number `name` (« 1 dossier », « 2 dossiers »;
///   French keeps the singular for 0 and 1, English for 1 only);
/// - `{{` and `}}`: a brace.
/// `CatalogTests` fails when a key lacks a wording in a language, or when the two wordings of a key
/// do not name the same arguments.
public enum Catalog {
    /// The wordings of a language.
    public static func wordings(_ language: Language) -> [TextKey: String] {
        language == .fr ? french : english
    }

    /// The text of `key` in `language`, its arguments in place. A key without a wording in
    /// English falls back on the French one (the test makes sure none does).
    public static func text(_ key: TextKey, _ language: Language, _ arguments: [String: Any] = [:]) -> String {
        let wording = wordings(language)[key] ?? french[key] ?? key.rawValue
        return render(wording, language, arguments)
    }

    /// Whether `count` takes the singular form in `language`.
    public static func isSingular(_ count: Int, _ language: Language) -> Bool {
        language == .fr ? abs(count) < 2 : abs(count) == 1
    }

    /// The parts of a wording, for rendering and for the completeness test.
    public enum Part: Equatable, Sendable {
        case literal(String)
        case argument(String)
        case plural(String, one: String, other: String)
    }

    /// Nil when the wording is malformed (an unclosed brace, an empty name, a plural without both forms).
    public static func parts(_ wording: String) -> [Part]? {
        var parts: [Part] = [], literal = ""
        var index = wording.startIndex
        while index < wording.endIndex {
            let character = wording[index]
            let next = wording.index(after: index)
            if (character == "{" || character == "}"), next < wording.endIndex, wording[next] == character {
                literal.append(character)
                index = wording.index(after: next)
                continue
            }
            if character == "}" { return nil }
            guard character == "{" else {
                literal.append(character)
                index = next
                continue
            }
            guard let close = wording[next...].firstIndex(of: "}") else { return nil }
            let fields = wording[next..<close].split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard let name = fields.first, !name.isEmpty, !name.contains("{") else { return nil }
            if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
            switch fields.count {
            case 1: parts.append(.argument(name))
            case 3: parts.append(.plural(name, one: fields[1], other: fields[2]))
            default: return nil
            }
            index = wording.index(after: close)
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return parts
    }

    static func render(_ wording: String, _ language: Language, _ arguments: [String: Any]) -> String {
        guard wording.contains("{") || wording.contains("}") else { return wording }
        guard let parts = parts(wording) else { return wording }
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal): text += literal
            case .argument(let name): text += arguments[name].map { String(describing: $0) } ?? "{\(name)}"
            case let .plural(name, one, other):
                let count = arguments[name].flatMap { $0 as? Int } ?? 0
                text += isSingular(count, language) ? one : other
            }
        }
        return text
    }
}

extension Language {
    /// The text of `key` in this language, with its arguments: `l.text(.scored, ["done": 3, "total": 72])`.
    public func text(_ key: TextKey, _ arguments: [String: Any] = [:]) -> String {
        Catalog.text(key, self, arguments)
    }
}
