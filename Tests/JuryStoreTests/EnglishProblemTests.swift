import Foundation
import JuryCore
import XCTest
@testable import JuryStore

/// Every problem the store reports exists in English too, placed the same way: a member who reads
/// English (`--lang en`) is never handed the French sentence, nor an empty one.
final class EnglishProblemTests: BrokenCampaignTestCase {
    /// The problems of opening the campaign once `file` holds `content`; the file is put back after.
    private func problems(_ content: String, in file: URL, line: UInt = #line) -> [StoreProblem] {
        let original = try? Data(contentsOf: file)
        defer { if let original { try? original.write(to: file) } }
        write(content, to: file)
        return openFailure(root, line: line)
    }

    /// An English sentence: not empty, not the French one, without French quotation marks.
    private func assertEnglish(_ problems: [StoreProblem], _ context: String, line: UInt = #line) {
        XCTAssertFalse(problems.isEmpty, context, line: line)
        for problem in problems {
            XCTAssertFalse(problem.message.en.isEmpty, "\(context): \(problem)", line: line)
            XCTAssertNotEqual(problem.message.en, problem.message.fr, "\(context): \(problem)", line: line)
            XCTAssertFalse(problem.message.en.contains("«"), "\(context): \(problem.message.en)", line: line)
        }
    }

    func testEveryWayAFileCanBeWrongIsSaidInEnglish() throws {
        let sheet = text(sheetFile), campaign = text(campaignFile)
        let cases: [(String, String, URL)] = [
            ("empty", "", campaignFile),
            ("truncated", "{\n  \"title\": \"Été", campaignFile),
            ("syntax", "{\"title\": \"a\" \"b\": 1}", campaignFile),
            ("raw control character", "{\"title\": \"a\u{1}b\"}", campaignFile),
            ("end of line in a string", "{\n  \"title\": \"a,\n  \"demo\": true\n}", campaignFile),
            ("number too large", "{\"schemaVersion\": 1, \"weight\": 1e400}", campaignFile),
            ("leading zero", "{\"schemaVersion\": 01}", campaignFile),
            ("bad escape", "{\"title\": \"\\q\"}", campaignFile),
            ("top-level type", "[]", campaignFile),
            ("schema version", "{\"schemaVersion\": 7}", campaignFile),
            ("campaign values", campaign.replacingOccurrences(of: "\"slots\" : 2", with: "\"slots\" : 0"), campaignFile),
            ("unknown rule", campaign.replacingOccurrences(of: "\"constraints\" : {", with: "\"constraints\" : {\"minPerRegion\": 1,"),
             campaignFile),
            ("wrong type", dossiersJSON { $0["budget"] = ["total": 1, "requested": "beaucoup", "cofinancing": []] }, dossiersFile),
            ("fraction", dossiersJSON { $0["creationYear"] = 2018.5 }, dossiersFile),
            ("missing field", dossiersJSON { $0["name"] = nil }, dossiersFile),
            ("null", dossiersJSON { $0["jobs"] = NSNull() }, dossiersFile),
            ("unknown value", dossiersJSON { $0["state"] = "perdu" }, dossiersFile),
            ("bad date", dossiersJSON { $0["filedAt"] = "31/07/2023" }, dossiersFile),
            ("duplicate number", dossiersJSON { $0["number"] = 101 }, dossiersFile),
            ("dossier values", dossiersJSON { $0["number"] = -1; $0["name"] = ""; $0["jobs"] = -2 }, dossiersFile),
            ("value off the scale", sheet.replacingOccurrences(of: "\"maturite\" : 3", with: "\"maturite\" : 9"), sheetFile),
            ("unknown criterion", sheet.replacingOccurrences(of: "\"maturite\" : 3", with: "\"inconnu\" : 3"), sheetFile),
            ("oversized", sheet + String(repeating: " ", count: CampaignFiles.maxSheetBytes), sheetFile),
        ]
        for (name, content, file) in cases { assertEnglish(problems(content, in: file), name) }
        var bytes = Array("{\"title\": \"É\"}".utf8)
        bytes[bytes.firstIndex(of: 0xC3)!] = 0xFF
        try Data(bytes).write(to: campaignFile)
        assertEnglish(openFailure(root), "invalid UTF-8")
    }

