import Foundation
import JuryCore
@testable import JuryImport
import JuryStore
import XCTest

/// The campaign's life: import, the jury scores, the platform's data change, import again.
final class ReimportTests: XCTestCase {
    private func importFiles(_ files: [URL], into root: URL, dryRun: Bool = false) throws -> ImportReport {
        let store = try CampaignStore.open(root)
        let plan = try DossierImport().plan(files, existing: store.dossiers)
        return dryRun ? plan.report : try plan.save(to: store)
    }

    func testReimportingUpdatesTheDossiersAndKeepsEveryScore() throws {
        let directory = scratchDirectory()
        let root = try emptyCampaign(in: directory)
        let first = try importFiles([file("page-1.json", DS.page1, in: directory), file("page-2.json", DS.page2, in: directory)], into: root)
        XCTAssertEqual(first.created, [101, 102, 103])
        XCTAssertTrue(first.written)

        // Alice scores two dossiers; her sheets are files of their own.
        let store = try CampaignStore.open(root)
        let grid = store.campaign.criteria
        for number in [101, 103] {
            var sheet = ScoreSheet(dossier: number, reviewer: "alice", at: Instant("2023-09-15T10:00:00+02:00")!)
            for criterion in grid { try sheet.apply(.setValue(criterion: criterion.key, value: 4), grid: grid, at: sheet.updatedAt) }
            sheet.overall = "Pôle solide."
            try store.save(sheet)
        }
        let sheetFiles = [101, 103].map { CampaignFiles.sheet(root, "alice", $0) }
        let sheetsBefore = try sheetFiles.map { try Data(contentsOf: $0) }

        // On the platform: 101 lowers its request and gains a member, 103 is gone from the export, 104 is new.
        let changed = DS.page1
            .replacingOccurrences(of: #""stringValue": "100 000 €", "value": "100 000 €""#, with: #""stringValue": "95 000 €", "value": "95 000 €""#)
            .replacingOccurrences(of: #"{"id": "Um93LTM=", "champs": ["#, with: #"""
                {"id": "Um93LTk=", "champs": [
                  {"__typename": "TextChamp", "id": "Q2hhbXAtMTAxOQ==", "label": "Nom de la structure membre", "stringValue": "IUT de Nantes"},
                  {"__typename": "DropDownListChamp", "id": "Q2hhbXAtMTAyMA==", "label": "Catégorie de membre",
                   "stringValue": "Établissement d’enseignement ou de formation"}
                ]},
                {"id": "Um93LTM=", "champs": [
                """#)
        let withoutAteliers = DS.page2.replacingOccurrences(of: #""number": 103,"#, with: #""number": 104,"#)
        let second = try importFiles([file("page-1.json", changed, in: directory), file("page-2.json", withoutAteliers, in: directory)],
                                     into: root)

        XCTAssertEqual(second.created, [104])
        XCTAssertEqual(second.updated, [.init(number: 101, fields: ["membres", "budget"])])
        XCTAssertEqual(second.unchanged, [102])
        XCTAssertEqual(second.vanished, [103], "reported, not deleted")
        XCTAssertTrue(second.written)

        let reopened = try CampaignStore.open(root)
        XCTAssertEqual(reopened.dossiers.map(\.number), [101, 102, 103, 104], "nothing duplicated, nothing lost")
        let updated = try XCTUnwrap(reopened.dossiers.first { $0.number == 101 })
        XCTAssertEqual(updated.budget.requested, 95_000)
        XCTAssertEqual(updated.members.count, 4)
        XCTAssertEqual(updated.members[2], Member(name: "IUT de Nantes", category: .formation))
        XCTAssertEqual(try sheetFiles.map { try Data(contentsOf: $0) }, sheetsBefore, "score sheets untouched, byte for byte")
        XCTAssertEqual(reopened.sheet(reviewer: "alice", dossier: 103)?.overall, "Pôle solide.", "the vanished dossier keeps its sheet")
        XCTAssertEqual(reopened.sheet(reviewer: "alice", dossier: 101)?.values.count, grid.count)

        // The same export once more changes nothing and writes nothing.
        let before = snapshot(root)
        let third = try importFiles([file("page-1.json", changed, in: directory), file("page-2.json", withoutAteliers, in: directory)],
                                    into: root)
        XCTAssertEqual(third.unchanged, [101, 102, 104])
        XCTAssertFalse(third.written)
        XCTAssertEqual(snapshot(root), before)
    }

    func testADryRunWritesNothing() throws {
        let directory = scratchDirectory()
        let root = try emptyCampaign(in: directory)
        let before = snapshot(root)
        let report = try importFiles([file("page-1.json", DS.page1, in: directory)], into: root, dryRun: true)
        XCTAssertEqual(report.created, [101])
        XCTAssertFalse(report.written)
        XCTAssertEqual(snapshot(root), before)
    }

    func testBadInputLeavesTheCampaignByteIdentical() throws {
        let directory = scratchDirectory()
        let root = try emptyCampaign(in: directory)
        _ = try importFiles([file("page-1.json", DS.page1, in: directory)], into: root)
        let before = snapshot(root)
        // A good page and a broken one: neither is imported.
        XCTAssertThrowsError(try importFiles([file("page-2.json", DS.page2, in: directory), file("page-3.json", "{\"data\": ", in: directory)],
                                             into: root)) { error in
            XCTAssertTrue("\(error)".contains("page-3.json:1:10:"), "\(error)")
        }
        XCTAssertEqual(snapshot(root), before)
    }

    func testSpreadsheetAndAPIExportsOfOneDossierAgree() throws {
        // The ministry may start from a spreadsheet and go on with the API: same numbers, same dossiers.
        let directory = scratchDirectory()
        let root = try emptyCampaign(in: directory)
        let csv = DS.csv.replacingOccurrences(of: "\n201,", with: "\n101,").replacingOccurrences(of: "\n202,", with: "\n102,")
        let members = DS.membersCSV.replacingOccurrences(of: "\n201,", with: "\n101,").replacingOccurrences(of: "\n202,", with: "\n102,")
        let fromSheet = try importFiles([file("dossiers.csv", csv, in: directory), file("membres.csv", members, in: directory)], into: root)
        XCTAssertEqual(fromSheet.created, [101, 102])
        let fromAPI = try importFiles([file("page-1.json", DS.page1, in: directory), file("page-2.json", DS.page2, in: directory)], into: root)
        XCTAssertEqual(fromAPI.created, [103])
        XCTAssertEqual(fromAPI.updated.map(\.number), [101, 102])
        XCTAssertEqual(try CampaignStore.open(root).dossiers.map(\.number), [101, 102, 103])
    }
}
