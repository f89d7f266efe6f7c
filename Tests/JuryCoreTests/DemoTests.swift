import Foundation
import XCTest
import JuryCore
import JuryDemo

/// What a user of the bundled demo and of the synthetic campaigns would notice.
final class DemoTests: XCTestCase {
    private static let demo = DemoCampaign.bundled()

    func testTheDefaultsAreThe2023Call() {
        let campaign = Campaign.ptceDefaults()
        XCTAssertEqual(campaign.problems(), [])
        XCTAssertEqual(campaign.call.closing, Instant("2023-07-31T10:00:00Z"))
        XCTAssertEqual(campaign.funding.slots * campaign.funding.grantPerLaureate, campaign.funding.totalBudget)
        XCTAssertEqual(campaign.criteria.reduce(0) { $0 + $1.weight }, 100)
        for criterion in campaign.criteria {
            XCTAssertEqual(criterion.scale.levels.map(\.value), Array(0...5), criterion.key)
            XCTAssertFalse(criterion.description.isEmpty, criterion.key)
            XCTAssertNotNil(criterion.labelEn, criterion.key)
        }
        XCTAssertNil(campaign.demo)
    }

    func testBundledDemoHas72DossiersOverAll18Regions() {
        let demo = Self.demo
        XCTAssertEqual(demo.dossiers.count, 72)
        XCTAssertTrue(demo.campaign.isDemo)
        XCTAssertTrue(demo.campaign.notice?.contains("fictifs") ?? false)
        XCTAssertEqual(Set(demo.dossiers.map(\.address.region)), Set(Regions.all))
        let numbers = demo.dossiers.map(\.number)
        XCTAssertEqual(numbers.first, 13_004_512)
        XCTAssertEqual(numbers, numbers.sorted())
        XCTAssertEqual(Set(numbers).count, numbers.count)
        XCTAssertEqual(Set(demo.dossiers.map(\.name)).count, 72, "every pole has its own name")
        XCTAssertGreaterThanOrEqual(Set(demo.dossiers.map(\.sector)).count, 10)
        XCTAssertEqual(Set(demo.dossiers.map(\.territory)), Set(TerritoryType.allCases))
    }

    func testEveryCommuneCodeBelongsToItsDepartmentAndRegion() {
        let overseas = ["971": "01", "972": "02", "973": "03", "974": "04", "976": "06"]
        for dossier in Self.demo.dossiers {
            let address = dossier.address
            XCTAssertEqual(address.communeCode.count, 5, address.commune)
            XCTAssertTrue(address.communeCode.hasPrefix(address.department.code), address.commune)
            if let region = overseas[address.department.code] { XCTAssertEqual(address.region.code, region, address.commune) }
            XCTAssertEqual(Regions.named(code: address.region.code), address.region)
        }
    }

    func testExactlyTheIntendedDossiersAreIneligibleEachForOneHonestReason() {
        let demo = Self.demo
        let failures = demo.dossiers.compactMap { dossier -> (Dossier, EligibilityCheck)? in
            let verdict = Eligibility.evaluate(dossier, in: demo.campaign)
            guard !verdict.isEligible else { return nil }
            XCTAssertEqual(verdict.failures.count, 1, "\(dossier.number) fails for one reason only")
            return (dossier, verdict.failures[0])
        }
        XCTAssertEqual(failures.map(\.1.rule.rawValue).sorted(),
                       ["composition", "composition", "depot-dans-les-delais", "laureat-phase-1", "montant-demande"])
        let reasons = failures.map(\.1.reason.fr)
        XCTAssertTrue(reasons.contains { $0.contains("aucune entreprise hors ESS") && !$0.contains("au lieu d’au moins 3") })
        XCTAssertTrue(reasons.contains { $0.contains("2 membres au lieu d’au moins 3") })
        XCTAssertTrue(failures.contains { $0.0.budget.requested == 120_000 })
        XCTAssertTrue(failures.contains { $0.0.filedAt == Instant("2023-07-31T14:03:00+02:00") })
        XCTAssertTrue(failures.contains { $0.0.phase1Year == nil })
    }

