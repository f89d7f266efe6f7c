import Foundation
import JuryCore
#if canImport(Glibc)
import Glibc
#endif

// The audit journal (docs/STORE.md, « Audit journal »): one append-only file per writer, journal/<login>.jsonl,
// each line `{"entry":{…},"sha256":"…"}` where sha256 is the digest of the entry's bytes and the
// entry holds the digest of the line before it (`prev`) and the heads of the other writers'
// journals it saw (`witnessed`). Changing a line breaks its digest or the next line's `prev`;
// rewriting a whole journal consistently, or cutting its end, contradicts what the others saw.

/// The last entry of a journal: its number and digest.
public struct JournalHead: Codable, Sendable, Equatable {
    public var seq: Int
    public var sha256: String
}

public enum JournalAction: String, Codable, Sendable, CaseIterable {
    case sheetEdit = "fiche.modification"
    case sheetSubmit = "fiche.soumission"
    case sheetReopen = "fiche.reouverture"
    case conflictDeclared = "conflit.declaration"
    case conflictRecorded = "conflit.enregistrement"
    case memberAdded = "jury.ajout"
    case memberRemoved = "jury.retrait"
    case juryChanged = "jury.modification"
    case allocation = "attribution"
    /// A finalised allocation opened again by the chair, with a motivation.
    case allocationReopened = "attribution.reouverture"
    /// Rapporteurs assigned or taken off dossiers.
    case assignment = "rapporteurs"
    /// A séance opened, closed, a dossier put in discussion, a decision recorded in it.
    case seance = "seance"
    /// Pièces justificatives imported: one change per dossier, `pieces.<number>`, naming them and their digests.
    case pieces = "pieces"
    /// The change of entry `cancels` did not reach its file (disk full, permission…).
    case cancelled = "annulation"

    var isSheet: Bool { [.sheetEdit, .sheetSubmit, .sheetReopen].contains(self) }
}

/// One field that changed, with its value before and after (absent: the field did not exist).
public struct JournalChange: Codable, Sendable, Equatable {
    public var field: String
    var before: JSONValue?
    var after: JSONValue?

    /// The values as compact JSON, for display.
    public var beforeText: String? { before.map(JournalLine.compact) }
    public var afterText: String? { after.map(JournalLine.compact) }
}

/// What a writer found when it opened its own journal, recorded in its next entry so that
/// nothing is smoothed over silently.
public struct JournalGap: Codable, Sendable, Equatable {
    /// The head this session last wrote, when the journal no longer ends there.
    public var expected: JournalHead?
    /// The head found instead.
    public var found: JournalHead?
    /// Bytes of an incomplete last line (a write interrupted by a crash) that were removed.
    public var droppedBytes: Int?
}

public struct JournalEntry: Codable, Sendable, Equatable {
    public var seq: Int
    public var at: Instant
    public var by: String
    public var action: JournalAction
    public var dossier: Int?
    /// Whose sheet, or which jury member, the change is about.
    public var subject: String?
    /// The jury's revision after a change of jury.json.
    public var revision: Int?
    public var changes: [JournalChange]
    /// For `annulation`: the entry whose change did not happen.
    public var cancels: Int?
    /// Digest of the previous entry of this journal ("" for the first).
    public var prev: String
    /// The heads of the other writers' journals when this entry was written.
    public var witnessed: [String: JournalHead]
    public var gap: JournalGap?

    init(by: String, action: JournalAction, dossier: Int? = nil, subject: String? = nil, revision: Int? = nil,
         changes: [JournalChange] = [], cancels: Int? = nil) {
        self.seq = 0
        self.at = Instant(Date())
        self.by = by
        self.action = action
        self.dossier = dossier
        self.subject = subject
        self.revision = revision
        self.changes = changes
        self.cancels = cancels
        self.prev = ""
        self.witnessed = [:]
    }
}

/// An entry and where it is.
public struct JournalRecord: Sendable, Equatable {
    public var login: String
    public var line: Int
    public var entry: JournalEntry
}

// MARK: - Lines

