import Foundation
import JuryCore

extension Seances: ChairsDocument {
    /// None yet (revision 0): the file before the chair's first change.
    init() { self.init(schemaVersion: currentSchemaVersion) }
}

extension CampaignFiles {
    /// The jury's meetings (see docs/STORE.md).
    public static func seances(_ root: URL) -> URL { root.appending(path: "seances.json") }
    public static let maxSeancesBytes = 16 << 20
}

extension CampaignStore {
    /// The séances as on disk now, or none (revision 0) before the first. Checked like the other
    /// files: syntax with a line and column, types with a field path, dossier numbers against dossiers.json.
    public func loadSeances() throws(StoreFailure) -> Seances {
        let numbers = Set(dossiers.map(\.number))
        return try loadDecisions(Seances.self, CampaignFiles.seances(root), limit: CampaignFiles.maxSeancesBytes) {
            $0.problems(dossiers: numbers)
        }?.sanitized() ?? Seances()
    }
}

extension CampaignStore {
    /// The one way seances.json is written: `change` is applied to the version on disk, under its
    /// lock, and journaled (with the dossier concerned, if one is: a member in conflict on it never
    /// reads the entry). Only the chair changes it. Returns what was saved.
    /// `frozen`: what a finalised allocation forbids, said when it is.
    @discardableResult
    public func updateSeances(by login: String, dossier: Int? = nil, frozen: Localized? = nil,
                              _ change: (inout Seances) throws(StoreProblem) -> Void) throws(StoreFailure) -> Seances {
        try updateChairs(.seances, CampaignFiles.seances(root), limit: CampaignFiles.maxSeancesBytes, by: login, action: .seance,
                         dossier: dossier, refusal: Localized(.onlyTheJurysChairLeadsTheSeance),
                         frozen: frozen, change)
    }

    /// The chair's action on the séance (SeanceAction), from any program: the quorum and the
    /// conflicts are the campaign's and the jury's as this store knows them. A refusal of the
    /// action itself is thrown as a `SeanceRefusal` (both languages); the rest as a `StoreFailure`.
    @discardableResult
    public func act(on action: SeanceAction, by login: String) throws -> Seances {
        let jury = self.jury, quorum = campaign.quorum(of: jury), known = Set(dossiers.map(\.number))
        var refusal: SeanceRefusal?
        let dossier: Int?
        switch action {
        case .discuss(let number): dossier = number
        case .endDiscussion: dossier = try? loadSeances().inDiscussion
        case .mode(let numbers, _): dossier = numbers.count == 1 ? numbers[0] : nil
        case .open, .arrive, .leave, .close: dossier = nil
        }
        // After the finalisation nothing is deliberated any more: no séance opens, no one joins, no
        // dossier is discussed. What was under way may still end (a discussion, a presence, the séance).
        let frozen: Localized?
        switch action {
        case .open, .arrive, .discuss, .mode:
            frozen = Localized(.theSeanceCanNoLongerDeliberate)
        case .endDiscussion, .leave, .close: frozen = nil
        }
        do throws(StoreFailure) {
            return try updateSeances(by: login, dossier: dossier, frozen: frozen) { (seances: inout Seances) throws(StoreProblem) in
                do throws(SeanceRefusal) {
                    try seances.apply(action, by: login, at: Instant(Date()), jury: jury, quorum: quorum, dossiers: known)
                } catch {
                    refusal = error
                    throw StoreProblem(CampaignFiles.seances(root), error.message)
                }
            }
        } catch {
            if let refusal { throw refusal }
            throw error
        }
    }

    /// After the allocation changed from `before` to `after`: each decision that changed is
    /// recorded in the séance in progress, if one is, with who was present (docs/STORE.md).
    func recordSeanceDecisions(from before: AllocationState?, to after: AllocationState, by login: String) throws(StoreFailure) {
        let jury = self.jury, now = Instant(Date())
        // A save that changed no decision (a motivation, the method) or came outside a séance writes nothing.
        var probe = try loadSeances()
        guard probe.recordDecisions(from: before, to: after, jury: jury, at: now) else { return }
        try updateSeances(by: login) { (seances: inout Seances) throws(StoreProblem) in
            seances.recordDecisions(from: before, to: after, jury: jury, at: now)
        }
    }
}

extension CampaignStore {
    /// While a séance is open, the jury's figures as `member` is shown them (JuryFigures): computed
    /// on the whole campaign, then disclosed; nil outside a séance. `resamples`: the board's count
    /// for this campaign's size unless a command asks for its own. `cache`: the jury server's, which
    /// every console asks after each change in séance.
    public func juryFigures(for member: JuryMember, resamples: Int? = nil, cache: JuryFiguresCache? = nil) throws(StoreFailure) -> JuryFigures? {
        let seances = try loadSeances()
        guard seances.current != nil else { return nil }
        let allocation = try loadAllocation(), sheets = self.sheets, campaign = self.campaign, jury = self.jury, dossiers = self.dossiers
        let inputs = JuryFiguresCache.Inputs(campaign: campaign, jury: jury, dossiers: dossiers, sheets: sheets, allocation: allocation,
                                             rapporteurs: try loadAssignments().byDossier,
                                             resamples: resamples ?? Bootstrap.boardResamples(dossiers: dossiers.count))
        let figures = cache?.figures(inputs) ?? inputs.compute()
        return figures.disclosed(to: Disclosure(viewer: member, campaign: campaign, inDiscussion: seances.inDiscussion),
                                 sheets: sheets, allocation: allocation)
    }
}

/// The whole campaign's figures for the last inputs: after a change in séance every console asks for
/// them, and only the first request computes them (at 5 000 dossiers, the bootstrap's fraction of a
/// second each). Inputs are compared whole, so a figure is never served for another state.
public final class JuryFiguresCache: @unchecked Sendable {
    public struct Inputs: Equatable, Sendable {
        var campaign: Campaign
        var jury: Jury
        var dossiers: [Dossier]
        var sheets: [String: [Int: ScoreSheet]]
        var allocation: AllocationState
        var rapporteurs: [Int: [String]]
        var resamples: Int

        func compute() -> JuryFigures {
            JuryFigures.of(campaign: campaign, jury: jury, dossiers: dossiers, sheets: sheets, allocation: allocation,
                           rapporteurs: rapporteurs, resamples: resamples)
        }
    }

    /// Held through the computation: the consoles asking at once after a change wait for the one
    /// computation rather than each doing it again.
    private let lock = NSLock()
    private var last: (inputs: Inputs, figures: JuryFigures)?

    public init() {}

    func figures(_ inputs: Inputs) -> JuryFigures {
        lock.withLock {
            if let last, last.inputs == inputs { return last.figures }
            let figures = inputs.compute()
            // Stopped halfway (its asker gone, its time up): unfinished, never served to the others.
            if Cancellation.current?.stoppedWork != true { last = (inputs, figures) }
            return figures
        }
    }
}
