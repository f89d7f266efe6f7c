import Foundation
import XCTest
import JuryCore
@testable import JuryConsole

/// The console's fixture with a jury that deliberates: three slots, two more reviewers, submitted
/// sheets from each, and an allocation in progress. mdupont is in conflict on 1007 (« Pôle Caché »).
enum BoardFixture {
    static let campaign: Campaign = {
        var campaign = Fixture.campaign
        campaign.funding = Funding(slots: 3, grantPerLaureate: 100_000, durationMonths: 24, totalBudget: 300_000)
        campaign.constraints = AllocationConstraints(maxPerRegion: 1, minOverseas: 1)
        return campaign
    }()

    static let jury = Jury(members: Fixture.jury.members + [
        JuryMember(login: "lcaron", name: "Lucie Caron", role: .reviewer),
        JuryMember(login: "pnoel", name: "Paul Noël", role: .reviewer),
    ])

    static func sheet(_ reviewer: String, _ dossier: Int, _ values: [Int]) -> ScoreSheet {
        var sheet = ScoreSheet(dossier: dossier, reviewer: reviewer, at: Fixture.now)
        sheet.values = Dictionary(uniqueKeysWithValues: zip(campaign.criteria.map(\.key), values))
        sheet.recommendation = .favorable
        sheet.status = .submitted
        sheet.submittedAt = Fixture.now
        return sheet
    }

    static var sheets: [String: [Int: ScoreSheet]] {
        var mine = Fixture.sheets
        mine[1005] = sheet("mdupont", 1005, [3, 3, 4, 3, 3])
        let others = [
            sheet("lcaron", 1001, [4, 4, 4, 4, 4]), sheet("lcaron", 1002, [5, 4, 5, 4, 4]), sheet("lcaron", 1003, [5, 5, 5, 5, 5]),
            sheet("lcaron", 1004, [3, 3, 3, 3, 3]), sheet("lcaron", 1005, [2, 3, 2, 2, 3]), sheet("lcaron", 1006, [2, 2, 2, 2, 2]),
            sheet("lcaron", 1007, [5, 5, 4, 5, 5]),
            sheet("pnoel", 1001, [3, 4, 3, 4, 3]), sheet("pnoel", 1003, [4, 4, 4, 4, 4]), sheet("pnoel", 1005, [3, 2, 3, 3, 2]),
            sheet("pnoel", 1007, [4, 4, 5, 4, 4]),
        ]
        var all: [String: [Int: ScoreSheet]] = ["mdupont": mine]
        for sheet in others { all[sheet.reviewer, default: [:]][sheet.dossier] = sheet }
        return all
    }

    static func data(as login: String, _ language: Language = .fr) -> ConsoleData {
        let all = sheets
        return ConsoleData(campaign: campaign, jury: jury, dossiers: Fixture.dossiers, me: login, sheets: all[login] ?? [:],
                           others: all, language: language)
    }

    /// Two laureates (one of them 1007), 1002 on the waitlist with a motivation.
    static let allocation = AllocationState(
        revision: 4, method: .mean, drawSeed: 5, laureates: [1001, 1007], waitlist: [1002],
        motivations: [Motivation(dossier: 1002, decision: .waitlist, text: "Premier appelé si un lauréat renonce.", by: "jmartin",
                                 at: Fixture.now)])

    /// Rapporteurs for every dossier but 1004 (lcaron and pnoel, who did not both submit), and one
    /// séance that discussed 1002.
    static let checklistInputs: ChecklistInputs = {
        var assignments = Assignments(revision: 1)
        assignments.set(Dictionary(uniqueKeysWithValues: [1001, 1002, 1003, 1005, 1006, 1007].map { ($0, ["lcaron", "pnoel"]) }))
        let seance = Seance(number: 1, openedAt: Fixture.now, openedBy: "jmartin", place: "Paris", present: ["jmartin", "lcaron", "pnoel"],
                            quorum: 2, events: [SeanceEvent(at: Fixture.now, kind: .discussion, dossier: 1002)], closedAt: Fixture.now)
        return ChecklistInputs(assignments: assignments, seances: Seances(revision: 1, seances: [seance]))
    }()

    /// The chair's board with `F` pressed: the checklist read.
    static func checklist(_ language: Language = .fr, rows: Int = 24, columns: Int = 80) -> ConsoleState {
        var state = board(as: "jmartin", language, rows: rows, columns: columns)
        XCTAssertEqualEffects(state.press(.character("F")), [.allocation(.loadChecklist)])
        _ = update(&state, .allocation(.checklistLoaded(checklistInputs)))
        return state
    }

    /// The jury's figures as the store computes them for `login`, with `sheets` on the server.
    static func figures(for login: String, sheets: [String: [Int: ScoreSheet]] = sheets) -> JuryFigures {
        JuryFigures.of(campaign: campaign, jury: jury, dossiers: Fixture.dossiers, sheets: sheets, allocation: allocation,
                       rapporteurs: [:], resamples: 100)
            .disclosed(to: Disclosure(viewer: jury.member(login)!, campaign: campaign), sheets: sheets, allocation: allocation)
    }

    /// The board open while `seance` sits, with the jury's figures read.
    static func sitting(as login: String, _ figures: JuryFigures, seance: SeanceView, _ language: Language = .fr,
                        rows: Int = 24, columns: Int = 80) -> ConsoleState {
        var state = board(as: login, language, rows: rows, columns: columns)
        XCTAssertEqualEffects(update(&state, .storeChanged(MemberUpdate(seanceChanged: true, seance: seance))), [.allocation(.loadFigures)])
        _ = update(&state, .allocation(.figuresLoaded(figures)))
        return state
    }

    /// The board open, the allocation read from disk.
    static func board(as login: String, _ language: Language = .fr, rows: Int = 24, columns: Int = 80) -> ConsoleState {
        var state = ConsoleState(data: data(as: login, language), rows: rows, columns: columns, now: Fixture.now)
        XCTAssertEqualEffects(update(&state, .key(.character("a"))), [.allocation(.load)])
        _ = update(&state, .allocation(.loaded(allocation)))
        return state
    }
}

func XCTAssertEqualEffects(_ actual: [ConsoleEffect], _ expected: [ConsoleEffect], file: StaticString = #filePath, line: UInt = #line) {
    if actual != expected { XCTFail("effects \(actual) instead of \(expected)", file: file, line: line) }
}
