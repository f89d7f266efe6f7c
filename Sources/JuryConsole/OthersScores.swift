import JuryCore

// Blind review in the console (docs/SERVER.md, « What a member receives »): what a member may learn of the others' opinion on a
// dossier goes through `Panel` (JuryCore), which applies `Disclosure`, so that the dossier
// view, the list's column and the headless commands withhold the same things.

/// The jury's opinion on one dossier as the viewer may know it: the console and the headless
/// commands both ask here.
public enum JuryScores: Equatable, Sendable {
    /// The others' submitted sheets that count, and the statistics of every counted sheet (mine included).
    case shown(others: [ScoreSheet], statistics: DossierStatistics)
    case withheld(Withheld)

    public enum Withheld: Equatable, Sendable {
        /// Until my own sheet on the dossier is submitted (the default rule).
        case untilSubmitted
        /// The campaign never shows reviewers the others' scores.
        case never

        /// Said where the scores would be.
        public func explanation(_ l: Language) -> String {
            switch self {
            case .untilSubmitted:
                return l.text(.theOtherMembersScoresShowOnceYour)
            case .never:
                return l.text(.thisCampaignDoesNotShowReviewersThe)
            }
        }
    }

    /// `sheets`: every member's sheets, login → dossier number → sheet; `rapporteurs`: the dossier's,
    /// whose sheets are the ones expected; `inDiscussion`: the dossier a séance discusses, whose
    /// sheets the campaign may then show.
    public init(_ dossier: Dossier, campaign: Campaign, jury: Jury, sheets: [String: [Int: ScoreSheet]], viewer: JuryMember,
                rapporteurs: [String] = [], inDiscussion: Int? = nil) {
        let number = dossier.number
        let panel = Panel(campaign: campaign, jury: jury, dossiers: [dossier], sheets: sheets, viewer: viewer,
                          rapporteurs: [number: rapporteurs], inDiscussion: inDiscussion)
        // A dossier the viewer is in conflict on is left out of the panel: withheld too (and never shown).
        guard panel.dossiers.count == 1, !panel.masked.contains(number) else {
            self = .withheld(campaign.visibility == .never ? .never : .untilSubmitted)
            return
        }
        self = .shown(others: (panel.sheets[number] ?? []).filter { $0.reviewer != viewer.login }, statistics: panel.statistics(number))
    }

    public static func title(_ l: Language) -> String { l.text(.jurysScores) }

    /// « Moyenne 3,45 · médiane 3,50 · 3 fiches soumises sur 4 attendues »; with rapporteurs, theirs
    /// of those expected and, apart, the other members' (« + 1 d’un autre membre »).
    public static func summary(_ statistics: DossierStatistics, _ l: Language) -> String {
        let fromRapporteurs = statistics.byRapporteurs ?? statistics.submitted, others = statistics.submitted - fromRapporteurs
        let counted = l.text(.juryScoresSheets, ["submitted": fromRapporteurs, "expected": statistics.expected])
            + (others > 0 ? l.text(.juryScoresFromOthers, ["others": others]) : "")
        let figures = [statistics.mean.map { l.text(.mean) + l.decimal($0) },
                       statistics.median.map { l.text(.median) + l.decimal($0) }].compactMap { $0 }
        return (figures + [counted]).joined(separator: " · ")
    }

    /// The mean of the counted sheets, nil where it is withheld or there is none: what a list may show.
    public var mean: Double? {
        guard case .shown(_, let statistics) = self else { return nil }
        return statistics.mean
    }
}

extension ConsoleData {
    func juryScores(at position: Int) -> JuryScores {
        JuryScores(dossiers[position], campaign: campaign, jury: jury, sheets: everyone, viewer: viewer,
                   rapporteurs: assignments.rapporteurs(of: dossiers[position].number), inDiscussion: seance?.discussing)
    }

    func name(of login: String) -> String { jury.member(login)?.name ?? login }
}

/// What the dossier view's last section shows, gathered when the dossier is laid out.
struct JurySection: Sendable {
    var scores: JuryScores
    var mine: ScoreSheet?
    /// My sheet's status as the sheet screen words it.
    var mineStatus: Span
    var grid: [Criterion]
    /// Login → name, for the sheets shown.
    var names: [String: String]
    /// Earlier versions of the sheets shown (mine and the others'), oldest first, by login.
    var history: [String: [ScoreSheet]]
}

