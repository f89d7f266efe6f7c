import Foundation
import ZIPFoundation

/// A cell of a hand-made spreadsheet, typed the way XLSX and ODS type them.
enum Cell {
    /// Text: a shared string in XLSX, a `string` cell in ODS.
    case text(String)
    /// Text written inline in XLSX (`t="inlineStr"`); a `string` cell in ODS.
    case inline(String)
    case number(Double)
    /// An amount: a number in XLSX, a `currency` cell in ODS (its displayed text differs from its value).
    case euros(Double)
    /// A date and time: a serial number in XLSX, a `date` cell in ODS (ISO without offset).
    case date(serial: Double, iso: String)
    case bool(Bool)
    case empty
}

/// A sheet: its name and its rows, headers first.
struct Sheet {
    var name: String
    var rows: [[Cell]]
}

/// The instructors' export of two dossiers as a spreadsheet, as the platform lays it out: the
/// Dossiers sheet, one sheet per repeated block (named without accents, cut to 30 characters),
/// and the Etablissements and Avis sheets that the import does not read.
enum Workbook {
    static let sheets: [Sheet] = [
        Sheet(name: "Dossiers", rows: [
            ["ID", "Email", "Établissement SIRET", "Établissement localité", "Établissement code INSEE localité",
             "Entreprise forme juridique", "Entreprise raison sociale", "Association RNA", "Association titre", "Archivé",
             "État du dossier", "Dernière mise à jour le", "Déposé le", "Passé en instruction le", "Traité le",
             "Motivation de la décision", "Instructeurs", "Groupe instructeur", "Nom du PTCE", "Filière principale du PTCE",
             "Type de territoire", "Année de création du PTCE", "Le PTCE a-t-il été lauréat de la phase 1 de l’AMI ?",
             "Année de désignation comme lauréat de la phase 1", "Emplois portés par le pôle (ETP)",
             "Budget total du programme sur deux ans", "Montant de la subvention demandée à l’État",
             "Présentation du PTCE et de son projet", "Historique de la coopération entre les membres", "Gouvernance du PTCE",
             "Statuts de la structure porteuse", "Thématiques du PTCE"].map { .text($0) },
            [.number(201), .inline("contact@pole-bocage.example"), .inline("12345678900012"), .text("Nantes"), .inline("44109"),
             .text("Société coopérative d'intérêt collectif par actions simplifiée"), .inline("SCIC BOCAGE SOLIDAIRE"), .empty, .empty,
             .bool(false), .text("En instruction"), .date(serial: 45140.375, iso: "2023-08-02T09:00:00"),
             .date(serial: 45135.427453703706, iso: "2023-07-28T10:15:32"), .date(serial: 45139.583333333336, iso: "2023-08-01T14:00:00"),
             .empty, .empty, .inline("instructeur@economie.example"), .text("Pays de la Loire"), .inline("Pôle Bocage Solidaire"),
             .text("Réemploi et économie circulaire"), .text("Mixte (urbain et rural)"), .number(2016), .text("Oui"), .number(2021),
             .number(12.5), .euros(250_000), .euros(100_000),
             .inline("Le pôle relie 14 structures du bocage, depuis 2016.\nIl anime une ressourcerie."), .inline("Depuis 2016"),
             .inline("Un collège par catégorie de membres, dont les collectivités."), .inline("statuts-scic.pdf"),
             .inline("Alimentation, Mobilité")],
            [.number(202), .inline("ptce@reunion.example"), .inline("98765432100017"), .text("Saint-Denis"), .inline("97411"),
             .text("Association déclarée"), .empty, .inline("W9R4000123"), .inline("ASSOCIATION PTCE LAGON"), .bool(false),
             .text("Classé sans suite"), .date(serial: 45170.416666666664, iso: "2023-09-01T10:00:00"),
             .date(serial: 45138.49861111111, iso: "2023-07-31T11:58:00"), .empty, .date(serial: 45170.416666666664, iso: "2023-09-01T10:00:00"),
             .inline("Dossier retiré par le porteur."), .empty, .text("La Réunion"), .inline("PTCE Lagon"), .text("Alimentation durable"),
             .text("Urbain"), .number(2019), .text("Non"), .empty, .number(3), .euros(1_500_000), .euros(99_999.5),
             .inline("Circuits courts sur l’île."), .empty, .empty, .empty, .empty],
        ]),
        Sheet(name: "Etablissements", rows: [
            [.text("Dossier ID"), .text("Champ"), .text("Établissement SIRET")],
            [.inline("201"), .text("Dossier"), .inline("12345678900012")],
        ]),
        Sheet(name: "Avis", rows: [
            [.text("Dossier ID"), .text("Question"), .text("Réponse")],
            [.inline("201"), .inline("Pouvez-vous donner votre avis ?"), .inline("Favorable.")],
        ]),
        Sheet(name: "Membres du PTCE", rows: [
            ["Dossier ID", "Ligne", "Nom de la structure membre", "Catégorie de membre", "SIRET du membre", "Rôle dans le pôle"].map { .text($0) },
            [.inline("201"), .number(1), .inline("Ressourcerie du Bocage"), .text("Entreprise de l’ESS"), .inline("11122233300014"), .inline("Pilote")],
            [.inline("201"), .number(2), .inline("Garage Martin SARL"), .text("Entreprise hors ESS"), .empty, .inline("Réparations")],
            [.inline("201"), .number(3), .inline("Commune de Clisson"), .text("Collectivité territoriale"), .empty, .empty],
            [.inline("202"), .number(1), .inline("Coopérative Péi"), .text("Entreprise de l'ESS"), .empty, .empty],
        ]),
        Sheet(name: "Cofinancements prevus", rows: [
            ["Dossier ID", "Ligne", "Financeur", "Montant (€)"].map { .text($0) },
            [.inline("201"), .number(1), .inline("Région Pays de la Loire"), .euros(50_000)],
            [.inline("201"), .number(2), .inline("Département de Loire-Atlantique"), .euros(30_000)],
        ]),
    ]
}

