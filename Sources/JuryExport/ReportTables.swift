import JuryCore

/// How a figure reads: spreadsheets get the value with a number format, CSV and Markdown the text.
public enum NumberFormat: Sendable, Equatable {
    /// Ranks, counts, numbers: « 12 ».
    case integer
    /// Scores and disagreement: two decimals, « 4,58 ».
    case decimal
    /// Probabilities (a value from 0 to 1): « 3 % ».
    case percent
    /// Whole euros: « 100 000 € ».
    case euros
}

/// One cell of an exported table: text, or a number with how it reads in the chosen language
/// (rounded once, as a person rounds the decimal value, so that every format shows the same figure).
public enum Cell: Sendable, Equatable {
    case text(String)
    case number(Double, shown: String, format: NumberFormat)
    case empty

    public var shown: String {
        switch self {
        case .text(let text): return text
        case .number(_, let shown, _): return shown
        case .empty: return ""
        }
    }

    /// A figure rounded once, as it reads in `language`: the cell holds the value shown (4,575 shows
    /// and holds 4,58), so that a spreadsheet computes with what the reader sees.
    public static func figure(_ value: Double, _ format: NumberFormat, _ language: Language) -> Cell {
        switch format {
        case .integer: return .number(value.rounded(), shown: Decimal2.format(value, digits: 0, language: language), format: format)
        case .decimal: return .number(Decimal2.shown(value), shown: Decimal2.format(value, language: language), format: format)
        case .percent: return .number(Decimal2.shownPercent(value), shown: Labels.percent(value, language), format: format)
        case .euros: return .number(value.rounded(), shown: Money.format(Int(value.rounded())), format: format)
        }
    }

    /// Text, or `.empty` when there is none: an empty cell, not an empty string.
    static func text(or text: String) -> Cell { text.isEmpty ? .empty : .text(text) }
}

/// A named table: a header row and data rows.
public struct ExportTable: Sendable {
    public var name: String
    public var headers: [String]
    public var rows: [[Cell]]
}

/// The tables every export draws from, so that CSV, ODS and Markdown agree cell for cell.
public struct ReportTables: Sendable {
    public let report: DeliberationReport
    public let language: Language
    /// The jury's meetings, for the minutes.
    public let seances: Seances

    /// `seances` as recorded: a member's export reads them as `Seances.disclosed` lets them (no
    /// attendance, no withdrawals, nothing on a dossier they are in conflict on).
    public init(_ report: DeliberationReport, language: Language, seances: Seances = Seances()) {
        self.report = report
        self.language = language
        self.seances = seances.disclosed(to: Disclosure(viewer: report.viewer, campaign: report.campaign))
    }

    /// Only the chair's export is the procès-verbal; a member's is a relevé of what they may see.
    public var isMinutes: Bool { report.isChair }

    private func number(_ value: Double?) -> Cell { value.map { .figure($0, .decimal, language) } ?? .empty }

    private func integer(_ value: Int?) -> Cell { value.map { .figure(Double($0), .integer, language) } ?? .empty }

    private func percent(_ value: Double?) -> Cell { value.map { .figure($0, .percent, language) } ?? .empty }

    private func euros(_ amount: Int) -> Cell { .figure(Double(amount), .euros, language) }

    private func motivation(_ row: DeliberationReport.Row) -> Cell {
        report.motivation(row.number).map { .text(or: $0.text) } ?? .empty
    }

    /// « Tous les dossiers »: one row per dossier the viewer may know of, in the ranking's order.
    public var all: ExportTable {
        let l = language
        let methods = RankingMethod.allCases
        let headers = [l.text(.rank), l.text(.no4), "PTCE", l.text(.region), l.text(.eligibility)]
            + methods.map { Labels.methodShort($0, l) }
            + [l.text(.min), l.text(.max), l.text(.disagreement),
               l.text(.sheetsSubmitted), l.text(.sheetsExpected)]
            + methods.map { l.text(.rankPrefix) + Labels.methodShort($0, l) }
            + [l.text(.dependsOnTheMethod),
               l.text(.probabilityOfFunding),
               l.text(.proposal), l.text(.decision), l.text(.motivation),
               l.text(.explanation), l.text(.rapporteurs)]
        let rows = report.rows.map { row -> [Cell] in
            var cells: [Cell] = [integer(row.rank), integer(row.number), .text(or: row.dossier.name), .text(or: row.dossier.address.region.name),
                                 .text(Labels.eligibility(row.verdict, l))]
            cells += methods.map { number(row.scores[$0]) }
            cells += [number(row.statistics?.minimum), number(row.statistics?.maximum), number(row.statistics?.disagreement),
                      row.masked ? .text(l.text(.hidden)) : integer(row.statistics?.submitted),
                      integer(row.statistics?.expected)]
            cells += methods.map { integer(row.ranks[$0]) }
            cells += [.text(row.dependsOnMethod ? l.text(.yes) : l.text(.no)), percent(row.probability),
                      row.proposed ? .text(l.text(.proposed)) : .empty,
                      .text(or: Labels.decision(report.decision(row.number), l)),
                      motivation(row),
                      .text(Labels.explanation(row.explanation, l) + (row.tie.map { " — " + Labels.tie($0, l) } ?? "")),
                      rapporteurs(row)]
            return cells
        }
        return ExportTable(name: l.text(.allDossiers), headers: headers, rows: rows)
    }

