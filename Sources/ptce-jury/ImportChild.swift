import ArgumentParser
import Foundation
import JuryCore
import JuryImport
import JuryStore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An import's files read by a child process of the jury server, under limits of memory, computing
/// and time (docs/SERVER.md, « One writer, readers beside it »): an XLSX, ODS or ZIP file is read by a
/// lot of code, and one made to exhaust it costs only its sender's import, never the server. On a
/// directory the files are read in the command's own process, as before.
enum ImportChild {
    /// The child's address space (`serve --import-memory`), set once before the server starts.
    static let memoryMebibytes = Atomic<Int>(2048)
    /// Wall-clock time the child may take; its CPU time is bounded to twice that (two cores).
    static let seconds = 120

    /// What the child answers: the plan, or why the files were refused.
    struct Outcome: Codable {
        var plan: DossierImport.Plan?
        var failure: StoreFailure?
    }

    /// The plan of an import of `files` (in `scratch`, with the mapping's file last when `mapping`),
    /// computed against `existing`: in a child process on the jury server, here otherwise.
    static func plan(_ scratch: ImportScratch, files: Int, mapping: Bool, existing: [Dossier], language l: Language,
                     served: Bool) throws(StoreFailure) -> DossierImport.Plan {
        guard served else {
            var rules = ImportMapping.ptceDefault()
            if mapping, let url = scratch.urls.last { rules = try ImportMapping.load(contentsOf: url) }
            return try DossierImport(mapping: rules, language: l).plan(Array(scratch.urls.prefix(files)), existing: existing)
        }
        let names = scratch.urls.prefix(files).map(\.relativePath)
        func refused(_ key: TextKey, _ arguments: [String: Any] = [:]) -> StoreFailure {
            StoreFailure([StoreProblem(path: names.joined(separator: ", "), message: Localized(key, arguments))])
        }
        let existingFile = scratch.directory.appending(path: "campagne.json")
        let output = scratch.directory.appending(path: "plan.json")
        do {
            try JSONEncoder().encode(existing).write(to: existingFile)
            try Data().write(to: output)
        } catch {
            throw refused(.importChildCannotRead, ["error": error.localizedDescription])
        }
        let memory = memoryMebibytes.load(ordering: .relaxed)
        let process = Process()
        // The server's own binary: nothing else to install, and the same reading code.
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = ["import-parse", "--lang", l.rawValue, "--memory", "\(memory)", "--seconds", "\(2 * seconds)",
                             "--existing", existingFile.lastPathComponent] + (mapping ? ["--mapping", scratch.urls.last!.relativePath] : [])
            + names
        process.currentDirectoryURL = scratch.directory
        process.environment = ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
        process.standardInput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            process.standardOutput = try FileHandle(forWritingTo: output)
            try process.run()
        } catch {
            throw refused(.importChildCannotRead, ["error": error.localizedDescription])
        }
        let deadline = ContinuousClock.now + .seconds(seconds)
        var late = false
        while process.isRunning {
            // Its client gone, nobody waits for the plan; past its time, nobody will.
            if Cancellation.abandoned() || ContinuousClock.now >= deadline {
                late = ContinuousClock.now >= deadline
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        if late {
            throw refused(.importChildStoppedAfter, ["seconds": seconds])
        }
        guard process.terminationReason == .exit, process.terminationStatus == 0,
              let outcome = try? JSONDecoder().decode(Outcome.self, from: Data(contentsOf: output)) else {
            throw refused(.importChildStoppedOverLimits, ["memory": memory, "seconds": 2 * seconds])
        }
        if let failure = outcome.failure { throw failure }
        guard let plan = outcome.plan else { throw refused(.importChildNoResult) }
        return plan
    }
}

/// `ptce-jury import-parse`: the jury server's child reading an import's files (`ImportChild`).
/// Not for people: it limits itself, reads the files named relative to its directory, and writes
/// the `Outcome` as JSON on its standard output.
struct ImportParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-parse", abstract: Language.ofThisProcess.text(.helpImportParse),
        shouldDisplay: false)

    @Option(name: .long) var lang = "fr"
    @Option(name: .long, help: .text(.helpImportParseMemory)) var memory: Int
    @Option(name: .long, help: .text(.helpImportParseSeconds)) var seconds: Int
    @Option(name: .long) var existing: String
    @Option(name: .long) var mapping: String?
    @Argument var files: [String] = []

    func run() throws {
        // Before reading anything: past these the kernel stops this process, not the server.
        for (resource, value) in [(RLIMIT_AS, rlim_t(memory) << 20), (RLIMIT_CPU, rlim_t(seconds)), (RLIMIT_FSIZE, rlim_t(1) << 30)] {
            var limit = rlimit(rlim_cur: value, rlim_max: value)
            guard setrlimit(Int32(resource.rawValue), &limit) == 0 else { throw ExitCode.failure }
        }
        let l = Language(rawValue: lang) ?? .fr
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let existing = try JSONDecoder().decode([Dossier].self, from: Data(contentsOf: here.appending(path: self.existing)))
        var outcome = ImportChild.Outcome()
        do throws(StoreFailure) {
            var rules = ImportMapping.ptceDefault()
            if let mapping { rules = try ImportMapping.load(contentsOf: URL(fileURLWithPath: mapping, relativeTo: here)) }
            // Named relative to the directory, as the server names them: its report names the member's files.
            outcome.plan = try DossierImport(mapping: rules, language: l)
                .plan(files.map { URL(fileURLWithPath: $0, relativeTo: here) }, existing: existing)
        } catch {
            outcome.failure = error
        }
        FileHandle.standardOutput.write(try JSONEncoder().encode(outcome))
    }
}
