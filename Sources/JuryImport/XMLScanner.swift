import Foundation
import JuryCore
import JuryStore

/// Why a handler stops reading a document: the place in the sheet (« Dossiers!C7 ») when it has
/// one, and what is wrong, limits named.
struct ImportRefusal: Error {
    var place: String?
    var message: Localized

    init(_ place: String?, _ message: Localized) {
        self.place = place
        self.message = message
    }
}

/// What reads the XML of an office file. Names come without their namespace prefix
/// (`table:table-cell` → `table-cell`): files from other programs may use other prefixes.
protocol XMLHandler: AnyObject {
    /// Whether the text met now is wanted: text no one reads is not decoded.
    var wantsText: Bool { get }
    func start(_ name: String, _ attributes: XMLAttributes) throws(ImportRefusal)
    func end(_ name: String) throws(ImportRefusal)
    func text(_ text: String) throws(ImportRefusal)
}

/// The attributes of the element being started, valid during `start` only.
struct XMLAttributes {
    fileprivate struct Item {
        var local: Range<Int>
        var value: Range<Int>
        /// The value holds a reference (`&amp;`) or white space to normalise.
        var needsDecoding: Bool
    }

    fileprivate let bytes: UnsafeBufferPointer<UInt8>
    fileprivate var items: [Item] = []

    /// The value of the first attribute with this local name (`table:name` → "name").
    subscript(_ local: String) -> String? {
        var name = local
        return name.withUTF8 { name -> String? in
            for item in items where item.local.count == name.count {
                if memcmp(bytes.baseAddress! + item.local.lowerBound, name.baseAddress!, name.count) == 0 {
                    let raw = UnsafeBufferPointer(rebasing: bytes[item.value])
                    return item.needsDecoding ? XMLScanner.decode(raw, attribute: true) : String(decoding: raw, as: UTF8.self)
                }
            }
            return nil
        }
    }
}

/// A strict, small XML reader for the documents of XLSX and ODS files. Written by hand because the
/// XML libraries at hand (Foundation's XMLParser, and XMLCoder and SWXMLHash, which build on it or
/// on a whole tree in memory) cannot be bounded: this one refuses a DTD (so no entity can expand),
/// knows only the five named references, bounds the nesting and the attributes, and turns no text
/// into a string that nobody asked for (XMLParser bridged every element and attribute into new
/// strings: most of a workbook's import). Any fault stops it with the entry, line and column.
enum XMLScanner {
    static func scan(_ data: Data, entry: String, of url: URL, into handler: some XMLHandler) throws(StoreFailure) {
        let outcome: Fault? = data.withUnsafeBytes { raw in
            var cursor = Cursor(bytes: raw.bindMemory(to: UInt8.self), handler: handler)
            do throws(Fault) {
                try cursor.run()
                return nil
            } catch {
                return error
            }
        }
        guard let fault = outcome else { return }
        switch fault {
        case .syntax(let offset, let message):
            let (line, column) = JSONText.position(of: offset, in: data)
            throw StoreFailure([ImportProblem.at(url, path: "\(entry):\(line):\(column)", message)])
        case .refused(let refusal):
            throw StoreFailure([ImportProblem.at(url, path: refusal.place ?? entry, refusal.message)])
        }
    }

    fileprivate enum Fault: Error {
        case syntax(Int, Localized)
        case refused(ImportRefusal)
    }

