import JuryCore

/// A département with the form its name takes after « de » (« de la Manche », « du Calvados »).
struct Department: Sendable {
    let code: String
    let name: String
    let of: String

    var area: Area { Area(code: code, name: name) }

    /// The authority that co-finances at département level, where one exists: Corsica, Martinique,
    /// Guyane and Mayotte have a single authority (the region's), Paris is a city, and Alsace's two
    /// départements merged in 2021.
    var council: String? {
        switch code {
        case "2A", "2B", "972", "973", "976", "75": return nil
        case "67", "68": return "Collectivité européenne d’Alsace"
        default: return "Département \(of)"
        }
    }

    /// Associations of Alsace-Moselle are registered by the court, under local law, not in the RNA.
    var hasLocalAssociationLaw: Bool { ["57", "67", "68"].contains(code) }
}

/// A real commune with its INSEE code, and the territory (pays, bassin, agglomération) a pole
/// there would name itself after, in two forms: as a pole's name ends (a proper name) and after « de ».
struct Place: Sendable {
    let commune: String
    let communeCode: String
    let department: Department
    let bare: String
    let of: String
    let territory: TerritoryType

    init(_ commune: String, _ communeCode: String, _ department: String, _ bare: String, _ of: String,
         _ territory: TerritoryType) {
        self.commune = commune
        self.communeCode = communeCode
        self.department = Geography.departments[department]!
        self.bare = bare
        self.of = of
        self.territory = territory
    }
}

/// One of the 18 regions, with what the narratives say about it and the places used in it.
struct RegionProfile: Sendable {
    let area: Area
    /// « en Normandie », « dans les Hauts-de-France », « à La Réunion ».
    let within: String
    /// The regional authority that co-finances (« Région Sud », « Collectivité de Corse »…).
    let council: String
    /// The university that research members belong to, after « de ».
    let universityOf: String
    let island: Bool
    let places: [Place]

    init(_ code: String, _ within: String, _ council: String, _ universityOf: String, island: Bool = false,
         _ places: [Place]) {
        self.area = Regions.named(code: code)!
        self.within = within
        self.council = council
        self.universityOf = universityOf
        self.island = island
        self.places = places
    }

    var isOverseas: Bool { Regions.isOverseas(area) }
}

