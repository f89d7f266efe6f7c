import JuryCore

/// Where the board's parts go: title, budget and rules on top, the ranked table, two lines on the
/// selected dossier (or the motivation being typed), then the message and key bars. On a wide
/// terminal the laureates and the waitlist get a pane of their own on the right.
struct BoardLayout {
    let rows: Int
    let columns: Int
    /// Digits of the longest dossier number, which the table's number column takes.
    let numberWidth: Int
    static let tableTop = 4
    static let paneWidth = 36

    /// The pane only where the table beside it still gives the names their room.
    var paneWidth: Int {
        columns - Self.paneWidth >= BoardColumns.widthShowingNames(numberWidth: numberWidth) ? Self.paneWidth : 0
    }
    var tableWidth: Int { columns - paneWidth }
    /// Title, budget, rules, headings above; the legend, two detail lines, message and keys below.
    var tableHeight: Int { max(1, rows - Self.tableTop - 5) }
    var legendRow: Int { rows - 5 }
    var detailRow: Int { rows - 4 }
    var fieldPrompt: String { "› " }
    var fieldWidth: Int { max(1, columns - 3) }
}

extension ScreenContext {
    var boardLayout: BoardLayout { BoardLayout(rows: rows, columns: columns, numberWidth: data.index.numberWidth) }
}

/// The table's lines: one per dossier, and the funding line after the last candidate that the
/// slots would fund in ranking order (in séance, the jury's: a dossier hidden from me may be that one).
struct BoardLines {
    /// Index in `rows` after which the funding line is drawn.
    let fundingLineAfter: Int?
    let count: Int

    init(_ report: DeliberationReport) {
        let after = report.fundingRank.flatMap { line in report.rows.lastIndex { $0.rank.map { $0 <= line } ?? false } }
        fundingLineAfter = after
        count = report.rows.count + (after == nil ? 0 : 1)
    }

    func line(ofRow row: Int) -> Int { fundingLineAfter.map { row > $0 ? row + 1 : row } ?? row }

    /// What a line of the table shows: a dossier (its index in `rows`) or the funding line (nil).
    func row(atLine line: Int) -> Int? {
        guard let after = fundingLineAfter else { return line }
        return line <= after ? line : line == after + 1 ? nil : line - 1
    }
}

/// Columns of the ranked table: flags, rank, number, name, score under the method, disagreement,
/// sheets, probability of funding, decision. The name takes what is left.
struct BoardColumns {
    let widths: [Int]
    /// The characters of a name the board shows whole wherever the terminal has room: PTCE names
    /// are long, and their ends tell them apart.
    static let nameRoom = 36

    init(width: Int, numberWidth: Int) {
        var widths = Self.fixed(numberWidth: numberWidth)
        widths[3] = max(6, width - widths.reduce(0, +))
        self.widths = widths
    }

    /// The name's column is 0 here.
    private static func fixed(numberWidth: Int) -> [Int] { [4, 5, max(3, numberWidth) + 1, 0, 7, 8, 7, 7, 12] }

    /// The narrowest table that shows `nameRoom` characters of a name: the name's cell also holds
    /// the blank after the number and the one before the next cell.
    static func widthShowingNames(numberWidth: Int) -> Int { fixed(numberWidth: numberWidth).reduce(0, +) + nameRoom + 2 }

    /// Figures are aligned right; the blank column of a cell is then on its left.
    func line(_ cells: [(String, Style)], rightAligned: Set<Int> = [1, 2, 4, 5, 6, 7]) -> TextLine {
        TextLine(spans: cells.enumerated().map { i, cell in
            let right = rightAligned.contains(i)
            // After a figure aligned right, whose blank is on its left, a text needs one of its own.
            let text = !right && rightAligned.contains(i - 1) ? " " + cell.0 : cell.0
            return Span.cell(text, widths[i], cell.1, alignRight: right)
        })
    }
}

