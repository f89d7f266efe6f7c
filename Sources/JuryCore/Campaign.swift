import Foundation

/// Version of the on-disk schema written by this build. Every file carries it.
public let currentSchemaVersion = 1

/// One call for applications: its dates, its money, its criteria grid and its rules.
public struct Campaign: Codable, Sendable, Equatable {
    public var schemaVersion: Int
    public var title: String
    /// Shown under the title (e.g. that the demo's organisations are fictitious).
    public var notice: String?
    /// A demo campaign is never written in place: work goes to a private copy.
    public var demo: Bool?
    public var call: CallPeriod
    public var funding: Funding
    public var criteria: [Criterion]
    public var constraints: AllocationConstraints
    /// Who may see other reviewers' scores (blind review).
    public var visibility: ScoreVisibility
    /// Tie-break policy, in order, written down so that it can be shown and explained.
    public var tieBreak: [TieBreakRule]
    /// Set by the former group-shared mode (docs/SHARED.md). Kept only so that such a campaign is
    /// recognised and refused with the command that converts it for the jury server.
    public var shared: SharedAccess?
    /// How many rapporteurs each dossier gets, and the regional rules of their choice (nil: the defaults).
    public var rapporteurs: RapporteurSettings?
    /// The jury's meetings: quorum, whether a dossier in discussion lifts blind review (nil: the defaults).
    public var seance: SeanceSettings?
    /// What the jury is asked to do and by whom, and the text it acts under: the minutes state both.
    public var mandate: String?
    public var legalBasis: String?

    /// A mandate or legal basis is a paragraph, not a file.
    public static let maxRecitalCharacters = 2_000

    public init(schemaVersion: Int = currentSchemaVersion, title: String, notice: String? = nil, demo: Bool? = nil,
                call: CallPeriod, funding: Funding, criteria: [Criterion], constraints: AllocationConstraints,
                visibility: ScoreVisibility = .afterOwnSubmission, tieBreak: [TieBreakRule] = TieBreakRule.standard) {
        self.schemaVersion = schemaVersion
        self.title = title
        self.notice = notice
        self.demo = demo
        self.call = call
        self.funding = funding
        self.criteria = criteria
        self.constraints = constraints
        self.visibility = visibility
        self.tieBreak = tieBreak
    }

    public var isDemo: Bool { demo ?? false }

    public func criterion(_ key: String) -> Criterion? { criteria.first { $0.key == key } }
}

public struct CallPeriod: Codable, Sendable, Equatable {
    public var opening: Instant
    /// Applications filed after this instant are not eligible.
    public var closing: Instant
    /// IANA zone in which the call's dates are announced.
    public var timeZone: String

    public init(opening: Instant, closing: Instant, timeZone: String = "Europe/Paris") {
        self.opening = opening
        self.closing = closing
        self.timeZone = timeZone
    }
}

/// Amounts are whole euros.
public struct Funding: Codable, Sendable, Equatable {
    public var slots: Int
    public var grantPerLaureate: Int
    public var durationMonths: Int
    public var totalBudget: Int

    public init(slots: Int, grantPerLaureate: Int, durationMonths: Int, totalBudget: Int) {
        self.slots = slots
        self.grantPerLaureate = grantPerLaureate
        self.durationMonths = durationMonths
        self.totalBudget = totalBudget
    }
}

/// One line of the criteria grid. The key is stable: sheets refer to it.
public struct Criterion: Codable, Sendable, Equatable {
    public var key: String
    public var label: String
    public var labelEn: String?
    public var description: String
    public var weight: Double
    public var scale: Scale

    public init(key: String, label: String, labelEn: String? = nil, description: String, weight: Double, scale: Scale) {
        self.key = key
        self.label = label
        self.labelEn = labelEn
        self.description = description
        self.weight = weight
        self.scale = scale
    }
}

public struct Scale: Codable, Sendable, Equatable {
    public var min: Int
    public var max: Int
    /// One label per level, from min to max.
    public var levels: [Level]

    public init(min: Int, max: Int, levels: [Level]) {
        self.min = min
        self.max = max
        self.levels = levels
    }

    public func contains(_ value: Int) -> Bool { value >= min && value <= max }
    public func label(of value: Int) -> String? { levels.first { $0.value == value }?.label }
}

public struct Level: Codable, Sendable, Equatable {
    public var value: Int
    public var label: String

    public init(value: Int, label: String) {
        self.value = value
        self.label = label
    }
}

/// Rules the allocation of slots must respect (used by the allocation board).
public struct AllocationConstraints: Codable, Sendable, Equatable {
    /// At most this many laureates in one region (nil: no limit).
    public var maxPerRegion: Int?
    /// At least this many laureates from overseas regions (nil: no floor).
    public var minOverseas: Int?
    /// Only eligible dossiers may be laureates without a written motivation.
    public var eligibleOnly: Bool

    public init(maxPerRegion: Int? = nil, minOverseas: Int? = nil, eligibleOnly: Bool = true) {
        self.maxPerRegion = maxPerRegion
        self.minOverseas = minOverseas
        self.eligibleOnly = eligibleOnly
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case maxPerRegion, minOverseas, eligibleOnly
    }

    /// The rules this build applies, as campaign.json names them.
    public static let knownKeys = CodingKeys.allCases.map(\.rawValue).sorted()

    /// Unlike other fields, an unknown rule is refused rather than kept: a rule the allocation
    /// would silently ignore (« minPerRegion ») decides public money wrongly.
    public init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: AnyRuleKey.self)
        if let unknown = keys.allKeys.first(where: { CodingKeys(stringValue: $0.stringValue) == nil }) {
            let known = Self.knownKeys.joined(separator: ", ")
            throw DecodingRefusal.error(at: keys.codingPath + [unknown],
                                        Localized(.unknownRuleAndTheKnownOnes, ["rule": unknown.stringValue, "known": known]))
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        maxPerRegion = try container.decodeIfPresent(Int.self, forKey: .maxPerRegion)
        minOverseas = try container.decodeIfPresent(Int.self, forKey: .minOverseas)
        eligibleOnly = try container.decode(Bool.self, forKey: .eligibleOnly)
    }

    private struct AnyRuleKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// The former group-shared mode's group (see `Campaign.shared`).
public struct SharedAccess: Codable, Sendable, Equatable {
    public var group: String

    public init(group: String) {
        self.group = group
    }
}

public enum ScoreVisibility: String, Codable, Sendable, Equatable, CaseIterable {
    /// A reviewer sees others' scores on a dossier once their own sheet for it is submitted.
    case afterOwnSubmission = "apres-soumission"
    case never = "jamais"
    case always = "toujours"
}

public enum TieBreakRule: String, Codable, Sendable, Equatable, CaseIterable {
    case higherMedian = "mediane-la-plus-haute"
    case lowerDisagreement = "desaccord-le-plus-faible"
    case moreSheets = "plus-de-fiches"
    case recordedDraw = "tirage-au-sort-consigne"

    public static let standard: [TieBreakRule] = [.higherMedian, .lowerDisagreement, .moreSheets, .recordedDraw]
}
