import Foundation
import Glibc
import XCTest
@testable import JuryStore

final class DurableFileTests: XCTestCase {
    func testWriteSetsTheModeWhateverTheUmaskAndLeavesNoTemporary() throws {
        let directory = temporaryDirectory()
        let url = directory.appending(path: "fiche.json")
        let previous = umask(0o077)
        defer { umask(previous) }
        try DurableFile.write(Data("un\n".utf8), to: url)
        XCTAssertEqual(mode(url), 0o640)
        try DurableFile.write(Data("deux\n".utf8), to: url, mode: 0o600)
        XCTAssertEqual(mode(url), 0o600)
        XCTAssertEqual(text(url), "deux\n")
        XCTAssertEqual(try names(directory), ["fiche.json"])
    }

    func testWriteReplacesTheFileByRenaming() throws {
        let url = temporaryDirectory().appending(path: "jury.json")
        try DurableFile.write(Data("ancien".utf8), to: url)
        let before = inode(url)
        try DurableFile.write(Data("nouveau".utf8), to: url)
        XCTAssertNotEqual(inode(url), before, "a reader holding the old file keeps a complete old version")
        XCTAssertEqual(text(url), "nouveau")
    }

    func testStaleTemporariesAreOursOnly() throws {
        let directory = temporaryDirectory()
        let dead = deadPid()
        let me = getpid()
        let stale = [".12.json.ptce-tmp-\(dead)-1a2b", ".jury.json.ptce-tmp-\(me)-ff"]
        let kept = [".12.json.ptce-tmp-\(me)-c0ffee",   // a save of ours in progress
                    "12.json.ptce-tmp-\(dead)-1a2b",     // not hidden: not a name we make
                    ".12.json.ptce-tmp-\(dead)-zz",      // not our random part
                    ".12.json.tmp", ".dat.nosync1234", "12.json"]
        for name in stale + kept { write("x", to: directory.appending(path: name)) }
        // Ours, alive, but over a minute old: the pid may have been reused.
        var old = [timeval(tv_sec: time(nil) - 120, tv_usec: 0), timeval(tv_sec: time(nil) - 120, tv_usec: 0)]
        XCTAssertEqual(utimes(directory.appending(path: stale[1]).path, &old), 0)

        DurableFile.removeStaleTemporaries(in: directory)

        XCTAssertEqual(try names(directory), kept.sorted())
        DurableFile.removeStaleTemporaries(in: directory.appending(path: "absent"))   // nothing to do, no failure
    }

    func testTemporaryNamesAreRecognised() {
        let name = DurableFile.temporaryName(for: "101.json")
        XCTAssertTrue(name.hasPrefix(".101.json.ptce-tmp-\(getpid())-"), name)
        XCTAssertTrue(DurableFile.isTemporary(name))
        XCTAssertFalse(DurableFile.isTemporary("101.json"))
    }

    // MARK: - Failures leave the old file intact

    func testPermissionDenied() throws {
        let directory = temporaryDirectory()
        let url = directory.appending(path: "fiche.json")
        try DurableFile.write(Data("ancien".utf8), to: url)
        XCTAssertEqual(chmod(directory.path, 0o555), 0)
        defer { chmod(directory.path, 0o755) }
        // Root writes anywhere: the attempt is made by an ordinary user, in a child process.
        let message = try inChild { () throws(StoreProblem) in
            if geteuid() == 0 { _ = setgid(65534); _ = setuid(65534) }
            try DurableFile.write(Data("nouveau".utf8), to: url)
        }
        XCTAssertEqual(message, "\(url.relativePath): permission refusée : enregistrement impossible, l’ancienne version du fichier est intacte")
        XCTAssertEqual(text(url), "ancien")
        XCTAssertEqual(try names(directory), ["fiche.json"])
    }

    func testDiskFull() throws {
        let disk = try smallFileSystem()
        let url = disk.appending(path: "dossiers.json")
        try DurableFile.write(Data("ancien".utf8), to: url)
        fill(disk)
        XCTAssertThrowsError(try DurableFile.write(Data(count: 64 << 10), to: url)) { error in
            XCTAssertTrue((error as? StoreProblem)?.message.fr.hasPrefix("disque plein : ") == true, "\(error)")
        }
        XCTAssertEqual(text(url), "ancien")
        XCTAssertEqual(try names(disk), ["dossiers.json", "remplissage"])
    }

    func testReadOnlyFileSystem() throws {
        let disk = try smallFileSystem()
        let url = disk.appending(path: "campaign.json")
        try DurableFile.write(Data("ancien".utf8), to: url)
        XCTAssertEqual(mount("tmpfs", disk.path, "tmpfs", UInt(MS_REMOUNT | MS_RDONLY), nil), 0)
        XCTAssertThrowsError(try DurableFile.write(Data("nouveau".utf8), to: url)) { error in
            XCTAssertEqual((error as? StoreProblem)?.message.fr,
                           "système de fichiers en lecture seule : enregistrement impossible, l’ancienne version du fichier est intacte")
        }
        XCTAssertEqual(text(url), "ancien")
        XCTAssertEqual(try names(disk), ["campaign.json"])
    }

