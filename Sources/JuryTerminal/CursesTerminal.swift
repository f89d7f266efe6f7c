internal import CDisplayWidth
internal import CNcursesw
import Glibc
import JuryConsole
import JuryCore

/// The console on a real terminal, through ncursesw: the only code that calls curses.
/// One at a time per process (curses state is global); not for use after `close()`.
public final class CursesTerminal: Terminal {
    /// Why the console cannot be drawn; the command line says it in the user's language.
    public enum OpenError: Error, Equatable {
        case notATerminal
        /// TERM names no terminal that terminfo knows.
        case unknownTerminal(String)
        /// TERM names a terminal that cannot move its cursor (dumb): every frame would be one
        /// line written over itself.
        case cannotAddressCursor(String)
    }

    /// Colour hints by increasing priority; a cell showing several takes the last.
    private static let palette: [(hint: Style, colour: Int32)] = [
        (.accent, COLOR_CYAN), (.good, COLOR_GREEN), (.warning, COLOR_YELLOW), (.danger, COLOR_RED),
    ]

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let inputDescriptor: Int32
    private let colours: Bool
    private let previousHangupActions: [(Int32, sigaction)]
    /// A user's terminal rather than a file (TerminalTraffic): hangups and crashes concern it.
    private let ownsTerminal: Bool
    private var cursor: (row: Int, column: Int)?
    private var focus: (row: Int, column: Int)?
    /// PTCE_JURY_CURSOR=visible: the cursor shows on the selected row too, not only in a field.
    private let showsFocus: Bool
    private var closed = false
    /// A descriptor that becomes readable when the console has news that is not a key (a push from
    /// the jury server): the wait for a key ends at once instead of at its timeout.
    public var wakeDescriptor: Int32?

