import Foundation
import JuryCore
#if canImport(Glibc)
import Glibc
#endif

/// One thing wrong with how a campaign is installed, and the command that fixes it.
public struct DoctorFinding: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var problem: String
    /// The exact command, with who must run it.
    public var fix: String?
    /// Worth knowing, but nothing is broken.
    public var isWarning: Bool

    public var description: String {
        "\(isWarning ? "attention" : "problème") : \(path) : \(problem)" + (fix.map { "\n    → \($0)" } ?? "")
    }
}

/// Checks owners, groups, modes and the file system of a campaign against docs/SHARED.md. Works
/// on a campaign that does not open: setting it right is what it is for.
public enum Doctor {
    public static func examine(_ root: URL) -> (shared: Bool, findings: [DoctorFinding]) {
        var findings: [DoctorFinding] = []
        if let kind = FileSystemKind.network(root) {
            findings.append(DoctorFinding(path: root.path, problem: "la campagne est sur un système de fichiers réseau (\(kind)) : "
                + "les verrous (flock) et la surveillance des changements (inotify) n’y valent pas entre machines",
                fix: "n’utilisez la campagne que depuis ce serveur, ou placez-la sur un disque local (ext4, xfs)", isWarning: true))
        }
        let campaign = try? Document.load(Campaign.self, from: CampaignFiles.campaign(root), limit: CampaignFiles.maxCampaignBytes)
        guard let group = campaign?.shared?.group else { return (false, findings) }
        guard let gid = UnixAccounts.gid(ofGroup: group) else {
            findings.append(DoctorFinding(path: root.path, problem: "le groupe « \(group) » n’existe pas sur ce serveur",
                                          fix: "en root : groupadd \(group)", isWarning: false))
            return (true, findings)
        }
        var rootInfo = stat()
        guard lstat(root.path, &rootInfo) == 0 else { return (true, findings) }
        let owner = rootInfo.st_uid
        var check = Check(gid: gid, group: group, owner: owner, findings: findings)

        check.expect(root, directory: true, mode: SharedLayout.rootMode, owner: owner)
        for name in SharedLayout.ownerFiles {
            let url = root.appending(path: name)
            if FileManager.default.fileExists(atPath: url.path) { check.expect(url, directory: false, mode: SharedLayout.fileMode, owner: owner) }
        }
        for directory in [CampaignFiles.reviewers(root), CampaignFiles.journalDirectory(root)] {
            check.expect(directory, directory: true, mode: SharedLayout.dropBoxMode, owner: owner)
        }
        check.expect(CampaignFiles.lockDirectory(root), directory: true, mode: SharedLayout.ownDirectoryMode, owner: owner)
        for file in SharedFile.allCases {
            check.expect(CampaignFiles.lock(root, file), directory: false, mode: SharedLayout.fileMode, owner: owner)
        }

        let jury = try? Document.load(Jury.self, from: CampaignFiles.jury(root), limit: CampaignFiles.maxJuryBytes)
        let reviewers = (try? FileManager.default.contentsOfDirectory(atPath: CampaignFiles.reviewers(root).path)) ?? []
        for login in reviewers.sorted() where !login.hasPrefix(".") {
            let url = CampaignFiles.reviewerDirectory(root, login)
            guard Jury.isValidLogin(login), let uid = UnixAccounts.uid(of: login) else {
                check.report(url, "aucun compte « \(login) » sur ce serveur : ce dossier n’est celui de personne",
                             fix: "en root, après examen : mv '\(url.path)' '/root/ptce-quarantaine-\(login)'")
                continue
            }
            if jury?.member(login) == nil {
                check.warn(url, "« \(login) » n’est pas membre du jury : ses fiches ne comptent pas", fix: nil)
            }
            check.expectTree(url, login: login, uid: uid)
        }
        for (login, url) in Journal.journals(root) {
            guard let uid = UnixAccounts.uid(of: login) else {
                check.report(url, "aucun compte « \(login) » sur ce serveur", fix: "en root, après examen : mv '\(url.path)' /root/")
                continue
            }
            check.expectOwned(url, login: login, uid: uid, directory: false)
        }
        for member in jury?.members ?? [] {
            if UnixAccounts.uid(of: member.login) == nil {
                check.report(root, "le membre du jury « \(member.login) » n’a pas de compte sur ce serveur",
                             fix: "en root : useradd -m -G \(group) \(member.login)")
            } else if !UnixAccounts.isMember(member.login, ofGroup: gid) {
                check.report(root, "le membre du jury « \(member.login) » n’est pas dans le groupe \(group) : il ne peut rien lire",
                             fix: "en root : usermod -aG \(group) \(member.login) (effet à sa prochaine connexion)")
            }
        }
        if geteuid() == 0 {
            check.warn(root, "vous êtes root : root passe outre toutes ces permissions ; les membres du jury, eux, y sont soumis", fix: nil)
        }
        return (true, check.findings)
    }
}

