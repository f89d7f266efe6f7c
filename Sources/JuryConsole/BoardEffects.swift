import JuryCore

/// What the board asks of the outside world about allocation.json.
public enum AllocationRequest: Equatable, Sendable {
    case load
    /// What the finalisation checklist needs beyond the board (the chair's only).
    case loadChecklist
    /// In séance: the jury's figures, which every board shows alike.
    case loadFigures
    /// Save if the file is still at `expectedRevision`; only the chair may.
    case save(AllocationState, expectedRevision: Int, by: String)
}

/// What became of a request.
public enum AllocationOutcome: Equatable, Sendable {
    case loaded(AllocationState)
    case checklistLoaded(ChecklistInputs)
    /// Nil: no séance is open.
    case figuresLoaded(JuryFigures?)
    /// The board keeps the figures it had.
    case figuresFailed(String)
    case saved(AllocationState)
    case loadFailed(String)
    /// The board then reads the file again, to show what is really decided.
    case saveFailed(String)
}

/// Who reports on which dossier and the séances held: with the board's figures, the checklist.
public struct ChecklistInputs: Equatable, Sendable {
    public var assignments: Assignments
    public var seances: Seances

    public init(assignments: Assignments, seances: Seances) {
        self.assignments = assignments
        self.seances = seances
    }
}

extension ConsoleEnvironment {
    /// Carries out a request of the board; the loop dispatches the outcome back to it.
    func perform(_ request: AllocationRequest) -> AllocationOutcome {
        switch request {
        case .load:
            do { return .loaded(try loadAllocation()) } catch { return .loadFailed(String(describing: error)) }
        case .loadChecklist:
            do { return .checklistLoaded(try loadChecklistInputs()) } catch { return .loadFailed(String(describing: error)) }
        case .loadFigures:
            do { return .figuresLoaded(try juryFigures()) } catch { return .figuresFailed(String(describing: error)) }
        case let .save(allocation, revision, login):
            do {
                return .saved(try saveAllocation(allocation, expectedRevision: revision, by: login))
            } catch {
                return .saveFailed(String(describing: error))
            }
        }
    }
}
