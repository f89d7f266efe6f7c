/// The deliberation's only source of randomness (tie draws, bootstrap): SplitMix64, seeded, so
/// that every draw can be replayed from the seed recorded in allocation.json. Not a
/// `RandomNumberGenerator` on purpose: the standard library's algorithms on top of it may change
/// between Swift releases, and a recorded draw must give the same result on every toolchain.
public struct SeededGenerator: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform index below `count` (Lemire's multiply-high; the bias is below 2⁻³²).
    public mutating func below(_ count: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(count)).high)
    }

    /// The recorded draw's ticket for one dossier: it depends on the seed and the number only,
    /// so a dossier's place in a draw does not change when another dossier is hidden or added.
    public static func ticket(seed: UInt64, dossier: Int) -> UInt64 {
        var generator = SeededGenerator(seed: seed ^ (UInt64(truncatingIfNeeded: dossier) &* 0xD6E8_FEB8_6659_FD93))
        return generator.next()
    }

    /// A default seed derived from a text (FNV-1a), so that a campaign has a reproducible draw
    /// before its allocation file records one.
    public static func seed(from text: String) -> UInt64 {
        text.utf8.reduce(0xCBF2_9CE4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }
}
