import ArgumentParser
import Foundation
import JuryCore
import JuryServer
import JuryStore
#if canImport(Glibc)
import Glibc
#endif

/// `ptce-jury serve`: the one process that owns a shared campaign (docs/SERVER.md).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: Language.ofThisProcess.text(.helpServe),
        discussion: Language.ofThisProcess.text(.helpServeDiscussion))

    @OptionGroup var options: CampaignOptions
    @Option(name: .long, help: .text(.helpServeSocket)) var socket: String?
    @Option(name: .long, help: .text(.helpServeGroup)) var group: String?
    @Flag(name: .long, help: .text(.helpServeConvert)) var convert = false
    @Option(name: .long, help: .text(.helpServeOwner)) var owner: String?
    @Option(name: .long, help: .text(.helpServeChangesPerSecond))
    var changesPerSecond: Double = Quotas.changesPerSecond
    @Option(name: .long, help: .text(.helpServeReadSeconds))
    var readSeconds: Int = Quotas.readSeconds
    @Option(name: .long, help: .text(.helpServeImportMemory))
    var importMemory = ImportChild.memoryMebibytes.load(ordering: .relaxed)

    func validate() throws {
        if convert != (owner != nil) { throw ValidationError(.serveConvertGoesWithOwner) }
        if !convert && socket == nil { throw ValidationError(.serveSocketExpected) }
        if options.data == nil { throw ValidationError(.serveDataExpected) }
        if !(1...100_000).contains(changesPerSecond) { throw ValidationError(.serveChangesPerSecondRange) }
        if !(1...3_600).contains(readSeconds) { throw ValidationError(.serveReadSecondsRange) }
        if !(64...1 << 20).contains(importMemory) { throw ValidationError(.serveImportMemoryRange) }
    }

    func run() throws {
        let l = options.language
        try Failure.guarded {
            let root = URL(fileURLWithPath: options.data ?? "")
            if let owner {
                try ServerConversion.convert(root, owner: owner, language: l)
                return
            }
            try serve(root, language: l)
        }
    }

    private func serve(_ root: URL, language l: Language) throws {
        guard let socket else { return }
        var gid: gid_t?
        if let group {
            guard let found = UnixAccounts.gid(ofGroup: group) else { throw Failure(l.text(.unknownGroup, ["group": group])) }
            gid = found
        }
        var info = stat()
        guard stat(root.path, &info) == 0 else { throw Failure(l.text(.noCampaignThere, ["path": root.path])) }
        guard info.st_uid == geteuid() else {
            throw Failure(l.text(.serveCampaignOfAnotherAccount, ["path": root.path, "owner": UnixAccounts.userName(info.st_uid),
                                                                  "login": UnixAccounts.currentLogin()]))
        }
        // Nobody but the server's account reaches the files: the members go through the socket.
        chmod(root.path, 0o700)
        let claim: ServerClaim
        let store: CampaignStore
        do throws(StoreFailure) {
            claim = try ServerClaim.take(root)
            store = try CampaignStore.openForServer(root)
        } catch {
            throw Failure(error.text(l), code: ExitCode.invalidData)
        }
        ServerLog.raiseDescriptorLimit()
        ImportChild.memoryMebibytes.store(importMemory, ordering: .relaxed)
        let service = JuryService(store: store, changesPerSecond: changesPerSecond, readSeconds: readSeconds, language: l,
                                  log: ServerLog.write)
        ServedCommands.register(on: service)
        let server = JuryServer(service: service, socketPath: socket, log: ServerLog.write)
        do {
            try server.start(group: gid)
        } catch {
            throw Failure(l.text(.cannotOpenSocket, ["socket": socket, "error": error]))
        }
        let stopping = stopOnSignals(server, language: l)
        ServerLog.write(l.text(.serverLogServing, ["path": root.path, "socket": socket, "dossiers": store.dossiers.count,
                                                    "members": store.jury.members.count]))
        try withExtendedLifetime((claim, stopping)) { try server.wait() }
    }

    /// systemd stops the server with SIGTERM, a terminal with SIGINT: it says so in its log and
    /// removes its socket before it exits (every acknowledged change is already on disk).
    private func stopOnSignals(_ server: JuryServer, language l: Language) -> [DispatchSourceSignal] {
        [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")].map { number, name in
            signal(number, SIG_IGN)  // the dispatch source receives it instead of the default end
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler {
                ServerLog.write(l.text(.serverLogStopRequested, ["signal": name, "socket": server.socketPath]))
                server.stop()
            }
            source.resume()
            return source
        }
    }
}

/// The server's log: one line per event on standard error (the journal of systemd keeps it).
enum ServerLog {
    static func write(_ line: String) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        FileHandle.standardError.write(Data("\(stamp) \(Sanitizer.line(line))\n".utf8))
    }

    /// 1 000 connections at once need more descriptors than the default soft limit of 1 024.
    static func raiseDescriptorLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}

/// Takes a campaign of the former shared mode (a group-readable directory, each reviewer writing
/// their own files and journal) into the server's keeping: owned by the server's account, closed
/// to everyone else, no longer marked shared. The reviewers' journals stay where they are, chained
/// and witnessed as they were: `journal verify` still checks them, and the server's own chain
/// continues after them.
enum ServerConversion {
    static func convert(_ root: URL, owner: String, language l: Language) throws {
        guard geteuid() == 0 else {
            throw Failure(l.text(.convertChangesTheOwnerOfEveryFile))
        }
        guard let account = getpwnam(owner) else { throw Failure(l.text(.unknownAccount, ["owner": owner])) }
        let uid = account.pointee.pw_uid, gid = account.pointee.pw_gid
        let campaignURL = CampaignFiles.campaign(root)
        guard let data = FileManager.default.contents(atPath: campaignURL.path),
              var campaign = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(l.text(.unreadable2, ["path": campaignURL.path]), code: ExitCode.invalidData)
        }
        // Every file first: the campaign stays marked shared (and refused by the server) until all are the server's.
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var paths = [root.path]
        while let relative = enumerator?.nextObject() as? String { paths.append(root.appending(path: relative).path) }
        for path in paths {
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            guard kind == S_IFDIR || kind == S_IFREG else {
                throw Failure(l.text(.isNeitherAFileNorADirectory, ["path": path]))
            }
            guard lchown(path, uid, gid) == 0, chmod(path, kind == S_IFDIR ? 0o700 : 0o600) == 0 else {
                throw Failure(l.text(.causeAndConsequence, ["cause": path, "consequence": String(cString: strerror(errno))]))
            }
        }
        if campaign.removeValue(forKey: "shared") != nil {
            do {
                let rewritten = try JSONSerialization.data(withJSONObject: campaign, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                try DurableFile.write(rewritten + Data("\n".utf8), to: campaignURL, mode: 0o600)
                _ = lchown(campaignURL.path, uid, gid)
            } catch let problem as StoreProblem {
                throw Failure(problem.text(l))
            } catch {
                throw Failure(l.text(.causeAndConsequence, ["cause": campaignURL.path, "consequence": error]))
            }
        }
        Output.write(l.text(.serveCampaignConverted, ["path": root.path, "owner": owner]))
    }
}
