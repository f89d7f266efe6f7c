import Synchronization

/// Whether long work should stop before its end: the jury server's readers stop a job whose
/// client has gone or whose time is up (docs/SERVER.md, « One writer, readers beside it »). The
/// work only asks, between its steps; who decides, and on what clock, is the caller's. Outside the
/// server nobody sets one and nothing ever stops.
public final class Cancellation: Sendable {
    /// The work running on this thread's behalf, if someone may stop it.
    @TaskLocal public static var current: Cancellation?

    private let deadline: ContinuousClock.Instant?
    private let gone: @Sendable () -> Bool
    private let stopped = Atomic<Bool>(false)

    /// `gone`: whether the one who asked no longer waits for the result.
    public init(deadline: ContinuousClock.Instant?, gone: @escaping @Sendable () -> Bool) {
        self.deadline = deadline
        self.gone = gone
    }

    /// True once a cancellation point stopped the work: what it produced is unfinished, and must not be shown as a result.
    public var stoppedWork: Bool { stopped.load(ordering: .acquiring) }

    /// Asked by the work between its steps: true when it should stop now (its client gone, its time up).
    public static func stops() -> Bool { current?.stop(timed: true) ?? false }

    /// Asked by work that keeps within limits of its own (an import's child process): true when its client is gone.
    public static func abandoned() -> Bool { current?.stop(timed: false) ?? false }

    private func stop(timed: Bool) -> Bool {
        guard gone() || (timed && deadline.map { ContinuousClock.now >= $0 } ?? false) else { return false }
        stopped.store(true, ordering: .releasing)
        return true
    }
}
