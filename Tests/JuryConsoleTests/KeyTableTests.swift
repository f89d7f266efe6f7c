import Foundation
import XCTest
import JuryCore
@testable import JuryConsole

/// The key tables: every binding can be reached, the help and the key bar come from them, they
/// offer only what applies, and the README's keys table is generated from them.
final class KeyTableTests: XCTestCase {
    /// A binding is reached in a state when it applies and one of its keys is not taken by an
    /// earlier binding that applies too.
    private func reached<Action>(_ bindings: [KeyBinding<Action>], into seen: inout Set<Int>) {
        for (i, binding) in bindings.enumerated() where binding.applies {
            if binding.keys.contains(where: { key in bindings.firstIndex { $0.applies && $0.keys.contains(key) } == i }) {
                seen.insert(i)
            }
        }
    }

    private func assertAllReached<Action>(_ bindings: [KeyBinding<Action>], _ seen: Set<Int>, _ name: String,
                                          file: StaticString = #filePath, line: UInt = #line) {
        for (i, binding) in bindings.enumerated() where !binding.keys.isEmpty && !seen.contains(i) {
            XCTFail("\(name): « \(binding.help.fr) » (\(Key.names(binding.keys, .fr))) is never reached", file: file, line: line)
        }
    }

    /// The sheet of a dossier from the list, focus on `row`.
    private func sheet(_ number: Int, row: Int = 0) -> ConsoleState {
        var state = Fixture.state()
        while state.currentNumber != number { state.press(.down) }
        state.press(.character("e"))
        for _ in 0..<row { state.press(.down) }
        return state
    }

    /// The chair's board while a séance sits, its figures read.
    private static func boardInSeance() -> ConsoleState {
        BoardFixture.sitting(as: "jmartin", BoardFixture.figures(for: "jmartin"),
                             seance: SeanceView(number: 1, place: "Paris", present: ["jmartin"], quorum: 1))
    }