enum JournalLine {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static let prefix = Array(#"{"entry":"#.utf8)
    private static let suffix = Array(#","sha256":""#.utf8)
    /// `,"sha256":"` + 64 hexadecimal digits + `"}`.
    private static let suffixLength = suffix.count + 64 + 2

    static func compact(_ value: JSONValue) -> String {
        (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
    }

    /// The line (with its newline) and the entry's digest.
    static func encode(_ entry: JournalEntry, _ url: URL) throws(StoreProblem) -> (line: [UInt8], sha256: String) {
        let body: [UInt8]
        do {
            body = Array(try encoder.encode(entry))
        } catch {
            throw StoreProblem(url, Localized(.cannotEncodeJSON, ["error": error]))
        }
        let sha256 = SHA256Hex.hex(body)
        return (prefix + body + suffix + Array(sha256.utf8) + Array("\"}\n".utf8), sha256)
    }

    enum Parsed {
        case entry(JournalEntry, declared: String, computed: String)
        case unreadable
    }

    static func parse(_ line: ArraySlice<UInt8>) -> Parsed {
        guard line.count > prefix.count + suffixLength, line.starts(with: prefix) else { return .unreadable }
        let suffixStart = line.endIndex - suffixLength
        let digest = line[(suffixStart + suffix.count)..<(line.endIndex - 2)]
        guard line[suffixStart..<(suffixStart + suffix.count)].elementsEqual(suffix),
              line.suffix(2).elementsEqual(Array("\"}".utf8)),
              digest.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return .unreadable }
        let body = line[(line.startIndex + prefix.count)..<suffixStart]
        guard let entry = try? Document.decoder.decode(JournalEntry.self, from: Data(body)) else { return .unreadable }
        return .entry(entry, declared: String(decoding: digest, as: UTF8.self), computed: SHA256Hex.hex(body))
    }

    /// The complete lines of `bytes` (without newlines) and the length of an unterminated tail.
    /// Calls `body` with each whole line of the file at `url`, reading it in pieces: a journal of any
    /// size is read with one line in memory. Returns the size of an incomplete last line (nil: no file).
    /// A line longer than the journal's cap is handed over cut, and reads as illegible.
    static func stream(_ url: URL, _ body: (ArraySlice<UInt8>) -> Void) throws(StoreProblem) -> Int? {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw SystemError.problem(url, errno, FileReader.reading)
        }
        defer { close(fd) }
        var info = stat()
        try SystemError.check(fstat(fd, &info), url, FileReader.reading)
        guard info.st_mode & S_IFMT == S_IFREG else { throw StoreProblem(url, Localized(.isNotARegularFile)) }
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SystemError.problem(url, errno, FileReader.reading)
            }
            if count == 0 { break }
            var start = 0
            for index in 0..<count where chunk[index] == 0x0A {
                if pending.isEmpty {
                    body(chunk[start..<index])
                } else {
                    pending += chunk[start..<index]
                    body(pending[...])
                    pending.removeAll(keepingCapacity: true)
                }
                start = index + 1
            }
            if pending.count < CampaignFiles.maxJournalBytes { pending += chunk[start..<count] }
        }
        return pending.count
    }
}

// MARK: - Changes

extension JournalChange {
    /// The fields that differ between two versions of a document (`ignoring` top-level keys).
    static func between<T: Encodable>(_ old: T?, _ new: T?, ignoring: Set<String> = [], _ url: URL,
                                      reshape: (JSONValue) -> JSONValue = { $0 }) throws(StoreProblem) -> [JournalChange] {
        func tree(_ value: T?) throws(StoreProblem) -> JSONValue {
            guard let value, case .object(var fields) = reshape(try Document.tree(Document.encode(value, url), url)) else {
                return .object([:])
            }
            ignoring.forEach { fields[$0] = nil }
            return .object(fields)
        }
        let before = try tree(old), after = try tree(new)
        return after.differences(from: before).map { path in
            JournalChange(field: PathKey.fieldPath(path), before: before.value(at: path), after: after.value(at: path))
        }
    }
}

private extension JSONValue {
    func value(at path: [PathKey]) -> JSONValue? {
        var node: JSONValue? = self
        for key in path {
            if case .array(let items)? = node, let index = key.intValue {
                node = items.indices.contains(index) ? items[index] : nil
            } else {
                node = node?[key.stringValue]
            }
        }
        return node
    }
}

