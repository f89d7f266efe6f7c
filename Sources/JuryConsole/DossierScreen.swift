import JuryCore

// A whole application, for reading.

/// The dossier screen's own state: which dossier, laid out, and where the reading is.
struct DossierView: Sendable {
    /// In `data.dossiers`.
    var position: Int
    var scroll = 0
    /// Line of the last search match found with n/N, highlighted.
    var match: Int?
    var document: DossierDocument
    /// `data.sheetsVersion` when the document was laid out, and when its history was asked for:
    /// the jury section follows every change of a sheet.
    var builtFor: Int
    var historyFor: Int?
    var history: [String: [ScoreSheet]] = [:]
    /// Where `v` came from, to go back there.
    var returnScroll: Int?
}

enum DossierAction: Sendable {
    case move(Motion), nextSection, previousSection, nextPiece, previousPiece, nextDossier, previousDossier,
         nextMatch, previousMatch, score, juryScores, conflict, back
}

extension DossierView: ScreenComponent {
    /// A dossier opened at its top, laid out at the terminal's width.
    init(opening position: Int, _ c: ScreenContext) {
        self.init(position: position, document: c.document(position), builtFor: c.data.sheetsVersion)
    }

    var isTyping: Bool { false }

    func keys(_ c: ScreenContext) -> KeyTable {
        KeyTable(title: Localized(.screenDossier), lines: bindings(c).map(\.line))
    }

    func bindings(_ c: ScreenContext) -> [KeyBinding<DossierAction>] {
        let searching = !c.query.isEmpty
        let noSearch = Localized(.refusalNoSearchInTheList)
        return Motion.bindings(.text, DossierAction.move) + [
            KeyBinding([.tab], .nextSection, .keyDossierNextSection, bar: .barSection),
            KeyBinding([.backTab], .previousSection, .keyDossierPreviousSection),
            KeyBinding([.character("t")], .nextPiece, .keyDossierNextPiece, when: !document.pieceStarts.isEmpty,
                       refusal: Localized(.refusalNoSupportingDocuments)),
            KeyBinding([.character("T")], .previousPiece, .keyDossierPreviousPiece, when: !document.pieceStarts.isEmpty,
                       refusal: Localized(.refusalNoSupportingDocuments)),
            KeyBinding([.character("]")], .nextDossier, .keyDossierNextDossier, bar: .barDossier),
            KeyBinding([.character("[")], .previousDossier, .keyDossierPreviousDossier),
            KeyBinding([.character("n")], .nextMatch, .keyDossierNextMatch, when: searching, refusal: noSearch),
            KeyBinding([.character("N")], .previousMatch, .keyDossierPreviousMatch, when: searching, refusal: noSearch),
            KeyBinding([.character("e")], .score, .keyDossierScore, bar: .barScore),
            KeyBinding([.escape, .character("q")], .back, .keyBackToTheList, bar: .barBack),
            // After « retour »: on a narrow terminal the key bar drops its last entries first.
            KeyBinding([.character("v")], .juryScores, .keyDossierJuryScores, bar: .barScores),
            KeyBinding([.character("c")], .conflict, .keyDossierConflict),
        ]
    }

    mutating func handle(_ key: Key, in c: inout ScreenContext) -> [ConsoleEffect] {
        guard let action = c.action(for: key, in: bindings(c)) else { return [] }
        let height = Layout.bodyHeight(rows: c.rows)
        let last = max(0, document.lines.count - height)
        switch action {
        case .move(let motion): scroll = motion.apply(to: scroll, page: height - 1, last: last)
        case .nextSection:
            scroll = document.headings.first { $0.line > scroll }?.line ?? scroll
        case .previousSection:
            scroll = document.headings.last { $0.line < scroll }?.line ?? 0
        case .nextPiece:
            // After the last pièce, back to the first: t pages through them.
            scroll = document.pieceStarts.first { $0 > scroll } ?? document.pieceStarts.first ?? scroll
        case .previousPiece:
            scroll = document.pieceStarts.last { $0 < scroll } ?? document.pieceStarts.last ?? scroll
        case .nextMatch: find(step: 1, &c)
        case .previousMatch: find(step: -1, &c)
        case .nextDossier:
            showNeighbour(step: 1, &c)
            return []
        case .previousDossier:
            showNeighbour(step: -1, &c)
            return []
        case .score: c.open(.sheet(SheetView(position: position)))
        case .juryScores: toggleJuryScores(c.language)
        case .conflict: return c.askConflictReason(position)
        case .back:
            c.close()
            return []
        }
        scroll = min(max(0, scroll), last)
        return []
    }

