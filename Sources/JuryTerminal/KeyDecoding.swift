internal import CNcursesw
import JuryConsole
import JuryCore

/// Turns what `wget_wch` returned into the console's keys.
enum KeyDecoding {
    /// A character read with status OK: text, or one of the control bytes keys send.
    static func key(character value: UInt32) -> Key? {
        switch value {
        case 13, 10: return .enter          // nonl(): Enter arrives as \r, a pasted newline as \n
        case 9: return .tab
        case 27: return .escape
        case 127, 8: return .backspace      // terminals disagree on which byte Backspace sends
        case 1...26: return .control(Character(Unicode.Scalar(value + 96)!))
        default:
            // Other controls (Ctrl-\, C1 bytes, bidi marks…) carry no meaning here and must not
            // reach a text field.
            guard let scalar = Unicode.Scalar(value), !Sanitizer.isUnsafe(scalar) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// What PuTTY (by default), rxvt, the Linux console and xterm's other modes send for Home, End,
    /// Delete, PgUp and PgDn. A terminfo entry that lacks one would leave ncurses to read Esc, then
    /// `1~` as two keys; the sequences a terminfo entry already binds are left as it says.
    static let vtSequences: [(sequence: String, code: Int32)] = [
        ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
        ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
        ("\u{1B}[3~", KEY_DC), ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE),
    ]

    /// Teaches the current screen the sequences above (keypad must be on).
    static func defineVTSequences() {
        for (sequence, code) in vtSequences where key_defined(sequence) == 0 {
            define_key(sequence, code)
        }
    }

    /// A key code read with status KEY_CODE_YES (keypad on). KEY_RESIZE is handled by the caller.
    static func key(code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BTAB: return .backTab
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_F0 + 1 ... KEY_F0 + 63: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }
}
