import Foundation
import JuryCore

/// The procès-verbal of the deliberation, in Markdown: the jury, the declared conflicts (in the
/// chair's copy only), the method and rules, the laureates with their amounts, the waitlist, the
/// motivated decisions and the finalisation.
public enum MarkdownMinutes {
    /// `journalHead`: the last entry of the jury server's journal ("n° 12, sha256 …"): printed in the
    /// minutes, it fixes the journal as it stood against the signed record (docs/SERVER.md).
    public static func make(_ tables: ReportTables, at date: Instant, journalHead: String? = nil) -> String {
        let report = tables.report, l = tables.language, campaign = report.campaign
        let rules = report.analysis.rules
        var out: [String] = []
        func table(_ headers: [String], _ rows: [[String]]) {
            out.append("| " + headers.map(cell).joined(separator: " | ") + " |")
            out.append("|" + headers.map { _ in " --- |" }.joined())
            for row in rows { out.append("| " + row.map(cell).joined(separator: " | ") + " |") }
            out.append("")
        }

        out.append("# " + l.pick("Procès-verbal du jury — ", "Minutes of the jury — ") + line(campaign.title))
        out.append("")
        out.append(l.pick("Établi le \(DateText.paris(date.date)) par \(line(report.viewer.name)) (\(Labels.role(report.viewer.role, l))).",
                          "Drawn up on \(DateText.paris(date.date)) by \(line(report.viewer.name)) (\(Labels.role(report.viewer.role, l)))."))
        if let notice = campaign.notice { out += ["", "> " + line(notice)] }
        if report.panel.hiddenForConflict > 0 {
            out += ["", l.pick("Ce document omet \(report.panel.hiddenForConflict) dossier(s) sur le(s)quel(s) son auteur a un conflit d’intérêts.",
                               "This document leaves out \(report.panel.hiddenForConflict) dossier(s) its author has a conflict of interest on.")]
        }
        out.append("")

        out.append("## " + l.pick("Le jury", "The jury"))
        out.append("")
        table([l.pick("Membre", "Member"), l.pick("Identifiant", "Login"), l.pick("Rôle", "Role")],
              report.jury.members.map { [$0.name, $0.login, Labels.role($0.role, l)] })

        if report.isChair {
            out.append("## " + l.pick("Conflits d’intérêts déclarés", "Declared conflicts of interest"))
            out.append("")
            let conflicts = report.conflicts
            if conflicts.isEmpty {
                out += [l.pick("Aucun.", "None."), ""]
            } else {
                let names = Dictionary(report.panel.dossiers.map { ($0.number, $0.name) }) { first, _ in first }
                table([l.pick("Membre", "Member"), l.pick("Dossier", "Dossier"), l.pick("Motif", "Reason")],
                      conflicts.map { ["\($0.member.name) (\($0.member.login))",
                                       l.pick("n° ", "no. ") + "\($0.conflict.dossier)" + (names[$0.conflict.dossier].map { " — \($0)" } ?? ""),
                                       $0.conflict.reason] })
            }
        }

        out.append("## " + l.pick("Méthode et règles", "Method and rules"))
        out.append("")
        out.append("- " + l.pick("Classement : ", "Ranking: ") + Labels.method(report.method, l))
        out.append("- " + l.pick("Départage des ex æquo : ", "Tie-break: ") + Labels.tiePolicy(campaign.tieBreak, seed: report.allocation.drawSeed, l))
        out.append("- " + l.pick("\(rules.slots) places, \(Money.format(rules.grant)) par lauréat, budget de \(Money.format(rules.totalBudget))",
                                 "\(rules.slots) places, \(Money.format(rules.grant)) per laureate, budget of \(Money.format(rules.totalBudget))"))
        if let maximum = rules.maxPerRegion { out.append("- " + l.pick("\(maximum) lauréats au plus par région", "at most \(maximum) laureates per region")) }
        if rules.minOverseas > 0 { out.append("- " + l.pick("\(rules.minOverseas) lauréat(s) d’outre-mer au moins", "at least \(rules.minOverseas) overseas laureate(s)")) }
        if rules.eligibleOnly { out.append("- " + l.pick("Dossiers éligibles seulement, sauf décision motivée", "Eligible dossiers only, unless a decision is motivated")) }
        for calibration in report.deliberation.zscore.reviewers {
            out.append("- " + l.pick("Rapporteur ", "Reviewer ") + calibration.reviewer + " : " + Labels.calibration(calibration, l))
        }
        out.append("")

        let laureates = tables.laureates
        out.append("## " + l.pick("Lauréats", "Laureates") + " (\(laureates.rows.count) — \(Money.format(laureates.rows.count * rules.grant)))")
        out.append("")
        if laureates.rows.isEmpty { out += [l.pick("Aucun lauréat désigné.", "No laureate chosen."), ""] } else {
            table(laureates.headers, laureates.rows.map { $0.map(\.shown) })
        }
        let waitlist = tables.waitlist
        out.append("## " + l.pick("Liste complémentaire", "Waitlist"))
        out.append("")
        if waitlist.rows.isEmpty { out += [l.pick("Aucune.", "None."), ""] } else { table(waitlist.headers, waitlist.rows.map { $0.map(\.shown) }) }

        out.append("## " + l.pick("Décisions motivées", "Motivated decisions"))
        out.append("")
        let motivated = report.rows.compactMap { row in report.motivation(row.number).map { (row, $0) } }
        if motivated.isEmpty { out.append(l.pick("Aucune.", "None.")) }
        for (row, motivation) in motivated {
            out.append("- " + l.pick("n° ", "no. ") + "\(row.number) — \(line(row.dossier.name)) : **\(Labels.decision(report.decision(row.number), l))** — « \(line(motivation.text)) » "
                       + l.pick("(\(motivation.by), le \(DateText.paris(motivation.at.date)))", "(\(motivation.by), on \(DateText.paris(motivation.at.date)))"))
        }
        out.append("")

        out.append("## " + l.pick("Finalisation", "Finalisation"))
        out.append("")
        if let finalized = report.allocation.finalized {
            out.append(l.pick("Attribution finalisée le \(DateText.paris(finalized.at.date)) par \(finalized.by).",
                              "Allocation finalised on \(DateText.paris(finalized.at.date)) by \(finalized.by)."))
        } else {
            out.append(l.pick("Attribution non finalisée (révision \(report.allocation.revision)).",
                              "Allocation not finalised (revision \(report.allocation.revision))."))
            for violation in report.violations { out.append("- " + Labels.violation(violation, l)) }
        }
        if let journalHead {
            out += ["", l.pick("Journal du serveur du jury à cette date : entrée \(journalHead).",
                               "Jury server's journal at this date: entry \(journalHead).")]
        }
        // Every line again through the sanitizer: logins and the parts not quoted above come from files too.
        return out.map(Sanitizer.line).joined(separator: "\n") + "\n"
    }

    private static func line(_ text: String) -> String { Sanitizer.line(text) }

    /// A table cell: one line, pipes escaped.
    private static func cell(_ text: String) -> String { line(text).replacingOccurrences(of: "|", with: "\\|") }
}
