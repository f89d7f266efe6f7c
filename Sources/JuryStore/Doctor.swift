import Foundation
import JuryCore
#if canImport(Glibc)
import Glibc
#endif

/// One thing wrong with how a campaign is installed, and the command that fixes it.
public struct DoctorFinding: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var problem: Localized
    /// The exact command, with who must run it.
    public var fix: Localized?
    /// Worth knowing, but nothing is broken.
    public var isWarning: Bool

    public func text(_ l: Language) -> String {
        let kind = isWarning ? l.pick("attention", "warning") : l.pick("problème", "problem")
        return l.pick("\(kind) : \(path) : ", "\(kind): \(path): ") + problem.text(l) + (fix.map { "\n    → \($0.text(l))" } ?? "")
    }

    /// In French, for logs.
    public var description: String { text(.fr) }
}

/// Checks a jury server's installation (docs/SERVER.md): the campaign closed to every account but
/// the server's, the socket open to the jury's group only, the server answering, the unit
/// installed, every member with an account in the group. Works on a campaign that does not open:
/// setting it right is what it is for.
public enum Doctor {
    public static let unit = "/etc/systemd/system/ptce-jury@.service"

    /// `socket`: where the server listens (else `/run/ptce-jury/<campaign>.sock`); `group`: the
    /// jury's group (else the socket's).
    public static func examine(_ root: URL, socket: String?, group: String?) -> [DoctorFinding] {
        var check = Check()
        let name = root.standardizedFileURL.lastPathComponent
        if let kind = FileSystemKind.network(root) {
            check.warn(root.path, "la campagne est sur un système de fichiers réseau (\(kind)) : le serveur doit être seul à l’écrire, "
                           + "depuis cette machine",
                       "the campaign is on a network file system (\(kind)): the server must be the only one to write it, from this machine",
                       fix: "placez-la sur un disque local (ext4, xfs)", "put it on a local disk (ext4, xfs)")
        }
        var rootInfo = stat()
        guard lstat(root.path, &rootInfo) == 0, rootInfo.st_mode & S_IFMT == S_IFDIR else {
            check.report(root.path, "pas de campagne ici", "no campaign here",
                         fix: "en tant que ptce-jury : ptce-jury init '\(root.path)' (ou demo --out, import)",
                         "as ptce-jury: ptce-jury init '\(root.path)' (or demo --out, import)")
            return check.findings
        }
        let owner = UnixAccounts.userName(rootInfo.st_uid)
        let campaignText = (try? FileReader.read(CampaignFiles.campaign(root), limit: CampaignFiles.maxCampaignBytes)).flatMap { $0 }
        let campaign = campaignText.flatMap { try? Document.decode(Campaign.self, from: $0, CampaignFiles.campaign(root)) }
        if campaign?.shared != nil {
            check.report(CampaignFiles.campaign(root).path, "campagne de l’ancien mode partagé par un groupe : chaque membre peut tout y lire",
                         "campaign of the former mode shared by a group: every member can read all of it",
                         fix: "en root, serveur arrêté : ptce-jury serve --convert --owner ptce-jury --data '\(root.path)'",
                         "as root, server stopped: ptce-jury serve --convert --owner ptce-jury --data '\(root.path)'")
        }
        let jury = try? Document.load(Jury.self, from: CampaignFiles.jury(root), limit: CampaignFiles.maxJuryBytes)
        if rootInfo.st_uid == 0 || jury?.member(owner) != nil {
            check.report(root.path, "appartient à \(owner) : la campagne doit être au seul compte du serveur, qui n’est pas membre du jury",
                         "belongs to \(owner): the campaign must belong to the server’s account alone, which is not a jury member",
                         fix: "en root : chown -R ptce-jury '\(root.path)'", "as root: chown -R ptce-jury '\(root.path)'")
        }
        check.closed(root, rootInfo)

        let socketPath = socket ?? "/run/ptce-jury/\(name).sock"
        var socketInfo = stat()
        var jurysGroup = group
        if lstat(socketPath, &socketInfo) != 0 {
            let serve = "ptce-jury serve --data '\(root.path)' --socket \(socketPath) --group jury-ptce"
            check.report(socketPath, "pas de socket : le serveur ne tourne pas", "no socket: the server is not running",
                         fix: "en root : systemctl enable --now ptce-jury@\(name)   (sans systemd, en tant que \(owner) : \(serve))",
                         "as root: systemctl enable --now ptce-jury@\(name)   (without systemd, as \(owner): \(serve))")
        } else if socketInfo.st_mode & S_IFMT != S_IFSOCK {
            check.report(socketPath, "n’est pas un socket", "is not a socket",
                         fix: "en root, après examen : rm '\(socketPath)' puis redémarrez le serveur",
                         "as root, after a look: rm '\(socketPath)' then restart the server")
        } else {
            let socketGroup = UnixAccounts.groupName(socketInfo.st_gid)
            if let group, group != socketGroup {
                check.report(socketPath, "groupe \(socketGroup) au lieu de \(group) : le jury ne peut pas s’y connecter",
                             "group \(socketGroup) instead of \(group): the jury cannot connect to it",
                             fix: "corrigez --group (ou SocketGroup/ExecStartPre de l’unité) puis redémarrez le serveur",
                             "correct --group (or the unit’s SocketGroup/ExecStartPre) then restart the server")
            }
            jurysGroup = jurysGroup ?? socketGroup
            if socketInfo.st_mode & 0o777 != 0o660 {
                let mode = String(socketInfo.st_mode & 0o777, radix: 8)
                check.report(socketPath, "mode \(mode) au lieu de 660", "mode \(mode) instead of 660",
                             fix: "redémarrez le serveur : il le crée en 660", "restart the server: it makes it 660")
            }
            if socketInfo.st_uid != rootInfo.st_uid {
                let maker = UnixAccounts.userName(socketInfo.st_uid)
                check.report(socketPath, "créé par \(maker), pas par \(owner), propriétaire de la campagne",
                             "made by \(maker), not by \(owner), the campaign’s owner",
                             fix: "le serveur doit tourner sous \(owner) (User= de l’unité)", "the server must run as \(owner) (the unit’s User=)")
            }
            if !answers(socketPath) {
                check.report(socketPath, "le serveur ne répond pas", "the server does not answer",
                             fix: "en root : systemctl restart ptce-jury@\(name) ; journalctl -u ptce-jury@\(name)",
                             "as root: systemctl restart ptce-jury@\(name); journalctl -u ptce-jury@\(name)")
            }
        }
        if !FileManager.default.fileExists(atPath: unit) {
            check.warn(unit, "unité systemd absente : le serveur ne redémarrera pas tout seul",
                       "systemd unit missing: the server will not restart by itself",
                       fix: "en root : install -m 0644 deploy/ptce-jury@.service \(unit) && systemctl daemon-reload",
                       "as root: install -m 0644 deploy/ptce-jury@.service \(unit) && systemctl daemon-reload")
        }
        if let jurysGroup {
            let gid = UnixAccounts.gid(ofGroup: jurysGroup)
            for member in jury?.members ?? [] {
                if UnixAccounts.uid(of: member.login) == nil {
                    check.report(root.path, "le membre du jury « \(member.login) » n’a pas de compte sur ce serveur",
                                 "the jury member “\(member.login)” has no account on this server",
                                 fix: "en root : useradd -m -G \(jurysGroup) \(member.login)", "as root: useradd -m -G \(jurysGroup) \(member.login)")
                } else if let gid, !UnixAccounts.isMember(member.login, ofGroup: gid) {
                    check.report(root.path, "le membre du jury « \(member.login) » n’est pas dans le groupe \(jurysGroup) : il ne peut pas se connecter",
                                 "the jury member “\(member.login)” is not in the group \(jurysGroup): they cannot connect",
                                 fix: "en root : usermod -aG \(jurysGroup) \(member.login) (effet à sa prochaine connexion)",
                                 "as root: usermod -aG \(jurysGroup) \(member.login) (takes effect at their next login)")
                }
            }
        }
        return check.findings
    }

