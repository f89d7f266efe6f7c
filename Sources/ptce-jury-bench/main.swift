// Prints the figures the issues ask for. Not a test: timings on a shared machine vary,
// so they are measured here and reported, never asserted in the test run.
//   swift run -c release ptce-jury-bench [--quick] [--deliberation]
import Foundation
import JuryCore
import JuryDemo
import JuryConsole
import JuryImport
import JuryStore
import JuryTerminal
import JuryServer

let quick = CommandLine.arguments.contains("--quick")
let repeats = quick ? 3 : 7

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Median wall time of `body`, in milliseconds.
func time(_ runs: Int = repeats, _ body: () throws -> Void) rethrows -> Double {
    var samples: [Double] = []
    for _ in 0..<runs {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        samples.append(milliseconds(clock.now - start))
    }
    return median(samples)
}

func report(_ label: String, _ value: Double, unit: String = "ms", target: String = "") {
    let figure = String(format: unit == "ms" ? "%9.2f" : "%9.0f", value)
    print("  \(label.padding(toLength: 58, withPad: " ", startingAt: 0)) \(figure) \(unit)\(target.isEmpty ? "" : "   (target \(target))")")
}

/// Wall time of an external command, in milliseconds; nil when it cannot run.
func commandTime(_ executable: String, _ arguments: [String], in directory: URL? = nil) -> Double? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let clock = ContinuousClock()
    let start = clock.now
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    return process.terminationStatus == 0 ? milliseconds(clock.now - start) : nil
}

func jsonFiles(under root: URL) -> [String] {
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    var files: [String] = []
    while let url = enumerator?.nextObject() as? URL {
        if url.lastPathComponent == ".demo-work" { enumerator?.skipDescendants(); continue }
        if url.pathExtension == "json" { files.append(url.path) }
    }
    return files
}

