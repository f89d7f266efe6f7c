import JuryCore

/// What an import did, or would do with `--dry-run`: for the person who runs it, to check that
/// every champ landed where it should before the jury reads the dossiers.
public struct ImportReport: Codable, Sendable {
    public var files: [String] = []
    /// The mapping's title.
    public var mapping: String?
    public var dryRun = false
    /// dossiers.json was rewritten (false on a dry run or when nothing changed).
    public var written = false
    /// Dossiers found in the files.
    public var read = 0
    public var created: [Int] = []
    public var updated: [Update] = []
    public var unchanged: [Int] = []
    /// Pièces justificatives found in ZIP exports of dossiers.
    public var pieces = 0
    public var skipped: [Skip] = []
    /// In the campaign but in none of the files: kept, with their score sheets.
    public var vanished: [Int] = []
    public var unmappedChamps: [UnmappedChamp] = []
    /// Champs of a type this build does not know and the mapping does not read: « champ de type inconnu, non repris ».
    public var unknownTypeChamps: [UnknownTypeChamp] = []
    /// Champs the mapping names that no dossier has: most likely renamed on the platform.
    public var missingChamps: [MissingChamp] = []
    public var unreadable: [UnreadableValue] = []
    /// Remarks on the files themselves (a page that seems missing, rows for unknown dossiers…).
    public var notes: [String] = []

    public struct Update: Codable, Sendable, Equatable {
        public var number: Int
        /// What changed, in the interface's language.
        public var fields: [String]
    }

    public struct Skip: Codable, Sendable, Equatable {
        public var number: Int?
        /// Where it was read: file and position.
        public var origin: String
        public var reason: String
    }

    public struct UnmappedChamp: Codable, Sendable, Equatable {
        public var label: String
        public var id: String?
        /// How many dossiers have it.
        public var dossiers: Int
    }

    public struct UnknownTypeChamp: Codable, Sendable, Equatable {
        public var label: String
        public var id: String?
        /// The platform's `__typename`.
        public var type: String
        /// How many dossiers have it.
        public var dossiers: Int
    }

    public struct MissingChamp: Codable, Sendable, Equatable {
        /// The mapping's key (`budgetRequested`, `members.category`…).
        public var field: String
        public var champ: String
    }

    public struct UnreadableValue: Codable, Sendable, Equatable {
        public var number: Int
        /// The dossier's field, in the interface's language.
        public var field: String
        public var value: String
        public var reason: String
    }
}

extension ImportReport {
    /// Labels, values, sheet names and file names come from the files: made safe to print once,
    /// for the table and the JSON alike.
    func sanitized() -> ImportReport {
        let line = Sanitizer.line
        var r = self
        r.files = files.map(line)
        r.mapping = mapping.map(line)
        r.updated = updated.map { Update(number: $0.number, fields: $0.fields.map(line)) }
        r.skipped = skipped.map { Skip(number: $0.number, origin: line($0.origin), reason: line($0.reason)) }
        r.unmappedChamps = unmappedChamps.map { UnmappedChamp(label: line($0.label), id: $0.id.map(line), dossiers: $0.dossiers) }
        r.unknownTypeChamps = unknownTypeChamps.map {
            UnknownTypeChamp(label: line($0.label), id: $0.id.map(line), type: line($0.type), dossiers: $0.dossiers)
        }
        r.missingChamps = missingChamps.map { MissingChamp(field: line($0.field), champ: line($0.champ)) }
        r.unreadable = unreadable.map { UnreadableValue(number: $0.number, field: line($0.field), value: line($0.value), reason: line($0.reason)) }
        r.notes = notes.map(line)
        return r
    }
}

/// Names of the dossier's fields in reports.
enum FieldNames {
    static func of(_ key: String, _ l: Language) -> String {
        switch key {
        case "name": return l.text(.ptceName)
        case "structure": return l.text(.importFieldCarryingStructure)
        case "address": return l.text(.address)
        case "region": return l.text(.region2)
        case "territory": return l.text(.territoryType)
        case "creationYear": return l.text(.yearCreated)
        case "phase1Laureate": return l.text(.importFieldPhase1Laureate)
        case "phase1Year": return l.text(.phase1LaureateYear)
        case "sector": return l.text(.importFieldSector)
        case "members": return l.text(.importFieldMembers)
        case "jobs": return l.text(.jobsFTE)
        case "budget": return l.text(.importFieldBudget)
        case "budgetTotal": return l.text(.totalBudget)
        case "budgetRequested": return l.text(.importFieldAmountRequested)
        case "cofinancing": return l.text(.importFieldCoFinancing)
        case "narrative": return l.text(.narrative)
        case "attachments": return l.text(.importFieldAttachments)
        case "pieces": return l.text(.supportingDocumentsLowercase)
        case "state": return l.text(.state)
        case "filedAt": return l.text(.filingDate)
        default:
            if let section = NarrativeSection(rawValue: key) { return Labels.section(section, l) }
            return key
        }
    }
}