private struct Check {
    let gid: gid_t
    let group: String
    let owner: uid_t
    var findings: [DoctorFinding]

    mutating func report(_ url: URL, _ problem: String, fix: String?) {
        findings.append(DoctorFinding(path: url.path, problem: problem, fix: fix, isWarning: false))
    }

    mutating func warn(_ url: URL, _ problem: String, fix: String?) {
        findings.append(DoctorFinding(path: url.path, problem: problem, fix: fix, isWarning: true))
    }

    /// Type, owner, group and exact mode of one entry.
    mutating func expect(_ url: URL, directory: Bool, mode: mode_t, owner: uid_t) {
        let path = "'\(url.path)'"
        let ownerName = UnixAccounts.userName(owner)
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            let make = directory ? "install -d -m \(octal(mode)) -g \(group) \(path)" : "install -m \(octal(mode)) -g \(group) /dev/null \(path)"
            report(url, "absent", fix: "en tant que \(ownerName) : \(make)   (ou relancez ptce-jury init --shared --group \(group))")
            return
        }
        guard info.st_mode & S_IFMT == (directory ? S_IFDIR : S_IFREG) else {
            report(url, directory ? "n’est pas un dossier" : "n’est pas un fichier ordinaire", fix: "en root, après examen : rm -r \(path)")
            return
        }
        if info.st_uid != owner {
            report(url, "appartient à \(UnixAccounts.userName(info.st_uid)) au lieu de \(ownerName), propriétaire de la campagne",
                   fix: "en root : chown \(ownerName) \(path)")
        }
        if info.st_gid != gid {
            report(url, "groupe \(UnixAccounts.groupName(info.st_gid)) au lieu de \(group)", fix: "en tant que \(ownerName) : chgrp \(group) \(path)")
        }
        if info.st_mode & 0o7777 != mode {
            report(url, "mode \(octal(info.st_mode & 0o7777)) au lieu de \(octal(mode))", fix: "en tant que \(ownerName) : chmod \(octal(mode)) \(path)")
        }
    }

    /// A reviewer's directory and everything in it: theirs alone, group-readable.
    mutating func expectTree(_ url: URL, login: String, uid: uid_t) {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return }
        let isDirectory = info.st_mode & S_IFMT == S_IFDIR
        guard expectOwned(url, login: login, uid: uid, directory: isDirectory), isDirectory else { return }
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() {
            expectTree(url.appending(path: name), login: login, uid: uid)
        }
    }

    /// Whether `url` is `login`'s; each problem says how to set it right.
    @discardableResult
    mutating func expectOwned(_ url: URL, login: String, uid: uid_t, directory: Bool) -> Bool {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return false }
        let path = "'\(url.path)'"
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFDIR || kind == S_IFREG else {
            report(url, "ni fichier ni dossier (lien ?) : ignoré", fix: "en root, après examen : rm \(path)")
            return false
        }
        if info.st_uid != uid {
            // Someone made it under another's name, or it predates sharing: only root can tell and fix.
            report(url, "appartient à \(UnixAccounts.userName(info.st_uid)) et non à \(login) : ignoré, \(login) ne peut rien y enregistrer",
                   fix: "en root, si ce contenu n’est pas de \(login) : mv \(path) '/root/ptce-quarantaine-\(login)' ; "
                        + "s’il l’est (campagne importée) : chown -R \(login) \(path)")
            return false
        }
        let mode: mode_t = kind == S_IFDIR ? SharedLayout.ownDirectoryMode : SharedLayout.fileMode
        if info.st_mode & 0o7777 != mode {
            report(url, "mode \(octal(info.st_mode & 0o7777)) au lieu de \(octal(mode))"
                        + (info.st_mode & 0o022 != 0 ? " : modifiable par d’autres, donc ignoré" : ""),
                   fix: "en tant que \(login) : chmod \(octal(mode)) \(path)")
        }
        if info.st_gid != gid {
            report(url, "groupe \(UnixAccounts.groupName(info.st_gid)) au lieu de \(group) : le jury ne peut pas le lire",
                   fix: "en tant que \(login) : chgrp \(kind == S_IFDIR ? "-R " : "")\(group) \(path)")
        }
        return true
    }

    private func octal(_ mode: mode_t) -> String { String(mode, radix: 8) }
}
