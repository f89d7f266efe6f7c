import JuryCore

/// Small pieces of French prose: numbers, amounts, lists.
enum Phrase {
    /// « 1 250 », thousands grouped by a no-break space, as `Money.format` does without its « € ».
    static func number(_ value: Int) -> String { String(Money.format(value).dropLast(2)) }

    /// « 33 % »: the share of `part` in `whole`, rounded to the unit as prose gives it.
    static func percent(_ part: Int, of whole: Int) -> String {
        String(Int((100 * Double(part) / Double(whole)).rounded())) + "\u{00A0}%"
    }

    /// « a », « a et b », « a, b et c ».
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " et " + items[items.count - 1]
    }

    private static let words = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
                                "onze", "douze", "treize", "quatorze", "quinze", "seize"]

    /// « une collectivité », « trois entreprises », « 18 membres »: small numbers in letters, as prose writes them.
    static func count(_ value: Int, _ singular: String, _ plural: String, feminine: Bool = false) -> String {
        if value == 1 { return (feminine ? "une " : "un ") + singular }
        return (value < words.count ? words[value] : String(value)) + " " + plural
    }

    static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    static func lowercasedFirst(_ text: String) -> String { text.prefix(1).lowercased() + text.dropFirst() }
}
