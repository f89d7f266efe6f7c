import Foundation

/// One application, as filed on Démarches Simplifiées.
public struct Dossier: Codable, Sendable, Equatable, Identifiable {
    /// The Démarches Simplifiées number: the dossier's identity everywhere.
    public var number: Int
    /// Name of the PTCE.
    public var name: String
    public var structure: CarryingStructure
    public var address: Address
    public var territory: TerritoryType
    public var creationYear: Int
    /// Year the PTCE was named laureate of phase 1 (nil: never).
    public var phase1Year: Int?
    /// Filière, e.g. « Réemploi et économie circulaire ».
    public var sector: String
    public var members: [Member]
    /// Full-time equivalent jobs carried by the pole.
    public var jobs: Double
    public var budget: Budget
    public var narrative: Narrative
    public var attachments: [Attachment]
    /// The pièces justificatives with their text, from the platform's ZIP export (`Piece`); absent
    /// from dossiers.json until one is imported.
    public var pieces: [Piece]?
    public var state: FilingState
    public var filedAt: Instant?

    public var id: Int { number }

    public init(number: Int, name: String, structure: CarryingStructure, address: Address, territory: TerritoryType,
                creationYear: Int, phase1Year: Int?, sector: String, members: [Member], jobs: Double, budget: Budget,
                narrative: Narrative, attachments: [Attachment], state: FilingState, filedAt: Instant?, pieces: [Piece]? = nil) {
        self.number = number
        self.name = name
        self.structure = structure
        self.address = address
        self.territory = territory
        self.creationYear = creationYear
        self.phase1Year = phase1Year
        self.sector = sector
        self.members = members
        self.jobs = jobs
        self.budget = budget
        self.narrative = narrative
        self.attachments = attachments
        self.pieces = pieces
        self.state = state
        self.filedAt = filedAt
    }
}

/// The legal entity that carries the pole and receives the grant.
public struct CarryingStructure: Codable, Sendable, Equatable {
    public var raisonSociale: String
    public var siret: String
    /// Forme juridique, e.g. « Association loi 1901 », « SCIC SAS ».
    public var legalForm: String
    /// RNA number, for associations.
    public var rna: String?

    public init(raisonSociale: String, siret: String, legalForm: String, rna: String? = nil) {
        self.raisonSociale = raisonSociale
        self.siret = siret
        self.legalForm = legalForm
        self.rna = rna
    }
}

/// A place named with its INSEE codes.
public struct Address: Codable, Sendable, Equatable {
    public var commune: String
    public var communeCode: String
    public var department: Area
    public var region: Area

    public init(commune: String, communeCode: String, department: Area, region: Area) {
        self.commune = commune
        self.communeCode = communeCode
        self.department = department
        self.region = region
    }
}

public struct Area: Codable, Sendable, Hashable {
    /// INSEE code ("44", "974", "84"…).
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

public enum TerritoryType: String, Codable, Sendable, CaseIterable {
    case rural, urbain, mixte
}

public struct Member: Codable, Sendable, Equatable {
    public var name: String
    public var category: MemberCategory
    public var siret: String?

    public init(name: String, category: MemberCategory, siret: String? = nil) {
        self.name = name
        self.category = category
        self.siret = siret
    }
}

/// Categories that the décret n° 2015-431 composition floor is checked against.
public enum MemberCategory: String, Codable, Sendable, CaseIterable {
    case entrepriseESS = "entreprise-ess"
    case entrepriseHorsESS = "entreprise-hors-ess"
    case collectivite = "collectivite"
    case recherche = "recherche"
    case formation = "formation"
    case association = "association"
    case autre = "autre"

    /// "Other actor" in the sense of article 9 of the law of 31 July 2014.
    public var isOtherActor: Bool {
        switch self {
        case .collectivite, .recherche, .formation, .association, .autre: return true
        case .entrepriseESS, .entrepriseHorsESS: return false
        }
    }
}

public struct Budget: Codable, Sendable, Equatable {
    /// Total budget of the two-year programme, in euros.
    public var total: Int
    /// Amount asked of the State, in euros.
    public var requested: Int
    public var cofinancing: [CofinancingLine]

    public init(total: Int, requested: Int, cofinancing: [CofinancingLine]) {
        self.total = total
        self.requested = requested
        self.cofinancing = cofinancing
    }
}

public struct CofinancingLine: Codable, Sendable, Equatable {
    public var source: String
    public var amount: Int

    public init(source: String, amount: Int) {
        self.source = source
        self.amount = amount
    }
}

/// The narrative sections of an application, in the form's order.
public struct Narrative: Codable, Sendable, Equatable {
    public var presentation: String
    public var cooperation: String
    public var economicModel: String
    public var animation: String
    public var impact: String
    public var scaling: String

    public init(presentation: String, cooperation: String, economicModel: String, animation: String,
                impact: String, scaling: String) {
        self.presentation = presentation
        self.cooperation = cooperation
        self.economicModel = economicModel
        self.animation = animation
        self.impact = impact
        self.scaling = scaling
    }

    /// The sections in reading order, with stable keys.
    public var sections: [(key: NarrativeSection, text: String)] {
        [(.presentation, presentation), (.cooperation, cooperation), (.economicModel, economicModel),
         (.animation, animation), (.impact, impact), (.scaling, scaling)]
    }
}

public enum NarrativeSection: String, Sendable, CaseIterable {
    case presentation, cooperation, economicModel, animation, impact, scaling
}

public struct Attachment: Codable, Sendable, Equatable {
    public var name: String
    /// Size in bytes.
    public var size: Int

    public init(name: String, size: Int) {
        self.name = name
        self.size = size
    }
}

/// States of a dossier on Démarches Simplifiées (API values).
public enum FilingState: String, Codable, Sendable, CaseIterable {
    case enConstruction = "en_construction"
    case enInstruction = "en_instruction"
    case accepte
    case refuse
    case sansSuite = "sans_suite"
}
