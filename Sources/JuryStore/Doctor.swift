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
        return l.text(.doctorFindingPlace, ["kind": kind, "path": path]) + problem.text(l) + (fix.map { "\n    → \($0.text(l))" } ?? "")
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
            check.warn(root.path, Localized(.theCampaignIsOnANetworkFile, ["kind": kind]),
                       fix: Localized(.doctorFixUseALocalDisk))
        }
        var rootInfo = stat()
        guard lstat(root.path, &rootInfo) == 0, rootInfo.st_mode & S_IFMT == S_IFDIR else {
            check.report(root.path, Localized(.noCampaignHere),
                         fix: Localized(.doctorFixCreateTheCampaign, ["path": root.path]))
            return check.findings
        }
        let owner = UnixAccounts.userName(rootInfo.st_uid)
        let campaignText = (try? FileReader.read(CampaignFiles.campaign(root), limit: CampaignFiles.maxCampaignBytes)).flatMap { $0 }
        let campaign = campaignText.flatMap { try? Document.decode(Campaign.self, from: $0, CampaignFiles.campaign(root)) }
        if campaign?.shared != nil {
            check.report(CampaignFiles.campaign(root).path, Localized(.campaignOfTheFormerModeSharedBy),
                         fix: Localized(.doctorFixConvertTheCampaign, ["path": root.path]))
        }
        let jury = try? Document.load(Jury.self, from: CampaignFiles.jury(root), limit: CampaignFiles.maxJuryBytes)
        if rootInfo.st_uid == 0 || jury?.member(owner) != nil {
            check.report(root.path, Localized(.belongsToTheCampaignMustBelongTo, ["owner": owner]),
                         fix: Localized(.doctorFixGiveTheCampaignToTheServer, ["path": root.path]))
        }
        check.closed(root, rootInfo)

        let socketPath = socket ?? "/run/ptce-jury/\(name).sock"
        let jurysGroup = check.socket(socketPath, group: group, instance: name,
                                      server: (owner, rootInfo.st_uid, "ptce-jury serve --data '\(root.path)' --socket \(socketPath)"))
        if let text = try? String(contentsOfFile: unit, encoding: .utf8) {
            // The unit as shipped names the group jury-ptce: another group must be written there too.
            if let group, !text.contains("--group \(group)") {
                check.warn(unit, Localized(.theUnitDoesNotGiveTheGroup, ["group": group]),
                           fix: Localized(.doctorFixTheUnitsGroup, ["group": group, "unit": unit]))
            }
        } else {
            check.warn(unit, Localized(.systemdUnitMissingTheServerWillNot),
                       fix: Localized(.doctorFixInstallTheUnit, ["unit": unit]))
        }
        if let jurysGroup {
            let gid = UnixAccounts.gid(ofGroup: jurysGroup)
            for member in jury?.members ?? [] {
                if UnixAccounts.uid(of: member.login) == nil {
                    check.report(root.path, Localized(.theJuryMemberHasNoAccountOn, ["login": member.login]),
                                 fix: Localized(.doctorFixCreateTheMembersAccount, ["jurysGroup": jurysGroup, "login": member.login]))
                } else if let gid, !UnixAccounts.isMember(member.login, ofGroup: gid) {
                    check.report(root.path, Localized(.theJuryMemberIsNotInThe, ["login": member.login, "jurysGroup": jurysGroup]),
                                 fix: Localized(.doctorFixAddTheMemberToTheGroup, ["jurysGroup": jurysGroup, "login": member.login]))
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
            check.warn(socket, Localized(.onlyTheSocketIsCheckedNotThe), fix: Localized(fr: command, en: command))
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

    mutating func report(_ path: String, _ problem: Localized, fix: Localized) {
        findings.append(DoctorFinding(path: path, problem: problem, fix: fix, isWarning: false))
    }

    mutating func warn(_ path: String, _ problem: Localized, fix: Localized) {
        findings.append(DoctorFinding(path: path, problem: problem, fix: fix, isWarning: true))
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
            let standalone = server.map { Localized(.withoutSystemdAs, ["name": $0.name, "command": $0.command, "groupOption": groupOption]) }
            report(path, Localized(.noSocketTheServerIsNotRunning),
                   fix: Localized { l in l.text(.doctorFixEnableTheServer, ["instance": instance, "standalone": standalone?.text(l) ?? ""]) })
            return group
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            report(path, Localized(.isNotASocket), fix: Localized(.doctorFixRemoveTheSocket, ["path": path]))
            return group
        }
        let socketGroup = UnixAccounts.groupName(info.st_gid)
        if let group, group != socketGroup {
            report(path, Localized(.groupInsteadOfTheJuryCannotConnect, ["socketGroup": socketGroup, "group": group]),
                   fix: Localized(.doctorFixTheSocketsGroup))
        }
        if info.st_mode & 0o777 != 0o660 {
            let mode = String(info.st_mode & 0o777, radix: 8)
            report(path, Localized(.modeInsteadOf660, ["mode": mode]),
                   fix: Localized(.doctorFixTheSocketsMode))
        }
        if let server, info.st_uid != server.uid {
            let maker = UnixAccounts.userName(info.st_uid)
            report(path, Localized(.madeByNotByTheCampaignsOwner, ["maker": maker, "name": server.name]),
                   fix: Localized(.theServerMustRunAsTheUnits, ["name": server.name]))
        }
        // A member who cannot reach it learns why from `access`, not from a refused connection.
        if (geteuid() == 0 || Glibc.access(path, W_OK) == 0) && !Doctor.answers(path) {
            report(path, Localized(.theServerDoesNotAnswer),
                   fix: Localized(.doctorFixRestartTheServer, ["instance": instance]))
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
            report(target, Localized(.youAreInTheGroupSinceYour, ["me": me, "group": group]),
                   fix: Localized(.doctorFixLogInAgain, ["group": group]))
        } else {
            report(target, Localized(.youAreNotInTheGroupYou, ["me": me, "group": group]),
                   fix: Localized(.doctorFixAddYourselfToTheGroup, ["group": group, "me": me]))
        }
    }

    /// The campaign: its directory closed to everyone but its owner (that is enough: nobody reaches
    /// what is inside, whose files keep their modes), everything in it theirs, no link.
    mutating func closed(_ root: URL, _ rootInfo: stat) {
        let owner = rootInfo.st_uid, name = UnixAccounts.userName(owner)
        if rootInfo.st_mode & 0o077 != 0 {
            report(root.path, Localized(.openToAccountsOtherThanAnyMember, ["name": name]),
                   fix: Localized(.doctorFixCloseTheCampaign, ["name": name, "path": root.path]))
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
            report(first, Localized(.doctorFilesOfAnotherOwner, ["count": foreign.count, "name": name]),
                   fix: Localized(.doctorFixGiveTheFilesToTheOwner, ["name": name, "path": root.path]))
        }
        if let first = odd.first {
            report(first, Localized(.doctorEntriesNeitherFileNorDirectory, ["count": odd.count]),
                   fix: Localized(.doctorFixRemoveTheEntry, ["path": first]))
        }
    }
}