    /// Whether something accepts a connection on the socket (the server answers its first request
    /// only to jury members; accepting is enough to know it runs).
    private static func answers(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0 }
        }
    }
}

private struct Check {
    var findings: [DoctorFinding] = []

    mutating func report(_ path: String, _ fr: String, _ en: String, fix fixFr: String, _ fixEn: String) {
        findings.append(DoctorFinding(path: path, problem: Localized(fr: fr, en: en), fix: Localized(fr: fixFr, en: fixEn), isWarning: false))
    }

    mutating func warn(_ path: String, _ fr: String, _ en: String, fix fixFr: String, _ fixEn: String) {
        findings.append(DoctorFinding(path: path, problem: Localized(fr: fr, en: en), fix: Localized(fr: fixFr, en: fixEn), isWarning: true))
    }

    /// The campaign: its directory closed to everyone but its owner (that is enough: nobody reaches
    /// what is inside, whose files keep their modes), everything in it theirs, no link.
    mutating func closed(_ root: URL, _ rootInfo: stat) {
        let owner = rootInfo.st_uid, name = UnixAccounts.userName(owner)
        if rootInfo.st_mode & 0o077 != 0 {
            report(root.path, "ouvert à d’autres comptes que \(name) : tout membre pourrait lire la campagne",
                   "open to accounts other than \(name): any member could read the campaign",
                   fix: "en tant que \(name) : chmod 700 '\(root.path)'", "as \(name): chmod 700 '\(root.path)'")
        }
        var foreign: [String] = [], odd: [String] = []
        var paths = [root.path]
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let relative = enumerator?.nextObject() as? String { paths.append(root.appending(path: relative).path) }
        for path in paths {
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            if kind != S_IFDIR && kind != S_IFREG { odd.append(path) }
            if info.st_uid != owner { foreign.append(path) }
        }
        if let first = foreign.first {
            let count = foreign.count
            report(first, count > 1 ? "\(count) fichiers ou dossiers n’appartiennent pas à \(name) : le serveur pourrait ne pas les écrire"
                                    : "1 fichier ou dossier n’appartient pas à \(name) : le serveur pourrait ne pas l’écrire",
                   count > 1 ? "\(count) files or directories do not belong to \(name): the server might not write them"
                             : "1 file or directory does not belong to \(name): the server might not write it",
                   fix: "en root : chown -R \(name) '\(root.path)'", "as root: chown -R \(name) '\(root.path)'")
        }
        if let first = odd.first {
            let count = odd.count
            report(first, count > 1 ? "\(count) entrées ni fichier ni dossier (lien, tube…)" : "1 entrée ni fichier ni dossier (lien, tube…)",
                   count > 1 ? "\(count) entries neither file nor directory (link, pipe…)" : "1 entry neither file nor directory (link, pipe…)",
                   fix: "en root, après examen : rm '\(first)'", "as root, after a look: rm '\(first)'")
        }
    }
}
