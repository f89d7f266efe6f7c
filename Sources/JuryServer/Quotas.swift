import Foundation
import JuryCore

/// What one member may ask of the jury server, so that no member can fill its disk or its writer
/// (docs/SERVER.md, « Quotas »). Each refusal is a clear word to the member, never a silent drop.
public enum Quotas {
    /// A comment, an overall opinion, a motivation, a reason, a name: at most this many characters.
    public static let textCharacters = 20_000
    /// Changes a member may send in a burst, then this many a second (by default: `serve
    /// --changes-per-second` sets another rate, the burst being about three seconds' worth).
    public static let changeBurst = 100
    public static let changesPerSecond = 30.0
    /// Journal bytes a member's changes may add in an hour.
    public static let journalBytesPerHour = 16 << 20
    /// Seconds a read or costly job may compute (`serve --read-seconds` sets another): past them it
    /// stops at its next cancellation point (the bootstrap's resamples) and is refused `timeLimit`.
    public static let readSeconds = 10
}

/// A request whose texts are bounded by `Quotas.textCharacters`: each text with the field it fills.
public protocol BoundedTexts {
    var texts: [(field: String, text: String)] { get }
}

extension BoundedTexts {
    /// The refusal of the first text over the bound.
    func overlong() -> Refusal? {
        guard let long = texts.first(where: { $0.text.count > Quotas.textCharacters }) else { return nil }
        return Refusal(.tooLong, ["field": long.field, "limit": "\(Quotas.textCharacters)", "unit": "characters"])
    }
}

extension ScoreSheet {
    var texts: [(field: String, text: String)] {
        [("overall", overall)] + comments.sorted { $0.key < $1.key }.map { ("comments.\($0.key)", $0.value) }
    }
}

extension SaveSheetRequest: BoundedTexts {
    public var texts: [(field: String, text: String)] { sheet.texts }
}

extension DeclareConflictRequest: BoundedTexts {
    public var texts: [(field: String, text: String)] { [("reason", reason)] }
}

extension SaveAllocationRequest: BoundedTexts {
    public var texts: [(field: String, text: String)] {
        allocation.motivations.map { ("motivations.\($0.dossier)", $0.text) }
            + (allocation.acknowledgements ?? []).map { ("acknowledgements.\($0.key)", $0.reason) }
            + (allocation.reopenings ?? []).map { ("reopenings", $0.motivation) }
    }
}

extension ScoreRequest: BoundedTexts {
    public var texts: [(field: String, text: String)] {
        [("overall", overall ?? "")] + comments.map { ("comment", $0) } + values.map { ("set", $0) }
    }
}

extension AllocateRequest: BoundedTexts {
    public var texts: [(field: String, text: String)] { [("motivation", motivation ?? ""), ("acknowledge", acknowledge ?? "")] }
}

extension ConflictDeclareRequest: BoundedTexts {
    public var texts: [(field: String, text: String)] { [("reason", reason)] }
}

extension ConflictRecordRequest: BoundedTexts {
    public var texts: [(field: String, text: String)] { [("reason", reason)] }
}

extension JuryAddRequest: BoundedTexts {
    public var texts: [(field: String, text: String)] { [("memberName", memberName)] }
}

/// One member's allowance of changes: a bucket of `changeBurst` tokens refilled at `changesPerSecond`,
/// and the journal bytes of the current hour.
struct Allowance {
    /// Changes a second, and how many may come at once.
    let rate: Double
    let burst: Double
    private var tokens: Double
    private var refilled = Date()
    private var hour = Date()
    private var journalBytes = 0

    init(perSecond rate: Double) {
        self.rate = rate
        burst = rate == Quotas.changesPerSecond ? Double(Quotas.changeBurst) : (rate * 10 / 3).rounded(.up)
        tokens = burst
    }

    /// The refusal of one more change now, if it must be refused.
    mutating func take(at now: Date = Date()) -> Refusal? {
        tokens = min(burst, tokens + now.timeIntervalSince(refilled) * rate)
        refilled = now
        if now.timeIntervalSince(hour) >= 3600 { (hour, journalBytes) = (now, 0) }
        if journalBytes >= Quotas.journalBytesPerHour {
            return Refusal(.quota, ["limit": "\(Quotas.journalBytesPerHour >> 20)", "minutes": "\(max(1, Int(3600 - now.timeIntervalSince(hour)) / 60))"])
        }
        guard tokens >= 1 else { return Refusal(.tooFast, ["perSecond": "\(Int(rate))"]) }
        tokens -= 1
        return nil
    }

    mutating func wrote(journalBytes bytes: Int) { journalBytes += bytes }

    /// One change taken beyond the allowance (a parked save written before another change): the
    /// next ones wait until it is paid back.
    mutating func owe() { tokens -= 1 }

    /// Seconds until the allowance has room for one more change.
    func wait(at now: Date = Date()) -> TimeInterval {
        max(0, (1 - min(burst, tokens + now.timeIntervalSince(refilled) * rate)) / rate)
    }
}
