import JuryCore

/// A whole application laid out for reading at one width: built when a dossier is opened or the
/// terminal is resized, then only scrolled.
struct DossierDocument: Sendable {
    let width: Int
    var lines: [TextLine] = []
    /// Lines where a section starts (Tab / Shift-Tab), with the section's name.
    private(set) var headings: [(line: Int, title: String)] = []
    /// Lines where each pièce justificative starts (t / T).
    private(set) var pieceStarts: [Int] = []

    init(_ dossier: Dossier, verdict: EligibilityVerdict, jury: JurySection, language l: Language, width: Int) {
        self.width = max(20, width)
        identity(dossier, l)
        eligibility(verdict, l)
        members(dossier.members, l)
        budget(dossier.budget, l)
        for (key, text) in dossier.narrative.sections {
            heading(l.label(key))
            if text.allSatisfy(\.isWhitespace) {
                lines.append(TextLine(l.text(.notGiven), .dim, indent: 2))
            } else {
                for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) { wrap(String(paragraph), indent: 2) }
            }
        }
        heading(l.text(.attachments) + " (\(dossier.attachments.count))")
        for attachment in dossier.attachments {
            wrap("• \(attachment.name) (\(l.size(attachment.size)))", indent: 2, hanging: 2)
        }
        if !dossier.justificatives.isEmpty { pieces(dossier.justificatives, l) }
        // Last, so that it can change while someone reads without moving what is above.
        juryScores(jury, l)
    }

    /// The section `line` belongs to.
    func section(at line: Int) -> String? { headings.last { $0.line <= line }?.title }

    // MARK: Building blocks

    mutating func heading(_ title: String, mark: Span? = nil) {
        if !lines.isEmpty { lines.append(.blank) }
        headings.append((lines.count, title))
        lines.append(TextLine(spans: [Span(title, [.bold, .underline, .accent])] + (mark.map { [Span(" "), $0] } ?? [])))
    }

    /// A paragraph wrapped by display width; continuation lines are indented by `hanging` more.
    mutating func wrap(_ text: String, indent: Int, hanging: Int = 0, style: Style = []) {
        for (i, part) in DisplayWidth.wrap(text, width: width - indent - hanging).enumerated() {
            lines.append(TextLine(part, style, indent: i == 0 ? indent : indent + hanging))
        }
    }

    private var labelWidth: Int { min(24, width / 3) }

    /// "Label        value", the value wrapped in its own column.
    private mutating func field(_ label: String, _ value: String, style: Style = []) {
        let valueLines = DisplayWidth.wrap(value, width: width - labelWidth - 2)
        for (i, text) in valueLines.enumerated() {
            let labelSpan = Span.cell(i == 0 ? label : "", labelWidth, .dim)
            lines.append(TextLine(spans: [labelSpan, Span(text, style)], indent: 2))
        }
    }

    private mutating func identity(_ d: Dossier, _ l: Language) {
        headings.append((0, d.name))
        wrap(d.name, indent: 0, style: [.bold, .accent])
        let filed = d.filedAt.map { l.text(.filedOn) + DateText.paris($0.date) } ?? l.text(.notFiled)
        wrap(l.text(.dossierNo) + "\(d.number) · \(l.label(d.state)) · \(filed)", indent: 0, style: .bold)
        lines.append(.blank)
        field(l.text(.carryingStructure), d.structure.raisonSociale)
        field("SIRET", d.structure.siret)
        field(l.text(.legalForm), d.structure.legalForm)
        if let rna = d.structure.rna { field("RNA", rna) }
        field(l.text(.municipality), "\(d.address.commune) (\(d.address.communeCode))")
        field(l.text(.department), "\(d.address.department.name) (\(d.address.department.code))")
        field(l.text(.region), "\(d.address.region.name) (\(d.address.region.code))")
        field(l.text(.territory), l.label(d.territory))
        field(l.text(.created), String(d.creationYear))
        field(l.text(.phase1Laureate), d.phase1Year.map(String.init) ?? l.text(.no))
        field(l.text(.sector), d.sector)
        field(l.text(.jobs), l.quantity(d.jobs) + l.text(.fte))
        field(l.text(.filingState), l.label(d.state))
        field(l.text(.filed), d.filedAt.map { DateText.paris($0.date) } ?? l.text(.notFiled))
    }

    private mutating func eligibility(_ verdict: EligibilityVerdict, _ l: Language) {
        let mark = verdict.isEligible ? Span(l.text(.eligible), [.bold, .good])
                                      : Span(l.text(.notELIGIBLE), [.bold, .reverse, .danger])
        heading(l.text(.eligibility), mark: mark)
        for check in verdict.checks {
            wrap((check.passed ? "✓ " : "✗ ") + check.reason.text(l), indent: 2, hanging: 2,
                 style: check.passed ? [] : [.bold, .danger])
        }
    }

    private mutating func members(_ members: [Member], _ l: Language) {
        heading(l.text(.members) + " (\(members.count))")
        let categoryWidth = min(26, (width - 2) / 3), siretWidth = 14
        let nameWidth = max(8, width - 2 - categoryWidth - siretWidth - 2)
        lines.append(TextLine(spans: [
            Span.cell(l.text(.name), nameWidth + 1, .bold),
            Span.cell(l.text(.category), categoryWidth + 1, .bold),
            Span("SIRET", .bold),
        ], indent: 2))
        for member in members {
            // The name wraps inside its column so that nothing of it is lost.
            for (i, part) in DisplayWidth.wrap(member.name, width: nameWidth).enumerated() {
                var spans = [Span.cell(part, nameWidth + 1)]
                if i == 0 {
                    spans.append(Span.cell(l.label(member.category), categoryWidth + 1))
                    spans.append(Span(member.siret ?? "—", .dim))
                }
                lines.append(TextLine(spans: spans, indent: 2))
            }
        }
    }

    /// One part per pièce: its name, what it is (pages, size), why it has no text, then its text.
    private mutating func pieces(_ pieces: [Piece], _ l: Language) {
        heading(l.text(.supportingDocuments) + " (\(pieces.count))")
        for (index, piece) in pieces.enumerated() {
            if index > 0 { lines.append(.blank) }
            pieceStarts.append(lines.count)
            let place = l.text(.document, ["index": index + 1, "piecesCount": pieces.count])
            wrap(place + piece.name + " — " + piece.summary(l), indent: 2, hanging: 2, style: [.bold, .reverse])
            if let note = piece.note { wrap(note, indent: 4, style: .dim) }
            guard let text = piece.text, !text.allSatisfy(\.isWhitespace) else {
                if piece.note == nil { lines.append(TextLine(l.text(.noText), .dim, indent: 4)) }
                continue
            }
            for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if paragraph.isEmpty { lines.append(.blank) } else { wrap(String(paragraph), indent: 4) }
            }
        }
    }

    private mutating func budget(_ budget: Budget, _ l: Language) {
        heading(l.text(.budget))
        field(l.text(.programmeBudget), Money.format(budget.total))
        let share = budget.total > 0 ? " (\(Int((Double(budget.requested) * 100 / Double(budget.total)).rounded())) %)" : ""
        field(l.text(.amountRequested), Money.format(budget.requested) + share)
        lines.append(TextLine(l.text(.coFinancing), .bold, indent: 2))
        let amountWidth = 14
        for line in budget.cofinancing {
            let source = DisplayWidth.wrap(line.source, width: width - 6 - amountWidth)
            for (i, part) in source.enumerated() {
                lines.append(TextLine(spans: [Span.cell(part, width - 6 - amountWidth),
                                              Span.cell(i == 0 ? Money.format(line.amount) : "", amountWidth, alignRight: true)],
                                      indent: 4))
            }
        }
        if budget.cofinancing.isEmpty { lines.append(TextLine(l.text(.none), .dim, indent: 4)) }
        let total = budget.cofinancing.reduce(0) { $0 + $1.amount }
        lines.append(TextLine(spans: [
            Span.cell(l.text(.totalCoFinancing), width - 6 - amountWidth, .bold),
            Span.cell(Money.format(total), amountWidth, .bold, alignRight: true),
        ], indent: 4))
    }
}
