internal import CNcursesw
import Glibc
import JuryConsole

/// What the console costs on the link: runs the ncurses backend on a file standing for
/// an xterm-256color terminal and counts the bytes each frame sends.
public enum TerminalTraffic {
    public enum Failure: Error, CustomStringConvertible {
        case cannotCreateFile
        public var description: String { "cannot create the files that stand for a terminal" }
    }

    /// Draws each frame in turn (after `erase()`, as the console does) and returns the bytes
    /// that each `present()` — or `repaint()`, the Ctrl-L path — sent. The first frame also
    /// carries the set-up (alternate screen, clear). Colour is on unless asked otherwise,
    /// whatever NO_COLOR says, so that figures compare from one machine to another. Uses
    /// curses: not while a CursesTerminal is open.
    public static func bytesForFrames(rows: Int, columns: Int, repaint: Bool = false, colour: Bool = true,
                                      draw frames: [(Surface) -> Void]) throws -> [Int] {
        guard let output = tmpfile() else { throw Failure.cannotCreateFile }
        defer { fclose(output) }
        guard let input = fopen("/dev/null", "r") else { throw Failure.cannotCreateFile }
        defer { fclose(input) }
        let terminal = try CursesTerminal(input: input, output: output, type: "xterm-256color", colour: colour)
        defer { terminal.close() }
        resizeterm(Int32(rows), Int32(columns))
        let descriptor = fileno(output)
        var sent = lseek(descriptor, 0, SEEK_END)
        return frames.map { draw in
            terminal.erase()
            draw(terminal)
            if repaint { terminal.repaint() } else { terminal.present() }
            let now = lseek(descriptor, 0, SEEK_END)
            defer { sent = now }
            return Int(now - sent)
        }
    }
}
