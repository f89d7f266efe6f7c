import Foundation
import JuryCore
import XCTest
@testable import JuryStore

/// Files survive a load and a save unchanged, including what this build does not understand.
final class RoundTripTests: XCTestCase {
    func testEveryKindOfFileIsRewrittenByteForByte() throws {
        let root = try createdCampaign()
        let files = [CampaignFiles.campaign(root), CampaignFiles.jury(root), CampaignFiles.dossiers(root), CampaignFiles.sheet(root, "alice", 102)]
        let before = files.map(text)
        let store = try CampaignStore.open(root)
        try store.saveCampaign(store.campaign)
        try store.saveDossiers(store.dossiers)
        try store.save(store.sheet(reviewer: "alice", dossier: 102)!)
        var jury = store.jury
        jury.revision = 1
        try store.saveJury(jury)
        let after = files.map(text)
        XCTAssertEqual(after[0], before[0])
        XCTAssertEqual(after[1], before[1].replacingOccurrences(of: "\"revision\" : 1", with: "\"revision\" : 2"))
        XCTAssertEqual(after[2], before[2])
        XCTAssertEqual(after[3], before[3])
    }

    func testOutputIsSortedPrettyAndEndsWithANewline() throws {
        let root = try createdCampaign()
        var campaign = Fixture.campaign()
        campaign.notice = "Voir https://www.economie.gouv.fr/ess"
        try CampaignStore.open(root).saveCampaign(campaign)
        let text = self.text(CampaignFiles.campaign(root))
        XCTAssertTrue(text.hasSuffix("}\n"))
        XCTAssertTrue(text.contains("\"notice\" : \"Voir https://www.economie.gouv.fr/ess\""), "slashes are not escaped")
        let topLevelKeys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        XCTAssertEqual(topLevelKeys, topLevelKeys.sorted())
        XCTAssertEqual(topLevelKeys.first, "call")
    }

    func testUnknownFieldsSurviveAtTopLevelAndNested() throws {
        let root = try createdCampaign()
        let url = CampaignFiles.campaign(root)
        var object = try json(url)
        object["futurReglage"] = ["seuil": 12, "actif": true]
        var criteria = object["criteria"] as! [[String: Any]]
        criteria[1]["aide"] = "Compter les emplois"   // on "impact"
        object["criteria"] = criteria
        try write(object, to: url)

        let store = try CampaignStore.open(root)
        var campaign = store.campaign
        campaign.title = "Nouveau titre"
        campaign.criteria.reverse()   // matched by key, not by position
        campaign.criteria.append(Criterion(key: "innovation", label: "Innovation", description: "", weight: 1, scale: Fixture.scale))
        try store.saveCampaign(campaign)

        let saved = try json(url)
        XCTAssertEqual(saved["title"] as? String, "Nouveau titre")
        XCTAssertEqual((saved["futurReglage"] as? [String: Any])?["seuil"] as? Int, 12)
        let savedCriteria = saved["criteria"] as! [[String: Any]]
        XCTAssertEqual(savedCriteria.map { $0["key"] as? String }, ["impact", "maturite", "innovation"])
        XCTAssertEqual(savedCriteria[0]["aide"] as? String, "Compter les emplois")
        XCTAssertNil(savedCriteria[1]["aide"])
        XCTAssertNil(savedCriteria[2]["aide"])

        // A further save is byte-identical.
        let once = text(url)
        try CampaignStore.open(root).saveCampaign(campaign)
        XCTAssertEqual(text(url), once)
    }

    func testUnknownFieldsFollowTheirDossierAndSheet() throws {
        let root = try createdCampaign()
        let dossiersURL = CampaignFiles.dossiers(root), sheetURL = CampaignFiles.sheet(root, "alice", 101)
        var object = try json(dossiersURL)
        var dossiers = object["dossiers"] as! [[String: Any]]
        dossiers[1]["annotations"] = [["label": "Avis DREETS", "valeur": "favorable"]]
        var budget = dossiers[1]["budget"] as! [String: Any]
        budget["devise"] = "EUR"
        dossiers[1]["budget"] = budget
        object["dossiers"] = dossiers
        try write(object, to: dossiersURL)
        var sheet = try json(sheetURL)
        sheet["tempsPasse"] = 45
        try write(sheet, to: sheetURL)

        let store = try CampaignStore.open(root)
        try store.saveDossiers([Fixture.dossier(100)] + store.dossiers.reversed())
        var edited = store.sheet(reviewer: "alice", dossier: 101)!
        edited.values["impact"] = 2
        try store.save(edited)

        let savedDossiers = try json(dossiersURL)["dossiers"] as! [[String: Any]]
        XCTAssertEqual(savedDossiers.map { $0["number"] as? Int }, [100, 101, 102, 103])
        XCTAssertNotNil(savedDossiers[2]["annotations"])
        XCTAssertEqual((savedDossiers[2]["budget"] as? [String: Any])?["devise"] as? String, "EUR")
        XCTAssertEqual(savedDossiers.filter { $0["annotations"] != nil }.count, 1)
        XCTAssertEqual(try json(sheetURL)["tempsPasse"] as? Int, 45)
        XCTAssertEqual(try json(sheetURL)["values"] as? [String: Int], ["maturite": 3, "impact": 2])
    }

    func testAFieldTheSchemaKnowsIsNotResurrectedWhenCleared() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        var sheet = Fixture.sheet("alice", 101, ["maturite": 3, "impact": 1])
        sheet.comments = ["impact": "à préciser"]
        sheet.recommendation = .favorable
        try store.save(sheet)
        sheet.recommendation = nil
        sheet.values["impact"] = nil
        sheet.comments = [:]
        try store.save(sheet)
        let saved = try json(CampaignFiles.sheet(root, "alice", 101))
        XCTAssertNil(saved["recommendation"])
        XCTAssertEqual(saved["values"] as? [String: Int], ["maturite": 3])
        XCTAssertEqual((saved["comments"] as? [String: Any])?.count, 0)
    }

    func testANullOnDiskIsNotCarriedOver() throws {
        let root = try createdCampaign()
        let url = CampaignFiles.campaign(root)
        var object = try json(url)
        object["notice"] = NSNull()
        try write(object, to: url)
        let store = try CampaignStore.open(root)
        try store.saveCampaign(store.campaign)
        XCTAssertFalse(text(url).contains("notice"))
    }

    func testMergeRules() {
        let old: JSONValue = .object(["a": .integer(1), "x": .string("inconnu"), "list": .array([.object(["v": .integer(1), "y": .bool(true)])])])
        let known: JSONValue = .object(["a": .integer(1), "list": .array([.object(["v": .integer(1)])])])
        // Lists without an identity are matched by position only when the lengths agree.
        let sameLength: JSONValue = .object(["a": .integer(2), "list": .array([.object(["v": .integer(5)])])])
        XCTAssertEqual(sameLength.keepingUnknownFields(of: old, known: known),
                       .object(["a": .integer(2), "x": .string("inconnu"), "list": .array([.object(["v": .integer(5), "y": .bool(true)])])]))
        let longer: JSONValue = .object(["list": .array([.object(["v": .integer(5)]), .object(["v": .integer(6)])])])
        XCTAssertEqual(longer.keepingUnknownFields(of: old, known: known),
                       .object(["x": .string("inconnu"), "list": .array([.object(["v": .integer(5)]), .object(["v": .integer(6)])])]))
    }

    // MARK: - Helpers

    private func json(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    private func write(_ object: [String: Any], to url: URL) throws {
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]).write(to: url)
    }
}
