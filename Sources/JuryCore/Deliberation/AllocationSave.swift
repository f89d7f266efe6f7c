/// What the store makes of an allocation the chair sends (docs/STORE.md, « The allocation »): the
/// part the chair may not know of kept as stored, and every author and time the server's own.
extension AllocationState {
    /// `edit`, made from `disclosed(to:)`, merged into this (stored) allocation: every dossier the
    /// actor may not know of keeps its decision, its place among the laureates or on the waitlist,
    /// its motivation and acknowledgements as stored; the rest is the edit's. A view that hid a
    /// laureate must not drop it when saved back whole.
    public func merging(_ edit: AllocationState, hiddenFrom disclosure: Disclosure) -> AllocationState {
        let hidden = { (dossier: Int) in !disclosure.mayLearnAnything(about: dossier) }
        var merged = edit
        merged.laureates = Self.merge(edit.laureates, keeping: laureates, hidden: hidden)
        merged.waitlist = Self.merge(edit.waitlist, keeping: waitlist, hidden: hidden)
        merged.motivations = edit.motivations.filter { !hidden($0.dossier) } + motivations.filter { hidden($0.dossier) }
        let acknowledged = (edit.acknowledgements ?? []).filter { !($0.dossier.map(hidden) ?? false) }
            + (acknowledgements ?? []).filter { $0.dossier.map(hidden) ?? false }
        merged.acknowledgements = edit.acknowledgements == nil && acknowledged.isEmpty ? nil : acknowledged
        return merged
    }

    /// The visible entries of `edited` in its order, each hidden entry of `stored` put back just after
    /// the entries that preceded it there and are still listed (first when none is): it keeps its
    /// place relative to the others. A hidden number in `edited` is not the actor's to place.
    static func merge(_ edited: [Int], keeping stored: [Int], hidden: (Int) -> Bool) -> [Int] {
        var merged = edited.filter { !hidden($0) }
        for (index, number) in stored.enumerated() where hidden(number) {
            let anchor = stored[..<index].last { merged.contains($0) }
            merged.insert(number, at: anchor.flatMap { merged.firstIndex(of: $0) }.map { $0 + 1 } ?? 0)
        }
        return merged
    }

    /// This allocation as the store writes it over `stored` (nil: no file yet): who decided and
    /// when are the server's. A motivation or acknowledgement already stored with the same words
    /// keeps its author and time; a new one is `login`'s, `now`. Reopenings are history: the stored
    /// ones stay as they are, and one is added only to a finalised allocation (the store checks it
    /// undoes that finalisation). A new finalisation is `login`'s, `now`.
    public func stamped(by login: String, over stored: AllocationState?, at now: Instant) -> AllocationState {
        var copy = self
        copy.motivations = motivations.map { motivation in
            stored?.motivations.first { $0.dossier == motivation.dossier && $0.decision == motivation.decision && $0.text == motivation.text }
                ?? Motivation(dossier: motivation.dossier, decision: motivation.decision, text: motivation.text, by: login, at: now)
        }
        copy.acknowledgements = acknowledgements?.map { acknowledgement in
            stored?.acknowledgements?.first {
                $0.key == acknowledgement.key && $0.dossier == acknowledgement.dossier && $0.item == acknowledgement.item
                    && $0.reason == acknowledgement.reason
            } ?? Acknowledgement(key: acknowledgement.key, dossier: acknowledgement.dossier, item: acknowledgement.item,
                                 reason: acknowledgement.reason, by: login, at: now)
        }
        let kept = stored?.reopenings ?? []
        let added = stored?.finalized == nil ? [] : (reopenings ?? []).dropFirst(kept.count).map {
            Reopening(finalized: $0.finalized, motivation: $0.motivation, by: login, at: now)
        }
        copy.reopenings = kept.isEmpty && added.isEmpty ? nil : kept + added
        if finalized != nil && finalized != stored?.finalized { copy.finalized = Finalization(at: now, by: login) }
        copy.updatedAt = now
        copy.updatedBy = login
        return copy
    }
}
