import Glibc
import Synchronization

/// Signal handling for the console. Handlers only touch atomics and async-signal-safe
/// calls: the loop notices a hangup at its next `nextInput`, and a crash gives the
/// terminal back before the process dies.
enum Signals {
    /// SIGHUP (an SSH drop), SIGTERM and SIGINT (`kill -INT`: with raw() the keyboard's
    /// Ctrl-C is a key, not a signal) all mean "leave now, cleanly".
    private static let hangupSignals: [Int32] = [SIGHUP, SIGTERM, SIGINT]
    static let hangup = Atomic<Bool>(false)

    /// Sets the handlers and returns the previous ones, for `restore`. Called before newterm:
    /// ncurses sets its own SIGINT/SIGTERM handler (which exits at once) only where none is.
    static func catchHangups() -> [(Int32, sigaction)] {
        _ = hangup.load(ordering: .relaxed)   // initialise the static before a handler can run
        return install(hangupSignals) { _ in Signals.hangup.store(true, ordering: .relaxed) }
    }

    static func restore(_ previous: [(Int32, sigaction)]) {
        for (signal, action) in previous {
            var action = action
            sigaction(signal, &action, nil)
        }
    }

    // MARK: crash path

    private static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT]
    private static let armed = Atomic<Bool>(false)
    /// Written only while disarmed, read by handlers only while armed.
    nonisolated(unsafe) private static var restoreDescriptor: Int32 = -1
    nonisolated(unsafe) private static var restoreBytes = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    nonisolated(unsafe) private static var restoreMode = termios()
    /// The handlers that were there before ours, indexed by signal number (all below 32).
    nonisolated(unsafe) private static let previousFatal = UnsafeMutablePointer<sigaction>.allocate(capacity: 32)
    private static let fatalHandlersInstalled = Mutex(false)

    /// After this, a crash (a Swift trap, a fault, abort) or an `exit()` that skips
    /// `close()` writes `bytes` (attributes off, cursor on, keypad off, main screen back)
    /// to `descriptor` and puts back the terminal mode `mode` — what `endwin` would do,
    /// with async-signal-safe calls only.
    static func prepareCrashRestore(descriptor: Int32, bytes: [UInt8], mode: termios) {
        armed.store(false, ordering: .sequentiallyConsistent)
        restoreDescriptor = descriptor
        restoreBytes.deallocate()
        restoreBytes = .allocate(byteCount: bytes.count, alignment: 1)
        restoreBytes.copyBytes(from: bytes)
        restoreMode = mode
        fatalHandlersInstalled.withLock { installed in
            guard !installed else { return }
            installed = true
            for (signal, action) in install(fatalSignals, handler: { signal in
                Signals.restoreTerminal()
                // Give the signal back to whoever had it (Swift's backtracer, or the default
                // action): raised now, it is delivered as soon as this handler returns.
                sigaction(signal, Signals.previousFatal + Int(signal), nil)
                raise(signal)
            }) {
                previousFatal[Int(signal)] = action
            }
            atexit { Signals.restoreTerminal() }
        }
        armed.store(true, ordering: .sequentiallyConsistent)
    }

    /// Off while the terminal is not ours (closed, or lent to $EDITOR); on again after.
    static func armCrashRestore(_ on: Bool) {
        armed.store(on, ordering: .sequentiallyConsistent)
    }

    private static func restoreTerminal() {
        guard armed.exchange(false, ordering: .sequentiallyConsistent) else { return }
        write(restoreDescriptor, restoreBytes.baseAddress, restoreBytes.count)
        tcsetattr(restoreDescriptor, TCSANOW, &restoreMode)   // never wait on a stalled link
    }

    /// No SA_RESTART: a read blocked when a signal comes returns EINTR, so a wait ends at once.
    private static func install(_ signals: [Int32],
                                handler: @escaping @convention(c) (Int32) -> Void) -> [(Int32, sigaction)] {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        return signals.map { signal in
            var previous = sigaction()
            sigaction(signal, &action, &previous)
            return (signal, previous)
        }
    }
}
