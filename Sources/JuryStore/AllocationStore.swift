import Foundation
import JuryCore

extension AllocationState: VersionedDocument {}

extension CampaignFiles {
    /// The jury's decisions: laureates, waitlist, motivations (see docs/STORE.md).
    public static func allocation(_ root: URL) -> URL { root.appending(path: "allocation.json") }
    public static let maxAllocationBytes = 4 << 20
    /// The frozen deliberations, one per finalisation: a reopening never deletes an earlier one.
    public static func finalisations(_ root: URL) -> URL { root.appending(path: "finalisations") }
    public static func snapshot(_ root: URL, _ name: String) -> URL { finalisations(root).appending(path: name) }
    public static let maxSnapshotBytes = 256 << 20
}

extension DeliberationSnapshot: VersionedDocument {}

/// Saves of the allocation within one process, one at a time (read, check the revision, write).
private let allocationSaves = NSLock()

extension CampaignStore {
    /// The allocation as on disk now (the chair may have changed it from another session), or the
    /// initial one when nothing has been decided yet. Checked like the other files: syntax with a
    /// line and column, types with a field path, dossier numbers against dossiers.json.
    public func loadAllocation() throws(StoreFailure) -> AllocationState {
        let numbers = Set(dossiers.map(\.number))
        return try loadDecisions(AllocationState.self, CampaignFiles.allocation(root), limit: CampaignFiles.maxAllocationBytes) {
            $0.problems(dossiers: numbers)
        }?.sanitized() ?? AllocationState.initial(for: campaign)
    }

    /// A file of the chair's read on demand (allocation.json, assignments.json), nil when absent;
    /// refused with every problem `problems` finds in it.
    func loadDecisions<T: VersionedDocument>(_ type: T.Type, _ url: URL, limit: Int,
                                             problems: (T) -> [ValidationProblem]) throws(StoreFailure) -> T? {
        let loaded: T?
        do {
            loaded = try Document.load(type, from: url, limit: limit)
        } catch {
            throw StoreFailure([error])
        }
        guard let loaded else { return nil }
        try check(problems(loaded).map { StoreProblem(url, $0) })
        return loaded
    }

    /// The one way allocation.json is written. Refused unless `login` chairs the jury, when the file
    /// on disk is no longer at `expectedRevision` (someone saved in between: a change made from a
    /// stale copy must not undo theirs), or when the allocation on disk is finalised, unless this is
    /// its reopening. `allocation` may be the chair's disclosed view: what it hid (a dossier they are
    /// in conflict on) is kept as stored; authors and times are stamped here (`AllocationState.merging`,
    /// `stamped`). Finalising writes the frozen deliberation first (`finalisations/`), named and
    /// digested in the finalisation. Returns what was saved, at the next revision.
    @discardableResult
    public func saveAllocation(_ allocation: AllocationState, expectedRevision: Int, by login: String) throws(StoreFailure) -> AllocationState {
        allocationSaves.lock()
        defer { allocationSaves.unlock() }
        let url = CampaignFiles.allocation(root)
        guard let chair = jury.member(login), chair.role == .chair else {
            throw StoreFailure([StoreProblem(url, Localized(.onlyTheJurysChairMayChangeThe, ["login": login]))])
        }
        // The base of the merge; saves are serialised above, and the revision is checked again under the file's lock.
        let stored = try failing { () throws(StoreProblem) in
            try Document.load(AllocationState.self, from: url, limit: CampaignFiles.maxAllocationBytes)?.sanitized()
        }
        let storedRevision = stored?.revision ?? 0
        guard storedRevision == expectedRevision else { throw StoreFailure([Self.staleAllocation(url, storedRevision, expectedRevision)]) }
        var clean = (stored ?? AllocationState.initial(for: campaign))
            .merging(allocation.sanitized(), hiddenFrom: Disclosure(viewer: chair, campaign: campaign))
            .stamped(by: login, over: stored, at: Instant(Date()))
        // As it will read back (an Instant made from Date() has a fraction of a second its text drops):
        // what the chair is answered is what they will load.
        clean = try failing { () throws(StoreProblem) in try Document.decode(AllocationState.self, from: Document.encode(clean, url), url) }
        let problems = clean.problems(dossiers: Set(dossiers.map(\.number))).map { StoreProblem(url, $0) }
        if !problems.isEmpty { throw StoreFailure(problems) }
        clean.revision = expectedRevision + 1
        // Computed before the lock: the store's own lock is taken to read what it freezes.
        let frozenSheets = sheets
        let snapshot = try clean.finalized.map { (finalized) throws(StoreFailure) in
            var named = finalized
            named.snapshot = Finalization.snapshotName(revision: clean.revision)
            clean.finalized = named
            return DeliberationSnapshot(named, allocation: clean, campaign: campaign, jury: jury, dossiers: dossiers, sheets: frozenSheets,
                                        assignments: try loadAssignments(), seances: try loadSeances(), journalHead: journalHeadText(login: login))
        }
        let reopening = clean.reopenings?.last
        var before: AllocationState?
        // Under .lock/allocation.lock, from the version on disk, journaled (docs/STORE.md, « Audit journal »).
        let saved = try saveShared(.allocation, url, limit: CampaignFiles.maxAllocationBytes, by: login,
                              action: clean.finalized == nil && reopening != nil ? .allocationReopened : .allocation) {
            (onDisk: AllocationState?) throws(StoreProblem) in
                before = onDisk
                if let finalized = onDisk?.finalized {
                    // The one change a finalised allocation takes: its reopening, recorded in the file.
                    let isReopening = clean.finalized == nil && reopening?.finalized == finalized
                        && clean.reopenings?.count == (onDisk?.reopenings?.count ?? 0) + 1
                    guard isReopening else {
                        throw StoreProblem(url, Localized { l in
                            Labels.frozen(finalized, l.text(.allocationCanNoLongerBeChanged), l)
                        })
                    }
                }
                let current = onDisk?.revision ?? 0
                guard current == expectedRevision else { throw Self.staleAllocation(url, current, expectedRevision) }
                if let snapshot, let name = snapshot.finalized.snapshot {
                    // Under the lock sheets are saved under: one saved since the snapshot was taken is not lost from it.
                    guard contents.sheets == frozenSheets else {
                        throw StoreProblem(url, Localized(.aSheetWasSavedDuringTheFinalisation))
                    }
                    let file = CampaignFiles.snapshot(root, name)
                    let data = try Document.encode(snapshot, file)
                    try DurableFile.createDirectory(CampaignFiles.finalisations(root))
                    try DurableFile.write(data, to: file)
                    clean.finalized?.sha256 = SHA256Hex.hex(data)
                }
                return clean
        }
        try recordSeanceDecisions(from: before, to: saved, by: login)
        return saved
    }

