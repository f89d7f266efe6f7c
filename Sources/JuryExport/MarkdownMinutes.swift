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
        func section(_ key: TextKey) { out += ["## " + l.text(key), ""] }

        let title = tables.isMinutes ? l.text(.minutesOfTheJury)
                                     : l.text(.deliberationRecord)
        out.append("# " + title + text(campaign.title))
        out.append("")
        out.append(l.text(.drawnUpOnBy, ["date": DateText.parisZoned(date.date), "name": text(report.viewer.name), "role": Labels.role(report.viewer.role, l)]))
        if !tables.isMinutes {
            out += ["", l.text(.thisRecordShowsOnlyWhatItsAuthor)]
        }
        if let reopening = allocation.reopenings?.last {
            let earlier = DateText.parisZoned(reopening.finalized.at.date)
            out += ["", (tables.isMinutes ? l.text(.theseMinutesRectifyThoseOf, ["earlier": earlier])
                                           : l.text(.theDeliberationFinalisedOnWasReopened, ["earlier": earlier]))
                        + l.text(.allocationReopenedOnByReason, ["date": DateText.parisZoned(reopening.at.date), "by": text(tables.name(of: reopening.by)), "motivation": text(reopening.motivation)])]
        }
        if let notice = campaign.notice { out += ["", "> " + text(notice)] }
        if campaign.mandate != nil || campaign.legalBasis != nil {
            out += ["", "## " + l.text(.mandateAndLegalBasis), ""]
            // A paragraph from campaign.json may hold line breaks: each line is its own Markdown line.
            func recital(_ label: String, _ value: String?) {
                guard let value else { return }
                out.append("- **" + label + "** : " + value.split(whereSeparator: \.isNewline).map { text(String($0)) }.joined(separator: " "))
            }
            recital(l.text(.theJurysMandate), campaign.mandate)
            recital(l.text(.legalBasis), campaign.legalBasis)
        }
        if report.panel.hiddenForConflict > 0 {
            out += ["", l.text(.documentLeavesOutConflictDossiers, ["hidden": report.panel.hiddenForConflict])]
        }
        out.append("")

        section(.summary)
        table(tables.summary, none: "")

        section(.sessions)
        table(tables.sessions, none: l.text(.noSessionRecorded))
        let decisions = tables.seanceDecisions
        if !decisions.rows.isEmpty {
            out += ["### " + decisions.name, ""]
            out += [l.text(.eachDecisionIsRecordedOnItsOwn), ""]
            table(decisions, none: "")
        }

        section(.minutesSectionJury)
        table([l.text(.member), l.text(.login), l.text(.role)],
              report.jury.members.map { [$0.name, $0.login, Labels.role($0.role, l)] })

        if report.isChair {
            section(.minutesSectionConflicts)
            let conflicts = report.conflicts
            if conflicts.isEmpty {
                out += [l.text(.noneMasculine), ""]
            } else {
                let names = Dictionary(report.panel.dossiers.map { ($0.number, $0.name) }) { first, _ in first }
                table([l.text(.member), l.text(.dossier), l.text(.reason)],
                      conflicts.map { ["\($0.member.name) (\($0.member.login))",
                                       l.text(.no2) + "\($0.conflict.dossier)" + (names[$0.conflict.dossier].map { " — \($0)" } ?? ""),
                                       $0.conflict.reason] })
            }
        }

        section(.minutesSectionMethod)
        out.append("- " + l.text(.ranking) + Labels.method(report.method, l))
        out.append("- " + l.text(.tieBreak) + Labels.tiePolicy(campaign.tieBreak, seed: allocation.drawSeed, l))
        out.append("- " + l.text(.slotsGrantAndBudget, ["slots": rules.slots, "grant": Money.format(rules.grant), "totalBudget": Money.format(rules.totalBudget)]))
        if let maximum = rules.maxPerRegion { out.append("- " + l.text(.atMostLaureatesPerRegion, ["maximum": maximum])) }
        if rules.minOverseas > 0 { out.append("- " + l.text(.atLeastOverseasLaureates, ["minOverseas": rules.minOverseas])) }
        if rules.eligibleOnly { out.append("- " + l.text(.eligibleDossiersOnlyUnlessADecisionIs)) }
        // Only the z-score recentres each member's scores: under another method the words would mislead.
        if report.method == .zscore {
            out.append("- " + l.text(.reCentredScoresEachMembersScoresAre))
            for calibration in report.deliberation.zscore.reviewers {
                out.append("  - " + text(calibration.reviewer) + " : " + Labels.calibration(calibration, l))
            }
        }
        out.append("")

        let laureates = tables.laureates
        out += ["## " + l.text(.laureates) + " (\(laureates.rows.count) — \(Money.format(laureates.rows.count * rules.grant)))", ""]
        table(laureates, none: l.text(.noLaureateChosen))
        section(.waitlist)
        table(tables.waitlist, none: l.text(.noneFeminine))
        section(.minutesSectionNotSelected)
        table(tables.notSelected, none: allocation.hasDecisions ? l.text(.noneMasculine)
                                                                 : l.text(.noDecisionTaken))

        section(.minutesSectionMotivatedDecisions)
        let motivated = report.rows.compactMap { row in report.motivation(row.number).map { (row, $0) } }
        if motivated.isEmpty { out.append(l.text(.noneFeminine)) }
        for (row, motivation) in motivated {
            out.append("- " + l.text(.minutesMotivatedDecision, ["number": row.number, "name": text(row.dossier.name),
                                                              "decision": Labels.decision(report.decision(row.number), l), "motivation": text(motivation.text)])
                       + l.text(.on, ["by": text(motivation.by), "date": DateText.parisZoned(motivation.at.date)]))
        }
        out.append("")

        section(.minutesSectionAcknowledgedItems)
        table(tables.acknowledgements, none: l.text(.noneMasculine))

        section(.minutesSectionFinalisation)
        if let finalized = allocation.finalized {
            out.append(l.text(.allocationFinalisedOnBy, ["date": DateText.parisZoned(finalized.at.date), "by": text(tables.name(of: finalized.by))]))
        } else {
            out.append(l.text(.allocationNotFinalisedRevision, ["revision": allocation.revision]))
            for violation in report.violations { out.append("- " + text(Labels.violation(violation, l))) }
        }
        if let journalHead {
            // At a finalisation the head is taken before the entry that records the finalisation itself.
            out += ["", allocation.finalized != nil
                ? l.text(.jurysJournalAtTheFinalisationBeforeThe, ["journalHead": journalHead])
                : l.text(.jurysJournalAtThisDateEntry, ["journalHead": journalHead])]
            if let entry = entryNumber(journalHead) {
                out.append(l.text(.anyoneCanCheckThatTheJournalKept, ["entry": entry]))
            }
        }
        out.append("")

        if tables.isMinutes {
            section(.minutesSectionSignatures)
            let secretaries = Set(tables.seances.seances.compactMap(\.secretary))
            table([l.text(.member), l.text(.role), l.text(.date), l.text(.signature)],
                  report.jury.members.map { member in
                      [member.name, Labels.role(member.role, l)
                          + (secretaries.contains(member.login) ? l.text(.secretaryOfTheSession) : ""), "", ""]
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
