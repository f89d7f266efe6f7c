import Foundation
import Glibc
import XCTest

/// The server as its systemd unit runs it (deploy/ptce-jury@.service, docs/SERVER.md « Le service
/// systemd »): how it stops.
final class ServerUnitTests: XCTestCase {
    func testSIGTERMLogsTheStopAndRemovesTheSocket() throws {
        try requireRoot()
        let j = try ServedJury(scratch: scratchDirectory())
        addTeardownBlock { j.remove() }
        XCTAssertTrue(FileManager.default.fileExists(atPath: j.socket))
        XCTAssertEqual(j.terminateServer(), "exit 0", j.serverLog)
        XCTAssertTrue(j.serverLog.contains("arrêt demandé (SIGTERM) : socket \(j.socket) retiré"), j.serverLog)
        XCTAssertFalse(FileManager.default.fileExists(atPath: j.socket), "the socket outlived the server")
        // A command typed afterwards finds no server, rather than a socket nobody answers.
        let after = j.run(j.alice, ["list"])
        XCTAssertNotEqual(after.status, 0)
        XCTAssertTrue(after.err.contains("serveur du jury injoignable (\(j.socket) : No such file or directory)"), after.err)
    }
}
