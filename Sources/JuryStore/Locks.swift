import Foundation
import JuryCore
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a file that is never renamed over (docs/ARCHITECTURE.md, « Files »: a waiter could otherwise
/// end up locking a dead inode). Unlike POSIX `fcntl` locks, it is not dropped when another
/// descriptor of the same file is closed, and it works on a read-only descriptor, so the lock
/// files in `.lock/` can belong to the campaign's owner and stay group-readable only.
final class FileLock {
    let descriptor: Int32

    /// Locks `descriptor`, waiting for the current holder; the lock ends when the descriptor is closed.
    init(_ descriptor: Int32, _ url: URL) throws(StoreProblem) {
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let code = errno
                close(descriptor)
                throw SystemError.problem(url, code, Localized(.cannotLockNothingWasWritten))
            }
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The lock file of a file several people may write (jury.json, allocation.json). On a shared
    /// campaign it is made by `init --shared`; elsewhere it is made on first use.
    static func shared(_ name: SharedFile, root: URL) throws(StoreProblem) -> FileLock {
        let url = CampaignFiles.lock(root, name)
        var fd = open(url.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if fd < 0 && errno == ENOENT {
            try DurableFile.createDirectory(CampaignFiles.lockDirectory(root))
            fd = open(url.path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640)
        }
        guard fd >= 0 else {
            throw SystemError.problem(url, errno, Localized(.unusableLockNothingWasWrittenSeePtce))
        }
        return try FileLock(fd, url)
    }
}

/// The files several people may write, each changed under its own lock file in `.lock/`.
public enum SharedFile: String, CaseIterable, Sendable {
    case jury
    case allocation
    case assignments
    case seances
}

/// The jury server's hold on its campaign (`.lock/server.lock`), for as long as it runs: a second
/// server, or a command writing the directory behind the server's back, would make the server's
/// view of the files wrong (docs/SERVER.md).
public final class ServerClaim: @unchecked Sendable {
    private let descriptor: Int32

    private init(_ descriptor: Int32) { self.descriptor = descriptor }
    deinit { close(descriptor) }

    static func url(_ root: URL) -> URL { CampaignFiles.lockDirectory(root).appending(path: "server.lock") }

    /// Takes the claim without waiting: a campaign another server holds is refused at once.
    public static func take(_ root: URL) throws(StoreFailure) -> ServerClaim {
        let url = url(root)
        do {
            try DurableFile.createDirectory(CampaignFiles.lockDirectory(root))
        } catch {
            throw StoreFailure([error])
        }
        let fd = open(url.path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw StoreFailure([SystemError.problem(url, errno, Localized(.unusableServerLock))]) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw StoreFailure([StoreProblem(url, Localized(.anotherJuryServerAlreadyHoldsThisCampaign))])
        }
        return ServerClaim(fd)
    }

    /// Whether a running server holds the campaign (never waits).
    public static func isTaken(_ root: URL) -> Bool {
        let fd = open(url(root).path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK
    }
}
