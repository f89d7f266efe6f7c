import Foundation

/// A point in time written as ISO 8601 with its UTC offset ("2023-07-31T12:00:00+02:00").
/// The text is kept as written so that files diff cleanly and show the offset people used.
public struct Instant: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let text: String
    public let date: Date

    public init?(_ text: String) {
        guard let date = Instant.parse(text) else { return nil }
        self.text = text
        self.date = date
    }

    /// The instant `date`, written in the given zone (Europe/Paris by default).
    public init(_ date: Date, timeZone: TimeZone = Instant.paris) {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withInternetDateTime]
        self.text = formatter.string(from: date)
        self.date = date
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let instant = Instant(text) else {
            throw DecodingRefusal.error(at: container.codingPath,
                                        Localized(.dateExpectedInISO8601FormatWith, ["text": text]))
        }
        self = instant
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public static func < (a: Instant, b: Instant) -> Bool { a.date < b.date }
    public static func == (a: Instant, b: Instant) -> Bool { a.date == b.date }
    public func hash(into hasher: inout Hasher) { hasher.combine(date) }
    public var description: String { text }

    public static let paris = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!

    /// RFC 3339: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, every field within its range.
    /// Written by hand: Foundation's ISO 8601 parser takes an hour of 25 (and rolls over to the
    /// next day), and making its formatters cost seconds when opening thousands of sheets.
    private static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var value = 0
            for byte in b[from..<from + count] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func separator(_ at: Int, _ ascii: Unicode.Scalar) -> Bool { at < b.count && b[at] == UInt8(ascii: ascii) }
        guard let year = number(0, 4), separator(4, "-"), let month = number(5, 2), separator(7, "-"),
              let day = number(8, 2), separator(10, "T"), let hour = number(11, 2), separator(13, ":"),
              let minute = number(14, 2), separator(16, ":"), let second = number(17, 2),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60 else { return nil }
        var i = 19
        var fraction = 0.0
        if separator(i, ".") {
            let digits = b[(i + 1)...].prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard (1...9).contains(digits.count) else { return nil }
            fraction = Double(number(i + 1, digits.count)!) / pow(10, Double(digits.count))
            i += 1 + digits.count
        }
        var offset = 0
        if separator(i, "Z") {
            i += 1
        } else if separator(i, "+") || separator(i, "-") {
            guard let hours = number(i + 1, 2), separator(i + 3, ":"), let minutes = number(i + 4, 2),
                  hours < 24, minutes < 60 else { return nil }
            offset = (separator(i, "-") ? -1 : 1) * (hours * 3_600 + minutes * 60)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let seconds = daysSince1970(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