extension BoardView {
    func draw(_ p: Painter, _ c: ScreenContext) {
        if let checklist { return checklist.draw(p, c) }
        let l = c.language, layout = BoardLayout(rows: p.rows, columns: p.columns, numberWidth: c.data.index.numberWidth)
        let rules = report.analysis.rules, campaign = c.data.campaign
        p.bar(row: 0, left: l.text(.allocation2) + campaign.title,
              right: Labels.method(method, l) + " · \(c.data.myName) (\(c.data.me))", style: [.reverse, .bold])

        // The budget: laureates against the slots, money against the budget, and the slots as boxes
        // (in séance the jury's count: laureates hidden from me by a conflict included).
        let count = report.laureateCount
        let boxes = String(repeating: "■", count: min(count, rules.slots)) + String(repeating: "□", count: max(0, rules.slots - count))
        let budget = l.text(.laureates2, ["value": count, "slots": rules.slots])
            + "\(Money.format(count * rules.grant)) / \(Money.format(rules.totalBudget))"
        var status: [String] = []
        if !c.isChair { status.append(l.text(.readOnly)) }
        let seance = report.seanceFigures != nil
        if report.panel.hiddenForConflict > 0 {
            status.append(l.text(.boardHiddenForConflict, ["hidden": report.panel.hiddenForConflict])
                          + (seance ? l.text(.conflictItsRankMissing)
                                    : l.text(.conflictNotCounted)))
        }
        let over = count > rules.capacity
        p.fill(row: 1, column: 0, width: p.columns, style: [])
        let used = p.text(budget + "  ", row: 1, column: 1, width: p.columns - 2, style: over ? [.bold, .danger] : .bold)
        let boxesUsed = p.text(boxes, row: 1, column: 1 + used, width: p.columns - 2 - used, style: over ? .danger : .good)
        let right = status.joined(separator: " · ")
        let rightWidth = min(DisplayWidth.of(right), max(0, p.columns - 4 - used - boxesUsed))
        p.text(right, row: 1, column: p.columns - 1 - rightWidth, width: rightWidth, style: .dim)

        // Finalised, or the rules: broken ones first, in words.
        if let finalized = report.allocation.finalized {
            p.text(l.text(.allocationFINALISEDOnBy, ["date": DateText.paris(finalized.at.date), "by": finalized.by]),
                   row: 2, column: 1, width: p.columns - 2, style: [.bold, .good])
        } else if let first = report.violations.first {
            let more = report.violations.count > 1 ? l.text(.moreTToReadAll, ["violationsCount": report.violations.count - 1]) : ""
            p.text("✗ " + Labels.violation(first, l) + more, row: 2, column: 1, width: p.columns - 2, style: [.bold, .danger])
        } else {
            var rulesText = [l.text(.rulesMet)]
            if let maximum = rules.maxPerRegion { rulesText.append(l.text(.atMostPerRegion, ["maximum": maximum])) }
            if rules.minOverseas > 0 { rulesText.append(l.text(.overseasAtLeast, ["minOverseas": rules.minOverseas])) }
            if !report.panel.masked.isEmpty {
                rulesText.append(l.text(.boardMaskedScores, ["masked": report.panel.masked.count]))
            }
            p.text(rulesText.joined(separator: " · "), row: 2, column: 1, width: p.columns - 2, style: .good)
        }

        drawTable(p, layout, c)
        // The columns' legend in one line: the marks too when there is room, else the help names them.
        // In séance the order kept comes first: it is what surprises.
        let legend = kept != nil
            ? l.text(.sessionTheOrderStaysFixedRankChanged)
            : p.columns >= 112
            ? l.text(.ineligibleByMethodProposedDisagrStdDev)
            : l.text(.disagrStdDevFundChanceOfFunding)
        p.text(legend,
               row: layout.legendRow, column: 1, width: p.columns - 2, style: .dim)
        if layout.paneWidth > 0 { drawPane(p, layout, c) }
        drawDetail(p, layout, c)
    }

    private func drawTable(_ p: Painter, _ layout: BoardLayout, _ c: ScreenContext) {
        if case .presence(let list) = mode { return drawPresence(list, p, layout, c) }
        let l = c.language
        let columns = BoardColumns(width: layout.tableWidth, numberWidth: c.data.index.numberWidth)
        p.line(columns.line([("", []), (l.text(.rank), []), (l.text(.no4), []), ("PTCE", []),
                             (Labels.methodShort(method, l), []), (l.text(.disagr), []),
                             (l.text(.sheets), []), (l.text(.fund), []), (l.text(.decision), [])]),
               row: 3, column: 0, width: layout.tableWidth, extra: [.bold, .underline])
        if report.rows.isEmpty {
            p.text(l.text(.noDossier), row: BoardLayout.tableTop + 1, column: 2, width: layout.tableWidth - 4, style: .dim)
        }
        let lines = BoardLines(report)
        for offset in 0..<layout.tableHeight {
            let line = scroll + offset
            guard line < lines.count else { break }
            let screenRow = BoardLayout.tableTop + offset
            guard let index = lines.row(atLine: line) else {
                let label = l.text(.fundingLinePlaces, ["capacity": report.analysis.rules.capacity])
                let side = max(0, (layout.tableWidth - DisplayWidth.of(label)) / 2)
                p.text(String(repeating: "─", count: side) + label + String(repeating: "─", count: side),
                       row: screenRow, column: 0, width: layout.tableWidth, style: [.bold, .accent])
                continue
            }
            let row = report.rows[index]
            p.row(tableLine(row, columns, l), row: screenRow, column: 0, width: layout.tableWidth, selected: index == selected)
        }
    }

