// Prints the figures the issues ask for. Not a test: timings on a shared machine vary,
// so they are measured here and reported, never asserted in the test run.
//   swift run -c release ptce-jury-bench [--quick]
import Foundation
import JuryCore
import JuryDemo
import JuryConsole
import JuryImport
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
            let changes = store.refresh(change)
            _ = update(&state, .storeChanged(StoreUpdate(campaign: changes.campaign, jury: changes.jury, dossiers: changes.dossiers,
                                                         sheets: changes.sheets, removedSheets: changes.removedSheets,
                                                         allocationChanged: changes.allocationChanged,
                                                         problems: changes.problems.map(\.description))))
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

// MARK: Shared server (issue 4)
print("\nShared server: concurrent score saves (each a journal entry + a durable sheet; disk of \(scratch.path))")

/// `processes` reviewers save `saves` changes each, all at once, in forked processes.
func concurrentSaves(processes: Int, saves: Int) throws -> Double {
    let root = scratch.appendingPathComponent("shared-\(processes)")
    let generated = SyntheticCampaign.generate(dossiers: 20, reviewers: processes, seed: 4)
    var jury = generated.jury
    for index in jury.members.indices { jury.members[index].conflicts = [] }
    try CampaignStore.create(at: root, campaign: generated.campaign, jury: jury, dossiers: generated.dossiers, sheets: [])
    let store = try CampaignStore.open(root)
    let logins = jury.reviewers.map(\.login), numbers = generated.dossiers.map(\.number), key = generated.campaign.criteria[0].key
    let clock = ContinuousClock()
    let start = clock.now
    let children = (0..<processes).map { p -> pid_t in
        let child = fork()
        if child == 0 {
            for i in 0..<saves {
                _ = try? store.updateSheet(reviewer: logins[p], dossier: numbers[i % numbers.count]) { $0.values[key] = i % 5 }
            }
            _exit(0)
        }
        return child
    }
    for child in children {
        var status: Int32 = 0
        waitpid(child, &status, 0)
    }
    let seconds = milliseconds(clock.now - start) / 1000
    return Double(processes * saves) / seconds
}

for processes in [1, 2, 4, 8] {
    let rate = try concurrentSaves(processes: processes, saves: quick ? 50 : 200)
    report("\(processes) process(es) × \(quick ? 50 : 200) saves", rate, unit: "saves/s")
}

// MARK: Import (issue 6)
print("\nImport from Démarches Simplifiées (GraphQL API pages of 100 dossiers, PTCE mapping)")

/// The synthetic dossiers as the platform's API returns them, under the labels of data/import/mapping-ptce.json.
func apiPage(_ dossiers: ArraySlice<Dossier>, hasNextPage: Bool) throws -> Data {
    var ids: [String: Int] = [:]
    func champ(_ type: String, _ label: String, _ text: String, _ typed: [String: Any] = [:]) -> [String: Any] {
        let id = ids[label] ?? ids.count
        ids[label] = id
        return typed.merging(["__typename": type, "id": "Q2hhbXAt\(id)", "label": label, "stringValue": text]) { $1 }
    }
    let territories: [TerritoryType: String] = [.rural: "Rural", .urbain: "Urbain", .mixte: "Mixte"]
    let nodes = dossiers.map { d -> [String: Any] in
        let members = d.members.map { m in ["champs": [champ("TextChamp", "Nom de la structure membre", m.name),
                                                      champ("DropDownListChamp", "Catégorie de membre", Labels.memberCategory(m.category, .fr)),
                                                      champ("SiretChamp", "SIRET du membre", m.siret ?? "")]] }
        let lines = d.budget.cofinancing.map { c in ["champs": [champ("TextChamp", "Financeur", c.source),
                                                                champ("IntegerNumberChamp", "Montant (€)", "\(c.amount)", ["integerNumber": "\(c.amount)"])]] }
        let address: [String: Any] = ["cityName": d.address.commune, "cityCode": d.address.communeCode,
                                      "departmentName": d.address.department.name, "departmentCode": d.address.department.code,
                                      "regionName": d.address.region.name, "regionCode": d.address.region.code]
        return [
            "__typename": "Dossier", "number": d.number, "state": d.state.rawValue, "dateDepot": d.filedAt?.text ?? NSNull(),
            "demandeur": ["__typename": "PersonneMorale", "siret": d.structure.siret, "address": address,
                          "entreprise": ["raisonSociale": d.structure.raisonSociale, "formeJuridique": d.structure.legalForm],
                          "association": d.structure.rna.map { ["rna": $0, "titre": d.structure.raisonSociale] } ?? NSNull()],
            "champs": [
                champ("TextChamp", "Nom du PTCE", d.name), champ("DropDownListChamp", "Filière principale du PTCE", d.sector),
                champ("DropDownListChamp", "Type de territoire", territories[d.territory]!),
                champ("IntegerNumberChamp", "Année de création du PTCE", "\(d.creationYear)", ["integerNumber": "\(d.creationYear)"]),
                champ("YesNoChamp", "Le PTCE a-t-il été lauréat de la phase 1 de l’AMI ?", d.phase1Year == nil ? "Non" : "Oui",
                      ["selected": d.phase1Year != nil]),
                champ("IntegerNumberChamp", "Année de désignation comme lauréat de la phase 1", d.phase1Year.map(String.init) ?? ""),
                champ("DecimalNumberChamp", "Emplois portés par le pôle (ETP)", "\(d.jobs)", ["decimalNumber": d.jobs]),
                champ("TextChamp", "Budget total du programme sur deux ans", Money.format(d.budget.total)),
                champ("TextChamp", "Montant de la subvention demandée à l’État", Money.format(d.budget.requested)),
                champ("TextChamp", "Présentation du PTCE et de son projet", d.narrative.presentation),
                champ("TextChamp", "Historique de la coopération entre les membres", d.narrative.cooperation),
                champ("TextChamp", "Modèle économique et autofinancement", d.narrative.economicModel),
                champ("TextChamp", "Programme d’animation financé", d.narrative.animation),
                champ("TextChamp", "Impact économique, social et environnemental", d.narrative.impact),
                champ("TextChamp", "Perspectives de changement d’échelle", d.narrative.scaling),
                champ("RepetitionChamp", "Membres du PTCE", "", ["rows": members]),
                champ("RepetitionChamp", "Cofinancements prévus", "", ["rows": lines]),
                champ("PieceJustificativeChamp", "Statuts de la structure porteuse", "",
                      ["files": d.attachments.map { ["filename": $0.name, "byteSize": $0.size] }]),
            ],
            "annotations": [], "avis": [],
        ]
    }
    let page: [String: Any] = ["data": ["demarche": ["number": 78542, "dossiers": [
        "pageInfo": ["hasNextPage": hasNextPage], "nodes": nodes]]]]
    return try JSONSerialization.data(withJSONObject: page)
}

