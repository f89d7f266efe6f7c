import Foundation
import JuryCore

/// A campaign directory, validated as a whole, and the only way its files are written.
/// Safe to share between threads: state and saves are serialised by a lock.
public final class CampaignStore: @unchecked Sendable {
    /// The directory actually read and written: `sourceRoot`, or a demo campaign's private copy.
    public let root: URL
    /// The directory the user named.
    public let sourceRoot: URL

    let lock = NSLock()
    var contents: Contents
    /// Who acts (see `act(as:)`); jury and conflict changes are journaled in their name.
    var actingLogin = UnixAccounts.currentLogin()
    /// The head of each journal this store appended to, to notice one changed behind its back.
    var journalHeads: [String: JournalHead] = [:]
    /// What this store wrote since `takeWrites()` (under `lock`).
    var writes = StoreWrites()
    /// What each file looked like when it was last read: `refresh()` reads again only what differs.
    var readFingerprints: [CampaignFile: FileFingerprint] = [:]
    /// Set by the jury server: the one journal every change is chained into, whoever makes it.
    var journalChain: String?
    /// A snapshot (`snapshot()`): it reads, and refuses to write.
    var readOnly = false

    public var campaign: Campaign { lock.withLock { contents.campaign } }
    /// jury.json with each member's own declared conflicts merged in.
    public var jury: Jury { lock.withLock { contents.mergedJury } }
    /// Sorted by number, sanitized.
    public var dossiers: [Dossier] { lock.withLock { contents.dossiers } }
    /// Login → dossier number → sheet, sanitized.
    public var sheets: [String: [Int: ScoreSheet]] { lock.withLock { contents.sheets } }
    /// Non-fatal findings (e.g. control characters removed from a text).
    public var warnings: [StoreProblem] {
        get { lock.withLock { contents.warnings } }
        set { lock.withLock { contents.warnings = newValue } }
    }

    private init(root: URL, sourceRoot: URL, contents: Contents) {
        self.root = root
        self.sourceRoot = sourceRoot
        self.contents = contents
    }

    /// Opens and validates everything under `root`; the failure lists every problem found.
    public static func open(_ root: URL) throws(StoreFailure) -> CampaignStore {
        let workRoot = try DemoWorkspace.root(for: root)
        // Taken before reading: a file replaced while it is read is read again by the next refresh.
        let fingerprints = FileFingerprint.scan(workRoot)
        let contents = try Loader(root: workRoot).load()
        // The former shared mode (a directory every member's process read) cannot keep a secret: such
        // a campaign is taken into a jury server's keeping first (docs/SERVER.md).
        if contents.campaign.shared != nil {
            throw StoreFailure([StoreProblem(CampaignFiles.campaign(root), fieldPath: "shared",
                Localized(.formerSharedModeConvertForTheServer, ["path": root.path]))])
        }
        let store = CampaignStore(root: workRoot, sourceRoot: root, contents: contents)
        store.readFingerprints = fingerprints
        return store
    }

    /// Opens a campaign for the jury server, which alone reads and writes it from then on: every
    /// change, whoever makes it, goes into one journal chain.
    public static func openForServer(_ root: URL) throws(StoreFailure) -> CampaignStore {
        let store = try open(root)
        store.lock.withLock { store.journalChain = CampaignFiles.serverChain }
        return store
    }

    /// The campaign as it is now, for a read that runs beside the writer (the jury server's reads and
    /// costly work): its contents are values, copied only if changed; the files it reads on demand
    /// (allocation, rapporteurs, séances, journal) are replaced atomically by the writer. It refuses
    /// every change.
    public func snapshot() -> CampaignStore {
        lock.withLock {
            let copy = CampaignStore(root: root, sourceRoot: sourceRoot, contents: contents)
            copy.journalChain = journalChain
            copy.journalHeads = journalHeads
            copy.readOnly = true
            return copy
        }
    }

    /// A copy made by `snapshot()`, which only reads.
    public var isSnapshot: Bool { readOnly }

    /// The refusal of a change asked of a snapshot: a read that tried to write (a bug, never a member's doing).
    func refuseIfReadOnly() throws(StoreFailure) {
        guard readOnly else { return }
        throw StoreFailure([StoreProblem(root, Localized(.readOnlyThisCopyOfTheCampaign))])
    }