    private func tableLine(_ row: DeliberationReport.Row, _ columns: BoardColumns, _ l: Language) -> TextLine {
        let flags = (row.verdict.isEligible ? " " : "✗") + (row.dependsOnMethod ? "⚑" : " ") + (row.proposed ? "›" : " ")
        // In séance, beside the rank: whether it moved since the last sort.
        let moved = kept?.mark(row) ?? ""
        var marked: Int?
        if case .swapping(let out) = mode { marked = out }
        let decision: (String, Style)
        switch report.decision(row.number) {
        case .laureate?: decision = (l.text(.laureate), [.bold, .good])
        case .waitlist?: decision = (l.text(.wl) + "\(report.waitlistPosition(row.number) ?? 1)", [.bold, .warning])
        case .notSelected?: decision = (l.text(.notSel), .dim)
        case nil: decision = ("", [])
        }
        let score = row.masked ? l.text(.hidden) : Labels.total(row.scores[method], l)
        let probability = row.probability.map { Labels.percent($0, l) + (row.debatable ? "?" : "") } ?? "—"
        return columns.line([
            (flags, row.verdict.isEligible ? .warning : [.bold, .danger]),
            (moved + (row.rank.map(String.init) ?? "—"), moved.isEmpty ? [] : [.bold, .warning]),
            (String(row.number), marked == row.number ? [.underline] : []),
            (row.dossier.name, []),
            (score, row.masked ? .dim : .bold),
            (Labels.total(row.statistics?.disagreement, l), []),
            (row.statistics.map(\.sheetCount) ?? "—", []),
            (probability, row.debatable ? [.bold, .warning] : []),
            decision,
        ])
    }

    /// The laureates in their order, then the waitlist, numbered.
    private func drawPane(_ p: Painter, _ layout: BoardLayout, _ c: ScreenContext) {
        let l = c.language, left = layout.tableWidth, width = layout.paneWidth
        let bottom = layout.legendRow - 1
        for row in 3...bottom { p.text("│", row: row, column: left, width: 1, style: .dim) }
        var lines: [TextLine] = [TextLine(l.text(.laureates) + " \(report.laureateCount)/\(report.analysis.rules.slots)",
                                          [.bold, .underline])]
        lines += report.laureates.map { TextLine(spans: [Span("★ \($0.number) ", .bold), Span($0.dossier.name)]) }
        let hidden = report.laureateCount - report.laureates.count
        if hidden > 0 {
            lines.append(TextLine("★ " + l.text(.boardHiddenLaureates, ["hidden": hidden]), .dim))
        }
        let chairMay = c.isChair && report.allocation.finalized == nil
        if report.laureates.isEmpty { lines.append(TextLine(chairMay ? l.text(.noneSpaceOrP) : l.text(.none), .dim)) }
        lines.append(.blank)
        lines.append(TextLine(l.text(.waitlist) + " (\(report.waitlist.count))", [.bold, .underline]))
        lines += report.waitlist.enumerated().map { TextLine(spans: [Span("\($0 + 1). \($1.number) ", .bold), Span($1.dossier.name)]) }
        if report.waitlist.isEmpty { lines.append(TextLine(chairMay ? l.text(.emptyWToAdd) : l.text(.empty), .dim)) }
        let room = bottom - 3 + 1
        for (i, line) in lines.prefix(room).enumerated() {
            let shown = i == room - 1 && lines.count > room ? TextLine("…") : line
            p.line(shown, row: 3 + i, column: left + 2, width: width - 3)
        }
    }