enum Geography {
    static let departments: [String: Department] = Dictionary(uniqueKeysWithValues: [
        ("01", "Ain", "de l’Ain"), ("02", "Aisne", "de l’Aisne"), ("03", "Allier", "de l’Allier"),
        ("04", "Alpes-de-Haute-Provence", "des Alpes-de-Haute-Provence"), ("05", "Hautes-Alpes", "des Hautes-Alpes"),
        ("07", "Ardèche", "de l’Ardèche"), ("09", "Ariège", "de l’Ariège"), ("10", "Aube", "de l’Aube"),
        ("11", "Aude", "de l’Aude"), ("12", "Aveyron", "de l’Aveyron"), ("13", "Bouches-du-Rhône", "des Bouches-du-Rhône"),
        ("14", "Calvados", "du Calvados"), ("15", "Cantal", "du Cantal"), ("17", "Charente-Maritime", "de la Charente-Maritime"),
        ("18", "Cher", "du Cher"), ("19", "Corrèze", "de la Corrèze"), ("2A", "Corse-du-Sud", "de la Corse-du-Sud"),
        ("2B", "Haute-Corse", "de la Haute-Corse"), ("21", "Côte-d’Or", "de la Côte-d’Or"), ("22", "Côtes-d’Armor", "des Côtes-d’Armor"),
        ("23", "Creuse", "de la Creuse"), ("24", "Dordogne", "de la Dordogne"), ("25", "Doubs", "du Doubs"),
        ("26", "Drôme", "de la Drôme"), ("29", "Finistère", "du Finistère"), ("30", "Gard", "du Gard"),
        ("31", "Haute-Garonne", "de la Haute-Garonne"), ("33", "Gironde", "de la Gironde"), ("35", "Ille-et-Vilaine", "d’Ille-et-Vilaine"),
        ("36", "Indre", "de l’Indre"), ("37", "Indre-et-Loire", "d’Indre-et-Loire"), ("38", "Isère", "de l’Isère"),
        ("39", "Jura", "du Jura"), ("40", "Landes", "des Landes"), ("41", "Loir-et-Cher", "de Loir-et-Cher"),
        ("42", "Loire", "de la Loire"), ("43", "Haute-Loire", "de la Haute-Loire"), ("44", "Loire-Atlantique", "de la Loire-Atlantique"),
        ("45", "Loiret", "du Loiret"), ("46", "Lot", "du Lot"), ("48", "Lozère", "de la Lozère"),
        ("49", "Maine-et-Loire", "de Maine-et-Loire"), ("50", "Manche", "de la Manche"), ("52", "Haute-Marne", "de la Haute-Marne"),
        ("53", "Mayenne", "de la Mayenne"), ("55", "Meuse", "de la Meuse"), ("56", "Morbihan", "du Morbihan"),
        ("57", "Moselle", "de la Moselle"), ("58", "Nièvre", "de la Nièvre"), ("59", "Nord", "du Nord"),
        ("60", "Oise", "de l’Oise"), ("61", "Orne", "de l’Orne"), ("62", "Pas-de-Calais", "du Pas-de-Calais"),
        ("64", "Pyrénées-Atlantiques", "des Pyrénées-Atlantiques"), ("66", "Pyrénées-Orientales", "des Pyrénées-Orientales"),
        ("67", "Bas-Rhin", "du Bas-Rhin"), ("68", "Haut-Rhin", "du Haut-Rhin"), ("69", "Rhône", "du Rhône"),
        ("70", "Haute-Saône", "de la Haute-Saône"), ("71", "Saône-et-Loire", "de Saône-et-Loire"), ("72", "Sarthe", "de la Sarthe"),
        ("73", "Savoie", "de la Savoie"), ("75", "Paris", "de Paris"), ("76", "Seine-Maritime", "de la Seine-Maritime"),
        ("77", "Seine-et-Marne", "de Seine-et-Marne"), ("78", "Yvelines", "des Yvelines"), ("79", "Deux-Sèvres", "des Deux-Sèvres"),
        ("80", "Somme", "de la Somme"), ("81", "Tarn", "du Tarn"), ("84", "Vaucluse", "de Vaucluse"),
        ("86", "Vienne", "de la Vienne"), ("88", "Vosges", "des Vosges"), ("91", "Essonne", "de l’Essonne"),
        ("93", "Seine-Saint-Denis", "de la Seine-Saint-Denis"), ("95", "Val-d’Oise", "du Val-d’Oise"),
        ("971", "Guadeloupe", "de la Guadeloupe"), ("972", "Martinique", "de la Martinique"), ("973", "Guyane", "de la Guyane"),
        ("974", "La Réunion", "de La Réunion"), ("976", "Mayotte", "de Mayotte"),
    ].map { ($0.0, Department(code: $0.0, name: $0.1, of: $0.2)) })

