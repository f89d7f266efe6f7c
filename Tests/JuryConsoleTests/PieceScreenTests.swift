import XCTest
import JuryCore
@testable import JuryConsole

/// The pièces justificatives in the dossier screen: one part per pièce with its text, paged with t/T,
/// found by the list's search and by n/N in the dossier.
final class PieceScreenTests: XCTestCase {
    static let statutes = Piece(name: "statuts.pdf", sha256: String(repeating: "a", count: 64), size: 12_000, type: "pdf", pages: 2,
                                text: "Statuts de l’association\n\nArticle 7 : la gouvernance tournante du conseil coopératif.")
    static let photo = Piece(name: "photo.png", sha256: String(repeating: "b", count: 64), size: 2_048, type: "png")
    static let broken = Piece(name: "cassé.pdf", sha256: String(repeating: "c", count: 64), size: 30, type: "pdf",
                              note: "illisible : pdftotext a échoué (code 1)")

    /// The fixture's campaign, dossier 1002 with three pièces.
    static func state() -> ConsoleState {
        var dossiers = Fixture.dossiers
        let index = dossiers.firstIndex { $0.number == 1002 }!
        dossiers[index].pieces = [Self.statutes, Self.photo, Self.broken]
        return ConsoleState(data: Fixture.data(dossiers: dossiers), rows: 24, columns: 80, now: Fixture.now)
    }

    func testTheListsSearchFindsAPiecesTextAndTheDossierShowsIt() throws {
        var state = Self.state()
        state.press(.character("/"))
        state.type("gouvernance tournante")
        XCTAssertEqual(state.listedNumbers, [1002], "only the text of a pièce holds these words")
        state.press(.enter, .enter)
        XCTAssertEqual(state.currentNumber, 1002)
        state.press(.character("n"))
        let screen = state.screenText()
        XCTAssertTrue(screen.contains("Article 7 : la gouvernance tournante du conseil coopératif."), screen)
    }

    func testEachPieceIsAPartWithItsNamePagesSizeAndTextPagedWithT() throws {
        var state = Self.state()
        while state.currentNumber != 1002 { state.press(.down) }
        state.press(.enter)
        let document = try XCTUnwrap(state.dossier).document
        let text = document.lines.map(\.text)
        XCTAssertTrue(text.contains("Pièces justificatives (3)"), "\(text)")
        XCTAssertEqual(document.pieceStarts.map { text[$0] }, [
            "Pièce 1/3 · statuts.pdf — PDF, 2 pages, 12 Ko",
            "Pièce 2/3 · photo.png — PNG, 2 Ko",
            "Pièce 3/3 · cassé.pdf — PDF, 30 o",
        ])
        XCTAssertEqual(text[document.pieceStarts[0] + 3], "Article 7 : la gouvernance tournante du conseil coopératif.")
        XCTAssertEqual(text[document.pieceStarts[1] + 1], "(pas de texte)")
        XCTAssertEqual(text[document.pieceStarts[2] + 1], "illisible : pdftotext a échoué (code 1)")

        state.press(.character("t"))
        XCTAssertTrue(state.screenText().split(separator: "\n")[1].contains("Pièce 1/3 · statuts.pdf — PDF, 2 pages, 12 Ko"))
        state.press(.character("t"))
        XCTAssertEqual(state.dossier?.scroll, min(document.pieceStarts[1], document.lines.count - Layout.bodyHeight(rows: 24)))
        state.press(.character("T"))
        XCTAssertEqual(state.dossier?.scroll, document.pieceStarts[0], "T goes back to the previous pièce")
    }

    func testTSaysSoOnADossierWithoutPieces() throws {
        var state = Self.state()
        state.press(.enter)
        XCTAssertNotEqual(state.currentNumber, 1002)
        state.press(.character("t"))
        XCTAssertTrue(state.screenText().contains("Ce dossier n’a pas de pièces justificatives importées"), state.screenText())
    }
}
