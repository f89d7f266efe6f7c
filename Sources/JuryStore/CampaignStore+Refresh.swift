import Foundation
import JuryCore

/// What `CampaignStore.refresh()` took from the disk: the new version of each thing that changed,
/// and the files it refused.
public struct StoreChanges: Sendable {
    public var campaign: Campaign?
    public var jury: Jury?
    /// Sorted by number, sanitized.
    public var dossiers: [Dossier]?
    /// New or changed sheets, sanitized.
    public var sheets: [ScoreSheet] = []
    /// Sheets whose file is gone: login → dossier numbers.
    public var removedSheets: [String: Set<Int>] = [:]
    /// allocation.json changed: whoever shows it reads it again (`loadAllocation` checks it).
    public var allocationChanged = false
    /// assignments.json changed: whoever shows the rapporteurs reads it again (`loadAssignments`).
    public var assignmentsChanged = false
    /// seances.json changed: whoever shows the séance reads it again (`loadSeances` checks it).
    public var seancesChanged = false
    /// One per file that changed but was not taken; the last good version of it is kept.
    public var problems: [StoreProblem] = []

    public init() {}

    public var isEmpty: Bool {
        campaign == nil && jury == nil && dossiers == nil && sheets.isEmpty && removedSheets.isEmpty && !allocationChanged
            && !assignmentsChanged && !seancesChanged && problems.isEmpty
    }
}

extension CampaignStore {
    /// Reads again the files whose inode, size or modification time changed since they were last
    /// read — among those `change` names (a watcher's answer), or all of them — checks them as
    /// `open` does, and takes what passes. A file that does not load, or that would leave a
    /// campaign `open` refuses (a grid that existing sheets no longer fit, a sheet off the grid), is
    /// not taken: its last good version stays and a problem names it. Never throws: someone else's
    /// broken file must not stop anyone's console.
    public func refresh(_ change: ChangeWatcher.Change = .anything) -> StoreChanges {
        lock.lock()
        defer { lock.unlock() }
        // Taken before reading, as in `open`: a file replaced meanwhile is read again next time.
        // A file that is gone has a nil fingerprint (hence `updateValue`: it keeps the key).
        var current: [CampaignFile: FileFingerprint?] = [:]
        switch change {
        case .nothing:
            return StoreChanges()
        case .files(let paths):
            for file in paths.compactMap({ CampaignFile(path: $0, root: root) }) {
                current.updateValue(FileFingerprint(file.url(root).path), forKey: file)
            }
        case .anything:
            let scanned = FileFingerprint.scan(root)
            for file in Set(scanned.keys).union(readFingerprints.keys) { current.updateValue(scanned[file], forKey: file) }
        }
        let touched = current.filter { $0.value != readFingerprints[$0.key] }
        for (file, fingerprint) in current { readFingerprints[file] = fingerprint }
        guard !touched.isEmpty else { return StoreChanges() }

        var reading = RefreshReading(root: root, contents: contents)
        for (file, fingerprint) in touched.sorted(by: { $0.key.url(root).path < $1.key.url(root).path }) {
            reading.read(file, exists: fingerprint != nil)
        }
        return reading.apply(to: &contents)
    }
}

/// The files of one refresh, read and checked against each other and against what is kept.
private struct RefreshReading {
    let root: URL
    let old: Contents
    var findings = Loader.Findings()
    var campaign: Campaign?
    var jury: Jury?
    var dossiers: [Dossier]?
    /// Sheets that loaded, not yet checked against the grid and the dossiers.
    var sheets: [(url: URL, sheet: ScoreSheet)] = []
    var removed: [String: Set<Int>] = [:]
    /// Login → the conflicts they now declare (none when their file is gone).
    var declared: [String: [ConflictOfInterest]] = [:]
    var allocationChanged = false
    var assignmentsChanged = false
    var seancesChanged = false

    init(root: URL, contents: Contents) {
        self.root = root
        self.old = contents
    }

    mutating func read(_ file: CampaignFile, exists: Bool) {
        let url = file.url(root)
        switch file {
        case .campaign:
            campaign = Loader.required(Campaign.self, url, limit: CampaignFiles.maxCampaignBytes, &findings)
                .flatMap { accepted($0, Consistency.campaign($0, url)) }
                .map { Loader.sanitized($0, url, &findings.warnings) { $0.sanitized() } }
        case .jury:
            jury = Loader.required(Jury.self, url, limit: CampaignFiles.maxJuryBytes, &findings)
                .flatMap { accepted($0, Consistency.jury($0, url)) }
                .map { Loader.sanitized($0, url, &findings.warnings) { $0.sanitized() } }
        case .dossiers:
            guard let data = Loader.requiredData(url, limit: CampaignFiles.maxDossiersBytes, &findings) else { return }
            let decoded = Loader.dossiers(in: data, url)
            findings.problems += decoded.problems
            findings.warnings += decoded.warnings
            dossiers = decoded.dossiers.flatMap { accepted($0, Consistency.dossiers($0, url)) }?.sorted { $0.number < $1.number }
        case let .sheet(login, number):
            guard exists else {
                removed[login, default: []].insert(number)
                return
            }
            // One file at a time, so that a problem is tied to its own sheet.
            let loaded = Loader.sheets([(url, login, number)])
            findings.warnings += loaded.warnings
            findings.problems += loaded.problems
            if loaded.problems.isEmpty, let sheet = loaded.sheets.first?.sheet { sheets.append((url, sheet)) }
        case .allocation:
            allocationChanged = true
        case .assignments:
            assignmentsChanged = true
        case .seances:
            seancesChanged = true
        case .declaredConflicts(let login):
            guard exists else {
                declared[login] = []
                return
            }
            let known = findings.problems.count
            let loaded = DeclaredConflicts.load(root, logins: [login], &findings.problems)
            if findings.problems.count == known { declared[login] = loaded[login] ?? [] }
        }
    }

