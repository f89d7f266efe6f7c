import Foundation

/// A change to the allocation asked for by the chair, from the board or the command line.
public enum AllocationEdit: Sendable, Equatable {
    /// Makes the dossier a laureate (off the waitlist).
    case select(Int, motivation: String?)
    /// Neither laureate nor on the waitlist: non retenu.
    case deselect(Int, motivation: String?)
    /// Adds the dossier at the end of the waitlist (off the laureates), or takes it off.
    case toggleWaitlist(Int)
    /// Moves a waitlisted dossier up (negative) or down the list.
    case moveInWaitlist(Int, by: Int)
    /// Replaces the waitlist with these dossiers, in this order.
    case setWaitlist([Int])
    /// Places the dossier and records why.
    case decide(Int, Decision, motivation: String)
    /// Records or replaces the motivation of the dossier's current decision (empty: removes it).
    case motivate(Int, String)
    /// Replaces the laureates with the optimal proposal.
    case adoptProposal
    case setMethod(RankingMethod)
    /// Lets a checklist item stand, with a reason (empty: withdraws the acknowledgement).
    case acknowledge(FinalisationChecklist.Item, reason: String)
    /// Freezes the allocation: refused while a blocking item remains, or an open one without
    /// `acknowledging`, the reason then recorded for each open item.
    case finalize(FinalisationChecklist, acknowledging: String?)
    /// Opens a finalised allocation again: the chair's alone, motivated.
    case reopen(motivation: String)
}

public enum AllocationError: Error, Sendable, Equatable {
    case notChair(login: String)
    case finalized(Finalization)
    case unknownDossier(Int)
    case motivationRequired(dossier: Int, AllocationAnalysis.MotivationReason)
    case notOnWaitlist(Int)
    /// Checklist items that must be resolved, not acknowledged.
    case checklistBlocked([FinalisationChecklist.Item])
    /// Checklist items neither resolved nor acknowledged.
    case checklistOpen([FinalisationChecklist.Item])
    case notFinalized
    /// Acknowledging an item, or reopening, without saying why.
    case reasonRequired
    /// --waitlist naming a dossier twice, or a laureate.
    case invalidWaitlist(Int)
}

extension AllocationState {
    /// Applies an edit made by `actor` under `analysis` (the deliberation of the chair's panel and
    /// the allocation's method). Only the chair changes the allocation, and never once finalised.
    public mutating func apply(_ edit: AllocationEdit, analysis: AllocationAnalysis, by actor: JuryMember,
                               at now: Instant) throws(AllocationError) {
        guard actor.role == .chair else { throw .notChair(login: actor.login) }
        func hasText(_ text: String?) -> Bool { !(text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        if case .reopen(let motivation) = edit {
            guard let finalized else { throw .notFinalized }
            guard hasText(motivation) else { throw .reasonRequired }
            reopenings = (reopenings ?? []) + [Reopening(finalized: finalized, motivation: Sanitizer.text(motivation), by: actor.login, at: now)]
            self.finalized = nil
            updatedAt = now
            updatedBy = actor.login
            return
        }
        if let finalized { throw .finalized(finalized) }
        let known = Set(analysis.deliberation.panel.dossiers.map(\.number))
        func check(_ number: Int) throws(AllocationError) {
            guard known.contains(number) else { throw .unknownDossier(number) }
        }
        func note(_ number: Int, _ decision: Decision, _ text: String?) {
            motivations.removeAll { $0.dossier == number }
            let clean = Sanitizer.text(text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if !clean.isEmpty {
                motivations.append(Motivation(dossier: number, decision: decision, text: clean, by: actor.login, at: now))
            }
        }
        func place(_ number: Int, _ decision: Decision, _ text: String?) throws(AllocationError) {
            try check(number)
            if decision == .laureate, !hasText(text), let reason = analysis.motivationNeeded(toSelect: number) {
                throw .motivationRequired(dossier: number, reason)
            }
            laureates.removeAll { $0 == number }
            if decision != .waitlist || !waitlist.contains(number) { waitlist.removeAll { $0 == number } }
            switch decision {
            case .laureate: laureates.append(number)
            case .waitlist: if !waitlist.contains(number) { waitlist.append(number) }
            case .notSelected: break
            }
            // A motivation justifies one decision: a new placement drops the old one.
            note(number, decision, text)
        }

        switch edit {
        case let .select(number, text):
            try place(number, .laureate, text)
        case let .deselect(number, text):
            try place(number, .notSelected, text)
        case .toggleWaitlist(let number):
            try place(number, waitlist.contains(number) ? .notSelected : .waitlist, nil)
        case let .moveInWaitlist(number, step):
            guard let at = waitlist.firstIndex(of: number) else { throw .notOnWaitlist(number) }
            let target = min(max(0, at + step), waitlist.count - 1)
            waitlist.remove(at: at)
            waitlist.insert(number, at: target)
        case .setWaitlist(let numbers):
            var seen = Set<Int>()
            for number in numbers {
                try check(number)
                guard seen.insert(number).inserted, !laureates.contains(number) else { throw .invalidWaitlist(number) }
            }
            waitlist = numbers
            dropStaleMotivations()
        case let .decide(number, decision, text):
            try place(number, decision, text)
        case let .motivate(number, text):
            try check(number)
            if !hasText(text), decision(number) == .laureate, let reason = analysis.motivationNeeded(toSelect: number) {
                throw .motivationRequired(dossier: number, reason)
            }
            note(number, decision(number), text)
        case .adoptProposal:
            let proposal = Set(analysis.proposal)
            laureates = analysis.proposal
            waitlist.removeAll(where: proposal.contains)
            dropStaleMotivations()
        case .setMethod(let method):
            self.method = method
        case let .acknowledge(item, reason):
            guard !item.blocking else { throw .checklistBlocked([item]) }
            acknowledgements = (acknowledgements ?? []).filter { $0.key != item.key }
            if hasText(reason) {
                acknowledgements?.append(Acknowledgement(key: item.key, dossier: item.dossier, item: item.text,
                                                         reason: Sanitizer.text(reason), by: actor.login, at: now))
            }
        case let .finalize(checklist, reason):
            guard checklist.blocking.isEmpty else { throw .checklistBlocked(checklist.blocking) }
            let open = checklist.open
            if !open.isEmpty, !hasText(reason) { throw .checklistOpen(open) }
            // The minutes list what was let stand when finalising: acknowledgements whose cause went away are dropped.
            acknowledgements = checklist.acknowledged.compactMap(\.acknowledgement) + open.map {
                Acknowledgement(key: $0.key, dossier: $0.dossier, item: $0.text, reason: Sanitizer.text(reason ?? ""), by: actor.login, at: now)
            }
            finalized = Finalization(at: now, by: actor.login)
        case .reopen:
            break   // handled above: the one edit a finalised allocation takes
        }
        updatedAt = now
        updatedBy = actor.login
    }

    /// A motivation justifies one decision: when the dossier's decision changes, it goes.
    private mutating func dropStaleMotivations() {
        let current = self
        motivations.removeAll { current.decision($0.dossier) != $0.decision }
    }
}