    func testEveryDossierIsValidAndAddsUp() {
        let demo = Self.demo
        XCTAssertEqual(demo.campaign.problems(), [])
        for (i, dossier) in demo.dossiers.enumerated() {
            XCTAssertEqual(dossier.problems(at: i), [])
            let budget = dossier.budget
            XCTAssertEqual(budget.requested + budget.cofinancing.reduce(0) { $0 + $1.amount }, budget.total, "\(dossier.number)")
            XCTAssertTrue(budget.cofinancing.allSatisfy { $0.amount > 0 }, "\(dossier.number)")
            XCTAssertTrue((180_000...600_000).contains(budget.total), "\(dossier.number)")
            XCTAssertTrue(dossier.members.count == 2 || (5...25).contains(dossier.members.count), "\(dossier.number)")
            XCTAssertEqual(Set(dossier.members.map(\.name)).count, dossier.members.count, "\(dossier.number) names each member once")
            XCTAssertGreaterThan(dossier.jobs, 0)
            XCTAssertFalse(dossier.attachments.isEmpty)
            let filed = dossier.filedAt ?? demo.campaign.call.opening
            XCTAssertTrue(filed >= demo.campaign.call.opening && filed <= Instant("2023-07-31T14:03:00+02:00")!, "\(dossier.number)")
            XCTAssertTrue(dossier.creationYear < dossier.phase1Year ?? 2024)
        }
        XCTAssertGreaterThan(demo.dossiers.filter { $0.state == .enInstruction }.count, 60)
    }

    func testNarrativesReadLikeApplicationsInFrench() {
        for dossier in Self.demo.dossiers {
            for (key, text) in dossier.narrative.sections {
                let paragraphs = text.components(separatedBy: "\n\n")
                XCTAssertTrue((2...5).contains(paragraphs.count), "\(dossier.number) \(key)")
                XCTAssertTrue(paragraphs.allSatisfy { $0.count > 150 && $0.hasSuffix(".") }, "\(dossier.number) \(key)")
                XCTAssertFalse(text.contains("'"), "typographic apostrophes only")
                XCTAssertFalse(text.contains("  "))
                XCTAssertFalse(text.contains(" :") || text.contains(" ;") || text.contains("« ") || text.contains(" »"),
                               "no-break spaces where French typography wants them")
            }
            XCTAssertTrue(dossier.narrative.presentation.contains(dossier.address.commune))
        }
        let all = Self.demo.dossiers.map { $0.narrative.sections.map(\.text).joined() }
        XCTAssertTrue(all.contains { $0.contains("œ") } && all.contains { $0.contains("«\u{00A0}") })
    }

    func testJuryHasAChairFiveReviewersAndDeclaredConflicts() {
        let jury = Self.demo.jury
        XCTAssertEqual(jury.problems(), [])
        XCTAssertEqual(jury.member("presidence")?.role, .chair)
        XCTAssertEqual(jury.reviewers.count, 5)
        let conflicts = jury.members.flatMap(\.conflicts)
        XCTAssertTrue((2...3).contains(conflicts.count))
        XCTAssertTrue(conflicts.allSatisfy { !$0.reason.isEmpty && Self.demo.dossiers.map(\.number).contains($0.dossier) })
    }

