import JuryCore

/// The demo's only source of randomness is JuryCore's `SeededGenerator` (SeededGenerator, seeded);
/// these are the draws the generators need on top of it. Written here rather than taken from
/// the standard library: its `random(in:using:)` and `shuffled(using:)` may change between Swift
/// releases, and the generated campaigns must stay identical on every machine and every toolchain.
extension SeededGenerator {
    /// A uniform integer in the range (Lemire's multiply-high; the bias is below 2⁻³²).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next().multipliedFullWidth(by: span).high)
    }

    /// A uniform double in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / 9_007_199_254_740_992 }

    mutating func double(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// `count` distinct items in random order (partial Fisher–Yates).
    mutating func sample<T>(_ items: [T], _ count: Int) -> [T] {
        var pool = items
        let wanted = min(count, pool.count)
        for i in 0..<wanted { pool.swapAt(i, int(i...(pool.count - 1))) }
        return Array(pool[0..<wanted])
    }

    mutating func shuffled<T>(_ items: [T]) -> [T] { sample(items, items.count) }

    /// An index drawn with the given relative weights.
    mutating func weighted(_ weights: [Double]) -> Int {
        var draw = unit() * weights.reduce(0, +)
        for (i, weight) in weights.enumerated() {
            if draw < weight { return i }
            draw -= weight
        }
        return weights.count - 1
    }
}
