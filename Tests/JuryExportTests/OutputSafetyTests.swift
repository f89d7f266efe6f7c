import Foundation
import JuryCore
import JuryDemo
import JuryExport
import JuryStore
import XCTest
import ZIPFoundation

/// One sanitizing rule for every output: a campaign with hostile text in every field, sheet and
/// journal entry (a forged one included), run through every command in every format and every
/// export. Nothing printed or written holds a control character, a C1 control or a bidi override,
/// and no CSV cell is one a spreadsheet would run.
final class OutputSafetyTests: XCTestCase {
    /// Escape sequences, C1 controls, bidi overrides and isolates, and a formula.
    static let hostile = "\u{1B}[31m=1+1\u{9B}2J\u{85}\u{202E}\u{2066}fin"

    private struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    private func binary() throws -> String {
        let bundled = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "ptce-jury").path
        let inTree = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "../../.build/debug/ptce-jury").path
        guard let found = [bundled, inTree].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("ptce-jury is not built next to the tests (\(bundled)): run swift build first")
        }
        return found
    }

    private func run(_ arguments: [String], in directory: URL) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.filter { !["PTCE_JURY_DATA", "LANG", "LC_ALL"].contains($0.key) }
        let out = directory.appending(path: ".out"), err = directory.appending(path: ".err")
        for url in [out, err] { try Data().write(to: url) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                   stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// The first scalar no output may hold: controls (line breaks aside; CR LF ends the lines of
    /// the `;` CSV export), C1, bidi.
    private func unsafe(_ text: String, allowCR: Bool = false) -> String? {
        text.unicodeScalars.first { Sanitizer.isUnsafe($0) && $0 != "\n" && !(allowCR && $0 == "\r") }
            .map { String(format: "U+%04X", $0.value) }
    }

    func testNoCommandAndNoExportWritesWhatTheCampaignsFilesSmuggleIn() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "output-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let root = directory.appending(path: "campagne")
        let h = Self.hostile
        let demo = DemoCampaign.bundled()
        var campaign = demo.campaign
        campaign.demo = false   // a demo is written in a private copy: here the files themselves are read
        campaign.title = "AMI " + h
        campaign.notice = "Avis " + h
        let dossiers = demo.dossiers.map { dossier -> Dossier in
            var d = dossier
            d.name = h + d.name
            d.sector = h
            d.structure.raisonSociale = h
            d.address.commune = h
            d.narrative.presentation = h + "\n" + h
            d.members = d.members.map { Member(name: h + $0.name, category: $0.category, siret: $0.siret) }
            d.budget.cofinancing = d.budget.cofinancing.map { CofinancingLine(source: h, amount: $0.amount) }
            d.attachments = d.attachments.map { Attachment(name: h + $0.name, size: $0.size) }
            return d
        }
        var jury = demo.jury
        jury.members = jury.members.map { member in
            var m = member
            m.name = h + m.name
            m.conflicts = m.conflicts.map { ConflictOfInterest(dossier: $0.dossier, reason: h, recordedBy: $0.recordedBy) }
            return m
        }
        // The journal's reader is whoever runs the program: this account sits on the jury, and writes the forged entry's journal.
        let me = UnixAccounts.currentLogin()
        jury.members.append(JuryMember(login: me, name: h + "Rapporteur du test", role: .reviewer))
        try CampaignStore.create(at: root, campaign: campaign, jury: jury, dossiers: dossiers, sheets: demo.sheets)

        // Sheets and the journal through the command, then an entry forged in the journal file.
        let chair = jury.members.first { $0.role == .chair }!.login
        let reviewer = me
        let number = dossiers[0].number, criterion = campaign.criteria[0].key
        let scored = try run(["score", "\(number)", "--data", "campagne", "--reviewer", reviewer, "--set", "\(criterion)=3",
                              "--comment", "\(criterion)=\(h)", "--overall", "FORGE"], in: directory)
        XCTAssertEqual(scored.status, 0, scored.stderr)
        let journal = root.appending(path: "journal/\(reviewer).jsonl")
        let lines = try String(contentsOf: journal, encoding: .utf8).split(separator: "\n")
        // Raw C1 and bidi characters are valid in a JSON string: only the sanitizer stops them.
        let forged = try XCTUnwrap(lines.last).replacingOccurrences(of: "\"FORGE\"", with: "\"forgé \u{85}\u{202E}\u{9B}31m\"")
        XCTAssertNotEqual(forged, String(lines.last!))
        try (lines.dropLast().joined(separator: "\n") + "\n" + forged + "\n").write(to: journal, atomically: true, encoding: .utf8)
        let allocated = try run(["allocate", "--propose", "--data", "campagne", "--reviewer", chair], in: directory)
        XCTAssertEqual(allocated.status, 0, allocated.stderr)
        _ = try run(["allocate", "--decide", "\(dossiers[1].number)", "lauréat", "--motivation", h, "--data", "campagne",
                     "--reviewer", chair], in: directory)

        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "../../data/import/sample/page-1.json")
        var commands: [[String]] = [["check"], ["journal", "verify"], ["allocate"], ["doctor"], ["import", sample.path, "--dry-run"],
                                    ["import", sample.path, "--dry-run", "--format", "json"]]
        for format in ["table", "json", "csv"] {
            for command in [["campaign"], ["list"], ["show", "\(number)"], ["ranking", "--resamples", "20"], ["conflict", "list"],
                            ["journal"]] {
                commands.append(command + ["--format", format])
            }
        }
        var printed = 0
        for command in commands {
            for login in [chair, reviewer] {
                let result = try run(command + ["--data", "campagne", "--reviewer", login], in: directory)
                printed += result.stdout.count
                XCTAssertNil(unsafe(result.stdout), "\(command.joined(separator: " ")) as \(login): stdout holds \(unsafe(result.stdout) ?? "")")
                XCTAssertNil(unsafe(result.stderr), "\(command.joined(separator: " ")) as \(login): stderr holds \(unsafe(result.stderr) ?? "")")
                // (`show` prints the dossier as text in every format: it is not a table.)
                if command.contains("csv") && command[0] != "show" { assertNoFormula(csv: result.stdout, separator: ",", "\(command)") }
                if command.contains("json") && result.status == 0 {
                    XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)), "\(command): still JSON")
                    XCTAssertFalse(result.stdout.contains("\\u00"), "\(command): no escaped control character either")
                }
            }
        }
        XCTAssertGreaterThan(printed, 10_000, "the commands printed the campaign")
        let journalJSON = try run(["journal", "--format", "json", "--data", "campagne", "--reviewer", reviewer], in: directory)
        XCTAssertTrue(journalJSON.stdout.contains("forgé 31m"), "the forged entry is shown, cleaned: \(journalJSON.stdout.suffix(500)) \(journalJSON.stderr.suffix(500))")

        for format in ["csv", "ods", "json", "md"] {
            let out = directory.appending(path: "export.\(format)")
            let result = try run(["export", "--format", format, "--out", out.path, "--data", "campagne", "--reviewer", chair], in: directory)
            XCTAssertEqual(result.status, 0, "\(format): \(result.stderr)")
            var text = String(decoding: try Data(contentsOf: out), as: UTF8.self)
            if format == "ods" {
                let archive = try Archive(url: out, accessMode: .read)
                text = ""
                for entry in archive where entry.path.hasSuffix(".xml") {
                    var data = Data()
                    _ = try archive.extract(entry) { data.append($0) }
                    text += String(decoding: data, as: UTF8.self)
                }
            }
            XCTAssertNil(unsafe(text, allowCR: format == "csv"), "export \(format) holds \(unsafe(text, allowCR: format == "csv") ?? "")")
            if format == "csv" { assertNoFormula(csv: String(text.dropFirst()), separator: ";", "export csv") }
            if format == "json" { XCTAssertFalse(text.contains("\\u00"), "export json: no escaped control character") }
        }
    }

    private func assertNoFormula(csv: String, separator: Character, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        // Quoted or not, a cell that starts like a formula must be a plain figure.
        for row in csv.split(whereSeparator: \.isNewline) {
            for cell in row.split(separator: separator, omittingEmptySubsequences: false) {
                let value = cell.hasPrefix("\"") ? String(cell.dropFirst()) : String(cell)
                if SafeOutput.startsLikeAFormula(value) && !SafeOutput.isPlainNumber(value) {
                    XCTFail("\(what): the cell « \(value) » would run in a spreadsheet", file: file, line: line)
                }
            }
        }
    }
}
