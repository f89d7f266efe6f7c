import Foundation
import JuryCore
import ZIPFoundation

/// Dossiers written as Démarches Simplifiées exports them, under the labels of the PTCE mapping:
/// pages of the GraphQL API (with the form's section titles and explanations among the champs, as
/// real answers have them), and the instructors' XLSX and ODS workbooks (the Dossiers sheet and one
/// sheet per repeated block). For the sample under data/import, the benchmark and the tests: what
/// this writes, the import must read back.
public enum PlatformExport {
    /// The démarche's number in the pages.
    public static let demarche = 78542

    // MARK: - GraphQL pages

    /// One answer per page of `perPage` dossiers, as `data/import/dossiers.graphql` asks for them.
    public static func pages(_ dossiers: [Dossier], perPage: Int = 100, pretty: Bool = false) throws -> [Data] {
        let pageSize = max(perPage, 1)
        return try stride(from: 0, to: dossiers.count, by: pageSize).map { start in
            let end = min(start + pageSize, dossiers.count)
            let page: [String: Any] = ["data": ["demarche": ["number": demarche, "dossiers": [
                "pageInfo": ["hasNextPage": end < dossiers.count, "endCursor": "page-\(start / pageSize + 1)"],
                "nodes": dossiers[start..<end].map(node)]]]]
            let options: JSONSerialization.WritingOptions = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys]
            return try JSONSerialization.data(withJSONObject: page, options: options) + Data("\n".utf8)
        }
    }

    /// The form's champs in order, each with the stable id the platform gives its descriptor.
    private static let champIds: [String: String] = {
        let labels = ["Identité du PTCE", Label.name, Label.sector, Label.territory, Label.creationYear, Label.phase1, Label.phase1Year,
                      Label.jobs, "Budget", budgetExplanation, Label.budgetTotal, Label.budgetRequested, Label.cofinancing, Label.funder,
                      Label.amount, "Le projet", projectExplanation, Label.presentation, Label.history, Label.governance,
                      Label.economicModel, Label.animation, Label.impact, Label.scaling, "Les membres", Label.members,
                      Label.memberName, Label.memberCategory, Label.memberSiret, "Pièces jointes", Label.statutes,
                      Label.budgetDetail, Label.letters, Label.attestation]
        return Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, Data("Champ-\(1_001 + $0)".utf8).base64EncodedString()) })
    }()
    private static let budgetExplanation = "Les montants s’entendent toutes taxes comprises, sur les deux années du programme."
    private static let projectExplanation = "Chaque réponse tient en 5 000 caractères au plus."

    private static func node(_ d: Dossier) -> [String: Any] {
        func champ(_ type: String, _ label: String, _ text: String?, _ typed: [String: Any] = [:]) -> [String: Any] {
            typed.merging(["__typename": type, "id": champIds[label] ?? "", "label": label, "stringValue": text ?? NSNull()]) { $1 }
        }
        let members = d.members.map { m in ["champs": [champ("TextChamp", Label.memberName, m.name),
                                                      champ("DropDownListChamp", Label.memberCategory, categoryLabel(m.category)),
                                                      champ("SiretChamp", Label.memberSiret, m.siret ?? "")]] }
        let lines = d.budget.cofinancing.map { c in ["champs": [champ("TextChamp", Label.funder, c.source),
                                                                champ("IntegerNumberChamp", Label.amount, "\(c.amount)", ["integerNumber": "\(c.amount)"])]] }
        let address: [String: Any] = ["cityName": d.address.commune, "cityCode": d.address.communeCode,
                                      "departmentName": d.address.department.name, "departmentCode": d.address.department.code,
                                      "regionName": d.address.region.name, "regionCode": d.address.region.code]
        let files: [[String: Any]] = d.attachments.map { ["filename": $0.name, "byteSizeBigInt": "\($0.size)",
                                                          "contentType": "application/pdf"] }
        return [
            "__typename": "Dossier", "number": d.number, "state": d.state.rawValue, "dateDepot": d.filedAt?.text ?? NSNull(),
            "demandeur": ["__typename": "PersonneMorale", "siret": d.structure.siret, "address": address,
                          "entreprise": ["raisonSociale": d.structure.raisonSociale, "formeJuridique": d.structure.legalForm],
                          "association": d.structure.rna.map { ["rna": $0, "titre": d.structure.raisonSociale] } ?? NSNull()],
            "champs": [
                champ("HeaderSectionChamp", "Identité du PTCE", nil, ["level": 1]),
                champ("TextChamp", Label.name, d.name), champ("DropDownListChamp", Label.sector, d.sector),
                champ("DropDownListChamp", Label.territory, territoryLabel(d.territory)),
                champ("IntegerNumberChamp", Label.creationYear, "\(d.creationYear)", ["integerNumber": "\(d.creationYear)"]),
                champ("YesNoChamp", Label.phase1, d.phase1Year == nil ? "Non" : "Oui", ["selected": d.phase1Year != nil]),
                champ("IntegerNumberChamp", Label.phase1Year, d.phase1Year.map(String.init) ?? "",
                      ["integerNumber": d.phase1Year.map { String($0) as Any } ?? NSNull()]),
                champ("DecimalNumberChamp", Label.jobs, decimalText(d.jobs), ["decimalNumber": d.jobs]),
                champ("HeaderSectionChamp", "Budget", nil, ["level": 1]),
                champ("ExplicationChamp", budgetExplanation, nil),
                champ("TextChamp", Label.budgetTotal, Money.format(d.budget.total)),
                champ("TextChamp", Label.budgetRequested, Money.format(d.budget.requested)),
                champ("RepetitionChamp", Label.cofinancing, "", ["rows": lines]),
                champ("HeaderSectionChamp", "Le projet", nil, ["level": 1]),
                champ("ExplicationChamp", projectExplanation, nil),
                champ("TextareaChamp", Label.presentation, d.narrative.presentation),
                champ("TextareaChamp", Label.history, d.narrative.cooperation), champ("TextareaChamp", Label.governance, ""),
                champ("TextareaChamp", Label.economicModel, d.narrative.economicModel),
                champ("TextareaChamp", Label.animation, d.narrative.animation),
                champ("TextareaChamp", Label.impact, d.narrative.impact),
                champ("TextareaChamp", Label.scaling, d.narrative.scaling),
                champ("HeaderSectionChamp", "Les membres", nil, ["level": 1]),
                champ("RepetitionChamp", Label.members, "", ["rows": members]),
                champ("HeaderSectionChamp", "Pièces jointes", nil, ["level": 1]),
                champ("PieceJustificativeChamp", Label.statutes, d.attachments.map(\.name).joined(separator: ", "), ["files": files]),
                champ("PieceJustificativeChamp", Label.budgetDetail, "", ["files": []]),
                champ("PieceJustificativeChamp", Label.letters, "", ["files": []]),
                champ("CheckboxChamp", Label.attestation, "true", ["checked": true]),
            ],
            "annotations": [], "avis": [],
        ]
    }

    // MARK: - Workbooks

    /// The instructors' workbook as XLSX.
    public static func xlsx(_ dossiers: [Dossier], date: Date) throws -> Data {
        try OfficeWriter.xlsx(sheets(dossiers), date: date)
    }

    /// The instructors' workbook as ODS.
    public static func ods(_ dossiers: [Dossier], date: Date) throws -> Data {
        try OfficeWriter.ods(sheets(dossiers), date: date)
    }

    /// The Dossiers sheet (the platform's columns, then one per champ) and the blocks' sheets,
    /// named as the platform names them (no accents, 30 characters at most).
    static func sheets(_ dossiers: [Dossier]) -> [OfficeWriter.Sheet] {
        typealias Cell = OfficeWriter.Cell
        let headers = ["ID", "Email", "Établissement SIRET", "Établissement localité", "Établissement code INSEE localité",
                       "Entreprise forme juridique", "Entreprise raison sociale", "Association RNA", "Association titre", "Archivé",
                       "État du dossier", "Dernière mise à jour le", "Déposé le", "Passé en instruction le", "Traité le",
                       "Motivation de la décision", "Instructeurs", "Groupe instructeur",
                       Label.name, Label.sector, Label.territory, Label.creationYear, Label.phase1, Label.phase1Year, Label.jobs,
                       Label.budgetTotal, Label.budgetRequested, Label.presentation, Label.history, Label.governance,
                       Label.economicModel, Label.animation, Label.impact, Label.scaling, Label.statutes, Label.budgetDetail,
                       Label.letters, Label.attestation]
        var rows: [[Cell]] = [headers.map { .text($0) }]
        for d in dossiers {
            let association = d.structure.rna != nil
            let platform: [Cell] = [
                .number(Double(d.number)), .text("contact-\(d.number)@ptce.example"), .text(d.structure.siret),
                .text(d.address.commune), .text(d.address.communeCode), .text(d.structure.legalForm),
                association ? .empty : .text(d.structure.raisonSociale), d.structure.rna.map { .text($0) } ?? .empty,
                association ? .text(d.structure.raisonSociale) : .empty, .bool(false),
                .text(Labels.filingState(d.state, .fr)), d.filedAt.map { .date($0) } ?? .empty, d.filedAt.map { .date($0) } ?? .empty,
                .empty, .empty, .empty, .text("instruction@economie.example"), .text(d.address.region.name),
            ]
            let form: [Cell] = [
                .text(d.name), .text(d.sector), .text(territoryLabel(d.territory)), .number(Double(d.creationYear)),
                .text(d.phase1Year == nil ? "Non" : "Oui"), d.phase1Year.map { .number(Double($0)) } ?? .empty, .number(d.jobs),
                .euros(Double(d.budget.total)), .euros(Double(d.budget.requested)),
            ]
            let texts: [Cell] = [
                .text(d.narrative.presentation), .text(d.narrative.cooperation), .empty, .text(d.narrative.economicModel),
                .text(d.narrative.animation), .text(d.narrative.impact), .text(d.narrative.scaling),
                .text(d.attachments.map(\.name).joined(separator: ", ")), .empty, .empty, .text("Oui"),
            ]
            rows.append((platform + form + texts).map { cell -> Cell in
                if case .text(let text) = cell, text.isEmpty { return .empty }
                return cell
            })
        }
        var members: [[Cell]] = [["Dossier ID", "Ligne", Label.memberName, Label.memberCategory, Label.memberSiret].map { .text($0) }]
        var lines: [[Cell]] = [["Dossier ID", "Ligne", Label.funder, Label.amount].map { .text($0) }]
        for d in dossiers {
            for (i, m) in d.members.enumerated() {
                members.append([.text("\(d.number)"), .number(Double(i + 1)), .text(m.name), .text(categoryLabel(m.category)),
                                m.siret.map { .text($0) } ?? .empty])
            }
            for (i, c) in d.budget.cofinancing.enumerated() {
                lines.append([.text("\(d.number)"), .number(Double(i + 1)), .text(c.source), .euros(Double(c.amount))])
            }
        }
        return [OfficeWriter.Sheet(name: "Dossiers", rows: rows),
                OfficeWriter.Sheet(name: "Membres du PTCE", rows: members),
                OfficeWriter.Sheet(name: "Cofinancements prevus", rows: lines)]
    }

    // MARK: - Labels of the form (data/import/mapping-ptce.json)

    enum Label {
        static let name = "Nom du PTCE", sector = "Filière principale du PTCE", territory = "Type de territoire"
        static let creationYear = "Année de création du PTCE"
        static let phase1 = "Le PTCE a-t-il été lauréat de la phase 1 de l’AMI ?"
        static let phase1Year = "Année de désignation comme lauréat de la phase 1"
        static let jobs = "Emplois portés par le pôle (ETP)"
        static let budgetTotal = "Budget total du programme sur deux ans"
        static let budgetRequested = "Montant de la subvention demandée à l’État"
        static let presentation = "Présentation du PTCE et de son projet"
        static let history = "Historique de la coopération entre les membres", governance = "Gouvernance du PTCE"
        static let economicModel = "Modèle économique et autofinancement", animation = "Programme d’animation financé"
        static let impact = "Impact économique, social et environnemental", scaling = "Perspectives de changement d’échelle"
        static let statutes = "Statuts de la structure porteuse", budgetDetail = "Budget prévisionnel détaillé"
        static let letters = "Lettres d’engagement des membres"
        static let attestation = "J’atteste sur l’honneur l’exactitude des informations fournies"
        static let members = "Membres du PTCE", memberName = "Nom de la structure membre", memberCategory = "Catégorie de membre"
        static let memberSiret = "SIRET du membre"
        static let cofinancing = "Cofinancements prévus", funder = "Financeur", amount = "Montant (€)"
    }

    private static func territoryLabel(_ territory: TerritoryType) -> String {
        switch territory {
        case .rural: return "Rural"
        case .urbain: return "Urbain"
        case .mixte: return "Mixte (urbain et rural)"
        }
    }

    private static func categoryLabel(_ category: MemberCategory) -> String { Labels.memberCategory(category, .fr) }

    /// « 12.5 », as the platform writes decimals in `stringValue`.
    private static func decimalText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// XLSX and ODS files from sheets of typed cells, in the layout office programs write.
