import JuryCore

/// What the console shows and changes: the campaign, the dossiers I may see, and my sheets.
/// Everything that does not change while the console runs (sort orders, search text,
/// eligibility) is computed once here, so that each key costs little even with 5 000 dossiers.
public struct ConsoleData: Sendable {
    public let campaign: Campaign
    public let jury: Jury
    /// Sanitized, in number order, without the dossiers I have a conflict of interest on.
    public let dossiers: [Dossier]
    /// My login.
    public let me: String
    public let language: Language
    /// Eligibility of each dossier, by number.
    public let verdicts: [Int: EligibilityVerdict]
    /// My sheets, by dossier number.
    public var sheets: [Int: ScoreSheet] { everyone[me] ?? [:] }
    /// Every member's sheets, mine included: what the blind-review rule (`Disclosure`) filters.
    private(set) var everyone: [String: [Int: ScoreSheet]]
    /// Every dossier, conflicted ones included: when a conflict is lifted, the dossier comes back.
    let allDossiers: [Dossier]
    /// The member I am for the blind-review rule; a login absent from the jury is a plain reviewer.
    public var viewer: JuryMember { jury.member(me) ?? JuryMember(login: me, name: me, role: .reviewer) }
    /// How many dossiers are hidden for a conflict of interest: counted, never named.
    public let hiddenForConflict: Int
    /// The séance in progress as I may know it (see `ConsoleState.seanceChanged`).
    public private(set) var seance: SeanceView?
    /// The allocation's finalisation, when it is finalised: my sheets are then read-only.
    public internal(set) var finalized: Finalization?

    let index: DossierIndex
    /// My status and weighted total per dossier (same positions as `dossiers`), kept up to date by `store`.
    private(set) var progress: [ReviewProgress]
    private(set) var totals: [Double?]
    /// Changes whenever a status or a total changes: the orders that depend on them are then recomputed.
    private(set) var scoresVersion = 0
    /// Changes whenever any sheet changes, someone else's included: the open dossier's jury section follows.
    private(set) var sheetsVersion = 0
    /// Who reports on which dossier (assignments.json, as far as I may know it).
    public private(set) var assignments: Assignments
    /// The dossiers I report on, by number.
    private(set) var mine: Set<Int>

    /// `others`: every member's sheets as the store holds them (mine are taken from `sheets`).
    public init(campaign: Campaign, jury: Jury, dossiers: [Dossier], me: String, sheets: [Int: ScoreSheet],
                others: [String: [Int: ScoreSheet]] = [:], assignments: Assignments = Assignments(), language: Language,
                seance: SeanceView? = nil, finalized: Finalization? = nil) {
        let member = jury.member(me)
        let campaign = campaign.sanitized()
        // Sanitizing, eligibility and search text are per dossier: pieces of the list on every core.
        let pieces = Results<PreparedDossiers>.pieces(
            of: dossiers.filter { member?.isConflicted(on: $0.number) != true }.sorted { $0.number < $1.number },
            size: 250) { PreparedDossiers($0, campaign: campaign) }
        let visible = pieces.flatMap(\.dossiers)
        self.campaign = campaign
        self.jury = Jury(schemaVersion: jury.schemaVersion, revision: jury.revision,
                         members: jury.members.map { $0.sanitized() })
        self.dossiers = visible
        self.allDossiers = dossiers
        self.me = me
        self.language = language
        self.hiddenForConflict = dossiers.count - visible.count
        let verdictList = pieces.flatMap(\.verdicts)
        self.verdicts = Dictionary(zip(visible.map(\.number), verdictList)) { first, _ in first }
        self.index = DossierIndex(visible, eligible: verdictList.map(\.isEligible), pieces: pieces)
        var everyone = others.mapValues { $0.mapValues { $0.sanitized() } }
        everyone[me] = sheets.mapValues { $0.sanitized() }
        self.everyone = everyone
        self.progress = visible.map { ReviewProgress(sheets[$0.number]) }
        self.totals = visible.map { sheets[$0.number]?.weightedTotal(in: campaign.criteria) }
        self.assignments = assignments
        self.mine = Self.assigned(to: me, in: assignments)
        self.seance = seance
        self.finalized = finalized
    }

    private static func assigned(to login: String, in assignments: Assignments) -> Set<Int> {
        Set(assignments.dossiers.filter { $0.rapporteurs.contains(login) }.map(\.dossier))
    }

    /// Records the rapporteurs as they now are; `scoresVersion` moves so that « mes dossiers » follows.
    mutating func replace(_ assignments: Assignments) {
        guard assignments != self.assignments else { return }
        self.assignments = assignments
        mine = Self.assigned(to: me, in: assignments)
        scoresVersion += 1
        sheetsVersion += 1
    }

    /// Whether I report on the dossier at this position.
    func isMine(_ position: Int) -> Bool { mine.contains(dossiers[position].number) }

    /// Another state of the séance: the dossier in discussion may now show the others' sheets.
    mutating func setSeance(_ new: SeanceView?) {
        seance = new
        sheetsVersion += 1
    }

    /// The name of a dossier I may see, for the séance's banner.
    func name(ofDossier number: Int) -> String? { position(of: number).map { dossiers[$0].name } }

