import ArgumentParser
import Foundation
import JuryCore
import JuryServer
import JuryStore

// The check of a jury server's installation, or of a member's access to it (docs/SERVER.md).

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Vérifie l’installation du serveur du jury (compte, modes, socket, unité, membres), ou l’accès d’un membre, et dit comment corriger.",
        discussion: """
        Sur le serveur, en root ou sous le compte du serveur : ptce-jury doctor --data /srv/ptce/ami-2023 [--server SOCKET] [--group jury-ptce]
        En membre du jury : ptce-jury doctor --server /run/ptce-jury/ami-2023.sock (le socket, le groupe, l’appartenance au jury).
        """)

    @OptionGroup var options: CampaignOptions
    @Option(name: .long, help: "Groupe Unix du jury (sinon celui du socket).") var group: String?

    func run() throws {
        try Failure.guarded {
            let l = options.language
            let findings: [DoctorFinding]
            // A socket named alone is what to check: ./data is not guessed beside it.
            let socket = options.serverSocket
            let directory = options.data != nil || socket == nil ? try? options.campaignDirectory() : nil
            if let root = directory, Self.administers(root) {
                findings = Doctor.examine(root, socket: socket, group: group)
            } else if let socket {
                findings = Doctor.examine(socket: socket, group: group) + Self.membership(socket, language: l)
            } else {
                throw Failure(l.pick(
                    "Que vérifier ? --data DOSSIER : l’installation d’une campagne (en root ou sous le compte du serveur) ; "
                        + "--server SOCKET : votre accès au serveur du jury, en membre.",
                    "What to check? --data DIR: a campaign's installation (as root or the server's account); "
                        + "--server SOCKET: your access to the jury server, as a member."))
            }
            for finding in findings { Output.write(finding.text(l) + "\n") }
            let problems = findings.filter { !$0.isWarning }.count
            guard problems == 0 else {
                throw Failure(problems > 1 ? l.text(.problemsToFixCommandsAbove, ["problems": problems])
                                           : l.text(.n1ProblemToFixCommandAbove))
            }
            if directory.map(Self.administers) ?? false {
                Output.write(l.text(.juryServerInstallationCorrectN))
            } else if geteuid() == 0 {
                Output.write(l.text(.juryServerSocketCorrectN))
            } else {
                Output.write(l.text(.accessToTheJuryServerCorrectN))
            }
        }
    }

    /// Whether this account checks the installation (root, or the campaign's owner); a member, who
    /// cannot read the campaign, checks their access.
    static func administers(_ root: URL) -> Bool {
        var info = stat()
        guard stat(root.path, &info) == 0 else { return geteuid() == 0 || errno == ENOENT }
        return geteuid() == 0 || info.st_uid == geteuid()
    }

    /// Whether the server counts the account running the program among the jury (asked, as the
    /// member, with the request every member may make).
    static func membership(_ socket: String, language l: Language) -> [DoctorFinding] {
        guard geteuid() != 0, access(socket, W_OK) == 0, Doctor.answers(socket) else { return [] }
        let client = JuryClient(socketPath: socket)
        defer { client.close() }
        do throws(ClientFailure) {
            _ = try client.call(JuryListRequest(format: .json), language: l, timeout: 10)
            return []
        } catch {
            return [DoctorFinding(path: socket, problem: Localized(fr: error.text(.fr), en: error.text(.en)), fix: nil, isWarning: false)]
        }
    }
}