    /// The laureates as the ranking orders them (ties broken, the unscored last): they were chosen
    /// in the chair's order, but their table is read from the first. The waitlist keeps its order,
    /// which is the order in which places are offered.
    private var laureatesInRankOrder: [DeliberationReport.Row] {
        let chosen = Set(report.allocation.laureates)
        return report.rows.filter { chosen.contains($0.number) }
    }

    public var laureates: ExportTable {
        let l = language, grant = report.campaign.funding.grantPerLaureate
        return ExportTable(
            name: l.text(.laureates),
            headers: [l.text(.order), l.text(.no4), "PTCE", l.text(.region),
                      l.text(.score) + " (" + Labels.method(report.method, l) + ")", l.text(.rank),
                      l.text(.amount), l.text(.sheetsSubmitted), l.text(.rapporteurs),
                      l.text(.motivation), l.text(.reason)],
            rows: laureatesInRankOrder.enumerated().map { i, row in
                [integer(i + 1), integer(row.number), .text(or: row.dossier.name), .text(or: row.dossier.address.region.name),
                 number(row.scores[report.method]), integer(row.rank), euros(grant), integer(row.statistics?.submitted), rapporteurs(row),
                 motivation(row), .text(reason(row, .laureate))]
            })
    }

    public var waitlist: ExportTable {
        let l = language
        return ExportTable(
            name: l.text(.waitlist),
            headers: [l.text(.position), l.text(.no4), "PTCE", l.text(.region),
                      l.text(.score) + " (" + Labels.method(report.method, l) + ")", l.text(.rank),
                      l.text(.motivation)],
            rows: report.waitlist.enumerated().map { i, row in
                [integer(i + 1), integer(row.number), .text(or: row.dossier.name), .text(or: row.dossier.address.region.name),
                 number(row.scores[report.method]), integer(row.rank), motivation(row)]
            })
    }

    /// Every dossier placed neither among the laureates nor on the waitlist, with why: the chair's
    /// motivation when there is one, else what the ranking and the rules say.
    public var notSelected: ExportTable {
        let l = language
        let rows = report.rows.filter { report.decision($0.number) == .notSelected }
        return ExportTable(
            name: l.text(.notSelected),
            headers: [l.text(.no4), "PTCE", l.text(.region), l.text(.rank),
                      l.text(.sheetsSubmitted), l.text(.reason)],
            rows: rows.map { row in
                [integer(row.number), .text(or: row.dossier.name), .text(or: row.dossier.address.region.name), integer(row.rank),
                 integer(row.statistics?.submitted),
                 .text(reason(row, .notSelected))]
            })
    }

    /// Why a dossier got `decision`, as the minutes state it: a laureate or a place on the waitlist by
    /// its rank under the method, with the motivation the rules required; a dossier not retained by
    /// the chair's motivation, else the rule or the rank that leaves it out.
    public func reason(_ row: DeliberationReport.Row, _ decision: Decision) -> String {
        let l = language, motivation = report.motivation(row.number)?.text
        let rank = row.rank.map { l.text(.rankAndMethod, ["rank": $0, "method": Labels.method(report.method, l)]) }
            ?? l.text(.noRankNoSubmittedSheet)
        switch decision {
        case .laureate, .waitlist:
            return rank + (motivation.map { l.text(.motivatedDecision) + $0 } ?? "")
        case .notSelected:
            if let motivation { return l.text(.motivatedDecisionPrefix) + motivation }
            // In the proposal, left out by the jury: the ranking's « proposé » would read as its reason.
            guard row.proposed else { return Labels.explanation(row.explanation, l) }
            return l.text(.leftOutByTheJuryDespiteIts) + rank
                + l.text(.noMotivationRecorded)
        }
    }

    /// « Synthèse »: how many dossiers were received, eligible, scored, discussed and decided in
    /// séance, then the outcome (of what the viewer may know).
    public var summary: ExportTable {
        let l = language, rows = report.rows, visible = Set(rows.map(\.number))
        let decided = Set(seances.seances.flatMap { $0.events.filter { $0.kind == .decision }.compactMap(\.dossier) })
        let figures: [(String, Int)] = [
            (l.text(.dossiersReceived), rows.count),
            (l.text(.eligibleDossiers), rows.filter(\.verdict.isEligible).count),
            (l.text(.dossiersScoredAtLeastOneSubmittedSheet),
             rows.filter { ($0.statistics?.submitted ?? 0) > 0 }.count),
            (l.text(.dossiersDiscussedInSession), seances.discussed.intersection(visible).count),
            (l.text(.dossiersDecidedInSession), decided.intersection(visible).count),
            (l.text(.laureates), report.allocation.laureates.filter(visible.contains).count),
            (l.text(.waitlist), report.allocation.waitlist.filter(visible.contains).count),
        ]
        return ExportTable(name: l.text(.summary), headers: [l.text(.item), l.text(.count)],
                           rows: figures.map { [.text($0.0), integer($0.1)] })
    }

