import Foundation
import JuryCore
import XCTest
@testable import JuryStore

/// The watcher tells an open console that someone else wrote in the campaign.
final class ChangeWatcherTests: XCTestCase {
    /// inotify queues an event during the system call that causes it, polling notices at its next
    /// scan: either way the answer comes within the deadline, which only bounds a failure.
    @discardableResult
    private func waitForChange(_ watcher: ChangeWatcher, file: StaticString = #filePath, line: UInt = #line) -> ChangeWatcher.Change {
        let deadline = Date(timeIntervalSinceNow: 10)
        while true {
            let change = watcher.poll()
            if change != .nothing { return change }
            guard Date() < deadline else {
                XCTFail("no change seen", file: file, line: line)
                return .nothing
            }
            usleep(10_000)
        }
    }

    /// Whether a refresh given `change` would look at `path`.
    private func covers(_ change: ChangeWatcher.Change, _ path: String) -> Bool {
        switch change {
        case .nothing: return false
        case .files(let paths): return paths.contains(path)
        case .anything: return true
        }
    }

    /// A watcher that has already given its first answer (anything: the caller's data predates it).
    private func started(_ root: URL, mode: ChangeWatcher.Mode = .inotify) -> ChangeWatcher {
        let watcher = ChangeWatcher(root: root, mode: mode, pollingInterval: .zero)
        XCTAssertEqual(watcher.poll(), .anything, "the first look says that anything may have changed")
        return watcher
    }

    func testAnAtomicSaveByAnotherProcessIsSeen() throws {
        let root = try createdCampaign()
        let watcher = started(root)
        XCTAssertEqual(watcher.mode, .inotify)
        XCTAssertNotNil(watcher.fileDescriptor)
        XCTAssertEqual(watcher.poll(), .nothing, "nothing happened yet")

        // Another session: its own store, its own durable save (a temporary renamed into place).
        try CampaignStore.open(root).save(Fixture.sheet("bob", 102))
        XCTAssertTrue(covers(waitForChange(watcher), "reviewers/bob/sheets/102.json"))
        XCTAssertEqual(watcher.poll(), .nothing, "a burst of events is one answer")
    }

    func testARenameIntoTheDirectoryIsSeenButNotOurTemporaries() throws {
        let root = try createdCampaign()
        let watcher = started(root)
        let sheets = CampaignFiles.sheets(root, "alice")
        let temporary = sheets.appending(path: ".103.json.ptce-tmp-1-ab")
        write("{}", to: temporary)
        XCTAssertEqual(watcher.poll(), .nothing, "a hidden temporary is nobody's data yet")
        XCTAssertEqual(rename(temporary.path, sheets.appending(path: "103.json").path), 0)
        XCTAssertEqual(waitForChange(watcher), .files(["reviewers/alice/sheets/103.json"]))
    }

    func testADirectoryCreatedLaterIsWatchedToo() throws {
        let root = try createdCampaign()
        let watcher = started(root)
        // A reviewer who scores for the first time creates reviewers/<login>/sheets/.
        try CampaignStore.open(root).save(Fixture.sheet("presidente", 103))
        XCTAssertEqual(waitForChange(watcher), .anything, "files may have landed in it before it was watched")
        write("{}", to: CampaignFiles.sheets(root, "presidente").appending(path: "101.json"))
        XCTAssertEqual(waitForChange(watcher), .files(["reviewers/presidente/sheets/101.json"]))
    }

    func testPollingFallbackSeesAChangeAndOnlyThen() throws {
        let root = try createdCampaign()
        let watcher = started(root, mode: .polling)
        XCTAssertEqual(watcher.mode, .polling)
        XCTAssertNil(watcher.fileDescriptor)
        XCTAssertEqual(watcher.poll(), .nothing, "nothing changed since the last scan")

        let url = CampaignFiles.sheet(root, "bob", 102)
        let temporary = url.deletingLastPathComponent().appending(path: ".102.json.tmp")
        write(text(CampaignFiles.sheet(root, "bob", 101)).replacingOccurrences(of: "101", with: "102"), to: temporary)
        XCTAssertEqual(rename(temporary.path, url.path), 0)
        XCTAssertEqual(waitForChange(watcher), .files(["reviewers/bob/sheets/102.json"]))
        XCTAssertEqual(watcher.poll(), .nothing)
    }

    func testALocalDiskIsNotANetworkFileSystem() {
        XCTAssertFalse(ChangeWatcher.isNetworkFileSystem(FileManager.default.temporaryDirectory))
    }
}

/// `refresh()` takes what others wrote, file by file, and never lets a broken file in.
final class CampaignRefreshTests: XCTestCase {
    func testAnotherSessionsSheetIsTakenOnce() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        var submitted = Fixture.sheet("bob", 102, ["maturite": 4, "impact": 2])
        submitted.recommendation = .favorable
        try submitted.submit(grid: Fixture.grid, at: Fixture.now)
        try CampaignStore.open(root).save(submitted)

