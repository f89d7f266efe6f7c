import JuryCore

/// What the board asks of the outside world about allocation.json.
public enum AllocationRequest: Equatable, Sendable {
    case load
    /// Save if the file is still at `expectedRevision`; only the chair may.
    case save(AllocationState, expectedRevision: Int, by: String)
}

/// What became of a request.
public enum AllocationOutcome: Equatable, Sendable {
    case loaded(AllocationState)
    case saved(AllocationState)
    case loadFailed(String)
    /// The board then reads the file again, to show what is really decided.
    case saveFailed(String)
}

extension ConsoleEnvironment {
    /// Carries out a request of the board; the loop dispatches the outcome back to it.
    func perform(_ request: AllocationRequest) -> AllocationOutcome {
        switch request {
        case .load:
            do { return .loaded(try loadAllocation()) } catch { return .loadFailed(String(describing: error)) }
        case let .save(allocation, revision, login):
            do {
                return .saved(try saveAllocation(allocation, expectedRevision: revision, by: login))
            } catch {
                return .saveFailed(String(describing: error))
            }
        }
    }
}
