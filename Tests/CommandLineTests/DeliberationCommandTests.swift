import Foundation
import XCTest
@testable import JuryStore

/// `ranking`, `allocate` and `export` as a jury member runs them, on a copy of the bundled demo.
final class DeliberationCommandTests: XCTestCase {
    private var binary = ""
    private var campaign: URL!
    /// amartin's conflict of interest in the demo: her outputs must say nothing about it.
    private var hidden: (number: Int, name: String) = (0, "")

    override func setUpWithError() throws {
        binary = try TmuxSession.consoleBinary()
        campaign = FileManager.default.temporaryDirectory.appending(path: "ptce-deliberation-\(UUID().uuidString)")
        try ptceJury(["demo", "--bundled", "--out", campaign.path])
        struct Jury: Decodable {
            struct Member: Decodable { let login: String; let conflicts: [Conflict] }
            struct Conflict: Decodable { let dossier: Int }
            let members: [Member]
        }
        struct Dossiers: Decodable { struct Dossier: Decodable { let number: Int; let name: String }; let dossiers: [Dossier] }
        let jury = try JSONDecoder().decode(Jury.self, from: Data(contentsOf: campaign.appending(path: "jury.json")))
        let number = try XCTUnwrap(jury.members.first { $0.login == "amartin" }?.conflicts.first?.dossier)
        let dossiers = try JSONDecoder().decode(Dossiers.self, from: Data(contentsOf: campaign.appending(path: "dossiers.json")))
        hidden = (number, try XCTUnwrap(dossiers.dossiers.first { $0.number == number }?.name))
    }

    override func tearDown() {
        if let campaign { try? FileManager.default.removeItem(at: campaign) }
    }

    @discardableResult
    private func ptceJury(_ arguments: [String], status expected: Int32 = 0, line: UInt = #line) throws -> String {
        try TmuxSession.expecting(expected, binary, arguments, line: line)
    }

    @discardableResult
    private func run(_ command: String, as login: String, _ more: [String] = [], status: Int32 = 0) throws -> String {
        try ptceJury([command, "--data", campaign.path, "--reviewer", login] + more, status: status)
    }

    func testAConflictedReviewersRankingLeavesTheDossierOutAndSaysSo() throws {
        struct Ranking: Decodable {
            struct Dossier: Decodable { let number: Int; let ranks: [String: Int] }
            let dossiers: [Dossier]; let hiddenForConflict: Int
        }
        let table = try run("ranking", as: "amartin")
        XCTAssertTrue(table.contains("1 dossier masqué pour conflit d’intérêts"))
        let json = try run("ranking", as: "amartin", ["--format", "json", "--method", "bias"])
        let csv = try run("ranking", as: "amartin", ["--format", "csv"])
        for (format, output) in [("table", table), ("json", json), ("csv", csv)] {
            XCTAssertFalse(output.contains(String(hidden.number)), "\(format) names the dossier’s number")
            XCTAssertFalse(output.contains(hidden.name), "\(format) names the dossier")
        }
        let ranking = try JSONDecoder().decode(Ranking.self, from: Data(json.utf8))
        XCTAssertEqual(ranking.dossiers.count, 71)
        XCTAssertEqual(ranking.hiddenForConflict, 1)
        // Ranks are counted over what she may see: no gap where the hidden dossier would be.
        let ranks = ranking.dossiers.compactMap { $0.ranks["bias"] }.sorted()
        XCTAssertEqual(ranks, Array(1...ranks.count))

        let chair = try JSONDecoder().decode(Ranking.self, from: Data(try run("ranking", as: "presidence", ["--format", "json"]).utf8))
        XCTAssertEqual(chair.dossiers.count, 72)
        XCTAssertTrue(chair.dossiers.contains { $0.number == hidden.number })
    }

