import XCTest
import JuryCore
@testable import JuryConsole

extension Fixture {
    /// Two more reviewers, so that there are others' sheets to show or withhold.
    static let colleagues = [JuryMember(login: "lbernard", name: "Lucie Bernard", role: .reviewer),
                             JuryMember(login: "akone", name: "Awa Koné", role: .reviewer)]
    static let fullJury = Jury(members: jury.members + colleagues)

    static func sheet(_ reviewer: String, _ dossier: Int, _ values: [Int], _ recommendation: Recommendation,
                      comment: String? = nil, overall: String = "", submitted: Bool = true) -> ScoreSheet {
        var sheet = ScoreSheet(dossier: dossier, reviewer: reviewer, at: Instant("2023-09-22T09:00:00+02:00")!)
        sheet.values = Dictionary(uniqueKeysWithValues: zip(campaign.criteria.map(\.key), values))
        sheet.comments = comment.map { ["maturite": $0] } ?? [:]
        sheet.overall = overall
        sheet.recommendation = recommendation
        if submitted {
            sheet.status = .submitted
            sheet.submittedAt = Instant("2023-09-26T15:45:00+02:00")!
        }
        return sheet
    }

    /// Every member's sheets: mine (`sheets`), and the colleagues' — on 1001, which I submitted,
    /// two submitted and visible to me; on 1002, my draft, one withheld from me; on 1003 a draft,
    /// never shown to anyone but its author.
    static var everyone: [String: [Int: ScoreSheet]] {
        [me: sheets,
         "lbernard": [1001: sheet("lbernard", 1001, [5, 4, 4, 3, 5], .favorable, comment: "Gouvernance exemplaire, charte écrite.",
                                  overall: "Pôle mûr, à soutenir."),
                      1002: sheet("lbernard", 1002, [2, 2, 3, 2, 3], .reserve, overall: "Modèle économique fragile.")],
         "akone": [1001: sheet("akone", 1001, [3, 3, 4, 2, 3], .reserve, overall: "Autofinancement à préciser."),
                   1003: sheet("akone", 1003, [4, 4, 4, 4, 4], .favorable, submitted: false)]]
    }

    static func juryData(_ language: Language = .fr, me: String = me, jury: Jury = fullJury,
                         dossiers: [Dossier] = dossiers, visibility: ScoreVisibility = .afterOwnSubmission) -> ConsoleData {
        var campaign = campaign
        campaign.visibility = visibility
        return ConsoleData(campaign: campaign, jury: jury, dossiers: dossiers, me: me, sheets: everyone[me] ?? [:],
                           others: everyone, language: language)
    }

    static func juryState(_ language: Language = .fr, me: String = me, rows: Int = 24, columns: Int = 80,
                          visibility: ScoreVisibility = .afterOwnSubmission) -> ConsoleState {
        ConsoleState(data: juryData(language, me: me, visibility: visibility), rows: rows, columns: columns, now: now)
    }

    /// Earlier versions of Lucie Bernard's sheet on 1001: submitted, reopened, submitted again.
    static let lbernardHistory: [ScoreSheet] = {
        var first = sheet("lbernard", 1001, [4, 3, 4, 3, 4], .favorable)
        first.updatedAt = Instant("2023-09-23T10:15:00+02:00")!
        var second = first
        second.status = .draft
        second.updatedAt = Instant("2023-09-25T08:30:00+02:00")!
        return [first, second]
    }()
}

/// The dossier view, the list and its column show the others' scores exactly as Disclosure says.
final class OthersScoresTests: XCTestCase {
    private func section(_ state: ConsoleState) -> String {
        let text = state.dossier.map { $0.document.lines.map(\.text).joined(separator: "\n") } ?? ""
        return text.components(separatedBy: JuryScores.title(state.language)).last ?? ""
    }

    func testMySubmittedSheetShowsTheOthersAndTheFigures() {
        var state = Fixture.juryState()
        state.press(.enter)
        let shown = section(state)
        XCTAssertTrue(shown.contains("Lucie Bernard"), shown)
        XCTAssertTrue(shown.contains("Awa Koné"), shown)
        XCTAssertTrue(shown.contains("Gouvernance exemplaire"), shown)
        XCTAssertTrue(shown.contains("3 fiches soumises sur 3 attendues"), shown)
        XCTAssertTrue(shown.contains("Moyenne") && shown.contains("médiane"), shown)
    }

    func testMyDraftWithholdsEverythingAndSaysWhy() {
        var state = Fixture.juryState()
        state.press(.down, .enter)
        let shown = section(state)
        XCTAssertTrue(shown.contains("Les notes des autres membres s’affichent une fois votre fiche soumise."), shown)
        for leak in ["Lucie Bernard", "Moyenne", "fiche soumise sur", "fiches soumises", "2,30", "réservé"] {
            XCTAssertFalse(shown.contains(leak), "« \(leak) » leaks in\n\(shown)")
        }
    }

    func testSubmittingMySheetShowsThemAtOnce() {
        var state = Fixture.juryState()
        state.press(.down, .enter, .character("e"))
        // Complete the draft (maturité 3 and ancrage 4 are set), recommend, submit.
        state.press(.down, .character("3"), .character("2"), .character("4"))   // each digit goes on to the next criterion to score
        state.press(.end, .right, .character("s"), .character("o"), .escape)
        XCTAssertEqual(state.data.sheets[1002]?.status, .submitted)
        XCTAssertTrue(section(state).contains("Lucie Bernard"), section(state))
    }

    func testTheCampaignMayNeverShowThem() {
        var state = Fixture.juryState(visibility: .never)
        state.press(.enter)
        XCTAssertTrue(section(state).contains("Cette campagne ne montre pas aux rapporteurs"), section(state))
        XCTAssertFalse(section(state).contains("Lucie Bernard"))
    }