// MARK: - Writing

/// A writer's own journal, open and locked: the lock every save of this writer holds (the file is
/// appended to, never renamed, so it can carry the lock itself).
final class JournalWriter {
    let url: URL
    let login: String
    private let root: URL
    private let lock: FileLock
    private(set) var head: JournalHead?
    /// What opening found out of the ordinary, written into the next entry.
    private(set) var gap: JournalGap?
    /// The size of the last line appended, counted against its author's quota on the jury server.
    private(set) var appendedBytes = 0

    /// `expected`: the head this store last wrote, if it wrote before.
    init(root: URL, login: String, expected: JournalHead?) throws(StoreProblem) {
        self.root = root
        self.login = login
        url = CampaignFiles.journal(root, login)
        try DurableFile.createDirectory(CampaignFiles.journalDirectory(root))
        let fd = open(url.path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard fd >= 0 else { throw SystemError.problem(url, errno, Localized(.unusableJournalNothingWasWritten)) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw StoreProblem(url, Localized(.isNotARegularFileNothingWas))
        }
        if info.st_uid == geteuid(), info.st_mode & 0o7777 != 0o640 { fchmod(fd, 0o640) }
        lock = try FileLock(fd, url)
        // Its size once the lock is held: another session of this writer may have appended meanwhile.
        var locked = stat()
        try SystemError.check(fstat(fd, &locked), url, Self.appending)
        let (lastLine, torn) = Journal.tail(fd, size: Int(locked.st_size))
        // A line cut by a crash in the middle of an append was never acknowledged: it goes.
        if torn > 0 { try SystemError.check(ftruncate(fd, locked.st_size - off_t(torn)), url, Self.appending) }
        head = lastLine.map { line in
            if case let .entry(entry, declared, _) = JournalLine.parse(line) { return JournalHead(seq: entry.seq, sha256: declared) }
            // Not an entry: continue the numbering after it, chained to its bytes (verify reports it).
            return JournalHead(seq: Journal.lineCount(fd), sha256: SHA256Hex.hex(line))
        }
        // Another session of the same writer may have appended since; fewer entries, or another
        // last one, means the journal was cut or changed.
        let cut = expected.map { expected in head.map { $0.seq < expected.seq || ($0.seq == expected.seq && $0 != expected) } ?? true } ?? false
        if cut || torn > 0 {
            gap = JournalGap(expected: cut ? expected : nil, found: cut ? head : nil, droppedBytes: torn > 0 ? torn : nil)
        }
    }

    /// Appends `entry` (numbered, chained and witnessed here) and flushes it to the disk.
    @discardableResult
    func append(_ entry: JournalEntry) throws(StoreProblem) -> JournalEntry {
        var entry = entry
        entry.seq = (head?.seq ?? 0) + 1
        entry.prev = head?.sha256 ?? ""
        entry.gap = gap
        entry.witnessed = Journal.heads(root, except: login)
        let (line, sha256) = try JournalLine.encode(entry, url)
        appendedBytes = line.count
        var info = stat()
        try SystemError.check(fstat(lock.descriptor, &info), url, Self.appending)
        // Room for this line and for a cancellation, taken before anything is written: a full
        // disk then refuses the save cleanly, and a failed save can always be cancelled.
        try reserve(line.count * 2 + 4096, at: info.st_size)
        let failure: Int32? = line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(lock.descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return fsync(lock.descriptor) == 0 ? nil : errno
        }
        if let failure {
            // Never leave half a line: the journal goes back to what it was.
            _ = ftruncate(lock.descriptor, info.st_size)
            throw SystemError.problem(url, failure, Self.appending)
        }
        head = JournalHead(seq: entry.seq, sha256: sha256)
        gap = nil
        return entry
    }

    /// Records that the change of `entry` did not reach its file. Best effort: the space was reserved.
    func cancel(_ entry: JournalEntry) {
        _ = try? append(JournalEntry(by: entry.by, action: .cancelled, dossier: entry.dossier, subject: entry.subject,
                                     cancels: entry.seq))
    }

    private static let appending = Localized(.cannotWriteToTheJournalNothingWas)

    /// Reserves blocks past the end without changing the size (Linux fallocate, KEEP_SIZE), so that
    /// the appends that follow cannot meet a full disk. File systems without it are left as they are.
    private func reserve(_ length: Int, at offset: off_t) throws(StoreProblem) {
        typealias Fallocate = @convention(c) (Int32, Int32, off_t, off_t) -> Int32
        guard let symbol = dlsym(nil, "fallocate") else { return }
        let keepSize: Int32 = 1
        if unsafeBitCast(symbol, to: Fallocate.self)(lock.descriptor, keepSize, offset, off_t(length)) != 0,
           errno == ENOSPC || errno == EDQUOT {
            throw SystemError.problem(url, errno, Localized(.nothingWasSaved))
        }
    }
}

// MARK: - Reading

public enum Journal {
    /// Every readable entry of every journal, in order of time (then writer, then number).
    static func records(_ root: URL) -> [JournalRecord] {
        journals(root).flatMap { login, url -> [JournalRecord] in
            var records: [JournalRecord] = [], number = 0
            _ = try? JournalLine.stream(url) { line in
                number += 1
                if case let .entry(entry, _, _) = JournalLine.parse(line) { records.append(JournalRecord(login: login, line: number, entry: entry)) }
            }
            return records
        }.sorted { ($0.entry.at, $0.login, $0.entry.seq) < ($1.entry.at, $1.login, $1.entry.seq) }
    }

