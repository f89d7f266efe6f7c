import XCTest
import JuryCore
@testable import JuryConsole

final class SearchTests: XCTestCase {
    func testFoldingRemovesCaseDiacriticsAndLigatures() {
        var folder = SearchFolder()
        XCTAssertEqual(String(decoding: folder.fold("Œuvre ÉLAN Ça l’ESS Straße e\u{301}te\u{301}"), as: UTF8.self),
                       "oeuvre elan ca l'ess strasse ete")
        XCTAssertEqual(String(decoding: folder.fold("日本 🚀 Ærø"), as: UTF8.self), "日本 🚀 aero")
        XCTAssertEqual(String(decoding: folder.fold("100\u{A0}000\u{A0}€"), as: UTF8.self), "100 000 €")
    }

    func testFindsTheFirstOccurrenceAcrossTheVectorBoundaries() {
        let text = Array(String(repeating: "abcdefgh", count: 20).utf8) + Array("xyz".utf8)
        for (needle, expected) in [("xyz", 160), ("hab", 7), ("z", 162), ("cd", 2), ("ha", 7), ("zz", nil), ("", 0)] as [(String, Int?)] {
            let found = text.withUnsafeBytes { text in
                Array(needle.utf8).withUnsafeBytes { ByteSearch.first($0, in: text, from: 0, to: text.count) }
            }
            XCTAssertEqual(found, expected, needle)
        }
        XCTAssertTrue(ByteSearch.contains(Array("cooperation".utf8), Array("oper".utf8)))
        XCTAssertFalse(ByteSearch.contains(Array("coop".utf8), Array("cooper".utf8)))
    }

    func testMatchesStayInsideOneDocumentAndOneField() {
        var folder = SearchFolder()
        var corpus = SearchCorpus()
        corpus.append(["alpha", "beta"], folder: &folder)
        corpus.append(["gamma"], folder: &folder)
        XCTAssertEqual(corpus.matches(Array("ta".utf8)), [SearchCorpus.Hit(document: 0, offset: 8)])
        XCTAssertEqual(corpus.matches(Array("haga".utf8)), [], "no match across two documents")
        XCTAssertEqual(corpus.matches(Array("habe".utf8)), [], "no match across two fields")
        let gamma = corpus.matches(Array("m".utf8))
        XCTAssertEqual(gamma, [SearchCorpus.Hit(document: 1, offset: 13)])
        XCTAssertEqual(corpus.matches(Array("ma".utf8), after: gamma), [SearchCorpus.Hit(document: 1, offset: 14)],
                       "a longer query resumes where the shorter one was found")
        XCTAssertEqual(SearchCorpus().matches(Array("a".utf8)), [])
    }

    /// The incremental search (narrowing the previous matches, reusing them on Backspace) must find
    /// exactly what a plain scan finds.
    func testIncrementalSearchAgreesWithAPlainScan() {
        let dossiers = Fixture.many(400)
        var state = ConsoleState(data: Fixture.data(dossiers: dossiers), rows: 24, columns: 80, now: Fixture.now)
        state.press(.character("/"))
        var folder = SearchFolder()
        func expected(_ query: String) -> [Int] {
            let needle = folder.fold(query)
            return state.data.dossiers.filter { dossier in
                DossierIndex.searchFields(of: dossier).contains { ByteSearch.contains(folder.fold($0), needle) }
            }.map(\.number)
        }
        for query in ["o", "oe", "oeu", "oeuv", "oeu", "o", "mo", "mob", "mobilite 1", "mobilite 12"] {
            state.press(.control("u"))
            state.type(query)
            XCTAssertEqual(state.listedNumbers, expected(query), query)
        }
        for _ in 0..<9 { state.press(.backspace) }
        XCTAssertEqual(state.listedNumbers, expected("mo"))
    }
}