func which(_ name: String) -> String? {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let path = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
let cli = binDirectory.appendingPathComponent("ptce-jury").path
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ptce-jury-bench-\(getpid())")
defer { try? FileManager.default.removeItem(at: scratch) }

// MARK: Deliberation and allocation (issue 5)
/// Run alone with `--deliberation`: the figures of the core, without the store's, the server's
/// and the import's minutes of set-up.
func deliberationFigures(bundled: GeneratedCampaign, synthetic: GeneratedCampaign) {
    print("\nDeliberation and allocation")

    let demoChair = bundled.jury.members.first { $0.role == .chair }!
    let demoDeliberation = Deliberation(campaign: bundled.campaign, jury: bundled.jury, dossiers: bundled.dossiers,
                                        sheets: bundled.sheets.byReviewer, viewer: demoChair, drawSeed: 1)
    report("bootstrap under the rules, 1 000 resamples, demo", time { _ = Bootstrap(demoDeliberation, method: .mean, resamples: 1_000) },
           target: "< 1 000 ms")
    report("rapporteurs assigned exactly, demo (72 dossiers × 2)", time {
        _ = RapporteurPlanner.complete([:], dossiers: bundled.dossiers, jury: bundled.jury, settings: RapporteurSettings(spreadRegions: true))
    })
    report("full deliberation report of the demo", time {
        _ = DeliberationReport(demoDeliberation, jury: bundled.jury, viewer: demoChair, allocation: .initial(for: bundled.campaign), method: .mean)
    })

    let bigChair = synthetic.jury.members.first { $0.role == .chair }!
    let bigDeliberation = Deliberation(campaign: synthetic.campaign, jury: synthetic.jury, dossiers: synthetic.dossiers,
                                       sheets: synthetic.sheets.byReviewer, viewer: bigChair, drawSeed: 1)
    let bigAnalysis = AllocationAnalysis(bigDeliberation, method: .mean)
    let bigRules = AllocationRules(synthetic.campaign)
    print("    (5 000 dossiers: \(bigAnalysis.candidates.count) scored candidates, at most \(bigRules.maxPerRegion ?? 0) per region, "
          + "\(bigRules.minOverseas) overseas)")
    report("optimal proposal for 5 000 dossiers with regional quotas", time(quick ? 5 : 21) {
        _ = Allocator.propose(bigAnalysis.candidates, rules: bigRules)
    }, target: "< 50 ms")
    report("ranking and proposal under one method, 5 000 dossiers", time { _ = AllocationAnalysis(bigDeliberation, method: .mean) })
    report("rapporteurs assigned exactly, 500 dossiers × 2", time(quick ? 1 : 3) {
        _ = RapporteurPlanner.complete([:], dossiers: Array(synthetic.dossiers.prefix(500)), jury: synthetic.jury,
                                       settings: RapporteurSettings(spreadRegions: true))
    })
    report("bootstrap under the rules, 1 000 resamples, 5 000 dossiers", time(quick ? 1 : 3) {
        _ = Bootstrap(bigDeliberation, method: .mean, resamples: 1_000)
    })
    // In séance the server computes these once per change for every board (docs/SERVER.md, « The séance »).
    report("the jury's figures in séance, 5 000 dossiers", time(quick ? 1 : 3) {
        _ = JuryFigures.of(campaign: synthetic.campaign, jury: synthetic.jury, dossiers: synthetic.dossiers, sheets: synthetic.sheets.byReviewer,
                           allocation: .initial(for: synthetic.campaign), rapporteurs: [:],
                           resamples: Bootstrap.boardResamples(dossiers: synthetic.dossiers.count))
    }, target: "< 1 000 ms")
    var boardState = ConsoleState(data: ConsoleData(campaign: synthetic.campaign, jury: synthetic.jury, dossiers: synthetic.dossiers,
                                                    me: bigChair.login, sheets: [:], others: synthetic.sheets.byReviewer, language: .fr),
                                  rows: 40, columns: 120, now: Instant(Date()))
    report("allocation board opened (a) and drawn, 5 000 dossiers", time(quick ? 1 : 3) {
        var state = boardState
        _ = update(&state, .key(.character("a")))
        render(state, on: MemorySurface(rows: 40, columns: 120))
    })
    _ = update(&boardState, .key(.character("a")))
    _ = update(&boardState, .allocation(.loaded(.initial(for: synthetic.campaign))))
    // On one state, as the console's loop holds it (a copy per run would add copying 5 000 rows).
    report("a chair's key on the board (w, then drawn), 5 000 dossiers", time {
        _ = update(&boardState, .key(.character("w")))
        render(boardState, on: MemorySurface(rows: 40, columns: 120))
    })
}

print("ptce-jury benchmark — \(ProcessInfo.processInfo.activeProcessorCount) cores, median of \(repeats) runs")

if CommandLine.arguments.contains("--deliberation") {
    deliberationFigures(bundled: DemoCampaign.bundled(), synthetic: SyntheticCampaign.generate(dossiers: 5_000, reviewers: 10, seed: 2023))
    exit(0)
}

// MARK: Store (issue 1/5)
print("\nStore")
let demo = scratch.appendingPathComponent("demo")
let bundled = DemoCampaign.bundled()
try CampaignStore.create(at: demo, campaign: bundled.campaign, jury: bundled.jury, dossiers: bundled.dossiers, sheets: bundled.sheets)
report("open + validate the demo (72 dossiers)", try time { _ = try CampaignStore.open(demo) })

let big = scratch.appendingPathComponent("big")
let generationClock = ContinuousClock.now
let synthetic = SyntheticCampaign.generate(dossiers: 5_000, reviewers: 10, seed: 2023)
try CampaignStore.create(at: big, campaign: synthetic.campaign, jury: synthetic.jury, dossiers: synthetic.dossiers, sheets: synthetic.sheets)
report("generate + write a 5 000-dossier, 10-reviewer campaign", milliseconds(ContinuousClock.now - generationClock))
let bigFiles = jsonFiles(under: big)
let bigBytes = bigFiles.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
print("    (\(bigFiles.count) JSON files, \(bigBytes / 1_000_000) MB)")
report("open + validate 5 000 dossiers in process", try time(quick ? 1 : 3) { _ = try CampaignStore.open(big) }, target: "< 1 000 ms")
if let wall = (0..<(quick ? 1 : 3)).compactMap({ _ in commandTime(cli, ["check", "--data", big.path]) }).min() {
    report("`ptce-jury check` on it, whole process", wall, target: "< 1 000 ms")
} else {
    print("  `ptce-jury check`: could not run \(cli) (build it in the same configuration)")
}
if let jq = which("jq") {
    if let wall = (0..<(quick ? 1 : 3)).compactMap({ _ in commandTime(jq, ["empty"] + bigFiles) }).min() {
        report("`jq empty` over the same files", wall, target: "no faster than check")
    }
} else {
    print("  jq is not installed: apt-get install jq for the comparison")
}

let store = try CampaignStore.open(big)
let reviewer = synthetic.jury.reviewers[0].login
let grid = synthetic.campaign.criteria
var sheet = ScoreSheet(dossier: synthetic.dossiers[0].number, reviewer: reviewer, at: Instant(Date()))
var samples: [Double] = []
for round in 0..<(quick ? 100 : 500) {
    try sheet.apply(.setValue(criterion: grid[0].key, value: round % (grid[0].scale.max + 1)), grid: grid, at: Instant(Date()))
    let clock = ContinuousClock()
    let start = clock.now
    try store.save(sheet)
    samples.append(milliseconds(clock.now - start))
}
report("durable save of one score sheet (median)", median(samples), target: "< 5 ms")
report("durable save of one score sheet (90th percentile)", samples.sorted()[samples.count * 9 / 10])

// MARK: Console (issue 2/5)
print("\nConsole (release build, in process; 120×40)")

/// The console as it starts: the whole campaign opened, validated and derived, ready for keys.
func readyState(_ root: URL, login: String) throws -> ConsoleState {
    let store = try CampaignStore.open(root)
    let sheets = store.sheets
    let data = ConsoleData(campaign: store.campaign, jury: store.jury, dossiers: store.dossiers, me: login,
                           sheets: sheets[login] ?? [:], others: sheets, language: .fr)
    return ConsoleState(data: data, rows: 40, columns: 120, now: Instant(Date()))
}

/// Time to first frame as the console gets there: a large campaign is drawn from its preview
/// (`CampaignPreview`) while the whole of it is read; a small one is read whole first. Also the
/// time until the console takes keys, preview included, and that state.
func firstFrame(_ root: URL, login: String) throws -> (milliseconds: Double, ready: Double, state: ConsoleState) {
    var state: ConsoleState?
    var first: [Double] = [], ready: [Double] = []
    for _ in 0..<(quick ? 1 : 3) {
        let clock = ContinuousClock(), start = clock.now
        let surface = MemorySurface(rows: 40, columns: 120)
        if let preview = CampaignPreview.read(root, login: login) {
            let data = ConsoleData(campaign: preview.campaign, jury: preview.jury, dossiers: preview.dossiers, me: login,
                                   sheets: preview.sheets, language: .fr)
            render(ConsoleState(loading: data, rows: 40, columns: 120, now: Instant(Date())), on: surface)
            first.append(milliseconds(clock.now - start))
            state = try readyState(root, login: login)
            render(state!, on: surface)
        } else {
            state = try readyState(root, login: login)
            render(state!, on: surface)
            first.append(milliseconds(clock.now - start))
        }
        ready.append(milliseconds(clock.now - start))
    }
    return (median(first), median(ready), state!)
}

let demoFrame = try firstFrame(demo, login: bundled.jury.reviewers[0].login)
report("time to first frame, demo (72 dossiers)", demoFrame.milliseconds)
let bigFrame = try firstFrame(big, login: reviewer)
report("time to first frame, 5 000 dossiers (from the preview)", bigFrame.milliseconds, target: "< 300 ms")
report("console ready for keys, 5 000 dossiers (all validated)", bigFrame.ready)

/// The slowest key of a scripted session, each key handled and drawn, best of 5 tries on copies.
func slowestKey(_ start: ConsoleState, script: [(String, [Key])]? = nil) -> (label: String, milliseconds: Double) {
    var state = start
    let surface = MemorySurface(rows: 40, columns: 120)
    var slowest = (label: "", milliseconds: 0.0)
    func keys(_ label: String, _ keys: [Key]) {
        for key in keys {
            var best = Double.infinity
            for _ in 0..<5 {
                var trial = state
                let clock = ContinuousClock()
                let begin = clock.now
                _ = update(&trial, .key(key))
                render(trial, on: surface)
                best = min(best, milliseconds(clock.now - begin))
            }
            _ = update(&state, .key(key))
            if best > slowest.milliseconds { slowest = ("\(label) \(key)", best) }
        }
    }
    if let script {
        for (label, pressed) in script { keys(label, pressed) }
        return slowest
    }
    keys("move", Array(repeating: .down, count: 30) + [.end, .pageUp, .home])
    keys("sort", Array(repeating: .character("o"), count: 5))
    keys("search", [.character("/")] + "cooperative".map { .character($0) } + Array(repeating: .backspace, count: 11)
         + "é".map { .character($0) } + [.backspace, .enter])
    keys("search", [.character("/"), .character("x"), .character("z"), .escape])
    keys("dossier", [.enter, .tab, .tab, .pageDown, .character("]"), .character("]"), .character("[")])
    keys("sheet", [.character("e"), .character("3"), .right, .down, .character("4"), .escape, .escape])
    return slowest
}
for (label, frame) in [("demo", demoFrame.state), ("5 000 dossiers", bigFrame.state)] {
    let slowest = slowestKey(frame)
    report("slowest key incl. search refilter, \(label)", slowest.milliseconds, target: label == "demo" ? "" : "< 5 ms")
    print("    (\(slowest.label))")
}

var moved = bigFrame.state
_ = update(&moved, .key(.down))
let traffic = try TerminalTraffic.bytesForFrames(rows: 40, columns: 120, draw: [
    { render(bigFrame.state, on: $0) }, { render(moved, on: $0) },
])
let repaintTraffic = try TerminalTraffic.bytesForFrames(rows: 40, columns: 120, repaint: true, draw: [
    { render(bigFrame.state, on: $0) }, { render(moved, on: $0) },
])
// The yardstick: what drawing just the rows that changed costs, onto an otherwise unchanged screen.
let before = MemorySurface(rows: 40, columns: 120), after = MemorySurface(rows: 40, columns: 120)
render(bigFrame.state, on: before)
render(moved, on: after)
let changedRows = (0..<40).filter { before.cells[$0] != after.cells[$0] }
func copyRows(_ rows: [Int], of source: MemorySurface) -> (Surface) -> Void {
    { surface in
        for row in rows {
            for (column, cell) in source.cells[row].enumerated() where !cell.text.isEmpty {
                surface.put(cell.text, row: row, column: column, style: cell.style)
            }
        }
    }
}
// Redrawing the changed rows: erasing them, then writing them again, the rest left as it was.
let unchangedRows = (0..<40).filter { !changedRows.contains($0) }
let redraw = try TerminalTraffic.bytesForFrames(rows: 40, columns: 120, draw: [
    { render(bigFrame.state, on: $0) }, copyRows(unchangedRows, of: before),
    { copyRows(unchangedRows, of: before)($0); copyRows(changedRows, of: after)($0) },
])
// The bare minimum: the same rows written onto a blank screen, with nothing to erase.
let onBlank = try TerminalTraffic.bytesForFrames(rows: 40, columns: 120, draw: [
    { _ in }, copyRows(changedRows, of: after),
])
report("bytes sent when the selection moves one row", Double(traffic[1]), unit: "B",
       target: "≤ \(redraw[1] + redraw[2]) B, erasing and redrawing the \(changedRows.count) changed rows")
print("    (the same rows written onto a blank screen, nothing to erase: \(onBlank[1]) B)")
report("bytes sent by a full repaint (Ctrl-L), for comparison", Double(repaintTraffic[1]), unit: "B")

// MARK: Live refresh (issue 4)
print("\nLive refresh: a sheet submitted in one session, seen in another open console (120×40)")

/// One session saves submitted sheets (its own store, on a thread of its own); the other, the
/// chair's console (the chair sees every submitted sheet), waits on the watcher, refreshes, merges
/// and draws, as ConsoleLoop does. Milliseconds from the end of each save to the frame showing it.
func sheetToConsole(_ root: URL, mode: ChangeWatcher.Mode, rounds: Int) throws -> [Double] {
    let store = try CampaignStore.open(root)
    let chair = store.jury.members.first { $0.role == .chair }!.login
    let writer = store.jury.reviewers.last!
    let grid = store.campaign.criteria
    let targets = store.dossiers.map(\.number)
        .filter { !writer.isConflicted(on: $0) && store.sheet(reviewer: writer.login, dossier: $0) == nil }
        .prefix(rounds)
    let sheets = store.sheets
    var state = ConsoleState(data: ConsoleData(campaign: store.campaign, jury: store.jury, dossiers: store.dossiers, me: chair,
                                               sheets: sheets[chair] ?? [:], others: sheets, language: .fr),
                             rows: 40, columns: 120, now: Instant(Date()))
    let surface = MemorySurface(rows: 40, columns: 120)
    let watcher = ChangeWatcher(root: store.root, mode: mode)
    _ = watcher.poll()   // the first look always says « anything »

    final class Clock: @unchecked Sendable {
        let saved = DispatchSemaphore(value: 0), shown = DispatchSemaphore(value: 0)
        var savedAt = ContinuousClock.now
    }
    let clock = Clock()
    let saver = Thread {
        let session = try! CampaignStore.open(root)
        for number in targets {
            var sheet = ScoreSheet(dossier: number, reviewer: writer.login, at: Instant(Date()))
            for criterion in grid { try! sheet.apply(.setValue(criterion: criterion.key, value: criterion.scale.max), grid: grid, at: sheet.createdAt) }
            try! sheet.apply(.setRecommendation(.favorable), grid: grid, at: sheet.createdAt)
            try! sheet.submit(grid: grid, at: sheet.createdAt)
            try! session.save(sheet)
            clock.savedAt = ContinuousClock.now
            clock.saved.signal()
            clock.shown.wait()
        }
    }
    saver.start()
    var latencies: [Double] = []
    for number in targets {
        clock.saved.wait()
        var shown = false
        while !shown {
            if mode == .inotify, let fd = watcher.fileDescriptor {
                var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                _ = poll(&ready, 1, 1_000)
            } else {
                usleep(10_000)
            }
            let change = watcher.poll()
            guard change != .nothing else { continue }
            guard let changes = store.update(after: change, for: state.data.me) else { continue }
            _ = update(&state, .storeChanged(changes))
            render(state, on: surface)
            shown = changes.sheets.contains { $0.dossier == number && $0.reviewer == writer.login }
        }
        latencies.append(milliseconds(ContinuousClock.now - clock.savedAt))
        clock.shown.signal()
    }
    return latencies
}

for (label, root) in [("demo, 72 dossiers", demo), ("5 000 dossiers", big)] {
    let inotify = try sheetToConsole(root, mode: .inotify, rounds: quick ? 10 : 40)
    report("inotify, \(label) (median)", median(inotify), target: "< 2 000 ms")
    report("inotify, \(label) (worst)", inotify.max() ?? 0)
}
let polled = try sheetToConsole(demo, mode: .polling, rounds: quick ? 3 : 10)
report("polling every second (NFS), demo (median)", median(polled), target: "< 2 000 ms")
report("polling every second (NFS), demo (worst)", polled.max() ?? 0)
print("    (the console looks at most every 250 ms, between keys: add up to 250 ms)")

// MARK: Jury server (issue 10)
print("\nJury server: 5 000 dossiers, 12 consoles attached over its Unix socket (release build; disk of \(scratch.path))")
print("    (the 12 consoles are one account's: the bench cannot change its uid per connection; the fan-out is the same)")

/// A process's memory from /proc, in MB: its resident size now and at its peak.
func memoryMegabytes(of pid: pid_t) -> (now: Double, peak: Double) {
    let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
    func field(_ name: String) -> Double {
        let line = status.split(separator: "\n").first { $0.hasPrefix(name) } ?? ""
        return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }
    return (field("VmRSS:"), field("VmHWM:"))
}

let served = scratch.appendingPathComponent("served")
do {
    let generated = SyntheticCampaign.generate(dossiers: 5_000, reviewers: 11, seed: 2024)
    var jury = generated.jury
    jury.members.append(JuryMember(login: UnixAccounts.currentLogin(), name: "Banc d’essai", role: .chair))
    try CampaignStore.create(at: served, campaign: generated.campaign, jury: jury, dossiers: generated.dossiers, sheets: generated.sheets)
    // The server in its own process, as deployed: the release binary beside this one.
    let socket = scratch.appendingPathComponent("jury.sock").path
    let serverProcess = Process()
    serverProcess.executableURL = URL(fileURLWithPath: cli)
    // The bench's 12 consoles are one account: as 12 members, each with their own allowance of changes.
    serverProcess.arguments = ["serve", "--data", served.path, "--socket", socket,
                               "--changes-per-second", "\(Int(Quotas.changesPerSecond) * 12)"]
    serverProcess.standardError = FileHandle.nullDevice
    try serverProcess.run()
    defer {
        serverProcess.terminate()
        serverProcess.waitUntilExit()
    }
    while (try? JuryClient(socketPath: socket).call(PreviewRequest(), language: .fr, timeout: 60)) == nil { usleep(20_000) }
    report("server memory: 5 000 dossiers open, no console attached", memoryMegabytes(of: serverProcess.processIdentifier).now, unit: "MB")

    // First frame of a console attaching to the running server: the preview, drawn.
    var frames: [Double] = []
    for _ in 0..<repeats {
        let clock = ContinuousClock(), start = clock.now
        let client = JuryClient(socketPath: socket)
        let view = try client.call(PreviewRequest(), language: .fr)
        let data = ConsoleData(campaign: view.campaign, jury: view.jury, dossiers: view.dossiers, me: view.login,
                               sheets: [:], language: .fr)
        render(ConsoleState(loading: data, rows: 40, columns: 120, now: Instant(Date())), on: MemorySurface(rows: 40, columns: 120))
        frames.append(milliseconds(clock.now - start))
        client.close()
    }
    report("first frame of a console attaching to the server", median(frames), target: "< 150 ms")
    report("  yardstick: first frame of the same campaign from its directory", try firstFrame(served, login: UnixAccounts.currentLogin()).milliseconds)

    // 12 consoles attached; each records when it sees each version of the sheet being saved.
    /// When each console saw each version of the sheet (from NIO's threads).
    final class Arrivals: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [Int: [ContinuousClock.Instant]] = [:]
        func record(_ key: Int, _ at: ContinuousClock.Instant) { lock.withLock { seen[key, default: []].append(at) } }
        func first(_ key: Int, after start: ContinuousClock.Instant) -> ContinuousClock.Instant? {
            lock.withLock { seen[key]?.filter { $0 > start }.min() }
        }
        func clear() { lock.withLock { seen = [:] } }
    }
    let arrivals = Arrivals()
    // The séance's rounds: dossier in discussion → round, and when each console saw it.
    let discussionRounds = quick ? 20 : 100
    let roundOf = Dictionary(uniqueKeysWithValues: generated.dossiers[200..<(200 + discussionRounds)].enumerated().map { ($1.number, $0) })
    let followed = Arrivals()
    var consoles: [JuryClient] = []
    let attachClock = ContinuousClock(), attachStart = attachClock.now
    for index in 0..<12 {
        let client = JuryClient(socketPath: socket, onPush: { update in
            let now = ContinuousClock.now
            for sheet in update.sheets {
                guard let value = sheet.values["maturite"] else { continue }
                arrivals.record(value * 1_000 + index, now)
            }
            if let dossier = update.seance?.discussing, let round = roundOf[dossier] { followed.record(round * 100 + index, now) }
        })
        _ = try client.call(AttachRequest(), session: "banc-\(index)", language: .fr, timeout: 120)
        consoles.append(client)
    }
    report("a console attaching: the whole view (5 000 dossiers, every sheet the chair may read)", milliseconds(attachClock.now - attachStart) / 12)
    report("  yardstick: console ready for keys from the directory", try firstFrame(served, login: UnixAccounts.currentLogin()).ready)
    let attachedMemory = memoryMegabytes(of: serverProcess.processIdentifier)
    report("server memory with 12 attached consoles (now / peak)", attachedMemory.now, unit: "MB")
    report("  its peak, while encoding the views", attachedMemory.peak, unit: "MB")

    // Save round trips from console 0; the time until the 11 others have the new version.
    let me = UnixAccounts.currentLogin(), number = generated.dossiers[0].number
    var sheet = ScoreSheet(dossier: number, reviewer: me, at: Instant(Date()))
    var roundTrips: [Double] = [], fanOut: [Double] = []
    let rounds = quick ? 100 : 400
    for round in 0..<rounds {
        sheet.values["maturite"] = round % 6
        sheet.values["ancrage"] = (round / 6) % 6
        let clock = ContinuousClock(), start = clock.now
        let saved = try consoles[0].call(SaveSheetRequest(sheet: sheet), session: "banc-0", language: .fr)
        roundTrips.append(milliseconds(clock.now - start))
        sheet = saved
        // Wait (bounded) until the 11 others have it.
        let deadline = clock.now + .seconds(5)
        while clock.now < deadline {
            if (1..<12).allSatisfy({ arrivals.first((round % 6) * 1_000 + $0, after: start) != nil }) { break }
            usleep(100)
        }
        let firsts = (1..<12).compactMap { arrivals.first((round % 6) * 1_000 + $0, after: start) }
        if firsts.count == 11, let last = firsts.max() { fanOut.append(milliseconds(last - start)) }
        arrivals.clear()
    }
    func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
    report("save round trip from a console, median", median(roundTrips), target: "< 5 ms")
    report("save round trip from a console, p99", percentile(roundTrips, 0.99))
    var bare: [Double] = []
    for index in 0..<(quick ? 50 : 200) {
        let clock = ContinuousClock(), start = clock.now
        try DurableFile.write(Data("{\"n\": \(index)}\n".utf8), to: scratch.appendingPathComponent("bare.json"))
        bare.append(milliseconds(clock.now - start))
    }
    report("  yardstick: the disk's bare durable write (temp, fsync, rename, fsync dir)", median(bare))
    report("time until a save shows in the 11 other consoles, median", median(fanOut), target: "< 100 ms")
    report("time until a save shows in the 11 other consoles, p99", percentile(fanOut, 0.99))
    print("    (\(fanOut.count) of \(rounds) saves seen by all 11 within 5 s)")

    // 12 consoles writing at once, each its own dossiers.
    let perConsole = quick ? 50 : 150
    let writeClock = ContinuousClock(), writeStart = writeClock.now
    let writers = consoles
    DispatchQueue.concurrentPerform(iterations: 12) { index in
        var mine = ScoreSheet(dossier: generated.dossiers[100 + index].number, reviewer: me, at: Instant(Date()))
        for round in 0..<perConsole {
            mine.values["gouvernance"] = round % 6
            if let saved = try? writers[index].call(SaveSheetRequest(sheet: mine), session: "banc-\(index)", language: .fr) {
                mine = saved
            }
        }
    }
    report("12 consoles saving at once", Double(12 * perConsole) / (milliseconds(writeClock.now - writeStart) / 1000), unit: "saves/s")

    // The séance (issue 11): the chair (console 0) puts a dossier in discussion; the time until the
    // 11 other consoles are told to follow it. Each move changes what every member may read.
    _ = try consoles[0].call(SeanceActRequest(action: .open(place: "Banc d’essai", present: [me])), language: .fr)
    var moves: [Double] = [], follows: [Double] = []
    for (number, round) in roundOf.sorted(by: { $0.value < $1.value }) {
        let clock = ContinuousClock(), start = clock.now
        _ = try consoles[0].call(SeanceActRequest(action: .discuss(number)), language: .fr)
        moves.append(milliseconds(clock.now - start))
        let deadline = clock.now + .seconds(5)
        while clock.now < deadline, !(1..<12).allSatisfy({ followed.first(round * 100 + $0, after: start) != nil }) { usleep(100) }
        let firsts = (1..<12).compactMap { followed.first(round * 100 + $0, after: start) }
        if firsts.count == 11, let last = firsts.max() { follows.append(milliseconds(last - start)) }
    }
    report("séance: the chair puts a dossier in discussion, round trip, median", median(moves))
    report("séance: until the 11 other consoles follow it, median", median(follows), target: "< 1 000 ms")
    report("séance: until the 11 other consoles follow it, p99", percentile(follows, 0.99))
    print("    (\(follows.count) of \(roundOf.count) discussions followed by all 11 within 5 s)")
    for client in consoles { client.close() }
}

