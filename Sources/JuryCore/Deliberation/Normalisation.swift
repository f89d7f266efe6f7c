import Foundation

/// How one reviewer scores across the dossiers of a panel, and whether the z-score corrects them.
public struct ReviewerCalibration: Sendable, Equatable {
    public let reviewer: String
    public let sheets: Int
    public let mean: Double
    public let standardDeviation: Double
    /// Why this reviewer's scores are left raw; nil when they are normalised.
    public let rawBecause: RawReason?

    public var isNormalised: Bool { rawBecause == nil }

    public enum RawReason: Sendable, Equatable {
        /// Too few submitted sheets to estimate the reviewer's habits.
        case tooFewSheets(have: Int, need: Int)
        /// Every total is the same: there is no spread to divide by.
        case noSpread
    }
}

/// Per-reviewer z-score: z = (x − μ_r) / σ_r, put back on the grid's scale with the whole panel's
/// mean and spread (μ + σ·z), so that it reads like a total and mixes with the raw totals of the
/// reviewers that cannot be normalised (too few sheets, no spread) — which the output names.
public struct ZScoreNormalisation: Sendable {
    /// At least this many submitted sheets before a reviewer's habits are corrected.
    public static let defaultMinimumSheets = 5

    public let minimumSheets: Int
    public let poolMean: Double
    public let poolStandardDeviation: Double
    /// Every reviewer with a submitted sheet in the panel, in login order.
    public let reviewers: [ReviewerCalibration]
    private let byLogin: [String: ReviewerCalibration]

    public init(panel: Panel, minimumSheets: Int = ZScoreNormalisation.defaultMinimumSheets) {
        var byReviewer: [String: [Double]] = [:], all: [Double] = []
        for dossier in panel.dossiers {
            for (reviewer, total) in panel.totals(dossier.number) {
                byReviewer[reviewer, default: []].append(total)
                all.append(total)
            }
        }
        self.minimumSheets = minimumSheets
        poolMean = Stats.mean(all) ?? 0
        poolStandardDeviation = Stats.standardDeviation(all) ?? 0
        reviewers = byReviewer.keys.sorted().map { login in
            let totals = byReviewer[login]!
            let mean = Stats.mean(totals)!, deviation = Stats.standardDeviation(totals)!
            let reason: ReviewerCalibration.RawReason? = totals.count < minimumSheets
                ? .tooFewSheets(have: totals.count, need: minimumSheets)
                : deviation < 1e-12 ? .noSpread : nil
            return ReviewerCalibration(reviewer: login, sheets: totals.count, mean: mean, standardDeviation: deviation,
                                       rawBecause: reason)
        }
        byLogin = Dictionary(uniqueKeysWithValues: reviewers.map { ($0.reviewer, $0) })
    }

    /// One sheet's total as the z-score method counts it.
    public func value(_ total: Double, by reviewer: String) -> Double {
        guard let calibration = byLogin[reviewer], calibration.isNormalised else { return total }
        return poolMean + poolStandardDeviation * (total - calibration.mean) / calibration.standardDeviation
    }
}

/// The additive bias model y_dr = f_d + b_r + ε, fitted by least squares with Σ b_r = 0: f_d is
/// the dossier's merit once each reviewer's habit b_r (harsh < 0 < lenient) is taken out.
///
/// Eliminating f_d (f_d = mean over d's sheets of y_dr − b_r) leaves, for each reviewer r,
///   Σ_{d∈D_r} (y_dr − ȳ_d) = n_r·b_r − Σ_{d∈D_r} (1/n_d)·Σ_{r'∈R_d} b_r'
/// a singular system (adding a constant to every b changes nothing) made regular by adding
/// 1·1ᵀ: its solution then satisfies Σ b_r = 0. Reviewers ≤ 50: a dense exact solve.
/// Reviewers who share no dossier, even through others, cannot be compared: each such group
/// gets Σ b = 0 of its own.
public struct BiasModel: Sendable {
    /// b_r, by login.
    public let biases: [String: Double]
    /// f_d, by dossier number, for the dossiers with a submitted sheet.
    public let merits: [Int: Double]
    /// Groups of reviewers linked by shared dossiers; more than one means the biases of
    /// different groups are not comparable.
    public let groups: Int

    public init(panel: Panel) {
        // In number order, so that sums are made in the same order on every run.
        var byDossier: [(dossier: Int, sheets: [(reviewer: Int, value: Double)])] = []
        var index: [String: Int] = [:], logins: [String] = []
        for dossier in panel.dossiers {
            let sheets = panel.totals(dossier.number).map { reviewer, total in
                let r = index[reviewer] ?? { index[reviewer] = logins.count; logins.append(reviewer); return logins.count - 1 }()
                return (reviewer: r, value: total)
            }
            if !sheets.isEmpty { byDossier.append((dossier.number, sheets)) }
        }
        let count = logins.count

        var matrix = [[Double]](repeating: [Double](repeating: 0, count: count), count: count)
        var rhs = [Double](repeating: 0, count: count)
        var links = UnionFind(count)
        for (_, sheets) in byDossier {
            let n = Double(sheets.count), mean = sheets.reduce(0) { $0 + $1.value } / n
            for a in sheets {
                matrix[a.reviewer][a.reviewer] += 1
                rhs[a.reviewer] += a.value - mean
                for b in sheets { matrix[a.reviewer][b.reviewer] -= 1 / n }
                links.join(a.reviewer, sheets[0].reviewer)
            }
        }
        var members: [Int: [Int]] = [:]
        for r in 0..<count { members[links.root(r), default: []].append(r) }
        for group in members.values { for a in group { for b in group { matrix[a][b] += 1 } } }
        let solution = DenseSolver.solve(matrix, rhs)

        biases = Dictionary(uniqueKeysWithValues: logins.enumerated().map { ($1, solution[$0]) })
        merits = Dictionary(uniqueKeysWithValues: byDossier.map { dossier, sheets in
            (dossier, sheets.reduce(0) { $0 + $1.value - solution[$1.reviewer] } / Double(sheets.count))
        })
        groups = members.count
    }

    /// One sheet's total with its reviewer's habit taken out.
    public func value(_ total: Double, by reviewer: String) -> Double { total - (biases[reviewer] ?? 0) }
}

private struct UnionFind {
    private var parent: [Int]
    init(_ count: Int) { parent = Array(0..<count) }
    mutating func root(_ x: Int) -> Int {
        var x = x
        while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
        return x
    }
    mutating func join(_ a: Int, _ b: Int) { parent[root(a)] = root(b) }
}

/// Gaussian elimination with partial pivoting, for the small symmetric positive definite systems
/// of the bias model.
enum DenseSolver {
    static func solve(_ matrix: [[Double]], _ rhs: [Double]) -> [Double] {
        var a = matrix, b = rhs
        let n = b.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            let p = a[column][column]
            guard abs(p) > 1e-15 else { continue }
            for row in (column + 1)..<n where a[row][column] != 0 {
                let factor = a[row][column] / p
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            let sum = ((row + 1)..<n).reduce(b[row]) { $0 - a[row][$1] * x[$1] }
            x[row] = abs(a[row][row]) > 1e-15 ? sum / a[row][row] : 0
        }
        return x
    }
}