    /// In the order of `Regions.all`. Every commune code is the INSEE code of that commune.
    static let regions: [RegionProfile] = [
        RegionProfile("84", "en Auvergne-Rhône-Alpes", "Région Auvergne-Rhône-Alpes", "de l’université Grenoble Alpes", [
            Place("Aurillac", "15014", "15", "Pays d’Aurillac", "du Pays d’Aurillac", .rural),
            Place("Le Puy-en-Velay", "43157", "43", "Velay", "du Velay", .rural),
            Place("Villeurbanne", "69266", "69", "Villeurbanne", "de Villeurbanne", .urbain),
            Place("Privas", "07186", "07", "Centre Ardèche", "du Centre Ardèche", .rural),
            Place("Saint-Étienne", "42218", "42", "Saint-Étienne", "du bassin stéphanois", .urbain),
            Place("Bourg-en-Bresse", "01053", "01", "Bresse", "de la Bresse", .mixte),
            Place("Moulins", "03190", "03", "Bocage bourbonnais", "du Bocage bourbonnais", .rural),
            Place("Chambéry", "73065", "73", "Chambéry", "du bassin chambérien", .mixte),
            Place("Grenoble", "38185", "38", "Grenoble", "du bassin grenoblois", .urbain),
            Place("Valence", "26362", "26", "Valentinois", "du Valentinois", .mixte),
        ]),
        RegionProfile("27", "en Bourgogne-Franche-Comté", "Région Bourgogne-Franche-Comté", "de l’université de Bourgogne", [
            Place("Nevers", "58194", "58", "Val de Loire nivernais", "du Val de Loire nivernais", .mixte),
            Place("Lons-le-Saunier", "39300", "39", "Pays lédonien", "du Pays lédonien", .rural),
            Place("Dijon", "21231", "21", "Dijon", "de la métropole dijonnaise", .urbain),
            Place("Vesoul", "70550", "70", "Pays de Vesoul", "du Pays de Vesoul", .rural),
            Place("Montbéliard", "25388", "25", "Pays de Montbéliard", "du Pays de Montbéliard", .mixte),
            Place("Mâcon", "71270", "71", "Mâconnais", "du Mâconnais", .mixte),
        ]),
        RegionProfile("53", "en Bretagne", "Région Bretagne", "de l’université de Rennes", [
            Place("Morlaix", "29151", "29", "Pays de Morlaix", "du Pays de Morlaix", .rural),
            Place("Lannion", "22113", "22", "Trégor", "du Trégor", .mixte),
            Place("Pontivy", "56178", "56", "Centre Bretagne", "du Centre Bretagne", .rural),
            Place("Rennes", "35238", "35", "Rennes", "du bassin rennais", .urbain),
            Place("Brest", "29019", "29", "Pays de Brest", "du Pays de Brest", .urbain),
            Place("Lorient", "56121", "56", "Pays de Lorient", "du Pays de Lorient", .mixte),
            Place("Saint-Malo", "35288", "35", "Pays de Saint-Malo", "du Pays de Saint-Malo", .mixte),
        ]),
        RegionProfile("24", "en Centre-Val de Loire", "Région Centre-Val de Loire", "de l’université de Tours", [
            Place("Vierzon", "18279", "18", "Pays de Vierzon", "du Pays de Vierzon", .mixte),
            Place("Châteauroux", "36044", "36", "Champagne berrichonne", "de la Champagne berrichonne", .rural),
            Place("Tours", "37261", "37", "Tours", "de l’agglomération tourangelle", .urbain),
            Place("Blois", "41018", "41", "Blésois", "du Blésois", .mixte),
            Place("Montargis", "45208", "45", "Gâtinais montargois", "du Gâtinais montargois", .mixte),
        ]),
        RegionProfile("94", "en Corse", "Collectivité de Corse", "de l’université de Corse", island: true, [
            Place("Corte", "2B096", "2B", "Centre Corse", "du Centre Corse", .rural),
            Place("Bastia", "2B033", "2B", "Pays bastiais", "du Pays bastiais", .urbain),
            Place("Porto-Vecchio", "2A247", "2A", "Extrême-Sud", "de l’Extrême-Sud", .rural),
            Place("Ajaccio", "2A004", "2A", "Pays ajaccien", "du Pays ajaccien", .urbain),
        ]),
        RegionProfile("44", "dans le Grand Est", "Région Grand Est", "de l’université de Strasbourg", [
            Place("Saint-Dié-des-Vosges", "88413", "88", "Déodatie", "de la Déodatie", .rural),
            Place("Mulhouse", "68224", "68", "Sud Alsace", "du Sud Alsace", .urbain),
            Place("Chaumont", "52121", "52", "Pays chaumontais", "du Pays chaumontais", .rural),
            Place("Troyes", "10387", "10", "Pays troyen", "du Pays troyen", .mixte),
            Place("Metz", "57463", "57", "Pays messin", "du Pays messin", .urbain),
            Place("Bar-le-Duc", "55029", "55", "Barrois", "du Barrois", .rural),
            Place("Strasbourg", "67482", "67", "Strasbourg", "de l’agglomération strasbourgeoise", .urbain),
        ]),
        RegionProfile("32", "dans les Hauts-de-France", "Région Hauts-de-France", "de l’université de Lille", [
            Place("Roubaix", "59512", "59", "Roubaix-Tourcoing", "de Roubaix-Tourcoing", .urbain),
            Place("Lens", "62498", "62", "Bassin minier", "du Bassin minier", .urbain),
            Place("Abbeville", "80001", "80", "Baie de Somme", "de la Baie de Somme", .rural),
            Place("Laon", "02408", "02", "Laonnois", "du Laonnois", .rural),
            Place("Dunkerque", "59183", "59", "Dunkerquois", "du Dunkerquois", .urbain),
            Place("Beauvais", "60057", "60", "Beauvaisis", "du Beauvaisis", .mixte),
            Place("Boulogne-sur-Mer", "62160", "62", "Boulonnais", "du Boulonnais", .mixte),
        ]),
        RegionProfile("11", "en Île-de-France", "Région Île-de-France", "de l’université Paris 8", [
            Place("Montreuil", "93048", "93", "Est parisien", "de l’Est parisien", .urbain),
            Place("Saint-Denis", "93066", "93", "Plaine Saint-Denis", "de la Plaine Saint-Denis", .urbain),
            Place("Provins", "77379", "77", "Provinois", "du Provinois", .rural),
            Place("Rambouillet", "78517", "78", "Sud Yvelines", "du Sud Yvelines", .rural),
            Place("Cergy", "95127", "95", "Cergy-Pontoise", "de Cergy-Pontoise", .urbain),
            Place("Évry-Courcouronnes", "91228", "91", "Centre Essonne", "du Centre Essonne", .urbain),
            Place("Meaux", "77284", "77", "Pays de Meaux", "du Pays de Meaux", .mixte),
            Place("Paris", "75056", "75", "Paris Nord-Est", "de Paris Nord-Est", .urbain),
        ]),
        RegionProfile("28", "en Normandie", "Région Normandie", "de l’université de Caen Normandie", [
            Place("Forges-les-Eaux", "76276", "76", "Pays de Bray", "du Pays de Bray", .rural),
            Place("Cherbourg-en-Cotentin", "50129", "50", "Cotentin", "du Cotentin", .mixte),
            Place("Argentan", "61006", "61", "Pays d’Argentan", "du Pays d’Argentan", .rural),
            Place("Le Havre", "76351", "76", "Estuaire de la Seine", "de l’estuaire de la Seine", .urbain),
            Place("Lisieux", "14366", "14", "Pays d’Auge", "du Pays d’Auge", .rural),
            Place("Dieppe", "76217", "76", "Dieppois", "du Dieppois", .mixte),
        ]),
        RegionProfile("75", "en Nouvelle-Aquitaine", "Région Nouvelle-Aquitaine", "de l’université de Bordeaux", [
            Place("Guéret", "23096", "23", "Pays de Guéret", "du Pays de Guéret", .rural),
            Place("Bayonne", "64102", "64", "Pays basque", "du Pays basque", .mixte),
            Place("Bergerac", "24037", "24", "Bergeracois", "du Bergeracois", .rural),
            Place("Niort", "79191", "79", "Niortais", "du Niortais", .mixte),
            Place("Bordeaux", "33063", "33", "Bordeaux Rive Droite", "de la rive droite bordelaise", .urbain),
            Place("Tulle", "19272", "19", "Pays de Tulle", "du Pays de Tulle", .rural),
            Place("Poitiers", "86194", "86", "Grand Poitiers", "du Grand Poitiers", .urbain),
            Place("Mont-de-Marsan", "40192", "40", "Marsan", "du Marsan", .rural),
            Place("La Rochelle", "17300", "17", "Aunis", "de l’Aunis", .mixte),
        ]),
        RegionProfile("76", "en Occitanie", "Région Occitanie", "de l’université Toulouse-Jean-Jaurès", [
            Place("Figeac", "46102", "46", "Pays de Figeac", "du Pays de Figeac", .rural),
            Place("Millau", "12145", "12", "Sud-Aveyron", "du Sud-Aveyron", .rural),
            Place("Nîmes", "30189", "30", "Nîmes", "de l’agglomération nîmoise", .urbain),
            Place("Mende", "48095", "48", "Gévaudan", "du Gévaudan", .rural),
            Place("Toulouse", "31555", "31", "Toulouse Nord", "de Toulouse Nord", .urbain),
            Place("Narbonne", "11262", "11", "Narbonnais", "du Narbonnais", .mixte),
            Place("Foix", "09122", "09", "Pays de Foix", "du Pays de Foix", .rural),
            Place("Albi", "81004", "81", "Albigeois", "de l’Albigeois", .mixte),
            Place("Perpignan", "66136", "66", "Roussillon", "du Roussillon", .mixte),
        ]),
        RegionProfile("52", "en Pays de la Loire", "Région Pays de la Loire", "de Nantes Université", [
            Place("Châteaubriant", "44036", "44", "Pays de Châteaubriant", "du Pays de Châteaubriant", .rural),
            Place("Nantes", "44109", "44", "Nantes", "de l’agglomération nantaise", .urbain),
            Place("Saumur", "49328", "49", "Saumurois", "du Saumurois", .rural),
            Place("Laval", "53130", "53", "Pays de Laval", "du Pays de Laval", .mixte),
            Place("Le Mans", "72181", "72", "Le Mans", "de l’agglomération mancelle", .urbain),
            Place("Cholet", "49099", "49", "Choletais", "du Choletais", .mixte),
        ]),
        RegionProfile("93", "en Provence-Alpes-Côte d’Azur", "Région Sud", "d’Aix-Marseille Université", [
            Place("Forcalquier", "04088", "04", "Pays de Forcalquier", "du Pays de Forcalquier", .rural),
            Place("Marseille", "13055", "13", "Marseille Nord", "de Marseille Nord", .urbain),
            Place("Briançon", "05023", "05", "Briançonnais", "du Briançonnais", .rural),
            Place("Arles", "13004", "13", "Pays d’Arles", "du Pays d’Arles", .mixte),
            Place("Avignon", "84007", "84", "Grand Avignon", "du Grand Avignon", .urbain),
        ]),
        RegionProfile("01", "en Guadeloupe", "Région Guadeloupe", "de l’université des Antilles", island: true, [
            Place("Le Moule", "97117", "971", "Nord Grande-Terre", "du Nord Grande-Terre", .rural),
            Place("Capesterre-Belle-Eau", "97107", "971", "Sud Basse-Terre", "du Sud Basse-Terre", .rural),
            Place("Pointe-à-Pitre", "97120", "971", "Pointe-à-Pitre", "de l’agglomération pointoise", .urbain),
        ]),
        RegionProfile("02", "en Martinique", "Collectivité territoriale de Martinique", "de l’université des Antilles", island: true, [
            Place("Le Robert", "97222", "972", "Centre Atlantique", "du Centre Atlantique", .mixte),
            Place("Sainte-Marie", "97228", "972", "Nord Atlantique", "du Nord Atlantique", .rural),
            Place("Fort-de-France", "97209", "972", "Fort-de-France", "de l’agglomération foyalaise", .urbain),
        ]),
        RegionProfile("03", "en Guyane", "Collectivité territoriale de Guyane", "de l’université de Guyane", [
            Place("Saint-Laurent-du-Maroni", "97311", "973", "Ouest guyanais", "de l’Ouest guyanais", .mixte),
            Place("Cayenne", "97302", "973", "Île de Cayenne", "de l’île de Cayenne", .urbain),
            Place("Kourou", "97304", "973", "Centre littoral", "du Centre littoral", .mixte),
        ]),
        RegionProfile("04", "à La Réunion", "Région Réunion", "de l’université de La Réunion", island: true, [
            Place("Saint-Benoît", "97410", "974", "Est réunionnais", "de l’Est réunionnais", .rural),
            Place("Saint-Pierre", "97416", "974", "Sud réunionnais", "du Sud réunionnais", .mixte),
            Place("Le Port", "97407", "974", "Ouest réunionnais", "de l’Ouest réunionnais", .urbain),
            Place("Le Tampon", "97422", "974", "Hauts du Sud", "des Hauts du Sud", .rural),
        ]),
        RegionProfile("06", "à Mayotte", "Département de Mayotte", "du centre universitaire de Mayotte", island: true, [
            Place("Chirongui", "97606", "976", "Sud de Mayotte", "du Sud de Mayotte", .rural),
            Place("Mamoudzou", "97611", "976", "Grand Mamoudzou", "du Grand Mamoudzou", .urbain),
            Place("Dzaoudzi", "97608", "976", "Petite-Terre", "de Petite-Terre", .mixte),
        ]),
    ]
}