extension ScreenContext {
    func jurySection(_ position: Int, history: [String: [ScoreSheet]]) -> JurySection {
        let scores = data.juryScores(at: position)
        var names: [String: String] = [:]
        if case .shown(let others, _) = scores { for sheet in others { names[sheet.reviewer] = data.name(of: sheet.reviewer) } }
        let mine = data.sheet(at: position)
        return JurySection(scores: scores, mine: mine, mineStatus: sheetStatus(mine), grid: grid, names: names, history: history)
    }

    /// Logins whose sheet history the open dossier shows: mine, then each other sheet shown.
    func historyReaders(_ position: Int) -> [String] {
        guard case .shown(let others, _) = data.juryScores(at: position) else { return [data.me] }
        return [data.me] + others.map(\.reviewer)
    }
}

extension DossierDocument {
    /// At most this many versions of a sheet are listed, the latest ones.
    static let historyShown = 4

    mutating func juryScores(_ section: JurySection, _ l: Language) {
        heading(JuryScores.title(l))
        var mine = [Span(l.text(.mySheet)), section.mineStatus]
        if let total = section.mine?.weightedTotal(in: section.grid) { mine.append(Span(l.text(.sheetTotal, ["total": l.decimal(total)]))) }
        if let recommendation = section.mine?.recommendation { mine.append(Span(" · " + l.label(recommendation))) }
        lines.append(TextLine(spans: mine, indent: 2))
        // My own sheet in full, comments included: the sheet screen shows each comment on one line.
        if let sheet = section.mine { body(of: sheet, section, l) }
        history(section.history[section.mine?.reviewer ?? ""] ?? [], section.grid, l)
        switch section.scores {
        case .withheld(let reason):
            wrap(reason.explanation(l), indent: 2, hanging: 2, style: .dim)
        case let .shown(others, statistics):
            wrap(JuryScores.summary(statistics, l), indent: 2, hanging: 2, style: .bold)
            if others.isEmpty {
                wrap(l.text(.noOtherSheetSubmittedYet), indent: 2, style: .dim)
            }
            for sheet in others { other(sheet, section, l) }
        }
    }

    /// One other member's sheet: who, total, recommendation, then each criterion with its comment.
    private mutating func other(_ sheet: ScoreSheet, _ section: JurySection, _ l: Language) {
        lines.append(.blank)
        let total = sheet.weightedTotal(in: section.grid).map { l.decimal($0) } ?? "—"
        var head = [Span(section.names[sheet.reviewer] ?? sheet.reviewer, .bold), Span(l.text(.sheetTotal, ["total": total]), .bold)]
        if let recommendation = sheet.recommendation { head.append(Span(" · " + l.label(recommendation))) }
        if let submitted = sheet.submittedAt {
            head.append(Span(l.text(.submittedOn) + DateText.paris(submitted.date), .dim))
        }
        lines.append(TextLine(spans: head, indent: 2))
        body(of: sheet, section, l)
        history(section.history[sheet.reviewer] ?? [], section.grid, l)
    }

    /// A sheet's scores, comments and overall opinion, wrapped in full.
    private mutating func body(of sheet: ScoreSheet, _ section: JurySection, _ l: Language) {
        let labelWidth = min(30, width / 3)
        for criterion in section.grid {
            let value = sheet.values[criterion.key].map { "\($0) " + (criterion.scale.label(of: $0) ?? "") } ?? "—"
            lines.append(TextLine(spans: [Span.cell(l.label(criterion), labelWidth, .dim), Span(value)], indent: 4))
            if let comment = sheet.comments[criterion.key] {
                for paragraph in comment.split(separator: "\n") { wrap(String(paragraph), indent: 6) }
            }
        }
        if !sheet.overall.isEmpty {
            for (i, paragraph) in sheet.overall.split(separator: "\n").enumerated() {
                wrap((i == 0 ? l.text(.overallOpinion) : "") + paragraph, indent: 4, hanging: 2)
            }
        }
    }

    /// « Historique : 20/09/2023 09:00 brouillon 3,20 · 21/09/2023 17:30 soumis 3,85 ».
    private mutating func history(_ versions: [ScoreSheet], _ grid: [Criterion], _ l: Language) {
        guard !versions.isEmpty else { return }
        let shown = versions.suffix(Self.historyShown).map { version in
            DateText.paris(version.updatedAt.date) + " " + l.label(ReviewProgress(version))
                + (version.weightedTotal(in: grid).map { " " + l.decimal($0) } ?? "")
        }
        let earlier = versions.count > shown.count
            ? l.text(.versions, ["versionsCount": versions.count]) : ""
        wrap(l.text(.history) + earlier + shown.joined(separator: " · "), indent: 4, hanging: 2, style: .dim)
    }
}
