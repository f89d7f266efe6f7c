import JuryCore

/// What the terminal reports to the console loop.
public enum TerminalInput: Equatable, Sendable {
    case key(Key)
    case resize(rows: Int, columns: Int)
    /// SIGTERM, SIGHUP (an SSH drop): leave now, cleanly.
    case hangup
}

/// A real terminal (the ncurses backend) or a scripted one in tests.
public protocol Terminal: Surface {
    /// Waits at most `milliseconds` for input; nil when nothing came (the loop then ticks).
    func nextInput(timeout milliseconds: Int) -> TerminalInput?
    /// Sends the frame drawn since `erase()`: only the differences cross the link.
    func present()
    /// Ctrl-L: forgets what the terminal shows and sends everything again.
    func repaint()
    /// Gives the terminal back (for $EDITOR), then takes it again.
    func suspend()
    func resume()
    /// Restores the terminal for good.
    func close()
}
