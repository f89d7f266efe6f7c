/// The 18 French regions with their INSEE codes (13 in metropolitan France, 5 overseas).
public enum Regions {
    public static let all: [Area] = [
        Area(code: "84", name: "Auvergne-Rhône-Alpes"),
        Area(code: "27", name: "Bourgogne-Franche-Comté"),
        Area(code: "53", name: "Bretagne"),
        Area(code: "24", name: "Centre-Val de Loire"),
        Area(code: "94", name: "Corse"),
        Area(code: "44", name: "Grand Est"),
        Area(code: "32", name: "Hauts-de-France"),
        Area(code: "11", name: "Île-de-France"),
        Area(code: "28", name: "Normandie"),
        Area(code: "75", name: "Nouvelle-Aquitaine"),
        Area(code: "76", name: "Occitanie"),
        Area(code: "52", name: "Pays de la Loire"),
        Area(code: "93", name: "Provence-Alpes-Côte d’Azur"),
        Area(code: "01", name: "Guadeloupe"),
        Area(code: "02", name: "Martinique"),
        Area(code: "03", name: "Guyane"),
        Area(code: "04", name: "La Réunion"),
        Area(code: "06", name: "Mayotte"),
    ]

    public static let overseasCodes: Set<String> = ["01", "02", "03", "04", "06"]

    public static func isOverseas(_ region: Area) -> Bool { overseasCodes.contains(region.code) }
    public static func named(code: String) -> Area? { all.first { $0.code == code } }
}
