import Foundation
import JuryCore

/// What a store holds, as the model uses it.
struct Contents {
    var campaign: Campaign
    var jury: Jury
    /// Sorted by number.
    var dossiers: [Dossier] { didSet { dossierNumbers = Set(dossiers.map(\.number)) } }
    var sheets: [String: [Int: ScoreSheet]]
    var warnings: [StoreProblem]
    /// Login → the conflicts that member declared in their own file (see `mergedJury`).
    var declaredConflicts: [String: [ConflictOfInterest]] = [:]
    /// Kept with the dossiers: every save checks its dossier against them (5 000 at a time).
    private(set) var dossierNumbers: Set<Int>

    init(campaign: Campaign, jury: Jury, dossiers: [Dossier], sheets: [String: [Int: ScoreSheet]], warnings: [StoreProblem],
         declaredConflicts: [String: [ConflictOfInterest]]) {
        self.campaign = campaign
        self.jury = jury
        self.dossiers = dossiers
        self.sheets = sheets
        self.warnings = warnings
        self.declaredConflicts = declaredConflicts
        dossierNumbers = Set(dossiers.map(\.number))
    }
}

/// Reads a campaign directory, going on after a fault so that every problem is reported at once.
struct Loader {
    let root: URL

    /// The findings of one piece of work; pieces run in parallel and are merged in a fixed order.
    struct Findings: Sendable {
        var problems: [StoreProblem] = []
        var warnings: [StoreProblem] = []
        var dossiers: [Dossier]?
        var sheets: [(url: URL, sheet: ScoreSheet)] = []

        mutating func merge(_ other: Findings) {
            problems += other.problems
            warnings += other.warnings
            if let more = other.dossiers {
                if dossiers == nil { dossiers = more } else { dossiers!.append(contentsOf: more) }
            }
            sheets += other.sheets
        }
    }

    func load() throws(StoreFailure) -> Contents {
        var findings = Findings()
        DurableFile.removeStaleTemporaries(in: root)
        let campaignURL = CampaignFiles.campaign(root), juryURL = CampaignFiles.jury(root)
        let dossiersURL = CampaignFiles.dossiers(root)
        let campaign = Loader.required(Campaign.self, campaignURL, limit: CampaignFiles.maxCampaignBytes, &findings)
        let jury = Loader.required(Jury.self, juryURL, limit: CampaignFiles.maxJuryBytes, &findings)
        let dossiersData = Loader.requiredData(dossiersURL, limit: CampaignFiles.maxDossiersBytes, &findings)
        var listing = Findings()
        var trusted: [String] = []
        let sheetFiles = listSheets(&listing, trusted: &trusted)

        // Decoding is most of the time, and dossiers.json most of that: it is cut into pieces,
        // decoded on all cores together with batches of sheets.
        let split = dossiersData.flatMap { data in
            JSONText.listElements(under: "dossiers", in: data).map { (envelope: $0.envelope, pieces: Loader.pieces(of: data, $0.elements)) }
        }
        let dossierPieces = split?.pieces ?? []
        let batches = stride(from: 0, to: sheetFiles.count, by: Loader.pieceSize).map {
            Array(sheetFiles[$0..<min($0 + Loader.pieceSize, sheetFiles.count)])
        }
        let results = Results<Findings?>(count: dossierPieces.count + batches.count)
        DispatchQueue.concurrentPerform(iterations: dossierPieces.count + batches.count) { index in
            results[index] = index < dossierPieces.count
                ? Loader.dossiers(in: dossierPieces[index], dossiersURL)
                : Loader.sheets(batches[index - dossierPieces.count])
        }
        let pieces = results.values
        if let dossiersData {
            findings.merge(Loader.assemble(pieces.prefix(dossierPieces.count), envelope: split?.envelope, dossiersData, dossiersURL))
        }
        if let dossiers = findings.dossiers { findings.problems += Consistency.dossiers(dossiers, dossiersURL) }
        findings.merge(listing)
        pieces.dropFirst(dossierPieces.count).forEach { findings.merge($0!) }

        if let campaign { findings.problems += Consistency.campaign(campaign, campaignURL) }
        if let jury { findings.problems += Consistency.jury(jury, juryURL) }
        let numbers = findings.dossiers.map { Set($0.map(\.number)) }
        let declared = DeclaredConflicts.load(root, logins: trusted, &findings.problems)
        let juryWithDeclared = jury?.merging(declared)   // once, not once per sheet
        for (url, sheet) in findings.sheets {
            findings.problems += Consistency.sheet(sheet, url, dossiers: numbers, grid: campaign?.criteria)
            // History is kept: a member may have left the jury, or declared a conflict, after scoring.
            if let juryWithDeclared { findings.warnings += Consistency.authorship(sheet, url, jury: juryWithDeclared) }
        }
        guard findings.problems.isEmpty, let campaign, let jury, let dossiers = findings.dossiers else {
            throw StoreFailure(findings.problems)
        }
        return Contents(
            campaign: Loader.sanitized(campaign, campaignURL, &findings.warnings) { $0.sanitized() },
            jury: Loader.sanitized(jury, juryURL, &findings.warnings) { $0.sanitized() },
            dossiers: dossiers.sorted { $0.number < $1.number },
            sheets: findings.sheets.lazy.map(\.sheet).byReviewer,
            warnings: findings.warnings,
            declaredConflicts: declared)
    }

