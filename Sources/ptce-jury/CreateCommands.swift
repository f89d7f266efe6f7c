import ArgumentParser
import Foundation
import JuryCore
import JuryDemo
import JuryStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Crée une campagne vide à partir des paramètres PTCE par défaut.",
        discussion: "Pour un jury sur un serveur partagé : créez-la sous le compte du serveur, puis ptce-jury serve (docs/SERVER.md).")

    @Argument(help: "Dossier à créer.") var directory: String
    @Option(name: .long, help: "Titre de la campagne.") var title: String?
    @Option(name: .long, help: "Langue des messages : fr ou en.") var lang: String?

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
        abstract: "Écrit une campagne fictive : synthétique (taille au choix, déterministe) ou celle de data/ (--bundled).")

    @Option(name: .long, help: "Nombre de dossiers.") var dossiers: Int = 72
    @Option(name: .long, help: "Nombre de rapporteurs.") var reviewers: Int = 5
    @Option(name: .long, help: "Graine : même graine, mêmes fichiers.") var seed: UInt64 = 1
    @Flag(name: .long, help: "La campagne de démonstration livrée dans data/.") var bundled = false
    @Option(name: .long, help: "Dossier à créer.") var out: String
    @Option(name: .long, help: "Langue des messages : fr ou en.") var lang: String?

    func validate() throws {
        guard dossiers >= 1, dossiers <= 100_000 else { throw ValidationError("--dossiers : entre 1 et 100 000") }
        guard reviewers >= 1, reviewers <= 200 else { throw ValidationError("--reviewers : entre 1 et 200") }
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
            Output.write(l.text(.campaignWrittenToDossiersJuryMembersSheets, ["out": out, "dossiersCount": generated.dossiers.count, "membersCount": generated.jury.members.count, "sheetsCount": generated.sheets.count]))
        }
    }
}
