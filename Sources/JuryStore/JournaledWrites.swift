import Foundation
import JuryCore
#if canImport(Glibc)
import Glibc
#endif

// Every change a store makes goes through `journaled`: under the writer's lock (their journal),
// the file is read again, the change is computed from what is on disk, its entry is appended and
// flushed, then the file is replaced. A change whose file could not be written is cancelled in the
// journal, so the journal never claims a change that is not on disk, except for a process killed
// between the two writes (docs/STORE.md, « Audit journal »).

extension CampaignStore {
    /// Who acts: the jury member in whose name jury and conflict changes are journaled.
    public var actor: String { lock.withLock { actingLogin } }

    /// Acts as `login`: `--reviewer` on a local or demo campaign, the connected member on the jury server.
    public func act(as login: String) throws(StoreFailure) {
        lock.withLock { actingLogin = login }
    }

    /// Changes a reviewer's sheet from its latest version on disk (a new draft when there is none),
    /// under the reviewer's lock: two sessions of one reviewer never lose each other's changes.
    @discardableResult
    public func updateSheet(reviewer: String, dossier: Int,
                            _ change: (inout ScoreSheet) throws(StoreFailure) -> Void) throws(StoreFailure) -> ScoreSheet {
        lock.lock()
        defer { lock.unlock() }
        let fresh = ScoreSheet(dossier: dossier, reviewer: reviewer, at: Instant(Date()))
        _ = try failing { () throws(StoreProblem) in try Consistency.sheetURL(root, fresh) }
        return try writeSheet(fresh) { (onDisk: ScoreSheet?) throws(StoreFailure) in
            var sheet = onDisk ?? fresh
            try change(&sheet)
            return sheet
        }
    }

    /// Changes jury.json from its latest version under the jury's lock (no revision check: the
    /// change does not depend on what its author saw, e.g. adding one member).
    public func updateJury(_ change: (inout Jury) throws(StoreFailure) -> Void) throws(StoreFailure) {
        lock.lock()
        defer { lock.unlock() }
        try writeJury(expectedRevision: nil) { (onDisk: Jury) throws(StoreFailure) in
            var jury = onDisk
            try change(&jury)
            return jury
        }
    }

    /// Writes a sheet computed from the version on disk. Caller holds `lock`; the login is valid.
    func writeSheet(_ target: ScoreSheet, _ change: (ScoreSheet?) throws(StoreFailure) -> ScoreSheet) throws(StoreFailure) -> ScoreSheet {
        let reviewer = target.reviewer, dossier = target.dossier
        let url = CampaignFiles.sheet(root, reviewer, dossier)
        var result = target, submitted = false
        let load = { () throws(StoreProblem) -> ScoreSheet? in
            try Document.load(ScoreSheet.self, from: url, limit: CampaignFiles.maxSheetBytes)?.sanitized()
        }
        try journaled(by: reviewer, read: load, prepare: { () throws(StoreProblem) in
            try DurableFile.createDirectory(url.deletingLastPathComponent())
        }, change: { (onDisk: ScoreSheet?) throws(StoreFailure) -> (ScoreSheet, JournalEntry)? in
            try failing { () throws(StoreProblem) in try refuseWhileFinalised(url, Localized(.theSheetCanNoLongerBeChanged)) }
            // As it will read back: an Instant made from Date() has a fraction of a second that its
            // text drops, and the next save compares what it knows with what it reads.
            var changed = try change(onDisk).sanitized()
            // Lateness is the store's: set at the submission, kept while the sheet stays submitted.
            switch (onDisk?.status ?? .draft, changed.status) {
            case (.draft, .submitted): changed.submittedAfterDiscussion = submittedInDiscussion(dossier) ? true : nil
            case (.submitted, .submitted): changed.submittedAfterDiscussion = onDisk?.submittedAfterDiscussion
            case (_, .draft): changed.submittedAfterDiscussion = nil
            }
            let sheet = try failing { () throws(StoreProblem) in
                try Document.decode(ScoreSheet.self, from: Document.encode(changed, url), url)
            }
            try check(Consistency.sheet(sheet, url, dossiers: contents.dossierNumbers, grid: contents.campaign.criteria)
                      + Consistency.authorship(sheet, url, jury: contents.mergedJury))
            result = sheet
            guard sheet != onDisk else { return nil }
            let action: JournalAction
            switch (onDisk?.status ?? .draft, sheet.status) {
            case (.draft, .submitted): action = .sheetSubmit; submitted = true
            case (.submitted, .draft): action = .sheetReopen
            default: action = .sheetEdit
            }
            let changes = try failing { () throws(StoreProblem) in
                if let onDisk, onDisk.status == .submitted { try SheetHistory.archive(onDisk, root) }
                return try JournalChange.between(onDisk, sheet, ignoring: ["updatedAt"], url)
            }
            return (sheet, JournalEntry(by: reviewer, action: action, dossier: dossier, subject: reviewer, changes: changes))
        }, write: { (sheet: ScoreSheet) throws(StoreProblem) in
            _ = try Document.replace(url, limit: CampaignFiles.maxSheetBytes) { (_: ScoreSheet?) in sheet }
            contents.sheets[reviewer, default: [:]][dossier] = sheet
        })
        if submitted && result.submittedAfterDiscussion == true { try recordLateSheet(of: reviewer, on: dossier) }
        return result
    }

