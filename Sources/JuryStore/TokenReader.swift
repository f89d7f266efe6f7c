import Foundation

/// The fast way in for the files a campaign holds by the thousand. Foundation's JSONDecoder spent
/// most of opening a 5 000-dossier campaign in Codable bookkeeping (a dictionary of every object's
/// keys, a coding path per value), and no faster JSON library is available on the servers we
/// target, so this reader reads the bytes once into a flat list of tokens and hands them to the
/// model's own Codable code — the schema is written once, in the model.
///
/// It only ever accepts. Anything unusual — a syntax fault, invalid UTF-8, a raw control
/// character in any string (also in fields the model skips, as `JSONText.firstFault` demands),
/// an escaped or repeated key, a number that is not exact for its field — makes it give up, and
/// the store then reads the file with JSONDecoder, whose diagnostics say what is wrong and where.
public enum TokenReader {
    /// The value, or nil when this reader does not take the text (see above).
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) -> T? {
        data.withUnsafeBytes { raw -> T? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var tokenizer = Tokenizer(bytes: bytes)
            guard tokenizer.run() else { return nil }
            let document = TokenDocument(bytes: bytes, tokens: tokenizer.tokens)
            return try? document.decode(type, at: 0)
        }
    }
}

/// One JSON value. Containers are followed by their members' tokens (an object's as key, value,
/// key, value…), so a whole document is one array walked by index.
struct Token {
    enum Kind: UInt8 { case object, array, string, number, bool, null }
    var kind: Kind
    /// Strings: holds an escape. Numbers: has a fraction or an exponent. Booleans: true.
    var flag: Bool
    /// Scalars: the bytes `start..<end` (a string's without its quotes).
    /// Containers: `start` is the number of members, `end` the index of the token after the last one.
    var start: Int
    var end: Int
}

/// Strict RFC 8259 syntax, iteratively (no recursion, so no stack to exhaust).
private struct Tokenizer {
    let bytes: UnsafeBufferPointer<UInt8>
    var tokens: [Token] = []
    var i = 0
    /// The containers open around `i`.
    var open: [Int] = []
    /// JSONDecoder's own limit: a deeper text is left to it, and to its message.
    static let maxDepth = 512

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        tokens.reserveCapacity(bytes.count / 16)
    }

    mutating func run() -> Bool {
        let n = bytes.count
        while true {
            // A value starts here.
            skipSpace()
            guard i < n else { return false }
            switch bytes[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = bytes[i] == UInt8(ascii: "{")
                guard open.count < Tokenizer.maxDepth else { return false }
                tokens.append(Token(kind: isObject ? .object : .array, flag: false, start: 0, end: 0))
                open.append(tokens.count - 1)
                i += 1
                skipSpace()
                if i < n && bytes[i] == UInt8(ascii: isObject ? "}" : "]") {
                    i += 1
                    close()
                } else {
                    tokens[tokens.count - 1].start = 1
                    if isObject { guard key() else { return false } }
                    continue
                }
            case UInt8(ascii: "\""):
                guard string() else { return false }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard number() else { return false }
            case UInt8(ascii: "t"):
                guard literal("true", .bool, flag: true) else { return false }
            case UInt8(ascii: "f"):
                guard literal("false", .bool, flag: false) else { return false }
            case UInt8(ascii: "n"):
                guard literal("null", .null, flag: false) else { return false }
            default:
                return false
            }
            // A value ended: a comma, the end of containers, or the end of the text.
            while true {
                skipSpace()
                guard let container = open.last else { return i == n }
                guard i < n else { return false }
                let byte = bytes[i]
                i += 1
                let isObject = tokens[container].kind == .object
                if byte == UInt8(ascii: ",") {
                    tokens[container].start += 1
                    if isObject { guard key() else { return false } }
                    break
                }
                guard byte == UInt8(ascii: isObject ? "}" : "]") else { return false }
                close()
            }
        }
    }

    private mutating func close() {
        tokens[open.removeLast()].end = tokens.count
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    /// A member's key and its colon.
    private mutating func key() -> Bool {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), string() else { return false }
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
        i += 1
        return true
    }

    private mutating func string() -> Bool {
        let n = bytes.count
        i += 1
        let start = i
        var escaped = false
        while i < n {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                tokens.append(Token(kind: .string, flag: escaped, start: start, end: i))
                i += 1
                return true
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                guard i + 1 < n else { return false }
                switch bytes[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    guard i + 5 < n, (2...5).allSatisfy({ Tokenizer.hexValue(bytes[i + $0]) != nil }) else { return false }
                    i += 6
                default:
                    return false
                }
            } else if byte < 0x20 {
                return false
            } else if byte < 0x80 {
                i += 1
            } else {
                let length = JSONText.utf8SequenceLength(bytes, at: i)
                guard length > 0 else { return false }
                i += length
            }
        }
        return false
    }

    private mutating func number() -> Bool {
        let n = bytes.count, start = i
        var exact = true
        func digits() -> Bool {
            let first = i
            while i < n && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
            return i > first
        }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        if i < n && bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            guard digits() else { return false }
        }
        if i < n && bytes[i] == UInt8(ascii: ".") {
            exact = false
            i += 1
            guard digits() else { return false }
        }
        if i < n && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            exact = false
            i += 1
            if i < n && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            guard digits() else { return false }
        }
        tokens.append(Token(kind: .number, flag: !exact, start: start, end: i))
        return true
    }

    private mutating func literal(_ word: StaticString, _ kind: Token.Kind, flag: Bool) -> Bool {
        let length = word.utf8CodeUnitCount
        guard i + length <= bytes.count,
              memcmp(bytes.baseAddress! + i, word.utf8Start, length) == 0 else { return false }
        tokens.append(Token(kind: kind, flag: flag, start: i, end: i + length))
        i += length
        return true
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}