    /// Text or an attribute value with its references replaced; the scanner has checked them.
    /// In attribute values, tabs and line breaks written as such read as spaces (XML 1.0 §3.3.3).
    static func decode(_ raw: UnsafeBufferPointer<UInt8>, attribute: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            if byte == UInt8(ascii: "&"), let (scalar, length) = reference(raw, at: i) {
                out.append(contentsOf: UTF8.encode(scalar)!)
                i += length
                continue
            }
            if attribute && (byte == 0x09 || byte == 0x0A || byte == 0x0D) {
                // A CR LF pair is one line break, so one space.
                if !(byte == 0x0A && i > 0 && raw[i - 1] == 0x0D) { out.append(0x20) }
            } else {
                out.append(byte)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The reference at `i` (`&lt;`, `&#233;`, `&#xE9;`) and its length; nil if there is none there.
    fileprivate static func reference(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int)? {
        var end = i + 1
        while end < bytes.count && end - i <= 12 && bytes[end] != UInt8(ascii: ";") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > i + 1 else { return nil }
        let body = UnsafeBufferPointer(rebasing: bytes[(i + 1)..<end])
        let length = end - i + 1
        if body[0] == UInt8(ascii: "#") {
            var value: UInt32 = 0
            let hex = body.count > 1 && (body[1] == UInt8(ascii: "x"))
            let digits = body.dropFirst(hex ? 2 : 1)
            guard !digits.isEmpty, digits.count <= 8 else { return nil }
            for digit in digits {
                guard let d = hex ? hexValue(digit) : decimalValue(digit) else { return nil }
                value = value * (hex ? 16 : 10) + d
            }
            guard value != 0, value <= 0x10FFFF, let scalar = Unicode.Scalar(value) else { return nil }
            return (scalar, length)
        }
        switch String(decoding: body, as: UTF8.self) {
        case "lt": return ("<", length)
        case "gt": return (">", length)
        case "amp": return ("&", length)
        case "quot": return ("\"", length)
        case "apos": return ("'", length)
        default: return nil
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private static func decimalValue(_ byte: UInt8) -> UInt32? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? UInt32(byte - UInt8(ascii: "0")) : nil
    }
}

private struct Cursor<Handler: XMLHandler> {
    typealias Fault = XMLScanner.Fault

    let bytes: UnsafeBufferPointer<UInt8>
    let handler: Handler
    var i = 0
    /// The names of the elements open around `i`.
    var open: [Range<Int>] = []
    var sawRoot = false

    init(bytes: UnsafeBufferPointer<UInt8>, handler: Handler) {
        self.bytes = bytes
        self.handler = handler
    }

    private func syntax(_ offset: Int, _ message: Localized) -> Fault { .syntax(offset, message) }

    mutating func run() throws(Fault) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        let n = bytes.count
        while i < n {
            if bytes[i] == UInt8(ascii: "<") {
                guard i + 1 < n else { throw syntax(i, Localized(.truncatedXML)) }
                switch bytes[i + 1] {
                case UInt8(ascii: "/"): try endTag()
                case UInt8(ascii: "?"): try skip(past: "?>", from: i + 2, what: Localized(.processingInstruction))
                case UInt8(ascii: "!"): try markup()
                default: try startTag()
                }
            } else {
                try textRun()
            }
        }
        if let last = open.last { throw syntax(last.lowerBound, Localized(.truncatedXMLElementNeverClosed)) }
        guard sawRoot else { throw syntax(0, Localized(.emptyXMLDocument)) }
    }

    // MARK: Markup

    private mutating func startTag() throws(Fault) {
        let tagStart = i
        i += 1
        let name = try self.name()
        guard open.isEmpty ? !sawRoot : true else { throw syntax(tagStart, Localized(.invalidXMLSecondRootElement)) }
        guard open.count < ImportLimits.xmlDepth else {
            throw syntax(tagStart, Localized(.xmlNestedOverMoreThanLevels, ["xmlDepth": ImportLimits.xmlDepth]))
        }
        var attributes = XMLAttributes(bytes: bytes)
        var selfClosing = false
        while true {
            let beforeSpace = i
            skipSpace()
            guard i < bytes.count else { throw syntax(tagStart, Localized(.xmlTruncatedInATag)) }
            if bytes[i] == UInt8(ascii: ">") { i += 1; break }
            if bytes[i] == UInt8(ascii: "/") {
                guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ">") else { throw syntax(i, Localized(.invalidXMLUnexpected)) }
                i += 2
                selfClosing = true
                break
            }
            guard i > beforeSpace else { throw syntax(i, Localized(.invalidXMLSpaceExpectedBeforeTheAttribute)) }
            guard attributes.items.count < ImportLimits.xmlAttributes else {
                throw syntax(i, Localized(.moreThanAttributesOnAnElement, ["xmlAttributes": ImportLimits.xmlAttributes]))
            }
            let attributeName = try self.name()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { throw syntax(i, Localized(.invalidXMLExpectedAfterTheAttribute)) }
            i += 1
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else {
                throw syntax(i, Localized(.invalidXMLAttributeValueWithoutQuotes))
            }
            let quote = bytes[i]
            i += 1
            let valueStart = i
            var needsDecoding = false
            while i < bytes.count && bytes[i] != quote {
                switch bytes[i] {
                case UInt8(ascii: "<"): throw syntax(i, Localized(.invalidXMLInAnAttributeValue))
                case UInt8(ascii: "&"):
                    guard let (_, length) = XMLScanner.reference(bytes, at: i) else { throw syntax(i, Localized(.invalidXMLUnknownReference)) }
                    needsDecoding = true
                    i += length
                    continue
                case 0x09, 0x0A, 0x0D: needsDecoding = true
                default: break
                }
                i += 1
            }
            guard i < bytes.count else { throw syntax(valueStart, Localized(.xmlTruncatedInAnAttributeValue)) }
            attributes.items.append(.init(local: localName(attributeName), value: valueStart..<i, needsDecoding: needsDecoding))
            i += 1
        }
        sawRoot = true
        let local = string(localName(name))
        do throws(ImportRefusal) {
            try handler.start(local, attributes)
            if selfClosing { try handler.end(local) }
        } catch {
            throw .refused(error)
        }
        if !selfClosing { open.append(name) }
    }

    private mutating func endTag() throws(Fault) {
        let tagStart = i
        i += 2
        let name = try self.name()
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ">") else { throw syntax(i, Localized(.invalidXMLExpected)) }
        i += 1
        guard let top = open.last else { throw syntax(tagStart, Localized(.invalidXMLClosingAnElementNeverOpened)) }
        guard top.count == name.count, memcmp(bytes.baseAddress! + top.lowerBound, bytes.baseAddress! + name.lowerBound, name.count) == 0 else {
            throw syntax(tagStart, Localized(.invalidXMLCloses, ["name": string(name), "top": string(top)]))
        }
        open.removeLast()
        do throws(ImportRefusal) { try handler.end(string(localName(name))) } catch { throw .refused(error) }
    }

