/// What the chair is asked about before finalising: each item is resolved (its cause goes away)
/// or acknowledged with a reason. Items that bind the money or a laureate's justification are
/// blocking: they can only be resolved.
public struct FinalisationChecklist: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Fewer submitted sheets than rapporteurs (or than the campaign's count when it has none).
        case missingSheets = "fiches"
        /// Between 20 and 80 % chance of funding, and not discussed in any séance.
        case undiscussed = "non-discute"
        /// A decision the rules want motivated that is not.
        case missingMotivation = "motivation"
        /// A waitlisted dossier placed above a better-ranked one, without a motivation.
        case waitlistOrder = "ordre-complementaire"
        case ruleBroken = "regle"
        /// No rapporteur was ever assigned to the dossier.
        case unassigned = "sans-rapporteur"
        /// A conflict of interest declared or recorded after the finalisation: accepted (it is a
        /// fact), for the chair to weigh, reopening if the decision must change.
        case conflictAfterFinalisation = "conflit-apres-finalisation"
    }

    public struct Item: Sendable, Equatable {
        public let kind: Kind
        public let dossier: Int?
        /// The same cause gives the same key, so that an acknowledgement holds while the cause does.
        public let key: String
        public let text: Localized
        public let blocking: Bool
        public let acknowledgement: Acknowledgement?
    }

    public let items: [Item]

    /// Neither resolved nor acknowledged.
    public var open: [Item] { items.filter { $0.acknowledgement == nil } }
    public var blocking: [Item] { items.filter(\.blocking) }
    public var acknowledged: [Item] { items.filter { $0.acknowledgement != nil } }

    /// From the chair's report (its panel carries the rapporteurs) and the séances held.
    /// `finalisedJury`: the jury as the last finalisation froze it, when the allocation was finalised.
    public init(_ report: DeliberationReport, seances: Seances, finalisedJury: Jury? = nil) {
        let allocation = report.allocation, deliberation = report.deliberation
        let discussed = seances.discussed, perDossier = report.campaign.rapporteurSettings.perDossier
        var items: [Item] = []
        func add(_ kind: Kind, _ dossier: Int?, key: String? = nil, blocking: Bool = false, _ text: Localized) {
            let key = key ?? "\(kind.rawValue):\(dossier ?? 0)"
            items.append(Item(kind: kind, dossier: dossier, key: key, text: text, blocking: blocking,
                              acknowledgement: blocking ? nil : allocation.acknowledgement(key)))
        }
        for violation in report.violations {
            let text = Localized { Labels.violation(violation, $0) }
            switch violation {
            case .tooManyLaureates: add(.ruleBroken, nil, key: "regle:places", blocking: true, text)
            case .overBudget: add(.ruleBroken, nil, key: "regle:budget", blocking: true, text)
            case .regionOverQuota(let region, _, _): add(.ruleBroken, nil, key: "regle:region:" + region, text)
            case .overseasShort: add(.ruleBroken, nil, key: "regle:outre-mer", text)
            case .missingMotivation(let dossier, _): add(.missingMotivation, dossier, blocking: true, text)
            }
        }
        for (position, number) in allocation.waitlist.enumerated() where allocation.motivation(number)?.decision != .waitlist {
            let rank = report.row(number)?.rank ?? Int.max
            let passed = allocation.waitlist[(position + 1)...].filter { (report.row($0)?.rank ?? Int.max) < rank }
            guard let first = passed.first else { continue }
            add(.waitlistOrder, number, Localized(.checklistWaitlistOrder, ["dossier": number, "first": first]))
        }
        for row in report.rows where !row.masked && deliberation.isCandidate(row.number) {
            let number = row.number, rapporteurs = deliberation.panel.rapporteurs[number]
            if rapporteurs == nil {
                add(.unassigned, number, Localized(.checklistUnassigned, ["dossier": number]))
            }
            if let statistics = row.statistics {
                let expected = rapporteurs == nil ? perDossier : statistics.expected
                if statistics.submitted < expected {
                    add(.missingSheets, number, Localized(.checklistMissingSheets,
                                                         ["dossier": number, "submitted": statistics.submitted, "expected": expected]))
                }
            }
            if row.debatable && !discussed.contains(number) {
                let probability = row.probability
                add(.undiscussed, number, Localized { l in
                    l.text(.checklistUndiscussed, ["dossier": number, "chance": probability.map { Labels.percent($0, l) } ?? ""])
                })
            }
        }
        if let finalisedJury {
            for (login, conflict) in Self.conflicts(since: finalisedJury, in: report.jury) where report.row(conflict.dossier) != nil {
                let number = conflict.dossier, name = report.jury.member(login)?.name ?? login
                add(.conflictAfterFinalisation, number, key: "\(Kind.conflictAfterFinalisation.rawValue):\(number):\(login)",
                    Localized(.checklistConflictAfterFinalisation, ["dossier": number, "name": name, "login": login, "reason": conflict.reason]))
            }
        }
        self.items = items
    }

    public func item(_ key: String) -> Item? { items.first { $0.key == key } }

    /// The conflicts of interest in `jury` that `frozen` did not hold, by member login, in the jury's order.
    public static func conflicts(since frozen: Jury, in jury: Jury) -> [(login: String, conflict: ConflictOfInterest)] {
        jury.members.flatMap { member in
            let known = Set(frozen.member(member.login)?.conflicts.map(\.dossier) ?? [])
            return member.conflicts.filter { !known.contains($0.dossier) }.map { (member.login, $0) }
        }
    }
}
