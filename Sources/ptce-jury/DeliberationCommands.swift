import ArgumentParser
import Foundation
import JuryCore
import JuryServer
import JuryExport
import JuryStore

extension RankingMethod: ExpressibleByArgument {}

extension Session {
    /// The jury member acting, as the deliberation's disclosure rule needs one. A newcomer to the
    /// demo, who joins its jury with their first sheet, reads as a plain reviewer meanwhile.
    func member() throws -> JuryMember {
        guard let member = me ?? (store.campaign.isDemo ? viewer : nil) else { throw Failure(language.text(.isNotAJuryMember2, ["login": login])) }
        return member
    }

    func allocation() throws -> AllocationState {
        do throws(StoreFailure) { return try store.loadAllocation() } catch { throw Failure(error.text(language), code: ExitCode.invalidData) }
    }

    /// While a séance is open, the jury's figures as the acting member is shown them (nil: none open).
    func juryFigures(resamples: Int) throws -> JuryFigures? {
        let member = try member()
        do throws(StoreFailure) { return try store.juryFigures(for: member, resamples: resamples) } catch {
            throw Failure(error.text(language), code: ExitCode.invalidData)
        }
    }

    func seances() throws -> Seances {
        do throws(StoreFailure) { return try store.loadSeances() } catch { throw Failure(error.text(language), code: ExitCode.invalidData) }
    }

    /// What the chair is asked before finalising `allocation`.
    /// Once finalised, a conflict declared since is an item of it (against the snapshot's jury).
    func checklist(_ allocation: AllocationState) throws -> FinalisationChecklist {
        let snapshot: DeliberationSnapshot?
        do throws(StoreFailure) { snapshot = try allocation.finalized.flatMap(store.loadSnapshot) } catch {
            throw Failure(error.text(language), code: ExitCode.invalidData)
        }
        return FinalisationChecklist(try report(method: nil, allocation: allocation), seances: try seances(), finalisedJury: snapshot?.jury)
    }

    /// What an export is made from: once finalised, the frozen deliberation, dated by its
    /// finalisation, so that the same export made again gives the same bytes; before, the files now.
    func exportSource() throws -> (tables: ReportTables, date: Instant, journalHead: String?) {
        let allocation = try allocation()
        let snapshot: DeliberationSnapshot?
        do throws(StoreFailure) { snapshot = try allocation.finalized.flatMap(store.loadSnapshot) } catch {
            throw Failure(error.text(language), code: ExitCode.invalidData)
        }
        guard let snapshot else {
            return (ReportTables(try report(method: nil, allocation: allocation), language: language, seances: try seances()),
                    Instant(Date()), store.journalHeadText(login: login))
        }
        let viewer = try snapshot.jury.member(login) ?? member()
        return (ReportTables(snapshot.report(for: viewer), language: language, seances: snapshot.seances.closed(as: try seances())),
                snapshot.finalized.at, snapshot.journalHead)
    }

    /// Everything the acting member may know of the deliberation (Disclosure applies).
    func report(method: RankingMethod?, allocation: AllocationState, resamples: Int = Bootstrap.defaultResamples) throws -> DeliberationReport {
        DeliberationReport(campaign: store.campaign, jury: store.jury, dossiers: store.dossiers, sheets: store.sheets,
                           viewer: try member(), allocation: allocation, method: method, resamples: resamples,
                           rapporteurs: try assignments().byDossier)
    }
}

