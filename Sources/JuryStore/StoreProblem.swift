import Foundation
import JuryCore

/// One thing wrong with one file, worded for the person who has to fix it.
public struct StoreProblem: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    /// The file, as the user named it (relative paths stay relative).
    public var path: String
    public var line: Int?
    public var column: Int?
    /// Where in the document, e.g. "dossiers[3].budget.requested".
    public var fieldPath: String?
    public var message: Localized

    public init(path: String, line: Int? = nil, column: Int? = nil, fieldPath: String? = nil, message: Localized) {
        self.path = path
        self.line = line
        self.column = column
        self.fieldPath = fieldPath
        self.message = message
    }

    /// "path:line:column: message" is what editors and compilers print, so a terminal or an
    /// editor can jump to the spot.
    public func text(_ language: Language) -> String {
        let message = message.text(language)
        if let line, let column { return "\(path):\(line):\(column): \(message)" }
        if let fieldPath { return "\(path): \(fieldPath): \(message)" }
        return "\(path): \(message)"
    }

    /// The same in both languages, for a member whose language is not known here.
    public var localized: Localized { Localized(text) }

    /// In French, for logs.
    public var description: String { text(.fr) }
}

/// Everything that prevents an operation, so that all of it can be fixed in one go.
public struct StoreFailure: Error, Codable, Sendable, CustomStringConvertible {
    public var problems: [StoreProblem]

    public init(_ problems: [StoreProblem]) {
        self.problems = problems
    }

    public func text(_ language: Language) -> String { problems.map { $0.text(language) }.joined(separator: "\n") }

    /// The same in both languages, for a member whose language is not known here.
    public var localized: Localized { Localized(text) }

    /// In French, for logs.
    public var description: String { text(.fr) }
}

extension StoreFailure {
    /// The same problems, their files named within the campaign (`reviewers/alice/sheets/101.json`):
    /// what the jury server tells a member, who has no business with where it keeps the campaign.
    public func within(_ root: URL) -> StoreFailure {
        let prefix = root.path + "/"
        return StoreFailure(problems.map { problem in
            var problem = problem
            if problem.path.hasPrefix(prefix) { problem.path.removeFirst(prefix.count) }
            return problem
        })
    }
}

extension StoreProblem {
    /// Paths, field names and messages quote file names and file contents: they are sanitized
    /// like any other text from a file before anyone prints them.
    init(_ url: URL, line: Int? = nil, column: Int? = nil, fieldPath: String? = nil, _ message: Localized) {
        self.init(path: Sanitizer.line(url.relativePath), line: line, column: column, fieldPath: fieldPath.map(Sanitizer.line),
                  message: Localized(fr: Sanitizer.line(message.fr), en: Sanitizer.line(message.en)))
    }

    init(_ url: URL, _ problem: ValidationProblem) {
        self.init(url, fieldPath: problem.path, problem.message)
    }
}