    /// My name as the jury file spells it, or my login when I am not in it.
    public var myName: String { jury.member(me)?.name ?? me }

    func position(of number: Int) -> Int? { index.position[number] }

    func sheet(at position: Int) -> ScoreSheet? { sheets[dossiers[position].number] }

    /// Records a changed sheet and what the list shows of it.
    mutating func store(_ sheet: ScoreSheet) { replace(reviewer: me, dossier: sheet.dossier, with: sheet) }

    /// Records any member's sheet as it now is (nil: gone) and, for mine, what the list shows of it.
    mutating func replace(reviewer: String, dossier: Int, with sheet: ScoreSheet?) {
        everyone[reviewer, default: [:]][dossier] = sheet
        sheetsVersion += 1
        guard reviewer == me, let position = index.position[dossier] else { return }
        let status = ReviewProgress(sheet), total = sheet?.weightedTotal(in: campaign.criteria)
        if status != progress[position] || total != totals[position] {
            progress[position] = status
            totals[position] = total
            scoresVersion += 1
        }
    }

    /// All positions in the given order; ties go by dossier number.
    func order(by sort: ListSort) -> [Int] {
        switch sort {
        case .number: return index.byNumber
        case .name: return index.byName
        case .region: return index.byRegion
        case .status:
            return index.byNumber.sorted { progress[$0] != progress[$1] ? progress[$0] < progress[$1] : $0 < $1 }
        case .total:   // best first, unscored last
            return index.byNumber.sorted { a, b in
                switch (totals[a], totals[b]) {
                case let (x?, y?) where x != y: return x > y
                case (_?, nil): return true
                case (nil, _?): return false
                default: return a < b
                }
            }
        }
    }
}

/// What each dossier of a piece of the list gives, worked out independently of the others.
struct PreparedDossiers: Sendable {
    let dossiers: [Dossier]
    let verdicts: [EligibilityVerdict]
    let corpus: SearchCorpus
    /// Folded names, for the order by name.
    let names: [[UInt8]]

    init(_ piece: ArraySlice<Dossier>, campaign: Campaign) {
        dossiers = piece.map { $0.sanitized() }
        verdicts = dossiers.map { Eligibility.evaluate($0, in: campaign) }
        var folder = SearchFolder()
        var corpus = SearchCorpus()
        for dossier in dossiers { corpus.append(DossierIndex.searchFields(of: dossier), folder: &folder) }
        self.corpus = corpus
        names = dossiers.map { folder.fold($0.name) }
    }
}

/// What is derived once from the dossiers.
struct DossierIndex: Sendable {
    let position: [Int: Int]
    let eligible: [Bool]
    /// Filter choices: the regions and sectors present, in alphabetical order.
    let regions: [String]
    let regionOf: [Int]
    let sectors: [String]
    let sectorOf: [Int]
    let byNumber: [Int]
    let byName: [Int]
    let byRegion: [Int]
    let corpus: SearchCorpus
    /// Digits of the longest dossier number (Démarches Simplifiées numbers run to 8 or more).
    let numberWidth: Int

    /// `pieces`: `dossiers`, piece after piece.
    init(_ dossiers: [Dossier], eligible: [Bool], pieces: [PreparedDossiers]) {
        var folder = SearchFolder()
        var corpus = SearchCorpus()
        for piece in pieces { corpus.append(contentsOf: piece.corpus) }
        self.corpus = corpus
        self.eligible = eligible
        // A duplicated number (refused by the store's validation) must not crash the console: the first wins.
        position = Dictionary(dossiers.enumerated().map { ($1.number, $0) }) { first, _ in first }
        byNumber = Array(dossiers.indices)
        numberWidth = dossiers.map { String($0.number).count }.max() ?? 0

        let names = pieces.flatMap(\.names)
        let regionNames = dossiers.map(\.address.region.name)
        let sectorNames = dossiers.map(\.sector)
        func alphabetical(_ values: Set<String>) -> [String] {
            values.map { (text: $0, key: folder.fold($0)) }
                .sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.text)
        }
        regions = alphabetical(Set(regionNames))
        sectors = alphabetical(Set(sectorNames))
        let regionRank = Dictionary(uniqueKeysWithValues: regions.enumerated().map { ($1, $0) })
        let sectorRank = Dictionary(uniqueKeysWithValues: sectors.enumerated().map { ($1, $0) })
        let regionOf = regionNames.map { regionRank[$0]! }
        self.regionOf = regionOf
        sectorOf = sectorNames.map { sectorRank[$0]! }
        byName = byNumber.sorted { a, b in
            names[a] != names[b] ? names[a].lexicographicallyPrecedes(names[b]) : a < b
        }
        byRegion = byNumber.sorted { a, b in regionOf[a] != regionOf[b] ? regionOf[a] < regionOf[b] : a < b }
    }

    /// What `/` searches: number, names, place, members and the whole narrative.
    static func searchFields(of dossier: Dossier) -> [String] {
        [String(dossier.number), dossier.name, dossier.structure.raisonSociale, dossier.address.commune]
            + dossier.members.map(\.name)
            + dossier.narrative.sections.map(\.text)
            + dossier.justificatives.flatMap { [$0.name] + ($0.text.map { [$0] } ?? []) }
    }
}
