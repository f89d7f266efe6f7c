import XCTest
@testable import JuryCore

final class EligibilityTests: XCTestCase {
    func testCompleteDossierIsEligibleWithReadableReasons() {
        let verdict = Eligibility.evaluate(Fixture.dossier(), in: Fixture.campaign())
        XCTAssertTrue(verdict.isEligible)
        XCTAssertEqual(verdict.checks.map(\.rule), [.composition, .phase1Laureate, .amountRequested, .filedInTime])
        XCTAssertEqual(verdict.checks[0].reason.fr, "Composition conforme au décret 2015-431 (3 membres : 1 ESS, 1 hors ESS, 1 autre acteur)")
        XCTAssertEqual(verdict.checks[2].reason.fr, "Montant demandé 100\u{A0}000\u{A0}€ ≤ 100\u{A0}000\u{A0}€")
        XCTAssertEqual(verdict.checks[3].reason.fr, "Déposé le 30/07/2023 18:00, avant la clôture")
    }

    func testCompositionFloorNamesEveryMissingKind() {
        let verdict = Eligibility.evaluate(Fixture.dossier(members: [.entrepriseESS, .entrepriseESS]), in: Fixture.campaign())
        XCTAssertFalse(verdict.isEligible)
        XCTAssertEqual(verdict.failures.map(\.rule), [.composition])
        XCTAssertEqual(verdict.failures[0].reason.fr, "Composition non conforme au décret 2015-431 : 2 membres au lieu d’au moins 3, "
            + "aucune entreprise hors ESS, aucun autre acteur (collectivité, recherche, formation, association…)")
    }

    func testThreeMembersButNoOtherActorFails() {
        let verdict = Eligibility.evaluate(Fixture.dossier(members: [.entrepriseESS, .entrepriseHorsESS, .entrepriseHorsESS]),
                                           in: Fixture.campaign())
        XCTAssertEqual(verdict.failures.map(\.rule), [.composition])
    }

    func testEveryOtherActorCategoryCounts() {
        for category in [MemberCategory.collectivite, .recherche, .formation, .association, .autre] {
            let verdict = Eligibility.evaluate(Fixture.dossier(members: [.entrepriseESS, .entrepriseHorsESS, category]),
                                               in: Fixture.campaign())
            XCTAssertTrue(verdict.isEligible, "\(category)")
        }
    }

    func testNotAPhase1Laureate() {
        let verdict = Eligibility.evaluate(Fixture.dossier(phase1Year: nil), in: Fixture.campaign())
        XCTAssertEqual(verdict.failures.map(\.reason.en), ["Not a laureate of phase 1 of the call"])
    }

    func testAmountAboveTheGrant() {
        let verdict = Eligibility.evaluate(Fixture.dossier(requested: 120_000), in: Fixture.campaign())
        XCTAssertEqual(verdict.failures.map(\.reason.fr), ["Montant demandé 120\u{A0}000\u{A0}€ supérieur à la subvention de 100\u{A0}000\u{A0}€"])
    }

    func testClosingIsNoonParisTime() {
        let onTime = Eligibility.evaluate(Fixture.dossier(filedAt: "2023-07-31T10:00:00Z"), in: Fixture.campaign())
        XCTAssertTrue(onTime.isEligible, "noon Paris is 10:00 UTC in summer")
        let late = Eligibility.evaluate(Fixture.dossier(filedAt: "2023-07-31T12:00:01+02:00"), in: Fixture.campaign())
        XCTAssertEqual(late.failures.map(\.reason.fr), ["Déposé le 31/07/2023 12:00, après la clôture du 31/07/2023 12:00"])
        let unfiled = Eligibility.evaluate(Fixture.dossier(filedAt: nil), in: Fixture.campaign())
        XCTAssertEqual(unfiled.failures.map(\.rule), [.filedInTime])
    }
}
