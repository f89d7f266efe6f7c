import Foundation

/// Makes text from dossiers (and from other reviewers) safe to show in a terminal:
/// no C0 or C1 control, no DEL, no bidirectional override or isolate (docs/ARCHITECTURE.md, « The terminal »).
/// Applied when text enters the model, so that no screen and no command can print
/// a control sequence.
public enum Sanitizer {
    /// Multi-line text: newlines are kept, tabs become a space, other controls are dropped.
    public static func text(_ input: String) -> String {
        guard needsCleaning(input) else { return input }
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in input.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\n": if !previousWasCR { scalars.append("\n") }
            case "\r": scalars.append("\n")
            case "\t": scalars.append(" ")
            default: if !isUnsafe(scalar) { scalars.append(scalar) }
            }
        }
        return String(scalars)
    }

    /// One-line text (names, labels): line breaks become spaces as well.
    public static func line(_ input: String) -> String {
        let cleaned = text(input)
        // utf8.contains, not StringProtocol.contains: Foundation's substring search is slow on Linux.
        guard cleaned.utf8.contains(UInt8(ascii: "\n")) else { return cleaned }
        return String(String.UnicodeScalarView(cleaned.unicodeScalars.map { $0 == "\n" ? " " : $0 }))
    }

    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true          // C0, DEL, C1
        case 0x202A...0x202E, 0x2066...0x2069: return true        // bidi embeddings, overrides, isolates
        case 0x200E, 0x200F, 0x061C: return true                  // bidi marks
        default: return false
        }
    }

    /// Whether the text holds anything that `text` would change (other than newlines).
    /// Scans the UTF-8 bytes rather than the scalars: it runs over every text of a campaign when
    /// it is loaded, and decoding scalars made it a visible part of opening 5 000 dossiers.
    public static func needsCleaning(_ input: String) -> Bool {
        var text = input
        return text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte < 0x80 {
                    if (byte < 0x20 && byte != 0x0A) || byte == 0x7F { return true }
                } else if i + 1 < bytes.count {
                    let next = bytes[i + 1]
                    switch byte {
                    case 0xC2 where next <= 0x9F: return true                      // C1: U+0080–U+009F
                    case 0xD8 where next == 0x9C: return true                      // U+061C
                    case 0xE2 where i + 2 < bytes.count:
                        let last = bytes[i + 2]
                        if next == 0x80 && (last == 0x8E || last == 0x8F || (0xAA...0xAE).contains(last)) { return true }
                        if next == 0x81 && (0xA6...0xA9).contains(last) { return true }
                    default: break
                    }
                }
                i += 1
            }
            return false
        }
    }
}
