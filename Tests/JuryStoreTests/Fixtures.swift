import Foundation
import JuryCore
import XCTest
@testable import JuryStore

/// A small valid campaign, built here so that these tests depend on nothing but the model.
enum Fixture {
    static let scale = Scale(min: 0, max: 4, levels: (0...4).map { Level(value: $0, label: "niveau \($0)") })
    static let grid = [
        Criterion(key: "maturite", label: "Maturité de la coopération", description: "Ancienneté", weight: 2, scale: scale),
        Criterion(key: "impact", label: "Impact", description: "Emplois non délocalisables", weight: 1, scale: scale),
    ]
    static let now = Instant("2023-09-15T10:00:00+02:00")!

    static func campaign(demo: Bool? = nil) -> Campaign {
        Campaign(title: "AMI PTCE — essai", demo: demo,
                 call: CallPeriod(opening: Instant("2023-06-01T00:00:00+02:00")!, closing: Instant("2023-07-31T12:00:00+02:00")!),
                 funding: Funding(slots: 2, grantPerLaureate: 100_000, durationMonths: 24, totalBudget: 200_000),
                 criteria: grid, constraints: AllocationConstraints(maxPerRegion: 1))
    }

    static func jury() -> Jury {
        Jury(members: [JuryMember(login: "presidente", name: "Claire Martin", role: .chair),
                       JuryMember(login: "alice", name: "Alice Durand", role: .reviewer),
                       JuryMember(login: "bob", name: "Bob Leroy", role: .reviewer,
                                  conflicts: [ConflictOfInterest(dossier: 103, reason: "administrateur")])])
    }

    static func dossier(_ number: Int) -> Dossier {
        Dossier(number: number, name: "PTCE n° \(number)",
                structure: CarryingStructure(raisonSociale: "Association \(number)", siret: "12345678900012", legalForm: "Association loi 1901"),
                address: Address(commune: "Nantes", communeCode: "44109", department: Area(code: "44", name: "Loire-Atlantique"),
                                 region: Area(code: "52", name: "Pays de la Loire")),
                territory: .urbain, creationYear: 2018, phase1Year: 2021, sector: "Réemploi",
                members: [Member(name: "Ressourcerie", category: .entrepriseESS), Member(name: "Garage", category: .entrepriseHorsESS),
                          Member(name: "Commune", category: .collectivite)],
                jobs: 4.5, budget: Budget(total: 250_000, requested: 100_000, cofinancing: [CofinancingLine(source: "Région", amount: 50_000)]),
                narrative: Narrative(presentation: "Présentation", cooperation: "Coopération", economicModel: "Modèle",
                                     animation: "Animation", impact: "Impact", scaling: "Changement d’échelle"),
                attachments: [Attachment(name: "statuts.pdf", size: 120_000)], state: .enInstruction,
                filedAt: Instant("2023-07-20T09:30:00+02:00"))
    }

    static func sheet(_ reviewer: String, _ dossier: Int, _ values: [String: Int] = ["maturite": 3]) -> ScoreSheet {
        var sheet = ScoreSheet(dossier: dossier, reviewer: reviewer, at: now)
        sheet.values = values
        sheet.overall = "Avis de \(reviewer)"
        return sheet
    }

    /// 101, 102, 103; alice scored 101 and 102, bob 101.
    static func create(at root: URL, demo: Bool? = nil) throws {
        try CampaignStore.create(at: root, campaign: campaign(demo: demo), jury: jury(), dossiers: [101, 102, 103].map(dossier),
                                 sheets: [sheet("alice", 101), sheet("alice", 102, ["maturite": 4, "impact": 1]), sheet("bob", 101)])
    }
}

extension XCTestCase {
    /// A fresh directory, removed when the test ends.
    func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "jury-store-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// A campaign created by the store, ready to open.
    func createdCampaign(demo: Bool? = nil) throws -> URL {
        let root = temporaryDirectory().appending(path: "campagne")
        try Fixture.create(at: root, demo: demo)
        return root
    }

    func write(_ text: String, to url: URL) {
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: url)
    }

    func text(_ url: URL) -> String { String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self) }

    /// The problems of a failed open, as printed.
    func openFailure(_ root: URL, file: StaticString = #filePath, line: UInt = #line) -> [StoreProblem] {
        do {
            _ = try CampaignStore.open(root)
            XCTFail("the campaign should not open", file: file, line: line)
            return []
        } catch {
            return error.problems
        }
    }
}

/// Tests that break one file of a campaign the store created, then read what opening it says.
class BrokenCampaignTestCase: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = try createdCampaign()
    }

    var campaignFile: URL { CampaignFiles.campaign(root) }
    var dossiersFile: URL { CampaignFiles.dossiers(root) }
    var sheetFile: URL { CampaignFiles.sheet(root, "alice", 101) }

    /// dossiers.json with a change to dossier 103 (dossiers[2]), on which nobody has a sheet.
    func dossiersJSON(_ replacing: (inout [String: Any]) -> Void) -> String {
        let object = try! JSONSerialization.jsonObject(with: Data(contentsOf: dossiersFile)) as! [String: Any]
        var dossiers = object["dossiers"] as! [[String: Any]]
        replacing(&dossiers[2])
        let data = try! JSONSerialization.data(withJSONObject: ["schemaVersion": 1, "dossiers": dossiers])
        return String(decoding: data, as: UTF8.self)
    }
}