/// Any refusal: the caller only needs to know that JSONDecoder must have the last word.
private struct Refused: Error {}

/// The tokens of one text, alive while its bytes are.
private final class TokenDocument {
    let bytes: UnsafeBufferPointer<UInt8>
    let tokens: [Token]

    init(bytes: UnsafeBufferPointer<UInt8>, tokens: [Token]) {
        self.bytes = bytes
        self.tokens = tokens
    }

    /// The index of the token after the value at `index`.
    func next(after index: Int) -> Int {
        switch tokens[index].kind {
        case .object, .array: return tokens[index].end
        default: return index + 1
        }
    }

    func decode<T: Decodable>(_ type: T.Type, at index: Int) throws -> T {
        // JSONDecoder reads these in its own ways (base64, strings, number strategies): not ours to guess.
        if type == Date.self || type == Data.self || type == URL.self || type == Decimal.self { throw Refused() }
        return try T(from: TokenDecoder(document: self, index: index))
    }

    func string(at index: Int) throws -> String {
        let token = tokens[index]
        guard token.kind == .string else { throw Refused() }
        let text = UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
        return token.flag ? try unescaped(text) : String(decoding: text, as: UTF8.self)
    }

    private func unescaped(_ text: UnsafeBufferPointer<UInt8>) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = 0
        func hex4(at k: Int) -> UInt32 {
            (k..<k + 4).reduce(0) { $0 << 4 | Tokenizer.hexValue(text[$1])! }   // checked by the tokenizer
        }
        while i < text.count {
            let byte = text[i]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                i += 1
                continue
            }
            let escape = text[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = hex4(at: i)
                i += 4
                if (0xD800...0xDBFF).contains(code) {
                    // A high surrogate must be followed by an escaped low one.
                    guard i + 6 <= text.count, text[i] == UInt8(ascii: "\\"), text[i + 1] == UInt8(ascii: "u") else { throw Refused() }
                    let low = hex4(at: i + 2)
                    guard (0xDC00...0xDFFF).contains(low) else { throw Refused() }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                guard let scalar = Unicode.Scalar(code) else { throw Refused() }
                out.append(contentsOf: UTF8.encode(scalar)!)
            default: out.append(escape)   // " \ /
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    func integer<T: FixedWidthInteger>(at index: Int) throws -> T {
        let token = tokens[index]
        guard token.kind == .number, !token.flag else { throw Refused() }
        var i = token.start
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var value: T = 0
        while i < token.end {
            let digit = T(bytes[i] - UInt8(ascii: "0"))
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, carry) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow, !carry else { throw Refused() }
            value = next
            i += 1
        }
        return value
    }

    func double(at index: Int) throws -> Double {
        let token = tokens[index]
        guard token.kind == .number else { throw Refused() }
        // Integers below 2^53 are exact as doubles; anything else goes through the correctly rounded parser.
        if !token.flag, token.end - token.start <= 15 {
            let value = Double(try integer(at: index) as Int)
            return value == 0 && bytes[token.start] == UInt8(ascii: "-") ? -0.0 : value
        }
        guard let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)),
              value.isFinite else { throw Refused() }
        return value
    }

    func bool(at index: Int) throws -> Bool {
        guard tokens[index].kind == .bool else { throw Refused() }
        return tokens[index].flag
    }

    func isNull(at index: Int) -> Bool { tokens[index].kind == .null }

    /// Past this many members a linear search per key would be quadratic (a 1 MiB sheet can hold
    /// tens of thousands of keys): such objects are left to JSONDecoder, which hashes them.
    static let maxMembers = 64

    /// The value under `key` in the object at `object`; nil when absent. A key written twice is
    /// refused: which one counts is JSONDecoder's call.
    func member(_ key: String, in object: Int) throws -> Int? {
        guard tokens[object].start <= TokenDocument.maxMembers else { throw Refused() }
        var name = key
        return try name.withUTF8 { name -> Int? in
            var found: Int?
            var k = object + 1
            let end = tokens[object].end
            while k < end {
                let keyToken = tokens[k]
                if keyToken.flag { throw Refused() }   // escaped keys: rare, left to JSONDecoder
                if keyToken.end - keyToken.start == name.count,
                   name.isEmpty || memcmp(name.baseAddress!, bytes.baseAddress! + keyToken.start, name.count) == 0 {
                    guard found == nil else { throw Refused() }
                    found = k + 1
                }
                k = next(after: k + 1)
            }
            return found
        }
    }

    func keys(of object: Int) -> [String] {
        var keys: [String] = []
        var k = object + 1
        while k < tokens[object].end {
            if let key = try? string(at: k) { keys.append(key) }
            k = next(after: k + 1)
        }
        return keys
    }
}