struct RankingCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "ranking",
        abstract: Language.ofThisProcess.text(.helpRanking),
        discussion: Language.ofThisProcess.text(.helpRankingDiscussion))

    @OptionGroup var options: CampaignOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .long, help: .text(.helpRankingMethod)) var method: RankingMethod?
    @Option(name: .long, help: .text(.helpRankingResamples)) var resamples = Bootstrap.defaultResamples

    func validate() throws {
        guard (0...RankingRequest.maxResamples).contains(resamples) else { throw ValidationError(.rankingResamplesRange) }
    }

    func request() throws -> RankingRequest { RankingRequest(format: output.format, method: method, resamples: resamples) }

    /// What the figures mean: the method, the tie-break, the reviewers' calibration, what is hidden.
    static func preface(_ report: DeliberationReport, _ l: Language) -> String {
        var lines = [l.text(.ranking) + Labels.method(report.method, l)
                        + l.text(.tieBreak2) + Labels.tiePolicy(report.campaign.tieBreak, seed: report.allocation.drawSeed, l)]
        for calibration in report.deliberation.zscore.reviewers where !calibration.isNormalised {
            lines.append(l.text(.zScore) + calibration.reviewer + " : " + Labels.calibration(calibration, l))
        }
        let seance = report.seanceFigures
        if seance != nil {
            lines.append(l.text(.sessionInProgressTheJurysRanksProbabilities))
        }
        let noise = Labels.total(seance?.noise ?? report.bootstrap.noise, l), resamples = seance?.resamples ?? report.bootstrap.resamples
        lines.append(l.text(.probabilityOfFundingDrawsEachDossierScored, ["resamples": resamples, "noise": noise])
                     + l.text(.toDiscuss20To80FundedOr))
        lines.append(l.text(.sheetsSubmittedExpectedTheRapporteursWhenThe))
        if report.panel.hiddenForConflict > 0 {
            if seance != nil {
                lines.append(l.text(.rankingHiddenForConflictInSeance, ["hidden": report.panel.hiddenForConflict]))
            } else {
                lines.append(l.text(.rankingHiddenForConflict, ["hidden": report.panel.hiddenForConflict]))
            }
        }
        if !report.panel.masked.isEmpty {
            lines.append(l.text(.rankingMaskedScores, ["masked": report.panel.masked.count]))
        }
        return lines.joined(separator: "\n") + "\n\n"
    }

    static func table(_ report: DeliberationReport, _ l: Language) -> Table {
        let methods = RankingMethod.allCases
        var headers = [l.text(.rank), l.text(.numberHeader), "PTCE", l.text(.region), l.text(.elig)]
        headers += methods.map { Labels.methodShort($0, l) }
        headers += [l.text(.disagr), l.text(.sheets), l.text(.funded), "",
                    l.text(.decision), l.text(.explanation)]
        let rows = report.rows.map { row -> [String] in
            var cells = [row.rank.map(String.init) ?? "—", String(row.number), row.dossier.name, row.dossier.address.region.name,
                         row.verdict.isEligible ? l.text(.yes) : l.text(.no)]
            cells += methods.map { Labels.total(row.scores[$0], l) }
            cells.append(Labels.total(row.statistics?.disagreement, l))
            cells.append(row.statistics.map(\.sheetCount) ?? l.text(.hidden))
            cells.append(row.probability.map { Labels.percent($0, l) } ?? "—")
            cells.append((row.debatable ? "?" : "") + (row.dependsOnMethod ? "⚑" : ""))
            cells.append(Labels.decision(report.decision(row.number), l))
            cells.append(Labels.explanation(row.explanation, l) + (row.tie.map { " (" + Labels.tie($0, l) + ")" } ?? ""))
            return cells
        }
        // Rank, number, the scores, the disagreement, the sheets and the probability read as figures.
        let figures = [0, 1] + Array(5..<(5 + methods.count + 3))
        return Table(headers: headers, rows: rows, rightAligned: Set(figures))
    }
}

extension RankingRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        // Checked again here: a request may come from a client other than this command line.
        guard (0...Self.maxResamples).contains(resamples) else { throw ValidationError(options.language.text(.rankingResamplesRange)) }
        // On the jury server the readers are shared: one member's ranking keeps within a budget.
        if ServedCall.current != nil, resamples > Self.servedMaxResamples {
            throw Failure(options.language.text(.resamplesAtMostThroughTheJuryServer, ["servedMaxResamples": Self.servedMaxResamples]))
        }
        let session = try options.openSession()
        let l = session.language
        let allocation = try session.allocation()
        var report = try session.report(method: method, allocation: allocation, resamples: resamples)
        // In séance the ranking is the jury's, as on every board; another method asked for is the member's own.
        if method == nil || method == allocation.method, let figures = try session.juryFigures(resamples: resamples) {
            report = report.inSeance(figures)
        }
        switch format {
        case .json:
            Output.write(String(decoding: try JSONExport(report, language: l, at: Instant(Date()), seances: try session.seances()).data(), as: UTF8.self))
        case .csv:
            Output.write(try RankingCommand.table(report, l).csv())
        case .table:
            Output.write(RankingCommand.preface(report, l) + RankingCommand.table(report, l).text())
        }
    }
}