    static func staleAllocation(_ url: URL, _ current: Int, _ expected: Int) -> StoreProblem {
        StoreProblem(url, fieldPath: "revision",
                     Localized(.theAllocationWasChangedMeanwhileRevisionOn, ["current": current, "expected": expected]))
    }

    /// The frozen deliberation of `finalized`, checked against the digest the finalisation recorded:
    /// nil for a finalisation made before snapshots existed.
    public func loadSnapshot(_ finalized: Finalization) throws(StoreFailure) -> DeliberationSnapshot? {
        guard let name = finalized.snapshot else { return nil }
        let url = CampaignFiles.snapshot(root, name)
        do throws(StoreProblem) {
            guard let data = try FileReader.read(url, limit: CampaignFiles.maxSnapshotBytes) else {
                throw StoreProblem(url, Localized(.snapshotOfTheFinalisedDeliberationNotFound))
            }
            if let expected = finalized.sha256, SHA256Hex.hex(data) != expected {
                throw StoreProblem(url, Localized(.theSnapshotOfTheFinalisedDeliberationWas))
            }
            return try Document.decode(DeliberationSnapshot.self, from: data, url)
        } catch {
            throw StoreFailure([error])
        }
    }

    /// The digest `finalized` holds, against the journal entry that recorded the finalisation: a
    /// snapshot edited by hand, its digest rewritten in allocation.json, passes `loadSnapshot` but not
    /// this. The latest entry that wrote this snapshot's name counts (a cancelled one changed nothing).
    public func checkSnapshotRecord(_ finalized: Finalization) throws(StoreFailure) {
        guard let name = finalized.snapshot, let digest = finalized.sha256 else { return }
        let records = Journal.records(root)
        let cancelled = Set(records.compactMap { record in record.entry.cancels.map { "\(record.login)#\($0)" } })
        let recorded = records.last { record in
            record.entry.action == .allocation && !cancelled.contains("\(record.login)#\(record.entry.seq)")
                && record.entry.changes.contains { $0.field == "finalized" && $0.after?["snapshot"] == .string(name) }
        }
        guard let recorded, let change = recorded.entry.changes.first(where: { $0.field == "finalized" }) else { return }
        guard change.after?["sha256"] == .string(digest) else {
            let url = CampaignFiles.allocation(root), line = "\(recorded.login).jsonl n° \(recorded.entry.seq)"
            throw StoreFailure([StoreProblem(url, fieldPath: "finalized.sha256",
                Localized(.theDigestOfSnapshotDiffersFromThe, ["name": name, "line": line]))])
        }
    }

    /// The finalisation of the allocation on disk now, if any: sheets, rapporteurs and the
    /// allocation are frozen by it. An unreadable allocation.json freezes nothing here: it is refused
    /// wherever it is read.
    public func finalisationOnDisk() -> Finalization? {
        (try? Document.load(AllocationState.self, from: CampaignFiles.allocation(root), limit: CampaignFiles.maxAllocationBytes))??.finalized
    }

    /// Refuses a change while the allocation is finalised, saying why (`refusal`: what cannot change).
    func refuseWhileFinalised(_ url: URL, _ refusal: Localized) throws(StoreProblem) {
        if let finalized = finalisationOnDisk() {
            throw StoreProblem(url, Localized { l in Labels.frozen(finalized, refusal.text(l), l) })
        }
    }

    /// The journal's last entry, as the minutes print it: the jury server's chain, else (a local
    /// campaign) the one of `login`, who draws them up.
    public func journalHeadText(login: String) -> String? {
        (serverJournalHead ?? Journal.head(CampaignFiles.journal(root, login))).map { "n° \($0.seq), sha256 \($0.sha256)" }
    }
}
