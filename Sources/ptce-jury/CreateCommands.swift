import ArgumentParser
import Foundation
import JuryCore
import JuryDemo
import JuryStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: Language.ofThisProcess.text(.helpInit),
        discussion: Language.ofThisProcess.text(.helpInitDiscussion))

    @Argument(help: .text(.helpDirectoryToCreate)) var directory: String
    @Option(name: .long, help: .text(.helpInitTitle)) var title: String?
    @Option(name: .long, help: .text(.helpMessagesLanguage)) var lang: String?

    func run() throws {
        let l = Language.resolve(flag: lang, environment: ProcessInfo.processInfo.environment)
        try Failure.guarded {
            var campaign = Campaign.ptceDefaults()
            if let title { campaign.title = Sanitizer.line(title) }
            let login = UnixAccounts.currentLogin()
            // Whoever creates the campaign chairs it until the jury is set up.
            let jury = Jury(members: [JuryMember(login: login, name: login, role: .chair)])
            do throws(StoreFailure) {
                try CampaignStore.create(at: URL(fileURLWithPath: directory), campaign: campaign, jury: jury, dossiers: [], sheets: [])
            } catch { throw Failure(error.text(l)) }
            Output.write(l.text(.campaignCreatedInChairN, ["title": campaign.title, "directory": directory, "login": login]))
        }
    }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: Language.ofThisProcess.text(.helpDemo))

    @Option(name: .long, help: .text(.helpDemoDossiers)) var dossiers: Int = 72
    @Option(name: .long, help: .text(.helpDemoReviewers)) var reviewers: Int = 5
    @Option(name: .long, help: .text(.helpDemoSeed)) var seed: UInt64 = 1
    @Flag(name: .long, help: .text(.helpDemoBundled)) var bundled = false
    @Option(name: .long, help: .text(.helpDirectoryToCreate)) var out: String
    @Option(name: .long, help: .text(.helpMessagesLanguage)) var lang: String?

    func validate() throws {
        guard dossiers >= 1, dossiers <= 100_000 else { throw ValidationError(.demoDossiersOutOfRange) }
        guard reviewers >= 1, reviewers <= 200 else { throw ValidationError(.demoReviewersOutOfRange) }
    }

    func run() throws {
        let l = Language.resolve(flag: lang, environment: ProcessInfo.processInfo.environment)
        try Failure.guarded {
            let generated = bundled ? DemoCampaign.bundled()
                : SyntheticCampaign.generate(dossiers: dossiers, reviewers: reviewers, seed: seed)
            do throws(StoreFailure) {
                try CampaignStore.create(at: URL(fileURLWithPath: out), campaign: generated.campaign, jury: generated.jury,
                                         dossiers: generated.dossiers, sheets: generated.sheets)
            } catch { throw Failure(error.text(l)) }
            Output.write(l.text(.demoCampaignWritten, ["out": out, "dossiers": generated.dossiers.count, "members": generated.jury.members.count, "sheets": generated.sheets.count]))
        }
    }
}
