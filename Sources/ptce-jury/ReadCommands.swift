import ArgumentParser
import Foundation
import JuryConsole
import JuryCore
import JuryServer
import JuryStore

struct CheckCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Vérifie tous les fichiers de la campagne (un problème par ligne).")

    @OptionGroup var options: CampaignOptions

    func request() -> CheckRequest { CheckRequest() }
}

extension CheckRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let store = try options.openStore()
        // allocation.json, assignments.json and the finalisation's snapshot are read on demand by the board and the
        // commands; check reads them too.
        do throws(StoreFailure) {
            if let finalized = try store.loadAllocation().finalized {
                _ = try store.loadSnapshot(finalized)
                try store.checkSnapshotRecord(finalized)
            }
            _ = try store.loadAssignments()
        } catch {
            throw Failure(error.text(options.language), code: ExitCode.invalidData)
        }
        var dossiers = store.dossiers, sheets = store.sheets.values.reduce(0) { $0 + $1.count }
        // A member counts what they may see (through the server, or --reviewer on a directory): a count can
        // give a conflict or a sheet away.
        if let login = ServedCall.current?.login ?? options.reviewer, store.jury.member(login)?.role != .chair {
            let view = MemberView.of(login, campaign: store.campaign, jury: store.jury, dossiers: store.dossiers, sheets: store.sheets)
            (dossiers, sheets) = (view?.dossiers ?? [], view?.sheets.count ?? 0)
        } else {
            for warning in store.warnings { Output.error(warning.text(options.language) + "\n") }
        }
        let campaignFile = CampaignFiles.campaign(store.sourceRoot).relativePath
        for obstacle in AllocationRules(store.campaign).obstacles(dossiers, in: store.campaign) {
            Output.error(campaignFile + options.language.pick(" : attention, ", ": warning, ") + obstacle.text(options.language) + "\n")
        }
        Output.write(options.language.pick(
            "Campagne valide : \(dossiers.count) dossiers, \(store.jury.members.count) membres du jury, \(sheets) fiches.\n",
            "Campaign valid: \(dossiers.count) dossiers, \(store.jury.members.count) jury members, \(sheets) sheets.\n"))
    }
}

struct CampaignCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "Affiche les paramètres de la campagne et sa grille de critères.")

    @OptionGroup var options: CampaignOptions
    @OptionGroup var output: OutputOptions

    func request() -> CampaignRequest { CampaignRequest(format: output.format) }
}

extension CampaignRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let store = try options.openStore()
        let c = store.campaign, l = options.language
        try Output.emit(format, table: {
            var rows: [[String]] = [
                [l.pick("Titre", "Title"), c.title],
                [l.pick("Ouverture", "Opening"), DateText.paris(c.call.opening.date) + " (\(c.call.timeZone))"],
                [l.pick("Clôture", "Closing"), DateText.paris(c.call.closing.date) + " (\(c.call.timeZone))"],
                [l.pick("Lauréats", "Laureates"), "\(c.funding.slots)"],
                [l.pick("Subvention", "Grant"), Money.format(c.funding.grantPerLaureate)
                    + l.pick(" sur \(c.funding.durationMonths) mois", " over \(c.funding.durationMonths) months")],
                [l.pick("Budget total", "Total budget"), Money.format(c.funding.totalBudget)],
                [l.pick("Par région (max.)", "Per region (max)"), c.constraints.maxPerRegion.map(String.init) ?? "—"],
                [l.pick("Outre-mer (min.)", "Overseas (min)"), c.constraints.minOverseas.map(String.init) ?? "—"],
                [l.pick("Notes des autres", "Others’ scores"), c.visibility.rawValue],
                [l.pick("Rapporteurs", "Rapporteurs"), l.pick("\(c.rapporteurSettings.perDossier) par dossier", "\(c.rapporteurSettings.perDossier) per dossier")
                    + (c.rapporteurSettings.notOwnRegion == true ? l.pick(", hors de leur région", ", not from their region") : "")
                    + (c.rapporteurSettings.spreadRegions == true ? l.pick(", régions variées", ", regions spread") : "")],
            ]
            if let notice = c.notice { rows.append([l.pick("Note", "Notice"), notice]) }
            let totalWeight = c.criteria.reduce(0) { $0 + $1.weight }
            rows.append(["", ""])
            rows.append([l.pick("Critère", "Criterion"), l.pick("Poids, échelle, libellé", "Weight, scale, label")])
            for k in c.criteria {
                let share = Decimal2.format(100 * k.weight / totalWeight, digits: 0, language: l)
                rows.append([k.key, "\(Decimal2.format(k.weight, digits: 0, language: l)) (\(share) %), "
                    + "\(k.scale.min)–\(k.scale.max), \(Labels.criterion(k, l))"])
            }
            return Table(headers: [l.pick("Paramètre", "Setting"), l.pick("Valeur", "Value")], rows: rows)
        }, json: { c })
    }
}

/// One line of `list`.
struct DossierRow: Encodable {
    var number: Int
    var name: String
    var region: String
    var sector: String
    var eligible: Bool
    var eligibilityReasons: [String]
    var status: String
    var total: Double?
    /// The mean of the jury's submitted sheets, only where the blind-review rule shows it.
    var juryMean: Double?
}

struct ListCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Liste les dossiers avec leur éligibilité et l’état de ma fiche.")

    @OptionGroup var options: CampaignOptions
    @OptionGroup var output: OutputOptions

    func request() -> ListRequest { ListRequest(format: output.format) }
}

extension ListRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let session = try options.openSession()
        let store = session.store, l = session.language
        let viewer = session.viewer, sheets = store.sheets, rapporteurs = try session.assignments().byDossier
        // A dossier I have a conflict of interest on is not even listed.
        let rows = store.dossiers.filter { !viewer.isConflicted(on: $0.number) }.map { dossier -> DossierRow in
            let verdict = Eligibility.evaluate(dossier, in: store.campaign)
            let sheet = store.sheet(reviewer: session.login, dossier: dossier.number)
            return DossierRow(number: dossier.number, name: dossier.name, region: dossier.address.region.name,
                              sector: dossier.sector, eligible: verdict.isEligible,
                              eligibilityReasons: verdict.failures.map { $0.reason.text(l) },
                              status: ReviewProgress(sheet).rawValue,
                              total: sheet?.weightedTotal(in: store.campaign.criteria),
                              juryMean: JuryScores(dossier, campaign: store.campaign, jury: store.jury, sheets: sheets,
                                                   viewer: viewer, rapporteurs: rapporteurs[dossier.number] ?? []).mean)
        }
        try Output.emit(format, table: {
            Table(headers: [l.pick("Numéro", "Number"), l.pick("PTCE", "PTCE"), l.pick("Région", "Region"),
                            l.pick("Filière", "Sector"), l.pick("Éligibilité", "Eligibility"),
                            l.pick("Ma fiche", "My sheet"), l.pick("Mon total", "My total"),
                            l.pick("Moy. jury", "Jury avg.")],
                  rows: rows.map { row in
                      [String(row.number), row.name, row.region, row.sector,
                       row.eligible ? l.pick("éligible", "eligible") : l.pick("non éligible", "not eligible"),
                       Labels.progress(ReviewProgress(rawValue: row.status) ?? .toScore, l),
                       Labels.total(row.total, l), Labels.total(row.juryMean, l)]
                  }, rightAligned: [0, 6, 7])
        }, json: { rows })
    }
}