    func testSheetsFitTheGridAndShowEveryStageOfReview() throws {
        let demo = Self.demo, grid = demo.campaign.criteria
        for sheet in demo.sheets {
            XCTAssertEqual(sheet.problems(grid: grid), [])
            let reviewer = try XCTUnwrap(demo.jury.member(sheet.reviewer))
            XCTAssertFalse(reviewer.isConflicted(on: sheet.dossier), "no sheet on a declared conflict")
            XCTAssertTrue(sheet.createdAt.text.hasPrefix("2023-09") || sheet.createdAt.text.hasPrefix("2023-10"))
            XCTAssertTrue(sheet.updatedAt >= sheet.createdAt && sheet.updatedAt < Instant("2023-10-17T00:00:00+02:00")!)
            if sheet.status == .submitted {
                XCTAssertTrue(sheet.isComplete(in: grid))
                XCTAssertEqual(sheet.submittedAt, sheet.updatedAt)
                XCTAssertEqual(Set(sheet.comments.keys), Set(grid.map(\.key)))
                XCTAssertFalse(sheet.overall.isEmpty)
            } else {
                XCTAssertFalse(sheet.isComplete(in: grid), "drafts are partial")
            }
        }
        let pairs = Set(demo.sheets.map { "\($0.dossier) \($0.reviewer)" })
        XCTAssertEqual(pairs.count, demo.sheets.count, "one sheet per reviewer and dossier")
        for reviewer in demo.jury.reviewers {
            let progress = demo.dossiers.map { dossier in
                ReviewProgress(demo.sheets.first { $0.dossier == dossier.number && $0.reviewer == reviewer.login })
            }
            XCTAssertEqual(Set(progress), Set(ReviewProgress.allCases), "\(reviewer.login) has sheets à noter, en brouillon et soumises")
        }
        XCTAssertGreaterThan(demo.sheets.count, 72)
        XCTAssertLessThan(demo.sheets.count, 72 * 3 * 2 / 3, "many sheets are still missing")
    }

    func testOneReviewerIsHarshAndOneLenient() {
        let demo = Self.demo
        func mean(_ login: String) -> Double {
            let totals = demo.sheets.filter { $0.reviewer == login && $0.status == .submitted }
                .compactMap { $0.weightedTotal(in: demo.campaign.criteria) }
            return totals.reduce(0, +) / Double(totals.count)
        }
        XCTAssertGreaterThan(mean("bkeita") - mean("cleroux"), 1)
    }

    func testEverySiretPassesTheLuhnCheck() {
        for dossier in Self.demo.dossiers + SyntheticCampaign.generate(dossiers: 300, reviewers: 4, seed: 9).dossiers {
            let sirets = [dossier.structure.siret] + dossier.members.compactMap(\.siret)
            for siret in sirets {
                XCTAssertTrue(siret.count == 14 && Self.luhn(siret) && Self.luhn(String(siret.prefix(9))), siret)
            }
            if dossier.structure.legalForm == "Association loi 1901" {
                let rna = dossier.structure.rna ?? ""
                XCTAssertTrue(rna.count == 10 && rna.hasPrefix("W") && rna.dropFirst().allSatisfy(\.isASCII) && Int(rna.dropFirst()) != nil, rna)
            } else {
                XCTAssertNil(dossier.structure.rna)
            }
        }
    }

