import ArgumentParser
import Foundation
import JuryCore
import JuryServer
import JuryStore

// The check of a jury server's installation, or of a member's access to it (docs/SERVER.md).

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: Language.ofThisProcess.text(.helpDoctor),
        discussion: Language.ofThisProcess.text(.helpDoctorDiscussion))

    @OptionGroup var options: CampaignOptions
    @Option(name: .long, help: .text(.helpDoctorGroup)) var group: String?

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
                throw Failure(l.text(.doctorWhatToCheck))
            }
            for finding in findings { Output.write(finding.text(l) + "\n") }
            let problems = findings.filter { !$0.isWarning }.count
            guard problems == 0 else {
                throw Failure(l.text(.doctorProblemsToFix, ["problems": problems]))
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
            return [DoctorFinding(path: socket, problem: Localized(error.text), fix: nil, isWarning: false)]
        }
    }
}