    func testTheChairSeesAllButDrafts() {
        var state = Fixture.juryState(me: "jmartin")
        state.press(.down, .down, .enter)
        let shown = section(state)
        XCTAssertTrue(shown.contains("Aucune autre fiche soumise pour l’instant."), "akone's draft on 1003 stays hers:\n\(shown)")
        XCTAssertFalse(shown.contains("Awa Koné"), shown)
    }

    func testTheListColumnSaysNoMoreThanTheDossierView() {
        let state = Fixture.juryState(columns: 120)
        let rows = state.screenText().split(separator: "\n")
        func row(_ number: Int) -> String { String(rows.first { $0.hasPrefix(String(number)) } ?? "") }
        XCTAssertTrue(rows.contains { $0.hasSuffix("Note Jury") })
        XCTAssertTrue(row(1001).hasSuffix("3,56"), row(1001))
        // 1002 has a submitted sheet, 1003 a draft, 1004 nothing: withheld all the same.
        XCTAssertTrue([1002, 1003, 1004].allSatisfy { row($0).hasSuffix("—") }, rows.joined(separator: "\n"))
        var alone = Fixture.everyone
        alone["lbernard"] = nil
        alone["akone"] = nil
        let bare = ConsoleState(data: ConsoleData(campaign: Fixture.campaign, jury: Fixture.fullJury, dossiers: Fixture.dossiers,
                                                  me: Fixture.me, sheets: Fixture.sheets, others: alone, language: .fr),
                                rows: 24, columns: 120, now: Fixture.now)
        let bareRows = bare.screenText().split(separator: "\n")
        for number in [1002, 1003, 1004] {
            XCTAssertEqual(bareRows.first { $0.hasPrefix(String(number)) }.map(String.init), row(number),
                           "the row of a withheld dossier must not tell whether others scored it")
        }
    }

    func testAConflictedMemberLearnsNothingOfTheDossier() {
        var jury = Fixture.fullJury
        jury.members[0].conflicts.append(ConflictOfInterest(dossier: 1001, reason: "membre du bureau"))
        let data = Fixture.juryData(jury: jury)
        XCTAssertNil(data.position(of: 1001))
        XCTAssertEqual(JuryScores(Fixture.dossiers[0], campaign: data.campaign, jury: jury, sheets: Fixture.everyone,
                                  viewer: data.viewer).mean, nil)
    }

    func testTheHistoryOfTheSheetsShownIsAskedForAndShown() {
        var state = Fixture.juryState()
        let effects = state.press(.enter)
        XCTAssertEqual(effects, [.loadHistory(dossier: 1001, reviewers: ["mdupont", "akone", "lbernard"])])
        _ = update(&state, .historyLoaded(dossier: 1001, history: ["lbernard": Fixture.lbernardHistory]))
        XCTAssertTrue(section(state).contains("Historique : 23/09/2023 10:15 soumis 3,53 · 25/09/2023 08:30 brouillon"),
                      section(state))
    }

    func testVGoesToTheJuryScoresAndBack() {
        var state = Fixture.juryState()
        state.press(.enter, .tab)
        let reading = state.dossier?.scroll
        XCTAssertFalse(state.screenText().contains("Notes du jury"))
        state.press(.character("v"))
        XCTAssertTrue(state.screenText().contains("Notes du jury"), state.screenText())
        state.press(.character("v"))
        XCTAssertEqual(state.dossier?.scroll, reading)
    }
}

// MARK: Golden screens

extension GoldenTests {
    /// The dossier view's jury section as each member may see it, and the list with its column.
    func testJuryScoresAsEachMemberMaySeeThem() throws {
        let scenarios: [(name: String, me: String, keys: [Key])] = [
            ("jury-shown", Fixture.me, [.enter, .character("v")]),
            ("jury-withheld", Fixture.me, [.down, .enter, .character("v")]),
            ("jury-chair", "jmartin", [.down, .enter, .character("v")]),
            ("list-jury", Fixture.me, []),
        ]
        for language in Language.allCases {
            for (rows, columns) in [(24, 80), (40, 120)] {
                for scenario in scenarios {
                    var state = Fixture.juryState(language, me: scenario.me, rows: rows, columns: columns)
                    for key in scenario.keys {
                        state.press(key)
                        // As the loop does once the dossier is open.
                        if key == .enter && scenario.name == "jury-shown" {
                            _ = update(&state, .historyLoaded(dossier: 1001, history: ["lbernard": Fixture.lbernardHistory]))
                        }
                    }
                    try assertGolden(state, "\(scenario.name)-\(language.rawValue)-\(columns)x\(rows)")
                }
            }
        }
    }

    /// A conflict recorded (elsewhere) on the dossier being read, and one being declared with `c`.
    func testConflictsOnScreen() throws {
        for language in Language.allCases {
            for (rows, columns) in [(24, 80), (40, 120)] {
                var left = Fixture.juryState(language, rows: rows, columns: columns)
                left.press(.enter)
                var jury = Fixture.fullJury
                jury.members[0].conflicts.append(ConflictOfInterest(dossier: 1001, reason: "membre du bureau", recordedBy: "mdupont"))
                _ = update(&left, .storeChanged(MemberUpdate(jury: jury)))
                try assertGolden(left, "jury-conflict-left-\(language.rawValue)-\(columns)x\(rows)")

                var declaring = Fixture.juryState(language, rows: rows, columns: columns)
                declaring.press(.down, .enter, .character("c"))
                declaring.type("Ancienne salariée du porteur")
                try assertGolden(declaring, "conflict-reason-\(language.rawValue)-\(columns)x\(rows)")
            }
        }
    }
}