    /// Whether `dossier` was put in discussion in the séance in progress (an unreadable seances.json
    /// says no: `check` reports it).
    private func submittedInDiscussion(_ dossier: Int) -> Bool {
        ((try? Document.load(Seances.self, from: CampaignFiles.seances(root), limit: CampaignFiles.maxSeancesBytes)) ?? nil)?
            .discussionBegan(on: dossier) ?? false
    }

    /// A sheet submitted on a dossier after its discussion began in the séance in progress is recorded
    /// there (`fiche-tardive`, docs/STORE.md), by the store whoever submits: the chair does not have to
    /// notice it. Caller holds `lock`; the sheet is already saved.
    private func recordLateSheet(of reviewer: String, on dossier: Int) throws(StoreFailure) {
        let url = CampaignFiles.seances(root), now = Instant(Date())
        _ = try writeShared(.seances, url, limit: CampaignFiles.maxSeancesBytes, by: reviewer) { (onDisk: Seances?) throws(StoreFailure) in
            // Read again under the file's lock: the chair may have changed the séance since the probe.
            var new = onDisk ?? Seances()
            new.recordLateSheet(of: reviewer, on: dossier, at: now)
            new.revision += 1
            new.updatedAt = now
            new.updatedBy = reviewer
            let changes = try failing { () throws(StoreProblem) in try JournalChange.between(onDisk, new, ignoring: ["schemaVersion"], url) }
            return (new, JournalEntry(by: reviewer, action: .seance, dossier: dossier, changes: changes))
        }
    }

    static func staleSheet(_ sheet: ScoreSheet) -> Localized {
        Localized(.sheetNoOfWasChangedOrDeleted, ["dossier": sheet.dossier, "reviewer": sheet.reviewer])
    }

    /// Changes jury.json under its lock. `expectedRevision`: the revision the change was made
    /// from; a different one on disk means someone changed the jury meanwhile, and the change is
    /// refused. nil: the change applies to whatever is on disk. Caller holds `lock`.
    func writeJury(expectedRevision: Int?, _ change: (Jury) throws(StoreFailure) -> Jury) throws(StoreFailure) {
        let url = CampaignFiles.jury(root)
        let author = actingLogin
        contents.jury = try writeShared(.jury, url, limit: CampaignFiles.maxJuryBytes, by: author) { (onDisk: Jury?) throws(StoreFailure) in
            guard let onDisk else {
                throw StoreFailure([StoreProblem(url, Localized(.missingFileJuryJsonWasDeletedRestore))])
            }
            if let expectedRevision, onDisk.revision != expectedRevision {
                let who = Journal.juryAuthor(revision: onDisk.revision, root)
                throw StoreFailure([StoreProblem(url, fieldPath: "revision",
                    Localized { l in
                        l.text(.juryChangedMeanwhile, ["who": who ?? l.text(.someoneElse), "revision": onDisk.revision, "expected": expectedRevision])
                    })])
            }
            var new = try change(onDisk).sanitized()
            new.revision = onDisk.revision + 1
            try check(Consistency.jury(new, url))
            let changes = try failing { () throws(StoreProblem) in
                try JournalChange.between(onDisk, new, ignoring: ["revision", "schemaVersion"], url, reshape: membersByLogin)
            }
            return (new, juryEntry(by: author, onDisk, new, changes))
        }
    }

