import Foundation
import JuryCore

/// The one rule every output follows, whatever the command and the format: text that came from a
/// file (a dossier, a sheet, a journal entry, an imported export) is written as `Sanitizer.text`
/// makes it — no control character, no C1 control, no bidi override or isolate; in JSON, inside
/// every string, so that a program decoding it gets the same clean text as the screen shows. In a
/// spreadsheet cell (CSV, whatever the separator), text that a spreadsheet would take for a
/// formula is kept as text; numbers stay numbers.
public enum SafeOutput {
    // MARK: Spreadsheet cells

    /// A CSV cell. Text a spreadsheet would read as a formula — it starts, spaces aside, with `=`,
    /// `+`, `-` or `@` (or their full-width forms), or with a tab or a carriage return: the OWASP
    /// « CSV injection » list — gets an apostrophe in front, which spreadsheets show and never run.
    /// A figure (`isNumber`) is written as it is: a number cannot run anything.
    public static func csvCell(_ text: String, isNumber: Bool) -> String {
        let clean = Sanitizer.text(text)
        guard !isNumber else { return clean }
        // Before and after sanitizing: a control or a bidi override in front would otherwise hide a formula.
        return startsLikeAFormula(text) || startsLikeAFormula(clean) ? "'" + clean : clean
    }

    /// Whether a spreadsheet could read the text as a formula (checked before sanitizing, so that a
    /// leading tab or carriage return counts as well).
    public static func startsLikeAFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first(where: { $0 != " " && $0 != "\u{A0}" && $0 != "\n" }) else { return false }
        switch first {
        case "=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}": return true
        default: return false
        }
    }

    /// Whether an untyped cell is a plain figure as the program writes them: « -0,53 », « 12 »,
    /// « 3 % », « 100 000 € ». Nothing else passes: no operator past the leading sign.
    public static func isPlainNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        if scalars.last == "%" || scalars.last == "€" {
            scalars = scalars.dropLast()
            while let last = scalars.last, last == " " || last == "\u{A0}" || last == "\u{202F}" { scalars = scalars.dropLast() }
        }
        guard let first = scalars.first, ("0"..."9").contains(first) else { return false }
        var separators = 0
        for scalar in scalars {
            switch scalar {
            case "0"..."9": continue
            case ",", ".": separators += 1
            case "\u{A0}", "\u{202F}", " ": continue
            default: return false
            }
        }
        return separators <= 1 && ("0"..."9").contains(scalars.last!)
    }

    // MARK: JSON

    /// JSON text as JSONEncoder writes it, with every string made clean by the rule: the escapes
    /// of control characters (`\u001b`) go as the characters themselves would, raw C1 controls and
    /// bidi overrides are dropped. Strings that need nothing are copied byte for byte.
    public static func json(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "\"") else {
                out.append(bytes[i])
                i += 1
                continue
            }
            // A string literal: find its end, then copy it or rewrite it.
            var end = i + 1
            var needsCleaning = false
            while end < bytes.count && bytes[end] != UInt8(ascii: "\"") {
                if bytes[end] == UInt8(ascii: "\\") {
                    if end + 1 < bytes.count, [UInt8(ascii: "u"), UInt8(ascii: "t"), UInt8(ascii: "r"),
                                               UInt8(ascii: "b"), UInt8(ascii: "f")].contains(bytes[end + 1]) {
                        needsCleaning = true
                    }
                    end += 2
                } else {
                    end += 1
                }
            }
            end = min(end, bytes.count - 1)
            let literal = Array(bytes[i...end])
            if !needsCleaning && !Sanitizer.needsCleaning(String(decoding: literal, as: UTF8.self)) {
                out += literal
            } else {
                out += encode(Sanitizer.text(decode(literal)))
            }
            i = end + 1
        }
        return Data(out)
    }

    /// The text of a JSON string literal, quotes included (as JSONEncoder wrote it: valid).
    private static func decode(_ literal: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        let inner = literal.dropFirst().dropLast()
        var utf8: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
            utf8 = []
        }
        var i = inner.startIndex
        var pendingHigh: UInt32?
        while i < inner.endIndex {
            let byte = inner[i]
            guard byte == UInt8(ascii: "\\"), i + 1 < inner.endIndex else {
                utf8.append(byte)
                i += 1
                continue
            }
            flush()
            let escape = inner[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "u") where i + 4 <= inner.endIndex:
                let hex = String(decoding: inner[i..<(i + 4)], as: UTF8.self)
                i += 4
                guard let code = UInt32(hex, radix: 16) else { continue }
                if (0xD800...0xDBFF).contains(code) {
                    pendingHigh = code
                    continue
                }
                if (0xDC00...0xDFFF).contains(code), let high = pendingHigh {
                    if let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)) { scalars.append(scalar) }
                } else if let scalar = Unicode.Scalar(code) {
                    scalars.append(scalar)
                }
                pendingHigh = nil
                continue
            default: scalars.append(Unicode.Scalar(escape))   // " \ /
            }
            pendingHigh = nil
        }
        flush()
        return String(scalars)
    }

    /// A JSON string literal for clean text: quotes, backslashes and line breaks escaped.
    private static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0..<0x20: continue   // none left after sanitizing; never written raw
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }
}