    /// The probabilities say what they are drawn from: the jury's noise for one sheet, the same
    /// figure in the table's preface and in the JSON.
    func testTheRankingSaysWhichRaterNoiseItsProbabilitiesDrawFrom() throws {
        struct Ranking: Decodable { let bootstrapNoise: Double; let bootstrapResamples: Int }
        let ranking = try JSONDecoder().decode(Ranking.self, from: Data(try run("ranking", as: "presidence", ["--format", "json"]).utf8))
        XCTAssertEqual(ranking.bootstrapResamples, 1_000)
        XCTAssertGreaterThan(ranking.bootstrapNoise, 0, "the demo's reviewers disagree")
        let noise = String(format: "%.2f", ranking.bootstrapNoise).replacingOccurrences(of: ".", with: ",")
        let table = try run("ranking", as: "presidence")
        XCTAssertTrue(table.contains("Probabilité d’être financé : 1000 tirages, chaque dossier noté à nouveau avec l’écart d’une fiche constaté dans le jury (\(noise))"),
                      table.components(separatedBy: "\n").prefix(4).joined(separator: "\n"))
    }

    func testOnlyTheChairAllocatesAndEveryStepIsChecked() throws {
        let refused = try run("allocate", as: "amartin", ["--propose"], status: 1)
        XCTAssertEqual(refused, "Seule la présidence du jury peut modifier l’attribution (« amartin » n’est pas présidente ou président).\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: campaign.appending(path: "allocation.json").path))

        let proposed = try run("allocate", as: "presidence", ["--propose"])
        XCTAssertTrue(proposed.hasPrefix("15/15 lauréats — 1\u{A0}500\u{A0}000\u{A0}€ / 1\u{A0}500\u{A0}000\u{A0}€"), proposed)
        // The demo is a demo: the store works in its private copy.
        let file = campaign.appending(path: ".demo-work/allocation.json")
        struct Allocation: Decodable { let revision: Int; let laureates: [Int]; let waitlist: [Int] }
        var allocation = try JSONDecoder().decode(Allocation.self, from: Data(contentsOf: file))
        XCTAssertEqual(allocation.revision, 1)
        XCTAssertEqual(allocation.laureates.count, 15)

        let waitlisted = try run("allocate", as: "presidence", ["--waitlist", "\(allocation.laureates[0])"], status: 1)
        XCTAssertTrue(waitlisted.contains("Liste complémentaire invalide"), waitlisted)
        let twice = try run("allocate", as: "presidence", ["--propose", "--finalize"], status: 1)
        XCTAssertTrue(twice.hasPrefix("Une action à la fois"), twice)
        // A swap within one region keeps every quota: only the ranking is left, which needs a motivation.
        struct Ranking: Decodable {
            struct Dossier: Decodable { let number: Int; let regionCode: String; let eligible: Bool; let proposed: Bool; let mean: Double? }
            let dossiers: [Dossier]
        }
        let ranking = try JSONDecoder().decode(Ranking.self, from: Data(try run("ranking", as: "presidence", ["--format", "json"]).utf8))
        let outsiders = ranking.dossiers.filter { $0.eligible && !$0.proposed && $0.mean != nil }
        let (out, outsider) = try XCTUnwrap(ranking.dossiers.filter(\.proposed).lazy.compactMap { laureate in
            outsiders.first { $0.regionCode == laureate.regionCode }.map { (laureate.number, $0.number) }
        }.first)
        let unmotivated = try run("allocate", as: "presidence", ["--select", "\(outsider)"], status: 1)
        XCTAssertTrue(unmotivated.hasPrefix("Motivation requise pour le n° \(outsider) : choix contraire au classement"), unmotivated)
        try run("allocate", as: "presidence", ["--deselect", "\(out)"])
        try run("allocate", as: "presidence", ["--select", "\(outsider)", "--motivation", "Ancrage exceptionnel, avis unanime en séance."])
        try run("allocate", as: "presidence", ["--finalize", "--acknowledge", "Points examinés en séance plénière."])
        let frozen = try run("allocate", as: "presidence", ["--deselect", "\(outsider)"], status: 1)
        XCTAssertTrue(frozen.contains("ne peut plus être modifiée"), frozen)
        allocation = try JSONDecoder().decode(Allocation.self, from: Data(contentsOf: file))
        XCTAssertEqual(allocation.revision, 4)
        XCTAssertTrue(allocation.laureates.contains(outsider))
    }

    func testExportsAreWrittenAndAReviewersCopyOmitsHerConflict() throws {
        try run("allocate", as: "presidence", ["--propose"])
        let directory = campaign.appending(path: "exports")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for format in ["csv", "ods", "json", "md"] {
            let out = directory.appending(path: "pv-chair.\(format)").path
            XCTAssertTrue(try run("export", as: "presidence", ["--format", format, "--out", out]).contains("72 dossiers, 15 lauréats"))
        }
        let minutes = try String(contentsOf: directory.appending(path: "pv-chair.md"), encoding: .utf8)
        XCTAssertTrue(minutes.contains("## Conflits d’intérêts déclarés"))
        XCTAssertTrue(minutes.contains(hidden.name))
        for format in ["csv", "json", "md"] {
            let out = directory.appending(path: "pv-amartin.\(format)")
            XCTAssertTrue(try run("export", as: "amartin", ["--format", format, "--out", out.path]).contains("71 dossiers"))
            let text = try String(contentsOf: out, encoding: .utf8)
            XCTAssertFalse(text.contains(String(hidden.number)), format)
            XCTAssertFalse(text.contains(hidden.name), format)
        }
        let bad = try run("export", as: "presidence", ["--format", "md", "--out", "/nonexistent/dir/pv.md"], status: 1)
        XCTAssertTrue(bad.hasPrefix("Écriture de /nonexistent/dir/pv.md impossible"), bad)
    }

    /// The tester's path (issue 11): after `F`, a sheet was still accepted and the minutes changed.
    func testFinalisingAsksTheChecklistThenFreezesSheetsRapporteursAndTheMinutes() throws {
        try run("allocate", as: "presidence", ["--propose"])
        let check = try run("allocate", as: "presidence", ["--check"], status: 1)
        XCTAssertTrue(check.hasPrefix("Liste de vérification : "), check)
        XCTAssertTrue(check.contains("jamais discuté en séance"), check)
        // The tester's 16 dossiers without a sheet, which nothing asked the chair about.
        XCTAssertEqual(check.components(separatedBy: ": 0 fiche soumise sur 2 attendues").count - 1, 16, check)
        let unacknowledged = try run("allocate", as: "presidence", ["--finalize"], status: 1)
        XCTAssertTrue(unacknowledged.contains("points de la liste de vérification ni réglés ni acceptés"), unacknowledged)
        let finalised = try run("allocate", as: "presidence", ["--finalize", "--acknowledge", "Dossiers <b>vus</b> en séance plénière"])
        XCTAssertTrue(finalised.contains("Instantané de la délibération : finalisations/finalisation-2.json"), finalised)
        XCTAssertTrue(try run("allocate", as: "presidence", ["--check"]).contains("[✓]"))

        let directory = campaign.appending(path: "exports")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func export(_ format: String, as login: String, _ name: String, _ more: [String] = []) throws -> Data {
            let out = directory.appending(path: name)
            try run("export", as: login, ["--format", format, "--out", out.path] + more)
            return try Data(contentsOf: out)
        }
        let formats = ["md", "csv", "json", "ods"]
        let before = try formats.map { try export($0, as: "presidence", "avant.\($0)") }
        // A CSV holds one table: the minutes' other tables each have theirs (the ODS's sheets).
        let csvTables = ["non-retenus", "seances", "points-acceptes"]
        let tablesBefore = try csvTables.map { try export("csv", as: "presidence", "avant-\($0).csv", ["--table", $0]) }
        XCTAssertTrue(String(decoding: tablesBefore[2], as: UTF8.self).contains("Dossiers <b>vus</b> en séance plénière"),
                      "the acknowledged items, their reason as typed")
        let memberBefore = try export("md", as: "amartin", "releve-avant.md")

        // A sheet, the rapporteurs and the allocation are refused, with why and what to do.
        struct Campaign: Decodable { struct Criterion: Decodable { let key: String }; let criteria: [Criterion] }
        let keys = try JSONDecoder().decode(Campaign.self, from: Data(contentsOf: campaign.appending(path: "campaign.json"))).criteria.map(\.key)
        let number = try XCTUnwrap(try laureates().first { $0 != hidden.number })
        let sheet = try run("score", as: "cleroux", ["\(number)"] + keys.flatMap { ["--set", "\($0)=5"] } + ["--recommend", "favorable", "--submit"], status: 1)
        XCTAssertTrue(sheet.contains("Attribution finalisée le "), sheet)
        XCTAssertTrue(sheet.contains("la fiche ne peut plus être modifiée ; la présidence peut la rouvrir : ptce-jury allocate --reopen"), sheet)
        let assigned = try run("assign", as: "presidence", ["--auto"], status: 1)
        XCTAssertTrue(assigned.contains("les rapporteurs ne peuvent plus être changés"), assigned)
        let allocation = try run("allocate", as: "presidence", ["--deselect", "\(number)"], status: 1)
        XCTAssertTrue(allocation.contains("l’attribution ne peut plus être modifiée"), allocation)

        // Exported again, later: the same bytes, in every format.
        let after = try formats.map { try export($0, as: "presidence", "apres.\($0)") }
        for (i, format) in formats.enumerated() { XCTAssertEqual(before[i], after[i], "\(format) export changed after the finalisation") }
        for (i, table) in csvTables.enumerated() {
            XCTAssertEqual(tablesBefore[i], try export("csv", as: "presidence", "apres-\(table).csv", ["--table", table]), "\(table) changed")
        }
        XCTAssertEqual(memberBefore, try export("md", as: "amartin", "releve-apres.md"))

        let minutes = String(decoding: before[0], as: UTF8.self), record = String(decoding: memberBefore, as: UTF8.self)
        XCTAssertTrue(minutes.hasPrefix("# Procès-verbal du jury — "), minutes)
        XCTAssertTrue(minutes.contains("## Signatures"))
        XCTAssertTrue(minutes.contains("## Dossiers non retenus"))
        XCTAssertTrue(minutes.contains("Dossiers \\<b\\>vus\\</b\\> en séance plénière"), "free text shows literally")
        XCTAssertFalse(minutes.contains("<b>"))
        XCTAssertFalse(minutes.contains("recalé"))
        XCTAssertTrue(record.hasPrefix("# Relevé de délibération — "), record)
        XCTAssertFalse(record.contains("## Signatures"))
        XCTAssertFalse(record.contains("Procès-verbal du jury"))

        // Reopening: the chair's alone, motivated, journaled; the next minutes rectify the earlier ones.
        let byMember = try run("allocate", as: "amartin", ["--reopen", "--motivation", "erreur"], status: 1)
        XCTAssertTrue(byMember.hasPrefix("Seule la présidence du jury"), byMember)
        let unmotivated = try run("allocate", as: "presidence", ["--reopen"], status: 1)
        XCTAssertTrue(unmotivated.contains("--reopen demande une --motivation"), unmotivated)
        let reopened = try run("allocate", as: "presidence", ["--reopen", "--motivation", "Erreur matérielle sur le dossier \(number)."])
        XCTAssertTrue(reopened.contains("Rouverte le ") && reopened.contains(" par presidence : Erreur matérielle sur le dossier"), reopened)
        let journal = try String(contentsOf: campaign.appending(path: ".demo-work/journal/presidence.jsonl"), encoding: .utf8)
        XCTAssertTrue(journal.contains("\"attribution.reouverture\""), "the reopening is journaled")
        try run("score", as: "cleroux", ["\(number)"] + keys.flatMap { ["--set", "\($0)=5"] } + ["--recommend", "favorable", "--submit"])
        let rectified = String(decoding: try export("md", as: "presidence", "rectifie.md"), as: UTF8.self)
        XCTAssertTrue(rectified.contains("Le présent procès-verbal rectifie celui du "), rectified)
        XCTAssertTrue(rectified.contains("Erreur matérielle sur le dossier \(number)."))
    }

    func testAfterTheFinalisationJuryAndSeanceAreRefusedAConflictIsAnItemAndCheckHoldsTheSnapshotToTheJournal() throws {
        try run("allocate", as: "presidence", ["--propose"])
        try run("allocate", as: "presidence", ["--finalize", "--acknowledge", "Vu en séance"])
        let reopen = " ; la présidence peut la rouvrir : ptce-jury allocate --reopen --motivation « … »"
        let added = try run("jury", as: "presidence", ["add", "nouveau", "--name", "Nouveau Membre"], status: 1)
        XCTAssertTrue(added.contains("la composition du jury ne peut plus être changée" + reopen), added)
        let removed = try run("jury", as: "presidence", ["remove", "cleroux"], status: 1)
        XCTAssertTrue(removed.contains("la composition du jury ne peut plus être changée" + reopen), removed)
        let opened = try run("session", as: "presidence", ["open", "--place", "Paris", "--present", "presidence,amartin"], status: 1)
        XCTAssertTrue(opened.contains("la séance ne peut plus délibérer" + reopen), opened)
        XCTAssertTrue(try run("check", as: "presidence").hasPrefix("Campagne valide"))

        // A conflict is a fact: accepted, and an item of the checklist that names it.
        let number = try XCTUnwrap(try laureates().first { $0 != hidden.number })
        try run("conflict", as: "cleroux", ["declare", "\(number)", "--reason", "Mon conjoint y travaille"])
        let checklist = try run("allocate", as: "presidence", ["--check"], status: 1)
        XCTAssertTrue(checklist.contains("[ ] n° \(number) : conflit d’intérêts de ") && checklist.contains(
            "(cleroux) déclaré après la finalisation : « Mon conjoint y travaille »"), checklist)

        // The snapshot edited by hand and its new digest written into allocation.json: the journal still holds the first.
        let work = campaign.appending(path: ".demo-work")
        let snapshot = work.appending(path: "finalisations/finalisation-2.json")
        let edited = try Data(contentsOf: snapshot) + Data("\n".utf8)
        try edited.write(to: snapshot)
        let allocationFile = work.appending(path: "allocation.json")
        struct Allocation: Decodable { struct Finalized: Decodable { let sha256: String }; let finalized: Finalized }
        let recorded = try JSONDecoder().decode(Allocation.self, from: Data(contentsOf: allocationFile)).finalized.sha256
        let digest = SHA256Hex.hex(edited)
        let allocation = try String(contentsOf: allocationFile, encoding: .utf8)
        try allocation.replacingOccurrences(of: recorded, with: digest).write(to: allocationFile, atomically: true, encoding: .utf8)
        let check = try run("check", as: "presidence", status: 65)
        XCTAssertTrue(check.contains("allocation.json: finalized.sha256: l’empreinte de l’instantané finalisation-2.json diffère de celle "
                                     + "que le journal a enregistrée à la finalisation (presidence.jsonl n° "), check)
    }

    private func laureates() throws -> [Int] {
        struct Allocation: Decodable { let laureates: [Int] }
        return try JSONDecoder().decode(Allocation.self, from: Data(contentsOf: campaign.appending(path: ".demo-work/allocation.json"))).laureates
    }
}
