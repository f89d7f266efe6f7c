import Foundation
import JuryCore
import JuryServer
import JuryStore

/// Every change a member makes from a console on the jury server — a sheet, a conflict and its
/// reason, the allocation and its motivations, the rapporteurs, a séance act — goes through here:
/// written to the member's own state directory (0600) before it is sent, sent in order, and
/// forgotten only once the server acknowledged or refused it. After a lost link, a crash or the
/// server's restart, what is left is sent again, in the same order, under the same session and
/// change numbers: the server recognises a change it already applied (docs/SERVER.md, « Faults »).
final class Outbox: @unchecked Sendable {
    /// One change, as the typed request that makes it.
    enum Change: Codable, Sendable {
        case sheet(SaveSheetRequest)
        case conflict(DeclareConflictRequest)
        case allocation(SaveAllocationRequest)
        case rapporteurs(SaveRapporteursRequest)
        case seance(SeanceActRequest)

        /// A later save of the same sheet makes an earlier one not yet sent pointless.
        func replaces(_ other: Change) -> Bool {
            guard case .sheet(let mine) = self, case .sheet(let theirs) = other else { return false }
            return mine.sheet.dossier == theirs.sheet.dossier
        }
    }

    struct Entry: Codable, Sendable {
        var change: Int
        var request: Change
    }

    /// What is kept on disk.
    private struct Kept: Codable {
        var session: String
        var nextChange: Int
        var pending: [Entry]
    }

    private let url: URL?
    private let lock = NSLock()
    private var kept: Kept

    /// The outbox of `login` on the campaign served at `socket`, with what a previous console left in it.
    private let language: Language

    init(socket: String, login: String, language: Language) {
        self.language = language
        url = Drafts.place("outbox", campaign: socket, login: login)?.appending(path: "outbox.json")
        // Read like any file that could be tampered with: no link followed, never blocking, bounded.
        let descriptor = url.map { open($0.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) } ?? -1
        let data = descriptor < 0 ? nil : try? FileHandle(fileDescriptor: descriptor, closeOnDealloc: true).read(upToCount: 64 << 20)
        kept = data.flatMap { try? JSONDecoder().decode(Kept.self, from: $0) } ?? Kept(session: UUID().uuidString, nextChange: 1, pending: [])
    }

    /// The console's session: the same as the console that left changes unsent, so that the server recognises them.
    var session: String { lock.withLock { kept.session } }

    var pendingCount: Int { lock.withLock { kept.pending.count } }

    /// Why the outbox could not be written to disk, the last time it could not (nil: it was).
    private(set) var unkept: String?

    /// Keeps `request`, on disk when the member's state directory can be written, and returns its
    /// number. A state directory that cannot be written (another account's, a full disk) does not
    /// stop the change: it is kept in memory, sent all the same, and `unkept` says why it would not
    /// survive a crash of the console.
    func add(_ request: Change) -> Int {
        lock.withLock {
            let number = kept.nextChange
            kept.nextChange += 1
            kept.pending.removeAll { request.replaces($0.request) }
            kept.pending.append(Entry(change: number, request: request))
            do { try save(); unkept = nil } catch { unkept = (error as? Failure)?.message ?? "\(error)" }
            return number
        }
    }

    /// The oldest change not yet acknowledged.
    var first: Entry? { lock.withLock { kept.pending.first } }

    /// The server answered change `number` (done or refused): it leaves the outbox.
    func settle(_ number: Int) {
        lock.withLock {
            kept.pending.removeAll { $0.change == number }
            try? save()
        }
    }

    private func save() throws {
        guard let url else { return }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            try DurableFile.write(try JSONEncoder().encode(kept), to: url, mode: 0o600)
        } catch let problem as StoreProblem {
            throw Failure(problem.text(language))
        } catch {
            throw Failure(language.text(.labelAndValue, ["label": url.path, "value": error.localizedDescription]))
        }
    }
}
