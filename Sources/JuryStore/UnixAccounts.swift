import Foundation
import JuryCore
#if canImport(Glibc)
import Glibc
#endif

/// Accounts and groups from the system's databases: who runs the program is the effective user
/// id, never $USER, which anyone can set.
public enum UnixAccounts {
    public static func currentLogin() -> String { login(of: geteuid()) ?? "uid\(geteuid())" }

    /// The account's name, nil when it has none. getpwuid_r: the jury server asks from several threads.
    public static func login(of uid: uid_t) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else { return nil }
        return String(cString: name)
    }

    static func uid(of login: String) -> uid_t? { getpwnam(login).map { $0.pointee.pw_uid } }

    public static func userName(_ uid: uid_t) -> String { login(of: uid) ?? "uid \(uid)" }

    public static func gid(ofGroup name: String) -> gid_t? { getgrnam(name).map { $0.pointee.gr_gid } }

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

extension CampaignStore {
    /// The account owning the campaign directory: with the chair, the one who may change the jury
    /// on a directory (on a server, the server's account, which prepares the campaign).
    public var owner: String {
        var info = stat()
        return stat(root.path, &info) == 0 ? UnixAccounts.userName(info.st_uid) : "?"
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