    /// The process's own terminal (standard input and output), as found in TERM.
    public convenience init() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw OpenError.notATerminal }
        // Glibc's stdin/stdout are mutable globals that Swift 6 refuses; these FILEs live as long
        // as the process, like the descriptors they wrap.
        guard let input = fdopen(STDIN_FILENO, "r"), let output = fdopen(STDOUT_FILENO, "w") else {
            throw OpenError.notATerminal
        }
        try self.init(input: input, output: output, type: nil)
    }

    /// `type` nil means TERM; `colour` nil means "unless NO_COLOR is set (to anything but
    /// empty)". The output need not be a terminal (TerminalTraffic uses a file).
    init(input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>, type: String?,
         colour: Bool? = nil) throws {
        Self.chooseUTF8Locale()
        var shellMode = termios()
        ownsTerminal = tcgetattr(fileno(output), &shellMode) == 0
        previousHangupActions = ownsTerminal ? Signals.catchHangups() : []
        let name = type ?? getenv("TERM").map { String(cString: $0) } ?? ""
        guard let screen = newterm(type, output, input) else {
            Signals.restore(previousHangupActions)
            throw OpenError.unknownTerminal(name)
        }
        guard let move = tigetstr("cup"), Int(bitPattern: move) != -1 else {
            endwin()
            delscreen(screen)
            Signals.restore(previousHangupActions)
            throw OpenError.cannotAddressCursor(name)
        }
        self.screen = screen
        window = ptce_stdscr()
        inputDescriptor = fileno(input)
        raw()            // Ctrl-C, Ctrl-Z arrive as keys: the console decides, and quits cleanly
        noecho()
        nonl()
        keypad(window, true)
        KeyDecoding.defineVTSequences()
        set_escdelay(25) // the default second makes Esc feel broken
        colours = has_colors() && (colour ?? ((getenv("NO_COLOR")?.pointee ?? 0) == 0))
        showsFocus = getenv("PTCE_JURY_CURSOR").map { String(cString: $0) } == "visible"
        if colours {
            start_color()
            let background = use_default_colors() == OK ? -1 : Int16(COLOR_BLACK)   // keep the user's theme
            for (index, entry) in Self.palette.enumerated() {
                init_pair(Int16(index + 1), Int16(entry.colour), background)
            }
        }
        if ownsTerminal {
            Signals.prepareCrashRestore(descriptor: fileno(output), bytes: Self.leavingBytes(), mode: shellMode)
        }
    }

    deinit { close() }

    /// ncurses drops every non-ASCII character unless the locale's codeset is UTF-8, and SSH
    /// sessions often bring no LANG at all.
    private static func chooseUTF8Locale() {
        setlocale(LC_ALL, "")
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" {
            setlocale(LC_ALL, "C.UTF-8")
        }
    }

    /// What endwin sends, for the crash path: attributes off, cursor visible, keypad local,
    /// main screen back.
    private static func leavingBytes() -> [UInt8] {
        ["sgr0", "cnorm", "rmkx", "rmcup"].flatMap { name -> [UInt8] in
            guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return [] }
            return Array(String(cString: value).utf8)
        }
    }

    // MARK: Surface

    public var rows: Int { Int(getmaxy(window)) }
    public var columns: Int { Int(getmaxx(window)) }

    public func erase() {
        werase(window)
        cursor = nil
    }

    public func put(_ text: String, row: Int, column: Int, style: Style) {
        guard row >= 0, row < rows else { return }
        let columns = self.columns
        var wide: [wchar_t] = []
        var start = column, next = column
        for character in text {
            let width = DisplayWidth.of(character)
            if next + width > columns { break }    // clip by display width, never mid-character
            if next < 0 {                          // cut on the left: skip what lies before column 0
                next += width
                start = next
                continue
            }
            next += width
            // The last line of defence: no control can reach the terminal, nor a scalar that
            // wcwidth calls unprintable (ncurses would show it as several cells).
            for scalar in character.unicodeScalars
            where !Sanitizer.isUnsafe(scalar) && ptce_display_width(scalar.value) >= 0 {
                wide.append(wchar_t(bitPattern: scalar.value))
            }
        }
        guard !wide.isEmpty, start < columns else { return }
        let (attributes, pair) = attributes(for: style)
        wattr_set(window, attributes, pair, nil)
        // scrollok is off: text that ends in the bottom-right cell is drawn, never scrolls.
        mvwaddnwstr(window, Int32(row), Int32(start), wide, Int32(wide.count))
    }

    public func placeCursor(row: Int, column: Int) { cursor = (row, column) }
    public func focus(row: Int, column: Int) { focus = (row, column) }
    public func hideCursor() {
        cursor = nil
        focus = nil
    }

    private func attributes(for style: Style) -> (attr_t, Int16) {
        var attributes = ptce_a_normal()
        if style.contains(.bold) { attributes |= ptce_a_bold() }
        if style.contains(.reverse) { attributes |= ptce_a_reverse() }
        if style.contains(.underline) { attributes |= ptce_a_underline() }
        if style.contains(.dim) { attributes |= ptce_a_dim() }
        // Without colour the hints are dropped: the attributes above carry the meaning.
        guard colours, let index = Self.palette.lastIndex(where: { style.contains($0.hint) }) else {
            return (attributes, 0)
        }
        return (attributes, Int16(index + 1))
    }

    // MARK: Terminal

    public func nextInput(timeout milliseconds: Int) -> TerminalInput? {
        guard let wake = wakeDescriptor, milliseconds > 0 else { return read(timeout: milliseconds) }
        // Keys ncurses has already read come first; then wait for a key or a wake-up, whichever is first.
        if let input = read(timeout: 0) { return input }
        var descriptors = [pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        _ = poll(&descriptors, 2, Int32(clamping: milliseconds))
        if descriptors[1].revents & Int16(POLLIN) != 0 {
            var drained = [UInt8](repeating: 0, count: 64)
            _ = Glibc.read(wake, &drained, drained.count)
        }
        return read(timeout: 0)
    }

    private func read(timeout milliseconds: Int) -> TerminalInput? {
        if Signals.hangup.load(ordering: .relaxed) { return .hangup }
        wtimeout(window, Int32(clamping: milliseconds))
        var value: wint_t = 0
        let status = wget_wch(window, &value)
        // A hangup signal interrupts the wait (EINTR) and wget_wch returns ERR at once.
        if Signals.hangup.load(ordering: .relaxed) { return .hangup }
        switch status {
        case OK:
            return KeyDecoding.key(character: value).map { .key($0) }
        case KEY_CODE_YES where Int32(value) == KEY_RESIZE:
            return .resize(rows: rows, columns: columns)
        case KEY_CODE_YES:
            return KeyDecoding.key(code: Int32(value)).map { .key($0) }
        default:
            return Self.hungUp(inputDescriptor) ? .hangup : nil
        }
    }

    /// A closed SSH link without SIGHUP (nohup, a lost pty): reads fail at once; without this
    /// check the loop would spin. The signal may also come later than the hang-up itself: the
    /// kernel signals the session's leader (a login shell), which passes it on as it leaves.
    static func hungUp(_ terminal: Int32) -> Bool {
        var descriptor = pollfd(fd: terminal, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) == 1 && descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    public func present() {
        // The cursor rests on what has the focus, shown or not: screen readers and braille
        // displays follow it, whether the terminal draws it or not.
        if let at = cursor ?? focus {
            curs_set(cursor != nil || showsFocus ? 1 : 0)
            leaveok(window, false)
            wmove(window, Int32(at.row), Int32(at.column))
        } else {
            curs_set(0)
            leaveok(window, true)   // nothing has the focus: no bytes to move it
        }
        wnoutrefresh(window)
        doupdate()                  // ncurses sends only what differs from the last frame
    }

    public func repaint() {
        clearok(window, true)       // the next update clears the screen and sends everything
        present()
    }

    public func suspend() {
        Signals.armCrashRestore(false)   // the terminal is the editor's until resume()
        def_prog_mode()
        endwin()
    }

    public func resume() {
        reset_prog_mode()
        clearok(window, true)       // the editor drew over everything
        present()
        Signals.armCrashRestore(ownsTerminal)
    }

    public func close() {
        guard !closed else { return }
        closed = true
        Signals.armCrashRestore(false)
        endwin()
        delscreen(screen)
        Signals.restore(previousHangupActions)
    }
}