    func testTheEnglishKeepsThePlaceAndNamesWhatWasFound() {
        let truncated = problems("{\n  \"schemaVersion\": 1,\n  \"title\": \"Été", in: campaignFile)
        XCTAssertEqual(truncated.map { $0.text(.en) }, ["\(campaignFile.relativePath):3:16: unexpected end of file: the file is truncated "
                                                        + "or a brace, a bracket or a quote is not closed"])
        let found = problems(text(sheetFile) + String(repeating: " ", count: CampaignFiles.maxSheetBytes), in: sheetFile)
        let size = CampaignFiles.maxSheetBytes + text(sheetFile).utf8.count
        XCTAssertEqual(found.map { $0.text(.en) }, ["\(sheetFile.relativePath): file too large: 1.0 MiB (\(size) bytes) for a limit of 1 MiB"])
        XCTAssertEqual(found.map { $0.text(.fr) }, ["\(sheetFile.relativePath): fichier trop volumineux : 1,0 Mio (\(size) octets) pour une limite de 1 Mio"])
    }

    func testARefusedChangeIsSaidInEnglish() throws {
        let store = try CampaignStore.open(root)
        XCTAssertThrowsError(try store.saveAllocation(try store.loadAllocation(), expectedRevision: 0, by: "alice")) { error in
            let failure = error as? StoreFailure
            XCTAssertEqual(failure?.text(.en), "\(CampaignFiles.allocation(root).relativePath): "
                           + "only the jury’s chair may change the allocation (“alice” does not hold it)")
            XCTAssertEqual(failure?.description, failure?.text(.fr), "logs keep the French")
        }
        XCTAssertThrowsError(try store.recordConflict(of: "nobody", dossier: 101, reason: "x")) { error in
            assertEnglish((error as? StoreFailure)?.problems ?? [], "record conflict")
        }
    }

    func testATamperedJournalIsReportedInEnglish() throws {
        let store = try CampaignStore.open(root)
        try store.act(as: "alice")
        try store.declareConflict(dossier: 102, reason: "associée au projet")
        let journal = CampaignFiles.journal(root, "alice")
        let lines = text(journal).split(separator: "\n")
        write(lines.map { $0.replacingOccurrences(of: "associée", with: "étrangère") }.joined(separator: "\n") + "\nnot an entry\n{", to: journal)
        let found = Journal.verify(root).problems
        XCTAssertEqual(found.count, 3, "\(found)")
        assertEnglish(found, "journal")
        XCTAssertTrue(found.allSatisfy { $0.text(.en).hasPrefix("\(journal.relativePath):") }, "\(found)")
    }
}

/// The core's checks, worded in both languages where they are made.
final class EnglishValidationTests: XCTestCase {
    func testEveryCheckOfTheCoreHasItsEnglish() {
        var campaign = Fixture.campaign()
        campaign.title = ""
        campaign.funding.slots = 0
        campaign.funding.grantPerLaureate = 0
        campaign.funding.totalBudget = -1
        campaign.criteria += campaign.criteria
        campaign.criteria[0].key = "a b"
        campaign.criteria[0].weight = 0
        campaign.constraints.maxPerRegion = 0
        var jury = Fixture.jury()
        jury.members += jury.members
        jury.members[0].login = "-x"
        jury.members[0].region = "99"
        var sheet = Fixture.sheet("alice", 101, ["inconnu": 1, "maturite": 9])
        sheet.status = .submitted
        var allocation = AllocationState(drawSeed: 1)
        allocation.laureates = [7, 7]
        allocation.waitlist = [7]
        var problems = campaign.problems() + jury.problems()
        problems += Fixture.dossier(0).problems(at: 0)
        problems += sheet.problems(grid: Fixture.campaign().criteria)
        problems += allocation.problems(dossiers: [])
        XCTAssertGreaterThanOrEqual(problems.count, 15, "\(problems)")
        for problem in problems {
            XCTAssertFalse(problem.message.en.isEmpty, "\(problem)")
            XCTAssertNotEqual(problem.message.en, problem.message.fr, "\(problem)")
        }
    }
}
