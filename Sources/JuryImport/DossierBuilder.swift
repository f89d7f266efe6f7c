import Foundation
import JuryCore

/// The champs of one dossier, or of one row of a repeated block, found by stable id and then by
/// label; remembers which were used so that the others can be reported as not mapped.
struct ChampIndex {
    let champs: [SourceChamp]
    /// Champs from this index on are annotations: used when named, never reported as not mapped.
    private let annotationStart: Int
    private var byId: [String: Int] = [:]
    private var byLabel: [String: Int] = [:]
    private(set) var used: Set<Int> = []

    init(_ champs: [SourceChamp], annotations: [SourceChamp] = [], keys: ValueReader) {
        self.champs = champs + annotations
        annotationStart = champs.count
        for (index, champ) in self.champs.enumerated() {
            if let id = champ.id, byId[id] == nil { byId[id] = index }
            let key = keys.key(champ.label)
            if byLabel[key] == nil { byLabel[key] = index }
        }
    }

    mutating func find(_ ref: ChampRef, keys: ValueReader) -> SourceChamp? {
        var found = ref.id.flatMap { byId[$0] }
        for label in ref.labels where found == nil { found = byLabel[keys.key(label)] }
        guard let index = found else { return nil }
        used.insert(index)
        return champs[index]
    }

    /// The form's champs that nothing read.
    var unused: [SourceChamp] {
        champs.indices.filter { $0 < annotationStart && !used.contains($0) }.map { champs[$0] }
    }
}

/// Applies the mapping to the dossiers read from the files. Over an existing dossier, a field is
/// replaced only when the export has its champ and the value could be read: what an export does
/// not carry, or carries unreadably, stays as it was (and the latter is reported).
struct DossierBuilder {
    let mapping: ImportMapping
    let reader: ValueReader
    /// Where the mapping's champs were found at least once (see `missingChamps`).
    private var found: Set<String> = []
    private var unmapped: [String: ImportReport.UnmappedChamp] = [:]
    private var unmappedOrder: [String] = []

    init(mapping: ImportMapping, reader: ValueReader) {
        self.mapping = mapping
        self.reader = reader
    }

    private var l: Language { reader.language }

    mutating func build(_ source: SourceDossier, over existing: Dossier?) -> (dossier: Dossier, unreadable: [ImportReport.UnreadableValue]) {
        var d = existing ?? DossierBuilder.blank(source.number)
        var notes = Notes(number: source.number, language: l)
        var index = ChampIndex(source.champs, annotations: source.annotations, keys: reader)
        // Block columns are met before the form's other champs, but reported after them.
        var unmappedInBlocks = UnmappedList()

        applyApplicant(source.applicant, to: &d, &notes)
        if !source.state.isEmpty {
            let label = reader.text(source.state).value ?? ""
            if let state = FilingState(rawValue: label) ?? mapping.states.value(forKey: reader.key(label)) { d.state = state }
            else { notes.add("state", source.state, l.text(.unknownState)) }
        }
        set(&d.filedAt, "filedAt", source.filedAt, reader.instant, &notes)

        if let champ = first(.name, &index) { set(&d.name, "name", champ.value, reader.text, &notes, empty: "") }
        if let champ = first(.sector, &index) { set(&d.sector, "sector", champ.value, reader.text, &notes, empty: "") }
        if let champ = first(.territory, &index) { readTerritory(champ.value, into: &d, &notes) }
        if let champ = first(.creationYear, &index) { set(&d.creationYear, "creationYear", champ.value, reader.year, &notes, empty: 0) }
        readPhase1(&index, into: &d, &notes)
        if let champ = first(.jobs, &index) { set(&d.jobs, "jobs", champ.value, reader.decimal, &notes, empty: 0) }
        if let champ = first(.budgetTotal, &index) { set(&d.budget.total, "budgetTotal", champ.value, reader.amount, &notes, empty: 0) }
        if let champ = first(.budgetRequested, &index) {
            set(&d.budget.requested, "budgetRequested", champ.value, reader.amount, &notes, empty: 0)
        }
        for section in MappedField.allCases where section.narrativeSection != nil {
            let parts = all(section, &index)
            guard !parts.isEmpty else { continue }
            let texts = parts.compactMap { champ -> String? in
                switch reader.text(champ.value) {
                case .value(let text): return text
                case .empty: return nil
                case .unreadable(let reason): notes.add(section.rawValue, champ.value, reason); return nil
                }
            }
            d.narrative.set(section.narrativeSection!, texts.joined(separator: "\n\n"))
        }
        let attachments = all(.attachments, &index)
        if !attachments.isEmpty { d.attachments = attachments.flatMap { readFiles($0.value, &notes) } }
        if let block = mapping.members, let champ = find(block.block, "members", &index) {
            readMembers(champ, block, into: &d, &notes, &unmappedInBlocks)
        }
        if let block = mapping.cofinancing, let champ = find(block.block, "cofinancing", &index) {
            readCofinancing(champ, block, into: &d, &notes, &unmappedInBlocks)
        }
        for ref in mapping.ignore { _ = index.find(ref, keys: reader) }
        var unmappedHere = UnmappedList()
        for champ in index.unused { note(champ, prefix: nil, in: &unmappedHere) }
        for (key, champ) in unmappedHere.entries + unmappedInBlocks.entries {
            if unmapped[key] == nil { unmappedOrder.append(key) }
            unmapped[key, default: champ].dossiers += 1
        }
        return (d, notes.entries)
    }