// MARK: Import (issues 6 and 13)
print("\nImport from Démarches Simplifiées (5 000 dossiers, PTCE mapping; the same dossiers in every format)")

// The synthetic dossiers as the platform exports them (JuryImport's PlatformExport): API pages of 100, with the
// form's section titles, and the instructors' XLSX and ODS workbooks.
let exportDirectory = scratch.appendingPathComponent("export")
try FileManager.default.createDirectory(at: exportDirectory, withIntermediateDirectories: true)
let pages = try PlatformExport.pages(synthetic.dossiers, perPage: 100).enumerated().map { index, page -> URL in
    let url = exportDirectory.appendingPathComponent("page-\(index + 1).json")
    try page.write(to: url)
    return url
}
let workbookDate = Date(timeIntervalSince1970: 1_700_000_000)
let xlsxExport = exportDirectory.appendingPathComponent("dossiers.xlsx")
try PlatformExport.xlsx(synthetic.dossiers, date: workbookDate).write(to: xlsxExport)
let odsExport = exportDirectory.appendingPathComponent("dossiers.ods")
try PlatformExport.ods(synthetic.dossiers, date: workbookDate).write(to: odsExport)
func megabytes(_ urls: [URL]) -> Double {
    Double(urls.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }) / 1_000_000
}
print(String(format: "    (%d pages, %.1f MB of JSON; XLSX %.1f MB; ODS %.1f MB)", pages.count, megabytes(pages), megabytes([xlsxExport]),
             megabytes([odsExport])))

