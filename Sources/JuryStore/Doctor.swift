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

    public init(path: String, problem: Localized, fix: Localized?, isWarning: Bool) {
        self.path = path
        self.problem = problem
        self.fix = fix
        self.isWarning = isWarning
    }

    public func text(_ l: Language) -> String {
        let kind = isWarning ? l.text(.warning) : l.text(.problem)
        return l.text(.textText3, ["kind": kind, "path": path]) + problem.text(l) + (fix.map { "\n    → \($0.text(l))" } ?? "")
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
        let jurysGroup = check.socket(socketPath, group: group, instance: name,
                                      server: (owner, rootInfo.st_uid, "ptce-jury serve --data '\(root.path)' --socket \(socketPath)"))
        if let text = try? String(contentsOfFile: unit, encoding: .utf8) {
            // The unit as shipped names the group jury-ptce: another group must be written there too.
            if let group, !text.contains("--group \(group)") {
                check.warn(unit, "l’unité ne donne pas le groupe \(group) au serveur (--group, ExecStartPre)",
                           "the unit does not give the group \(group) to the server (--group, ExecStartPre)",
                           fix: "en root : sed -i 's/jury-ptce/\(group)/g' \(unit) && systemctl daemon-reload",
                           "as root: sed -i 's/jury-ptce/\(group)/g' \(unit) && systemctl daemon-reload")
            }
        } else {
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

    /// What can be checked from the socket alone: by the administrator who names no campaign, and
    /// by a member (who cannot read the campaign), with what stands between them and the server:
    /// the socket's directory, the jury's group, a group joined since they logged in.
    public static func examine(socket: String, group: String?) -> [DoctorFinding] {
        var check = Check()
        let name = URL(fileURLWithPath: socket).deletingPathExtension().lastPathComponent
        _ = check.socket(socket, group: group, instance: name, server: nil)
        if geteuid() == 0 {
            let command = "ptce-jury doctor --data /srv/ptce/\(name) --server \(socket)" + (group.map { " --group \($0)" } ?? "")
            check.warn(socket, "seul le socket est vérifié, pas la campagne ni les comptes des membres",
                       "only the socket is checked, not the campaign nor the members’ accounts", fix: command, command)
        } else {
            check.access(socket)
        }
        return check.findings
    }

    /// Whether something accepts a connection on the socket (the server answers its first request
    /// only to jury members; accepting is enough to know it runs).
    public static func answers(_ path: String) -> Bool {
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

    /// The server's socket: there, a socket, open to the jury's group only, made by the server's
    /// account (`server`: its name, uid and command line, when the campaign is known), answering.
    /// The jury's group: `group`, else the socket's.
    mutating func socket(_ path: String, group: String?, instance: String, server: (name: String, uid: uid_t, command: String)?) -> String? {
        var info = stat()
        let groupOption = "--group \(group ?? "jury-ptce")"
        guard lstat(path, &info) == 0 else {
            // Its directory closed to this account: `access` says why, the server may well run.
            if errno == EACCES { return group }
            let standalone = server.map { Localized(fr: " (sans systemd, en tant que \($0.name) : \($0.command) \(groupOption))",
                                                    en: " (without systemd, as \($0.name): \($0.command) \(groupOption))") }
            report(path, "pas de socket : le serveur ne tourne pas", "no socket: the server is not running",
                   fix: "en root : systemctl enable --now ptce-jury@\(instance)" + (standalone?.fr ?? ""),
                   "as root: systemctl enable --now ptce-jury@\(instance)" + (standalone?.en ?? ""))
            return group
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            report(path, "n’est pas un socket", "is not a socket", fix: "en root, après examen : rm '\(path)' puis redémarrez le serveur",
                   "as root, after a look: rm '\(path)' then restart the server")
            return group
        }
        let socketGroup = UnixAccounts.groupName(info.st_gid)
        if let group, group != socketGroup {
            report(path, "groupe \(socketGroup) au lieu de \(group) : le jury ne peut pas s’y connecter",
                   "group \(socketGroup) instead of \(group): the jury cannot connect to it",
                   fix: "corrigez --group (ou SocketGroup/ExecStartPre de l’unité) puis redémarrez le serveur",
                   "correct --group (or the unit’s SocketGroup/ExecStartPre) then restart the server")
        }
        if info.st_mode & 0o777 != 0o660 {
            let mode = String(info.st_mode & 0o777, radix: 8)
            report(path, "mode \(mode) au lieu de 660", "mode \(mode) instead of 660",
                   fix: "redémarrez le serveur : il le crée en 660", "restart the server: it makes it 660")
        }
        if let server, info.st_uid != server.uid {
            let maker = UnixAccounts.userName(info.st_uid)
            report(path, "créé par \(maker), pas par \(server.name), propriétaire de la campagne",
                   "made by \(maker), not by \(server.name), the campaign’s owner",
                   fix: "le serveur doit tourner sous \(server.name) (User= de l’unité)", "the server must run as \(server.name) (the unit’s User=)")
        }
        // A member who cannot reach it learns why from `access`, not from a refused connection.
        if (geteuid() == 0 || Glibc.access(path, W_OK) == 0) && !Doctor.answers(path) {
            report(path, "le serveur ne répond pas", "the server does not answer",
                   fix: "en root : systemctl restart ptce-jury@\(instance) ; journalctl -u ptce-jury@\(instance)",
                   "as root: systemctl restart ptce-jury@\(instance); journalctl -u ptce-jury@\(instance)")
        }
        return group ?? socketGroup
    }

    /// What keeps the account running the program from the socket: the directory it is in, the
    /// jury's group, a group joined after logging in (it counts from the next login).
    mutating func access(_ path: String) {
        let me = UnixAccounts.currentLogin()
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var info = stat()
        let reachable = Glibc.access(directory, X_OK) == 0
        let target = reachable ? path : directory
        guard !reachable || Glibc.access(path, W_OK) != 0, lstat(target, &info) == 0 else { return }
        let group = UnixAccounts.groupName(info.st_gid)
        if UnixAccounts.isMember(me, ofGroup: info.st_gid) {
            report(target, "vous (\(me)) êtes dans le groupe \(group) depuis votre dernière connexion : il ne compte pas encore",
                   "you (\(me)) are in the group \(group) since your last login: it does not count yet",
                   fix: "reconnectez-vous (nouvelle session SSH), ou : newgrp \(group)", "log in again (a new SSH session), or: newgrp \(group)")
        } else {
            report(target, "vous (\(me)) n’êtes pas dans le groupe \(group) : vous ne pouvez pas joindre le serveur du jury",
                   "you (\(me)) are not in the group \(group): you cannot reach the jury server",
                   fix: "en root : usermod -aG \(group) \(me) (effet à votre prochaine connexion)",
                   "as root: usermod -aG \(group) \(me) (takes effect at your next login)")
        }
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