enum OfficeWriter {
    enum Cell {
        case text(String)
        case number(Double)
        /// A number in XLSX, a `currency` cell in ODS.
        case euros(Double)
        /// A date and time, shown in Paris time: a serial number in XLSX, a `date` cell in ODS.
        case date(Instant)
        case bool(Bool)
        case empty
    }

    struct Sheet {
        var name: String
        var rows: [[Cell]]
    }

    static func xlsx(_ sheets: [Sheet], date: Date) throws -> Data {
        var shared: [String] = [], sharedIndex: [String: Int] = [:]
        var entries: [(String, String)] = []
        for (index, sheet) in sheets.enumerated() {
            var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
                + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
            for (r, row) in sheet.rows.enumerated() {
                xml += #"<row r="\#(r + 1)">"#
                for (c, cell) in row.enumerated() {
                    let ref = SheetTable.columnName(c) + "\(r + 1)"
                    switch cell {
                    case .text(let text):
                        let position = sharedIndex[text] ?? shared.count
                        if position == shared.count {
                            shared.append(text)
                            sharedIndex[text] = position
                        }
                        xml += #"<c r="\#(ref)" t="s"><v>\#(position)</v></c>"#
                    case .number(let number): xml += #"<c r="\#(ref)"><v>\#(number)</v></c>"#
                    case .euros(let amount): xml += #"<c r="\#(ref)" s="2"><v>\#(amount)</v></c>"#
                    case .date(let instant): xml += #"<c r="\#(ref)" s="1"><v>\#(serial(instant))</v></c>"#
                    case .bool(let flag): xml += #"<c r="\#(ref)" t="b"><v>\#(flag ? 1 : 0)</v></c>"#
                    case .empty: continue
                    }
                }
                xml += "</row>"
            }
            entries.append(("xl/worksheets/sheet\(index + 1).xml", xml + "</sheetData></worksheet>\n"))
        }
        let strings = shared.map { #"<si><t xml:space="preserve">\#(escape($0))</t></si>"# }.joined()
        entries += [
            ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
                + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
                + sheets.indices.map { #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"# }.joined()
                + #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"# + "\n"),
            ("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
                + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"# + "\n"),
            ("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
                + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
                + sheets.enumerated().map { #"<sheet name="\#(escape($1.name))" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }.joined()
                + "</sheets></workbook>\n"),
            ("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
                + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
                + sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined()
                + #"<Relationship Id="rId100" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId101" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"# + "\n"),
            ("xl/styles.xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
                + ##"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\ hh:mm"/><numFmt numFmtId="165" formatCode="#,##0\ &quot;€&quot;"/></numFmts><fonts count="1"><font><sz val="10"/><name val="Arial"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"## + "\n"),
            ("xl/sharedStrings.xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
                + #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(shared.count)" uniqueCount="\#(shared.count)">"#
                + strings + "</sst>\n"),
        ]
        return try zip(entries, date: date)
    }

    static func ods(_ sheets: [Sheet], date: Date) throws -> Data {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
            + #"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet>"#
        for sheet in sheets {
            xml += #"<table:table table:name="\#(escape(sheet.name))">"#
            for row in sheet.rows {
                xml += "<table:table-row>"
                var blanks = 0
                func flushBlanks() {
                    if blanks > 0 { xml += blanks == 1 ? "<table:table-cell/>" : #"<table:table-cell table:number-columns-repeated="\#(blanks)"/>"# }
                    blanks = 0
                }
                for cell in row {
                    if case .empty = cell { blanks += 1; continue }
                    flushBlanks()
                    switch cell {
                    case .text(let text):
                        xml += #"<table:table-cell office:value-type="string">"#
                            + text.components(separatedBy: "\n").map { "<text:p>\(escape($0))</text:p>" }.joined() + "</table:table-cell>"
                    case .number(let number):
                        xml += #"<table:table-cell office:value-type="float" office:value="\#(number)"><text:p>\#(number)</text:p></table:table-cell>"#
                    case .euros(let amount):
                        xml += #"<table:table-cell office:value-type="currency" office:currency="EUR" office:value="\#(amount)"><text:p>\#(Money.format(Int(amount)))</text:p></table:table-cell>"#
                    case .date(let instant):
                        let wallClock = isoWallClock(instant)
                        xml += #"<table:table-cell office:value-type="date" office:date-value="\#(wallClock)"><text:p>\#(DateText.paris(instant.date))</text:p></table:table-cell>"#
                    case .bool(let flag):
                        xml += #"<table:table-cell office:value-type="boolean" office:boolean-value="\#(flag)"><text:p>\#(flag ? "VRAI" : "FAUX")</text:p></table:table-cell>"#
                    case .empty: break
                    }
                }
                // Office programs pad every row to the sheet's width, and the sheet to its height.
                blanks += 1_024 - row.count
                flushBlanks()
                xml += "</table:table-row>"
            }
            xml += #"<table:table-row table:number-rows-repeated="\#(1_048_576 - sheet.rows.count)"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#
            xml += "</table:table>"
        }
        xml += "</office:spreadsheet></office:body></office:document-content>\n"
        return try zip([
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("META-INF/manifest.xml", #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
                + #"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"# + "\n"),
            ("content.xml", xml),
        ], date: date)
    }

    /// Entries in order, `mimetype` stored, the others deflated; dated `date` so that the same
    /// sheets make the same entries.
    static func zip(_ entries: [(String, String)], date: Date) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, text) in entries {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                 compressionMethod: path == "mimetype" ? .none : .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    /// Days since 30 December 1899 of the Paris wall-clock time, as spreadsheets count dates.
    private static func serial(_ instant: Instant) -> Double {
        let wallClock = instant.date.timeIntervalSince1970 + Double(Instant.paris.secondsFromGMT(for: instant.date))
        return wallClock.rounded() / 86_400 + 25_569
    }

    /// « 2023-07-28T10:15:32 »: Paris wall-clock time, without an offset, as ODS writes dates.
    private static func isoWallClock(_ instant: Instant) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Instant.paris
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant.date)
        func two(_ value: Int?) -> String { (value ?? 0) < 10 ? "0\(value ?? 0)" : "\(value ?? 0)" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            // XML 1.0 has no place for other control characters, even as references.
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
