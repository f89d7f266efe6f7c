import Foundation
import JuryCore
@testable import JuryImport
import JuryStore
import XCTest
import ZIPFoundation

/// The platform's ZIP export of dossiers with their pièces justificatives: kept in the campaign under
/// their digest, their text read once (real PDFs made here, read by pdftotext), journaled, imported
/// again without change; hostile entries refused with their name, nothing written outside the campaign.
final class PieceImportTests: XCTestCase {
    /// A campaign holding dossiers 101, 102 and 103 (the API pages of the fixtures).
    private func campaign(_ directory: URL) throws -> URL {
        let root = try emptyCampaign(in: directory)
        let store = try CampaignStore.open(root)
        let pages = [file("page-1.json", DS.page1, in: directory), file("page-2.json", DS.page2, in: directory)]
        _ = try DossierImport().plan(pages, existing: store.dossiers).save(to: store)
        return root
    }

    private func importing(_ data: Data, named name: String, into root: URL, in directory: URL) throws -> ImportReport {
        let url = directory.appending(path: name)
        try data.write(to: url)
        let store = try CampaignStore.open(root)
        try store.act(as: "presidente")
        return try DossierImport().plan([url], existing: store.dossiers).save(to: store)
    }

    static func zip(_ entries: [(String, Data)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data!
    }

    private func requirePdftotext() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            throw XCTSkip("pdftotext is not installed (Debian package poppler-utils, installed by .ci/run)")
        }
    }

    func testABulkExportKeepsEachDossiersPiecesWithTheirTextAndAReimportChangesNothing() throws {
        try requirePdftotext()
        let directory = scratchDirectory()
        let root = try campaign(directory)
        let statutes = PlatformExport.pdf(pages: ["Statuts de la coopérative à Besançon", "Article 2 : l’œuvre commune, 15 000 €"])
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 2_040))
        let export = try Self.zip([
            ("export/dossier-101/dossier-101-20230731-120000.pdf", PlatformExport.pdf(pages: ["Dossier 101"])),
            ("export/dossier-101/pieces_justificatives/statuts.pdf", statutes),
            ("export/dossier-101/pieces_justificatives/budget.xlsx", try OfficeFile.xlsx(Workbook.sheets)),
            ("export/dossier-101/pieces_justificatives/photo.png", png),
            ("export/dossier-999/pieces_justificatives/perdue.pdf", statutes),
        ])
        let report = try importing(export, named: "export.zip", into: root, in: directory)

        XCTAssertEqual(report.pieces, 5)
        XCTAssertEqual(report.updated, [.init(number: 101, fields: ["pièces justificatives"])])
        XCTAssertEqual(report.vanished, [], "an export of pièces does not list the dossiers: none is said to be missing")
        XCTAssertTrue(report.notes.contains("pièces d’un dossier inconnu, non reprises : n° 999 (perdue.pdf)"), "\(report.notes)")
        XCTAssertTrue(report.written)

        let dossier = try XCTUnwrap(try CampaignStore.open(root).dossiers.first { $0.number == 101 })
        XCTAssertEqual(dossier.justificatives.map(\.name), ["dossier-101-20230731-120000.pdf", "statuts.pdf", "budget.xlsx", "photo.png"])
        let read = dossier.justificatives[1]
        XCTAssertEqual(read.type, "pdf")
        XCTAssertEqual(read.pages, 2)
        XCTAssertEqual(read.size, statutes.count)
        XCTAssertEqual(read.text, "Statuts de la coopérative à Besançon\n\nArticle 2 : l’œuvre commune, 15 000 €")
        XCTAssertEqual(read.summary(.fr), "PDF, 2 pages, \(Labels.fileSize(statutes.count, .fr))")
        let table = try XCTUnwrap(dossier.justificatives[2].text)
        XCTAssertTrue(table.contains("[Dossiers]"), table)
        XCTAssertTrue(table.contains(" │ "), "a workbook reads as a table: \(table)")
        XCTAssertEqual(dossier.justificatives[3].type, "png")
        XCTAssertNil(dossier.justificatives[3].text)
        XCTAssertEqual(dossier.justificatives[3].summary(.fr), "PNG, 2 Ko")

        // Each pièce is the exported bytes under its digest, in the dossier's folder: nothing for 999, nothing elsewhere.
        let stored = CampaignFiles.piece(root, 101, read.sha256)
        XCTAssertEqual(try Data(contentsOf: stored), statutes)
        XCTAssertEqual(read.sha256, SHA256Hex.of(statutes))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.appending(path: "attachments").path), ["101"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: CampaignFiles.pieces(root, 101).path).count, 4)

        // Journaled in the chair's name, with the pièces' names and digests.
        let journal = try String(contentsOf: CampaignFiles.journal(root, "presidente"), encoding: .utf8)
        XCTAssertTrue(journal.contains(#""action":"pieces""#), journal)
        XCTAssertTrue(journal.contains("statuts.pdf (\(read.sha256))"), journal)

        // The same export again: nothing is written, not even the journal.
        let before = snapshot(root)
        let again = try importing(export, named: "export.zip", into: root, in: directory)
        XCTAssertFalse(again.written)
        XCTAssertEqual(again.updated, [])
        XCTAssertEqual(snapshot(root), before)

        // Importing the API pages again keeps the pièces: they come from the ZIP export only.
        let store = try CampaignStore.open(root)
        let pages = [file("page-1.json", DS.page1, in: directory), file("page-2.json", DS.page2, in: directory)]
        XCTAssertFalse(try DossierImport().plan(pages, existing: store.dossiers).changes)
    }

    func testOneDossiersOwnExportIsRecognisedAndAnUnreadablePieceIsReportedWhileTheImportGoesOn() throws {
        try requirePdftotext()
        let directory = scratchDirectory()
        let root = try campaign(directory)
        let export = try Self.zip([
            ("dossier-102/cassé.pdf", Data("%PDF-1.4\nrien de lisible ici".utf8)),
            ("dossier-102/lettre.pdf", PlatformExport.pdf(pages: ["Lettre d’engagement de l’université"])),
        ])
        let report = try importing(export, named: "dossier-102.zip", into: root, in: directory)
        XCTAssertTrue(report.written)
        XCTAssertTrue(report.notes.contains { $0.hasPrefix("n° 102 : « dossier-102/cassé.pdf » : illisible") }, "\(report.notes)")
        let pieces = try XCTUnwrap(try CampaignStore.open(root).dossiers.first { $0.number == 102 }).justificatives
        XCTAssertEqual(pieces.map(\.name), ["cassé.pdf", "lettre.pdf"])
        XCTAssertNil(pieces[0].text)
        XCTAssertEqual(pieces[1].text, "Lettre d’engagement de l’université")
    }

    func testAPiecesTextIsCutAtItsLimitAndSaysSo() throws {
        try requirePdftotext()
        let directory = scratchDirectory()
        let root = try campaign(directory)
        // 90 pages of about 3.5 Kio of text each: past the 256 Kio kept.
        let page = Array(repeating: String(repeating: "gouvernance ", count: 7) + "partagée du pôle coopératif…", count: 60).joined(separator: "\n")
        let long = PlatformExport.pdf(pages: Array(repeating: page, count: 90))
        _ = try importing(try Self.zip([("dossier-103/long.pdf", long)]), named: "long.zip", into: root, in: directory)
        let piece = try XCTUnwrap(try CampaignStore.open(root).dossiers.first { $0.number == 103 }?.justificatives.first)
        XCTAssertEqual(piece.note, "texte tronqué à 256 Kio")
        XCTAssertNil(piece.pages, "the pages of a cut text are not all counted")
        XCTAssertLessThanOrEqual(piece.text?.utf8.count ?? .max, ImportLimits.pieceTextBytes)
        XCTAssertGreaterThan(piece.text?.utf8.count ?? 0, ImportLimits.pieceTextBytes - 20_000)
    }

    /// A child standing for pdftotext on a hostile PDF: one that never ends is stopped at its time limit,
    /// one that writes without end at the output cap (its text cut), one that allocates past the
    /// address-space limit fails — and the import would go on.
    func testAChildThatHangsFloodsOrSwellsIsStopped() throws {
        let directory = scratchDirectory()
        let bin = directory.appending(path: "bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let fake = bin.appending(path: "pdftotext")
        func pretend(_ script: String) throws {
            try Data("#!/bin/sh\n\(script)\n".utf8).write(to: fake)
            chmod(fake.path, 0o755)
        }
        let saved = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        setenv("PATH", bin.path + ":" + saved, 1)
        defer { setenv("PATH", saved, 1) }
        let file = directory.appending(path: "piece.pdf")
        try PlatformExport.pdf(pages: ["x"]).write(to: file)
        let clock = ContinuousClock()

        try pretend("exec sleep 60")
        var start = clock.now
        guard case .failure(.timeout(seconds: 1)) = PDFText.run(file, seconds: 1) else { return XCTFail("a hang is stopped") }
        XCTAssertLessThan(clock.now - start, .seconds(5))

        try pretend("exec yes 'un texte sans fin'")
        start = clock.now
        guard case .success(let flood) = PDFText.run(file, seconds: 10) else { return XCTFail("a flood is cut") }
        XCTAssertTrue(flood.cut)
        XCTAssertNil(flood.pages)
        XCTAssertLessThanOrEqual(flood.text.utf8.count, ImportLimits.pieceTextBytes)
        XCTAssertLessThan(clock.now - start, .seconds(5))

        try pretend("exec python3 -c 'bytearray(2 << 30)'")
        guard case .failure(.failed(let status)) = PDFText.run(file, seconds: 10) else {
            return XCTFail("2 Gio cannot be allocated under the 1 Gio address-space limit")
        }
        XCTAssertEqual(status, 1)
    }

    /// The digest names the stored file: a dossiers.json edited to point elsewhere does not open.
    func testADigestThatIsNotOneIsRefusedOnOpening() throws {
        try requirePdftotext()
        let directory = scratchDirectory()
        let root = try campaign(directory)
        let pdf = PlatformExport.pdf(pages: ["Statuts"])
        _ = try importing(try Self.zip([("dossier-101/statuts.pdf", pdf)]), named: "e.zip", into: root, in: directory)
        let file = CampaignFiles.dossiers(root)
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: SHA256Hex.of(pdf), with: "../../../etc/passwd")
        try Data(text.utf8).write(to: file)
        XCTAssertThrowsError(try CampaignStore.open(root)) { error in
            XCTAssertTrue("\(error)".contains("pieces[0].sha256: empreinte SHA-256 invalide"), "\(error)")
        }
    }

    // MARK: - Hostile archives

    /// The problems of a refused export (the scratch directory left out); the campaign stays byte-identical.
    private func refusal(_ data: Data, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let directory = scratchDirectory()
        let root = try emptyCampaign(in: directory)
        let before = snapshot(root)
        let clock = ContinuousClock(), start = clock.now
        do {
            _ = try importing(data, named: "export.zip", into: root, in: directory)
            XCTFail("should have been refused", file: file, line: line)
            return []
        } catch let failure as StoreFailure {
            XCTAssertLessThan(clock.now - start, .seconds(5), "refused fast", file: file, line: line)
            XCTAssertEqual(snapshot(root), before, "nothing written", file: file, line: line)
            return failure.problems.map { $0.description.replacingOccurrences(of: directory.path + "/", with: "") }
        }
    }

    func testEntriesThatWouldLeaveTheArchiveAreRefusedNamingThem() throws {
        let pdf = PlatformExport.pdf(pages: ["x"])
        XCTAssertEqual(try refusal(try Self.zip([("export/dossier-101/../../../etc/evil.pdf", pdf), ("export/dossier-101/a.pdf", pdf)])),
                       ["export.zip: export/dossier-101/../../../etc/evil.pdf: chemin qui sort de l’archive (« .. ») : élément refusé"])
        XCTAssertEqual(try refusal(try Self.zip([("/tmp/dossier-101/a.pdf", pdf)])),
                       ["export.zip: /tmp/dossier-101/a.pdf: chemin absolu ou d’un autre système : élément refusé"])
        XCTAssertEqual(try refusal(try Self.zip([("export/dossier-101/a.pdf", pdf), (#"C:\dossier-101\b.pdf"#, pdf)])),
                       [#"export.zip: C:\dossier-101\b.pdf: chemin absolu ou d’un autre système : élément refusé"#])
    }

    func testALinkIsRefusedNamingIt() throws {
        let archive = try Archive(accessMode: .create)
        let target = Data("/etc/shadow".utf8)
        try archive.addEntry(with: "export/dossier-101/statuts.pdf", type: .symlink, uncompressedSize: Int64(target.count)) { position, size in
            target.subdata(in: Int(position)..<Int(position) + size)
        }
        XCTAssertEqual(try refusal(archive.data!), ["export.zip: export/dossier-101/statuts.pdf: lien symbolique : élément refusé"])
    }

    func testBombsAreRefusedBeforeOrAsTheyUnpack() throws {
        // Declared: 161 Mio once unpacked, over the limit of one entry — refused before anything is unpacked.
        XCTAssertEqual(try refusal(Self.declaring(161 << 20, try Self.zip([("export/dossier-101/bombe.pdf", Data(count: 1_024))]))),
                       ["export.zip: export/dossier-101/bombe.pdf: élément de 161 Mio une fois décompressé, 160 Mio au plus"])
        // Declared 1 Kio, 2 Mio of zeros inside: refused as it unpacks, past what the archive declared.
        XCTAssertEqual(try refusal(Self.declaring(1_024, try Self.zip([("export/dossier-101/bombe.pdf", Data(count: 2 << 20))]))),
                       ["export.zip: export/dossier-101/bombe.pdf: élément plus long que la taille qu’annonce l’archive "
                        + "(1\u{A0}024 octets) : archive abîmée ou falsifiée"])
    }

    /// The archive of one entry, its unpacked size said to be `size` in both its headers.
    static func declaring(_ size: Int, _ archive: Data) -> Data {
        var bytes = [UInt8](archive)
        let value = withUnsafeBytes(of: UInt32(size).littleEndian) { [UInt8]($0) }
        bytes.replaceSubrange(22..<26, with: value)
        let central = (0..<bytes.count - 4).last { bytes[$0..<$0 + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]) }!
        bytes.replaceSubrange(central + 24..<central + 28, with: value)
        return Data(bytes)
    }

    func testHugeCountsAreRefused() throws {
        // Stored, empty entries written by hand: 20 001 of them, past the limit of the archive.
        XCTAssertEqual(try refusal(Self.storedZip((0...ImportLimits.exportEntries).map { "export/dossier-101/p\($0).pdf" })),
                       ["export.zip: archive de plus de 20\u{A0}000 éléments : ni un classeur ni un export de pièces justificatives "
                        + "(limite 20\u{A0}000)"])
        // 501 pièces for one dossier.
        let many = try refusal(Self.storedZip((0...ImportLimits.piecesPerDossier).map { "dossier-101/p\($0).pdf" }))
        XCTAssertEqual(many, ["export.zip: dossier-101/p500.pdf: plus de 500 pièces pour le dossier n° 101 (limite 500)"])
    }

    /// A ZIP of empty stored entries, written byte by byte (ZIPFoundation rewrites its directory at each entry).
    static func storedZip(_ names: [String]) -> Data {
        var local = Data(), central = Data()
        func le16(_ value: Int) -> Data { withUnsafeBytes(of: UInt16(value).littleEndian) { Data($0) } }
        func le32(_ value: Int) -> Data { withUnsafeBytes(of: UInt32(value).littleEndian) { Data($0) } }
        for name in names {
            let bytes = Data(name.utf8), offset = local.count
            // Version, UTF-8 names, stored, time, date, CRC-32 and sizes (all zero: empty files), name and extra lengths.
            var header = le16(20) + le16(0x0800)
            header += le16(0) + le16(0) + le16(0)
            header += le32(0) + le32(0) + le32(0)
            local += le32(0x0403_4B50) + header
            local += le16(bytes.count) + le16(0) + bytes
            central += le32(0x0201_4B50) + le16(20) + header
            central += le16(bytes.count) + le16(0) + le16(0)
            central += le16(0) + le16(0) + le32(0) + le32(offset) + bytes
        }
        var end = le32(0x0605_4B50) + le16(0) + le16(0)
        end += le16(names.count) + le16(names.count) + le32(central.count)
        end += le32(local.count) + le16(0)
        return local + central + end
    }
}
