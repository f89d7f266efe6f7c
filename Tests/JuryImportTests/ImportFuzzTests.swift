import Foundation
import JuryCore
@testable import JuryImport
import JuryStore
import XCTest
import ZIPFoundation

/// Thousands of mutations of valid XLSX, ODS, CSV and API JSON files and ZIP exports of pièces justificatives, from a fixed seed, and the
/// crafted files of issue 13: every one ends in an import or a refusal that names the file — no
/// crash, no hang, and the whole run stays under a memory bound. The mutations run in a child
/// process (this same test, told so by the environment), so that a trap is reported with the
/// mutation that caused it rather than ending the test run, and so that the child's peak memory
/// is its own (the child reads it from /proc at the end).
final class ImportFuzzTests: XCTestCase {
    static let seed: UInt64 = 20_231_013
    static let mutationsPerFormat = 500
    /// Peak resident memory of the whole child process, the test runner included.
    static let memoryBound = 128 << 20
    /// Per mutation: each takes milliseconds; this catches a hang.
    static let slowest = Duration.seconds(5)

    func testThousandsOfMutatedExportsEndInAnImportOrARefusal() throws {
        if ProcessInfo.processInfo.environment["PTCE_JURY_FUZZ_CHILD"] == "1" {
            try runMutations()
            return
        }
        let runner = CommandLine.arguments[0]
        guard runner.hasSuffix(".xctest"), FileManager.default.isExecutableFile(atPath: runner) else {
            throw ChildProcess.missing("the tests do not run from an .xctest program (\(runner)): the fuzz run needs to start it again as a child")
        }
        let clock = ContinuousClock(), start = clock.now
        let child = try ChildProcess.run(runner, ["JuryImportTests.ImportFuzzTests/testThousandsOfMutatedExportsEndInAnImportOrARefusal"],
                                         environment: ["PTCE_JURY_FUZZ_CHILD": "1"], in: scratchDirectory())
        let lines = child.stdout.split(separator: "\n")
        let last = lines.last { $0.hasPrefix("fuzz:") }.map(String.init) ?? "(nothing run)"
        XCTAssertNil(child.signal, "the fuzz run crashed (signal \(child.signal ?? 0)) at « \(last) »")
        XCTAssertEqual(child.status, 0, "fuzz run failed at « \(last) »:\n\(child.stdout.suffix(3_000))")
        let summary = lines.first { $0.hasPrefix("fuzz done:") }.map(String.init)
        XCTAssertNotNil(summary, "no summary: \(child.stdout.suffix(2_000))")
        let peak = lines.first { $0.hasPrefix("fuzz peak:") }.flatMap { Int($0.split(separator: " ").last ?? "") }
        XCTAssertNotNil(peak, "the child says its peak memory")
        XCTAssertLessThan(peak ?? .max, Self.memoryBound, "peak memory \((peak ?? 0) >> 20) MiB, bound \(Self.memoryBound >> 20) MiB")
        print("\(summary ?? "") — peak \((peak ?? 0) >> 20) MiB, \(clock.now - start)")
    }

    // MARK: - The child's work

