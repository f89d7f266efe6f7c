import ArgumentParser
import Foundation
import JuryCore
import JuryStore

extension Session {
    /// The dossier with this number, or a refusal that lists the valid numbers.
    func dossier(_ number: Int) throws -> Dossier {
        if let found = store.dossiers.first(where: { $0.number == number }) { return found }
        let numbers = store.dossiers.map { String($0.number) }
        let shown = numbers.count <= 100 ? numbers.joined(separator: ", ")
            : numbers.prefix(20).joined(separator: ", ") + language.pick(" … (\(numbers.count) en tout, voir ptce-jury list)",
                                                                      " … (\(numbers.count) in all, see ptce-jury list)")
        throw Failure(language.pick("Dossier \(number) inconnu. Numéros valides : \(shown)",
                                    "Unknown dossier \(number). Valid numbers: \(shown)"))
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Affiche un dossier en entier, avec ma fiche de notation.")

    @OptionGroup var options: CampaignOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Numéro Démarches Simplifiées du dossier.") var number: Int

    struct Shown: Encodable {
        struct Check: Encodable { var rule: String; var passed: Bool; var reason: String }
        var dossier: Dossier
        var eligible: Bool
        var eligibility: [Check]
        var mySheet: ScoreSheet?
        var myTotal: Double?
    }

    func run() throws {
        try Failure.guarded {
            let session = try options.openSession()
            let dossier = try session.dossier(number)
            let campaign = session.store.campaign, l = session.language
            let verdict = Eligibility.evaluate(dossier, in: campaign)
            let sheet = session.store.sheet(reviewer: session.login, dossier: number)
            switch output.format {
            case .json:
                Output.write(try Output.json(Shown(
                    dossier: dossier, eligible: verdict.isEligible,
                    eligibility: verdict.checks.map { .init(rule: $0.rule.rawValue, passed: $0.passed, reason: $0.reason.text(l)) },
                    mySheet: sheet, myTotal: sheet?.weightedTotal(in: campaign.criteria))))
            case .table, .csv:
                Output.write(DossierText.render(dossier, verdict: verdict, sheet: sheet, campaign: campaign, language: l))
            }
        }
    }
}

/// A dossier as plain text, for reading in a shell or a screen reader.
enum DossierText {
    static func render(_ d: Dossier, verdict: EligibilityVerdict, sheet: ScoreSheet?, campaign: Campaign,
                       language l: Language) -> String {
        var out: [String] = []
        func heading(_ title: String) { out.append(""); out.append(title); out.append(String(repeating: "─", count: DisplayWidth.of(title))) }
        func field(_ label: String, _ value: String) { out.append(label + l.pick(" : ", ": ") + value) }

        out.append("\(d.name) — n° \(d.number)")
        field(l.pick("Structure porteuse", "Carrying structure"),
              "\(d.structure.raisonSociale) (\(d.structure.legalForm)), SIRET \(d.structure.siret)"
                + (d.structure.rna.map { ", RNA \($0)" } ?? ""))
        field(l.pick("Territoire", "Territory"), "\(d.address.commune) (\(d.address.communeCode)), "
              + "\(d.address.department.name) (\(d.address.department.code)), \(d.address.region.name) — "
              + Labels.territory(d.territory, l))
        field(l.pick("Filière", "Sector"), d.sector)
        field(l.pick("Création", "Created"), String(d.creationYear))
        field(l.pick("Lauréat phase 1", "Phase-1 laureate"), d.phase1Year.map(String.init) ?? l.pick("non", "no"))
        field(l.pick("Emplois", "Jobs"), Decimal2.format(d.jobs, digits: 1, language: l) + l.pick(" ETP", " FTE"))
        field(l.pick("État", "State"), Labels.filingState(d.state, l)
              + (d.filedAt.map { l.pick(", déposé le ", ", filed on ") + DateText.paris($0.date) } ?? ""))

        heading(l.pick("Éligibilité : ", "Eligibility: ") + Labels.eligibility(verdict, l))
        for check in verdict.checks { out.append((check.passed ? "✓ " : "✗ ") + check.reason.text(l)) }

        heading(l.pick("Membres (\(d.members.count))", "Members (\(d.members.count))"))
        for m in d.members { out.append("- \(m.name) — \(Labels.memberCategory(m.category, l))" + (m.siret.map { ", SIRET \($0)" } ?? "")) }

        heading(l.pick("Budget", "Budget"))
        field(l.pick("Total", "Total"), Money.format(d.budget.total))
        field(l.pick("Demandé", "Requested"), Money.format(d.budget.requested))
        for line in d.budget.cofinancing { out.append("- \(line.source) : \(Money.format(line.amount))") }

        for (key, text) in d.narrative.sections {
            heading(Labels.section(key, l))
            out.append(text)
        }

        heading(l.pick("Pièces jointes", "Attachments"))
        for a in d.attachments { out.append("- \(a.name) (\(Labels.fileSize(a.size, l)))") }

        heading(l.pick("Ma fiche", "My sheet"))
        if let sheet {
            out.append(Labels.progress(ReviewProgress(sheet), l) + l.pick(" — total pondéré ", " — weighted total ")
                       + Labels.total(sheet.weightedTotal(in: campaign.criteria), l))
            for k in campaign.criteria {
                let value = sheet.values[k.key].map { "\($0)/\(k.scale.max)" + (k.scale.label(of: $0).map { " \($0)" } ?? "") } ?? "—"
                out.append("- \(Labels.criterion(k, l)) : \(value)" + (sheet.comments[k.key].map { " — \($0)" } ?? ""))
            }
            if let r = sheet.recommendation { field(l.pick("Avis", "Recommendation"), Labels.recommendation(r, l)) }
            if !sheet.overall.isEmpty { field(l.pick("Commentaire général", "Overall comment"), sheet.overall) }
        } else {
            out.append(l.pick("Pas encore de fiche : ptce-jury score \(d.number) --set CRITÈRE=VALEUR",
                              "No sheet yet: ptce-jury score \(d.number) --set CRITERION=VALUE"))
        }
        return out.map(Sanitizer.text).joined(separator: "\n") + "\n"
    }
}
