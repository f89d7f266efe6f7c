import CSV
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import JuryCore
import JuryDemo
import JuryExport
import XCTest
import ZIPFoundation

/// Every export of the bundled demo, read back the way a spreadsheet or another tool would.
final class ExportTests: XCTestCase {
    private static let demo = DemoCampaign.bundled()
    private static let now = Instant("2023-10-17T11:00:00+02:00")!
    private static let motivation = "Pôle décisif ; à confirmer\nsur deux lignes & « guillemets »"

    private static var sheets: [String: [Int: ScoreSheet]] {
        var sheets: [String: [Int: ScoreSheet]] = [:]
        for sheet in demo.sheets { sheets[sheet.reviewer, default: [:]][sheet.dossier] = sheet }
        return sheets
    }

    /// The chair adopts the proposal, waitlists the next three candidates and motivates one of them.
    private static let allocation: AllocationState = {
        let chair = demo.jury.members.first { $0.role == .chair }!
        let deliberation = Deliberation(campaign: demo.campaign, jury: demo.jury, dossiers: demo.dossiers, sheets: sheets,
                                        viewer: chair, drawSeed: 11)
        let analysis = AllocationAnalysis(deliberation, method: .mean)
        var state = AllocationState(drawSeed: 11)
        try! state.apply(.adoptProposal, analysis: analysis, by: chair, at: now)
        let next = analysis.candidates.map(\.dossier).filter { !state.laureates.contains($0) }.prefix(3)
        try! state.apply(.setWaitlist(Array(next)), analysis: analysis, by: chair, at: now)
        try! state.apply(.motivate(next.first!, motivation), analysis: analysis, by: chair, at: now)
        return state
    }()

    private func tables(as login: String, _ language: Language = .fr) -> ReportTables {
        let viewer = Self.demo.jury.member(login)!
        return ReportTables(DeliberationReport(campaign: Self.demo.campaign, jury: Self.demo.jury, dossiers: Self.demo.dossiers,
                                               sheets: Self.sheets, viewer: viewer, allocation: Self.allocation, resamples: 200),
                            language: language)
    }

    /// amartin's conflict: the dossier's number, name and the reason must appear nowhere in her exports.
    private var hidden: (number: Int, name: String, reason: String) {
        let conflict = Self.demo.jury.member("amartin")!.conflicts[0]
        let name = Self.demo.dossiers.first { $0.number == conflict.dossier }!.name
        return (conflict.dossier, name, conflict.reason)
    }

    // MARK: CSV