struct AllocateCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocate",
        abstract: Language.ofThisProcess.text(.helpAllocate),
        discussion: Language.ofThisProcess.text(.helpAllocateDiscussion))

    @OptionGroup var options: CampaignOptions
    @Flag(name: .long, help: .text(.helpAllocatePropose)) var propose = false
    @Option(name: .long, help: .text(.helpAllocateSelect)) var select: Int?
    @Option(name: .long, help: .text(.helpAllocateDeselect)) var deselect: Int?
    @Option(name: .long, parsing: .upToNextOption, help: .text(.helpAllocateWaitlist)) var waitlist: [Int] = []
    @Option(name: .long, parsing: .upToNextOption, help: .text(.helpAllocateDecide)) var decide: [String] = []
    @Option(name: .long, help: .text(.helpAllocateMotivation)) var motivation: String?
    @Flag(name: .long, help: .text(.helpAllocateFinalize)) var finalize = false
    @Option(name: .long, help: .text(.helpAllocateAcknowledge))
    var acknowledge: String?
    @Flag(name: .long, help: .text(.helpAllocateCheck)) var check = false
    @Flag(name: .long, help: .text(.helpAllocateReopen)) var reopen = false
    @Option(name: .long, help: .text(.helpAllocateMethod)) var method: RankingMethod?
    @Option(name: .long, help: ArgumentHelp(Language.ofThisProcess.text(.helpAllocateVote),
                                            valueName: Language.ofThisProcess.text(.helpAllocateVoteValue))) var vote: String?

    func request() throws -> AllocateRequest {
        let counts = try vote.map { text in
            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            let counts = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 3, counts.count == 3, counts.allSatisfy({ $0 >= 0 }) else {
                throw ValidationError(.allocateVoteThreeNumbers)
            }
            return counts
        }
        return AllocateRequest(propose: propose, select: select, deselect: deselect, waitlist: waitlist, decide: decide, motivation: motivation,
                               finalize: finalize, acknowledge: acknowledge, check: check, reopen: reopen, method: method, vote: counts)
    }


    /// The checklist as `--check` prints it: what remains, then what was acknowledged and why.
    static func checklist(_ checklist: FinalisationChecklist, _ l: Language) -> String {
        var out: [String] = []
        let open = checklist.open
        out.append(open.isEmpty ? l.text(.checklistNothingLeftToSettleOrAcknowledge)
                                : l.text(.checklistItemsToSettleOrAcknowledge, ["open": open.count]))
        for item in open {
            out.append("  " + (item.blocking ? l.text(.toSettle) : "[ ] ") + item.text.text(l))
        }
        for item in checklist.acknowledged {
            out.append("  [✓] " + item.text.text(l) + l.text(.acknowledged) + (item.acknowledgement?.reason ?? ""))
        }
        return out.map(Sanitizer.line).joined(separator: "\n") + "\n"
    }

    /// « lauréat », « complémentaire », « non-retenu », with or without accents, or the file's values.
    static func decision(_ text: String) -> Decision? {
        switch text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).replacingOccurrences(of: " ", with: "-") {
        case "laureat", "laureate": return .laureate
        case "complementaire", "liste-complementaire", "waitlist": return .waitlist
        case "non-retenu", "not-selected": return .notSelected
        default: return nil
        }
    }

    /// The allocation after the action: counts and money, the laureates and waitlist with why,
    /// what is still broken.
    static func summary(_ report: DeliberationReport, propose: Bool, _ l: Language) -> String {
        let rules = report.analysis.rules, count = report.allocation.laureates.count
        var out = [l.text(.laureates3, ["value": count, "slots": rules.slots, "format": Money.format(count * rules.grant), "totalBudget": Money.format(rules.totalBudget)])
                   + l.text(.ranking2) + Labels.method(report.method, l)
                   + l.text(.revision, ["revision": report.allocation.revision])]
        if let finalized = report.allocation.finalized {
            out.append(l.text(.finalisedOnBy, ["date": DateText.paris(finalized.at.date), "by": finalized.by])
                       + (finalized.snapshot.map { l.text(.snapshotOfTheDeliberationFinalisations, ["value": $0]) } ?? ""))
        }
        if report.allocation.finalized == nil, let reopening = report.allocation.reopenings?.last {
            out.append(l.text(.reopenedOnBy, ["date": DateText.paris(reopening.at.date), "by": reopening.by, "motivation": reopening.motivation]))
        }
        func describe(_ row: DeliberationReport.Row) -> String {
            "  \(row.number)  \(row.dossier.name) (\(row.dossier.address.region.name)) — " + Labels.explanation(row.explanation, l)
                + (report.motivation(row.number).map { l.text(.motivation4) + $0.text } ?? "")
        }
        out.append("")
        out.append(l.text(.laureates))
        out += report.laureates.map(describe)
        out.append("")
        out.append(l.text(.waitlist))
        out += report.waitlist.enumerated().map { "  \($0 + 1)." + describe($1).dropFirst(1) }
        if report.waitlist.isEmpty { out.append(l.text(.empty2)) }
        if propose {
            let notable = report.rows.filter { row in
                switch row.explanation {
                case .outRegionQuota, .outDisplacedByOverseas: return true
                default: return false
                }
            }
            if !notable.isEmpty {
                out.append("")
                out.append(l.text(.notSelectedDespiteTheirRank))
                out += notable.map(describe)
            }
        }
        if !report.violations.isEmpty {
            out.append("")
            out.append(l.text(.toSettleBeforeFinalising))
            out += report.violations.map { "  " + Labels.violation($0, l) }
        }
        return out.map(Sanitizer.line).joined(separator: "\n") + "\n"
    }
}