    private func runMutations() throws {
        let directory = scratchDirectory()
        var random = SplitMix(seed: Self.seed)
        var imports = 0, refusals = 0, finer = 0
        var slowest = Duration.zero
        let seeds = try Seeds()
        let clock = ContinuousClock()
        for format in Seeds.Format.allCases {
            for index in 0..<Self.mutationsPerFormat {
                // Unbuffered, so that a crash leaves the mutation that caused it as the last line.
                FileHandle.standardOutput.write(Data("fuzz: \(format) \(index)\n".utf8))
                let file = directory.appending(path: "mutation-\(index).\(format.rawValue)")
                try seeds.mutated(format, &random).write(to: file)
                let start = clock.now
                do {
                    _ = try DossierImport().plan([file], existing: [])
                    imports += 1
                } catch {
                    refusals += 1
                    XCTAssertFalse(error.problems.isEmpty, "\(format) \(index): a refusal says why")
                    for problem in error.problems {
                        XCTAssertEqual(problem.path, file.relativePath, "\(format) \(index): the refusal names the file")
                        XCTAssertFalse(problem.message.fr.isEmpty, "\(format) \(index)")
                        XCTAssertFalse(problem.description.unicodeScalars.contains { Sanitizer.isUnsafe($0) && $0 != "\n" },
                                       "\(format) \(index): safe to print")
                    }
                    if error.problems.allSatisfy({ $0.line != nil || $0.fieldPath != nil }) { finer += 1 }
                }
                let took = clock.now - start
                slowest = max(slowest, took)
                XCTAssertLessThan(took, Self.slowest, "\(format) \(index) took \(took)")
                try? FileManager.default.removeItem(at: file)
            }
        }
        FileHandle.standardOutput.write(Data(("fuzz done: \(imports + refusals) mutations (seed \(Self.seed)): \(imports) imported, \(refusals) refused "
              + "(\(finer) with a line or a place in the file), slowest \(slowest)\n").utf8))
        XCTAssertGreaterThan(imports, 0, "some mutations leave a readable export")
        XCTAssertGreaterThan(refusals, 0)
        // The crafted files of issue 13 (4 GB of spaces, 600 MB declared) in the same process, under the same bound.
        for (name, data) in [("quatre-milliards.ods", try HostileFileTests.fourBillionSpaces()),
                             ("bombe.xlsx", try HostileFileTests.declaredBomb())] {
            let file = directory.appending(path: name)
            try data.write(to: file)
            XCTAssertThrowsError(try DossierImport().plan([file], existing: []), name)
        }
        FileHandle.standardOutput.write(Data("fuzz peak: \(peakResidentMemory() ?? Int.max)\n".utf8))
    }
}

/// The valid files the mutations start from, and the mutations.
private struct Seeds {
    enum Format: String, CaseIterable { case xlsx, ods, csv, json, zip }

    /// XML entries of the workbooks: mutated as text, then packed again, so that most mutations reach
    /// the sheets rather than stopping at the archive's checksum.
    let xlsx: [(String, String)]
    let ods: [(String, String)]
    let csv = [DS.csv, DS.membersCSV]
    let json = [DS.page1, DS.page2, ChampTypes.page]
    /// The platform's ZIP export of one dossier: its PDF, a pièce that is a PDF, one that is a workbook.
    let zip: [(path: String, data: Data)]

    init() throws {
        xlsx = try Seeds.entries(OfficeFile.xlsx(Workbook.sheets))
        ods = try Seeds.entries(OfficeFile.ods(Workbook.sheets))
        zip = [("export/dossier-101/dossier-101.pdf", PlatformExport.pdf(pages: ["Dossier n° 101", "Présentation du pôle"])),
               ("export/dossier-101/pieces_justificatives/statuts.pdf", PlatformExport.pdf(pages: ["Statuts de la coopérative"])),
               ("export/dossier-101/pieces_justificatives/budget.xlsx", try OfficeFile.xlsx(Workbook.sheets))]
    }

    private static func entries(_ data: Data) throws -> [(String, String)] {
        let archive = try Archive(data: data, accessMode: .read)
        return try archive.map { entry in
            var content = Data()
            _ = try archive.extract(entry) { content.append($0) }
            return (entry.path, String(decoding: content, as: UTF8.self))
        }
    }

