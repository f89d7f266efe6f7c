import Foundation
import JuryCore
#if canImport(Glibc)
import Glibc
#endif

/// Tells an open console that someone changed the campaign's files: another reviewer's sheet,
/// the chair's jury or campaign, a declared conflict. Raw inotify on the campaign directory and
/// every directory below it (an atomic save shows as IN_MOVED_TO: docs/ARCHITECTURE.md, « Files »); polling of
/// (inode, size, mtime) when inotify is unavailable or cannot see the changes (NFS and other
/// network file systems, where inotify only reports this machine's own writes).
///
/// Not thread-safe: one owner (the console loop) calls `poll()`.
public final class ChangeWatcher {
    public enum Mode: Equatable, Sendable {
        case inotify, polling
    }

    /// What changed since the last look, for `CampaignStore.refresh(_:)`.
    public enum Change: Equatable, Sendable {
        case nothing
        /// These files, by path from the campaign directory: only they need a look.
        case files(Set<String>)
        /// Anything may have changed (the first look, lost events, a new directory): look at everything.
        case anything
    }

    public let root: URL
    public private(set) var mode: Mode
    /// Readable when inotify has events waiting, for a caller that wants to wait on it; nil when polling.
    public var fileDescriptor: Int32? { descriptor >= 0 ? descriptor : nil }

    private var descriptor: Int32 = -1
    /// Watch descriptor → the directory it watches, by path from the campaign directory ("" for it).
    private var watched: [Int32: String] = [:]
    private let pollingInterval: Duration
    private var lastScan: ContinuousClock.Instant
    private var fingerprints: [CampaignFile: FileFingerprint]
    /// What the next `poll()` reports. At first, anything: what the caller read before the watcher
    /// started may already be stale.
    private var pending = Change.anything

    /// `mode: .polling` forces polling (tests, benchmarks); otherwise inotify is used when the
    /// system and the file system allow it.
    public init(root: URL, mode: Mode = .inotify, pollingInterval: Duration = .seconds(1)) {
        self.root = root
        self.pollingInterval = pollingInterval
        self.mode = .polling
        lastScan = ContinuousClock.now
        fingerprints = [:]
        if mode == .inotify, !Self.isNetworkFileSystem(root), startInotify() {
            self.mode = .inotify
        } else {
            fingerprints = FileFingerprint.scan(root)
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Never blocks: what changed since the last call. Every event waiting is read, so that a
    /// burst (many sheets saved at once, a save's create-write-rename) is one answer.
    public func poll() -> Change {
        switch mode {
        case .inotify: drainEvents()
        case .polling: rescanIfDue()
        }
        defer { pending = .nothing }
        return pending
    }

    private func changed(_ path: String) {
        switch pending {
        case .nothing: pending = .files([path])
        case .files(let paths): pending = .files(paths.union([path]))
        case .anything: break
        }
    }

    // MARK: inotify

    /// What a change of content looks like: an atomic save (IN_MOVED_TO), a plain write, a removal.
    /// IN_CREATE alone is not a change (the writer has not finished) except for a new directory.
    private static let fileEvents = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE)
    private static let watchMask = fileEvents | UInt32(IN_CREATE | IN_ONLYDIR)

    private func startInotify() -> Bool {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return false }
        guard watchTree("") else {
            // Out of watches (fs.inotify.max_user_watches) or not allowed: polling still works.
            close(descriptor)
            descriptor = -1
            watched = [:]
            return false
        }
        return true
    }

    /// Watches `directory` and every directory below it, but not hidden ones (our temporaries,
    /// .lock, a demo's source copy). False when a watch could not be added.
    private func watchTree(_ directory: String) -> Bool {
        let url = directory.isEmpty ? root : root.appending(path: directory)
        let wd = inotify_add_watch(descriptor, url.path, Self.watchMask)
        if wd < 0 { return errno == ENOENT || errno == ENOTDIR }   // gone meanwhile: nothing to watch
        watched[wd] = directory
        for name in FileFingerprint.visibleEntries(of: url) where FileFingerprint.isDirectory(url.appending(path: name)) {
            if !watchTree(Self.path(directory, name)) { return false }
        }
        return true
    }

    private static func path(_ directory: String, _ name: String) -> String { directory.isEmpty ? name : directory + "/" + name }

