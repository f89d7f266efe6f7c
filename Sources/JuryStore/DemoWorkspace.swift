import Foundation
import JuryCore
#if canImport(Glibc)
import Glibc
#endif

/// A demo campaign is never written where it lies (the bundled data/ stays as shipped): the store
/// works in a private copy, `<source>/.demo-work/`, made on first open and kept afterwards.
enum DemoWorkspace {
    /// The directory a store opened at `source` reads and writes.
    static func root(for source: URL) throws(StoreFailure) -> URL {
        // Named directly, the copy is its own workspace.
        guard source.lastPathComponent != CampaignFiles.demoWorkName else { return source }
        // A campaign.json that does not load is reported by the loader, on the source.
        guard let campaign = try? Document.load(Campaign.self, from: CampaignFiles.campaign(source),
                                                limit: CampaignFiles.maxCampaignBytes),
              campaign.isDemo else { return source }
        let work = CampaignFiles.demoWork(source)
        if FileManager.default.fileExists(atPath: CampaignFiles.campaign(work).path) { return work }
        do {
            try copy(source, to: work)
        } catch {
            throw StoreFailure([error])
        }
        return work
    }

    /// campaign.json goes last, once everything else is on disk: until it is there the copy is
    /// incomplete, and the next open starts it again over the partial one.
    private static func copy(_ source: URL, to work: URL) throws(StoreProblem) {
        try DurableFile.createDirectory(work)
        var pending = [(from: source, to: work)]
        while let (from, to) = pending.popLast() {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: from.path)
            } catch {
                throw StoreProblem(from, Localized(.cannotReadTheDirectory, ["reason": error.localizedDescription]))
            }
            for name in names.sorted() where !DurableFile.isTemporary(name) {
                if from == source && (name == CampaignFiles.demoWorkName || name == "campaign.json") { continue }
                let child = from.appending(path: name), target = to.appending(path: name)
                var info = stat()
                guard lstat(child.path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    try DurableFile.createDirectory(target)
                    pending.append((child, target))
                case S_IFREG:
                    if let data = try FileReader.read(child, limit: CampaignFiles.maxDossiersBytes) {
                        try DurableFile.write(data, to: target, mode: 0o640, sync: false)
                    }
                default:
                    continue   // links and devices have no place in a campaign
                }
            }
        }
        DurableFile.syncFileSystem(containing: work)
        if let data = try FileReader.read(CampaignFiles.campaign(source), limit: CampaignFiles.maxCampaignBytes) {
            try DurableFile.write(data, to: CampaignFiles.campaign(work))
        }
    }
}
