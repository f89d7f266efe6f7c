import ArgumentParser
import Foundation
import JuryConsole
import JuryCore
import JuryServer
import JuryStore

struct CheckCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: Language.ofThisProcess.text(.helpCheck))

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
            Output.error(campaignFile + options.language.text(.warningAfterAFile) + obstacle.text(options.language) + "\n")
        }
        Output.write(options.language.text(.campaignValid, ["dossiers": dossiers.count, "members": store.jury.members.count, "sheets": sheets]))
    }
}

struct CampaignCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: Language.ofThisProcess.text(.helpCampaign))

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
                [l.text(.title), c.title],
                [l.text(.opening), DateText.paris(c.call.opening.date) + " (\(c.call.timeZone))"],
                [l.text(.closing), DateText.paris(c.call.closing.date) + " (\(c.call.timeZone))"],
                [l.text(.laureates), "\(c.funding.slots)"],
                [l.text(.grant), Money.format(c.funding.grantPerLaureate)
                    + l.text(.overMonths, ["durationMonths": c.funding.durationMonths])],
                [l.text(.totalBudgetHeader), Money.format(c.funding.totalBudget)],
                [l.text(.perRegionMax), c.constraints.maxPerRegion.map(String.init) ?? "—"],
                [l.text(.overseasMin), c.constraints.minOverseas.map(String.init) ?? "—"],
                [l.text(.othersScores), c.visibility.rawValue],
                [l.text(.rapporteurs), l.text(.perDossier, ["perDossier": c.rapporteurSettings.perDossier])
                    + (c.rapporteurSettings.notOwnRegion == true ? l.text(.notFromTheirRegion) : "")
                    + (c.rapporteurSettings.spreadRegions == true ? l.text(.regionsSpread) : "")],
            ]
            if let notice = c.notice { rows.append([l.text(.notice), notice]) }
            let totalWeight = c.criteria.reduce(0) { $0 + $1.weight }
            rows.append(["", ""])
            rows.append([l.text(.criterion), l.text(.weightScaleLabel)])
            for k in c.criteria {
                let share = Decimal2.format(100 * k.weight / totalWeight, digits: 0, language: l)
                rows.append([k.key, "\(Decimal2.format(k.weight, digits: 0, language: l)) (\(share) %), "
                    + "\(k.scale.min)–\(k.scale.max), \(Labels.criterion(k, l))"])
            }
            return Table(headers: [l.text(.setting), l.text(.value)], rows: rows)
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
        commandName: "list", abstract: Language.ofThisProcess.text(.helpList))

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
            Table(headers: [l.text(.numberHeader), l.text(.ptce), l.text(.region),
                            l.text(.sector), l.text(.eligibility),
                            l.text(.mySheetHeader), l.text(.myTotal),
                            l.text(.juryAvg)],
                  rows: rows.map { row in
                      [String(row.number), row.name, row.region, row.sector,
                       row.eligible ? l.text(.eligibleLowercase) : l.text(.notEligible),
                       Labels.progress(ReviewProgress(rawValue: row.status) ?? .toScore, l),
                       Labels.total(row.total, l), Labels.total(row.juryMean, l)]
                  }, rightAligned: [0, 6, 7])
        }, json: { rows })
    }
}