    private func drainEvents() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }   // EAGAIN: nothing more waiting
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (wd, mask, length) = buffer.withUnsafeBytes { bytes in
                    (bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let name = String(decoding: buffer[nameStart..<nameStart + length].prefix { $0 != 0 }, as: UTF8.self)
                offset = nameStart + length
                handle(wd: wd, mask: mask, name: name)
            }
        }
    }

    private func handle(wd: Int32, mask: UInt32, name: String) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            // Events were lost, new directories perhaps among them: watch everything again.
            watched.keys.forEach { inotify_rm_watch(descriptor, $0) }
            watched = [:]
            if !watchTree("") { fallBackToPolling() }
            pending = .anything
            return
        }
        if mask & UInt32(IN_IGNORED) != 0 {
            watched[wd] = nil
            return
        }
        guard !name.hasPrefix("."), let directory = watched[wd] else { return }
        if mask & UInt32(IN_ISDIR) != 0 {
            // A directory came (files may have landed in it before its watch) or went: look at everything.
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, !watchTree(Self.path(directory, name)) { fallBackToPolling() }
            if mask & UInt32(IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE) != 0 { pending = .anything }
            return
        }
        if mask & Self.fileEvents != 0 { changed(Self.path(directory, name)) }
    }

    private func fallBackToPolling() {
        close(descriptor)
        descriptor = -1
        watched = [:]
        mode = .polling
        fingerprints = FileFingerprint.scan(root)
        lastScan = ContinuousClock.now
        pending = .anything
    }

    // MARK: polling

    private func rescanIfDue() {
        let now = ContinuousClock.now
        guard now - lastScan >= pollingInterval else { return }
        lastScan = now
        let current = FileFingerprint.scan(root)
        for file in Set(current.keys).union(fingerprints.keys) where current[file] != fingerprints[file] {
            changed(file.path(from: root))
        }
        fingerprints = current
    }

    /// inotify sees only this machine's writes on a network file system: there, poll.
    static func isNetworkFileSystem(_ url: URL) -> Bool {
        guard let mounts = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return false }
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        var best: (point: String, type: String)?
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            // Spaces and tabs in mount points are written as octal escapes.
            let point = fields[1].replacingOccurrences(of: "\\040", with: " ").replacingOccurrences(of: "\\011", with: "\t")
            let inside = point == "/" || path == point || path.hasPrefix(point + "/")
            if inside, point.count >= (best?.point.count ?? 0) { best = (point, String(fields[2])) }
        }
        guard let type = best?.type else { return false }
        return ["nfs", "cifs", "smb", "9p", "ceph", "afs", "fuse.sshfs", "glusterfs"].contains { type.hasPrefix($0) }
    }
}

/// What says that a file changed without reading it: a new inode (an atomic save), a new size or
/// a new modification time.
struct FileFingerprint: Equatable, Sendable {
    var inode: UInt64
    var size: Int64
    var modified: timespec

    static func == (a: FileFingerprint, b: FileFingerprint) -> Bool {
        a.inode == b.inode && a.size == b.size && a.modified.tv_sec == b.modified.tv_sec
            && a.modified.tv_nsec == b.modified.tv_nsec
    }

    /// nil when the path is not a regular file (or is gone).
    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = info.st_mtim
    }

    /// Every file a campaign is read from (see docs/STORE.md): what a refresh compares. Names that
    /// the loader ignores or refuses (stray files, invalid logins) cannot change the model: left out.
    static func scan(_ root: URL) -> [CampaignFile: FileFingerprint] {
        var found: [CampaignFile: FileFingerprint] = [:]
        for file in CampaignFile.rootFiles {
            if let fingerprint = FileFingerprint(file.url(root).path) { found[file] = fingerprint }
        }
        for login in visibleEntries(of: CampaignFiles.reviewers(root)) where Jury.isValidLogin(login) {
            let conflicts = CampaignFile.declaredConflicts(login: login)
            if let fingerprint = FileFingerprint(conflicts.url(root).path) { found[conflicts] = fingerprint }
            // Thousands of sheets: one path per directory, the names as listed.
            let directory = CampaignFiles.sheets(root, login)
            for name in visibleEntries(of: directory) {
                guard name.hasSuffix(".json"), let number = Int(name.dropLast(5)), "\(number).json" == name else { continue }
                if let fingerprint = FileFingerprint(directory.path + "/" + name) {
                    found[.sheet(login: login, dossier: number)] = fingerprint
                }
            }
        }
        return found
    }

    /// Names in a directory but hidden ones (temporaries, locks); none when it cannot be read.
    /// readdir rather than FileManager: twice as fast on a directory of thousands of sheets.
    static func visibleEntries(of directory: URL) -> [String] {
        guard let stream = opendir(directory.path) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names
    }

    static func isDirectory(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}

/// One file of the model, as the loader names it.
enum CampaignFile: Hashable, Sendable {
    case campaign, jury, dossiers, allocation, assignments, seances
    case sheet(login: String, dossier: Int)
    /// The conflicts of interest a member declared in their own directory.
    case declaredConflicts(login: String)

    /// The files at the campaign's root.
    static let rootFiles: [CampaignFile] = [.campaign, .jury, .dossiers, .allocation, .assignments, .seances]

    /// The file at `path` (from the campaign directory) when it is one the model is read from.
    /// Checked against `url(_:)`, so that the layout is written down in CampaignFiles only.
    init?(path: String, root: URL) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let file: CampaignFile?
        switch parts.count {
        case 1: file = CampaignFile.rootFiles.first { $0.url(root).lastPathComponent == path }
        case 3: file = .declaredConflicts(login: parts[1])
        case 4: file = Int(parts[3].prefix { $0 != "." }).map { .sheet(login: parts[1], dossier: $0) }
        default: file = nil
        }
        guard let file, parts.count == 1 || Jury.isValidLogin(parts[1]), file.path(from: root) == path else { return nil }
        self = file
    }

    /// Its path from the campaign directory.
    func path(from root: URL) -> String { String(url(root).path.dropFirst(root.path.count + 1)) }

    func url(_ root: URL) -> URL {
        switch self {
        case .campaign: return CampaignFiles.campaign(root)
        case .jury: return CampaignFiles.jury(root)
        case .dossiers: return CampaignFiles.dossiers(root)
        case .allocation: return CampaignFiles.allocation(root)
        case .assignments: return CampaignFiles.assignments(root)
        case .seances: return CampaignFiles.seances(root)
        case let .sheet(login, dossier): return CampaignFiles.sheet(root, login, dossier)
        case .declaredConflicts(let login): return CampaignFiles.declaredConflicts(root, login)
        }
    }
}
