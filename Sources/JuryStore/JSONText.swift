import Foundation
import JuryCore

/// Work on the bytes of a JSON text that JSONDecoder does not do: find where a fault is, and
/// cut a long list into pieces.
public enum JSONText {
    /// Checks what JSONDecoder lets through in the values it skips (unknown fields): every byte
    /// must be UTF-8 and no string may hold a raw control character. Returns the first fault.
    static func firstFault(in data: Data) -> (offset: Int, message: Localized)? {
        data.withUnsafeBytes { raw in firstFault(in: raw.bindMemory(to: UInt8.self)) }
    }

    private static func firstFault(in bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, message: Localized)? {
        let count = bytes.count
        var i = 0, inString = false
        while i < count {
            let byte = bytes[i]
            if byte < 0x80 {
                if inString {
                    if byte == UInt8(ascii: "\"") {
                        inString = false
                    } else if byte == UInt8(ascii: "\\") {
                        // The escaped byte cannot end the string; a non-ASCII one is checked as UTF-8.
                        if i + 1 < count && bytes[i + 1] < 0x80 && bytes[i + 1] >= 0x20 { i += 1 }
                    } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                        return (i, Localized(.endOfLineInAStringClosing))
                    } else if byte < 0x20 {
                        let code = "U+" + String(byte, radix: 16, uppercase: true).leftPadded(to: 4)
                        return (i, Localized(.rawControlCharacterInAStringIt, ["code": code, "hex": code.dropFirst(2)]))
                    }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                }
                i += 1
                continue
            }
            let length = utf8SequenceLength(bytes, at: i)
            guard length > 0 else {
                let hex = String(byte, radix: 16, uppercase: true)
                return (i, Localized(.byte0xInvalidInUTF8The, ["hex": hex]))
            }
            i += length
        }
        return nil
    }

    /// Length of the well-formed UTF-8 sequence starting at `i` (RFC 3629: no overlong forms,
    /// no surrogates, nothing above U+10FFFF), or 0.
    static func utf8SequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let lead = bytes[i]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF   // allowed range of the second byte
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xED: length = 3; high = 0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; low = 0x90
        case 0xF4: length = 4; high = 0x8F
        case 0xF1...0xF3: length = 4
        default: return 0
        }
        guard i + length <= bytes.count, (low...high).contains(bytes[i + 1]) else { return 0 }
        for k in 2..<length where !(0x80...0xBF).contains(bytes[i + k]) { return 0 }
        return length
    }

    /// The syntax error JSONSerialization finds, with its byte offset when known. On Linux its
    /// message reads "… around character N." where N is a byte offset, "Unexpected end of file …",
    /// or "Number 1e400 is not representable in Swift.".
    static func syntaxFault(in data: Data) -> (offset: Int?, message: Localized)? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            return (byteOffset(in: detail, data), syntaxMessage(detail))
        }
    }

    private static func byteOffset(in detail: String, _ data: Data) -> Int? {
        if detail.hasPrefix("Unexpected end of file") { return data.count }
        if let range = detail.range(of: "character ", options: .backwards) {
            return Int(detail[range.upperBound...].prefix { $0.isNumber })
        }
        if let number = representationFailure(detail) { return data.firstRange(of: Data(number.utf8))?.lowerBound }
        return nil
    }

    /// The number in "Number 1e400 is not representable in Swift.".
    private static func representationFailure(_ detail: String) -> Substring? {
        guard detail.hasPrefix("Number "), let end = detail.range(of: " is not representable") else { return nil }
        return detail[detail.index(detail.startIndex, offsetBy: 7)..<end.lowerBound]
    }

    /// JSONSerialization's terse English, reworded for the person who has to fix the file.
    private static func syntaxMessage(_ detail: String) -> Localized {
        let known: [(String, Localized)] = [
            ("Unexpected end of file", Localized(.unexpectedEndOfFileTheFileIs)),
            ("Invalid escape sequence", Localized(.invalidEscapeSequenceAfter)),
            ("Number with leading zero", Localized(.aNumberCannotStartWith0)),
            ("Too many nested", Localized(.nestingTooDeep)),
            ("Invalid value", Localized(.invalidJSONSyntaxAValueCommaColon)),
        ]
        for (prefix, message) in known where detail.hasPrefix(prefix) { return message }
        if let number = representationFailure(detail) {
            return Localized(.numberOutOfTheRepresentableValues, ["number": number])
        }
        return Localized(.invalidJSON, ["detail": detail])
    }

    /// Where the elements of the list under `key` in a top-level object lie, so that a long list
    /// can be decoded in pieces on several cores; `envelope` is the document with that list
    /// emptied. nil unless the document is plainly `{…, "key": [e, e, …], …}`.
    static func listElements(under key: String, in data: Data) -> (envelope: Data, elements: [Range<Int>])? {
        guard let found = scanList(under: key, in: data, limit: .max), found.close > found.open else { return nil }
        let base = data.startIndex
        return (data[..<(base + found.open + 1)] + data[(base + found.close)...], found.elements)
    }

    /// The first `count` elements of that list (fewer when it is shorter), without reading further:
    /// what a first screen needs of a long file.
    static func firstElements(under key: String, in data: Data, count: Int) -> [Range<Int>]? {
        scanList(under: key, in: data, limit: count)?.elements
    }

    /// Consecutive elements found by the two above, as a JSON list of their own (`[]` when none).
    static func list(_ elements: ArraySlice<Range<Int>>, of data: Data) -> Data {
        guard let first = elements.first, let last = elements.last else { return Data("[]".utf8) }
        return Data("[".utf8) + data[first.lowerBound..<last.upperBound] + Data("]".utf8)
    }

    /// `close` is 0 when the scan stopped at `limit` elements. Elements are absolute ranges of `data`,
    /// none of them blank (`[a,,b]` or `[a,]` are left to the decoder to judge: nil).
    private static func scanList(under key: String, in data: Data, limit: Int)
        -> (open: Int, close: Int, elements: [Range<Int>])? {
        let name = Array(key.utf8)
        let found: (open: Int, close: Int, elements: [Range<Int>])? = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var depth = 0, i = 0, stringStart = 0
            var lastKey: Range<Int>?, list: (open: Int, close: Int, elements: [Range<Int>])?
            var inList = false, elementStart = 0, elements: [Range<Int>] = []
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    stringStart = i + 1
                    i += 1
                    while i < bytes.count && bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                    if depth == 1 { lastKey = stringStart..<min(i, bytes.count) }
                case UInt8(ascii: "[") where depth == 1 && lastKey.map({ bytes[$0].elementsEqual(name) }) == true:
                    guard list == nil else { return nil }   // the key twice
                    inList = true
                    depth = 2
                    elementStart = i + 1
                    list = (i, 0, [])
                case UInt8(ascii: ",") where inList && depth == 2:
                    elements.append(elementStart..<i)
                    elementStart = i + 1
                    if elements.count == limit {
                        list?.elements = elements
                        return list
                    }
                case UInt8(ascii: "]") where inList && depth == 2:
                    elements.append(elementStart..<i)
                    inList = false
                    depth = 1
                    list?.close = i
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                default:
                    break
                }
                i += 1
            }
            guard var list, list.close > list.open else { return nil }
            list.elements = elements
            return list
        }
        guard var found else { return nil }
        let base = data.startIndex
        let blank: (Range<Int>) -> Bool = { data[$0].allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) } }
        found.elements = found.elements.map { ($0.lowerBound + base)..<($0.upperBound + base) }
        if found.elements.count == 1 && found.close > 0 && blank(found.elements[0]) { found.elements = [] }   // []
        guard !found.elements.contains(where: blank) else { return nil }
        return found
    }

    /// 1-based line and column of a byte offset; the column counts characters, not bytes.
    /// Also used by JuryImport to place the syntax errors of the files it reads.
    public static func position(of offset: Int, in data: Data) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {   // not a UTF-8 continuation byte
                column += 1
            }
        }
        return (line, column)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