let importChair = JuryMember(login: "presidence", name: "Présidence", role: .chair)
func emptyCampaign() throws -> URL {
    let root = scratch.appendingPathComponent("import-\(UUID().uuidString)")
    try CampaignStore.create(at: root, campaign: .ptceDefaults(), jury: Jury(members: [importChair]), dossiers: [], sheets: [])
    return root
}
// The import's own work (read, check, map, sanitize, compare), then the same with the campaign's durable save.
report("read and map 5 000 dossiers from the API pages", try time(quick ? 1 : 3) {
    let plan = try DossierImport().plan(pages, existing: [])
    precondition(plan.report.created.count == synthetic.dossiers.count, "every dossier read")
}, target: "< 2 000 ms")
var imported: URL?
report("… and save them into an empty campaign", try time(quick ? 1 : 3) {
    let root = try emptyCampaign()
    let store = try CampaignStore.open(root)
    let report = try DossierImport().plan(pages, existing: store.dossiers).save(to: store)
    precondition(report.created.count == synthetic.dossiers.count, "every dossier imported")
    imported = root
})
report("re-import of the same pages (unchanged, no write)", try time(quick ? 1 : 3) {
    let store = try CampaignStore.open(imported!)
    let report = try DossierImport().plan(pages, existing: store.dossiers).save(to: store)
    precondition(report.unchanged.count == synthetic.dossiers.count && !report.written, "nothing to write")
})
for (label, file) in [("XLSX", xlsxExport), ("ODS", odsExport)] {
    report("read and map the same dossiers from the \(label) export", try time(quick ? 1 : 3) {
        let plan = try DossierImport().plan([file], existing: [])
        precondition(plan.report.created.count == synthetic.dossiers.count, "every dossier read")
    })
}
if let jq = which("jq") {
    if let wall = (0..<(quick ? 1 : 3)).compactMap({ _ in commandTime(jq, ["empty"] + pages.map(\.path)) }).min() {
        report("`jq empty` over the same pages (yardstick)", wall)
    }
} else {
    print("  jq is not installed: apt-get install jq for the yardstick")
}
if let unzip = which("unzip") {
    for (label, file) in [("XLSX", xlsxExport), ("ODS", odsExport)] {
        if let wall = (0..<(quick ? 1 : 3)).compactMap({ _ in commandTime(unzip, ["-t", "-qq", file.path]) }).min() {
            report("`unzip -t` of the \(label) export (yardstick: inflating only)", wall)
        }
    }
}
/// Wall time and peak resident memory of a whole process, through GNU time: wait4 from this
/// process would report this process's own size at the spawn (Linux counts the memory a vfork
/// child shares with its parent), where GNU time's child is forked from a small process.
func commandPeak(_ executable: String, _ arguments: [String]) -> (milliseconds: Double, mebibytes: Double?)? {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else {
        return commandTime(executable, arguments).map { ($0, nil) }
    }
    // Whatever the exit code: a refusal is measured too.
    let output = scratch.appendingPathComponent("peak-\(UUID().uuidString)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
    process.arguments = ["-f", "%M", "-o", output.path, executable] + arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let clock = ContinuousClock(), start = clock.now
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    let wall = milliseconds(clock.now - start)
    let kilobytes = (try? String(contentsOf: output, encoding: .utf8))?.split(separator: "\n").last.flatMap { Double($0) }
    return (wall, kilobytes.map { $0 / 1024 })
}
for (label, files) in [("API pages", pages), ("XLSX", [xlsxExport]), ("ODS", [odsExport])] {
    let importRoot = try emptyCampaign()
    if let run = commandPeak(cli, ["import", "--data", importRoot.path, "--reviewer", importChair.login] + files.map(\.path)) {
        report("`ptce-jury import`, \(label), whole process", run.milliseconds)
        if let peak = run.mebibytes { report("    its peak memory", peak, unit: "MiB") }
    }
}
// A hostile workbook just under the limit of an unpacked entry (issue 13: 58 s and 2.1 GB before): a sheet of
// 159 MiB of blank XML, 160 KB zipped, read to its end and found empty. Made with the zip command.
if let zip = which("zip") {
    let hostile = scratch.appendingPathComponent("hostile")
    try FileManager.default.createDirectory(at: hostile.appendingPathComponent("xl/_rels"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: hostile.appendingPathComponent("xl/worksheets"), withIntermediateDirectories: true)
    try Data(#"<workbook xmlns:r="urn:r"><sheets><sheet name="Dossiers" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8)
        .write(to: hostile.appendingPathComponent("xl/workbook.xml"))
    try Data(#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8)
        .write(to: hostile.appendingPathComponent("xl/_rels/workbook.xml.rels"))
    var sheet = Data("<worksheet><sheetData>".utf8)
    sheet.append(Data(repeating: UInt8(ascii: " "), count: ImportLimits.entryBytes - (1 << 20)))
    sheet.append(Data("</sheetData></worksheet>".utf8))
    try sheet.write(to: hostile.appendingPathComponent("xl/worksheets/sheet1.xml"))
    let archive = hostile.appendingPathComponent("blank.xlsx")
    if commandTime(zip, ["-q", "-r", archive.path, "xl", "-x", "blank.xlsx"], in: hostile) != nil,
       let run = commandPeak(cli, ["import", "--data", try emptyCampaign().path, "--reviewer", importChair.login, "--dry-run", archive.path]) {
        print(String(format: "    (hostile XLSX: %.0f KB, a sheet of %d MiB unpacked)",
                     megabytes([archive]) * 1000, sheet.count >> 20))
        report("hostile XLSX just under the entry limit, whole process", run.milliseconds)
        if let peak = run.mebibytes { report("    its peak memory", peak, unit: "MiB") }
    }
}

deliberationFigures(bundled: bundled, synthetic: synthetic)

// MARK: Pièces justificatives (issue 21)
print("\nPièces justificatives: the ZIP export of 72 dossiers × 5 PDF pièces (PlatformExport.piecesZip)")
let pieceDossiers = Array(synthetic.dossiers.prefix(72))
let piecesExport = exportDirectory.appendingPathComponent("dossiers-pieces.zip")
try PlatformExport.piecesZip(pieceDossiers, date: workbookDate).write(to: piecesExport)
print(String(format: "    (%.1f MB zipped)", megabytes([piecesExport])))
/// A campaign of the 72 dossiers without their pièces, opened and acting as the chair.
func campaignForPieces() throws -> CampaignStore {
    let store = try CampaignStore.open(try emptyCampaign())
    try store.act(as: importChair.login)
    try store.saveDossiers(pieceDossiers)
    return store
}
var piecesImport: [Double] = [], piecesRoot: URL?
for _ in 0..<(quick ? 1 : 3) {
    let store = try campaignForPieces()
    let clock = ContinuousClock(), start = clock.now
    let report = try DossierImport().plan([piecesExport], existing: store.dossiers).save(to: store)
    piecesImport.append(milliseconds(clock.now - start))
    precondition(report.pieces == 5 * pieceDossiers.count && report.updated.count == pieceDossiers.count, "every pièce imported")
    piecesRoot = store.root
}
report("import of the ZIP (unpack, pdftotext, store, journal)", median(piecesImport))
var yardstick = 0.0
if let unzip = which("unzip"), let pdftotext = which("pdftotext") {
    let unzipped = scratch.appendingPathComponent("pieces-unzipped")
    if let test = (0..<(quick ? 1 : 3)).compactMap({ _ in commandTime(unzip, ["-t", "-qq", piecesExport.path]) }).min(),
       commandTime(unzip, ["-qq", "-o", piecesExport.path, "-d", unzipped.path]) != nil {
        report("`unzip -t` of the same ZIP (yardstick)", test)
        let pdfs = FileManager.default.enumerator(at: unzipped, includingPropertiesForKeys: nil)?
            .compactMap { ($0 as? URL)?.pathExtension == "pdf" ? ($0 as! URL).path : nil } ?? []
        let alone = (0..<(quick ? 1 : 3)).map { _ in
            pdfs.reduce(0.0) { $0 + (commandTime(pdftotext, ["-q", "-enc", "UTF-8", $1, "/dev/null"]) ?? .nan) }
        }.min() ?? .nan
        report("`pdftotext` alone on its \(pdfs.count) PDFs, one after the other (yardstick)", alone)
        yardstick = test + alone
        report("the import, as a share of the yardsticks' sum", 100 * median(piecesImport) / yardstick, unit: "%", target: "≤ 150 %")
    }
} else {
    print("  unzip or pdftotext is not installed (apt-get install unzip poppler-utils) for the yardsticks")
}
if let piecesRoot {
    let ready = try readyState(piecesRoot, login: importChair.login)
    let slowest = slowestKey(ready, script: [
        ("open", [.enter]), ("pièces", Array(repeating: .character("t"), count: 7) + [.character("T"), .pageDown, .pageDown]),
        ("next dossier", [.character("]"), .character("t"), .character("["), .escape]),
        ("search the pièces", [.character("/")] + "statuts".map { .character($0) } + [.enter, .enter, .character("n"), .character("N")]),
    ])
    report("slowest key on a dossier with its 5 pièces", slowest.milliseconds, target: "< 5 ms")
    print("    (\(slowest.label))")
}