    /// Champs of the export that nothing read, in the order first met, with how many dossiers have them.
    var unmappedChamps: [ImportReport.UnmappedChamp] { unmappedOrder.map { unmapped[$0]! } }

    /// What building some dossiers taught about the champs, to add to another builder's.
    struct Findings: Sendable {
        fileprivate var found: Set<String>
        fileprivate var unmapped: [(key: String, champ: ImportReport.UnmappedChamp)]
    }

    var findings: Findings { Findings(found: found, unmapped: unmappedOrder.map { ($0, unmapped[$0]!) }) }

    /// Adds what another builder found after what this one did: in order, the same as one builder for all.
    mutating func add(_ other: Findings) {
        found.formUnion(other.found)
        for (key, champ) in other.unmapped {
            if let known = unmapped[key] {
                unmapped[key]!.dossiers = known.dossiers + champ.dossiers
            } else {
                unmappedOrder.append(key)
                unmapped[key] = champ
            }
        }
    }

    /// The mapping's champs that no dossier had.
    var missingChamps: [ImportReport.MissingChamp] {
        var missing: [ImportReport.MissingChamp] = []
        for field in MappedField.allCases {
            guard let refs = mapping.champs[field] else { continue }
            if field.joinsParts {
                for (i, ref) in refs.enumerated() where !found.contains("\(field.rawValue)[\(i)]") {
                    missing.append(.init(field: field.rawValue, champ: ref.display(l)))
                }
            } else if !found.contains(field.rawValue) {
                missing.append(.init(field: field.rawValue, champ: refs.map { $0.display(l) }.joined(separator: l.text(.or))))
            }
        }
        let blocks: [(String, ChampRef?, [(String, ChampRef?)])] = [
            ("members", mapping.members?.block, [("name", mapping.members?.name), ("category", mapping.members?.category),
                                                 ("siret", mapping.members?.siret)]),
            ("cofinancing", mapping.cofinancing?.block, [("source", mapping.cofinancing?.source), ("amount", mapping.cofinancing?.amount)]),
        ]
        for (name, block, columns) in blocks {
            guard let block else { continue }
            guard found.contains(name) else { missing.append(.init(field: name, champ: block.display(l))); continue }
            // Columns can only be looked for in a block that has rows somewhere.
            guard found.contains("\(name).rows") else { continue }
            for (column, ref) in columns {
                if let ref, !found.contains("\(name).\(column)") { missing.append(.init(field: "\(name).\(column)", champ: ref.display(l))) }
            }
        }
        return missing
    }

    // MARK: - Lookups

    private mutating func find(_ ref: ChampRef, _ slot: String, _ index: inout ChampIndex) -> SourceChamp? {
        guard let champ = index.find(ref, keys: reader) else { return nil }
        found.insert(slot)
        return champ
    }

    /// The first of the field's references that the dossier has.
    private mutating func first(_ field: MappedField, _ index: inout ChampIndex) -> SourceChamp? {
        for ref in mapping.champs[field] ?? [] {
            if let champ = find(ref, field.rawValue, &index) { return champ }
        }
        return nil
    }

    /// Every one of the field's references that the dossier has.
    private mutating func all(_ field: MappedField, _ index: inout ChampIndex) -> [SourceChamp] {
        (mapping.champs[field] ?? []).enumerated().compactMap { i, ref in find(ref, "\(field.rawValue)[\(i)]", &index) }
    }

    private func note(_ champ: SourceChamp, prefix: String?, in list: inout UnmappedList) {
        let label = prefix.map { "\($0) › \(champ.label)" } ?? champ.label
        let key = (prefix.map { reader.key($0) + "\u{0}" } ?? "") + (champ.id ?? reader.key(champ.label))
        list.add(key, ImportReport.UnmappedChamp(label: label, id: champ.id, dossiers: 0))
    }

    // MARK: - Fields

    /// The value read, or `empty` for a blank champ; an unreadable value leaves the field as it was.
    private func set<T>(_ field: inout T, _ key: String, _ value: SourceValue, _ read: (SourceValue) -> Reading<T>,
                        _ notes: inout Notes, empty: T) {
        switch read(value) {
        case .value(let read): field = read
        case .empty: field = empty
        case .unreadable(let reason): notes.add(key, value, reason)
        }
    }