    func testCSVOpensInAFrenchSpreadsheet() throws {
        let data = try CSVExport.make(tables(as: "presidence").all)
        XCTAssertEqual(data.prefix(3), CSVExport.byteOrderMark)
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("Rang;N°;PTCE;Région;Éligibilité;Moy.;Méd.;z;Biais;"))
        let reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: ";")
        let headers = try XCTUnwrap(reader.headerRow)
        var rows: [[String: String]] = []
        while let row = reader.next() { rows.append(Dictionary(uniqueKeysWithValues: zip(headers, row))) }
        rows.removeAll { $0.values.allSatisfy(\.isEmpty) }
        XCTAssertEqual(rows.count, 72)
        XCTAssertEqual(rows.filter { $0["Décision"] == "lauréat" }.count, 15)
        XCTAssertEqual(rows.first?["Rang"], "1")
        XCTAssertTrue(rows.first?["Moy."]?.contains(",") ?? false, "decimal comma: \(rows.first?["Moy."] ?? "")")
        XCTAssertEqual(rows.filter { $0["Motivation"] == Self.motivation }.count, 1, "a motivation with ; and a line break survives")
        XCTAssertEqual(rows.filter { $0["Décision"] == "liste complémentaire" }.count, 3)
    }

    // MARK: ODS

    private func odsContent(_ tables: ReportTables) throws -> (archive: Archive, sheets: [String: [[String]]]) {
        let url = FileManager.default.temporaryDirectory.appending(path: "export-\(UUID().uuidString).ods")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        try ODSExport.make(tables, at: Self.now.date).write(to: url)
        let archive = try Archive(url: url, accessMode: .read)
        let sheets = try OpenDocument.cells(try OpenDocument.content(of: url))
        return (archive, sheets.mapValues { rows in rows.map { $0.map(\.text) } })
    }

    func testODSIsARealOpenDocumentSpreadsheet() throws {
        let (archive, sheets) = try odsContent(tables(as: "presidence"))
        let entries = Array(archive)
        XCTAssertEqual(entries.first?.path, "mimetype", "mimetype must come first")
        XCTAssertEqual(entries.first?.isCompressed, false, "…and be stored, not compressed")
        var mime = Data()
        _ = try archive.extract(entries[0]) { mime.append($0) }
        XCTAssertEqual(String(decoding: mime, as: UTF8.self), ODSExport.mimeType)
        for path in ["META-INF/manifest.xml", "styles.xml", "content.xml"] { XCTAssertNotNil(archive[path], path) }

        XCTAssertEqual(Set(sheets.keys), ["Lauréats", "Liste complémentaire", "Non retenus", "Tous les dossiers", "Moyennes par critère",
                                          "Séances", "Décisions en séance", "Points acceptés", "Synthèse"])
        XCTAssertEqual(sheets["Synthèse"]?[1], ["Dossiers reçus", "72"])
        XCTAssertEqual(sheets["Lauréats"]?.count, 16, "a header and 15 laureates")
        XCTAssertEqual(sheets["Lauréats"]?[1][6], "100\u{A0}000\u{A0}€")
        XCTAssertEqual(sheets["Liste complémentaire"]?.count, 4)
        XCTAssertEqual(sheets["Liste complémentaire"]?[1].last, Self.motivation, "line breaks kept as paragraphs")
        XCTAssertEqual(sheets["Tous les dossiers"]?.count, 73)
        XCTAssertEqual(sheets["Moyennes par critère"]?[0].count, 2 + Self.demo.campaign.criteria.count + 1)
    }

    /// LibreOffice must open the file and convert it (CI installs it; elsewhere the test says why it skips).
    func testLibreOfficeOpensTheSpreadsheet() throws {
        let office = try LibreOffice.executable()
        let directory = FileManager.default.temporaryDirectory.appending(path: "ods-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let ods = directory.appending(path: "deliberation.ods")
        try ODSExport.make(tables(as: "presidence"), at: Self.now.date).write(to: ods)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: office)
        process.arguments = ["--headless", "-env:UserInstallation=file://\(directory.path)/profile", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                             "--outdir", directory.path, ods.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let csv = try String(contentsOf: directory.appending(path: "deliberation.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(lines.count, 16, "the first sheet: a header and 15 laureates")
        XCTAssertTrue(lines.first?.hasPrefix("Ordre,N°,PTCE,Région") ?? false, String(lines.first ?? ""))
    }

    // MARK: JSON and Markdown

    func testJSONIsCompleteAndDecodes() throws {
        struct Export: Decodable {
            struct Dossier: Decodable { let number: Int; let decision: String; let scores: [String: Double]; let explanation: String }
            struct Conflict: Decodable { let member: String; let dossier: Int; let reason: String }
            let method: String; let drawSeed: Int; let dossiers: [Dossier]; let laureates: [Int]; let waitlist: [Int]
            let conflicts: [Conflict]?; let hiddenForConflict: Int
        }
        let data = try JSONExport(tables(as: "presidence").report, language: .fr, at: Self.now).data()
        let export = try JSONDecoder().decode(Export.self, from: data)
        XCTAssertEqual(export.method, "mean")
        XCTAssertEqual(export.drawSeed, 11)
        XCTAssertEqual(export.dossiers.count, 72)
        XCTAssertEqual(export.laureates, Self.allocation.laureates)
        XCTAssertEqual(export.waitlist.count, 3)
        XCTAssertEqual(export.dossiers.filter { $0.decision == "laureat" }.count, 15)
        XCTAssertEqual(Set(export.dossiers.first?.scores.keys.map { $0 } ?? []), ["mean", "median", "zscore", "bias"])
        XCTAssertEqual(export.conflicts?.count, Self.demo.jury.members.flatMap(\.conflicts).count)
        XCTAssertEqual(export.hiddenForConflict, 0)
    }

    func testMarkdownMinutesNameTheLaureatesWithTheirAmounts() throws {
        let tables = tables(as: "presidence")
        let minutes = MarkdownMinutes.make(tables, at: Self.now)
        XCTAssertTrue(minutes.hasPrefix("# Procès-verbal du jury — AMI PTCE 2023 — phase 2 (démonstration)\n"))
        XCTAssertTrue(minutes.contains("## Lauréats (15 — 1\u{A0}500\u{A0}000\u{A0}€)"))
        for row in tables.report.laureates {
            XCTAssertTrue(minutes.contains("| \(row.number) | \(row.dossier.name) |"), "\(row.number)")
        }
        XCTAssertTrue(minutes.contains("## Conflits d’intérêts déclarés"))
        XCTAssertTrue(minutes.contains(hidden.reason))
        XCTAssertTrue(minutes.contains("Pôle décisif ; à confirmer sur deux lignes & « guillemets »"))
        XCTAssertTrue(minutes.contains("Classement : moyenne"))
        XCTAssertTrue(minutes.contains("Attribution non finalisée (révision 0)."))
        let english = MarkdownMinutes.make(self.tables(as: "presidence", .en), at: Self.now)
        XCTAssertTrue(english.contains("## Laureates (15 — 1\u{A0}500\u{A0}000\u{A0}€)"))
    }

    /// What the ministry signs: the séances, every dossier not retained and why, the checklist's
    /// acknowledgements, the rectification of earlier minutes, room for signatures; free text shown literally.
    func testTheChairsMinutesAreCompleteAndShowFreeTextLiterally() throws {
        let chair = Self.demo.jury.members.first { $0.role == .chair }!
        var allocation = Self.allocation
        let hostile = "<b>gras</b> | *étoile* [lien](x) # titre"
        allocation.motivations[0].text = hostile
        let earlier = Finalization(at: Self.now, by: chair.login)
        allocation.reopenings = [Reopening(finalized: earlier, motivation: "Erreur matérielle", by: chair.login, at: Self.now)]
        allocation.acknowledgements = [Acknowledgement(key: "sans-rapporteur:1", dossier: nil, item: Localized(fr: "n° 1 : aucun rapporteur désigné", en: "x"),
                                                       reason: "Déposé après la désignation", by: chair.login, at: Self.now)]
        let decided = Self.allocation.laureates[0]
        let seance = Seance(number: 1, openedAt: Self.now, openedBy: chair.login, place: "Salle <i>Condorcet</i>",
                            present: [chair.login, "amartin"], quorum: 3,
                            events: [SeanceEvent(at: Self.now, kind: .decision, dossier: decided, decision: .laureate,
                                                 present: [chair.login, "amartin"], quorate: false),
                                     SeanceEvent(at: Self.now, kind: .decision, dossier: hidden.number, decision: .notSelected,
                                                 present: [chair.login], quorate: false)],
                            closedAt: Self.now)
        func minutes(as login: String, method: RankingMethod) -> String {
            let report = DeliberationReport(campaign: Self.demo.campaign, jury: Self.demo.jury, dossiers: Self.demo.dossiers, sheets: Self.sheets,
                                            viewer: Self.demo.jury.member(login)!, allocation: allocation, method: method, resamples: 100)
            return MarkdownMinutes.make(ReportTables(report, language: .fr, seances: Seances(seances: [seance])), at: Self.now)
        }
        let text = minutes(as: chair.login, method: .mean)
        XCTAssertTrue(text.contains("\\<b\\>gras\\</b\\> \\| \\*étoile\\* \\[lien\\](x) \\# titre"), text)
        XCTAssertFalse(text.contains("<b>") || text.contains("<i>"))
        XCTAssertTrue(text.contains("Le présent procès-verbal rectifie celui du 17/10/2023 11:00 (UTC+02:00) : attribution rouverte le 17/10/2023 11:00 (UTC+02:00)"))
        XCTAssertTrue(text.contains("| 1 | 17/10/2023 11:00 (UTC+02:00) | 17/10/2023 11:00 (UTC+02:00) | Salle \\<i\\>Condorcet\\</i\\> |"), "the séance and its place")
        XCTAssertTrue(text.contains("| non |"), "two present for a quorum of three")
        XCTAssertTrue(text.contains("### Décisions en séance"))
        XCTAssertTrue(text.contains("| 1 | 17/10/2023 11:00 (UTC+02:00) | \(decided) | "), "the decision, with its séance")
        XCTAssertTrue(text.contains("| \(hidden.number) | "), "the chair knows of every decision")
        XCTAssertTrue(text.contains("| n° 1 : aucun rapporteur désigné | Déposé après la désignation |"))
        XCTAssertTrue(text.contains("| Ordre | N° | PTCE | Région | Note (moyenne) | Rang | Montant (€) | Fiches soumises | Rapporteurs | Motivation | Motif |"))
        let notSelected = try XCTUnwrap(text.components(separatedBy: "## Dossiers non retenus\n\n").last?.components(separatedBy: "\n\n").first)
        XCTAssertEqual(notSelected.split(separator: "\n").count, 2 + 72 - 15 - 3, "a header, its rule and every dossier not retained")
        XCTAssertTrue(notSelected.contains("non proposé : ") && notSelected.contains("non éligible : "), "each with its reason")
        XCTAssertTrue(text.contains("## Signatures"))
        XCTAssertFalse(text.contains("Notes recentrées") || text.contains("recalé"), "the mean recentres nothing")
        XCTAssertTrue(minutes(as: chair.login, method: .zscore).contains("- Notes recentrées : "))

        let record = minutes(as: "amartin", method: .mean)
        XCTAssertTrue(record.hasPrefix("# Relevé de délibération — "))
        XCTAssertTrue(record.contains("seul le procès-verbal établi par la présidence fait foi"))
        XCTAssertTrue(record.contains("La délibération finalisée le 17/10/2023 11:00 (UTC+02:00) a été rouverte"))
        XCTAssertFalse(record.contains("Procès-verbal") || record.contains("## Signatures"))
        XCTAssertFalse(record.contains(String(hidden.number)), "nor a decision in séance on her conflict")
    }

    /// The minutes as the official who signs them reads them: the mandate and the law, a summary,
    /// the secretary, one line per decision with its reason, its mode, those present, those who
    /// stepped out by name and the quorum, every time with its zone, and a journal head anyone can check.
    func testTheMinutesStateEachDecisionWithItsReasonModeWithdrawalsAndZone() throws {
        let jury = Self.demo.jury, chair = jury.members.first { $0.role == .chair }!
        let everyone = jury.members.map(\.login), known = Set(Self.demo.dossiers.map(\.number))
        var seances = Seances()
        try seances.apply(.open(place: "Paris, Bercy", present: everyone, secretary: "bkeita"), by: chair.login, at: Self.now, jury: jury,
                          quorum: 4, dossiers: known)
        // amartin is in conflict on a dossier the jury puts on the waitlist: she stepped out for it.
        var after = Self.allocation
        after.waitlist.append(hidden.number)
        XCTAssertTrue(seances.recordDecisions(from: nil, to: after, jury: jury, at: Self.now))
        let voted = after.laureates[0]
        try seances.apply(.mode(dossiers: [voted], .vote(for: 4, against: 1, abstention: 1)), by: chair.login, at: Self.now, jury: jury,
                          quorum: 4, dossiers: known)
        XCTAssertThrowsError(try seances.apply(.mode(dossiers: [hidden.number], .vote(for: 6, against: 0, abstention: 0)), by: chair.login,
                                               at: Self.now, jury: jury, quorum: 4, dossiers: known),
                             "six votes where five took part") { error in
            XCTAssertEqual((error as? SeanceRefusal)?.message.fr, "vote sur le dossier n° \(hidden.number) : 6 voix pour 5 votants")
        }
        func minutes(as login: String) -> String {
            let report = DeliberationReport(campaign: Self.demo.campaign, jury: jury, dossiers: Self.demo.dossiers, sheets: Self.sheets,
                                            viewer: jury.member(login)!, allocation: after, method: .mean, resamples: 100)
            return MarkdownMinutes.make(ReportTables(report, language: .fr, seances: seances), at: Self.now, journalHead: "n° 204, sha256 ab12")
        }
        let text = minutes(as: chair.login)
        XCTAssertTrue(text.contains("## Mandat et base légale"))
        XCTAssertTrue(text.contains("- **Base légale** : Article 9 de la loi n° 2014-856 du 31 juillet 2014 relative à l’économie sociale et solidaire"))
        XCTAssertTrue(text.contains("- **Mandat du jury** : Le jury de l’appel à manifestation d’intérêt PTCE 2023 (phase 2)"))
        XCTAssertTrue(text.contains("| Dossiers reçus | 72 |"), text)
        XCTAssertTrue(text.contains("| Dossiers décidés en séance | 19 |"), "15 laureates, 4 on the waitlist")
        XCTAssertTrue(text.contains("Établi le 17/10/2023 11:00 (UTC+02:00)"))
        XCTAssertTrue(text.contains("| 4 | oui | Bakary Keita (France Active) |"), "the séance: quorum, then its secretary")
        XCTAssertTrue(text.contains("| Bakary Keita (France Active) | rapporteur, secrétaire de séance |  |  |"), "the secretary signs as such")

        // The séance's own row (still « en cours ») starts the same way.
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("| 1 | 17/10/2023 11:00 (UTC+02:00) | ") && !$0.contains("| en cours |") }
        XCTAssertEqual(lines.count, 19, "one record per dossier, though one act decided them all")
        let names = Dictionary(uniqueKeysWithValues: jury.members.map { ($0.login, $0.name) })
        let withdrawal = try XCTUnwrap(lines.first { $0.contains("| \(hidden.number) | ") })
        XCTAssertTrue(withdrawal.contains("| liste complémentaire | "), String(withdrawal))
        XCTAssertTrue(withdrawal.contains("| \(names["amartin"]!) | 4 | oui |"), "withdrawn by name, then the quorum: \(withdrawal)")
        XCTAssertFalse(withdrawal.contains(names["amartin"]! + ","), "not among those present")
        let report = DeliberationReport(campaign: Self.demo.campaign, jury: jury, dossiers: Self.demo.dossiers, sheets: Self.sheets,
                                        viewer: chair, allocation: after, method: .mean, resamples: 0)
        for number in after.laureates {
            let line = try XCTUnwrap(lines.first { $0.contains("| \(number) | ") })
            let rank = try XCTUnwrap(report.row(number)?.rank)
            XCTAssertTrue(line.contains("| lauréat | rang \(rank) (moyenne) | "), "a laureate's reason is its rank and the method: \(line)")
            XCTAssertTrue(line.contains(number == voted ? "| vote : 4 pour, 1 contre, 1 abstention |" : "| consensus |"), String(line))
        }
        // A proposed dossier the jury leaves out reads as such, not as « proposé ».
        let proposed = try XCTUnwrap(report.rows.first { $0.proposed })
        let tables = ReportTables(report, language: .fr, seances: seances)
        XCTAssertEqual(tables.reason(proposed, .notSelected),
                       "écarté par le jury malgré son rang \(proposed.rank!) (moyenne), sans motivation consignée")
        XCTAssertTrue(text.contains("entrée n° 204, sha256 ab12."))
        XCTAssertTrue(text.contains("« ptce-jury journal verify --at 204 » affiche la même empreinte"))

        // The JSON carries the same records: the chair's with the withdrawals and the vote, a member's without attendance.
        let reviewer = try XCTUnwrap(jury.members.first { $0.role != .chair && !$0.isConflicted(on: hidden.number) && $0.login != "bkeita" })
        struct Exported: Decodable {
            struct Session: Decodable { let secretary: String?; let decisions: [Decision] }
            struct Decision: Decodable { let dossier: Int; let present: [String]?; let withdrawn: [String]?; let mode: DecisionMode? }
            let seances: [Session]
        }
        func exported(as login: String) throws -> Exported.Session {
            let report = DeliberationReport(campaign: Self.demo.campaign, jury: jury, dossiers: Self.demo.dossiers, sheets: Self.sheets,
                                            viewer: jury.member(login)!, allocation: after, method: .mean, resamples: 0)
            let data = try JSONExport(report, language: .fr, at: Self.now, seances: seances).data()
            return try XCTUnwrap(JSONDecoder().decode(Exported.self, from: data).seances.first)
        }
        let chairs = try exported(as: chair.login)
        XCTAssertEqual(chairs.secretary, "bkeita")
        XCTAssertEqual(chairs.decisions.first { $0.dossier == hidden.number }?.withdrawn, ["amartin"])
        XCTAssertEqual(chairs.decisions.first { $0.dossier == voted }?.mode, .vote(for: 4, against: 1, abstention: 1))
        let members = try exported(as: reviewer.login)
        XCTAssertTrue(members.decisions.allSatisfy { $0.withdrawn == nil && $0.present == nil }, "a member reads no attendance")

        // A member's record names neither those present nor those who stepped out.
        let record = minutes(as: reviewer.login)
        let theirs = try XCTUnwrap(record.split(separator: "\n").first { $0.hasPrefix("| 1 | 17/10/2023 11:00 (UTC+02:00) | \(hidden.number) | ") })
        XCTAssertFalse(theirs.contains(names["amartin"]!), String(theirs))
    }

    func testParisTimesCarryTheirOffsetSummerAndWinter() {
        XCTAssertEqual(DateText.parisZoned(Instant("2023-10-17T09:00:00Z")!.date), "17/10/2023 11:00 (UTC+02:00)")
        XCTAssertEqual(DateText.parisZoned(Instant("2023-12-05T09:00:00Z")!.date), "05/12/2023 10:00 (UTC+01:00)")
    }

    // MARK: Disclosure

    func testAConflictedReviewersExportsSayNothingAboutTheDossier() throws {
        let tables = tables(as: "amartin")
        let csv = String(decoding: try CSVExport.make(tables.all), as: UTF8.self)
        let json = String(decoding: try JSONExport(tables.report, language: .fr, at: Self.now).data(), as: UTF8.self)
        let minutes = MarkdownMinutes.make(tables, at: Self.now)
        let (_, sheets) = try odsContent(tables)
        let ods = sheets.values.flatMap { $0 }.flatMap { $0 }.joined(separator: "\n")
        for (format, text) in [("csv", csv), ("json", json), ("md", minutes), ("ods", ods)] {
            XCTAssertFalse(text.contains(String(hidden.number)), "\(format) names the dossier’s number")
            XCTAssertFalse(text.contains(hidden.name), "\(format) names the dossier")
            XCTAssertFalse(text.contains(hidden.reason), "\(format) gives a conflict’s reason")
        }
        XCTAssertEqual(sheets["Tous les dossiers"]?.count, 72, "a header and 71 dossiers")
        XCTAssertFalse(minutes.contains("Conflits d’intérêts déclarés"))
        XCTAssertTrue(minutes.contains("Ce document omet 1 dossier sur lequel son auteur"))
        XCTAssertTrue(json.contains("\"hiddenForConflict\" : 1"))
        XCTAssertFalse(json.contains("\"conflicts\""))
    }
}