    public func sheet(reviewer: String, dossier: Int) -> ScoreSheet? {
        lock.withLock { contents.sheets[reviewer]?[dossier] }
    }

    // MARK: - Saving

    /// Saves a reviewer's sheet durably and journals the change. It must fit the grid, name a known
    /// dossier, and come from a jury member without a conflict of interest on it. The version on
    /// disk must be the one this store last read or wrote: a change made meanwhile by another
    /// session is refused, never overwritten (`updateSheet` applies a change to the latest version).
    public func save(_ sheet: ScoreSheet) throws(StoreFailure) {
        lock.lock()
        defer { lock.unlock() }
        let sheet = sheet.sanitized()
        let url = try failing { () throws(StoreProblem) in try Consistency.sheetURL(root, sheet) }
        // A newcomer to the demo joins its jury with their first sheet, not by reading it.
        if contents.campaign.isDemo { try admitDemoGuestLocked(login: sheet.reviewer) }
        try check(Consistency.sheet(sheet, url, dossiers: contents.dossierNumbers, grid: contents.campaign.criteria)
                  + Consistency.authorship(sheet, url, jury: contents.mergedJury))
        let known = contents.sheets[sheet.reviewer]?[sheet.dossier]
        _ = try writeSheet(sheet) { (onDisk: ScoreSheet?) throws(StoreFailure) in
            guard onDisk == known else { throw StoreFailure([StoreProblem(url, CampaignStore.staleSheet(sheet))]) }
            return sheet
        }
    }

    /// The jury server's save of `login`'s sheet: the version on disk must be `expected`, the one the
    /// member's console last knew (nil: it knew of no sheet). What the member owns is theirs; who and
    /// when are the server's (`ScoreSheet.stamped`): a forged date or author is never stored. A save
    /// that says what is already on disk (sent again after a lost acknowledgement) is recognised and
    /// writes nothing, whatever stamps it carries. Returns the sheet as stored (sanitized, as it reads back).
    @discardableResult
    public func save(_ sheet: ScoreSheet, expecting expected: ScoreSheet?, by login: String) throws(StoreFailure) -> ScoreSheet {
        lock.lock()
        defer { lock.unlock() }
        var sheet = sheet.sanitized()
        sheet.reviewer = login
        let url = try failing { () throws(StoreProblem) in try Consistency.sheetURL(root, sheet) }
        try check(Consistency.sheet(sheet, url, dossiers: contents.dossierNumbers, grid: contents.campaign.criteria)
                  + Consistency.authorship(sheet, url, jury: contents.mergedJury))
        let now = Instant(Date())
        return try writeSheet(sheet) { (onDisk: ScoreSheet?) throws(StoreFailure) in
            if let onDisk, onDisk.saysTheSame(as: sheet) { return onDisk }
            guard onDisk == expected else { throw StoreFailure([StoreProblem(url, CampaignStore.staleSheet(sheet))]) }
            return sheet.stamped(by: login, over: onDisk, at: now)
        }
    }

    /// Saves the jury. `jury.revision` must be the revision on disk: an edit made from a stale copy
    /// is refused rather than silently undoing someone else's change. The saved jury gets the next revision.
    /// Refused while the allocation is finalised; a conflict of interest is still recorded (`recordConflict`).
    public func saveJury(_ jury: Jury) throws(StoreFailure) {
        lock.lock()
        defer { lock.unlock() }
        try failing { () throws(StoreProblem) in
            try refuseWhileFinalised(CampaignFiles.jury(root), Localized(.theJurysCompositionCanNoLongerBe))
        }
        try saveJuryLocked(jury)
    }

    /// Saves the dossiers, sorted by number. A dossier that has sheets cannot be removed. Refused while
    /// the allocation is finalised: the laureates' names and regions are what was decided on.
    public func saveDossiers(_ dossiers: [Dossier]) throws(StoreFailure) {
        lock.lock()
        defer { lock.unlock() }
        try refuseIfReadOnly()
        let sorted = try checked(dossiers)
        try failing { () throws(StoreProblem) in try writeDossiers(sorted) }
        contents.dossiers = sorted
        writes.everything = true
    }

