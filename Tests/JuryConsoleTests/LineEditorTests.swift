import XCTest
import JuryCore
@testable import JuryConsole

final class LineEditorTests: XCTestCase {
    private func typed(_ scalars: String, into editor: inout LineEditor) {
        for scalar in scalars.unicodeScalars { _ = editor.handle(.character(Character(scalar))) }
    }

    func testAPrecomposedAccentIsOneStep() {
        var editor = LineEditor("")
        typed("éé", into: &editor)
        XCTAssertEqual(editor.cursor, 2)
        XCTAssertEqual(editor.cursorColumn, 2)
        XCTAssertEqual(editor.handle(.backspace), .changed)
        XCTAssertEqual(editor.text, "é")
    }

    func testACombiningAccentJoinsItsLetter() {
        var editor = LineEditor("")
        typed("e\u{301}t", into: &editor)
        XCTAssertEqual(editor.characters, ["e\u{301}", "t"])
        XCTAssertEqual(editor.cursorColumn, 2)
        _ = editor.handle(.left)
        _ = editor.handle(.left)
        XCTAssertEqual(editor.cursor, 0)
        XCTAssertEqual(editor.handle(.delete), .changed)
        XCTAssertEqual(editor.text, "t", "Delete removes the letter with its accent")
        _ = editor.handle(.end)
        typed("e\u{300}", into: &editor)
        _ = editor.handle(.backspace)
        XCTAssertEqual(editor.text, "t")
    }

    func testAnAccentTypedInTheMiddleKeepsTheCursorAfterIt() {
        var editor = LineEditor("ete")
        _ = editor.handle(.home)
        _ = editor.handle(.right)
        typed("\u{301}", into: &editor)
        XCTAssertEqual(editor.text, "e\u{301}te")
        XCTAssertEqual(editor.cursor, 1)
    }

    func testWideCharactersTakeTwoColumnsAndOneStep() {
        var editor = LineEditor("日本")
        XCTAssertEqual(editor.cursorColumn, 4)
        _ = editor.handle(.left)
        XCTAssertEqual(editor.cursorColumn, 2)
        _ = editor.handle(.backspace)
        XCTAssertEqual(editor.text, "本")
    }

    func testEmojiSequencesAreOneStep() {
        var editor = LineEditor("")
        typed("a👩‍👩‍👧👍🏽", into: &editor)
        XCTAssertEqual(editor.characters.count, 3)
        _ = editor.handle(.backspace)
        _ = editor.handle(.backspace)
        XCTAssertEqual(editor.text, "a")
    }

    func testHomeEndAndKillKeys() {
        var editor = LineEditor("Bonjour")
        XCTAssertEqual(editor.handle(.control("a")), .moved)
        XCTAssertEqual(editor.cursor, 0)
        XCTAssertEqual(editor.handle(.home), .ignored)
        XCTAssertEqual(editor.handle(.control("e")), .moved)
        XCTAssertEqual(editor.cursor, 7)
        XCTAssertEqual(editor.handle(.right), .ignored)
        _ = editor.handle(.left)
        _ = editor.handle(.left)
        XCTAssertEqual(editor.handle(.control("k")), .changed)
        XCTAssertEqual(editor.text, "Bonjo")
        _ = editor.handle(.left)
        XCTAssertEqual(editor.handle(.control("u")), .changed)
        XCTAssertEqual(editor.text, "o")
        _ = editor.handle(.end)
        XCTAssertEqual(editor.handle(.delete), .ignored)
    }

    func testControlCharactersAreNotText() {
        var editor = LineEditor("a")
        for scalar: Unicode.Scalar in ["\u{1B}", "\u{7}", "\u{9B}", "\u{202E}", "\n", "\u{7F}"] {
            XCTAssertEqual(editor.handle(.character(Character(scalar))), .ignored)
        }
        XCTAssertEqual(editor.handle(.function(5)), .ignored)
        XCTAssertEqual(editor.text, "a")
    }

    func testScrollsHorizontallyToKeepTheCursorInTheField() {
        var editor = LineEditor(String(repeating: "日本語", count: 10))   // 60 columns
        editor.keepCursorVisible(width: 20)
        var shown = editor.visible(width: 20)
        XCTAssertLessThanOrEqual(DisplayWidth.of(shown.text), 20)
        XCTAssertTrue((0..<20).contains(shown.cursor))
        _ = editor.handle(.home)
        editor.keepCursorVisible(width: 20)
        shown = editor.visible(width: 20)
        XCTAssertEqual(shown.cursor, 0)
        XCTAssertEqual(shown.text, String(repeating: "日本語", count: 10).prefix(10).description)
        for _ in 0..<12 { _ = editor.handle(.right) }
        editor.keepCursorVisible(width: 19)   // a wide character may be cut by the left edge
        shown = editor.visible(width: 19)
        XCTAssertLessThanOrEqual(DisplayWidth.of(shown.text), 19)
        XCTAssertTrue((0..<19).contains(shown.cursor))
        var starts: [Int] = [], column = 0
        for character in shown.text { starts.append(column); column += DisplayWidth.of(character) }
        XCTAssertTrue(starts.contains(shown.cursor), "the cursor sits on the start of a character, never in its middle")
    }

    func testALineBreakShowsAsASymbol() {
        let editor = LineEditor("a\nb")
        XCTAssertEqual(editor.visible(width: 10).text, "a↵b")
        XCTAssertEqual(editor.cursorColumn, 3)
    }
}