    /// Saves a file several people may write, other than jury.json (allocation.json), from what
    /// `update` makes of the version on disk, and journals the change as `action`.
    func saveShared<T: VersionedDocument>(_ file: SharedFile, _ url: URL, limit: Int, by author: String, action: JournalAction,
                                          dossier: Int? = nil, _ update: (T?) throws(StoreProblem) -> T) throws(StoreFailure) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try writeShared(file, url, limit: limit, by: author) { (onDisk: T?) throws(StoreFailure) in
            let new = try failing { () throws(StoreProblem) in try update(onDisk) }
            let changes = try failing { () throws(StoreProblem) in try JournalChange.between(onDisk, new, ignoring: ["schemaVersion"], url) }
            return (new, JournalEntry(by: author, action: action, dossier: dossier, changes: changes))
        }
    }

    /// A file several people may write (jury.json, allocation.json): changed under its lock in
    /// `.lock/`, from the version on disk, and journaled. Caller holds `lock`.
    private func writeShared<T: VersionedDocument>(_ file: SharedFile, _ url: URL, limit: Int, by author: String,
                                                   _ change: (T?) throws(StoreFailure) -> (T, JournalEntry)) throws(StoreFailure) -> T {
        let load = { () throws(StoreProblem) -> T? in try Document.load(T.self, from: url, limit: limit) }
        // A file this build cannot read is refused before anything, even a lock, is taken.
        _ = try failing(load)
        let fileLock = try failing { () throws(StoreProblem) in try FileLock.shared(file, root: root) }
        defer { withExtendedLifetime(fileLock) {} }
        var written: T?
        try journaled(by: author, read: load, change: { (onDisk: T?) throws(StoreFailure) -> (T, JournalEntry)? in try change(onDisk) },
                      write: { (new: T) throws(StoreProblem) in
                          _ = try Document.replace(url, limit: limit) { (_: T?) in new }
                          written = new
                      })
        return written!
    }

    /// The one way a change is written (see the top of this file). `read` is called once before the
    /// lock (to refuse an unreadable file without leaving any trace) and once under it; `change`
    /// returns nil when there is nothing to change. Caller holds `lock`.
    func journaled<Value, New>(by login: String, read: () throws(StoreProblem) -> Value,
                               prepare: () throws(StoreProblem) -> Void = {},
                               change: (Value) throws(StoreFailure) -> (New, JournalEntry)?,
                               write: (New) throws(StoreProblem) -> Void) throws(StoreFailure) {
        try refuseIfReadOnly()
        _ = try failing(read)
        // Under a jury server every member's change goes into the server's one chain (docs/SERVER.md).
        let chain = journalChain ?? login
        let writer = try failing { () throws(StoreProblem) in
            try JournalWriter(root: root, login: chain, expected: journalHeads[chain])
        }
        try failing(prepare)
        guard let (new, entry) = try change(try failing(read)) else { return }
        let gap = writer.gap
        let written = try failing { () throws(StoreProblem) in try writer.append(entry) }
        journalHeads[chain] = writer.head
        if let expected = gap?.expected {
            contents.warnings.append(StoreProblem(writer.url,
                Localized(.theJournalNoLongerEndedAtEntry, ["seq": expected.seq, "gap": gap?.found?.seq ?? 0, "seq2": written.seq])))
        }
        do {
            try write(new)
        } catch {
            writer.cancel(written)
            journalHeads[chain] = writer.head
            throw StoreFailure([error])
        }
        writes.note(entry, bytes: writer.appendedBytes)
    }

    /// What the store wrote since the last call: the jury server tells each console what a request
    /// changed from this, whatever the request was (a read writes nothing).
    public func takeWrites() -> StoreWrites {
        lock.withLock {
            defer { writes = StoreWrites() }
            return writes
        }
    }
}

/// The files a series of changes wrote, as far as consoles need to know.
public struct StoreWrites: Sendable, Equatable {
    /// Dossiers whose sheets changed.
    public var sheets: Set<Int> = []
    public var allocation = false
    public var seances = false
    /// The jury, the dossiers, the campaign, conflicts or rapporteurs: anything a console shows may differ.
    public var everything = false
    /// Bytes appended to the journal: the jury server counts them against the member's quota.
    public var journalBytes = 0

    public init() {}

    public var isEmpty: Bool { sheets.isEmpty && !allocation && !seances && !everything }

    mutating func note(_ entry: JournalEntry, bytes: Int) {
        journalBytes += bytes
        switch entry.action {
        case .sheetEdit, .sheetSubmit, .sheetReopen:
            if let dossier = entry.dossier { sheets.insert(dossier) } else { everything = true }
        case .allocation, .allocationReopened: allocation = true
        case .seance: seances = true
        case .conflictDeclared, .conflictRecorded, .memberAdded, .memberRemoved, .juryChanged, .assignment, .pieces, .cancelled:
            everything = true
        }
    }
}

/// Members keyed by login, so that a change reads "members.alice.name" whatever the order.
private func membersByLogin(_ tree: JSONValue) -> JSONValue {
    guard case .object(var fields) = tree, case .array(let members)? = fields["members"] else { return tree }
    var byLogin: [String: JSONValue] = [:]
    for member in members {
        if case .string(let login)? = member["login"] { byLogin[login] = member }
    }
    fields["members"] = .object(byLogin)
    return .object(fields)
}

/// What a change of jury.json was: members added, removed, a conflict recorded, or other.
private func juryEntry(by author: String, _ old: Jury, _ new: Jury, _ changes: [JournalChange]) -> JournalEntry {
    let logins = Set(changes.compactMap { change -> String? in
        let parts = change.field.split(separator: ".")
        return parts.count >= 2 && parts[0] == "members" ? String(parts[1]) : nil
    })
    let subject = logins.count == 1 ? logins.first : nil
    let action: JournalAction
    var dossier: Int?
    if !changes.isEmpty, changes.allSatisfy({ $0.before == nil && $0.field.split(separator: ".").count == 2 }) {
        action = .memberAdded
    } else if !changes.isEmpty, changes.allSatisfy({ $0.after == nil && $0.field.split(separator: ".").count == 2 }) {
        action = .memberRemoved
    } else if let subject, !changes.isEmpty, changes.allSatisfy({ $0.field.hasSuffix(".conflicts") }) {
        action = .conflictRecorded
        let added = (new.member(subject)?.conflicts ?? []).filter { !(old.member(subject)?.conflicts ?? []).contains($0) }
        dossier = added.count == 1 ? added[0].dossier : nil
    } else {
        action = .juryChanged
    }
    return JournalEntry(by: author, action: action, dossier: dossier, subject: subject, revision: new.revision, changes: changes)
}
