import Foundation
import Glibc
import JuryCore
import XCTest
@testable import JuryStore

/// Several processes at once, and processes killed in the middle of a save.
final class ConcurrencyTests: XCTestCase {
    /// 8 processes, two per reviewer, 500 changes each: sheets of their reviewer (the same files
    /// for two processes) and, one change in ten, jury.json, which all 8 write.
    func testEightProcessesLoseNoChange() throws {
        // On a tmpfs: what is tested is locking, not the disk's flush time (4 000 saves of 3 fsyncs).
        let root = try smallDisk(size: "64m").appending(path: "campagne")
        let reviewers = ["alice", "bob", "carole", "dora"]
        let numbers = try smallCampaign(at: root, reviewers: reviewers)
        let store = try CampaignStore.open(root)
        let (processes, changes) = (8, 500)

        let children = (0..<processes).map { p in
            Child.start { pipe in
                let reviewer = reviewers[p % reviewers.count]
                do {
                    for i in 0..<changes {
                        if i % 10 == 9 {
                            try store.updateJury { $0.members.append(JuryMember(login: "p\(p)n\(i)", name: "P\(p) n\(i)", role: .reviewer)) }
                        } else {
                            try store.updateSheet(reviewer: reviewer, dossier: numbers[i % numbers.count]) { sheet in
                                sheet.overall += "p\(p).\(i);"
                                sheet.values["maturite"] = i % 5
                            }
                        }
                    }
                    report("ok", to: pipe)
                } catch {
                    report("\(error)", to: pipe)
                }
            }
        }
        for (p, child) in children.enumerated() {
            XCTAssertEqual(child.readAll(), "ok\n", "process \(p)")
            child.wait()
        }

        let after = try CampaignStore.open(root)
        XCTAssertEqual(after.warnings, [])
        for (index, reviewer) in reviewers.enumerated() {
            let written = Set((after.sheets[reviewer] ?? [:]).values.flatMap { $0.overall.split(separator: ";").map(String.init) })
            for p in [index, index + reviewers.count] {
                let expected = (0..<changes).filter { $0 % 10 != 9 }.map { "p\(p).\($0)" }
                XCTAssertEqual(Set(expected).subtracting(written), [], "changes of process \(p) lost")
            }
        }
        let added = (0..<processes).flatMap { p in (0..<changes).filter { $0 % 10 == 9 }.map { "p\(p)n\($0)" } }
        XCTAssertEqual(Set(added).subtracting(after.jury.members.map(\.login)), [], "jury changes lost")
        XCTAssertEqual(after.jury.revision, 1 + added.count)

        let (problems, entries, _) = after.verifyJournal()
        XCTAssertEqual(problems, [])
        XCTAssertEqual(entries, processes * changes, "one journal entry per change")
        XCTAssertEqual(temporaries(under: root), [])
    }

    /// 100 kills at random moments of a reviewer's saves: every file still loads, the last change
    /// acknowledged is there, and no temporary survives the next open.
    func testKilledDuringSavesLosesNothingAcknowledged() throws {
        let root = scratchDirectory().appending(path: "campagne")
        let numbers = try smallCampaign(at: root)
        var store = try CampaignStore.open(root)
        let keys = store.campaign.criteria.map(\.key)
        var generator = SystemRandomNumberGenerator()
        var acknowledged = 0
        var kills = 0, roundsWithTemporaries = 0
        for round in 0..<100 {
            let start = acknowledged
            let child = Child.start { pipe in
                var counter = start
                while true {
                    counter += 1
                    let value = counter
                    do {
                        try store.updateSheet(reviewer: "alice", dossier: numbers[0]) { sheet in
                            sheet.overall = "\(value)"
                            for key in keys { sheet.values[key] = value % 3 }
                            sheet.recommendation = .favorable
                            // Submitting and reopening archive versions: history files are written too.
                            sheet.status = value % 3 == 0 ? .submitted : .draft
                        }
                    } catch {
                        report("erreur \(error)", to: pipe)
                        return
                    }
                    report("\(value)", to: pipe)
                }
            }
            // Wait for the first acknowledgement, then kill at a random moment.
            var first = [UInt8](repeating: 0, count: 1)
            XCTAssertEqual(read(child.reports, &first, 1), 1, "round \(round): the child made no progress")
            usleep(UInt32.random(in: 0...4000, using: &generator))
            XCTAssertEqual(kill(child.pid, SIGKILL), 0)
            kills += 1
            let lines = (String(decoding: first, as: UTF8.self) + child.readAll()).split(separator: "\n")
            child.wait()
            XCTAssertFalse(lines.contains { $0.hasPrefix("erreur") }, "round \(round): \(lines.filter { $0.hasPrefix("erreur") })")
            // Each report is one write of a few bytes to a pipe: never cut by the kill.
            if let last = lines.last.flatMap({ Int($0) }) { acknowledged = max(acknowledged, last) }

            if !temporaries(under: root).isEmpty { roundsWithTemporaries += 1 }
            store = try CampaignStore.open(root)
            XCTAssertEqual(temporaries(under: root), [], "round \(round): temporaries left after the next open")
            let saved = Int(store.sheet(reviewer: "alice", dossier: numbers[0])?.overall ?? "0") ?? 0
            XCTAssertGreaterThanOrEqual(saved, acknowledged, "round \(round): an acknowledged save is missing")
            acknowledged = saved
        }
        let (problems, entries, _) = store.verifyJournal()
        XCTAssertEqual(problems, [])
        XCTAssertGreaterThanOrEqual(entries, acknowledged)
        print("kill -9 during saves: \(kills) kills, \(acknowledged) saves acknowledged, temporaries left in \(roundsWithTemporaries) rounds, all cleaned")
    }
}
