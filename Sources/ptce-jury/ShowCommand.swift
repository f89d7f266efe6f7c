import ArgumentParser
import Foundation
import JuryConsole
import JuryCore
import JuryServer
import JuryStore

extension Session {
    /// Who the blind-review rule applies to; someone absent from the jury is a plain reviewer.
    var viewer: JuryMember { me ?? JuryMember(login: login, name: login, role: .reviewer) }

    /// The dossier with this number, or a refusal that lists the valid numbers. A conflict of
    /// interest on it is refused too: the member may not learn anything about it.
    func dossier(_ number: Int) throws -> Dossier {
        if viewer.isConflicted(on: number) {
            throw Failure(language.text(.conflictOfInterestRecordedOnDossierIt, ["number": number]))
        }
        if let found = store.dossiers.first(where: { $0.number == number }) { return found }
        let numbers = store.dossiers.filter { !viewer.isConflicted(on: $0.number) }.map { String($0.number) }
        let shown = numbers.count <= 100 ? numbers.joined(separator: ", ")
            : numbers.prefix(20).joined(separator: ", ") + language.text(.inAllSeePtceJuryList, ["numbersCount": numbers.count])
        throw Failure(language.text(.unknownDossierValidNumbers, ["number": number, "shown": shown]))
    }
}

struct ShowCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: Language.ofThisProcess.text(.helpShow))

    @OptionGroup var options: CampaignOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: .text(.helpShowNumber)) var number: Int
    @Flag(name: .long, help: .text(.helpShowHistory)) var history = false

    struct Shown: Encodable {
        struct Check: Encodable { var rule: String; var passed: Bool; var reason: String }
        var dossier: Dossier
        var eligible: Bool
        var eligibility: [Check]
        /// With --history: my sheet's earlier versions, oldest first.
        var myHistory: [ScoreSheet]?
        var mySheet: ScoreSheet?
        var myTotal: Double?
        /// The others' submitted sheets and the jury's figures, only where the blind-review rule shows them.
        var jury: JuryOpinion?
        /// Why they are not shown, when they are not.
        var juryWithheld: String?

        struct JuryOpinion: Encodable {
            struct Sheet: Encodable { var name: String; var total: Double?; var sheet: ScoreSheet }
            var mean: Double?
            var median: Double?
            var submitted: Int
            var expected: Int
            var sheets: [Sheet]
        }
    }

    func request() throws -> ShowRequest { ShowRequest(number: number, format: output.format, history: history) }
}

extension ShowRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let session = try options.openSession()
        let dossier = try session.dossier(number)
        let campaign = session.store.campaign, l = session.language
        let verdict = Eligibility.evaluate(dossier, in: campaign)
        let sheet = session.store.sheet(reviewer: session.login, dossier: number)
        let jury = session.store.jury
        let scores = JuryScores(dossier, campaign: campaign, jury: jury, sheets: session.store.sheets, viewer: session.viewer,
                                rapporteurs: try session.assignments().rapporteurs(of: number))
        func name(_ login: String) -> String { jury.member(login)?.name ?? login }
        switch format {
        case .json:
            var shown = ShowCommand.Shown(
                dossier: dossier, eligible: verdict.isEligible,
                eligibility: verdict.checks.map { .init(rule: $0.rule.rawValue, passed: $0.passed, reason: $0.reason.text(l)) },
                mySheet: sheet, myTotal: sheet?.weightedTotal(in: campaign.criteria))
            switch scores {
            case let .shown(others, statistics):
                shown.jury = .init(mean: statistics.mean, median: statistics.median, submitted: statistics.submitted,
                                   expected: statistics.expected, sheets: others.map {
                                       .init(name: name($0.reviewer), total: $0.weightedTotal(in: campaign.criteria), sheet: $0)
                                   })
            case .withheld(let reason):
                shown.juryWithheld = reason.explanation(l)
            }
            if history { shown.myHistory = session.store.history(reviewer: session.login, dossier: number) }
            Output.write(try Output.json(shown))
        case .table, .csv:
            Output.write(DossierText.render(dossier, verdict: verdict, sheet: sheet, jury: scores, names: name,
                                            campaign: campaign, language: l))
            if history {
                Output.write(DossierText.history(session.store.history(reviewer: session.login, dossier: number), campaign: campaign, language: l))
            }
        }
    }
}

