import XCTest
@testable import JuryCore

/// In séance every member is shown the jury's figures: the chair's ranks, probabilities, laureates'
/// count and rules, computed once on the whole campaign. A dossier hidden by a conflict is absent
/// and its rank number unused; scores stay where blind review lets the member read them.
final class SeanceFiguresTests: XCTestCase {
    /// Six dossiers, two slots. anna is in conflict on 3 (the best); ben has submitted only on 1, so
    /// that blind review hides the others' scores from him; carl scored everything.
    private func scenario() -> DeliberationScenario {
        var s = DeliberationScenario(reviewers: ["anna", "ben", "carl"], slots: 2)
        for number in 1...6 { s.dossier(number) }
        for (number, values) in [1: [3, 4, 2], 2: [4, 4, 3], 3: [5, 5, 5], 4: [2, 3, 1], 5: [1, 2, 2], 6: [3, 3, 3]] {
            for (reviewer, value) in zip(["anna", "ben", "carl"], values) where !(reviewer == "anna" && number == 3) {
                s.score(reviewer, number, value, submitted: reviewer != "ben" || number == 1)
            }
        }
        s.conflict("anna", on: 3)
        return s
    }

    private func report(_ s: DeliberationScenario, as login: String, allocation: AllocationState) -> DeliberationReport {
        DeliberationReport(campaign: s.campaign, jury: s.jury, dossiers: s.dossiers, sheets: s.sheets, viewer: s.jury.member(login)!,
                           allocation: allocation, resamples: 200)
    }

    func testInSéanceAMembersRanksAreTheChairs() {
        let s = scenario()
        var allocation = AllocationState.initial(for: s.campaign)
        allocation.laureates = [3, 2]
        let figures = JuryFigures.of(campaign: s.campaign, jury: s.jury, dossiers: s.dossiers, sheets: s.sheets, allocation: allocation,
                                     rapporteurs: [:], resamples: 200)
        func seen(_ login: String) -> DeliberationReport {
            let member = s.jury.member(login)!
            return report(s, as: login, allocation: allocation)
                .inSeance(figures.disclosed(to: Disclosure(viewer: member, campaign: s.campaign), sheets: s.sheets, allocation: allocation))
        }
        let chair = seen("chair"), anna = seen("anna"), ben = seen("ben")
        func ranks(_ report: DeliberationReport) -> [Int: Int] {
            Dictionary(uniqueKeysWithValues: report.rows.compactMap { row in row.rank.map { (row.number, $0) } })
        }
        XCTAssertEqual(ranks(chair), [3: 1, 2: 2, 6: 3, 1: 4, 4: 5, 5: 6])

        // Outside a séance anna ranks without 3, and her ranks are not the chair's.
        XCTAssertEqual(ranks(report(s, as: "anna", allocation: allocation))[2], 1)
        // In séance: the chair's ranks, 3 absent, its rank number 1 unused.
        XCTAssertEqual(ranks(anna), ranks(chair).filter { $0.key != 3 })
        XCTAssertEqual(anna.rows.map(\.number), [2, 6, 1, 4, 5])
        XCTAssertNil(anna.row(3))
        XCTAssertEqual(anna.laureateCount, 2, "the jury's count: the laureate hidden from her counted, never named")
        XCTAssertEqual(anna.laureates.map(\.number), [2])
        XCTAssertEqual(anna.fundingRank, chair.fundingRank)
        for number in [1, 2, 4, 5, 6] { XCTAssertEqual(anna.row(number)?.probability, chair.row(number)?.probability, "P(funded) of \(number)") }

        // ben may read only dossier 1's sheets: the jury's ranks everywhere, its scores only there.
        XCTAssertEqual(ranks(ben), ranks(chair))
        XCTAssertEqual(ben.row(1)?.scores[.mean], chair.row(1)?.scores[.mean])
        XCTAssertNil(ben.row(2)?.scores[.mean], "blind review still hides the others' scores on 2")
        XCTAssertTrue(ben.row(2)?.masked ?? false)
    }

    /// « Fiches 2/4 » on one screen and « 2/5 » on the chair's: a member counts as expected only the
    /// reviewers whose sheets reach them. In séance the count is the jury's.
    func testInSéanceTheSheetsExpectedAreTheJurysOnEveryScreen() {
        var s = DeliberationScenario(reviewers: ["anna", "ben", "dora"], slots: 1)
        for number in 1...2 { s.dossier(number) }
        s.score("anna", 1, 4)
        s.score("ben", 1, 3)
        s.score("dora", 2, 5)   // dora scored only 2, whose sheets ben may not read: he has not scored it
        let allocation = AllocationState.initial(for: s.campaign)
        // What ben's console holds: his sheets, and the others' on the dossiers he has submitted.
        let bens = s.sheets.mapValues { sheets in sheets.filter { $0.key == 1 } }
        let figures = JuryFigures.of(campaign: s.campaign, jury: s.jury, dossiers: s.dossiers, sheets: s.sheets, allocation: allocation,
                                     rapporteurs: [:], resamples: 100)
        let chair = report(s, as: "chair", allocation: allocation)
        let own = DeliberationReport(campaign: s.campaign, jury: s.jury, dossiers: s.dossiers, sheets: bens, viewer: s.jury.member("ben")!,
                                     allocation: allocation, resamples: 100)
        XCTAssertEqual(chair.row(1)?.statistics?.expected, 3)
        XCTAssertEqual(own.row(1)?.statistics?.expected, 2, "outside a séance ben counts only the reviewers he knows of")
        let seance = own.inSeance(figures.disclosed(to: Disclosure(viewer: s.jury.member("ben")!, campaign: s.campaign),
                                                    sheets: bens, allocation: allocation))
        XCTAssertEqual(seance.row(1)?.statistics?.sheetCount, chair.row(1)?.statistics?.sheetCount)
        XCTAssertEqual(seance.row(1)?.statistics?.sheetCount, "2/3")
    }

    func testWhatTravelsToAMemberInConflictNamesNothingOfTheHiddenDossier() throws {
        let s = scenario()
        var allocation = AllocationState.initial(for: s.campaign)
        allocation.laureates = [6]
        allocation.waitlist = [3, 2]
        let anna = s.jury.member("anna")!
        let figures = JuryFigures.of(campaign: s.campaign, jury: s.jury, dossiers: s.dossiers, sheets: s.sheets, allocation: allocation,
                                     rapporteurs: [:], resamples: 50)
            .disclosed(to: Disclosure(viewer: anna, campaign: s.campaign), sheets: s.sheets, allocation: allocation)
        let json = String(decoding: try JSONEncoder().encode(figures), as: UTF8.self)
        XCTAssertFalse(figures.entries.contains { $0.dossier == 3 || $0.tie?.above == 3 })
        XCTAssertFalse(json.contains("\"dossier\":3"), json)
        XCTAssertEqual(figures.hiddenLaureates, 0)
        XCTAssertEqual(figures.entries.first { $0.dossier == 2 }?.waitlistPosition, 2, "the jury's waitlist position")
    }
}
