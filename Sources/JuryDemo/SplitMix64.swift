/// The demo's only source of randomness: SplitMix64 (Steele, Lea & Flood, 2014), seeded.
/// It does not conform to `RandomNumberGenerator` on purpose: the standard library's
/// `random(in:using:)` and `shuffled(using:)` may change between Swift releases, and the
/// generated campaigns must stay identical on every machine and every toolchain.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in the range (Lemire's multiply-high; the bias is below 2⁻³²).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next().multipliedFullWidth(by: span).high)
    }

    /// A uniform index below `count`, to choose among `count` phrasings.
    mutating func below(_ count: Int) -> Int { int(0...(count - 1)) }

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