    func mutated(_ format: Format, _ random: inout SplitMix) throws -> Data {
        switch format {
        case .csv: return Data(Seeds.mutate(Array(random.pick(csv).utf8), &random))
        case .json: return Data(Seeds.mutate(Array(random.pick(json).utf8), &random))
        case .zip:
            // An entry's name (to reach the checks on paths), its bytes (to reach pdftotext and the readers), or the archive's.
            var entries = zip
            let target = random.below(entries.count + 1)
            guard target < entries.count else {
                return Data(Seeds.mutate([UInt8](try PlatformExport.zip(entries, date: Date(timeIntervalSince1970: 0))), &random))
            }
            if random.below(2) == 0 {
                entries[target].path = String(decoding: Seeds.mutate(Array(entries[target].path.utf8), &random), as: UTF8.self)
            } else {
                entries[target].data = Data(Seeds.mutate([UInt8](entries[target].data), &random))
            }
            return try PlatformExport.zip(entries, date: Date(timeIntervalSince1970: 0))
        case .xlsx, .ods:
            var entries = format == .xlsx ? xlsx : ods
            // Mostly the sheets' XML; now and then the archive's own bytes.
            let target = random.below(entries.count + 1)
            if target < entries.count {
                entries[target].1 = String(decoding: Seeds.mutate(Array(entries[target].1.utf8), &random), as: UTF8.self)
                return try OfficeFile.zip(entries)
            }
            return Data(Seeds.mutate([UInt8](try OfficeFile.zip(entries)), &random))
        }
    }

    /// Values that break careless arithmetic and allocation, and pieces of the formats' syntax.
    static let dictionary: [String] = [
        "-1", "0", "-0", "9223372036854775807", "-9223372036854775808", "18446744073709551616", "4000000000", "1e308", "-1e308",
        "nan", "inf", "1048577", "16385", "16777217", "<", ">", "&", "&#0;", "&#x110000;", "&#xD800;", "&unknown;", "]]>",
        "<![CDATA[", "<!-- ", #"<!DOCTYPE a [<!ENTITY b "c">]>"#, #"<row r="1048577">"#, #"<c r="XFE1" t="s"><v>99999999</v></c>"#,
        #" table:number-columns-repeated="16384""#, #" table:number-rows-repeated="16777216""#, #"<text:s text:c="1048576"/>"#,
        #"<table:table table:name="x">"#, "</table:table>", "<table:table-row>", "</table:table-row>", "\u{202E}", "\u{1B}[31m",
        "\u{85}", "\"", "\\u0000", "\\ud800", "{", "[", "}", "]", "null", "true", #""__typename": "RepetitionChamp""#,
        #""rows": [{"champs": [{"#, #""number": 1e400"#, #""byteSize": 1e300"#, "\n", "\r", "\r\n", ",", ";", "\t", "\u{0}",
        "../", "/", "\\", "dossier-", "dossier-0/", "C:", "/Count 2147483647", "/Length 99999999", "endstream", "%%EOF",
    ]

    static func mutate(_ input: [UInt8], _ random: inout SplitMix) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + random.below(4)) where !bytes.isEmpty {
            let at = random.below(bytes.count)
            switch random.below(7) {
            case 0:
                bytes[at] = UInt8(truncatingIfNeeded: random.next())
            case 1:
                bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(64)))
            case 2:
                let piece = Array(bytes[at..<min(bytes.count, at + 1 + random.below(256))])
                bytes.insert(contentsOf: piece, at: random.below(bytes.count))
            case 3, 4:
                bytes.insert(contentsOf: Array(random.pick(dictionary).utf8), at: at)
            case 5:
                // A run of digits becomes a value from the dictionary.
                guard let start = bytes[at...].firstIndex(where: { (48...57).contains($0) }) else { break }
                let end = bytes[start...].firstIndex { !(48...57).contains($0) } ?? bytes.count
                bytes.replaceSubrange(start..<end, with: Array(random.pick(dictionary.prefix(14)).utf8))
            default:
                bytes.removeSubrange(at...)
            }
        }
        return bytes
    }
}

/// A small, fixed pseudo-random sequence (SplitMix64): the same mutations on every machine.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }

    mutating func pick<C: Collection>(_ items: C) -> C.Element { items[items.index(items.startIndex, offsetBy: below(items.count))] }
}