    /// The status of the sheet before and after each sheet entry of `records` (in order of time), by
    /// index: a submission goes from draft to submitted, a reopening back; an edit keeps the status the
    /// last submission or reopening of that sheet left (draft before any: a sheet begins as one). A
    /// cancelled entry changed nothing.
    static func sheetStatuses(_ records: [JournalRecord]) -> [Int: (before: SheetStatus, after: SheetStatus)] {
        let cancelled = Set(records.compactMap { record in record.entry.cancels.map { "\(record.login)#\($0)" } })
        var current: [String: SheetStatus] = [:], statuses: [Int: (before: SheetStatus, after: SheetStatus)] = [:]
        for (index, record) in records.enumerated() where record.entry.action.isSheet {
            let sheet = "\(record.entry.subject ?? record.entry.by)#\(record.entry.dossier ?? 0)"
            let before: SheetStatus, after: SheetStatus
            switch record.entry.action {
            case .sheetSubmit: (before, after) = (.draft, .submitted)
            case .sheetReopen: (before, after) = (.submitted, .draft)
            default: before = current[sheet] ?? .draft; after = before
            }
            statuses[index] = (before, after)
            if !cancelled.contains("\(record.login)#\(record.entry.seq)") { current[sheet] = after }
        }
        return statuses
    }

    /// The journals present: login → file.
    static func journals(_ root: URL) -> [(String, URL)] {
        let directory = CampaignFiles.journalDirectory(root)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().compactMap { name in
            guard name.hasSuffix(".jsonl"), case let login = String(name.dropLast(6)), Jury.isValidLogin(login) else { return nil }
            return (login, directory.appending(path: name))
        }
    }

    /// The heads of every journal but `login`'s, read from their last complete line.
    static func heads(_ root: URL, except login: String) -> [String: JournalHead] {
        var heads: [String: JournalHead] = [:]
        for (other, url) in journals(root) where other != login {
            if let head = lastHead(url) { heads[other] = head }
        }
        return heads
    }

    static func head(_ url: URL) -> JournalHead? { lastHead(url) }

    private static func lastHead(_ url: URL) -> JournalHead? {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
              let line = tail(fd, size: Int(info.st_size)).lastLine,
              case let .entry(entry, declared, _) = JournalLine.parse(line) else { return nil }
        return JournalHead(seq: entry.seq, sha256: declared)
    }

