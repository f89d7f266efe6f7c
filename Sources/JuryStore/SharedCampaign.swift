import Foundation
import JuryCore
#if canImport(Glibc)
import Glibc
#endif

/// Accounts and groups from the system's databases: who runs the program is the effective user
/// id, never $USER, which anyone can set.
public enum UnixAccounts {
    public static func currentLogin() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid\(geteuid())"
    }

    static func uid(of login: String) -> uid_t? { getpwnam(login).map { $0.pointee.pw_uid } }

    static func userName(_ uid: uid_t) -> String {
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(uid)"
    }

    static func gid(ofGroup name: String) -> gid_t? { getgrnam(name).map { $0.pointee.gr_gid } }

    static func groupName(_ gid: gid_t) -> String {
        if let entry = getgrgid(gid), let name = entry.pointee.gr_name { return String(cString: name) }
        return "gid \(gid)"
    }

    /// Whether `login` belongs to the group, as primary or supplementary group.
    static func isMember(_ login: String, ofGroup gid: gid_t) -> Bool {
        guard let entry = getpwnam(login) else { return false }
        let primary = entry.pointee.pw_gid
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(login, primary, &groups, &count) < 0 {
            groups = [gid_t](repeating: 0, count: Int(count))
            _ = getgrouplist(login, primary, &groups, &count)
        }
        return groups.prefix(Int(max(count, 0))).contains(gid) || primary == gid
    }
}

/// On a shared campaign a reviewer's directory and files are believed to be theirs only if their
/// account owns them and nobody else may write them: anyone in the group can create any name in
/// `reviewers/` or `journal/` (guide §5), so a name alone proves nothing.
enum Ownership {
    /// Why `url` cannot be taken as `login`'s, or nil when it can (or does not exist).
    static func problem(_ url: URL, login: String, directory: Bool) -> String? {
        problem(url, login: login, uid: UnixAccounts.uid(of: login), directory: directory)
    }

    /// The same with the account's uid looked up once (nil: no such account).
    static func problem(_ url: URL, login: String, uid: uid_t?, directory: Bool) -> String? {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return nil }
        guard let uid else {
            return "« \(login) » n’est pas un compte de ce serveur : son contenu est ignoré (voir ptce-jury doctor)"
        }
        let kind = info.st_mode & S_IFMT
        if kind != (directory ? S_IFDIR : S_IFREG) {
            return (directory ? "n’est pas un dossier" : "n’est pas un fichier ordinaire") + " : ignoré (voir ptce-jury doctor)"
        }
        return problem(of: info, expected: uid, login: login, url).map { $0 + " : son contenu est ignoré (voir ptce-jury doctor)" }
    }

    static func problem(of info: stat, expected uid: uid_t, login: String, _ url: URL) -> String? {
        if info.st_uid != uid {
            return "appartient à \(UnixAccounts.userName(info.st_uid)) et non à \(login)"
        }
        if info.st_mode & 0o022 != 0 {
            return "modifiable par d’autres que \(login) (mode \(String(info.st_mode & 0o7777, radix: 8)))"
        }
        return nil
    }

    /// A reviewer's directories, checked before anything of theirs is written or read as theirs.
    static func reviewerProblems(_ root: URL, _ login: String) -> [(URL, String)] {
        [CampaignFiles.reviewerDirectory(root, login), CampaignFiles.sheets(root, login)].compactMap { url in
            problem(url, login: login, directory: true).map { (url, $0) }
        }
    }
}

/// Modes of a shared campaign (docs/SHARED.md).
public enum SharedLayout {
    /// The campaign directory: its owner writes, the group reads; new entries take the group.
    public static let rootMode: mode_t = 0o2750
    /// `reviewers/` and `journal/`: the group creates, the sticky bit forbids removing or renaming
    /// someone else's entry.
    public static let dropBoxMode: mode_t = 0o3770
    /// A reviewer's own directory, and `.lock/`.
    public static let ownDirectoryMode: mode_t = 0o2750
    public static let fileMode: mode_t = 0o640
    /// The files only the campaign's owner writes (allocation.json when deliberation made it).
    public static let ownerFiles = ["campaign.json", "jury.json", "dossiers.json", "allocation.json"]
}

extension CampaignStore {
    /// Whether the campaign is shared by a group on this server.
    public var isShared: Bool { campaign.shared != nil }

    /// The account owning the campaign directory: on a shared campaign, the only one who can
    /// write jury.json and the other files at the top.
    public var owner: String {
        var info = stat()
        return stat(root.path, &info) == 0 ? UnixAccounts.userName(info.st_uid) : "?"
    }