    private func set<T>(_ field: inout T?, _ key: String, _ value: SourceValue, _ read: (SourceValue) -> Reading<T>,
                        _ notes: inout Notes) {
        switch read(value) {
        case .value(let read): field = read
        case .empty: field = nil
        case .unreadable(let reason): notes.add(key, value, reason)
        }
    }

    private func applyApplicant(_ applicant: Applicant, to d: inout Dossier, _ notes: inout Notes) {
        if let person = applicant.person {
            notes.add("structure", .text(person), l.text(.filedByANaturalPersonNoCarrying))
            return
        }
        if let siret = applicant.siret { d.structure.siret = siret }
        if let name = nonEmpty(applicant.raisonSociale) ?? applicant.associationTitle ?? applicant.raisonSociale {
            d.structure.raisonSociale = name
        }
        if let rna = applicant.rna { d.structure.rna = rna.isEmpty ? nil : rna }
        if let form = nonEmpty(applicant.legalForm) ?? (d.structure.rna != nil ? "Association" : applicant.legalForm) {
            d.structure.legalForm = form
        }
        if let commune = applicant.commune { d.address.commune = commune }
        if let code = applicant.communeCode { d.address.communeCode = code }

        let departmentCode = nonEmpty(applicant.departmentCode) ?? applicant.communeCode.flatMap(Departments.code(ofCommune:))
        if let code = departmentCode {
            d.address.department = Area(code: code, name: Departments.byCode[code]?.name ?? applicant.department ?? "")
        } else if let name = nonEmpty(applicant.department) {
            let known = Departments.byCode.first { reader.key($0.value.name) == reader.key(name) }
            d.address.department = Area(code: known?.key ?? "", name: known?.value.name ?? name)
        }

        let regionCode = nonEmpty(applicant.regionCode) ?? Departments.byCode[d.address.department.code]?.region
        if let region = regionCode.flatMap(Regions.named(code:))
            ?? nonEmpty(applicant.region).flatMap({ name in Regions.all.first { reader.key($0.name) == reader.key(name) } }) {
            d.address.region = region
        } else if regionCode != nil || nonEmpty(applicant.region) != nil {
            let given = Area(code: regionCode ?? "", name: applicant.region ?? "")
            notes.add("region", .text([given.code, given.name].filter { !$0.isEmpty }.joined(separator: " ")),
                      l.text(.unknownRegionNeitherTheINSEECodeNor))
        }
    }

