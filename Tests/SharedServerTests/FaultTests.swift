import Foundation
import Glibc
import JuryCore
import XCTest
@testable import JuryStore

/// What goes wrong under a running store: a full disk, a read-only one, files deleted or replaced,
/// a journal cut short or tampered with.
final class FaultTests: XCTestCase {
    private func edit(_ store: CampaignStore, _ dossier: Int, _ text: String) throws {
        try store.updateSheet(reviewer: "alice", dossier: dossier) { $0.overall = text }
    }

    func testFullDiskRefusesTheSaveKeepsTheOldFileAndSavesOnceSpaceReturns() throws {
        let disk = try smallDisk(size: "1m")
        let root = disk.appending(path: "campagne")
        let numbers = try smallCampaign(at: root)
        let store = try CampaignStore.open(root)
        try edit(store, numbers[0], "avant")
        let sheetURL = CampaignFiles.sheet(root, "alice", numbers[0])
        let before = bytes(sheetURL)

        let filler = fill(disk)
        XCTAssertThrowsError(try edit(store, numbers[0], String(repeating: "après ", count: 2000))) { error in
            XCTAssertTrue("\(error)".contains("disque plein"), "\(error)")
        }
        XCTAssertEqual(bytes(sheetURL), before, "the previous version is intact")
        XCTAssertEqual(store.sheet(reviewer: "alice", dossier: numbers[0])?.overall, "avant")

        try FileManager.default.removeItem(at: filler)
        try edit(store, numbers[0], "après")
        XCTAssertEqual(try CampaignStore.open(root).sheet(reviewer: "alice", dossier: numbers[0])?.overall, "après")
        XCTAssertEqual(store.verifyJournal().problems, [])
        XCTAssertEqual(temporaries(under: root), [])
    }

    func testReadOnlyFileSystemRefusesWithAClearMessage() throws {
        let disk = try smallDisk()
        let root = disk.appending(path: "campagne")
        let numbers = try smallCampaign(at: root)
        let store = try CampaignStore.open(root)
        try edit(store, numbers[0], "avant")
        XCTAssertEqual(mount("tmpfs", disk.path, "tmpfs", UInt(MS_REMOUNT | MS_RDONLY), nil), 0)
        XCTAssertThrowsError(try edit(store, numbers[0], "après")) { error in
            XCTAssertTrue("\(error)".contains("système de fichiers en lecture seule"), "\(error)")
        }
        XCTAssertThrowsError(try store.updateJury { $0.members[1].name = "Alice D." }) { error in
            XCTAssertTrue("\(error)".contains("lecture seule"), "\(error)")
        }
        XCTAssertEqual(mount("tmpfs", disk.path, "tmpfs", UInt(MS_REMOUNT), nil), 0)
        try edit(store, numbers[0], "après")
        let reopened = try CampaignStore.open(root)
        XCTAssertEqual(reopened.sheet(reviewer: "alice", dossier: numbers[0])?.overall, "après")
        XCTAssertEqual(reopened.verifyJournal().problems, [])
    }

