import Foundation
import Glibc
import JuryCore
import JuryDemo
import XCTest
@testable import JuryStore

enum Unavailable: Error {
    case root, tmpfs, accounts(String), tool(String)
}

/// These tests act as a server's administrator: they create accounts, mount file systems and
/// check permissions that root itself ignores. Without root they fail, saying so.
func requireRoot(file: StaticString = #filePath, line: UInt = #line) throws {
    guard geteuid() == 0 else {
        XCTFail("SharedServerTests need root (useradd, mount, setpriv); run them as root, as CI does", file: file, line: line)
        throw Unavailable.root
    }
}

extension XCTestCase {
    /// A fresh directory that ordinary accounts can traverse, removed when the test ends.
    func scratchDirectory() -> URL {
        let url = URL(fileURLWithPath: "/tmp").appending(path: "ptce-shared-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        chmod(url.path, 0o755)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// A small campaign (4 dossiers, reviewers without conflicts, no sheets) written by the store.
    func smallCampaign(at root: URL, reviewers: [String] = ["alice", "bob"], chair: String = "presidente") throws -> [Int] {
        let generated = SyntheticCampaign.generate(dossiers: 4, reviewers: 1, seed: 11)
        let jury = Jury(members: [JuryMember(login: chair, name: "Présidence", role: .chair)]
                        + reviewers.map { JuryMember(login: $0, name: $0.capitalized, role: .reviewer) })
        try CampaignStore.create(at: root, campaign: generated.campaign, jury: jury, dossiers: generated.dossiers, sheets: [])
        return generated.dossiers.map(\.number)
    }

    /// A small tmpfs: a real disk that fills up, and can be made read-only. Fails loudly when it
    /// cannot be mounted.
    func smallDisk(size: String = "2m") throws -> URL {
        try requireRoot()
        let directory = scratchDirectory()
        guard mount("tmpfs", directory.path, "tmpfs", 0, "size=\(size),mode=0755") == 0 else {
            XCTFail("mount -t tmpfs failed (\(String(cString: strerror(errno)))): the full-disk and read-only tests need it")
            throw Unavailable.tmpfs
        }
        addTeardownBlock { umount2(directory.path, 0) }
        return directory
    }

    /// Fills the file system holding `directory` to the last block.
    func fill(_ directory: URL) -> URL {
        let url = directory.appending(path: "remplissage")
        let fd = open(url.path, O_WRONLY | O_CREAT, 0o600)
        let block = [UInt8](repeating: 1, count: 4096)
        while write(fd, block, block.count) > 0 {}
        close(fd)
        return url
    }

    /// Every temporary left by a save, anywhere under `root`.
    func temporaries(under root: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if DurableFile.isTemporary(URL(fileURLWithPath: path).lastPathComponent) { found.append(path) }
        }
        return found
    }

    func bytes(_ url: URL) -> Data { (try? Data(contentsOf: url)) ?? Data() }
    func text(_ url: URL) -> String { String(decoding: bytes(url), as: UTF8.self) }
}

/// Runs `body` in a child process that reports on a pipe; returns when the child exits.
struct Child {
    let pid: pid_t
    let reports: Int32

    /// `body` gets the pipe's write end. The child never returns into XCTest.
    static func start(_ body: (Int32) -> Void) -> Child {
        var ends: [Int32] = [0, 0]
        precondition(pipe(&ends) == 0)
        let pid = fork()
        if pid == 0 {
            close(ends[0])
            body(ends[1])
            _exit(0)
        }
        close(ends[1])
        return Child(pid: pid, reports: ends[0])
    }

    /// Reports are lines of text; nil at the end of the pipe.
    func readAll() -> String {
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = read(reports, &buffer, buffer.count), count > 0 { output += buffer[0..<count] }
        return String(decoding: output, as: UTF8.self)
    }

    @discardableResult
    func wait() -> Int32 {
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(reports)
        return status
    }
}

func report(_ text: String, to fd: Int32) {
    let bytes = Array((text + "\n").utf8)
    _ = write(fd, bytes, bytes.count)
}
