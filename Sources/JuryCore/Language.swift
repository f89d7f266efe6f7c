import Foundation

/// The interface speaks French; English is available.
public enum Language: String, Sendable, CaseIterable {
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

    public func pick(_ fr: String, _ en: String) -> String { self == .fr ? fr : en }
}

/// A text in both interface languages.
public struct Localized: Sendable, Equatable {
    public var fr: String
    public var en: String

    public init(fr: String, en: String) {
        self.fr = fr
        self.en = en
    }

    public func text(_ language: Language) -> String { language == .fr ? fr : en }
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

/// Numbers with a decimal comma in French, point in English.
public enum Decimal2 {
    public static func format(_ value: Double, digits: Int = 2, language: Language = .fr) -> String {
        let text = String(format: "%.\(digits)f", value)
        return language == .fr ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}

public enum DateText {
    /// « 31/07/2023 12:00 » in Europe/Paris time.
    public static func paris(_ date: Date) -> String {
        let c = parisCalendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { (value ?? 0) < 10 ? "0\(value ?? 0)" : "\(value ?? 0)" }
        return "\(two(c.day))/\(two(c.month))/\(c.year ?? 0) \(two(c.hour)):\(two(c.minute))"
    }

    /// Made once: a calendar per date cost a noticeable part of the console's start at 5 000 dossiers.
    private static let parisCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Instant.paris
        return calendar
    }()
}
