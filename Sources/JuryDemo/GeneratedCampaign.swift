import JuryCore

/// A whole campaign as the generators return it; the caller decides where to write it.
public struct GeneratedCampaign: Sendable, Equatable {
    public var campaign: Campaign
    public var jury: Jury
    public var dossiers: [Dossier]
    public var sheets: [ScoreSheet]

    public init(campaign: Campaign, jury: Jury, dossiers: [Dossier], sheets: [ScoreSheet]) {
        self.campaign = campaign
        self.jury = jury
        self.dossiers = dossiers
        self.sheets = sheets
    }
}

/// What the bundled and the synthetic campaigns share: numbering, and sheets from assignments.
enum Assembly {
    struct Spec {
        let region: RegionProfile
        let place: Place
        let sector: Sector
        var irregularity: Irregularity?
    }

    /// Démarches Simplifiées numbers all its dossiers in one sequence across every procedure,
    /// so one call's numbers rise with gaps.
    static func dossiers(_ specs: [Spec], paragraphs: ClosedRange<Int>, call: CallPeriod, clock: inout Timestamps,
                         rng: inout SeededGenerator) -> [Dossier] {
        var number = 13_004_512
        return specs.map { spec in
            defer { number += rng.int(37...4_000) }
            return DossierFactory.make(number: number, region: spec.region, place: spec.place, sector: spec.sector,
                                       irregularity: spec.irregularity, paragraphs: paragraphs, call: call,
                                       clock: &clock, rng: &rng)
        }
    }

    /// The sheets that exist so far: each assigned reviewer has one with the probability of
    /// their diligence, submitted with that of their finishing, a draft otherwise.
    static func sheets(_ dossiers: [Dossier], assignments: [[Int]], reviewers: [ReviewerProfile], grid: [Criterion],
                       clock: inout Timestamps, rng: inout SeededGenerator) -> [ScoreSheet] {
        var sheets: [ScoreSheet] = []
        for (dossier, assigned) in zip(dossiers, assignments) {
            let merit = Merit(criteria: grid.count, rng: &rng)
            for index in assigned.sorted() where rng.chance(reviewers[index].diligence) {
                sheets.append(ReviewWriter.sheet(dossier: dossier, merit: merit, reviewer: reviewers[index],
                                                 submitted: rng.chance(reviewers[index].finishing), grid: grid,
                                                 clock: &clock, rng: &rng))
            }
        }
        return sheets
    }
}