extension AllocateRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let session = try options.openSession()
        let l = session.language, actor = try session.member()
        guard actor.role == .chair else { throw Failure(Labels.allocationError(.notChair(login: actor.login), l)) }
        let loaded = try session.allocation()
        var state = loaded
        let edits = try self.edits(l)
        let now = Instant(Date())
        let deliberation = Deliberation(campaign: session.store.campaign, jury: session.store.jury, dossiers: session.store.dossiers,
                                        sheets: session.store.sheets, viewer: actor, drawSeed: state.drawSeed)
        func apply(_ edit: AllocationEdit) throws {
            do throws(AllocationError) {
                try state.apply(edit, analysis: AllocationAnalysis(deliberation, method: state.method), by: actor, at: now)
            } catch {
                throw Failure(Labels.allocationError(error, l))
            }
        }
        // Each edit under the allocation's method as it then is (--method comes first), --finalize last.
        for edit in edits { try apply(edit) }
        if finalize { try apply(.finalize(try session.checklist(state), acknowledging: acknowledge)) }
        if check {
            let checklist = try session.checklist(state)
            Output.write(AllocateCommand.checklist(checklist, l))
            if !checklist.open.isEmpty { throw ExitCode.failure }
            return
        }
        let voted = try votedMode(session, from: loaded, to: state, at: now)
        if !edits.isEmpty || finalize {
            do throws(StoreFailure) {
                state = try session.store.saveAllocation(state, expectedRevision: loaded.revision, by: actor.login)
            } catch { throw Failure(error.text(l)) }
        }
        if let voted { _ = try session.actOnSeance(voted) }
        Output.write(AllocateCommand.summary(try session.report(method: nil, allocation: state, resamples: 0), propose: propose, l))
    }

    /// The vote to record on the decisions this action changes, tried first on a copy of the séance
    /// (a vote the séance refuses leaves the allocation unsaved).
    private func votedMode(_ session: Session, from before: AllocationState, to after: AllocationState, at now: Instant) throws -> SeanceAction? {
        guard let vote else { return nil }
        let l = session.language
        guard vote.count == 3, vote.allSatisfy({ $0 >= 0 }) else {
            throw Failure(l.text(.voteThreeNumbersForAgainstAndAbstentions))
        }
        var trial = try session.seances()
        guard trial.current != nil else { throw Failure(l.text(.voteNoSessionIsOpen)) }
        let changed = Seances.changedDecisions(from: before, to: after)
        guard !changed.isEmpty else { throw Failure(l.text(.voteThisActionChangesNoDecision)) }
        let action = SeanceAction.mode(dossiers: changed, .vote(for: vote[0], against: vote[1], abstention: vote[2]))
        let store = session.store
        trial.recordDecisions(from: before, to: after, jury: store.jury, at: now)
        do throws(SeanceRefusal) {
            try trial.apply(action, by: session.login, at: now, jury: store.jury, quorum: store.campaign.quorum(of: store.jury),
                            dossiers: Set(store.dossiers.map(\.number)))
        } catch { throw Failure(error.message.text(l)) }
        return action
    }

    private func edits(_ l: Language) throws -> [AllocationEdit] {
        var edits: [AllocationEdit] = []
        if let method { edits.append(.setMethod(method)) }
        if propose { edits.append(.adoptProposal) }
        if let select { edits.append(.select(select, motivation: motivation)) }
        if let deselect { edits.append(.deselect(deselect, motivation: motivation)) }
        if !waitlist.isEmpty { edits.append(.setWaitlist(waitlist)) }
        if !decide.isEmpty {
            guard decide.count == 2, let number = Int(decide[0]), let decision = AllocateCommand.decision(decide[1]) else {
                throw Failure(l.text(.decideTakesANumberAndADecision))
            }
            guard let motivation, !motivation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw Failure(l.text(.decideNeedsAMotivation))
            }
            edits.append(.decide(number, decision, motivation: motivation))
        }
        if reopen {
            guard let motivation, !motivation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw Failure(l.text(.reopenNeedsAMotivation))
            }
            edits.append(.reopen(motivation: motivation))
        }
        // --finalize is applied after the others, against the checklist as they leave it.
        let actions = edits.filter { if case .setMethod = $0 { return false } else { return true } }.count + (finalize ? 1 : 0) + (check ? 1 : 0)
        if actions > 1 {
            throw Failure(l.text(.oneActionAtATimeProposeSelect))
        }
        if motivation != nil && select == nil && deselect == nil && decide.isEmpty && !reopen {
            throw Failure(l.text(.motivationGoesWithSelectDeselectDecideOr))
        }
        if acknowledge != nil && !finalize {
            throw Failure(l.text(.acknowledgeGoesWithFinalize))
        }
        return edits
    }
}