    // MARK: - kill -9

    /// A child process saves in a loop and is killed at varying moments: every file left must be
    /// complete, and the temporaries it leaves are cleaned.
    func testKilledWhileSavingLeavesOnlyCompleteFiles() throws {
        let directory = temporaryDirectory()
        let files = (0..<3).map { directory.appending(path: "\($0).json") }
        // Big enough that many kills land in the middle of a write.
        let payload = String(repeating: "é", count: 100_000)
        try DurableFile.write(Data(), to: directory.appending(path: "amorce"))   // loads everything the child uses
        try FileManager.default.removeItem(at: directory.appending(path: "amorce"))
        var temporariesSeen = 0
        for round in 0..<20 {
            for file in files { try? FileManager.default.removeItem(at: file) }   // progress is this round's
            let parent = getpid()
            let child = fork()
            if child == 0 {
                var counter = 0
                while getppid() == parent {
                    counter += 1
                    for file in files {
                        try? DurableFile.write(Data("{\"counter\":\(counter),\"payload\":\"\(payload)\"}\n".utf8), to: file)
                    }
                }
                _exit(0)
            }
            XCTAssertGreaterThan(child, 0)
            // Wait for progress (not for a fixed time), then kill at a point that varies.
            let target = 1 + round % 7
            let deadline = Date().addingTimeInterval(60)
            while counter(files[round % 3]) < target && Date() < deadline { usleep(UInt32(100 + 50 * round)) }
            XCTAssertEqual(kill(child, SIGKILL), 0)
            var status: Int32 = 0
            XCTAssertEqual(waitpid(child, &status, 0), child)
            XCTAssertGreaterThanOrEqual(counter(files[round % 3]), target, "the child made no progress in round \(round)")

            for file in files where FileManager.default.fileExists(atPath: file.path) {
                let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
                XCTAssertEqual((object?["payload"] as? String)?.count, 100_000, "round \(round): \(file.lastPathComponent)")
            }
            temporariesSeen += try names(directory).filter(DurableFile.isTemporary).count
            DurableFile.removeStaleTemporaries(in: directory)
            XCTAssertEqual(try names(directory).filter { !$0.hasSuffix(".json") }, [], "round \(round)")
        }
        print("kill -9 during saves: \(temporariesSeen) temporaries left by 20 kills, all cleaned")
    }

    // MARK: - Helpers

    private func counter(_ url: URL) -> Int {
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return 0 }
        return object["counter"] as? Int ?? 0
    }

    private func names(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    private func mode(_ url: URL) -> mode_t {
        var info = stat()
        stat(url.path, &info)
        return info.st_mode & 0o7777
    }

    private func inode(_ url: URL) -> ino_t {
        var info = stat()
        stat(url.path, &info)
        return info.st_ino
    }

    /// A process id that belongs to no process: a child's, once reaped.
    private func deadPid() -> pid_t {
        let child = fork()
        if child == 0 { _exit(0) }
        var status: Int32 = 0
        waitpid(child, &status, 0)
        return child
    }

    /// Runs `body` in a child process; returns the description of the problem it threw.
    private func inChild(_ body: () throws(StoreProblem) -> Void) throws -> String? {
        var pipeEnds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&pipeEnds), 0)
        let child = fork()
        if child == 0 {
            close(pipeEnds[0])
            do {
                try body()
            } catch {
                let bytes = Array(error.description.utf8)
                _ = Glibc.write(pipeEnds[1], bytes, bytes.count)
            }
            _exit(0)
        }
        close(pipeEnds[1])
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = read(pipeEnds[0], &buffer, buffer.count), count > 0 { output += buffer[0..<count] }
        close(pipeEnds[0])
        var status: Int32 = 0
        waitpid(child, &status, 0)
        return output.isEmpty ? nil : String(decoding: output, as: UTF8.self)
    }

    /// A 256 KiB tmpfs, a real small disk; needs root (mount), skipped otherwise.
    private func smallFileSystem() throws -> URL {
        let directory = temporaryDirectory()
        guard geteuid() == 0, mount("tmpfs", directory.path, "tmpfs", 0, "size=256k") == 0 else {
            throw XCTSkip("mounting a tmpfs needs root")
        }
        addTeardownBlock { umount2(directory.path, 0) }
        return directory
    }

    private func fill(_ directory: URL) {
        let fd = open(directory.appending(path: "remplissage").path, O_WRONLY | O_CREAT, 0o600)
        let block = [UInt8](repeating: 0, count: 4096)
        while Glibc.write(fd, block, block.count) > 0 {}
        close(fd)
    }
}
