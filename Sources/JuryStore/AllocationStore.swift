import Foundation
import JuryCore

extension AllocationState: VersionedDocument {}

extension CampaignFiles {
    /// The jury's decisions: laureates, waitlist, motivations (see docs/STORE.md).
    public static func allocation(_ root: URL) -> URL { root.appending(path: "allocation.json") }
    public static let maxAllocationBytes = 4 << 20
}

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
    /// stale copy must not undo theirs), or when the allocation on disk is finalised. Returns what
    /// was saved, at the next revision.
    @discardableResult
    public func saveAllocation(_ allocation: AllocationState, expectedRevision: Int, by login: String) throws(StoreFailure) -> AllocationState {
        allocationSaves.lock()
        defer { allocationSaves.unlock() }
        let url = CampaignFiles.allocation(root)
        guard jury.member(login)?.role == .chair else {
            throw StoreFailure([StoreProblem(url, "seule la présidence du jury peut modifier l’attribution (« \(login) » ne la tient pas)")])
        }
        var clean = allocation.sanitized()
        let problems = clean.problems(dossiers: Set(dossiers.map(\.number))).map { StoreProblem(url, $0) }
        if !problems.isEmpty { throw StoreFailure(problems) }
        var before: AllocationState?
        // Under .lock/allocation.lock, from the version on disk, journaled (docs/STORE.md, « Audit journal »).
        let saved = try saveShared(.allocation, url, limit: CampaignFiles.maxAllocationBytes, by: login, action: .allocation) {
            (onDisk: AllocationState?) throws(StoreProblem) in
                before = onDisk
                if let finalized = onDisk?.finalized {
                    throw StoreProblem(url, "attribution finalisée le \(DateText.paris(finalized.at.date)) par \(finalized.by) : "
                                           + "elle ne peut plus être modifiée")
                }
                let current = onDisk?.revision ?? 0
                guard current == expectedRevision else {
                    throw StoreProblem(url, fieldPath: "revision",
                                       "l’attribution a été modifiée entre-temps (révision \(current) sur le disque, "
                                           + "\(expectedRevision) attendue) : rechargez-la et recommencez")
                }
                clean.revision = expectedRevision + 1
                return clean
        }
        try recordSeanceDecisions(from: before, to: saved, by: login)
        return saved
    }
}