    /// A file that must exist.
    static func required<T: VersionedDocument>(_ type: T.Type, _ url: URL, limit: Int, _ findings: inout Findings) -> T? {
        guard let data = requiredData(url, limit: limit, &findings) else { return nil }
        do {
            return try Document.decode(type, from: data, url)
        } catch {
            findings.problems.append(error)
            return nil
        }
    }

    static func requiredData(_ url: URL, limit: Int, _ findings: inout Findings) -> Data? {
        do {
            if let data = try FileReader.read(url, limit: limit) { return data }
            findings.problems.append(StoreProblem(url, Localized(.missingFile)))
        } catch {
            findings.problems.append(error)
        }
        return nil
    }

    /// Dossiers or sheets per piece of parallel work: enough pieces to keep every core busy to the end.
    private static let pieceSize = 250

    /// A piece of the dossiers list, as a list of its own, and the index of its first dossier.
    private struct DossierPiece: Sendable {
        var data: Data
        var firstIndex: Int
    }

    private static func pieces(of data: Data, _ elements: [Range<Int>]) -> [DossierPiece] {
        stride(from: 0, to: elements.count, by: pieceSize).map { first in
            DossierPiece(data: JSONText.list(elements[first..<min(first + pieceSize, elements.count)], of: data), firstIndex: first)
        }
    }

    /// The dossiers from their pieces when every piece and the rest of the file decoded; otherwise
    /// from the whole file, whose decoding says what is wrong, and where.
    private static func assemble(_ decoded: ArraySlice<Findings?>, envelope: Data?, _ data: Data, _ url: URL) -> Findings {
        guard let envelope, decoded.allSatisfy({ $0 != nil }),
              (try? Document.decode(DossiersFile.self, from: envelope, url))?.dossiers.isEmpty == true else {
            return dossiers(in: data, url)
        }
        var findings = Findings(dossiers: [])
        decoded.forEach { findings.merge($0!) }
        return findings
    }

    /// nil when the piece does not decode: the whole file is then decoded to explain why.
    private static func dossiers(in piece: DossierPiece, _ url: URL) -> Findings? {
        guard let dossiers = TokenReader.decode([Dossier].self, from: piece.data) else { return nil }
        var findings = Findings()
        findings.dossiers = sanitized(dossiers, from: piece.firstIndex, url, &findings.warnings)
        return findings
    }

    static func dossiers(in data: Data, _ url: URL) -> Findings {
        var findings = Findings()
        do {
            let dossiers = try Document.decode(DossiersFile.self, from: data, url).dossiers
            findings.dossiers = sanitized(dossiers, from: 0, url, &findings.warnings)
        } catch {
            findings.problems.append(error)
        }
        return findings
    }

