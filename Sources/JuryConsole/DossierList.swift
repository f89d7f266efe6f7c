import JuryCore

/// Orders of the dossier list, in the order `o` cycles through them.
public enum ListSort: Int, CaseIterable, Sendable {
    case number, name, region, status, total

    var next: ListSort { ListSort(rawValue: (rawValue + 1) % ListSort.allCases.count)! }
    var dependsOnScores: Bool { self == .status || self == .total }
}

/// The filter panel's choices; nil means "all".
struct ListFilter: Equatable, Sendable {
    /// Positions in `DossierIndex.regions` and `.sectors`.
    var region: Int?
    var sector: Int?
    var progress: ReviewProgress?
    var eligibleOnly = false
    /// « Mes dossiers »: only those I report on (a rapporteur's list opens so).
    var mine = false

    func accepts(_ position: Int, _ data: ConsoleData) -> Bool {
        (region == nil || data.index.regionOf[position] == region)
            && (sector == nil || data.index.sectorOf[position] == sector)
            && (progress == nil || data.progress[position] == progress)
            && (!eligibleOnly || data.index.eligible[position])
            && (!mine || data.isMine(position))
    }

    /// One line naming what is filtered, e.g. "Bretagne, à noter, éligibles".
    func summary(_ data: ConsoleData) -> String? {
        let language = data.language
        let parts = [mine ? language.text(.myDossiers) : nil, region.map { data.index.regions[$0] },
                     sector.map { data.index.sectors[$0] }, progress.map(language.label),
                     eligibleOnly ? language.text(.filterEligible) : nil]
        let named = parts.compactMap { $0 }
        return named.isEmpty ? nil : named.joined(separator: ", ")
    }
}

/// The home list: sort, filters, search, selection. The visible order is cached and recomputed
/// only when one of its inputs changes (`refresh`).
struct ListState: Sendable {
    var sort = ListSort.number
    var filter = ListFilter()
    /// The search in force: the committed query, or the text being typed.
    var query = ""
    /// The search field while `/` is being typed, and the query to restore on Esc.
    var field: LineEditor?
    var queryBeforeField = ""
    /// The filter panel's focused row when the panel is open.
    var panel: Int?
    /// The chair's choice of the selected dossier's rapporteurs (`R`), over the list.
    var picker: RapporteurPicker?
    var selected = 0
    var scroll = 0

    /// Positions of the dossiers shown, in display order.
    private(set) var rows: [Int] = []
    private var searchCache = SearchCache()
    private var orderKey: OrderKey?

    private struct OrderKey: Equatable {
        var sort: ListSort
        var filter: ListFilter
        var query: [UInt8]
        var scoresVersion: Int?
    }

    var selectedPosition: Int? { rows.indices.contains(selected) ? rows[selected] : nil }

    /// Recomputes the visible order if sort, filter, search or (when they matter) scores changed;
    /// the selection stays on the same dossier when it is still shown.
    mutating func refresh(_ data: ConsoleData) {
        var folder = SearchFolder()
        let query = folder.fold(self.query)
        let dependsOnScores = sort.dependsOnScores || filter.progress != nil || filter.mine
        let key = OrderKey(sort: sort, filter: filter, query: query,
                           scoresVersion: dependsOnScores ? data.scoresVersion : nil)
        guard key != orderKey else { return }
        orderKey = key
        let previous = selectedPosition
        var matching: [Bool]?
        if !query.isEmpty {
            var bitmap = [Bool](repeating: false, count: data.dossiers.count)
            for hit in searchCache.hits(for: query, in: data.index.corpus) { bitmap[hit.document] = true }
            matching = bitmap
        }
        rows = data.order(by: sort).filter { (matching?[$0] ?? true) && filter.accepts($0, data) }
        selected = previous.flatMap { rows.firstIndex(of: $0) } ?? 0
    }

    /// The same list for a new campaign, jury or list of dossiers: positions (and the search's
    /// corpus) are made afresh; sort, filters, search and the selected dossier stay as they were set.
    func carried(from old: ConsoleData, to new: ConsoleData) -> ListState {
        let selected = selectedPosition.map { old.dossiers[$0].number }
        let region = filter.region.map { old.index.regions[$0] }, sector = filter.sector.map { old.index.sectors[$0] }
        var fresh = ListState()
        fresh.sort = sort
        fresh.filter = filter
        fresh.filter.region = region.flatMap { new.index.regions.firstIndex(of: $0) }
        fresh.filter.sector = sector.flatMap { new.index.sectors.firstIndex(of: $0) }
        fresh.query = query
        fresh.field = field
        fresh.queryBeforeField = queryBeforeField
        fresh.panel = panel
        fresh.picker = picker
        fresh.refresh(new)
        fresh.select(selected.flatMap(new.position).flatMap { fresh.rows.firstIndex(of: $0) } ?? self.selected)
        fresh.scroll = max(0, scroll + fresh.selected - self.selected)
        return fresh
    }

    mutating func select(_ row: Int) {
        selected = min(max(0, row), max(0, rows.count - 1))
    }

    /// Keeps the selection inside a table `height` rows tall.
    mutating func keepSelectionVisible(height: Int) {
        scroll = Motion.scroll(scroll, keeping: selected, height: height, count: rows.count)
    }
}