    private func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.allSatisfy(\.isWhitespace) else { return nil }
        return text
    }

    private func readTerritory(_ value: SourceValue, into d: inout Dossier, _ notes: inout Notes) {
        switch reader.text(value) {
        case .value(let label):
            if let territory = mapping.territories.value(forKey: reader.key(label)) ?? TerritoryType(rawValue: reader.key(label)) {
                d.territory = territory
            } else {
                notes.add("territory", value, l.text(.unknownTerritoryTypeAddItToTerritories))
            }
        case .empty: break
        case .unreadable(let reason): notes.add("territory", value, reason)
        }
    }

    /// The year, unless the applicant says they were not a phase-1 laureate.
    private mutating func readPhase1(_ index: inout ChampIndex, into d: inout Dossier, _ notes: inout Notes) {
        var laureate: Bool?
        if let champ = first(.phase1Laureate, &index) {
            switch reader.yesNo(champ.value) {
            case .value(let answer): laureate = answer
            case .empty: break
            case .unreadable(let reason): notes.add("phase1Laureate", champ.value, reason)
            }
        }
        let yearChamp = first(.phase1Year, &index)
        if laureate == false {
            d.phase1Year = nil
        } else if let yearChamp {
            switch reader.year(yearChamp.value) {
            case .value(let year): d.phase1Year = year
            case .empty where laureate == true:
                notes.add("phase1Year", yearChamp.value, l.text(.phase1LaureateWithoutAYear))
            case .empty: d.phase1Year = nil
            case .unreadable(let reason): notes.add("phase1Year", yearChamp.value, reason)
            }
        }
    }

    private func readFiles(_ value: SourceValue, _ notes: inout Notes) -> [Attachment] {
        switch value {
        case .files(let files): return files
        // Spreadsheets list the file names only, as « a.pdf, b.pdf ».
        case .text(let names):
            return names.components(separatedBy: ", ").map(\.trimmed)
                .filter { !$0.isEmpty }.map { Attachment(name: $0, size: 0) }
        case .empty: return []
        default:
            notes.add("attachments", value, l.text(.notAnAttachment))
            return []
        }
    }

    /// The rows of a repeated block, each with its own index; nil (and a note) when the champ is not a block.
    private mutating func blockRows(_ champ: SourceChamp, _ key: String, _ notes: inout Notes) -> [ChampIndex]? {
        switch champ.value {
        case .rows(let rows):
            if !rows.isEmpty { found.insert("\(key).rows") }
            return rows.map { ChampIndex($0, keys: reader) }
        case .empty:
            return []
        default:
            notes.add(key, champ.value, l.text(.thisChampIsNotARepeatedBlock))
            return nil
        }
    }

    private mutating func readMembers(_ champ: SourceChamp, _ block: MembersBlock, into d: inout Dossier, _ notes: inout Notes,
                                      _ unmappedInBlocks: inout UnmappedList) {
        guard let rows = blockRows(champ, "members", &notes) else { return }
        var members: [Member] = []
        for var row in rows {
            let name = find(block.name, "members.name", &row).flatMap { reader.text($0.value).value } ?? ""
            let categoryChamp = find(block.category, "members.category", &row)
            let siret = block.siret.flatMap { find($0, "members.siret", &row) }.flatMap { reader.text($0.value).value }
            for unused in row.unused { note(unused, prefix: champ.label, in: &unmappedInBlocks) }
            let categoryLabel = categoryChamp.flatMap { reader.text($0.value).value } ?? ""
            if name.isEmpty && categoryLabel.isEmpty && siret == nil { continue }
            let position = members.count + 1
            var category = MemberCategory.autre
            if let known = block.categories.value(forKey: reader.key(categoryLabel)) ?? MemberCategory(rawValue: categoryLabel) {
                category = known
            } else {
                notes.add("members", categoryChamp?.value ?? .empty, l.text(.memberUnknownCategoryCountedAsOtherAdd, ["position": position, "name": name]))
            }
            members.append(Member(name: name, category: category, siret: siret))
        }
        d.members = members
    }

    private mutating func readCofinancing(_ champ: SourceChamp, _ block: CofinancingBlock, into d: inout Dossier,
                                          _ notes: inout Notes, _ unmappedInBlocks: inout UnmappedList) {
        guard let rows = blockRows(champ, "cofinancing", &notes) else { return }
        var lines: [CofinancingLine] = []
        for var row in rows {
            let source = find(block.source, "cofinancing.source", &row).flatMap { reader.text($0.value).value } ?? ""
            let amountValue = find(block.amount, "cofinancing.amount", &row)?.value ?? .empty
            for unused in row.unused { note(unused, prefix: champ.label, in: &unmappedInBlocks) }
            var amount = 0
            switch reader.amount(amountValue) {
            case .value(let read): amount = read
            case .empty: if source.isEmpty { continue }
            case .unreadable(let reason):
                notes.add("cofinancing", amountValue, l.text(.lineCountedAs0, ["linesCount": lines.count + 1, "source": source, "reason": reason]))
            }
            lines.append(CofinancingLine(source: source, amount: amount))
        }
        d.budget.cofinancing = lines
    }

    /// What a dossier is before an export fills it.
    static func blank(_ number: Int) -> Dossier {
        Dossier(number: number, name: "", structure: CarryingStructure(raisonSociale: "", siret: "", legalForm: ""),
                address: Address(commune: "", communeCode: "", department: Area(code: "", name: ""), region: Area(code: "", name: "")),
                territory: .mixte, creationYear: 0, phase1Year: nil, sector: "", members: [], jobs: 0,
                budget: Budget(total: 0, requested: 0, cofinancing: []),
                narrative: Narrative(presentation: "", cooperation: "", economicModel: "", animation: "", impact: "", scaling: ""),
                attachments: [], state: .enConstruction, filedAt: nil)
    }
}

/// The champs of one dossier that nothing read, each once, in the order met.
private struct UnmappedList {
    private(set) var entries: [(key: String, champ: ImportReport.UnmappedChamp)] = []
    private var keys: Set<String> = []

    mutating func add(_ key: String, _ champ: ImportReport.UnmappedChamp) {
        if keys.insert(key).inserted { entries.append((key, champ)) }
    }
}

/// The values of one dossier that could not be read.
private struct Notes {
    let number: Int
    let language: Language
    var entries: [ImportReport.UnreadableValue] = []

    mutating func add(_ key: String, _ value: SourceValue, _ reason: String) {
        entries.append(.init(number: number, field: FieldNames.of(key, language), value: value.quoted(language), reason: reason))
    }
}

private extension Reading {
    var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }
}

private extension Narrative {
    mutating func set(_ section: NarrativeSection, _ text: String) {
        switch section {
        case .presentation: presentation = text
        case .cooperation: cooperation = text
        case .economicModel: economicModel = text
        case .animation: animation = text
        case .impact: impact = text
        case .scaling: scaling = text
        }
    }
}
