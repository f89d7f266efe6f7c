import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a file that is never renamed over (guide §5: a waiter could otherwise
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
                throw SystemError.problem(url, code, "verrouillage impossible, rien n’a été écrit")
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
            throw SystemError.problem(url, errno, "verrou inutilisable, rien n’a été écrit (voir ptce-jury doctor)")
        }
        return try FileLock(fd, url)
    }
}

/// The files several people may write, each changed under its own lock file in `.lock/`.
public enum SharedFile: String, CaseIterable, Sendable {
    case jury
    case allocation
}