        let changes = store.refresh()
        XCTAssertEqual(changes.sheets, [submitted])
        XCTAssertTrue(changes.problems.isEmpty, "\(changes.problems)")
        XCTAssertEqual(store.sheet(reviewer: "bob", dossier: 102), submitted)
        XCTAssertTrue(store.refresh().isEmpty, "nothing more changed")
    }

    func testOurOwnSaveIsNotAChange() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        try store.save(Fixture.sheet("alice", 103))
        XCTAssertTrue(store.refresh().isEmpty)
    }

    func testOnlyTheFilesTheWatcherNamesAreLookedAt() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root), alice = try CampaignStore.open(root)
        write("cassé", to: CampaignFiles.sheet(root, "bob", 101))
        let sheet = Fixture.sheet("alice", 103)
        try alice.save(sheet)

        XCTAssertEqual(store.refresh(.files(["reviewers/alice/sheets/103.json", "journal/alice.jsonl"])).sheets, [sheet])
        XCTAssertTrue(store.refresh(.nothing).isEmpty)
        XCTAssertEqual(unlink(CampaignFiles.sheet(root, "alice", 102).path), 0)
        XCTAssertEqual(store.refresh(.files(["reviewers/alice/sheets/102.json"])).removedSheets, ["alice": [102]])
        XCTAssertEqual(store.refresh(.anything).problems.map(\.path), [CampaignFiles.sheet(root, "bob", 101).relativePath])
    }

    func testAFileThatLooksUnchangedIsNotReadAgain() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        let url = CampaignFiles.sheet(root, "bob", 101)
        var info = stat()
        XCTAssertEqual(stat(url.path, &info), 0)
        // Same inode, same size, same modification time: only reading it would show the garbage.
        let fd = open(url.path, O_WRONLY)
        XCTAssertGreaterThanOrEqual(fd, 0)
        let garbage = [UInt8](repeating: UInt8(ascii: "x"), count: Int(info.st_size))
        XCTAssertEqual(Glibc.write(fd, garbage, garbage.count), garbage.count)
        var times = [info.st_atim, info.st_mtim]
        XCTAssertEqual(futimens(fd, &times), 0)
        close(fd)

        XCTAssertTrue(store.refresh().isEmpty, "the file was not read again")
        XCTAssertEqual(store.sheet(reviewer: "bob", dossier: 101), Fixture.sheet("bob", 101))
    }

    func testABrokenFileKeepsTheLastGoodVersionAndIsNamed() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        let url = CampaignFiles.sheet(root, "bob", 101)
        write("{\n  \"dossier\": 101,\n  \"reviewer\": \"bob\",,\n}\n", to: url)

        let changes = store.refresh()
        XCTAssertEqual(changes.problems.map(\.path), [url.relativePath])
        XCTAssertEqual(changes.problems.first?.line, 3, "\(changes.problems)")
        XCTAssertTrue(changes.sheets.isEmpty)
        XCTAssertEqual(store.sheet(reviewer: "bob", dossier: 101), Fixture.sheet("bob", 101), "the last good version stays")
        XCTAssertTrue(store.refresh().isEmpty, "reported once, until the file changes again")

        var fixed = Fixture.sheet("bob", 101, ["maturite": 1])
        fixed.overall = "Corrigée"
        try DurableFile.write(Document.encode(fixed, url), to: url)
        XCTAssertEqual(store.refresh().sheets, [fixed])
    }

    func testASheetOffTheGridOrForAnUnknownDossierIsRefused() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        let offGrid = Fixture.sheet("bob", 102, ["maturite": 9])
        let unknown = Fixture.sheet("alice", 999)
        for sheet in [offGrid, unknown] {
            let url = CampaignFiles.sheet(root, sheet.reviewer, sheet.dossier)
            try DurableFile.createDirectory(url.deletingLastPathComponent())
            try DurableFile.write(Document.encode(sheet, url), to: url)
        }
        let changes = store.refresh()
        XCTAssertTrue(changes.sheets.isEmpty)
        XCTAssertEqual(Set(changes.problems.compactMap(\.fieldPath)), ["values.maturite", "dossier"], "\(changes.problems)")
        XCTAssertNil(store.sheet(reviewer: "bob", dossier: 102))
    }

    func testAGridThatExistingSheetsNoLongerFitIsRefused() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        var campaign = Fixture.campaign()
        campaign.criteria.removeLast()   // alice's sheet on 102 scores « impact »
        let url = CampaignFiles.campaign(root)
        try DurableFile.write(Document.encode(campaign, url), to: url)

        let changes = store.refresh()
        XCTAssertNil(changes.campaign)
        XCTAssertEqual(changes.problems.count, 1)
        XCTAssertTrue(changes.problems[0].message.fr.contains("nouvelle grille ignorée"), changes.problems[0].message.fr)
        XCTAssertEqual(store.campaign.criteria, Fixture.grid)
    }

    func testTheChairsJuryAndARemovedSheet() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        let chair = try CampaignStore.open(root)
        var jury = chair.jury
        jury.members[1].name = "Alice Durand-Petit"
        try chair.saveJury(jury)
        XCTAssertEqual(unlink(CampaignFiles.sheet(root, "bob", 101).path), 0)

        let changes = store.refresh()
        XCTAssertEqual(changes.jury?.member("alice")?.name, "Alice Durand-Petit")
        XCTAssertEqual(changes.removedSheets, ["bob": [101]])
        XCTAssertNil(store.sheet(reviewer: "bob", dossier: 101))
    }

    func testAChangedAllocationIsSignalledForWhoeverShowsIt() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        write("{}", to: CampaignFiles.allocation(root))
        XCTAssertTrue(store.refresh().allocationChanged)
        XCTAssertFalse(store.refresh().allocationChanged)
    }

    func testADeclaredConflictChangesTheJury() throws {
        let root = try createdCampaign()
        let store = try CampaignStore.open(root)
        let alice = try CampaignStore.open(root)
        try alice.act(as: "alice")
        try alice.declareConflict(dossier: 102, reason: "ancienne salariée")

        let changes = store.refresh()
        XCTAssertEqual(changes.jury?.member("alice")?.isConflicted(on: 102), true)
        XCTAssertEqual(store.jury.member("alice")?.isConflicted(on: 102), true)
    }
}