extension ExportFormat: ExpressibleByArgument {}
extension ExportTableName: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: Language.ofThisProcess.text(.helpExport),
        discussion: Language.ofThisProcess.text(.helpExportDiscussion))

    @OptionGroup var options: CampaignOptions
    @Option(name: .long, help: .text(.helpExportFormat)) var format: ExportFormat
    @Option(name: .long, help: .text(.helpExportOut)) var out: String
    @Option(name: .long, help: ArgumentHelp(Language.ofThisProcess.text(.helpExportTable),
                                            valueName: ExportTableName.allCases.map(\.rawValue).joined(separator: "|")))
    var table: ExportTableName = .dossiers

    func validate() throws {
        if table != .dossiers && format != .csv { throw ValidationError(.exportTableOnlyForCsv) }
    }

    var request: ExportRequest { ExportRequest(format: format, table: table) }

    func run() throws {
        try Failure.guarded { try write(try request.make(options)) }
    }

    /// Through the jury server: the export is made there, as this member may see it, and written here.
    func forward(socket: String, language: Language) -> Int32 {
        ServerCommandLine.call(socket: socket, language: language) { client in
            try options.refuseReviewerOnServer(UnixAccounts.currentLogin())
            try write(try client.call(request, language: language, timeout: 600))
            return 0
        }
    }

    /// The member's file, theirs alone: the minutes hold every score and every conflict.
    private func write(_ made: ExportRequest.Made) throws {
        let l = options.language
        do { try DurableFile.write(made.contents, to: URL(fileURLWithPath: out), mode: 0o600) } catch {
            throw Failure(l.text(.cannotWrite, ["out": out, "l": error.text(l)]))
        }
        Output.write(l.text(.exportWrittenToDossiersLaureatesN, ["rawValue": format.rawValue, "out": out, "dossiers": made.dossiers, "laureates": made.laureates]))
    }
}

extension ExportTableName {
    func of(_ tables: ReportTables) -> ExportTable {
        switch self {
        case .dossiers: return tables.all
        case .laureats: return tables.laureates
        case .complementaire: return tables.waitlist
        case .nonRetenus: return tables.notSelected
        case .seances: return tables.sessions
        case .decisions: return tables.seanceDecisions
        case .acceptes: return tables.acknowledgements
        case .moyennes: return tables.criterionMeans
        case .synthese: return tables.summary
        }
    }
}

extension ExportRequest {
    /// The export's bytes, made from what the acting member may see.
    func make(_ options: CampaignOptions) throws -> Made {
        let session = try options.openSession()
        let l = session.language
        guard format == .csv || table == .dossiers else { throw Failure(l.text(.tableGoesWithFormatCsvOnly)) }
        let (tables, date, journalHead) = try session.exportSource()
        let contents: Data
        do {
            switch format {
            case .csv: contents = try CSVExport.make(table.of(tables))
            case .ods: contents = try ODSExport.make(tables, at: date.date)
            case .json: contents = try JSONExport(tables.report, language: l, at: date, seances: tables.seances, journalHead: journalHead).data()
            case .md: contents = Data(MarkdownMinutes.make(tables, at: date, journalHead: journalHead).utf8)
            }
        } catch {
            throw Failure(l.text(.exportFailed, ["error": error]))
        }
        return Made(contents: contents, dossiers: tables.report.rows.count, laureates: tables.report.allocation.laureates.count)
    }
}