    /// `<!-- -->`, `<![CDATA[ ]]>`; a DTD is refused: no office file has one, and its entities could expand.
    private mutating func markup() throws(Fault) {
        if matches("<!--", at: i) {
            try skip(past: "-->", from: i + 4, what: Localized(.comment))
        } else if matches("<![CDATA[", at: i) {
            let start = i + 9
            try skip(past: "]]>", from: start, what: Localized(.cdataSection))
            guard !open.isEmpty else { throw syntax(start, Localized(.invalidXMLTextOutsideTheRootElement)) }
            if handler.wantsText {
                do throws(ImportRefusal) {
                    try handler.text(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(i - 3)]), as: UTF8.self))
                } catch {
                    throw .refused(error)
                }
            }
        } else if matches("<!DOCTYPE", at: i) {
            throw syntax(i, Localized(.documentTypeDeclarationDTDRefusedAWorkbook))
        } else {
            throw syntax(i, Localized(.invalidXMLUnexpectedDeclaration))
        }
    }

    private mutating func textRun() throws(Fault) {
        let start = i
        var references = false
        while i < bytes.count && bytes[i] != UInt8(ascii: "<") {
            if bytes[i] == UInt8(ascii: "&") {
                guard let (_, length) = XMLScanner.reference(bytes, at: i) else { throw syntax(i, Localized(.invalidXMLUnknownReference)) }
                references = true
                i += length
            } else {
                i += 1
            }
        }
        let run = UnsafeBufferPointer(rebasing: bytes[start..<i])
        guard !open.isEmpty else {
            guard run.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                throw syntax(start, Localized(.invalidXMLTextOutsideTheRootElement))
            }
            return
        }
        guard handler.wantsText else { return }
        do throws(ImportRefusal) {
            try handler.text(references ? XMLScanner.decode(run, attribute: false) : String(decoding: run, as: UTF8.self))
        } catch {
            throw .refused(error)
        }
    }

    // MARK: Pieces

    /// A name: anything up to white space, `/`, `>`, `=` or a quote.
    private mutating func name() throws(Fault) -> Range<Int> {
        let start = i
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "<"),
                 UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "&"):
                guard i > start else { throw syntax(i, Localized(.invalidXMLNameExpected)) }
                return start..<i
            default:
                i += 1
            }
        }
        throw syntax(start, Localized(.xmlTruncatedInAName))
    }

    private func localName(_ name: Range<Int>) -> Range<Int> {
        var k = name.upperBound
        while k > name.lowerBound && bytes[k - 1] != UInt8(ascii: ":") { k -= 1 }
        return k == name.upperBound ? name : k..<name.upperBound
    }

    private func string(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    private func matches(_ literal: StaticString, at k: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        return k + length <= bytes.count && memcmp(bytes.baseAddress! + k, literal.utf8Start, length) == 0
    }

    /// Moves past the next `terminator` from `start`.
    private mutating func skip(past terminator: StaticString, from start: Int, what: Localized) throws(Fault) {
        var k = start
        let first = terminator.utf8Start[0]
        while k < bytes.count {
            if bytes[k] == first && matches(terminator, at: k) {
                i = k + terminator.utf8CodeUnitCount
                return
            }
            k += 1
        }
        throw syntax(i, Localized { l in l.text(.truncatedXMLNeverClosed, ["what": what.text(l)]) })
    }
}