    /// The last complete line of a journal and the length of an unterminated end after it, read
    /// backwards a block at a time: a save reads a few kilobytes, not the whole journal.
    static func tail(_ fd: Int32, size: Int) -> (lastLine: ArraySlice<UInt8>?, torn: Int) {
        var block = 4096
        while size > 0 {
            let start = max(0, size - block)
            var bytes = [UInt8](repeating: 0, count: size - start)
            guard bytes.withUnsafeMutableBytes({ pread(fd, $0.baseAddress!, $0.count, off_t(start)) }) == bytes.count else { break }
            if let end = bytes.lastIndex(of: 0x0A) {
                let torn = bytes.count - end - 1
                if let before = bytes[..<end].lastIndex(of: 0x0A) { return (bytes[(before + 1)..<end], torn) }
                if start == 0 { return (bytes[..<end], torn) }
            } else if start == 0 {
                return (nil, size)
            }
            block *= 2
        }
        return (nil, 0)
    }

    /// Lines in the whole file: only when the last line is not an entry, to go on numbering.
    static func lineCount(_ fd: Int32) -> Int {
        var count = 0
        var buffer = [UInt8](repeating: 0, count: 65536)
        var offset: off_t = 0
        while case let read = buffer.withUnsafeMutableBytes({ pread(fd, $0.baseAddress!, $0.count, offset) }), read > 0 {
            count += buffer[..<read].lazy.filter { $0 == 0x0A }.count
            offset += off_t(read)
        }
        return count
    }

    /// Who made the jury's revision `revision`, from the journals.
    static func juryAuthor(revision: Int, _ root: URL) -> String? {
        records(root).last { $0.entry.revision == revision && $0.entry.action != .cancelled }?.entry.by
    }

    // MARK: Verifying

