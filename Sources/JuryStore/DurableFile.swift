import Foundation
import JuryCore
#if canImport(Glibc)
import Glibc
#endif

/// Saves that survive a crash or a power cut (docs/STORE.md, « Saving »): `Data.write(options: .atomic)` does not
/// sync the directory, drops the file's mode and leaves temporaries behind after a `kill -9`.
public enum DurableFile {
    /// Replaces `url` with `data` atomically: readers see the old file or the new one, never a mix.
    /// On failure the old file is intact and the temporary is gone.
    public static func write(_ data: Data, to url: URL, mode: mode_t = 0o640) throws(StoreProblem) {
        try write(data, to: url, mode: mode, sync: true)
    }

    /// Removes the temporaries that a killed save of ours left in `directory`: only names that
    /// match our pattern, whose process is gone or that are over a minute old. Never fails: a
    /// directory we cannot clean is one we cannot write either, which saving will report.
    public static func removeStaleTemporaries(in directory: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        let now = Date().timeIntervalSince1970
        for name in names {
            guard let pid = temporaryOwner(name) else { continue }
            let path = directory.appending(path: name).path
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            // A pid can be reused by another process: age settles it.
            let age = now - Double(info.st_mtim.tv_sec)
            if !isAlive(pid) || age > 60 { unlink(path) }
        }
    }

    /// `.<name>.ptce-tmp-<pid>-<random>`: hidden, tied to its file, and recognisable as ours.
    static func temporaryName(for name: String) -> String {
        ".\(name)\(temporaryMarker)\(getpid())-\(String(UInt32.random(in: .min ... .max), radix: 16))"
    }

    static func isTemporary(_ name: String) -> Bool { temporaryOwner(name) != nil }

    private static let temporaryMarker = ".ptce-tmp-"

    private static func temporaryOwner(_ name: String) -> pid_t? {
        guard name.hasPrefix("."), let marker = name.range(of: temporaryMarker, options: .backwards) else { return nil }
        let parts = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0, UInt32(parts[1], radix: 16) != nil else { return nil }
        return pid
    }

    private static func isAlive(_ pid: pid_t) -> Bool { kill(pid, 0) == 0 || errno == EPERM }

    /// `sync: false` is for writing many files at once (a new campaign, a demo copy): each file is
    /// still replaced atomically, and the caller syncs everything once before its final write.
    static func write(_ data: Data, to url: URL, mode: mode_t, sync: Bool) throws(StoreProblem) {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appending(path: temporaryName(for: url.lastPathComponent)).path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw SystemError.problem(url, errno) }
        var openFD: Int32? = fd
        do {
            // Explicit, so that the umask never decides who may read the scores.
            try SystemError.check(fchmod(fd, mode), url)
            try writeAll(data, to: fd, url)
            if sync { try SystemError.check(retryingInterrupts { fsync(fd) }, url) }
            openFD = nil
            // close can report a deferred write error (NFS, quotas).
            try SystemError.check(close(fd), url)
            try SystemError.check(rename(temporary, url.path), url)
        } catch {
            if let openFD { close(openFD) }
            unlink(temporary)
            throw error
        }
        if sync { syncDirectory(directory) }
    }

    /// Creates the directory and any missing parent with exactly `mode`, syncing each parent so
    /// that the new entry survives a crash.
    static func createDirectory(_ url: URL, mode: mode_t = 0o750) throws(StoreProblem) {
        var info = stat()
        if stat(url.path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw StoreProblem(url, Localized(.existsButIsNotADirectory)) }
            return
        }
        let parent = url.deletingLastPathComponent()
        try createDirectory(parent, mode: mode)
        let consequence = Localized(.cannotCreateTheDirectory)
        guard mkdir(url.path, mode) == 0 else {
            if errno == EEXIST { return }   // made meanwhile by another process
            throw SystemError.problem(url, errno, consequence)
        }
        // Exactly `mode` whatever the umask, but the setgid bit inherited from a shared campaign
        // directory (2750) is kept, so that files keep the campaign's group.
        try SystemError.check(stat(url.path, &info), url, consequence)
        try SystemError.check(chmod(url.path, mode | (info.st_mode & S_ISGID)), url, consequence)
        syncDirectory(parent)
    }

    /// Errors are ignored: the rename is done and the file is complete; all that is at stake is
    /// whether its name survives a power cut, which nothing can repair at this point.
    static func syncDirectory(_ directory: URL) {
        let fd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = retryingInterrupts { fsync(fd) }
        close(fd)
    }

    /// Flushes everything written on the file system that holds `directory`: one flush for a whole
    /// new campaign rather than one per file. syncfs is not in Swift's Glibc module (it needs
    /// _GNU_SOURCE), hence the lookup; sync, which flushes every file system, is the fallback.
    static func syncFileSystem(containing directory: URL) {
        typealias SyncFS = @convention(c) (Int32) -> Int32
        let fd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if fd >= 0 { close(fd) } }
        if fd >= 0, let symbol = dlsym(nil, "syncfs"), unsafeBitCast(symbol, to: SyncFS.self)(fd) == 0 { return }
        sync()
    }

    private static func writeAll(_ data: Data, to fd: Int32, _ url: URL) throws(StoreProblem) {
        let failure: Int32? = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw SystemError.problem(url, failure) }
    }

    private static func retryingInterrupts(_ call: () -> Int32) -> Int32 {
        var result: Int32
        repeat { result = call() } while result != 0 && errno == EINTR
        return result
    }
}

/// System call failures in words a juror can act on.
enum SystemError {
    static let saving = Localized(.cannotSaveTheFormerVersionOfThe)

    static func check(_ result: Int32, _ url: URL, _ consequence: Localized = saving) throws(StoreProblem) {
        if result != 0 { throw problem(url, errno, consequence) }
    }

    static func problem(_ url: URL, _ code: Int32, _ consequence: Localized = saving) -> StoreProblem {
        let cause = cause(code)
        return StoreProblem(url, Localized { l in l.text(.causeAndConsequence, ["cause": cause.text(l), "consequence": consequence.text(l)]) })
    }

    private static func cause(_ code: Int32) -> Localized {
        switch code {
        case ENOSPC: return Localized(.diskFull)
        case EDQUOT: return Localized(.diskQuotaExceeded)
        case EROFS: return Localized(.readOnlyFileSystem)
        case EACCES, EPERM: return Localized(.permissionDenied)
        case ENOENT: return Localized(.noSuchFileOrDirectory)
        case EIO: return Localized(.diskInputOutputError)
        default:
            let name = String(cString: strerror(code))
            return Localized(.systemErrorErrno, ["name": name, "code": code])
        }
    }
}
