import Foundation
import JuryCore

/// Makes `Instant`s in Paris time. Each new instant costs an ISO 8601 formatter (about 0.1 ms),
/// so times are rounded to `granularity` seconds and repeated ones come from a cache: without
/// it, the 5 000-dossier synthetic campaign would spend seconds formatting dates.
struct Timestamps {
    let granularity: Int
    private var cache: [Int: Instant] = [:]

    init(granularity: Int) { self.granularity = granularity }

    mutating func at(_ secondsSince1970: Int) -> Instant {
        let rounded = secondsSince1970 / granularity * granularity
        if let known = cache[rounded] { return known }
        let instant = Instant(Date(timeIntervalSince1970: TimeInterval(rounded)))
        cache[rounded] = instant
        return instant
    }

    /// When a dossier was filed: any day of the call, more often near its end, in the daytime
    /// or evening; on the last day, before noon.
    mutating func filing(during call: CallPeriod, rng: inout SeededGenerator) -> Instant {
        let opening = Int(call.opening.date.timeIntervalSince1970), closing = Int(call.closing.date.timeIntervalSince1970)
        let days = (closing - opening) / 86_400
        let day = min(days, Int(Double(days + 1) * rng.unit().squareRoot()))
        var time = opening + day * 86_400 + rng.int(8 * 3_600...23 * 3_600)
        if time > closing { time = closing - rng.int(300...4 * 3_600) }
        return at(time)
    }

    /// A working moment (Monday to Saturday, 8 h – 20 h) in the `days` after `monday`, a Monday at midnight.
    mutating func working(after monday: Instant, days: Int, rng: inout SeededGenerator) -> Instant {
        var day = rng.int(0...days)
        if day % 7 == 6 { day -= 1 }
        return at(Int(monday.date.timeIntervalSince1970) + day * 86_400 + rng.int(8 * 3_600...20 * 3_600))
    }
}
