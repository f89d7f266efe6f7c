import JuryCore

/// The 101 départements with their INSEE codes and regions. The platform's spreadsheets give a
/// commune's INSEE code only: its département and region are found here.
enum Departments {
    struct Entry {
        let name: String
        let region: String
    }

    static let byCode: [String: Entry] = {
        let table: [(region: String, departments: [(String, String)])] = [
            ("84", [("01", "Ain"), ("03", "Allier"), ("07", "Ardèche"), ("15", "Cantal"), ("26", "Drôme"), ("38", "Isère"),
                    ("42", "Loire"), ("43", "Haute-Loire"), ("63", "Puy-de-Dôme"), ("69", "Rhône"), ("73", "Savoie"),
                    ("74", "Haute-Savoie")]),
            ("27", [("21", "Côte-d’Or"), ("25", "Doubs"), ("39", "Jura"), ("58", "Nièvre"), ("70", "Haute-Saône"),
                    ("71", "Saône-et-Loire"), ("89", "Yonne"), ("90", "Territoire de Belfort")]),
            ("53", [("22", "Côtes-d’Armor"), ("29", "Finistère"), ("35", "Ille-et-Vilaine"), ("56", "Morbihan")]),
            ("24", [("18", "Cher"), ("28", "Eure-et-Loir"), ("36", "Indre"), ("37", "Indre-et-Loire"), ("41", "Loir-et-Cher"),
                    ("45", "Loiret")]),
            ("94", [("2A", "Corse-du-Sud"), ("2B", "Haute-Corse")]),
            ("44", [("08", "Ardennes"), ("10", "Aube"), ("51", "Marne"), ("52", "Haute-Marne"), ("54", "Meurthe-et-Moselle"),
                    ("55", "Meuse"), ("57", "Moselle"), ("67", "Bas-Rhin"), ("68", "Haut-Rhin"), ("88", "Vosges")]),
            ("32", [("02", "Aisne"), ("59", "Nord"), ("60", "Oise"), ("62", "Pas-de-Calais"), ("80", "Somme")]),
            ("11", [("75", "Paris"), ("77", "Seine-et-Marne"), ("78", "Yvelines"), ("91", "Essonne"), ("92", "Hauts-de-Seine"),
                    ("93", "Seine-Saint-Denis"), ("94", "Val-de-Marne"), ("95", "Val-d’Oise")]),
            ("28", [("14", "Calvados"), ("27", "Eure"), ("50", "Manche"), ("61", "Orne"), ("76", "Seine-Maritime")]),
            ("75", [("16", "Charente"), ("17", "Charente-Maritime"), ("19", "Corrèze"), ("23", "Creuse"), ("24", "Dordogne"),
                    ("33", "Gironde"), ("40", "Landes"), ("47", "Lot-et-Garonne"), ("64", "Pyrénées-Atlantiques"),
                    ("79", "Deux-Sèvres"), ("86", "Vienne"), ("87", "Haute-Vienne")]),
            ("76", [("09", "Ariège"), ("11", "Aude"), ("12", "Aveyron"), ("30", "Gard"), ("31", "Haute-Garonne"), ("32", "Gers"),
                    ("34", "Hérault"), ("46", "Lot"), ("48", "Lozère"), ("65", "Hautes-Pyrénées"), ("66", "Pyrénées-Orientales"),
                    ("81", "Tarn"), ("82", "Tarn-et-Garonne")]),
            ("52", [("44", "Loire-Atlantique"), ("49", "Maine-et-Loire"), ("53", "Mayenne"), ("72", "Sarthe"), ("85", "Vendée")]),
            ("93", [("04", "Alpes-de-Haute-Provence"), ("05", "Hautes-Alpes"), ("06", "Alpes-Maritimes"),
                    ("13", "Bouches-du-Rhône"), ("83", "Var"), ("84", "Vaucluse")]),
            ("01", [("971", "Guadeloupe")]),
            ("02", [("972", "Martinique")]),
            ("03", [("973", "Guyane")]),
            ("04", [("974", "La Réunion")]),
            ("06", [("976", "Mayotte")]),
        ]
        var entries: [String: Entry] = [:]
        for (region, departments) in table {
            for (code, name) in departments { entries[code] = Entry(name: name, region: region) }
        }
        return entries
    }()

    /// The département of a commune's INSEE code: two characters (« 44109 », « 2A004 »), three overseas (« 97411 »).
    static func code(ofCommune communeCode: String) -> String? {
        let code = communeCode.trimmed
        guard code.count == 5 else { return nil }
        let department = String(code.prefix(code.hasPrefix("97") ? 3 : 2)).uppercased()
        return byCode[department] == nil ? nil : department
    }
}