    func testFilesDeletedOrReplacedUnderARunningStore() throws {
        let root = scratchDirectory().appending(path: "campagne")
        let numbers = try smallCampaign(at: root)
        let store = try CampaignStore.open(root), other = try CampaignStore.open(root)
        try store.save(store.sheet(reviewer: "alice", dossier: numbers[0]) ?? ScoreSheet(dossier: numbers[0], reviewer: "alice", at: Instant(Date())))
        let mine = store.sheet(reviewer: "alice", dossier: numbers[0])!

        // Deleted behind the store's back: refused, not silently recreated from an old copy.
        try FileManager.default.removeItem(at: CampaignFiles.sheet(root, "alice", numbers[0]))
        var edited = mine
        edited.overall = "modifié"
        XCTAssertThrowsError(try store.save(edited)) { error in
            XCTAssertTrue("\(error)".contains("modifiée ou supprimée dans une autre session"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: CampaignFiles.sheet(root, "alice", numbers[0]).path))

        // Replaced by another session: a stale save is refused, the other session's version stays.
        try other.updateSheet(reviewer: "alice", dossier: numbers[1]) { $0.overall = "autre session" }
        var stale = ScoreSheet(dossier: numbers[1], reviewer: "alice", at: Instant(Date()))
        stale.overall = "copie périmée"
        XCTAssertThrowsError(try store.save(stale))
        XCTAssertEqual(try CampaignStore.open(root).sheet(reviewer: "alice", dossier: numbers[1])?.overall, "autre session")
        // updateSheet applies the change to the latest version instead.
        try store.updateSheet(reviewer: "alice", dossier: numbers[1]) { $0.values["maturite"] = 2 }
        XCTAssertEqual(try CampaignStore.open(root).sheet(reviewer: "alice", dossier: numbers[1])?.overall, "autre session")

        // The jury changed by someone else: the message names them.
        try other.act(as: "presidente")
        try other.updateJury { $0.members[1].name = "Alice Durand" }
        var jury = store.jury
        jury.members[2].name = "Bob Leroy"
        XCTAssertThrowsError(try store.saveJury(jury)) { error in
            XCTAssertTrue("\(error)".contains("la composition du jury a été modifiée par presidente entre-temps"), "\(error)")
        }
        // jury.json deleted: refused, nothing recreated.
        try FileManager.default.removeItem(at: CampaignFiles.jury(root))
        XCTAssertThrowsError(try other.updateJury { $0.members[2].name = "Bob" }) { error in
            XCTAssertTrue("\(error)".contains("jury.json a été supprimé"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: CampaignFiles.jury(root).path))
        XCTAssertEqual(Journal.verify(root).problems, [], "nothing else lost")
    }

    func testJournalCutShortUnderARunningStoreIsRecordedNotHidden() throws {
        let root = scratchDirectory().appending(path: "campagne")
        let numbers = try smallCampaign(at: root)
        let store = try CampaignStore.open(root)
        for text in ["un", "deux", "trois"] { try edit(store, numbers[0], text) }
        let journal = CampaignFiles.journal(root, "alice")
        let lines = text(journal).split(separator: "\n", omittingEmptySubsequences: false)
        // The first entry and half of the second remain.
        try Data((lines[0] + "\n" + lines[1].prefix(30)).utf8).write(to: journal)

        try edit(store, numbers[0], "quatre")
        XCTAssertEqual(try CampaignStore.open(root).sheet(reviewer: "alice", dossier: numbers[0])?.overall, "quatre", "the save went through")
        XCTAssertTrue(store.warnings.contains { $0.message.fr.contains("le journal ne finissait plus à l’entrée n° 3") }, "\(store.warnings)")
        let problems = Journal.verify(root).problems.map(\.description)
        XCTAssertEqual(problems, ["\(journal.relativePath):2:1: avant l’entrée n° 2, alice a trouvé son journal tronqué ou modifié : "
                                  + "il s’arrêtait à l’entrée n° 1 au lieu de la n° 3"])
    }

    /// Two writers who witness each other; then each kind of tampering, each reported where it is.
    func testVerifyFindsChangedRemovedTruncatedAndRewrittenEntries() throws {
        let root = scratchDirectory().appending(path: "campagne")
        let numbers = try smallCampaign(at: root)
        let store = try CampaignStore.open(root)
        for round in 0..<3 {
            try store.updateSheet(reviewer: "alice", dossier: numbers[0]) { $0.overall = "a\(round)" }
            try store.updateSheet(reviewer: "bob", dossier: numbers[0]) { $0.overall = "b\(round)" }
        }
        XCTAssertEqual(store.verifyJournal().problems, [])
        let alice = CampaignFiles.journal(root, "alice"), path = alice.relativePath
        let original = text(alice)
        let lines = original.split(separator: "\n").map(String.init)
        func verify(_ tampered: [String]) throws -> [String] {
            try Data((tampered.joined(separator: "\n") + "\n").utf8).write(to: alice)
            defer { try? Data(original.utf8).write(to: alice) }
            return Journal.verify(root).problems.map(\.description)
        }

        let changed = lines[1].replacingOccurrences(of: "\"after\":\"a1\"", with: "\"after\":\"a9\"")
        XCTAssertNotEqual(changed, lines[1])
        XCTAssertEqual(try verify([lines[0], changed, lines[2]]),
                       ["\(path):2:1: entrée n° 2 modifiée : son contenu ne correspond plus à son empreinte"])

        // Found by the chain, and by bob, who had seen entry 2.
        let removed = try verify([lines[0], lines[2]])
        XCTAssertEqual(removed.first, "\(path):2:1: entrée n° 2 supprimée (l’entrée n° 3 suit la n° 1)")
        XCTAssertEqual(removed.count, 2)
        XCTAssertTrue(removed.last?.hasPrefix("\(path): journal tronqué : l’entrée n° 2, vue par bob") == true, "\(removed)")

        // Cut after entry 2: only bob's journal, which saw entry 3, can tell.
        let truncated = try verify(Array(lines.prefix(2)))
        XCTAssertEqual(truncated.count, 1)
        XCTAssertTrue(truncated[0].hasPrefix("\(path): journal tronqué : l’entrée n° 3, vue par bob (\(CampaignFiles.journal(root, "bob").relativePath):3)"),
                      truncated[0])

        // The whole chain rewritten consistently: bob's references contradict it.
        var rewritten: [String] = [], previous = ""
        for line in lines {
            guard case var .entry(entry, _, _) = JournalLine.parse(ArraySlice(Array(line.utf8))) else { return XCTFail("unreadable") }
            entry.prev = previous
            entry.by = "alice"
            entry.changes = entry.changes.map { var change = $0; change.after = .string("falsifié"); return change }
            let (bytes, sha256) = try JournalLine.encode(entry, alice)
            rewritten.append(String(decoding: bytes.dropLast(), as: UTF8.self))
            previous = sha256
        }
        let found = try verify(rewritten)
        XCTAssertFalse(found.isEmpty)
        XCTAssertTrue(found.allSatisfy { $0.contains("réécrite : bob l’avait vue avec une autre empreinte") }, "\(found)")
        XCTAssertEqual(Journal.verify(root).problems, [], "restored")
    }

    func testReopeningASubmittedSheetKeepsTheEarlierVersion() throws {
        let root = scratchDirectory().appending(path: "campagne")
        let numbers = try smallCampaign(at: root)
        let store = try CampaignStore.open(root)
        let grid = store.campaign.criteria
        func submit(_ value: Int) throws {
            try store.updateSheet(reviewer: "alice", dossier: numbers[0]) { sheet in
                if sheet.status == .submitted { sheet.reopen(at: Instant(Date())) }
                for criterion in grid { sheet.values[criterion.key] = value }
                sheet.recommendation = .reserve
                sheet.status = .submitted
            }
        }
        try submit(1)
        try submit(2)
        try submit(3)
        XCTAssertEqual(store.history(reviewer: "alice", dossier: numbers[0]).map { $0.values[grid[0].key] }, [1, 2])
        XCTAssertEqual(store.history(reviewer: "bob", dossier: numbers[0]), [])
        let actions = Journal.records(root).map(\.entry.action)
        XCTAssertEqual(actions, [.sheetSubmit, .sheetEdit, .sheetEdit])
    }

    /// allocation.json is changed under .lock/allocation.lock and journaled; a member in conflict
    /// on a dossier it names does not see the entry.
    func testAllocationSavesAreJournaledAndHiddenFromTheConflicted() throws {
        let root = scratchDirectory().appending(path: "campagne")
        let numbers = try smallCampaign(at: root)
        let store = try CampaignStore.open(root)
        try store.act(as: "bob")
        try store.declareConflict(dossier: numbers[0], reason: "membre du pôle")
        var allocation = try store.loadAllocation()
        allocation.laureates = [numbers[0]]
        try store.saveAllocation(allocation, expectedRevision: allocation.revision, by: "presidente")
        XCTAssertTrue(FileManager.default.fileExists(atPath: CampaignFiles.lock(root, .allocation).path))
        let entry = try XCTUnwrap(Journal.records(root).last?.entry)
        XCTAssertEqual(entry.action, .allocation)
        XCTAssertEqual(entry.by, "presidente")
        XCTAssertTrue(store.journal(visibleTo: "presidente").contains { $0.entry.action == .allocation })
        XCTAssertTrue(store.journal(visibleTo: "alice").contains { $0.entry.action == .allocation })
        XCTAssertFalse(store.journal(visibleTo: "bob").contains { $0.entry.action == .allocation })
        XCTAssertEqual(store.verifyJournal().problems, [])
    }

    /// As the console does: one session saves the sheet it holds, again and again; its times have
    /// fractions of a second that the file's text does not keep.
    func testOneSessionSavesTheSameSheetRepeatedly() throws {
        let root = scratchDirectory().appending(path: "campagne")
        let numbers = try smallCampaign(at: root)
        let store = try CampaignStore.open(root)
        let grid = store.campaign.criteria
        var sheet = ScoreSheet(dossier: numbers[0], reviewer: "alice", at: Instant(Date(timeIntervalSince1970: 1_700_000_000.25)))
        for value in 0..<3 {
            try sheet.apply(.setValue(criterion: grid[0].key, value: value), grid: grid,
                            at: Instant(Date(timeIntervalSince1970: 1_700_000_001.5 + Double(value))))
            try store.save(sheet)
        }
        XCTAssertEqual(try CampaignStore.open(root).sheet(reviewer: "alice", dossier: numbers[0])?.values[grid[0].key], 2)
    }

    func testSHA256() {
        XCTAssertEqual(SHA256Hex.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256Hex.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256Hex.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256Hex.hex([UInt8](repeating: 0x61, count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
