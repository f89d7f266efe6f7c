// Prints the figures the issues ask for. Not a test: timings on a shared machine vary,
// so they are measured here and reported, never asserted in the test run.
//   swift run -c release ptce-jury-bench [--quick]
import Foundation
import JuryCore
import JuryDemo
import JuryConsole
import JuryStore
import JuryTerminal

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
func commandTime(_ executable: String, _ arguments: [String]) -> Double? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
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

print("ptce-jury benchmark — \(ProcessInfo.processInfo.activeProcessorCount) cores, median of \(repeats) runs")

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

/// Time to first frame: open the campaign, build what the console derives, draw once.
func firstFrame(_ root: URL, login: String) throws -> (milliseconds: Double, state: ConsoleState) {
    var state: ConsoleState?
    let elapsed = try time(quick ? 1 : 3) {
        let store = try CampaignStore.open(root)
        let data = ConsoleData(campaign: store.campaign, jury: store.jury, dossiers: store.dossiers, me: login,
                               sheets: store.sheets[login] ?? [:], language: .fr)
        let fresh = ConsoleState(data: data, rows: 40, columns: 120, now: Instant(Date()))
        render(fresh, on: MemorySurface(rows: 40, columns: 120))
        state = fresh
    }
    return (elapsed, state!)
}

let demoFrame = try firstFrame(demo, login: bundled.jury.reviewers[0].login)
report("time to first frame, demo (72 dossiers)", demoFrame.milliseconds)
let bigFrame = try firstFrame(big, login: reviewer)
report("time to first frame, 5 000 dossiers", bigFrame.milliseconds, target: "< 300 ms")

/// The slowest key of a scripted session, each key handled and drawn, best of 5 tries on copies.
func slowestKey(_ start: ConsoleState) -> (label: String, milliseconds: Double) {
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
let yardstick = try TerminalTraffic.bytesForFrames(rows: 40, columns: 120, draw: [
    { _ in }, copyRows(changedRows, of: after),
])
report("bytes sent when the selection moves one row", Double(traffic[1]), unit: "B",
       target: "≤ \(yardstick[1]) B, drawing the \(changedRows.count) changed rows")
report("bytes sent by a full repaint (Ctrl-L), for comparison", Double(repaintTraffic[1]), unit: "B")
