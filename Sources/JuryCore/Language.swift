import Foundation

/// The interface speaks French; English is available.
public enum Language: String, Codable, Sendable, CaseIterable {
    case fr, en

    /// English when asked for (`--lang en`) or when the locale variables say English; French otherwise.
    public static func resolve(flag: String?, environment: [String: String]) -> Language {
        if let flag, let language = Language(rawValue: flag.lowercased()) { return language }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("en") ? .en : .fr
        }
        return .fr
    }
}

/// A text in both interface languages.
public struct Localized: Codable, Sendable, Equatable {
    public var fr: String
    public var en: String

    public init(fr: String, en: String) {
        self.fr = fr
        self.en = en
    }

    public func text(_ language: Language) -> String { language == .fr ? fr : en }
}

extension Localized {
    /// A text of the catalog in both languages, for what is decided once and read in either (an
    /// eligibility verdict, a store's refusal).
    public init(_ key: TextKey, _ arguments: [String: Any] = [:]) {
        self.init { $0.text(key, arguments) }
    }

    /// The text `make` writes in each language, for one assembled from several catalog texts.
    public init(_ make: (Language) -> String) {
        self.init(fr: make(.fr), en: make(.en))
    }
}

/// Amounts as French administration writes them: « 100 000 € ».
public enum Money {
    /// Thousands are separated by a no-break space so that an amount never wraps.
    public static func format(_ euros: Int) -> String {
        let digits = String(abs(euros))
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (euros < 0 ? "-" : "") + groups.joined(separator: "\u{00A0}") + "\u{00A0}€"
    }
}

/// Numbers with a decimal comma in French, point in English, rounded as a person rounds the
/// number written: the shortest decimal that reads back as the value, half away from zero. A
/// mean of 4,575 shows 4,58 (rounding the binary value, 4.57499999…, gave 4,57), as a spreadsheet
/// shows it, so that every screen and export gives the same figure for the same value.
public enum Decimal2 {
    public static func format(_ value: Double, digits: Int = 2, language: Language = .fr) -> String {
        let text = rounded(value, digits: digits, shift: 0)
        return language == .fr ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// The value as it is shown, as a number: what a spreadsheet must hold so that it computes
    /// with the figure the reader sees (4.575 → 4.58).
    public static func shown(_ value: Double, digits: Int = 2) -> Double {
        value.isFinite ? Double(rounded(value, digits: digits, shift: 0)) ?? value : value
    }

    /// A fraction as its percentage is shown, as a fraction again (0.145 → 15 % → 0.15).
    public static func shownPercent(_ value: Double, digits: Int = 0) -> Double {
        value.isFinite ? (Double(rounded(value, digits: digits, shift: 2)) ?? value * 100) / 100 : value
    }

    /// The value as a percentage (× 100, by moving the decimal point), rounded the same way.
    public static func percent(_ value: Double, digits: Int = 0, language: Language = .fr) -> String {
        let text = rounded(value, digits: digits, shift: 2)
        return language == .fr ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// `value × 10^shift` with `digits` decimals, « 4.58 ».
    static func rounded(_ value: Double, digits: Int, shift: Int) -> String {
        guard value.isFinite else { return String(format: "%.\(max(digits, 0))f", value) }
        let digits = max(digits, 0)
        // The shortest representation: « 4.575 », « 1e-05 », « 1.5e+20 » → digits and a power of ten.
        let written = "\(abs(value))"
        let parts = written.split(separator: "e", maxSplits: 1)
        var exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        var mantissa = ""
        var afterPoint = false
        for character in parts[0] {
            if character == "." { afterPoint = true; continue }
            mantissa.append(character)
            if afterPoint { exponent -= 1 }
        }
        exponent += shift
        // Whole units of 10^-digits, rounded half away from zero on the first digit dropped.
        var units: [UInt8] = mantissa.utf8.map { $0 - UInt8(ascii: "0") }
        let scale = exponent + digits
        if scale >= 0 {
            units += [UInt8](repeating: 0, count: scale)
        } else {
            let drop = -scale
            let roundUp = drop <= units.count && units[units.count - drop] >= 5
            units = drop < units.count ? Array(units.dropLast(drop)) : []
            if roundUp {
                var k = units.count - 1
                while k >= 0 && units[k] == 9 { units[k] = 0; k -= 1 }
                if k >= 0 { units[k] += 1 } else { units.insert(1, at: 0) }
            }
        }
        while units.count > 1 && units[0] == 0 { units.removeFirst() }
        if units.count < digits + 1 { units = [UInt8](repeating: 0, count: digits + 1 - units.count) + units }
        var text = String(decoding: units.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        if digits > 0 { text.insert(".", at: text.index(text.endIndex, offsetBy: -digits)) }
        let isZero = units.allSatisfy { $0 == 0 }
        return value < 0 && !isZero ? "-" + text : text
    }
}

public enum DateText {
    /// « 31/07/2023 12:00 » in Europe/Paris time.
    public static func paris(_ date: Date) -> String {
        let c = parisCalendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { (value ?? 0) < 10 ? "0\(value ?? 0)" : "\(value ?? 0)" }
        return "\(two(c.day))/\(two(c.month))/\(c.year ?? 0) \(two(c.hour)):\(two(c.minute))"
    }

    /// « 31/07/2023 12:00 (UTC+02:00) »: Europe/Paris time with its offset that day, as a signed
    /// record states it (summer and winter time differ by an hour).
    public static func parisZoned(_ date: Date) -> String {
        let seconds = Instant.paris.secondsFromGMT(for: date), minutes = abs(seconds) / 60
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return paris(date) + " (UTC" + (seconds < 0 ? "−" : "+") + two(minutes / 60) + ":" + two(minutes % 60) + ")"
    }

    /// Made once: a calendar per date cost a noticeable part of the console's start at 5 000 dossiers.
    private static let parisCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Instant.paris
        return calendar
    }()
}
