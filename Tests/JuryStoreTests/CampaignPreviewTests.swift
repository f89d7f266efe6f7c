import Foundation
import JuryCore
import XCTest
@testable import JuryStore

/// The console's first frame of a large campaign comes from this preview: it must show what the
/// whole campaign will show, hide at least every conflicted dossier, and give up rather than guess.
final class CampaignPreviewTests: XCTestCase {
    func testThePreviewHoldsTheFirstDossiersAndMySheetsOnThemAsTheStoreReadsThem() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        let preview = try XCTUnwrap(CampaignPreview.read(root, login: "alice", dossiers: 2, worthwhile: 0))
        XCTAssertEqual(preview.dossiers, Array(store.dossiers.prefix(2)))
        XCTAssertEqual(preview.sheets, store.sheets["alice"])
        XCTAssertEqual(preview.campaign, store.campaign)
        // Bob's conflict on 103 (jury.json) and the one he declares himself on 102 are both hidden.
        try store.act(as: "bob")
        try store.declareConflict(dossier: 102, reason: "salarié")
        let bobs = try XCTUnwrap(CampaignPreview.read(root, login: "bob", worthwhile: 0))
        XCTAssertEqual(bobs.dossiers.map(\.number), [101])
        XCTAssertEqual(bobs.sheets.keys.sorted(), [101])
    }

    func testNoPreviewForASmallCampaignAStrangerOrAFileThatDoesNotReadCleanly() throws {
        let root = try createdCampaign()
        XCTAssertNil(CampaignPreview.read(root, login: "alice"), "3 dossiers are read whole at once")
        XCTAssertNil(CampaignPreview.read(root, login: "mallory", worthwhile: 0))
        let dossiers = CampaignFiles.dossiers(root)
        write(text(dossiers).replacingOccurrences(of: "\"PTCE n° 101\"", with: "101"), to: dossiers)
        XCTAssertNil(CampaignPreview.read(root, login: "alice", dossiers: 1, worthwhile: 0))
    }
}
