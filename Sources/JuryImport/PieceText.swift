import Foundation
import JuryCore
import JuryStore
#if canImport(Glibc)
import Glibc
#endif

/// What a pièce says, read once at import: a PDF's text through poppler's `pdftotext`, a workbook's
/// sheets as tables through the import's own readers, and for any other file its type and size. A
/// pièce that cannot be read keeps its name and size with the reason: the import goes on.
struct PieceText {
    /// A private directory (0700) where each pièce is written for the readers that take a file.
    let scratch: URL
    let language: Language

    init(language: Language) throws(StoreFailure) {
        var template = Array((FileManager.default.temporaryDirectory.path + "/ptce-jury-pieces-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            let why = String(cString: strerror(errno))
            throw StoreFailure([StoreProblem(path: FileManager.default.temporaryDirectory.path,
                                             message: Localized(.mkdtempFailed, ["why": why]))])
        }
        scratch = URL(fileURLWithPath: String(cString: made), isDirectory: true)
        self.language = language
    }

    func remove() { try? FileManager.default.removeItem(at: scratch) }

    /// The pièce `found` as the dossier keeps it. `index` names its private copy.
    func piece(_ found: PieceArchive.Found, index: Int) -> Piece {
        let l = language
        let data = found.data
        var piece = Piece(name: found.name, sha256: SHA256Hex.of(data), size: data.count, type: Self.kind(of: data, name: found.name))
        guard ["pdf", "xlsx", "ods"].contains(piece.type) else { return piece }
        let file = scratch.appending(path: "piece-\(index).\(piece.type)")
        defer { try? FileManager.default.removeItem(at: file) }
        do throws(StoreProblem) { try DurableFile.write(data, to: file, mode: 0o600) } catch {
            piece.note = l.text(.unreadable) + error.message.text(l)
            return piece
        }
        switch piece.type {
        case "pdf":
            switch PDFText.run(file) {
            case .success(let read):
                piece.pages = read.pages
                piece.text = read.text
                if read.cut { piece.note = cutNote }
            case .failure(let reason): piece.note = l.text(.unreadable) + reason.text(l)
            }
        default:
            do throws(StoreFailure) {
                let package = try ZipPackage(data, file)
                let sheets = try piece.type == "xlsx" ? XLSXReader.read(package) : ODSReader.read(package)
                var text = sheets.map(Self.table).joined(separator: "\n\n")
                if text.utf8.count > ImportLimits.pieceTextBytes {
                    text = Self.prefix(text, bytes: ImportLimits.pieceTextBytes)
                    piece.note = cutNote
                }
                piece.text = text
            } catch {
                piece.note = l.text(.unreadable) + (error.problems.first?.message.text(l) ?? "")
            }
        }
        return piece
    }

    private var cutNote: String {
        let kib = ImportLimits.pieceTextBytes >> 10
        return language.text(.textCutAtKiB, ["kib": kib])
    }

    /// The type from the first bytes (the name is the applicant's; only a last resort).
    static func kind(of data: Data, name: String) -> String {
        let head = [UInt8](data.prefix(8))
        func starts(_ bytes: [UInt8]) -> Bool { head.starts(with: bytes) }
        if starts(Array("%PDF-".utf8)) { return "pdf" }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return "png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "jpeg" }
        if starts(Array("GIF8".utf8)) { return "gif" }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return "tiff" }
        let ext = (name as NSString).pathExtension.lowercased()
        if starts([0x50, 0x4B, 0x03, 0x04]) { return ["xlsx", "ods", "docx", "odt", "pptx", "odp"].contains(ext) ? ext : "zip" }
        guard (1...5).contains(ext.count), ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return "autre"
        }
        return ext
    }

    /// A sheet as a table of aligned columns (each at most 40 columns wide), under its name.
    static func table(_ sheet: SheetTable) -> String {
        let rows = [sheet.headers] + sheet.rows.prefix(2_000).map { $0.cells.map(plain) }
        let count = rows.map(\.count).max() ?? 0
        let widths = (0..<count).map { column in
            min(40, rows.map { $0.indices.contains(column) ? DisplayWidth.of($0[column]) : 0 }.max() ?? 0)
        }
        let lines = rows.map { row in
            widths.indices.map { DisplayWidth.pad(row.indices.contains($0) ? row[$0] : "", to: widths[$0]) }
                .joined(separator: " │ ").replacing(/\s+$/, with: "")
        }
        return ([sheet.name.map { "[\($0)]" }].compactMap { $0 } + lines).joined(separator: "\n")
    }

    private static func plain(_ value: SourceValue) -> String {
        let text: String
        switch value {
        case .empty, .rows: text = ""
        case .text(let value), .date(let value): text = value
        case .number(let value): text = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .bool(let value): text = value ? "VRAI" : "FAUX"
        case .list(let values): text = values.joined(separator: ", ")
        case .files(let files): text = files.map(\.name).joined(separator: ", ")
        }
        return Sanitizer.line(text)
    }

    /// The longest prefix of whole characters within `bytes` bytes of UTF-8.
    static func prefix(_ text: String, bytes: Int) -> String {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let width = text[index].utf8.count
            guard used + width <= bytes else { break }
            used += width
            end = text.index(after: index)
        }
        return String(text[..<end])
    }
}

