import ArgumentParser
import Foundation
import JuryCore
import JuryStore
import Glibc

@main
struct PTCEJury: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ptce-jury",
        abstract: Language.ofThisProcess.text(.helpRoot),
        discussion: Language.ofThisProcess.text(.helpRootDiscussion),
        subcommands: [InitCommand.self, CheckCommand.self, CampaignCommand.self, ListCommand.self,
                      ShowCommand.self, ScoreCommand.self, DemoCommand.self, ImportCommand.self,
                      JuryCommand.self, ConflictCommand.self, JournalCommand.self, DoctorCommand.self,
                      RankingCommand.self, AllocateCommand.self, ExportCommand.self, AssignCommand.self, UnassignCommand.self,
                      ProgressCommand.self, SeanceCommand.self, ServeCommand.self, ImportParseCommand.self]
    )

    /// With a jury server (--server, or $PTCE_JURY_SERVER without --data), a command is sent to it
    /// and runs there in the member's name; the console talks to it. The rest runs here.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let socket = ServerAddress.find(in: arguments) else { return main(arguments) }
        let command: ParsableCommand
        do { command = try parseAsRoot(arguments) } catch { exit(withError: error) }
        let language = Language.ofThisProcess
        if let export = command as? ExportCommand { Glibc.exit(export.forward(socket: socket, language: language)) }
        // The console, and the commands that create campaigns or check the installation, run here.
        guard let served = command as? any ServedCommand else { return main(arguments) }
        Glibc.exit(ServerCommandLine.forward(served, socket: socket, language: language))
    }

    @OptionGroup var options: CampaignOptions

    func run() throws {
        try Failure.guarded {
            try openConsole(options)
        }
    }
}