    /// A text being typed in the detail lines: what it is for, then the field with its cursor.
    private func drawField(_ editor: LineEditor, question: String, _ p: Painter, _ layout: BoardLayout, _ l: Language) {
        let top = layout.detailRow
        p.text(question + l.text(.enterToConfirmEscToCancel),
               row: top, column: 0, width: p.columns, style: [.bold, .warning])
        let start = p.text(layout.fieldPrompt, row: top + 1, column: 0, width: p.columns, style: .bold)
        let shown = editor.visible(width: layout.fieldWidth)
        p.text(shown.text, row: top + 1, column: start, width: layout.fieldWidth)
        p.surface.placeCursor(row: top + 1, column: start + shown.cursor)
    }

    /// The selected dossier in two lines — its scores under every method, then why it is in or out
    /// and its motivation — or the motivation being typed, or the board's question.
    private func drawDetail(_ p: Painter, _ layout: BoardLayout, _ c: ScreenContext) {
        let l = c.language, top = layout.detailRow
        switch mode {
        case .question(let question):
            let text: String
            switch question {
            case .propose:
                text = l.text(.replaceTheLaureatesWithTheOptimalProposal, ["proposalCount": report.analysis.proposal.count])
            case .removeLaureate, .closeSeance:
                text = Self.seanceQuestion(question, c) ?? ""
            }
            // A question too long for one line (the séance's, naming those present) takes both.
            for (i, line) in DisplayWidth.wrap(text, width: p.columns).prefix(2).enumerated() {
                p.line(TextLine(line, [.bold, .warning]), row: top + i, column: 0, width: p.columns, extra: .reverse)
            }
            return
        case .reopening(let field):
            return drawField(field, question: l.text(.reopenTheFinalisedAllocationMotivationWrittenIn), p, layout, l)
        case .motivation(let field):
            let why: String
            switch field.purpose {
            case .select(let reason): why = l.text(.motivationRequired) + Labels.motivationReason(reason, l)
            case .motivate: why = l.text(.motivationOfTheDecision)
            }
            return drawField(field.editor, question: l.text(.no5, ["dossier": field.dossier]) + why, p, layout, l)
        case .place(let field):
            return drawField(field, question: l.text(.sessionsPlace), p, layout, l)
        case let .secretary(place, field):
            return drawField(field, question: l.text(.sessionAtSecretaryTheirLoginEmptyNone, ["place": place]), p, layout, l)
        case let .vote(dossiers, field):
            let numbers = dossiers.count == 1 ? l.text(.no6, ["dossiers": dossiers[0]])
                                              : l.text(.dossiers, ["dossiersCount": dossiers.count])
            return drawField(field, question: l.text(.decisionOnVoteForAgainstAbstentionsOr, ["numbers": numbers]), p, layout, l)
        case .presence(let list):
            let what: String
            switch list.purpose {
            case .opening: what = l.text(.enterOpensTheSessionWithTheMembers)
            case .update:
                let arrivals = list.arrivals, departures = list.departures
                var changes: [String] = []
                if !arrivals.isEmpty { changes.append(l.text(.arrivalOf) + arrivals.joined(separator: ", ")) }
                if !departures.isEmpty { changes.append(l.text(.departureOf) + departures.joined(separator: ", ")) }
                what = l.text(.enterRecords) + (changes.isEmpty ? l.text(.nothing) : changes.joined(separator: " ; "))
            }
            let text = l.text(.spaceTicksOrUnticksTheMemberChosen) + what
                + l.text(.escCancels)
            for (i, line) in DisplayWidth.wrap(text, width: p.columns).prefix(2).enumerated() {
                p.text(line, row: top + i, column: 0, width: p.columns, style: [.bold, .warning])
            }
            return
        case .browsing, .swapping, .checklist:
            break
        }
        guard let row = selectedRow else { return }
        p.text(l.text(.no2) + "\(row.number) — " + Self.scores(row, l), row: top, column: 1, width: p.columns - 2, style: .bold)
        var why = Labels.explanation(row.explanation, l) + (row.tie.map { " (" + Labels.tie($0, l) + ")" } ?? "")
        let motivation = report.motivation(row.number)
        if let motivation { why += l.text(.motivation2) + motivation.text + l.text(.textText2) }
        p.text(why, row: top + 1, column: 1, width: p.columns - 2, style: motivation == nil ? [] : .accent)
    }
}