    /// Sets a campaign up for a group of Unix users, new or in place (`ptce-jury init --shared`).
    /// Returns what is left for an administrator to do (directories that only root can give back
    /// to their reviewers).
    public static func share(_ root: URL, group: String) throws(StoreFailure) -> [String] {
        let campaignURL = CampaignFiles.campaign(root)
        func failure(_ url: URL, _ message: String) -> StoreFailure { StoreFailure([StoreProblem(url, message)]) }
        guard let gid = UnixAccounts.gid(ofGroup: group) else {
            throw failure(root, "groupe « \(group) » inconnu : créez-le d’abord (groupadd \(group))")
        }
        guard let campaign = try failing({ () throws(StoreProblem) in
            try Document.load(Campaign.self, from: campaignURL, limit: CampaignFiles.maxCampaignBytes)
        }) else {
            throw failure(campaignURL, "fichier absent : pas de campagne ici")
        }
        if campaign.isDemo {
            throw failure(campaignURL, "une campagne de démonstration ne se partage pas (elle travaille dans une copie privée) : "
                                       + "écrivez-en une avec ptce-jury demo --out DOSSIER")
        }
        var notes: [String] = []
        do throws(StoreProblem) {
            var shared = campaign
            shared.shared = SharedAccess(group: group)
            _ = try Document.replace(campaignURL, limit: CampaignFiles.maxCampaignBytes) { (_: Campaign?) in shared }
            let tree = SharedTree(root: root, gid: gid, group: group)
            try tree.set(root, SharedLayout.rootMode)
            for name in SharedLayout.ownerFiles where FileManager.default.fileExists(atPath: root.appending(path: name).path) {
                try tree.set(root.appending(path: name), SharedLayout.fileMode)
            }
            for directory in [CampaignFiles.reviewers(root), CampaignFiles.journalDirectory(root)] {
                try DurableFile.createDirectory(directory)
                try tree.set(directory, SharedLayout.dropBoxMode)
            }
            try DurableFile.createDirectory(CampaignFiles.lockDirectory(root))
            try tree.set(CampaignFiles.lockDirectory(root), SharedLayout.ownDirectoryMode)
            for file in SharedFile.allCases {
                let url = CampaignFiles.lock(root, file)
                let fd = Glibc.open(url.path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, SharedLayout.fileMode)
                guard fd >= 0 else { throw SystemError.problem(url, errno, "création du verrou impossible") }
                close(fd)
                try tree.set(url, SharedLayout.fileMode)
            }
            // Sheets and journals written before sharing (an import, a generated campaign) belong to
            // whoever wrote them; only root can give them to their reviewers.
            let reviewers = (try? FileManager.default.contentsOfDirectory(atPath: CampaignFiles.reviewers(root).path)) ?? []
            for login in reviewers.sorted() where Jury.isValidLogin(login) {
                notes += try tree.give(CampaignFiles.reviewerDirectory(root, login), to: login)
            }
            for (login, url) in Journal.journals(root) { notes += try tree.give(url, to: login) }
        } catch {
            throw StoreFailure([error])
        }
        return notes
    }
}

/// Applies the group and modes of a shared campaign, file by file.
private struct SharedTree {
    let root: URL
    let gid: gid_t
    let group: String

    func set(_ url: URL, _ mode: mode_t, owner: uid_t? = nil) throws(StoreProblem) {
        if lchown(url.path, owner ?? uid_t.max, gid) != 0 {
            let consequence = errno == EPERM
                ? "changement de groupe refusé : il faut être propriétaire du fichier et membre du groupe \(group) "
                    + "(usermod -aG \(group) \(UnixAccounts.currentLogin()), puis reconnectez-vous)"
                : "changement de groupe impossible"
            throw SystemError.problem(url, errno, consequence)
        }
        try SystemError.check(chmod(url.path, mode), url, "changement de mode impossible")
    }

    /// Gives a reviewer's directory (or journal) to its reviewer when we can (as root), with the
    /// modes of a shared campaign; otherwise says how.
    func give(_ url: URL, to login: String) throws(StoreProblem) -> [String] {
        let uid = UnixAccounts.uid(of: login)
        try apply(url, owner: geteuid() == 0 ? uid : nil)
        var info = stat()
        guard lstat(url.path, &info) == 0, info.st_uid != uid else { return [] }
        guard uid != nil else { return ["\(url.relativePath) : « \(login) » n’est pas un compte de ce serveur (useradd \(login))"] }
        return ["\(url.relativePath) appartient à \(UnixAccounts.userName(info.st_uid)) : tant qu’il n’est pas à \(login), "
                + "son contenu est ignoré ; en root : chown -R \(login) '\(url.path)'"]
    }

    /// Links and devices are left alone; so is what someone else owns, unless we are root.
    private func apply(_ url: URL, owner: uid_t?) throws(StoreProblem) {
        var info = stat()
        guard lstat(url.path, &info) == 0, geteuid() == 0 || info.st_uid == geteuid() else { return }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            try set(url, SharedLayout.fileMode, owner: owner)
        case S_IFDIR:
            try set(url, SharedLayout.ownDirectoryMode, owner: owner)
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() {
                try apply(url.appending(path: name), owner: owner)
            }
        default:
            return
        }
    }
}

/// The kind of file system a path is on, from statfs's magic number.
enum FileSystemKind {
    /// The name of a network file system, where flock and inotify do not hold between machines; nil otherwise.
    static func network(_ url: URL) -> String? {
        guard let magic = magic(url) else { return nil }
        switch magic {
        case 0x6969: return "NFS"
        case 0xFF534D42, 0xFE534D42, 0x517B: return "CIFS/SMB"
        case 0x65735546: return "FUSE (sshfs…)"
        case 0x00C36400: return "Ceph"
        case 0x47504653: return "GPFS"
        default: return nil
        }
    }

    /// statfs is not in Swift's Glibc module (sys/vfs.h): looked up, its struct read as raw bytes.
    /// f_type is its first field, a long, on every Linux architecture.
    private static func magic(_ url: URL) -> UInt32? {
        typealias StatFS = @convention(c) (UnsafePointer<CChar>, UnsafeMutableRawPointer) -> Int32
        guard let symbol = dlsym(nil, "statfs") else { return nil }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 512, alignment: 8)
        defer { buffer.deallocate() }
        guard unsafeBitCast(symbol, to: StatFS.self)(url.path, buffer) == 0 else { return nil }
        return UInt32(truncatingIfNeeded: buffer.load(as: Int.self))
    }
}