    /// A member's name as the jury knows it, else the login.
    private var names: [String: String] { Dictionary(report.jury.members.map { ($0.login, $0.name) }) { first, _ in first } }

    /// A member as the minutes name them: by name, the login when the jury no longer has them.
    public func name(of login: String) -> String { report.jury.member(login)?.name ?? login }

    /// The séances: when, where, who was there and whether they made the quorum.
    public var sessions: ExportTable {
        let l = language, names = self.names
        return ExportTable(
            name: l.text(.sessions),
            headers: [l.text(.no4), l.text(.openedOn), l.text(.closedOn), l.text(.place),
                      l.text(.present), l.text(.quorum), l.text(.quorate),
                      l.text(.secretary)],
            rows: seances.seances.map { seance in
                [integer(seance.number), .text(DateText.parisZoned(seance.openedAt.date)),
                 seance.closedAt.map { .text(DateText.parisZoned($0.date)) } ?? .text(l.text(.inProgress)),
                 .text(or: seance.place), .text(or: seance.present.map { names[$0] ?? $0 }.joined(separator: ", ")),
                 integer(seance.quorum), .text(seance.hasQuorum ? l.text(.yes) : l.text(.no)),
                 .text(or: seance.secretary.map { names[$0] ?? $0 } ?? "")]
            })
    }

    /// The decisions taken in séance, one line per dossier and decision: when (with the time zone),
    /// what, why, how (consensus or vote), who took part, who stepped out for a conflict of interest,
    /// against which quorum; on the dossiers the viewer may know of (a member's export names neither
    /// those present nor those who stepped out: `Seances.disclosed`).
    public var seanceDecisions: ExportTable {
        let l = language, names = self.names
        let decisions = seances.seances.flatMap { seance in
            seance.events.filter { $0.kind == .decision }.compactMap { event in
                event.dossier.flatMap(report.row).map { (seance, event, $0) }
            }
        }
        func people(_ logins: [String]?) -> Cell { .text(or: (logins ?? []).map { names[$0] ?? $0 }.joined(separator: ", ")) }
        return ExportTable(
            name: l.text(.decisionsInSession),
            headers: [l.text(.session), l.text(.dateHeader), l.text(.no4), "PTCE", l.text(.decision),
                      l.text(.reason), l.text(.mode), l.text(.present),
                      l.text(.withdrawnForAConflictOfInterest), l.text(.quorum),
                      l.text(.quorate)],
            rows: decisions.map { seance, event, row in
                [integer(seance.number), .text(DateText.parisZoned(event.at.date)), integer(row.number), .text(or: row.dossier.name),
                 .text(or: Labels.decision(event.decision, l)), .text(reason(row, event.decision ?? .notSelected)),
                 .text(event.mode?.text(l) ?? l.text(.notStated)), people(event.present), people(event.withdrawn),
                 integer(event.quorum ?? seance.quorum),
                 event.quorate.map { .text($0 ? l.text(.yes) : l.text(.no)) } ?? .empty]
            })
    }

    /// The checklist's items the chair let stand before finalising, with the reason given.
    public var acknowledgements: ExportTable {
        let l = language
        return ExportTable(
            name: l.text(.acknowledgedItems),
            headers: [l.text(.checklistItemHeader), l.text(.reasonHeader), l.text(.by), l.text(.dateHeader)],
            rows: (report.allocation.acknowledgements ?? []).map {
                [.text($0.item.text(l)), .text(or: $0.reason), .text(name(of: $0.by)), .text(DateText.parisZoned($0.at.date))]
            })
    }

    /// Who reports on the dossier, in the chair's export only: like the journal's assignments, they
    /// are the chair's to know.
    private func rapporteurs(_ row: DeliberationReport.Row) -> Cell {
        guard report.isChair else { return .empty }
        return .text(or: (report.panel.rapporteurs[row.number] ?? []).sorted().joined(separator: ", "))
    }

    /// The mean of each criterion over the submitted sheets the viewer may read.
    public var criterionMeans: ExportTable {
        let l = language, criteria = report.panel.criteria
        return ExportTable(
            name: l.text(.meansPerCriterion),
            headers: [l.text(.no4), "PTCE"] + criteria.map { Labels.criterion($0, l) } + [l.text(.weightedMean)],
            rows: report.rows.map { row in
                [integer(row.number), .text(or: row.dossier.name)] + criteria.map { number(row.criterionMeans[$0.key]) }
                    + [number(row.scores[.mean])]
            })
    }
}