    /// ]/[: the next or previous dossier in the list's current order; the list's selection follows.
    private mutating func showNeighbour(step: Int, _ c: inout ScreenContext) {
        let language = c.language
        guard let row = c.listed.firstIndex(of: position) else {
            c.fail(language.text(.thisDossierIsNoLongerInThe))
            return
        }
        let target = row + step
        guard c.listed.indices.contains(target) else {
            c.say(step > 0 ? language.text(.lastDossierOfTheList)
                           : language.text(.firstDossierOfTheList))
            return
        }
        c.select(c.listed[target])
        self = DossierView(opening: c.listed[target], c)
    }

    /// n/N: the next line (after or before the top one) holding the search's text, shown at the top.
    private mutating func find(step: Int, _ c: inout ScreenContext) {
        var folder = SearchFolder()
        let needle = folder.fold(c.query)
        guard !needle.isEmpty else { return }
        let lines = document.lines
        let start = match ?? scroll - (step > 0 ? 1 : 0)
        let order = step > 0 ? Array(stride(from: start + 1, to: lines.count, by: 1))
                             : Array(stride(from: start - 1, through: 0, by: -1))
        guard let found = order.first(where: { ByteSearch.contains(folder.fold(lines[$0].text), needle) }) else {
            c.say(c.language.text(.noOtherOccurrence, ["query": c.query]))
            return
        }
        match = found
        scroll = found
    }

    /// `v`: to the jury's scores, and back to where the reading was.
    private mutating func toggleJuryScores(_ language: Language) {
        if let back = returnScroll {
            scroll = back
            returnScroll = nil
        } else if let section = document.headings.last(where: { $0.title == JuryScores.title(language) }) {
            returnScroll = scroll
            scroll = section.line
        }
    }

    /// A new size: laid out again, staying in the same section (line numbers change with the width).
    mutating func relayout(_ c: ScreenContext) {
        let top = document.section(at: scroll)
        document = c.document(position, history: history)
        scroll = document.headings.first { $0.title == top }?.line ?? 0
        match = nil
    }

    /// After every event: the jury section follows the sheets (mine, submitted from the sheet
    /// screen, and the others', from the disk) while the same line stays at the top; the history of
    /// the sheets it shows is asked for once per change.
    mutating func keepCurrent(_ c: ScreenContext) -> [ConsoleEffect] {
        var effects: [ConsoleEffect] = []
        if builtFor != c.data.sheetsVersion {
            let fresh = c.document(position, history: history)
            let last = max(0, fresh.lines.count - Layout.bodyHeight(rows: c.rows))
            scroll = min(fresh.line(showing: scroll, of: document), last)
            match = match.map { fresh.line(showing: $0, of: document) }
            document = fresh
            builtFor = c.data.sheetsVersion
        }
        if historyFor != c.data.sheetsVersion {
            historyFor = c.data.sheetsVersion
            effects.append(.loadHistory(dossier: c.data.dossiers[position].dossierNumber, reviewers: c.historyReaders(position)))
        }
        return effects
    }

    /// The dossier is at another position in a new list of dossiers: laid out again by `keepCurrent`.
    mutating func moved(to position: Int) {
        self.position = position
        builtFor = -1
        historyFor = nil
    }

    /// Earlier versions of the sheets shown, once read: the jury section is laid out again.
    mutating func show(_ history: [String: [ScoreSheet]], of number: DossierNumber, _ c: ScreenContext) {
        guard c.data.dossiers[position].dossierNumber == number else { return }
        self.history = history
        builtFor = -1
    }

    func draw(_ p: Painter, _ c: ScreenContext) {
        let l = c.language
        let dossier = c.data.dossiers[position]
        let height = Layout.bodyHeight(rows: p.rows)
        var place = ""
        if let row = c.listed.firstIndex(of: position) { place = "\(row + 1)/\(c.listed.count) · " }
        let lines = document.lines
        let percent = lines.count <= height ? 100 : min(100, (scroll + height) * 100 / lines.count)
        p.bar(row: 0, left: l.text(.dossierNo) + "\(dossier.number) · \(dossier.name)",
              right: place + "\(percent) %", style: [.reverse, .bold])
        for (offset, line) in lines.dropFirst(scroll).prefix(height).enumerated() {
            let index = scroll + offset
            p.row(line, row: 1 + offset, column: 1, width: p.columns - 2, selected: index == match)
        }
    }
}