/// XLSX and ODS files built with ZIPFoundation, in the layout office programs and the platform write.
enum OfficeFile {
    static func xlsx(_ sheets: [Sheet]) throws -> Data {
        var shared: [String] = [], sharedIndex: [String: Int] = [:]
        func sharedString(_ text: String) -> Int {
            if let index = sharedIndex[text] { return index }
            shared.append(text)
            sharedIndex[text] = shared.count - 1
            return shared.count - 1
        }
        var entries: [(String, String)] = []
        for (index, sheet) in sheets.enumerated() {
            var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
                + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
            for (r, row) in sheet.rows.enumerated() {
                xml += #"<row r="\#(r + 1)">"#
                for (c, cell) in row.enumerated() {
                    let ref = columnName(c) + "\(r + 1)"
                    switch cell {
                    case .text(let text): xml += #"<c r="\#(ref)" t="s"><v>\#(sharedString(text))</v></c>"#
                    case .inline(let text): xml += #"<c r="\#(ref)" t="inlineStr"><is><t xml:space="preserve">\#(escape(text))</t></is></c>"#
                    case .number(let number), .euros(let number), .date(serial: let number, iso: _):
                        xml += #"<c r="\#(ref)" s="1"><v>\#(number)</v></c>"#
                    case .bool(let flag): xml += #"<c r="\#(ref)" t="b"><v>\#(flag ? 1 : 0)</v></c>"#
                    case .empty: continue
                    }
                }
                xml += "</row>"
            }
            entries.append(("xl/worksheets/sheet\(index + 1).xml", xml + "</sheetData></worksheet>"))
        }
        // One rich-text string, as Excel writes a cell with mixed formatting.
        let strings = shared.map { text -> String in
            guard let space = text.firstIndex(of: " ") else { return "<si><t>\(escape(text))</t></si>" }
            return #"<si><r><t>\#(escape(String(text[..<space])))</t></r><r><rPr><b/></rPr><t xml:space="preserve">\#(escape(String(text[space...])))</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>"#
        }
        entries += [
            ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#),
            ("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
                + sheets.enumerated().map { #"<sheet name="\#(escape($1.name))" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }.joined()
                + "</sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
                + sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined()
                + #"<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#),
            ("xl/sharedStrings.xml", #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(shared.count)" uniqueCount="\#(shared.count)">"#
                + strings.joined() + "</sst>"),
        ]
        return try zip(entries)
    }

    static func ods(_ sheets: [Sheet]) throws -> Data {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:body><office:spreadsheet>"#
        for sheet in sheets {
            xml += #"<table:table table:name="\#(escape(sheet.name))">"#
            for (r, row) in sheet.rows.enumerated() {
                xml += "<table:table-row>"
                var blanks = 0
                func flushBlanks() {
                    if blanks > 0 { xml += #"<table:table-cell table:number-columns-repeated="\#(blanks)"/>"# }
                    blanks = 0
                }
                for cell in row {
                    if case .empty = cell { blanks += 1; continue }
                    flushBlanks()
                    switch cell {
                    case .text(let text), .inline(let text):
                        // Runs of spaces are text:s, lines are paragraphs.
                        let paragraphs = text.components(separatedBy: "\n").map { line in
                            "<text:p>" + escape(line).replacingOccurrences(of: "  ", with: #" <text:s text:c="1"/>"#) + "</text:p>"
                        }
                        let note = r == 1 && text.hasPrefix("Le pôle") ? "<office:annotation><dc:creator>Instructeur</dc:creator><text:p>À vérifier</text:p></office:annotation>" : ""
                        xml += #"<table:table-cell office:value-type="string">"# + note + paragraphs.joined() + "</table:table-cell>"
                    case .number(let number):
                        xml += #"<table:table-cell office:value-type="float" office:value="\#(number)"><text:p>\#(number)</text:p></table:table-cell>"#
                    case .euros(let amount):
                        xml += #"<table:table-cell office:value-type="currency" office:currency="EUR" office:value="\#(amount)"><text:p>\#(amount) €</text:p></table:table-cell>"#
                    case .date(_, let iso):
                        xml += #"<table:table-cell office:value-type="date" office:date-value="\#(iso)"><text:p>\#(iso)</text:p></table:table-cell>"#
                    case .bool(let flag):
                        xml += #"<table:table-cell office:value-type="boolean" office:boolean-value="\#(flag)"><text:p>\#(flag ? "VRAI" : "FAUX")</text:p></table:table-cell>"#
                    case .empty: break
                    }
                }
                // Office programs pad every row to the sheet's width.
                blanks += 1000
                flushBlanks()
                xml += "</table:table-row>"
            }
            xml += #"<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#
            xml += "</table:table>"
        }
        xml += "</office:spreadsheet></office:body></office:document-content>"
        return try zip([
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("META-INF/manifest.xml", #"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#),
            ("content.xml", xml),
        ])
    }

    static func zip(_ entries: [(String, String)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, text) in entries {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: path == "mimetype" ? .none : .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data!
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private static func columnName(_ index: Int) -> String {
        var name = "", rest = index + 1
        while rest > 0 {
            name = String(UnicodeScalar(UInt8(65 + (rest - 1) % 26))) + name
            rest = (rest - 1) / 26
        }
        return name
    }
}
