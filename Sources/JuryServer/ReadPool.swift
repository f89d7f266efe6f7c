import Foundation

/// Reads and costly work (ranking with resamples, exports, imports' dry runs, journal…), beside the
/// one writer, so that no member's read ever delays another's change (docs/SERVER.md, « One writer,
/// readers beside it »). At most one job in flight per member: a member who floods waits behind
/// themself; members with work waiting are served in turn, round-robin; a job whose client has gone
/// is dropped before it starts (and one running stops at its next cancellation point: `JuryService.submit`).
final class ReadPool: @unchecked Sendable {
    struct Job {
        /// False once the client that asked has gone: the job is not run.
        let isWanted: @Sendable () -> Bool
        let run: @Sendable () -> Void
    }

    private let lock = NSLock()
    private let workers: Int
    private var running = 0
    /// Per member, their jobs in order of arrival.
    private var waiting: [String: [Job]] = [:]
    /// Members with jobs waiting, in the order they will be served.
    private var turn: [String] = []
    /// Members with a job running.
    private var busy: Set<String> = []

    init(workers: Int) { self.workers = max(1, workers) }

    func submit(for member: String, _ job: Job) {
        lock.withLock {
            if waiting[member] == nil { turn.append(member) }
            waiting[member, default: []].append(job)
        }
        startWhatCan()
    }

    /// Jobs waiting or running, for tests and the bench.
    var load: Int { lock.withLock { running + waiting.values.reduce(0) { $0 + $1.count } } }

    private func startWhatCan() {
        let started: [(String, Job)] = lock.withLock {
            var started: [(String, Job)] = []
            while running < workers, let index = turn.firstIndex(where: { !busy.contains($0) }) {
                let member = turn.remove(at: index)
                var jobs = waiting[member] ?? []
                let job = jobs.removeFirst()
                // Back of the line: the others' jobs come before this member's next one.
                if jobs.isEmpty { waiting[member] = nil } else { waiting[member] = jobs; turn.append(member) }
                busy.insert(member)
                running += 1
                started.append((member, job))
            }
            return started
        }
        for (member, job) in started {
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                if job.isWanted() { job.run() }
                lock.withLock {
                    busy.remove(member)
                    running -= 1
                }
                startWhatCan()
            }
        }
    }
}
