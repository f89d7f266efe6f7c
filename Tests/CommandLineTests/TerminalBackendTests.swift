import Foundation
import XCTest

import JuryConsole
@testable import JuryTerminal

/// The ncurses backend without a terminal: what crosses the link, and how keys are read.
final class TerminalBackendTests: XCTestCase {
    /// A full-width list at 120×40 with one highlighted row, like the dossier list.
    /// `blank`: rows left empty.
    private func list(selected: Int, blank: Set<Int> = []) -> (Surface) -> Void {
        { surface in
            surface.put(" Dossiers — AMI PTCE 2023", row: 0, column: 0, style: [.bold, .accent])
            for index in 0..<38 where !blank.contains(index + 1) {
                let line = " \(1000 + index)  PTCE Écopôle du Val n° \(index)  Auvergne-Rhône-Alpes  \(index % 20)/20"
                surface.put(line.padding(toLength: surface.columns, withPad: " ", startingAt: 0),
                            row: index + 1, column: 0, style: index == selected ? .reverse : index % 3 == 0 ? .good : [])
            }
            surface.put(" j/k move  / search  ? help", row: 39, column: 0, style: .dim)
        }
    }

    func testAnUnchangedFrameSendsNothingAndAOneRowMoveFarLessThanARepaint() throws {
        let moves = try TerminalTraffic.bytesForFrames(
            rows: 40, columns: 120, draw: [list(selected: 5), list(selected: 5), list(selected: 6)])
        let repaints = try TerminalTraffic.bytesForFrames(
            rows: 40, columns: 120, repaint: true, draw: [list(selected: 6), list(selected: 6)])
        XCTAssertLessThanOrEqual(moves[1], 8, "an identical frame should send (almost) nothing")
        XCTAssertGreaterThan(moves[2], 0, "the highlight moved: something must be sent")
        XCTAssertLessThan(moves[2] * 10, repaints[1], "a one-row move should cost a small part of a repaint")
        // Redrawing just the two rows that changed: erase them, then write them again.
        let redraw = try TerminalTraffic.bytesForFrames(rows: 40, columns: 120, draw: [
            list(selected: 5), list(selected: 5, blank: [6, 7]), list(selected: 6),
        ])
        XCTAssertLessThanOrEqual(moves[2], redraw[1] + redraw[2], "ncurses' diff should cost no more than redrawing the two rows")
        print("120×40: first frame \(moves[0]) B, unchanged \(moves[1]) B, one-row move \(moves[2]) B, repaint \(repaints[1]) B")
    }

    func testControlBytesBecomeKeysAndOtherControlsAreDropped() {
        XCTAssertEqual(KeyDecoding.key(character: 13), .enter)
        XCTAssertEqual(KeyDecoding.key(character: 10), .enter)
        XCTAssertEqual(KeyDecoding.key(character: 127), .backspace)
        XCTAssertEqual(KeyDecoding.key(character: 8), .backspace)
        XCTAssertEqual(KeyDecoding.key(character: 27), .escape)
        XCTAssertEqual(KeyDecoding.key(character: 9), .tab)
        XCTAssertEqual(KeyDecoding.key(character: 3), .control("c"))
        XCTAssertEqual(KeyDecoding.key(character: 12), .control("l"))
        XCTAssertEqual(KeyDecoding.key(character: 0xE9), .character("é"))
        XCTAssertNil(KeyDecoding.key(character: 0x1C))     // Ctrl-\
        XCTAssertNil(KeyDecoding.key(character: 0x9B))     // C1 CSI
        XCTAssertNil(KeyDecoding.key(character: 0x202E))   // right-to-left override
    }

    /// PuTTY's default Home and End (ESC[1~, ESC[4~) and rxvt's, on a terminal type whose terminfo
    /// names others (xterm: ESC OH, ESC OF): read as Home and End, not as Esc then `1~`.
    func testHomeEndDeletePageKeysFromTheCommonVTSequences() throws {
        let bytes = "\u{1B}[1~\u{1B}[4~\u{1B}[3~\u{1B}[5~\u{1B}[6~\u{1B}[7~\u{1B}[8~\u{1B}OH\u{1B}OFx"
        let input = try XCTUnwrap(tmpfile())
        defer { fclose(input) }
        fputs(bytes, input)
        rewind(input)
        let output = try XCTUnwrap(tmpfile())
        defer { fclose(output) }
        let terminal = try CursesTerminal(input: input, output: output, type: "xterm", colour: false)
        defer { terminal.close() }
        var keys: [Key] = []
        while keys.count < 10, let next = terminal.nextInput(timeout: 1_000) {
            if case .key(let key) = next { keys.append(key) }
        }
        XCTAssertEqual(keys, [.home, .end, .delete, .pageUp, .pageDown, .home, .end, .home, .end, .character("x")])
    }
}