/// poppler's `pdftotext`, run as a child process on one file: a PDF is a program of its own, read by
/// a large C library; the child gets a time limit, an address-space limit (`ulimit -v`, RLIMIT_AS)
/// and a CPU limit, and its output is read up to a cap — past it the child is stopped and the text cut.
enum PDFText {
    struct Read: Sendable {
        var text: String
        /// Pages read: pdftotext ends each with a form feed.
        var pages: Int?
        var cut: Bool
    }

    enum Reason: Error {
        case missing, timeout(seconds: Int), failed(Int32), stopped(Int32), cannotStart(String)

        func text(_ l: Language) -> String {
            switch self {
            case .missing: return l.text(.pdftotextNotFoundPackagePopplerUtils)
            case .timeout(let seconds): return l.text(.overSOfReading, ["seconds": seconds])
            case .failed(let status): return l.text(.pdftotextFailedCode, ["status": status])
            case .stopped(let signal):
                return l.text(.pdftotextStoppedSignalTimeOrMemoryLimit, ["signal": signal])
            case .cannotStart(let why): return why
            }
        }
    }

    /// The process, shared with the timer that may stop it.
    private final class Child: @unchecked Sendable {
        let process = Process()
        private let lock = NSLock()
        private var done = false
        private(set) var stopped = false

        func stop() {
            lock.withLock {
                guard !done, process.isRunning else { return }
                stopped = true
                kill(process.processIdentifier, SIGKILL)
            }
        }

        func finished() { lock.withLock { done = true } }
    }

    /// `seconds`: of CPU and of wall-clock time (the tests shorten it).
    static func run(_ file: URL, seconds: Int = ImportLimits.pdfSeconds) -> Result<Read, Reason> {
        let child = Child()
        let process = child.process
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The limits apply to the shell, then to pdftotext, which replaces it (exec). The file is an argument, never shell text.
        process.arguments = ["-c", "ulimit -v \(ImportLimits.pdfMemoryBytes >> 10) && ulimit -t \(seconds) "
                             + "&& command -v pdftotext >/dev/null || exit 127; exec pdftotext -q -enc UTF-8 \"$1\" -",
                             "pdftotext", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return .failure(.cannotStart(error.localizedDescription)) }
        let timer = DispatchWorkItem { child.stop() }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds), execute: timer)
        var data = Data(), cut = false
        let reader = output.fileHandleForReading
        while let chunk = try? reader.read(upToCount: 1 << 16), !chunk.isEmpty {
            data.append(chunk)
            if data.count > ImportLimits.pieceTextBytes {
                cut = true
                child.stop()
                break
            }
        }
        try? reader.close()
        process.waitUntilExit()
        child.finished()
        timer.cancel()
        if child.stopped && !cut { return .failure(.timeout(seconds: seconds)) }
        if !cut {
            guard process.terminationReason == .exit else { return .failure(.stopped(process.terminationStatus)) }
            if process.terminationStatus == 127 { return .failure(.missing) }
            guard process.terminationStatus == 0 else { return .failure(.failed(process.terminationStatus)) }
        }
        var text = String(decoding: data.prefix(ImportLimits.pieceTextBytes), as: UTF8.self)
        if cut, text.last == "\u{FFFD}" { text.removeLast() }
        let pages = cut ? nil : text.reduce(0) { $1 == "\u{0C}" ? $0 + 1 : $0 }
        // Pages are separated by one blank line; trailing spaces and empty lines at a page's end go.
        let pageTexts = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { page in
            page.split(separator: "\n", omittingEmptySubsequences: false).map { $0.replacing(/\s+$/, with: "") }
                .joined(separator: "\n").trimmingCharacters(in: .newlines)
        }
        text = pageTexts.filter { !$0.isEmpty }.joined(separator: "\n\n")
        return .success(Read(text: text, pages: pages, cut: cut))
    }
}
