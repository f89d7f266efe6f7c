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
    var dossiers: [Dossier]
    var laureates: [Int]
    var waitlist: [Int]
    var violations: [String]
    var conflicts: [Conflict]?
    var revision: Int
    var finalized: Finalized?

    public init(_ report: DeliberationReport, language l: Language, at date: Instant) {
        let d = report.deliberation, rules = report.analysis.rules
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
        revision = report.allocation.revision
        finalized = report.allocation.finalized.map { Finalized(at: $0.at.text, by: $0.by) }
    }

    public func data() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Names, motivations and reasons come from files: every string is made clean by the one rule.
        return SafeOutput.json(try encoder.encode(self)) + Data("\n".utf8)
    }
}