    /// Sanitized with the dossiers' indices in the file, so that warnings name the right entry.
    private static func sanitized(_ dossiers: [Dossier], from firstIndex: Int, _ url: URL,
                                  _ warnings: inout [StoreProblem]) -> [Dossier] {
        dossiers.enumerated().map { offset, dossier in
            sanitized(dossier, url, at: [PathKey(stringValue: "dossiers"), PathKey(intValue: firstIndex + offset)], &warnings) {
                $0.sanitized()
            }
        }
    }

    /// Sheets, each checked against its own path: reviewers/<login>/sheets/<number>.json.
    static func sheets(_ files: [(url: URL, login: String, number: Int)]) -> Findings {
        var findings = Findings()
        for (url, login, number) in files {
            do {
                // A file removed since the listing is simply no longer there.
                guard let sheet = try Document.load(ScoreSheet.self, from: url, limit: CampaignFiles.maxSheetBytes) else { continue }
                if sheet.reviewer != login {
                    findings.problems.append(StoreProblem(url, fieldPath: "reviewer",
                        Localized(.theSheetIsInTheNameOf, ["reviewer": sheet.reviewer, "login": login])))
                }
                if sheet.dossier != number {
                    findings.problems.append(StoreProblem(url, fieldPath: "dossier",
                        Localized(.theSheetIsAboutDossierNoBut, ["dossier": sheet.dossier, "number": number])))
                }
                findings.sheets.append((url, sanitized(sheet, url, &findings.warnings) { $0.sanitized() }))
            } catch {
                findings.problems.append(error)
            }
        }
        return findings
    }

    /// `trusted`: the logins whose directory was read.
    private func listSheets(_ findings: inout Findings, trusted: inout [String]) -> [(url: URL, login: String, number: Int)] {
        var files: [(url: URL, login: String, number: Int)] = []
        let reviewers = CampaignFiles.reviewers(root)
        for login in Loader.entries(of: reviewers, &findings) {
            guard Jury.isValidLogin(login) else {
                findings.problems.append(StoreProblem(reviewers.appending(path: login),
                                                      Localized(.invalidDirectoryNameItMustBeThe)))
                continue
            }
            trusted.append(login)
            let directory = CampaignFiles.sheets(root, login)
            DurableFile.removeStaleTemporaries(in: directory)
            DurableFile.removeStaleTemporaries(in: CampaignFiles.reviewerDirectory(root, login))
            SheetHistory.removeStaleTemporaries(root, login)
            for name in Loader.entries(of: directory, &findings) {
                let url = directory.appending(path: name)
                guard name.hasSuffix(".json"), let number = Int(name.dropLast(5)), "\(number).json" == name else {
                    findings.warnings.append(StoreProblem(url, Localized(.fileIgnoredASheetIsNamedDossier)))
                    continue
                }
                files.append((url, login, number))
            }
        }
        return files
    }

    /// Names in a directory, without hidden ones (ours: temporaries, locks); none when it does not exist.
    private static func entries(of directory: URL, _ findings: inout Findings) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".") }.sorted()
        } catch CocoaError.fileReadNoSuchFile {
            return []
        } catch {
            findings.problems.append(StoreProblem(directory, Localized(.cannotReadTheDirectory, ["reason": error.localizedDescription])))
            return []
        }
    }

    /// The value as the model uses it; a warning names each field whose text sanitizing changed.
    static func sanitized<T: Codable & Equatable>(_ value: T, _ url: URL, at prefix: [PathKey] = [],
                                                         _ warnings: inout [StoreProblem], _ clean: (T) -> T) -> T {
        let cleaned = clean(value)
        guard cleaned != value,
              let before = try? Document.tree(Document.encode(value, url), url),
              let after = try? Document.tree(Document.encode(cleaned, url), url) else { return cleaned }
        for path in before.differences(from: after) {
            warnings.append(StoreProblem(url, fieldPath: PathKey.fieldPath(prefix + path),
                                         Localized(.controlOrWritingDirectionCharactersRemovedFrom)))
        }
        return cleaned
    }
}