    /// Saves the dossiers with the pièces justificatives an import brought: each pièce's bytes
    /// (`files`, by digest) under attachments/<number>/<sha256> — a file already there holds the same
    /// bytes and is kept — then dossiers.json. What changed in each dossier's pièces is journaled
    /// first, as one `pieces` entry by `login`.
    public func saveDossiers(_ dossiers: [Dossier], pieceFiles files: [String: Data], by login: String) throws(StoreFailure) {
        lock.lock()
        defer { lock.unlock() }
        let sorted = try checked(dossiers)
        let before = Dictionary(contents.dossiers.map { ($0.number, $0.justificatives) }, uniquingKeysWith: { first, _ in first })
        func listed(_ pieces: [Piece]) -> JSONValue { .array(pieces.map { .string("\($0.name) (\($0.sha256))") }) }
        let changes = sorted.compactMap { d -> JournalChange? in
            let old = before[d.number] ?? []
            guard old != d.justificatives else { return nil }
            return JournalChange(field: "pieces.\(d.number)", before: listed(old), after: listed(d.justificatives))
        }
        let root = self.root
        try journaled(by: login, read: { () throws(StoreProblem) in () }, change: { (_: Void) throws(StoreFailure) -> ([Dossier], JournalEntry)? in
            changes.isEmpty ? nil : (sorted, JournalEntry(by: login, action: .pieces, changes: changes))
        }, write: { (new: [Dossier]) throws(StoreProblem) in
            for d in new {
                for piece in d.justificatives {
                    let url = CampaignFiles.piece(root, d.number, piece.sha256)
                    guard let data = files[piece.sha256], !FileManager.default.fileExists(atPath: url.path) else { continue }
                    try DurableFile.createDirectory(url.deletingLastPathComponent())
                    try DurableFile.write(data, to: url)
                }
            }
            try writeDossiers(new)
        })
        if changes.isEmpty { try failing { () throws(StoreProblem) in try writeDossiers(sorted) } }
        contents.dossiers = sorted
        writes.everything = true
    }

    /// The dossiers as they would be saved, sorted by number, or every reason they cannot be: a dossier
    /// that has sheets cannot be removed. Under `lock`.
    private func checked(_ dossiers: [Dossier]) throws(StoreFailure) -> [Dossier] {
        let url = CampaignFiles.dossiers(root)
        try failing { () throws(StoreProblem) in
            try refuseWhileFinalised(url, Localized(.theDossiersCanNoLongerBeChanged))
        }
        let kept = Set(dossiers.map(\.number))
        let scored = contents.sheets.values.flatMap(\.keys)
        let orphaned = Set(scored.filter { !kept.contains($0) }).sorted().map {
            StoreProblem(url, Localized(.dossierNoHasScoreSheetsItCannot, ["dossier": $0]))
        }
        try check(Consistency.dossiers(dossiers, url) + orphaned)
        return dossiers.map { $0.sanitized() }.sorted { $0.number < $1.number }
    }

    private func writeDossiers(_ sorted: [Dossier]) throws(StoreProblem) {
        _ = try Document.replace(CampaignFiles.dossiers(root), limit: CampaignFiles.maxDossiersBytes) { (_: DossiersFile?) in
            DossiersFile(schemaVersion: currentSchemaVersion, dossiers: sorted)
        }
    }

    /// Saves the campaign. Every existing sheet must still fit the new grid.
    public func saveCampaign(_ campaign: Campaign) throws(StoreFailure) {
        lock.lock()
        defer { lock.unlock() }
        try refuseIfReadOnly()
        let url = CampaignFiles.campaign(root)
        var problems = Consistency.campaign(campaign, url)
        for (login, sheets) in contents.sheets.sorted(by: { $0.key < $1.key }) {
            for (number, sheet) in sheets.sorted(by: { $0.key < $1.key }) {
                problems += Consistency.sheet(sheet, CampaignFiles.sheet(root, login, number), dossiers: nil, grid: campaign.criteria)
            }
        }
        try check(problems)
        let clean = campaign.sanitized()
        try failing { () throws(StoreProblem) in
            _ = try Document.replace(url, limit: CampaignFiles.maxCampaignBytes) { (_: Campaign?) in clean }
        }
        contents.campaign = clean
        writes.everything = true
    }

