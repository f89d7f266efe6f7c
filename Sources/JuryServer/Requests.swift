import Foundation
import JuryCore

// The jury server's contract (docs/SERVER.md, « Requests »): a closed set of typed requests, one per
// capability. Each names dossiers, criteria and members — never a path, a time or an author, which
// the server stamps itself — and says who may send it and what it costs the server. A member's
// console and commands build the same values; the server decodes a request only into one of them.

/// Who may send a request. A request whose rule depends on its content (an import for real or as
/// a dry run) says `member` and its handler checks the rest.
public enum Sender: String, Codable, Sendable {
    case member
    case chair
}

/// What a request costs the server: a change is applied by the one writer; a read or a costly
/// computation (resamples, exports, imports) must never hold the writer back.
public enum CostClass: String, Codable, Sendable {
    /// Changes the campaign: applied in order by the one writer.
    case write
    /// Reads the campaign as it is.
    case read
    /// Reads, with work proportional to a parameter or a file (ranking, export, import).
    case costly
    /// Reads or changes what the server knows of the attached consoles: the writer's to answer.
    case session
}

/// One capability of the server, with the type of its answer.
public protocol JuryRequest: Codable, Sendable {
    associatedtype Response: Codable & Sendable
    /// The name on the wire (`"type"` of the request's line).
    static var name: String { get }
    static var sender: Sender { get }
    static var cost: CostClass { get }
}

/// An answer with nothing to say but that the request was done.
public struct Done: Codable, Sendable, Equatable {
    public init() {}
}

/// Why the server refused a request: a code and its parameters, worded by the reader's side in
/// their language (`text`). Only `store` carries a sentence: a file's problem as the store words it.
public struct Refusal: Error, Codable, Sendable, Equatable {
    public enum Code: String, Codable, Sendable {
        /// The connected account is not in the jury (`login`, `chairs`).
        case notMember
        /// The request is the chair's (`request`).
        case chairOnly
        /// A line that is not one of the requests (`detail`).
        case unreadable
        /// A field over its bound (`field`, `limit`, `unit`: bytes unless `characters`).
        case tooLong
        /// More changes than the member's allowance (`perSecond`): the same change, sent again shortly, is taken.
        case tooFast
        /// The member's changes filled their journal allowance for the hour (`limit` in MiB, `minutes` left).
        case quota
        /// A read or costly job computed longer than its time limit (`seconds`) and was stopped.
        case timeLimit
        /// A field the member may not set (`field`).
        case notYours
        /// Another member's sheet (`login`).
        case notYourSheet
        /// The store or the rules refused it (`detail`: the sentence as worded there).
        case refused
    }

    public var code: Code
    public var parameters: [String: String]

    public init(_ code: Code, _ parameters: [String: String] = [:]) {
        self.code = code
        self.parameters = parameters
    }

    /// A refusal the store or the rules already worded.
    public static func refused(_ detail: String) -> Refusal { Refusal(.refused, ["detail": detail]) }

    /// A refusal worded in both languages.
    public static func refused(_ detail: Localized) -> Refusal { Refusal(.refused, ["detail": detail.fr, "detail.en": detail.en]) }

    public func text(_ l: Language) -> String {
        let p = parameters
        switch code {
        case .notMember:
            let login = p["login"] ?? "?", chairs = p["chairs"].flatMap { $0.isEmpty ? nil : $0 }
            return chairs.map { l.text(.refusalNotMember, ["login": login, "chairs": $0]) }
                ?? l.text(.refusalNotMemberNoChair, ["login": login])
        case .chairOnly:
            return l.text(.onlyTheJurysChairMakesThisRequest, ["request": p["request"] ?? "?"])
        case .unreadable:
            return l.text(.unreadableRequestOneJSONLinePerRequest) + unreadable(l)
        case .tooLong:
            return l.text(p["unit"] == "characters" ? .refusalTooManyCharacters : .refusalTooManyBytes,
                          ["field": p["field"] ?? "?", "limit": p["limit"] ?? "?"])
        case .tooFast:
            return l.text(.tooManyChangesAtOnceAtMost, ["perSecond": p["perSecond"] ?? "?"])
        case .quota:
            return l.text(.yourChangesThisHourFilledYourShare, ["limit": p["limit"] ?? "?", "minutes": p["minutes"] ?? "?"])
        case .timeLimit:
            return l.text(.requestStoppedAfterSOfComputingOn, ["seconds": p["seconds"] ?? "?"])
        case .notYours:
            return l.text(.isSetByTheJuryServerNot, ["field": p["field"] ?? "?"])
        case .notYourSheet:
            return l.text(.youSaveOnlyYourOwnSheetsYou, ["login": p["login"] ?? "?"])
        case .refused:
            return (l == .en ? p["detail.en"] : nil) ?? p["detail"] ?? ""
        }
    }

