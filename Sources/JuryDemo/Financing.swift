import JuryCore

/// The two-year budget of a pole: the State's share, public co-financers, then self-financing.
enum Financing {
    /// Self-financing lines start with this word, so that the narrative can add them up.
    static let selfFinancingPrefix = "Autofinancement"

    /// `total` euros, of which `requested` asked of the State; the co-financing lines add up
    /// exactly to the rest, in whole hundreds of euros.
    static func budget(total: Int, requested: Int, place: Place, region: RegionProfile, authority: String?,
                       rng: inout SeededGenerator) -> Budget {
        var publicLines: [(source: String, weight: Double)] = [
            ("\(region.council) — \(rng.pick(["soutien à l’économie sociale et solidaire", "fonds régional d’innovation sociale", "appel à projets ESS"]))", 3),
        ]
        if let council = place.department.council, rng.chance(0.65) {
            publicLines.append(("\(council) — \(rng.pick(["insertion et solidarités", "développement des territoires"]))", 2))
        }
        if let authority, rng.chance(0.8) { publicLines.append((authority, 2)) }
        if rng.chance(0.25) { publicLines.append(("Fonds social européen FSE+", 2.5)) }
        if rng.chance(0.25) { publicLines.append(("Banque des Territoires — ingénierie territoriale", 1.5)) }
        if rng.chance(0.35) {
            publicLines.append((rng.pick(["Mécénat — Fondation Terres Solidaires", "Mécénat — Fonds de dotation Avenir \(place.bare)",
                                          "Mécénat — Fondation d’entreprise Coopérer"]), 1.5))
        }
        let rest = total - requested
        let selfFinanced = min(rest / 2, hundreds(Double(total) * rng.double(0.12...0.32)))
        var lines = split(rest - selfFinanced, among: publicLines.map { ($0.source, $0.weight * rng.double(0.7...1.3)) })
        var selfLines = [("\(selfFinancingPrefix) — cotisations des membres", 1.0)]
        if rng.chance(0.7) { selfLines.append(("\(selfFinancingPrefix) — prestations et ventes", rng.double(1.2...2.5))) }
        lines += split(selfFinanced, among: selfLines)
        return Budget(total: total, requested: requested, cofinancing: lines)
    }

    private static func hundreds(_ euros: Double) -> Int { Int((euros / 100).rounded()) * 100 }

    /// Shares `amount` by weight; the last line takes what rounding left, so the sum is exact.
    private static func split(_ amount: Int, among lines: [(String, Double)]) -> [CofinancingLine] {
        let weights = lines.reduce(0) { $0 + $1.1 }
        var left = amount
        return lines.enumerated().map { i, line in
            let share = i == lines.count - 1 ? left : hundreds(Double(amount) * line.1 / weights)
            left -= share
            return CofinancingLine(source: line.0, amount: share)
        }
    }
}