    func testGenerationIsDeterministic() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let again = DemoCampaign.bundled()
        XCTAssertEqual(again, Self.demo)
        XCTAssertEqual(try encoder.encode(again.dossiers), try encoder.encode(Self.demo.dossiers))
        XCTAssertEqual(try encoder.encode(again.sheets), try encoder.encode(Self.demo.sheets))
        let first = SyntheticCampaign.generate(dossiers: 50, reviewers: 6, seed: 42)
        XCTAssertEqual(first, SyntheticCampaign.generate(dossiers: 50, reviewers: 6, seed: 42))
        XCTAssertNotEqual(first.dossiers, SyntheticCampaign.generate(dossiers: 50, reviewers: 6, seed: 43).dossiers)
        XCTAssertEqual(HostileDossier.make(number: 7), HostileDossier.make(number: 7))
    }

    func testSyntheticCampaignHasTheDemoShapeAtAnySize() {
        let synthetic = SyntheticCampaign.generate(dossiers: 400, reviewers: 7, seed: 1)
        XCTAssertFalse(synthetic.campaign.isDemo)
        XCTAssertEqual(synthetic.dossiers.count, 400)
        XCTAssertEqual(synthetic.jury.reviewers.count, 7)
        XCTAssertEqual(synthetic.jury.problems(), [])
        let numbers = synthetic.dossiers.map(\.number)
        XCTAssertEqual(numbers, numbers.sorted())
        XCTAssertEqual(Set(numbers).count, 400)
        for (i, dossier) in synthetic.dossiers.enumerated() { XCTAssertEqual(dossier.problems(at: i), []) }
        let narrative = synthetic.dossiers.map { $0.narrative.sections.reduce(0) { $0 + $1.text.utf8.count } }
        XCTAssertTrue((2_400...4_000).contains(narrative.reduce(0, +) / narrative.count), "about 3 KB a dossier")

        let perDossier = Dictionary(grouping: synthetic.sheets, by: \.dossier)
        XCTAssertTrue(perDossier.values.allSatisfy { $0.count <= 3 })
        let share = Double(synthetic.sheets.count) / Double(400 * 3)
        XCTAssertTrue((0.5...0.7).contains(share), "about 60 % of assignments have a sheet, \(share)")
        XCTAssertGreaterThan(synthetic.sheets.filter { $0.status == .submitted }.count, synthetic.sheets.count * 3 / 4)
        for sheet in synthetic.sheets { XCTAssertEqual(sheet.problems(grid: synthetic.campaign.criteria), []) }
        let ineligible = synthetic.dossiers.filter { !Eligibility.evaluate($0, in: synthetic.campaign).isEligible }
        XCTAssertTrue((10...50).contains(ineligible.count))

        XCTAssertTrue(SyntheticCampaign.generate(dossiers: 0, reviewers: 0, seed: 1).sheets.isEmpty)
        let tiny = SyntheticCampaign.generate(dossiers: 10, reviewers: 2, seed: 1)
        XCTAssertTrue(Dictionary(grouping: tiny.sheets, by: \.dossier).values.allSatisfy { $0.count <= 2 })
    }

    func testHostileDossierCarriesDangerousTextThatTheSanitizerDefuses() throws {
        let hostile = HostileDossier.make(number: 13_999_999)
        XCTAssertEqual(hostile.problems(at: 0), [])
        let texts = [hostile.name, hostile.structure.raisonSociale, hostile.address.commune, hostile.sector]
            + hostile.members.map(\.name) + hostile.budget.cofinancing.map(\.source) + hostile.attachments.map(\.name)
            + hostile.narrative.sections.map(\.text)
        let scalars = Set(texts.flatMap(\.unicodeScalars).map(\.value))
        for dangerous: UInt32 in [0x1B, 0x07, 0x08, 0x0D, 0x09, 0x85, 0x9B, 0x202E, 0x2066, 0x2069, 0x200F] {
            XCTAssertTrue(scalars.contains(dangerous), String(dangerous, radix: 16))
        }
        for tricky: UInt32 in [0x200B, 0x200D, 0xFEFF, 0x0301, 0x65E5, 0x1F30B] {
            XCTAssertTrue(scalars.contains(tricky), String(tricky, radix: 16))
        }
        XCTAssertTrue(texts.contains { $0.contains("\u{1B}[2J") && $0.contains("\u{1B}]0;") })
        XCTAssertTrue(hostile.narrative.presentation.split(whereSeparator: \.isWhitespace).contains { $0.count >= 300 })
        XCTAssertGreaterThan(hostile.name.count, 200)

        let safe = hostile.sanitized()
        let safeTexts = [safe.name, safe.structure.raisonSociale, safe.address.commune, safe.sector]
            + safe.members.map(\.name) + safe.budget.cofinancing.map(\.source) + safe.attachments.map(\.name)
            + safe.narrative.sections.map(\.text)
        XCTAssertFalse(safeTexts.contains { $0.unicodeScalars.contains { $0 != "\n" && Sanitizer.isUnsafe($0) } })
        XCTAssertTrue(safe.members[0].name.contains("日本語") && safe.members[1].name.unicodeScalars.contains("\u{301}"))
    }

    /// Luhn, written here independently of the generator, as INSEE checks SIREN and SIRET.
    private static func luhn(_ digits: String) -> Bool {
        let values = digits.compactMap(\.wholeNumberValue)
        guard values.count == digits.count else { return false }
        let sum = values.reversed().enumerated().reduce(0) { sum, pair in
            let doubled = pair.offset % 2 == 1 ? pair.element * 2 : pair.element
            return sum + (doubled > 9 ? doubled - 9 : doubled)
        }
        return sum % 10 == 0
    }
}
