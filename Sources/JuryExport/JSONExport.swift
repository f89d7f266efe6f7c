import Foundation
import JuryCore

/// The whole deliberation as one JSON document, for other tools: the rules, the method, every
/// dossier's figures and explanation, the decisions. Texts are in the chosen language.
public struct JSONExport: Encodable {
    struct Rules: Encodable {
        var slots: Int, grantPerLaureate: Int, totalBudget: Int, capacity: Int
        var maxPerRegion: Int?, minOverseas: Int, eligibleOnly: Bool
    }
    struct Calibration: Encodable {
        var reviewer: String, sheets: Int, mean: Double, standardDeviation: Double, normalised: Bool, note: String
        var bias: Double?
    }
    struct Dossier: Encodable {
        var number: Int, name: String, region: String, regionCode: String, eligible: Bool, ineligibleBecause: [String]
        var masked: Bool, submitted: Int?, expected: Int?
        var mean: Double?, median: Double?, minimum: Double?, maximum: Double?, disagreement: Double?
        var scores: [String: Double], ranks: [String: Int], dependsOnMethod: Bool, fundingProbability: Double?
        var proposed: Bool, decision: String?, motivation: Motivation?, explanation: String, tie: String?
        var criterionMeans: [String: Double]
    }
    struct Conflict: Encodable { var member: String, name: String, dossier: Int, reason: String }
    struct Finalized: Encodable { var at: String, by: String }
    struct NotSelected: Encodable { var number: Int, reason: String }
    /// A séance with its decisions only: who stepped out for a conflict is the chair's to know.
    struct Session: Encodable {
        var number: Int, openedAt: String, closedAt: String?, place: String, present: [String], quorum: Int, quorate: Bool
        var secretary: String?
        var decisions: [SessionDecision]
    }
    struct SessionDecision: Encodable {
        var at: String, dossier: Int, decision: String?, present: [String]?, quorate: Bool?
        var withdrawn: [String]?, quorum: Int?, mode: DecisionMode?, reason: String
    }

    /// « proces-verbal » for the chair, « releve » for a member: only the chair's export is the minutes.
    var document: String
    var campaign: String
    var generatedAt: String
    var viewer: String
    var viewerRole: String
    var hiddenForConflict: Int
    var method: String
    var tieBreak: [String]
    var drawSeed: Int
    var rules: Rules
    var zscoreMinimumSheets: Int
    var reviewers: [Calibration]
    /// Groups of reviewers linked by shared dossiers: biases of different groups are not comparable.
    var biasGroups: Int
    var bootstrapResamples: Int
    /// One sheet's standard deviation the resamples draw from, on the method's scale.
    var bootstrapNoise: Double
    var dossiers: [Dossier]
    var laureates: [Int]
    var waitlist: [Int]
    var violations: [String]
    var conflicts: [Conflict]?
    var notSelected: [NotSelected]
    var seances: [Session]
    var acknowledgements: [Acknowledgement]
    var reopenings: [Reopening]
    var revision: Int
    var finalized: Finalized?
    var journalHead: String?

    public init(_ report: DeliberationReport, language l: Language, at date: Instant, seances: Seances = Seances(), journalHead: String? = nil) {
        let d = report.deliberation, rules = report.analysis.rules
        document = report.isChair ? "proces-verbal" : "releve"
        campaign = report.campaign.title
        generatedAt = date.text
        viewer = report.viewer.login
        viewerRole = report.viewer.role.rawValue
        hiddenForConflict = report.panel.hiddenForConflict
        method = report.method.rawValue
        tieBreak = report.campaign.tieBreak.map(\.rawValue)
        drawSeed = report.allocation.drawSeed
        self.rules = Rules(slots: rules.slots, grantPerLaureate: rules.grant, totalBudget: rules.totalBudget, capacity: rules.capacity,
                           maxPerRegion: rules.maxPerRegion, minOverseas: rules.minOverseas, eligibleOnly: rules.eligibleOnly)
        zscoreMinimumSheets = d.zscore.minimumSheets
        reviewers = d.zscore.reviewers.map {
            Calibration(reviewer: $0.reviewer, sheets: $0.sheets, mean: $0.mean, standardDeviation: $0.standardDeviation,
                        normalised: $0.isNormalised, note: Labels.calibration($0, l), bias: d.bias.biases[$0.reviewer])
        }
        biasGroups = d.bias.groups
        bootstrapResamples = report.bootstrap.resamples
        bootstrapNoise = report.bootstrap.noise
        dossiers = report.rows.map { row in
            let s = row.statistics
            return Dossier(
                number: row.number, name: row.dossier.name, region: row.dossier.address.region.name,
                regionCode: row.dossier.address.region.code, eligible: row.verdict.isEligible,
                ineligibleBecause: row.verdict.failures.map { $0.reason.text(l) }, masked: row.masked,
                submitted: s?.submitted, expected: s?.expected, mean: s?.mean, median: s?.median, minimum: s?.minimum,
                maximum: s?.maximum, disagreement: s?.disagreement,
                scores: Dictionary(uniqueKeysWithValues: row.scores.map { ($0.key.rawValue, $0.value) }),
                ranks: Dictionary(uniqueKeysWithValues: row.ranks.map { ($0.key.rawValue, $0.value) }),
                dependsOnMethod: row.dependsOnMethod, fundingProbability: row.probability, proposed: row.proposed,
                decision: report.decision(row.number)?.rawValue, motivation: report.motivation(row.number), explanation: Labels.explanation(row.explanation, l),
                tie: row.tie.map { Labels.tie($0, l) }, criterionMeans: row.criterionMeans)
        }
        laureates = report.allocation.laureates
        waitlist = report.allocation.waitlist
        violations = report.violations.map { Labels.violation($0, l) }
        conflicts = report.isChair
            ? report.conflicts.map { Conflict(member: $0.member.login, name: $0.member.name, dossier: $0.conflict.dossier, reason: $0.conflict.reason) }
            : nil
        notSelected = report.rows.filter { report.decision($0.number) == .notSelected }.map {
            NotSelected(number: $0.number, reason: report.motivation($0.number)?.text ?? Labels.explanation($0.explanation, l))
        }
        // As the minutes read them (ReportTables): disclosed to the viewer, each decision with its reason.
        let tables = ReportTables(report, language: l, seances: seances)
        self.seances = tables.seances.seances.map {
            Session(number: $0.number, openedAt: $0.openedAt.text, closedAt: $0.closedAt?.text, place: $0.place, present: $0.present,
                    quorum: $0.quorum, quorate: $0.hasQuorum, secretary: $0.secretary,
                    decisions: $0.events.filter { $0.kind == .decision }.compactMap { event in
                        // Only on the dossiers the viewer may know of.
                        event.dossier.flatMap(report.row).map {
                            SessionDecision(at: event.at.text, dossier: $0.number, decision: event.decision?.rawValue, present: event.present,
                                            quorate: event.quorate, withdrawn: event.withdrawn, quorum: event.quorum, mode: event.mode,
                                            reason: tables.reason($0, event.decision ?? .notSelected))
                        }
                    })
        }
        acknowledgements = report.allocation.acknowledgements ?? []
        reopenings = report.allocation.reopenings ?? []
        revision = report.allocation.revision
        finalized = report.allocation.finalized.map { Finalized(at: $0.at.text, by: $0.by) }
        self.journalHead = journalHead
    }

    public func data() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Names, motivations and reasons come from files: every string is made clean by the one rule.
        return SafeOutput.json(try encoder.encode(self)) + Data("\n".utf8)
    }
}
