import Foundation
import XCTest
import JuryCore
@testable import JuryConsole

/// Every screen rendered into memory and compared with Tests/JuryConsoleTests/Golden/*.txt.
/// `UPDATE_GOLDEN=1 swift test --filter JuryConsoleTests.GoldenTests` rewrites the files.
final class GoldenTests: XCTestCase {
    /// The keys that lead to each screen, from the list.
    private static let scenarios: [(name: String, keys: [Key], text: String)] = [
        ("list", [], ""),
        ("dossier-top", [.enter], ""),
        ("dossier-scrolled", [.enter, .tab, .tab, .tab, .character("j")], ""),
        ("dossier-hostile", [.end, .enter], ""),
        ("dossier-hostile-narrative", [.end, .enter, .tab, .tab, .tab, .tab], ""),
        ("sheet", [.down, .character("e"), .down], ""),
        ("sheet-inline-edit", [.down, .character("e"), .end, .up, .up, .up, .up, .enter], " Très bien, 日本 👍 e\u{301}tape"),
        ("help", [.character("?")], ""),
        ("help-sheet", [.character("e"), .character("?")], ""),
        ("filter-panel", [.character("f"), .down, .right, .down, .down, .right], ""),
        ("search", [.character("/")], "alimentation"),
    ]

    private static let sizes = [(rows: 24, columns: 80), (rows: 40, columns: 120)]

    func testEveryScreenInBothLanguagesAndSizes() throws {
        for language in Language.allCases {
            for size in Self.sizes {
                for scenario in Self.scenarios {
                    var state = Fixture.state(language, rows: size.rows, columns: size.columns)
                    // As the loop would: each save is done, and reported.
                    let effects = scenario.keys.flatMap { state.press($0) } + state.typeScalars(scenario.text)
                    for sheet in effects.saves { _ = update(&state, .saved(dossier: DossierNumber(sheet.dossier))) }
                    try assertGolden(state, "\(scenario.name)-\(language.rawValue)-\(size.columns)x\(size.rows)")
                }
            }
        }
    }

    /// The first frame of a large campaign, drawn from its preview while the whole is read.
    func testLoadingFrame() throws {
        for language in Language.allCases {
            for size in Self.sizes {
                let data = Fixture.data(language, dossiers: Array(Fixture.dossiers.prefix(3)))
                try assertGolden(ConsoleState(loading: data, rows: size.rows, columns: size.columns, now: Fixture.now),
                                 "list-loading-\(language.rawValue)-\(size.columns)x\(size.rows)")
            }
        }
    }

    func testTooSmallTerminal() throws {
        for language in Language.allCases {
            for (rows, columns) in [(10, 39), (6, 20)] {
                try assertGolden(Fixture.state(language, rows: rows, columns: columns),
                                 "too-small-\(language.rawValue)-\(columns)x\(rows)")
            }
        }
    }

    func testNoGoldenHoldsAControlCharacter() throws {
        let directory = try Self.updating ? Self.sourceDirectory : XCTUnwrap(Bundle.module.url(forResource: "Golden", withExtension: nil))
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        XCTAssertGreaterThanOrEqual(files.count, Self.scenarios.count * Language.allCases.count * Self.sizes.count)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let bad = text.unicodeScalars.filter { $0 != "\n" && Sanitizer.isUnsafe($0) }
            XCTAssertTrue(bad.isEmpty, "\(file.lastPathComponent): \(bad.map { String($0.value, radix: 16) })")
        }
    }

    // MARK: Comparison

    private static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    /// The Golden directory in the source tree (the bundle holds a copy made at build time).
    private static var sourceDirectory: URL {
        URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// The frame with its style marks and the cursor position, as stored in a golden file.
    private func frame(_ state: ConsoleState) -> String {
        let surface = MemorySurface(rows: state.rows, columns: state.columns)
        render(state, on: surface)
        let cursor = surface.cursor.map { "cursor: \($0.row),\($0.column)" }
            ?? surface.focus.map { "cursor: \($0.row),\($0.column) (focus)" } ?? "cursor: hidden"
        return surface.styledText() + cursor + "\n"
    }

    func assertGolden(_ state: ConsoleState, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let actual = frame(state)
        if Self.updating {
            let url = Self.sourceDirectory.appendingPathComponent(name + ".txt")
            try actual.write(to: url, atomically: true, encoding: .utf8)
            print("golden written: \(url.path)")
            return
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Golden") else {
            XCTFail("no golden file \(name).txt: run with UPDATE_GOLDEN=1 to write it", file: file, line: line)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        guard expected != actual else { return }
        XCTFail("\(name) differs from its golden file:\n" + Self.diff(expected, actual), file: file, line: line)
    }

    /// The lines that differ, numbered, expected above actual.
    static func diff(_ expected: String, _ actual: String) -> String {
        let old = expected.components(separatedBy: "\n"), new = actual.components(separatedBy: "\n")
        var out: [String] = []
        for i in 0..<max(old.count, new.count) {
            let a = i < old.count ? old[i] : "<absent>", b = i < new.count ? new[i] : "<absent>"
            let number = String(i + 1), margin = String(repeating: " ", count: max(0, 4 - number.count))
            if a != b { out += ["\(margin)\(number) - \(a)", "\(margin)\(number) + \(b)"] }
        }
        return out.prefix(40).joined(separator: "\n") + (out.count > 40 ? "\n…" : "")
    }
}