    /// Demo only: adds `login` to the jury as a reviewer if absent (its name is the login) so that a
    /// newcomer can score at once.
    public func admitDemoGuest(login: String) throws(StoreFailure) {
        lock.lock()
        defer { lock.unlock() }
        try admitDemoGuestLocked(login: login)
    }

    /// Under `lock`.
    func admitDemoGuestLocked(login: String) throws(StoreFailure) {
        let url = CampaignFiles.jury(root)
        guard contents.campaign.isDemo else {
            throw StoreFailure([StoreProblem(url, Localized(.onlyADemonstrationCampaignAdmitsGuests))])
        }
        guard contents.jury.member(login) == nil else { return }
        var jury = contents.jury
        jury.members.append(JuryMember(login: login, name: login, role: .reviewer))
        try saveJuryLocked(jury)
    }

    private func saveJuryLocked(_ jury: Jury) throws(StoreFailure) {
        try check(Consistency.jury(jury, CampaignFiles.jury(root)))
        // Declared conflicts stay in their reviewers' own files.
        let members = contents.withoutDeclarations(jury).members
        try writeJury(expectedRevision: jury.revision) { (onDisk: Jury) in
            var new = onDisk
            new.members = members
            return new
        }
    }

    // MARK: - Creating

    /// Writes a whole new campaign directory (used by `init` and `demo`). Refuses a directory that
    /// already holds a campaign.json. campaign.json is written last, so that an interrupted
    /// creation leaves no campaign that looks complete, and can simply be run again.
    public static func create(at root: URL, campaign: Campaign, jury: Jury, dossiers: [Dossier],
                              sheets: [ScoreSheet]) throws(StoreFailure) {
        let campaignURL = CampaignFiles.campaign(root)
        if FileManager.default.fileExists(atPath: campaignURL.path) {
            throw StoreFailure([StoreProblem(campaignURL, Localized(.aCampaignAlreadyExistsHereNothingWas))])
        }
        let numbers = Set(dossiers.map(\.number))
        var problems = Consistency.campaign(campaign, campaignURL) + Consistency.jury(jury, CampaignFiles.jury(root))
            + Consistency.dossiers(dossiers, CampaignFiles.dossiers(root))
        problems += [Document.versionProblem(campaign.schemaVersion, campaignURL),
                     Document.versionProblem(jury.schemaVersion, CampaignFiles.jury(root))].compactMap { $0 }
        var seen = Set<String>()
        for sheet in sheets {
            do {
                let url = try Consistency.sheetURL(root, sheet)
                if !seen.insert(url.path).inserted { problems.append(StoreProblem(url, Localized(.duplicateSheet))) }
                if let problem = Document.versionProblem(sheet.schemaVersion, url) { problems.append(problem) }
                problems += Consistency.sheet(sheet, url, dossiers: numbers, grid: campaign.criteria)
                    + Consistency.authorship(sheet, url, jury: jury)
            } catch {
                problems.append(error)
            }
        }
        try check(problems)
        try failing { () throws(StoreProblem) in
            try DurableFile.createDirectory(root)
            try DurableFile.createDirectory(CampaignFiles.lockDirectory(root))
            try writeNew(jury, to: CampaignFiles.jury(root))
            try writeNew(DossiersFile(schemaVersion: currentSchemaVersion, dossiers: dossiers.sorted { $0.number < $1.number }),
                         to: CampaignFiles.dossiers(root))
            for sheet in sheets {
                let url = CampaignFiles.sheet(root, sheet.reviewer, sheet.dossier)
                try DurableFile.createDirectory(url.deletingLastPathComponent())
                try writeNew(sheet, to: url)
            }
            DurableFile.syncFileSystem(containing: root)
            try writeNew(campaign, to: campaignURL, sync: true)
        }
    }

    private static func writeNew<T: Encodable>(_ value: T, to url: URL, sync: Bool = false) throws(StoreProblem) {
        try DurableFile.write(try Document.encode(value, url), to: url, mode: 0o640, sync: sync)
    }
}

func check(_ problems: [StoreProblem]) throws(StoreFailure) {
    if !problems.isEmpty { throw StoreFailure(problems) }
}

/// Runs one step whose single problem is the whole failure.
func failing<T>(_ body: () throws(StoreProblem) -> T) throws(StoreFailure) -> T {
    do {
        return try body()
    } catch {
        throw StoreFailure([error])
    }
}