    func testEveryBindingIsReachedInSomeState() {
        var list = Fixture.state(), searching = Fixture.state()
        searching.press(.character("/"))
        searching.type("pôle")
        var seen = Set<Int>()
        reached(list.listBindings, into: &seen)
        reached(searching.listBindings, into: &seen)
        reached(BoardFixture.board(as: "jmartin").listBindings, into: &seen)
        assertAllReached(list.listBindings, seen, "list")

        seen = []
        reached(searching.searchBindings, into: &seen)
        assertAllReached(searching.searchBindings, seen, "search")
        searching.press(.enter)

        list.press(.character("f"))
        seen = []
        reached(list.filterBindings, into: &seen)
        assertAllReached(list.filterBindings, seen, "filters")
        list.press(.escape)

        seen = []
        list.press(.enter)
        searching.press(.enter)
        reached(list.dossierBindings, into: &seen)
        reached(searching.dossierBindings, into: &seen)
        // t and T apply to a dossier that has pièces justificatives.
        var withPieces = PieceScreenTests.state()
        while withPieces.currentNumber != 1002 { withPieces.press(.down) }
        withPieces.press(.enter)
        reached(withPieces.dossierBindings, into: &seen)
        assertAllReached(list.dossierBindings, seen, "dossier")

        // A draft on every row, with something to undo; a submitted sheet (1001).
        seen = []
        var reference: [KeyBinding<SheetAction>] = []
        for row in 0..<SheetRow.all(criteria: Fixture.campaign.criteria.count).count {
            var state = sheet(1002, row: row)
            state.press(.character("g"))
            state.press(.character("4"))
            for _ in 0..<row { state.press(.down) }
            reached(state.sheetBindings, into: &seen)
            reference = state.sheetBindings
        }
        reached(sheet(1001).sheetBindings, into: &seen)
        assertAllReached(reference, seen, "sheet")

        var writing = sheet(1003, row: 5)
        writing.press(.enter)
        seen = []
        reached(writing.sheetFieldBindings, into: &seen)
        assertAllReached(writing.sheetFieldBindings, seen, "sheet writing")

        let chair = BoardFixture.board(as: "jmartin"), reviewer = BoardFixture.board(as: "mdupont")
        var finalised = BoardFixture.board(as: "jmartin"), frozen = BoardFixture.allocation
        frozen.finalized = Finalization(at: Fixture.now, by: "jmartin")
        _ = update(&finalised, .allocation(.loaded(frozen)))
        seen = []
        reached(chair.boardBindings, into: &seen)
        reached(reviewer.boardBindings, into: &seen)
        reached(finalised.boardBindings, into: &seen)
        // The séance's keys apply once one is open.
        let sitting = Self.boardInSeance()
        reached(sitting.boardBindings, into: &seen)
        assertAllReached(chair.boardBindings, seen, "board")

        var placing = BoardFixture.board(as: "jmartin")
        placing.press(.character("s"))
        seen = []
        reached(placing.placeBindings, into: &seen)
        assertAllReached(placing.placeBindings, seen, "séance's place")

        placing.type("Paris")
        placing.press(.enter)
        seen = []
        reached(placing.secretaryBindings, into: &seen)
        assertAllReached(placing.secretaryBindings, seen, "séance's secretary")

        var voting = Self.boardInSeance()
        voting.press(.character("w"))
        seen = []
        reached(voting.voteBindings, into: &seen)
        assertAllReached(voting.voteBindings, seen, "decision's vote")

        var ticking = Self.boardInSeance()
        ticking.press(.character("A"))
        _ = update(&ticking, .seance(.connected(["jmartin", "lcaron"])))
        seen = []
        reached(ticking.presenceBindings, into: &seen)
        assertAllReached(ticking.presenceBindings, seen, "presence")

        var motivating = BoardFixture.board(as: "jmartin")
        motivating.press(.down, .character(" "))
        seen = []
        reached(motivating.motivationBindings, into: &seen)
        assertAllReached(motivating.motivationBindings, seen, "motivation")

        // The checklist: an item about a rule (no dossier to go to), one about a dossier, and, the
        // proposal adopted and every item acknowledged, the finalisation.
        var onRule = BoardFixture.checklist(), onDossier = BoardFixture.checklist()
        onDossier.press(.down)
        var settled = BoardFixture.board(as: "jmartin")
        settled.press(.character("p"), .character("o"), .character("F"))
        _ = update(&settled, .allocation(.checklistLoaded(BoardFixture.checklistInputs)))
        while let open = settled.board?.checklist?.checklist, let item = open.open.first, let index = open.items.firstIndex(of: item) {
            settled.press(.character("g"))
            for _ in 0..<index { settled.press(.down) }
            settled.press(.character("a"))
            settled.type("Vu")
            settled.press(.enter)
        }
        seen = []
        for state in [onRule, onDossier, settled] { reached(state.checklistBindings, into: &seen) }
        assertAllReached(onRule.checklistBindings, seen, "checklist")

        var conflict = Fixture.state()
        conflict.press(.character("c"))
        seen = []
        reached(ConflictField.bindings, into: &seen)
        assertAllReached(ConflictField.bindings, seen, "conflict")

        seen = []
        reached(Pager.bindings, into: &seen)
        reached(list.globalBindings, into: &seen)
        assertAllReached(Pager.bindings, seen, "pager")
    }