    /// What the server could not read in a request (`JuryService.describe`).
    private func unreadable(_ l: Language) -> String {
        let p = parameters
        let problem: String
        switch p["problem"] {
        case "missing": problem = l.text(.unreadableMissingField, ["field": p["field"] ?? "?"])
        case "type": problem = l.text(.unreadableFieldOfUnexpectedType)
        case "value": problem = l.text(.unreadableInvalidValue)
        case "unknownType": problem = l.text(.unreadableUnknownType, ["type": p["type"] ?? "?"])
        default: problem = l.text(.unreadableInvalidJSON)
        }
        return (p["request"].map { $0 + " : " } ?? "") + problem + (p["path"].map { " (\($0))" } ?? "")
    }
}

/// What crosses the socket besides a request's own fields.
public enum WireLimits {
    public static let memberRequestBytes = 1 << 20
    /// The chair's requests may carry the files of an import.
    public static let chairRequestBytes = 256 << 20
    public static let answerBytes = 1 << 30
    /// A request must arrive whole within this time of its first byte.
    public static let requestSeconds: Int64 = 10
    /// Requests waiting on one connection: a client that sends without reading is cut off.
    public static let queuedRequests = 32
    /// Answers and pushes written but not yet read by one client.
    public static let unreadBytes = 64 << 20
    public static let connectionsPerAccount = 64
    public static let connections = 1024
    /// A connection with no request for this long is closed, unless a console is attached on it.
    public static let idleSeconds: Int64 = 600
    /// A console's session id, the same in every request (it names the console across reconnections).
    public static let sessionBytes = 64
}

/// A request's line: `{"id":1,"type":"saveSheet","session":"…","language":"fr","body":{…}}`.
/// `session` names the console (what it last knew of its sheets, its outbox); `change` numbers the
/// console's changes so that one sent again after a lost answer is applied once.
struct WireEnvelope: Codable, Sendable {
    var id: Int
    var type: String
    var session: String?
    var language: Language?
    var change: Int?
}

struct WireBody<Body: Codable & Sendable>: Codable, Sendable {
    var body: Body
}

/// An answer (the request's `id`) or a push (none): `result` is the request's `Response`.
public struct WireAnswer: Codable, Sendable {
    public var id: Int?
    public var refusal: Refusal?
    public var push: MemberUpdate?

    public init(id: Int?, refusal: Refusal? = nil, push: MemberUpdate? = nil) {
        self.id = id
        self.refusal = refusal
        self.push = push
    }
}

struct WireResult<Result: Codable & Sendable>: Codable, Sendable {
    var id: Int
    var result: Result
}

enum Wire {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// One line: the JSON text (which never holds a raw newline) and its end.
    static func line<T: Encodable>(_ value: T) throws -> Data {
        var data = try encoder().encode(value)
        data.append(0x0A)
        return data
    }

    /// A request's line as a client sends it.
    static func requestLine<R: JuryRequest>(_ request: R, id: Int, session: String?, language: Language, change: Int?) throws -> Data {
        try line(RequestLine(id: id, type: R.name, session: session, language: language, change: change, body: request))
    }
}

/// A request's whole line, as a client writes it.
private struct RequestLine<Body: Encodable>: Encodable {
    var id: Int
    var type: String
    var session: String?
    var language: Language
    var change: Int?
    var body: Body
}