    /// Every changed, removed or cut entry, with its file and line; and how much was checked.
    public static func verify(_ root: URL) -> (problems: [StoreProblem], entries: Int, journals: Int) {
        var problems: [StoreProblem] = []
        var entries = 0
        struct Seen { var sha256: String; var line: Int }
        var seen: [String: [Int: Seen]] = [:]
        var witnesses: [(from: String, line: Int, target: String, head: JournalHead)] = []
        let files = journals(root)
        for (login, url) in files {
            var expectedSeq = 1, previous = "", count = 0
            seen[login] = [:]
            // Line by line, whatever the journal's size: memory holds one line at a time.
            let tail: Int
            do {
                guard let read = try JournalLine.stream(url, { line in
                count += 1
                let number = count
                func report(_ message: Localized) { problems.append(StoreProblem(url, line: number, column: 1, message)) }
                guard case let .entry(entry, declared, computed) = JournalLine.parse(line) else {
                    report(Localized(.unreadableEntryTheLineWasChangedOr))
                    previous = SHA256Hex.hex(line)
                    expectedSeq += 1
                    return
                }
                entries += 1
                if computed != declared {
                    report(Localized(.entryNoChangedItsContentsNoLonger, ["seq": entry.seq]))
                }
                if entry.by != login && login != CampaignFiles.serverChain {
                    report(Localized(.entryNoInTheNameOfIn, ["seq": entry.seq, "by": entry.by, "login": login]))
                }
                if entry.seq > expectedSeq {
                    if expectedSeq == entry.seq - 1 {
                        report(Localized(.entryNoDeletedEntryNoFollowsNo, ["expectedSeq": expectedSeq, "seq": entry.seq, "previous": expectedSeq - 1]))
                    } else {
                        report(Localized(.entriesNoToDeleted, ["expectedSeq": expectedSeq, "seq": entry.seq - 1]))
                    }
                } else if entry.seq < expectedSeq {
                    report(Localized(.entryNoExtraOrMovedNoExpected, ["seq": entry.seq, "expectedSeq": expectedSeq]))
                } else if entry.prev != previous {
                    report(Localized(.brokenChainThePreviousEntryNoLine, ["seq": entry.seq - 1, "number": number - 1]))
                }
                if let expected = entry.gap?.expected {
                    let found = entry.gap?.found?.seq ?? 0
                    report(Localized(.beforeEntryNoFoundTheirJournalTruncated, ["seq": entry.seq, "login": login, "found": found, "expected": expected.seq]))
                }
                seen[login]![entry.seq] = Seen(sha256: declared, line: number)
                witnesses += entry.witnessed.map { (login, number, $0.key, $0.value) }
                expectedSeq = entry.seq + 1
                previous = declared
                }) else { continue }
                tail = read
            } catch {
                problems.append(error)
                continue
            }
            if tail > 0 {
                problems.append(StoreProblem(url, line: count + 1, column: 1,
                                             Localized(.incompleteEntryInterruptedWriteItWillBe, ["login": login])))
            }
        }
        var reported = Set<String>()
        for witness in witnesses {
            let key = "\(witness.target)#\(witness.head.seq)"
            guard !reported.contains(key) else { continue }
            let target = CampaignFiles.journal(root, witness.target)
            let source = "\(CampaignFiles.journal(root, witness.from).relativePath):\(witness.line)"
            guard let entries = seen[witness.target] else {
                reported.insert(key)
                problems.append(StoreProblem(target, Localized(.journalDeletedHadSeenEntryNoIn, ["from": witness.from, "seq": witness.head.seq, "source": source])))
                continue
            }
            guard let found = entries[witness.head.seq] else {
                reported.insert(key)
                problems.append(StoreProblem(target, Localized(.journalTruncatedEntryNoSeenByIs, ["seq": witness.head.seq, "from": witness.from, "source": source])))
                continue
            }
            if found.sha256 != witness.head.sha256 {
                reported.insert(key)
                problems.append(StoreProblem(target, line: found.line, column: 1,
                                             Localized(.entryNoRewrittenHadSeenItWith, ["seq": witness.head.seq, "from": witness.from, "source": source])))
            }
        }
        return (problems, entries, files.count)
    }
}

// MARK: - What a member may read

extension CampaignStore {
    /// The journal as `login` may read it (JuryCore's Disclosure): nothing about a dossier they have
    /// a conflict of interest on; others' sheet changes only where they may read others' sheets and
    /// that sheet is submitted (a draft is its author's alone); others' conflicts of interest and
    /// the rapporteurs' assignment for the chair only.
    public func journal(visibleTo login: String) -> [JournalRecord] {
        let (campaign, jury, sheets) = lock.withLock { (contents.campaign, contents.mergedJury, contents.sheets) }
        guard let viewer = jury.member(login) else { return [] }
        let disclosure = Disclosure(viewer: viewer, campaign: campaign)
        let isChair = viewer.role == .chair
        let records = Journal.records(root)
        let statuses = Journal.sheetStatuses(records)
        return records.enumerated().compactMap { index, record in
            var record = record
            let entry = record.entry
            if let dossier = entry.dossier, !disclosure.mayLearnAnything(about: dossier) { return nil }
            // An allocation, or a séance's record, names many dossiers at once.
            if [.allocation, .allocationReopened, .seance].contains(entry.action), viewer.conflicts.contains(where: { entry.mentions($0.dossier) }) {
                return nil
            }
            let aboutOther = entry.subject.map { $0 != login } ?? false
            switch entry.action {
            case .sheetEdit, .sheetSubmit, .sheetReopen:
                // Each side of the change is a version of the sheet, read as `history` reads versions: another
                // member's draft side is left out, whatever became of the sheet since.
                guard let (before, after) = statuses[index] else { return nil }
                let readable = { (status: SheetStatus) in
                    disclosure.mayRead(versionOf: entry.subject ?? entry.by, status: status, on: entry.dossier ?? 0, sheets: sheets)
                }
                let (showBefore, showAfter) = (readable(before), readable(after))
                guard showBefore || showAfter else { return nil }
                record.entry.changes = entry.changes.map {
                    JournalChange(field: $0.field, before: showBefore ? $0.before : nil, after: showAfter ? $0.after : nil)
                }
            case .conflictDeclared, .conflictRecorded:
                guard !aboutOther || isChair else { return nil }
            case .cancelled:
                guard !aboutOther || isChair else { return nil }
            case .memberAdded, .memberRemoved, .juryChanged, .allocation, .allocationReopened:
                break
            case .pieces:
                // One import names many dossiers' pièces: only those of the dossiers the member may know of.
                record.entry.changes = entry.changes.filter { change in
                    change.field.split(separator: ".").last.flatMap { Int($0) }.map(disclosure.mayLearnAnything(about:)) ?? false
                }
                guard !record.entry.changes.isEmpty else { return nil }
            case .seance:
                // Who stepped out of a discussion, or took no part in a decision, says who is in conflict on what: the chair's to know.
                if !isChair { record.entry.changes = entry.changes.compactMap { $0.withoutOthersStepOuts(viewer: login) } }
            case .assignment:
                // Its changes are positions in a list of every dossier: one could point at a conflict's.
                // A member reads their own assignment with `progress`.
                guard isChair else { return nil }
            }
            if !isChair { record.entry.changes = record.entry.changes.compactMap { $0.withoutOthersConflicts(viewer: login) } }
            return record
        }
    }