    /// The help shows each binding that applies, with its keys, and nothing else; the key bar
    /// only labels that the table gives.
    func testTheHelpAndTheKeyBarComeFromTheTable() {
        for language in Language.allCases {
            var states = [Fixture.state(language, rows: 60, columns: 120), sheet(1002), BoardFixture.board(as: "jmartin", language, rows: 60, columns: 120)]
            states[1] = { var s = Fixture.state(language, rows: 60, columns: 120); s.press(.down, .character("e")); return s }()
            for var state in states {
                let table = state.keyTable
                let bar = state.screenText().split(separator: "\n").last.map(String.init) ?? ""
                for line in table.applicable {
                    if let label = line.bar?.text(language) { XCTAssertTrue(bar.contains(line.barKeys(language) + " " + label), "\(label) in « \(bar) »") }
                }
                state.press(.character("?"))
                let help = state.pagerLines(width: state.columns - 4).lines.map(\.text)
                // One line per binding (wrapped lines start blank), then the notes after a blank line.
                let bindings = help.prefix { !$0.isEmpty }
                XCTAssertEqual(bindings.filter { !$0.hasPrefix(" ") }.count, table.applicable.count, help.joined(separator: "\n"))
                for note in table.notes { XCTAssertTrue(help.joined(separator: " ").contains(note.text(language).prefix(20))) }
                for line in table.applicable {
                    XCTAssertTrue(help.contains { $0.hasPrefix(line.keyNames(language)) }, "\(line.keyNames(language)) in the help")
                }
            }
        }
    }

    /// What does not apply is not offered: a submitted sheet has no « s soumettre », a reviewer's
    /// board no chair's keys, a finalised board none either.
    func testOnlyWhatAppliesIsOffered() {
        let submitted = sheet(1001)
        XCTAssertFalse(submitted.screenText().contains("s soumettre"))
        XCTAssertTrue(submitted.screenText().contains("r rouvrir"))
        XCTAssertTrue(submitted.screenText().contains("] suivant à noter"))
        var draft = sheet(1002)
        XCTAssertTrue(draft.screenText().contains("s soumettre"))
        XCTAssertTrue(draft.screenText().contains("1 … 5 note"), "the digits of the grid's scale, not 0 … 9")
        draft.press(.character("r"))
        XCTAssertEqual(draft.messageText, "Cette fiche n’est pas soumise", "a key that does not apply says why")

        let reviewer = BoardFixture.board(as: "mdupont")
        XCTAssertFalse(reviewer.screenText().contains("Espace"))
        XCTAssertFalse(reviewer.keyTable.applicable.contains { $0.keys.contains(.character(" ")) })

        var chair = BoardFixture.board(as: "jmartin", rows: 40, columns: 120)
        XCTAssertTrue(chair.keyTable.applicable.contains { $0.keys.contains(.character("F")) })
        chair.press(.character("p"), .character("o"))
        var finalised = BoardFixture.allocation
        finalised.finalized = Finalization(at: Fixture.now, by: "jmartin")
        _ = update(&chair, .allocation(.loaded(finalised)))
        XCTAssertNotNil(chair.board?.allocation.finalized)
        XCTAssertFalse(chair.keyTable.applicable.contains { $0.keys.contains(.character(" ")) || $0.keys.contains(.character("F")) })
        XCTAssertFalse(chair.screenText().contains("F finaliser"))
        chair.press(.character(" "))
        XCTAssertTrue(chair.messageText?.contains("finalisée") ?? false, chair.messageText ?? "no message")
    }

    // MARK: the README

    /// The README's keys table, in English, from each screen's table.
    static func readmeKeysTable() -> String {
        let l = Language.en
        var list = Fixture.state(l), search = Fixture.state(l), filters = Fixture.state(l), conflict = Fixture.state(l)
        search.press(.character("/"))
        filters.press(.character("f"))
        conflict.press(.character("c"))
        var dossier = Fixture.state(l)
        dossier.press(.down, .enter)
        var sheet = dossier, writing = dossier
        sheet.press(.character("e"))
        writing.press(.character("e"), .enter)
        var board = BoardFixture.board(as: "jmartin", l), motivation = BoardFixture.board(as: "jmartin", l)
        motivation.press(.down, .character(" "))
        var presence = BoardFixture.board(as: "jmartin", l)
        _ = update(&presence, .seance(.proposed(place: "Paris", present: ["jmartin"], secretary: nil)))
        let checklist = BoardFixture.checklist(l)
        var reason = BoardFixture.checklist(l)
        reason.press(.character("a"))
        var pager = Fixture.state(l)
        pager.press(.character("?"))
        let rows = [
            list.keyTable.markdownRow(l, name: "Dossiers (home)"), search.keyTable.markdownRow(l, name: "Search field (/)"),
            filters.keyTable.markdownRow(l, name: "Filter panel (f)"), dossier.keyTable.markdownRow(l),
            sheet.keyTable.markdownRow(l), writing.keyTable.markdownRow(l, name: "Score sheet, writing a comment"),
            board.keyTable.markdownRow(l, name: "Allocation (a)"), motivation.keyTable.markdownRow(l, name: "Motivation field"),
            presence.keyTable.markdownRow(l, name: "Members present (s, A)"),
            checklist.keyTable.markdownRow(l, name: "Finalisation checklist (F)"), reason.keyTable.markdownRow(l, name: "Acknowledgement reason"),
            conflict.keyTable.markdownRow(l, name: "Conflict reason (c)"), pager.keyTable.markdownRow(l, name: "Reading (help, t)"),
            list.keyTable.markdownRow(l, name: "Everywhere", everywhere: true),
        ]
        _ = (list.screen, board.screen)
        return (["| Screen | Keys |", "|---|---|"] + rows).joined(separator: "\n")
    }

