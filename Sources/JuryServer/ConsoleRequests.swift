import Foundation
import JuryCore

// The console's requests (docs/SERVER.md, « Requests »). The console's session and the change's
// number travel in the request's line, beside its body.

/// The first dossiers of the member's view, for a large campaign's first frame.
public struct PreviewRequest: JuryRequest {
    public typealias Response = MemberView
    public static let name = "preview", sender = Sender.member, cost = CostClass.read
    public init() {}
}

/// The member's whole view; the connection then receives the changes as pushes.
public struct AttachRequest: JuryRequest {
    public typealias Response = MemberView
    public static let name = "attach", sender = Sender.member, cost = CostClass.read
    public init() {}
}

/// A sheet of the member's. Its times and author are the server's: what the member sends of them is
/// replaced (docs/SERVER.md, « What the server stamps »).
public struct SaveSheetRequest: JuryRequest {
    public typealias Response = ScoreSheet
    public static let name = "saveSheet", sender = Sender.member, cost = CostClass.write
    public var sheet: ScoreSheet
    public init(sheet: ScoreSheet) { self.sheet = sheet }
}

/// Earlier versions of sheets on a dossier, as the member may read them.
public struct HistoryRequest: JuryRequest {
    public typealias Response = [String: [ScoreSheet]]
    public static let name = "history", sender = Sender.member, cost = CostClass.read
    public var dossier: Int
    public var reviewers: [String]
    public init(dossier: Int, reviewers: [String]) {
        self.dossier = dossier
        self.reviewers = reviewers
    }
}

/// The member's own conflict of interest on a dossier.
public struct DeclareConflictRequest: JuryRequest {
    public typealias Response = Done
    public static let name = "declareConflict", sender = Sender.member, cost = CostClass.write
    public var dossier: Int
    public var reason: String
    public init(dossier: Int, reason: String) {
        self.dossier = dossier
        self.reason = reason
    }
}

/// The allocation, as the member may know it.
public struct LoadAllocationRequest: JuryRequest {
    public typealias Response = AllocationState
    public static let name = "loadAllocation", sender = Sender.member, cost = CostClass.read
    public init() {}
}

/// The chair's allocation as their board left it: merged into the whole by the server (a chair in
/// conflict never removes what they cannot see), stamped by it.
public struct SaveAllocationRequest: JuryRequest {
    public typealias Response = AllocationState
    public static let name = "saveAllocation", sender = Sender.chair, cost = CostClass.write
    public var allocation: AllocationState
    public var expectedRevision: Int
    public init(allocation: AllocationState, expectedRevision: Int) {
        self.allocation = allocation
        self.expectedRevision = expectedRevision
    }
}

/// The chair makes `reviewers` exactly the rapporteurs of `dossier`.
public struct SaveRapporteursRequest: JuryRequest {
    public typealias Response = Done
    public static let name = "saveRapporteurs", sender = Sender.chair, cost = CostClass.write
    public var dossier: Int
    public var reviewers: [String]
    public init(dossier: Int, reviewers: [String]) {
        self.dossier = dossier
        self.reviewers = reviewers
    }
}

/// Where the rapporteurs stand, as the member may know it.
public struct ProgressRequest: JuryRequest {
    public typealias Response = [RapporteurProgress]
    public static let name = "progress", sender = Sender.member, cost = CostClass.read
    public init() {}
}

/// The rapporteurs and the séances, for the chair's finalisation checklist.
public struct ChecklistRequest: JuryRequest {
    public struct Inputs: Codable, Sendable {
        public var assignments: Assignments
        public var seances: Seances
    }

    public typealias Response = Inputs
    public static let name = "loadChecklist", sender = Sender.chair, cost = CostClass.read
    public init() {}
}

/// The chair's act on the séance; the answer is the séance as it now is (absent: none open).
public struct SeanceActRequest: JuryRequest {
    public struct Answer: Codable, Sendable {
        public var seance: SeanceView?
    }

    public typealias Response = Answer
    public static let name = "seance", sender = Sender.chair, cost = CostClass.write
    public var action: SeanceAction
    public init(action: SeanceAction) { self.action = action }
}

/// The jury members whose consoles are attached now, proposed as present when a séance opens.
public struct ConnectedRequest: JuryRequest {
    public typealias Response = [String]
    public static let name = "connected", sender = Sender.chair, cost = CostClass.session
    public init() {}
}

/// While a séance is open, the jury's figures for the member's board: computed on the whole
/// campaign, disclosed to the member (JuryFigures); absent outside a séance.
public struct JuryFiguresRequest: JuryRequest {
    public struct Answer: Codable, Sendable {
        public var figures: JuryFigures?
    }

    public typealias Response = Answer
    public static let name = "juryFigures", sender = Sender.member, cost = CostClass.costly
    public init() {}
}