/// A dossier as plain text, for reading in a shell or a screen reader.
enum DossierText {
    static func render(_ d: Dossier, verdict: EligibilityVerdict, sheet: ScoreSheet?, jury: JuryScores,
                       names: (String) -> String, campaign: Campaign, language l: Language) -> String {
        var out: [String] = []
        func heading(_ title: String) { out.append(""); out.append(title); out.append(String(repeating: "─", count: DisplayWidth.of(title))) }
        func field(_ label: String, _ value: String) { out.append(l.text(.labelAndValue, ["label": label, "value": value])) }

        out.append(l.text(.dossierNameAndNumber, ["name": d.name, "number": d.number]))
        field(l.text(.carryingStructure),
              "\(d.structure.raisonSociale) (\(d.structure.legalForm)), SIRET \(d.structure.siret)"
                + (d.structure.rna.map { ", RNA \($0)" } ?? ""))
        field(l.text(.territory), "\(d.address.commune) (\(d.address.communeCode)), "
              + "\(d.address.department.name) (\(d.address.department.code)), \(d.address.region.name) — "
              + Labels.territory(d.territory, l))
        field(l.text(.sector), d.sector)
        field(l.text(.created), String(d.creationYear))
        field(l.text(.phase1Laureate), d.phase1Year.map(String.init) ?? l.text(.no))
        field(l.text(.jobs), Decimal2.format(d.jobs, digits: 1, language: l) + l.text(.fte))
        field(l.text(.stateHeader), Labels.filingState(d.state, l)
              + (d.filedAt.map { l.text(.commaFiledOn) + DateText.paris($0.date) } ?? ""))

        heading(l.text(.eligibilityField) + Labels.eligibility(verdict, l))
        for check in verdict.checks { out.append((check.passed ? "✓ " : "✗ ") + check.reason.text(l)) }

        heading(l.text(.membersWithCount, ["membersCount": d.members.count]))
        for m in d.members { out.append("- \(m.name) — \(Labels.memberCategory(m.category, l))" + (m.siret.map { ", SIRET \($0)" } ?? "")) }

        heading(l.text(.budget))
        field(l.text(.total), Money.format(d.budget.total))
        field(l.text(.requested), Money.format(d.budget.requested))
        for line in d.budget.cofinancing { out.append("- " + l.text(.labelAndValue, ["label": line.source, "value": Money.format(line.amount)])) }

        for (key, text) in d.narrative.sections {
            heading(Labels.section(key, l))
            out.append(text)
        }

        heading(l.text(.attachments))
        for a in d.attachments { out.append("- \(a.name) (\(Labels.fileSize(a.size, l)))") }

        if !d.justificatives.isEmpty {
            heading(l.text(.supportingDocumentsWithCount, ["justificativesCount": d.justificatives.count]))
            for (index, piece) in d.justificatives.enumerated() {
                if index > 0 { out.append("") }
                out.append("── \(piece.name) (\(piece.summary(l)))")
                if let note = piece.note { out.append("   " + note) }
                if let text = piece.text { out.append(text) }
            }
        }

        heading(l.text(.mySheetHeader))
        /// A sheet's lines: its status and total, each criterion, the recommendation and the overall comment.
        func describe(_ sheet: ScoreSheet, prefix: String) {
            out.append(prefix + Labels.progress(ReviewProgress(sheet), l) + l.text(.weightedTotalSeparator)
                       + Labels.total(sheet.weightedTotal(in: campaign.criteria), l))
            for k in campaign.criteria {
                let value = sheet.values[k.key].map { "\($0)/\(k.scale.max)" + (k.scale.label(of: $0).map { " \($0)" } ?? "") } ?? "—"
                out.append("- " + l.text(.labelAndValue, ["label": Labels.criterion(k, l), "value": value]) + (sheet.comments[k.key].map { " — \($0)" } ?? ""))
            }
            if let r = sheet.recommendation { field(l.text(.recommendationHeader), Labels.recommendation(r, l)) }
            if !sheet.overall.isEmpty { field(l.text(.overallComment), sheet.overall) }
        }
        if let sheet {
            describe(sheet, prefix: "")
        } else {
            out.append(l.text(.noSheetYetPtceJuryScoreSet, ["number": d.number]))
        }

        heading(JuryScores.title(l))
        switch jury {
        case let .shown(others, statistics):
            out.append(JuryScores.summary(statistics, l))
            for other in others {
                out.append("")
                describe(other, prefix: l.text(.labelAndValue, ["label": names(other.reviewer), "value": ""]))
            }
        case .withheld(let reason):
            out.append(reason.explanation(l))
        }
        return out.map(Sanitizer.text).joined(separator: "\n") + "\n"
    }
}

extension DossierText {
    /// The versions my sheet had before each reopening, oldest first.
    static func history(_ versions: [ScoreSheet], campaign: Campaign, language l: Language) -> String {
        let title = l.text(.earlierVersionsOfMySheet, ["versionsCount": versions.count])
        var out = ["", title, String(repeating: "─", count: DisplayWidth.of(title))]
        if versions.isEmpty {
            out.append(l.text(.noneTheSheetWasNeverReopenedAfter))
        }
        for version in versions {
            let values = campaign.criteria.map { "\($0.key)=\(version.values[$0.key].map(String.init) ?? "—")" }.joined(separator: " ")
            let total = Labels.total(version.weightedTotal(in: campaign.criteria), l)
            out.append("- " + l.text(.sheetEarlierVersion, ["date": DateText.paris((version.submittedAt ?? version.updatedAt).date), "values": values, "total": total])
                       + (version.recommendation.map { ", " + Labels.recommendation($0, l) } ?? ""))
        }
        return out.map(Sanitizer.text).joined(separator: "\n") + "\n"
    }
}