    static let readmeStart = "<!-- keys: generated from the console's key tables by scripts/keys-table.sh; do not edit -->"
    static let readmeEnd = "<!-- /keys -->"

    /// `UPDATE_README=1` (scripts/keys-table.sh) writes the table into the README.
    func testTheReadmeKeysTableIsTheKeyTables() throws {
        let readme = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try XCTUnwrap(text.range(of: Self.readmeStart), "README.md has no keys table marker")
        let end = try XCTUnwrap(text.range(of: Self.readmeEnd, range: start.upperBound..<text.endIndex))
        let generated = "\n" + Self.readmeKeysTable() + "\n"
        if ProcessInfo.processInfo.environment["UPDATE_README"] == "1" {
            try (text[..<start.upperBound] + generated + text[end.lowerBound...]).write(to: readme, atomically: true, encoding: .utf8)
            print("README.md keys table written")
            return
        }
        XCTAssertEqual(String(text[start.upperBound..<end.lowerBound]), generated,
                       "README.md's keys table differs from the key tables: run scripts/keys-table.sh")
    }
}

/// The tables of the screen components in the stack, as the console dispatches them; a screen
/// that is not open fails the test rather than give an empty table that every check would pass.
private extension ConsoleState {
    var listBindings: [KeyBinding<ListAction>] { list.bindings(context) }
    var searchBindings: [KeyBinding<FieldAction>] { list.searchBindings }
    var filterBindings: [KeyBinding<FilterAction>] { list.filterBindings }
    var dossierBindings: [KeyBinding<DossierAction>] { open(dossier)?.bindings(context) ?? [] }
    var sheetBindings: [KeyBinding<SheetAction>] { open(sheet)?.bindings(context) ?? [] }
    var sheetFieldBindings: [KeyBinding<FieldAction>] { open(sheet)?.fieldBindings ?? [] }
    var boardBindings: [KeyBinding<BoardAction>] { open(board)?.bindings(context) ?? [] }
    var motivationBindings: [KeyBinding<FieldAction>] { open(board)?.motivationBindings ?? [] }
    var checklistBindings: [KeyBinding<ChecklistView.Action>] { open(board?.checklist)?.bindings(context) ?? [] }
    var placeBindings: [KeyBinding<FieldAction>] { open(board)?.placeBindings ?? [] }
    var voteBindings: [KeyBinding<FieldAction>] { open(board)?.voteBindings ?? [] }
    var presenceBindings: [KeyBinding<PresenceList.Action>] { open(board?.presence).map { _ in board!.presenceBindings } ?? [] }
    var secretaryBindings: [KeyBinding<FieldAction>] { open(board)?.secretaryBindings ?? [] }

    func open<Screen>(_ screen: Screen?, file: StaticString = #filePath, line: UInt = #line) -> Screen? {
        if screen == nil { XCTFail("\(Screen.self) is not open", file: file, line: line) }
        return screen
    }
}