    private mutating func accepted<T>(_ value: T, _ problems: [StoreProblem]) -> T? {
        findings.problems += problems
        return problems.isEmpty ? value : nil
    }

    /// Takes what passes into `contents` and says what changed there.
    mutating func apply(to contents: inout Contents) -> StoreChanges {
        var taken = check()
        // A grid or a list of dossiers that the sheets kept would not fit is refused; the sheets
        // read with it are then checked against what stays.
        if !taken.refusals.isEmpty {
            findings.problems += taken.refusals
            taken = check()
        }
        findings.problems += taken.sheetProblems

        var changes = StoreChanges()
        if let campaign, campaign != contents.campaign {
            contents.campaign = campaign
            changes.campaign = campaign
        }
        // The jury as everyone uses it: jury.json with each member's own declarations.
        let jurySeen = contents.mergedJury
        if let jury { contents.jury = jury }
        for (login, conflicts) in declared { contents.declaredConflicts[login] = conflicts.isEmpty ? nil : conflicts }
        if contents.mergedJury != jurySeen { changes.jury = contents.mergedJury }
        if let dossiers, dossiers != contents.dossiers {
            contents.dossiers = dossiers
            changes.dossiers = dossiers
        }
        for (login, numbers) in removed {
            let gone = numbers.filter { contents.sheets[login]?.removeValue(forKey: $0) != nil }
            if !gone.isEmpty { changes.removedSheets[login] = gone }
        }
        // Our own saves come back here too: only what differs from what is held is a change.
        for sheet in taken.sheets where contents.sheets[sheet.reviewer]?[sheet.dossier] != sheet {
            contents.sheets[sheet.reviewer, default: [:]][sheet.dossier] = sheet
            changes.sheets.append(sheet)
        }
        contents.warnings += findings.warnings
        changes.allocationChanged = allocationChanged
        changes.assignmentsChanged = assignmentsChanged
        changes.seancesChanged = seancesChanged
        changes.problems = findings.problems
        return changes
    }

    /// The sheets that fit the grid and the dossiers that would be kept, and what refuses a new
    /// grid or a new list of dossiers (clearing it so that the next check goes without it).
    private mutating func check() -> (sheets: [ScoreSheet], sheetProblems: [StoreProblem], refusals: [StoreProblem]) {
        let grid = (campaign ?? old.campaign).criteria
        let numbers = Set((dossiers ?? old.dossiers).map(\.number))
        var taken: [ScoreSheet] = [], sheetProblems: [StoreProblem] = []
        for (url, sheet) in sheets {
            let problems = Consistency.sheet(sheet, url, dossiers: numbers, grid: grid)
            if problems.isEmpty { taken.append(sheet) } else { sheetProblems += problems }
        }
        // The sheets as they would be after this refresh.
        var kept = old.sheets
        for (login, gone) in removed { gone.forEach { kept[login]?[$0] = nil } }
        for sheet in taken { kept[sheet.reviewer, default: [:]][sheet.dossier] = sheet }
        var refusals: [StoreProblem] = []
        if campaign != nil {
            let url = CampaignFiles.campaign(root)
            let misfits = kept.values.flatMap(\.values).filter { !$0.problems(grid: grid).isEmpty }
            if !misfits.isEmpty {
                let (count, example) = (misfits.count, misfits[0])
                refusals.append(StoreProblem(url, Localized(.newGridIgnored, ["count": count, "reviewer": example.reviewer, "dossier": example.dossier])))
                campaign = nil
            }
        }
        if dossiers != nil {
            let url = CampaignFiles.dossiers(root)
            let orphaned = Set(kept.values.flatMap(\.keys)).subtracting(numbers).sorted()
            if !orphaned.isEmpty {
                refusals.append(StoreProblem(url, Localized(.newListIgnoredDossierNoHasScore, ["orphaned": orphaned[0]])))
                dossiers = nil
            }
        }
        return (taken, sheetProblems, refusals)
    }
}

extension CampaignStore {
    /// What a console of `login` on this directory must take after `change`: the files read again
    /// (`refresh`), as the one change type every console receives, the jury server's included.
    public func update(after change: ChangeWatcher.Change, for login: String) -> MemberUpdate? {
        let changes = refresh(change)
        guard !changes.isEmpty else { return nil }
        var update = MemberUpdate(campaign: changes.campaign, jury: changes.jury, dossiers: changes.dossiers, sheets: changes.sheets,
                                  removedSheets: changes.removedSheets, allocationChanged: changes.allocationChanged,
                                  finalized: changes.allocationChanged ? finalisationOnDisk() : nil,
                                  problems: changes.problems.map(\.localized))
        let member = jury.member(login)
        if changes.assignmentsChanged {
            do throws(StoreFailure) {
                let assignments = try loadAssignments()
                update.assignments = member.map { assignments.disclosed(to: Disclosure(viewer: $0, campaign: campaign)) } ?? assignments
            } catch {
                update.problems.append(error.localized)
            }
        }
        // A séance driven from the command line (`ptce-jury session`) reaches this console too.
        if changes.seancesChanged {
            do throws(StoreFailure) {
                let seances = try loadSeances()
                update.seance = member.flatMap { SeanceView.of(seances, for: $0) }
                update.seanceChanged = true
            } catch {
                update.problems.append(error.localized)
            }
        }
        return update
    }
}