let exportDirectory = scratch.appendingPathComponent("export")
try FileManager.default.createDirectory(at: exportDirectory, withIntermediateDirectories: true)
let pages = try stride(from: 0, to: synthetic.dossiers.count, by: 100).map { start -> URL in
    let end = min(start + 100, synthetic.dossiers.count)
    let url = exportDirectory.appendingPathComponent("page-\(start / 100 + 1).json")
    try apiPage(synthetic.dossiers[start..<end], hasNextPage: end < synthetic.dossiers.count).write(to: url)
    return url
}
let exportBytes = pages.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
print("    (\(pages.count) pages, \(exportBytes / 1_000_000) MB of JSON)")

let importChair = JuryMember(login: "presidence", name: "Présidence", role: .chair)
func emptyCampaign() throws -> URL {
    let root = scratch.appendingPathComponent("import-\(UUID().uuidString)")
    try CampaignStore.create(at: root, campaign: .ptceDefaults(), jury: Jury(members: [importChair]), dossiers: [], sheets: [])
    return root
}
var imported: URL?
report("import 5 000 dossiers into an empty campaign", try time(quick ? 1 : 3) {
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
let importRoot = try emptyCampaign()
if let wall = commandTime(cli, ["import", "--data", importRoot.path, "--reviewer", importChair.login] + pages.map(\.path)) {
    report("`ptce-jury import`, \(pages.count) pages, whole process", wall)
}

// MARK: Deliberation and allocation (issue 5)
print("\nDeliberation and allocation")

func sheetsByReviewer(_ sheets: [ScoreSheet]) -> [String: [Int: ScoreSheet]] {
    var byReviewer: [String: [Int: ScoreSheet]] = [:]
    for sheet in sheets { byReviewer[sheet.reviewer, default: [:]][sheet.dossier] = sheet }
    return byReviewer
}
let demoChair = bundled.jury.members.first { $0.role == .chair }!
let demoDeliberation = Deliberation(campaign: bundled.campaign, jury: bundled.jury, dossiers: bundled.dossiers,
                                    sheets: sheetsByReviewer(bundled.sheets), viewer: demoChair, drawSeed: 1)
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
                                   sheets: sheetsByReviewer(synthetic.sheets), viewer: bigChair, drawSeed: 1)
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
var boardState = ConsoleState(data: ConsoleData(campaign: synthetic.campaign, jury: synthetic.jury, dossiers: synthetic.dossiers,
                                                me: bigChair.login, sheets: [:], others: sheetsByReviewer(synthetic.sheets), language: .fr),
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
