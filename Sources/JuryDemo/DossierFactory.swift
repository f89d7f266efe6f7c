import JuryCore

/// The one reason a demo dossier is not eligible, each checked by `Eligibility.evaluate`.
enum Irregularity: CaseIterable {
    /// Composition floor failed: no enterprise outside the social economy.
    case noOrdinaryEnterprise
    /// Composition floor failed: two members only.
    case twoMembers
    case notPhase1Laureate
    /// 120 000 € asked for a 100 000 € grant.
    case overAsking
    /// Filed at 14:03 on the closing day, two hours after the deadline.
    case lateFiling
}

/// Builds one dossier: its members, budget and figures first, then the narrative that tells them.
enum DossierFactory {
    private static let women = ["Julie", "Claire", "Sophie", "Camille", "Nadia", "Léa", "Amandine", "Fatou", "Marion",
                                "Élodie", "Karine", "Inès", "Aurélie", "Maëlle"]
    private static let men = ["Thomas", "Karim", "Julien", "Mathieu", "Yann", "Olivier", "Mehdi", "Romain", "Baptiste",
                              "Sébastien", "Idriss", "Loïc"]

    static func make(number: Int, region: RegionProfile, place: Place, sector: Sector, irregularity: Irregularity?,
                     paragraphs: ClosedRange<Int>, call: CallPeriod, clock: inout Timestamps,
                     rng: inout SeededGenerator) -> Dossier {
        let name = rng.pick(sector.names)(place)
        let form = LegalForm.allCases[rng.weighted(LegalForm.allCases.map(\.weight))]
        let created = rng.int(2009...2021)
        let phase1 = irregularity == .notPhase1Laureate ? nil : max(created + 1, [2021, 2022, 2023][rng.weighted([25, 35, 40])])

        var size = rng.int(5...14) + (rng.chance(0.4) ? rng.int(0...11) : 0)
        if irregularity == .noOrdinaryEnterprise { size = max(size, 9) }
        var members = Organisations.members(count: size, place: place, region: region, sector: sector, rng: &rng)
        switch irregularity {
        case .noOrdinaryEnterprise?: members.removeAll { $0.category == .entrepriseHorsESS }
        case .twoMembers?: members = [members[0], members.first { $0.category == .entrepriseHorsESS }!]
        default: break
        }

        let requested = irregularity == .overAsking ? 120_000 : rng.chance(0.65) ? 100_000 : rng.int(120...199) * 500
        let total = max(rng.int(3_600...12_000) * 50, requested + 80_000)
        let authority = members.first { $0.category == .collectivite }?.name
        let budget = Financing.budget(total: total, requested: requested, place: place, region: region,
                                      authority: authority, rng: &rng)
        let coordinatorIsWoman = rng.chance(0.65)
        let coordinator = rng.pick(coordinatorIsWoman ? women : men) + " " + Organisations.surnames(1, in: region, rng: &rng)[0]

        let story = Story(
            name: name, form: form, place: place, region: region, sector: sector,
            created: created, phase1: phase1, members: members,
            jobs: max(2.5, (Double(members.count) * rng.double(0.8...3.2) * 10).rounded() / 10),
            budget: budget, size: min(5, max(1, members.count / 5 + rng.int(0...1))),
            activities: rng.shuffled(sector.activities), pooled: rng.shuffled(sector.pooled), scaling: rng.shuffled(sector.scaling),
            coordinator: coordinator, coordinatorIsWoman: coordinatorIsWoman, coordinatorSince: rng.int(max(created + 1, 2016)...2023))

        let rna = form == .association && !place.department.hasLocalAssociationLaw
            ? Identifiers.rna(department: place.department, rng: &rng) : nil
        let structure = CarryingStructure(
            raisonSociale: form.raisonSociale(of: name),
            siret: Identifiers.siret(firstDigit: rng.pick(form.sirenFirstDigits), rng: &rng),
            legalForm: form.label(in: place.department), rna: rna)
        let narrative = NarrativeWriter.write(story, paragraphs: paragraphs, rng: &rng)
        let filedAt = irregularity == .lateFiling ? Instant("2023-07-31T14:03:00+02:00")! : clock.filing(during: call, rng: &rng)

        return Dossier(
            number: number, name: name, structure: structure,
            address: Address(commune: place.commune, communeCode: place.communeCode,
                             department: place.department.area, region: region.area),
            territory: place.territory, creationYear: created, phase1Year: phase1, sector: sector.label,
            members: members, jobs: story.jobs, budget: budget, narrative: narrative,
            attachments: attachments(form: form, place: place, phase1: phase1, rng: &rng),
            state: rng.chance(0.08) ? .enConstruction : .enInstruction, filedAt: filedAt)
    }

    /// The files a candidate uploads, with plausible sizes in bytes.
    private static func attachments(form: LegalForm, place: Place, phase1: Int?, rng: inout SeededGenerator) -> [Attachment] {
        let registration: String
        switch form {
        case .association:
            registration = place.department.hasLocalAssociationLaw ? "Extrait du registre des associations.pdf"
                : "Récépissé de déclaration en préfecture.pdf"
        case .gip: registration = "Convention constitutive du GIP.pdf"
        case .scicSAS, .scicSA, .sasCooperative: registration = "Extrait Kbis.pdf"
        }
        var files = [Attachment(name: "Statuts.pdf", size: rng.int(180_000...950_000)),
                     Attachment(name: registration, size: rng.int(90_000...400_000))]
        if let phase1, rng.chance(0.6) {
            files.append(Attachment(name: "Attestation lauréat phase 1 (\(phase1)).pdf", size: rng.int(60_000...250_000)))
        }
        for file in usualFiles where rng.chance(file.chance) {
            files.append(Attachment(name: file.name, size: rng.int(file.sizes)))
        }
        return files
    }

    /// The other files of a complete application, each with the chance that a candidate joined it.
    private static let usualFiles: [(name: String, sizes: ClosedRange<Int>, chance: Double)] = [
        ("Budget prévisionnel 2024-2025.xlsx", 28_000...95_000, 1),
        ("Liste des membres et lettres d’engagement.pdf", 600_000...4_500_000, 1),
        ("Rapport d’activité 2022.pdf", 1_200_000...8_000_000, 0.8),
        ("Comptes annuels 2022.pdf", 250_000...1_200_000, 0.7),
        ("Programme d’animation 2024-2025.pdf", 200_000...1_100_000, 0.5),
        ("Lettres de soutien des collectivités.pdf", 300_000...2_400_000, 0.5),
        ("RIB.pdf", 40_000...180_000, 1),
    ]
}
