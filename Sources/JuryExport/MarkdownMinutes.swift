import Foundation
import JuryCore

/// The deliberation in Markdown. The chair's is the procès-verbal the ministry signs: the séances,
/// the jury and its conflicts, the method and rules, the laureates, the waitlist, every dossier not
/// retained and why, the motivated decisions, the checklist's acknowledgements, the finalisation,
/// the journal's head and room for signatures. A member's is a relevé of what they may see.
public enum MarkdownMinutes {
    /// `journalHead`: the journal's last entry ("n° 12, sha256 …"): printed in the minutes, it fixes
    /// the journal as it stood against the signed record (docs/SERVER.md).
    public static func make(_ tables: ReportTables, at date: Instant, journalHead: String? = nil) -> String {
        let report = tables.report, l = tables.language, campaign = report.campaign, allocation = report.allocation
        let rules = report.analysis.rules
        var out: [String] = []
        func table(_ headers: [String], _ rows: [[String]]) {
            out.append("| " + headers.map(text).joined(separator: " | ") + " |")
            out.append("|" + headers.map { _ in " --- |" }.joined())
            for row in rows { out.append("| " + row.map(text).joined(separator: " | ") + " |") }
            out.append("")
        }
        func table(_ exported: ExportTable, none: String) {
            if exported.rows.isEmpty { out += [none, ""] } else { table(exported.headers, exported.rows.map { $0.map(\.shown) }) }
        }
        func section(_ fr: String, _ en: String) { out += ["## " + l.pick(fr, en), ""] }

        let title = tables.isMinutes ? l.pick("Procès-verbal du jury — ", "Minutes of the jury — ")
                                     : l.pick("Relevé de délibération — ", "Deliberation record — ")
        out.append("# " + title + text(campaign.title))
        out.append("")
        out.append(l.pick("Établi le \(DateText.parisZoned(date.date)) par \(text(report.viewer.name)) (\(Labels.role(report.viewer.role, l))).",
                          "Drawn up on \(DateText.parisZoned(date.date)) by \(text(report.viewer.name)) (\(Labels.role(report.viewer.role, l)))."))
        if !tables.isMinutes {
            out += ["", l.pick("Ce relevé ne montre que ce que son auteur peut voir ; seul le procès-verbal établi par la présidence fait foi.",
                               "This record shows only what its author may see; only the minutes drawn up by the chair are authoritative.")]
        }
        if let reopening = allocation.reopenings?.last {
            let earlier = DateText.parisZoned(reopening.finalized.at.date)
            out += ["", (tables.isMinutes ? l.pick("Le présent procès-verbal rectifie celui du \(earlier)", "These minutes rectify those of \(earlier)")
                                           : l.pick("La délibération finalisée le \(earlier) a été rouverte", "The deliberation finalised on \(earlier) was reopened"))
                        + l.pick(" : attribution rouverte le \(DateText.parisZoned(reopening.at.date)) par \(text(reopening.by)), motif : « \(text(reopening.motivation)) ».",
                                 ": allocation reopened on \(DateText.parisZoned(reopening.at.date)) by \(text(reopening.by)), reason: “\(text(reopening.motivation))”.")]
        }
        if let notice = campaign.notice { out += ["", "> " + text(notice)] }
        if campaign.mandate != nil || campaign.legalBasis != nil {
            out += ["", "## " + l.pick("Mandat et base légale", "Mandate and legal basis"), ""]
            // A paragraph from campaign.json may hold line breaks: each line is its own Markdown line.
            func recital(_ label: String, _ value: String?) {
                guard let value else { return }
                out.append("- **" + label + "** : " + value.split(whereSeparator: \.isNewline).map { text(String($0)) }.joined(separator: " "))
            }
            recital(l.pick("Mandat du jury", "The jury’s mandate"), campaign.mandate)
            recital(l.pick("Base légale", "Legal basis"), campaign.legalBasis)
        }
        if report.panel.hiddenForConflict > 0 {
            out += ["", l.pick("Ce document omet \(report.panel.hiddenForConflict) dossier(s) sur le(s)quel(s) son auteur a un conflit d’intérêts.",
                               "This document leaves out \(report.panel.hiddenForConflict) dossier(s) its author has a conflict of interest on.")]
        }
        out.append("")

        section("Synthèse", "Summary")
        table(tables.summary, none: "")

        section("Séances", "Sessions")
        table(tables.sessions, none: l.pick("Aucune séance enregistrée.", "No session recorded."))
        let decisions = tables.seanceDecisions
        if !decisions.rows.isEmpty {
            out += ["### " + decisions.name, ""]
            out += [l.pick("Chaque décision est enregistrée à part, avec son motif, son mode, les présents, les membres retirés pour conflit d’intérêts et le quorum ; heures de Paris, décalage UTC indiqué.",
                           "Each decision is recorded on its own, with its reason, its mode, those present, the members withdrawn for a conflict of interest and the quorum; Paris times, UTC offset shown."), ""]
            table(decisions, none: "")
        }

        section("Le jury", "The jury")
        table([l.pick("Membre", "Member"), l.pick("Identifiant", "Login"), l.pick("Rôle", "Role")],
              report.jury.members.map { [$0.name, $0.login, Labels.role($0.role, l)] })

        if report.isChair {
            section("Conflits d’intérêts déclarés", "Declared conflicts of interest")
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

        section("Méthode et règles", "Method and rules")
        out.append("- " + l.pick("Classement : ", "Ranking: ") + Labels.method(report.method, l))
        out.append("- " + l.pick("Départage des ex æquo : ", "Tie-break: ") + Labels.tiePolicy(campaign.tieBreak, seed: allocation.drawSeed, l))
        out.append("- " + l.pick("\(rules.slots) places, \(Money.format(rules.grant)) par lauréat, budget de \(Money.format(rules.totalBudget))",
                                 "\(rules.slots) places, \(Money.format(rules.grant)) per laureate, budget of \(Money.format(rules.totalBudget))"))
        if let maximum = rules.maxPerRegion { out.append("- " + l.pick("\(maximum) lauréats au plus par région", "at most \(maximum) laureates per region")) }
        if rules.minOverseas > 0 { out.append("- " + l.pick("\(rules.minOverseas) lauréat(s) d’outre-mer au moins", "at least \(rules.minOverseas) overseas laureate(s)")) }
        if rules.eligibleOnly { out.append("- " + l.pick("Dossiers éligibles seulement, sauf décision motivée", "Eligible dossiers only, unless a decision is motivated")) }
        // Only the z-score recentres each member's scores: under another method the words would mislead.
        if report.method == .zscore {
            out.append("- " + l.pick("Notes recentrées : les notes de chaque membre sont ramenées à la moyenne et à la dispersion de l’ensemble du jury",
                                     "Re-centred scores: each member’s scores are brought to the mean and spread of the whole jury"))
            for calibration in report.deliberation.zscore.reviewers {
                out.append("  - " + text(calibration.reviewer) + " : " + Labels.calibration(calibration, l))
            }
        }
        out.append("")

        let laureates = tables.laureates
        out += ["## " + l.pick("Lauréats", "Laureates") + " (\(laureates.rows.count) — \(Money.format(laureates.rows.count * rules.grant)))", ""]
        table(laureates, none: l.pick("Aucun lauréat désigné.", "No laureate chosen."))
        section("Liste complémentaire", "Waitlist")
        table(tables.waitlist, none: l.pick("Aucune.", "None."))
        section("Dossiers non retenus", "Dossiers not selected")
        table(tables.notSelected, none: allocation.hasDecisions ? l.pick("Aucun.", "None.")
                                                                 : l.pick("Aucune décision prise.", "No decision taken."))

        section("Décisions motivées", "Motivated decisions")
        let motivated = report.rows.compactMap { row in report.motivation(row.number).map { (row, $0) } }
        if motivated.isEmpty { out.append(l.pick("Aucune.", "None.")) }
        for (row, motivation) in motivated {
            out.append("- " + l.pick("n° ", "no. ") + "\(row.number) — \(text(row.dossier.name)) : **\(Labels.decision(report.decision(row.number), l))** — « \(text(motivation.text)) » "
                       + l.pick("(\(text(motivation.by)), le \(DateText.parisZoned(motivation.at.date)))", "(\(text(motivation.by)), on \(DateText.parisZoned(motivation.at.date)))"))
        }
        out.append("")

        section("Points de la liste de vérification acceptés", "Checklist items acknowledged")
        table(tables.acknowledgements, none: l.pick("Aucun.", "None."))

        section("Finalisation", "Finalisation")
        if let finalized = allocation.finalized {
            out.append(l.pick("Attribution finalisée le \(DateText.parisZoned(finalized.at.date)) par \(text(finalized.by)).",
                              "Allocation finalised on \(DateText.parisZoned(finalized.at.date)) by \(text(finalized.by))."))
        } else {
            out.append(l.pick("Attribution non finalisée (révision \(allocation.revision)).",
                              "Allocation not finalised (revision \(allocation.revision))."))
            for violation in report.violations { out.append("- " + text(Labels.violation(violation, l))) }
        }
        if let journalHead {
            // At a finalisation the head is taken before the entry that records the finalisation itself.
            out += ["", allocation.finalized != nil
                ? l.pick("Journal du jury à la finalisation (avant l’entrée qui l’enregistre) : entrée \(journalHead).",
                         "Jury’s journal at the finalisation (before the entry recording it): entry \(journalHead).")
                : l.pick("Journal du jury à cette date : entrée \(journalHead).", "Jury’s journal at this date: entry \(journalHead).")]
            if let entry = entryNumber(journalHead) {
                out.append(l.pick("Chacun peut vérifier que le journal tenu depuis contient cette entrée inchangée : « ptce-jury journal verify --at \(entry) » affiche la même empreinte.",
                                  "Anyone can check that the journal kept since holds this entry unchanged: “ptce-jury journal verify --at \(entry)” prints the same digest."))
            }
        }
        out.append("")

        if tables.isMinutes {
            section("Signatures", "Signatures")
            let secretaries = Set(tables.seances.seances.compactMap(\.secretary))
            table([l.pick("Membre", "Member"), l.pick("Rôle", "Role"), l.pick("Date", "Date"), l.pick("Signature", "Signature")],
                  report.jury.members.map { member in
                      [member.name, Labels.role(member.role, l)
                          + (secretaries.contains(member.login) ? l.pick(", secrétaire de séance", ", secretary of the session") : ""), "", ""]
                  })
        }
        // Every line again through the sanitizer: logins and the parts not quoted above come from files too.
        return out.map(Sanitizer.line).joined(separator: "\n") + "\n"
    }

    /// The entry number of a journal head as `journalHeadText` writes it (« n° 204, sha256 … »).
    static func entryNumber(_ head: String) -> Int? {
        guard head.hasPrefix("n° ") else { return nil }
        return Int(head.dropFirst(3).prefix { $0.isNumber })
    }

    /// Free text as Markdown shows it literally, on one line: « <b> » stays « <b> », a « | » does
    /// not split a table cell, a « # » or « * » formats nothing.
    static func text(_ raw: String) -> String {
        var escaped = ""
        for character in Sanitizer.line(raw) {
            if markdownSpecials.contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    private static let markdownSpecials: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "!", "{", "}"]
}
