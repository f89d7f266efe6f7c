import ArgumentParser
import Foundation
import JuryCore
import JuryStore

@main
struct PTCEJury: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ptce-jury",
        abstract: "Console du jury de l’AMI PTCE : lire, noter, délibérer, attribuer.",
        discussion: """
        Sans sous-commande, ouvre la console sur la campagne (--data, sinon $PTCE_JURY_DATA, sinon ./data).
        Without a sub-command, opens the console on the campaign. --lang en for English.
        """,
        subcommands: [InitCommand.self, CheckCommand.self, CampaignCommand.self, ListCommand.self,
                      ShowCommand.self, ScoreCommand.self, DemoCommand.self, ImportCommand.self,
                      JuryCommand.self, ConflictCommand.self, JournalCommand.self, DoctorCommand.self,
                      RankingCommand.self, AllocateCommand.self, ExportCommand.self]
    )

    @OptionGroup var options: CampaignOptions

    func run() throws {
        try Failure.guarded {
            try openConsole(options)
        }
    }
}