    /// The last entry of the jury server's chain: its digest, printed in the minutes, fixes the
    /// journal as it stood against the signed record. Nil outside a server's campaign.
    public var serverJournalHead: JournalHead? { Journal.head(CampaignFiles.journal(root, CampaignFiles.serverChain)) }

    /// Entry `seq` of the chain the minutes cite (`journalHeadText`: the server's, else `login`'s),
    /// with its digest as the journal holds it now: what `journal verify --at` prints so that anyone
    /// can hold a signed head against the journal. Nil when the chain has no such entry.
    public func journalEntry(_ seq: Int, login: String) throws(StoreProblem) -> JournalHead? {
        let server = CampaignFiles.journal(root, CampaignFiles.serverChain)
        let url = serverJournalHead != nil ? server : CampaignFiles.journal(root, login)
        var found: JournalHead?
        _ = try JournalLine.stream(url) { line in
            guard found == nil, case let .entry(entry, declared, _) = JournalLine.parse(line), entry.seq == seq else { return }
            found = JournalHead(seq: entry.seq, sha256: declared)
        }
        return found
    }

    /// `Journal.verify` on this campaign.
    public func verifyJournal() -> (problems: [StoreProblem], entries: Int, journals: Int) {
        Journal.verify(root)
    }
}

private extension JournalEntry {
    func mentions(_ number: Int) -> Bool {
        func holds(_ value: JSONValue?) -> Bool {
            switch value {
            case .integer(let found)?: return found == number
            case .array(let items)?: return items.contains { holds($0) }
            case .object(let fields)?: return fields.values.contains { holds($0) }
            default: return false
            }
        }
        return changes.contains { holds($0.before) || holds($0.after) }
    }
}

private extension JournalChange {
    /// A change of seances.json without what says who else is in conflict on what: others stepping
    /// out, a decision's attendance and withdrawals (`Seances.disclosed`, on the journal's JSON).
    func withoutOthersStepOuts(viewer: String) -> JournalChange? {
        func isOthersStepOut(_ value: JSONValue) -> Bool {
            guard case .object(let fields) = value else { return false }
            return fields["kind"] == .string(SeanceEvent.Kind.steppedOut.rawValue) && fields["login"] != .string(viewer)
        }
        func redacted(_ value: JSONValue) -> JSONValue {
            switch value {
            case .array(let items): return .array(items.filter { !isOthersStepOut($0) }.map(redacted))
            case .object(var fields):
                if fields["kind"] == .string(SeanceEvent.Kind.decision.rawValue) { fields["present"] = nil; fields["withdrawn"] = nil }
                return .object(fields.mapValues(redacted))
            default: return value
            }
        }
        // A field of such an event changed alone (its login, its dossier) goes whole.
        if field.contains("events"), [before, after].contains(where: { $0.map(isOthersStepOut) ?? false }) { return nil }
        return JournalChange(field: field, before: before.map(redacted), after: after.map(redacted))
    }

    /// A change of jury.json without other members' conflicts of interest, for a reviewer's eyes.
    func withoutOthersConflicts(viewer: String) -> JournalChange? {
        let parts = field.split(separator: ".").map(String.init)
        guard parts.count >= 2, parts[0] == "members", parts[1] != viewer else { return self }
        if parts.count >= 3 && parts[2] == "conflicts" { return nil }
        func redacted(_ value: JSONValue?) -> JSONValue? {
            guard case .object(var fields)? = value else { return value }
            fields["conflicts"] = nil
            return .object(fields)
        }
        return JournalChange(field: field, before: redacted(before), after: redacted(after))
    }
}