/// A decoder positioned on one token. Coding paths are left empty: on any error the file is read
/// again by JSONDecoder, whose paths are the ones reported.
private struct TokenDecoder: Decoder, SingleValueDecodingContainer {
    let document: TokenDocument
    let index: Int

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard document.tokens[index].kind == .object else { throw Refused() }
        return KeyedDecodingContainer(TokenKeyedContainer<Key>(document: document, object: index))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard document.tokens[index].kind == .array else { throw Refused() }
        return TokenUnkeyedContainer(document: document, array: index)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { document.isNull(at: index) }
    func decode(_ type: Bool.Type) throws -> Bool { try document.bool(at: index) }
    func decode(_ type: String.Type) throws -> String { try document.string(at: index) }
    func decode(_ type: Double.Type) throws -> Double { try document.double(at: index) }
    func decode(_ type: Float.Type) throws -> Float { throw Refused() }
    func decode(_ type: Int.Type) throws -> Int { try document.integer(at: index) }
    func decode(_ type: Int8.Type) throws -> Int8 { try document.integer(at: index) }
    func decode(_ type: Int16.Type) throws -> Int16 { try document.integer(at: index) }
    func decode(_ type: Int32.Type) throws -> Int32 { try document.integer(at: index) }
    func decode(_ type: Int64.Type) throws -> Int64 { try document.integer(at: index) }
    func decode(_ type: UInt.Type) throws -> UInt { try document.integer(at: index) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try document.integer(at: index) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try document.integer(at: index) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try document.integer(at: index) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try document.integer(at: index) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try document.decode(type, at: index) }
}

private struct TokenKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let document: TokenDocument
    let object: Int

    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { document.keys(of: object).compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { (try? document.member(key.stringValue, in: object)) != nil }

    private func value(_ key: Key) throws -> Int {
        guard let index = try document.member(key.stringValue, in: object) else { throw Refused() }
        return index
    }

    /// nil when the key is absent or null, as `decodeIfPresent` means.
    private func presentValue(_ key: Key) throws -> Int? {
        guard let index = try document.member(key.stringValue, in: object), !document.isNull(at: index) else { return nil }
        return index
    }

    func decodeNil(forKey key: Key) throws -> Bool { document.isNull(at: try value(key)) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try document.bool(at: value(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try document.string(at: value(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try document.double(at: value(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try document.integer(at: value(key)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try document.decode(type, at: value(key)) }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try presentValue(key).map { try document.string(at: $0) }
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try presentValue(key).map { try document.integer(at: $0) }
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try presentValue(key).map { try document.decode(type, at: $0) }
    }

    func nestedContainer<Nested: CodingKey>(keyedBy type: Nested.Type, forKey key: Key) throws -> KeyedDecodingContainer<Nested> {
        try TokenDecoder(document: document, index: value(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try TokenDecoder(document: document, index: value(key)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { throw Refused() }
    func superDecoder(forKey key: Key) throws -> any Decoder { TokenDecoder(document: document, index: try value(key)) }
}

private struct TokenUnkeyedContainer: UnkeyedDecodingContainer {
    let document: TokenDocument
    let array: Int
    /// The token of the next element.
    private var cursor: Int
    private(set) var currentIndex = 0

    init(document: TokenDocument, array: Int) {
        self.document = document
        self.array = array
        cursor = array + 1
    }

    var codingPath: [any CodingKey] { [] }
    var count: Int? { document.tokens[array].start }
    var isAtEnd: Bool { currentIndex >= document.tokens[array].start }

    private mutating func next() throws -> Int {
        guard !isAtEnd else { throw Refused() }
        let index = cursor
        cursor = document.next(after: index)
        currentIndex += 1
        return index
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, document.isNull(at: cursor) else { return false }
        _ = try next()
        return true
    }

    mutating func decode(_ type: String.Type) throws -> String { try document.string(at: next()) }
    mutating func decode(_ type: Int.Type) throws -> Int { try document.integer(at: next()) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try document.decode(type, at: next()) }

    mutating func nestedContainer<Nested: CodingKey>(keyedBy type: Nested.Type) throws -> KeyedDecodingContainer<Nested> {
        try TokenDecoder(document: document, index: next()).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try TokenDecoder(document: document, index: next()).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { TokenDecoder(document: document, index: try next()) }
}
