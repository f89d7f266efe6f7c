import Foundation
import JuryCore

/// What reading one value gave.
enum Reading<Value> {
    /// Nothing was written in the champ.
    case empty
    case value(Value)
    /// Something was written that is not a value of this kind: why, for the report.
    case unreadable(String)
}

/// Labels compared the way people read them: case, accents, apostrophes (’ or '), runs of spaces
/// and surrounding spaces do not matter.
enum LabelKey {
    static func of(_ label: String) -> String {
        let words = label.replacing("’", with: "'").replacing("‘", with: "'").split(whereSeparator: { $0.isWhitespace })
        return words.joined(separator: " ").folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }
}

/// Reads the values of an export into the model's types, by the mapping's reading rules:
/// « 100 000 € », « 100000,50 », « 1 500 000 », Oui/Non, dates in the listed formats.
/// One per import (it caches, and DateFormatter is not thread-safe).
final class ValueReader {
    let rules: ReadingRules
    let language: Language
    /// Made on first use: most imports never need them (the API writes ISO 8601), and the import
    /// makes a reader per run of dossiers it builds on each core.
    private lazy var formatters: [DateFormatter] = rules.dateFormats.map { format in
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR")
        formatter.timeZone = rules.timeZone
        formatter.isLenient = false
        formatter.dateFormat = format
        return formatter
    }
    private let yes: Set<String>
    private let no: Set<String>
    /// Lowercased, longest first (« euros » before « euro »).
    private let currency: [String]
    private var labelKeys: [String: String] = [:]
    private var instants: [Date: Instant] = [:]
    private let calendar: Calendar

    init(rules: ReadingRules, language: Language) {
        self.rules = rules
        self.language = language
        currency = rules.currency.map { $0.lowercased() }.sorted { $0.count > $1.count }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = rules.timeZone
        self.calendar = calendar
        yes = Set(rules.yes.map(LabelKey.of))
        no = Set(rules.no.map(LabelKey.of))
    }

    /// `LabelKey.of`, remembered: the same labels come back in every dossier.
    func key(_ label: String) -> String {
        if let known = labelKeys[label] { return known }
        let key = LabelKey.of(label)
        labelKeys[label] = key
        return key
    }

    func text(_ value: SourceValue) -> Reading<String> {
        if value.isEmpty { return .empty }
        switch value {
        case .text(let text): return .value(text.trimmed)
        case .number(let number): return .value(numberText(number))
        case .bool(let flag): return .value((flag ? rules.yes : rules.no).first ?? String(flag))
        case .date(let text): return .value(text)
        case .list(let values): return .value(values.joined(separator: ", "))
        case .files(let files): return .value(files.map(\.name).joined(separator: ", "))
        case .rows, .empty: return .unreadable(language.text(.aRepeatedBlockIsNotAText))
        }
    }

    /// Whole euros, rounded to the nearest.
    func amount(_ value: SourceValue) -> Reading<Int> {
        switch decimal(value) {
        case .empty: return .empty
        case .unreadable: return .unreadable(language.text(.unreadableAmount))
        case .value(let number):
            guard abs(number) < 1e12 else { return .unreadable(language.text(.amountOutOfRange)) }
            return .value(Int(number.rounded()))
        }
    }

    func decimal(_ value: SourceValue) -> Reading<Double> {
        switch value {
        case _ where value.isEmpty: return .empty
        case .number(let number): return number.isFinite ? .value(number) : .unreadable(unreadableNumber)
        case .text(let text): return parseNumber(text).map { .value($0) } ?? .unreadable(unreadableNumber)
        default: return .unreadable(unreadableNumber)
        }
    }

    func year(_ value: SourceValue) -> Reading<Int> {
        let unreadable = Reading<Int>.unreadable(language.text(.unreadableYear))
        let plausible = 1800...2200
        switch value {
        case _ where value.isEmpty: return .empty
        case .number(let number):
            guard number == number.rounded(), plausible.contains(Int(exactly: number) ?? 0) else { return unreadable }
            return .value(Int(number))
        case .text(let text):
            let trimmed = text.trimmed
            if let year = Int(trimmed) { return plausible.contains(year) ? .value(year) : unreadable }
            guard case .value(let instant) = self.instant(value) else { return unreadable }
            return .value(yearOf(instant.date))
        case .date(let text):
            guard let year = Int(text.prefix(4)), plausible.contains(year) else { return unreadable }
            return .value(year)
        default:
            return unreadable
        }
    }

    func yesNo(_ value: SourceValue) -> Reading<Bool> {
        switch value {
        case _ where value.isEmpty: return .empty
        case .bool(let flag): return .value(flag)
        case .text(let text):
            let key = self.key(text)
            if yes.contains(key) { return .value(true) }
            if no.contains(key) { return .value(false) }
            fallthrough
        default:
            return .unreadable(language.text(.neitherYesNorNoYesNo, ["yes": rules.yes.joined(separator: ", "), "no": rules.no.joined(separator: ", ")]))
        }
    }

    func instant(_ value: SourceValue) -> Reading<Instant> {
        switch value {
        case _ where value.isEmpty: return .empty
        case .date(let text), .text(let text):
            let trimmed = text.trimmed
            if let instant = Instant(trimmed) { return .value(instant) }
            if let date = localISO(trimmed) ?? formatters.lazy.compactMap({ $0.date(from: trimmed) }).first {
                return .value(instant(date))
            }
        case .number(let serial) where serial > 0 && serial < 200_000:
            // A spreadsheet date: days since 30 December 1899, as wall-clock time of the rules' zone.
            let wallClock = Date(timeIntervalSince1970: ((serial - 25_569) * 86_400).rounded())
            return .value(instant(wallClock.addingTimeInterval(-Double(rules.timeZone.secondsFromGMT(for: wallClock)))))
        default:
            break
        }
        return .unreadable(language.text(.unreadableDateFormatsReadISO8601, ["formats": rules.dateFormats.joined(separator: ", ")]))
    }

    // MARK: - Numbers

    private var unreadableNumber: String { language.text(.unreadableNumber) }

    private func numberText(_ number: Double) -> String {
        if number == number.rounded() && abs(number) < 1e15 { return String(Int64(number)) }
        let text = String(number)
        return rules.decimalSeparator == "," ? text.replacing(".", with: ",") : text
    }

    /// « 100 000 € », « 100000,50 », « 1 500 000 », « 1.500.000,00 EUR », « 100000.5 ». Spaces of any
    /// kind group thousands. With a decimal comma, dots that group by three (« 1.500 ») are
    /// thousands too, and a lone dot otherwise is a decimal point (as the platform writes decimals).
    func parseNumber(_ input: String) -> Double? {
        var text = input.lowercased()
        for symbol in currency { text = text.replacing(symbol, with: "") }
        text = String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
        var negative = false
        if let sign = text.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            text.removeFirst()
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }) else { return nil }
        let decimal = rules.decimalSeparator, other: Character = decimal == "," ? "." : ","
        let decimals = text.filter { $0 == decimal }.count, others = text.filter { $0 == other }.count
        var normalized: String
        switch (decimals, others) {
        case (0, 0):
            normalized = text
        case (_, 0):
            guard decimals == 1 || groupsOfThree(text, by: decimal) else { return nil }
            normalized = decimals == 1 ? text.replacing(String(decimal), with: ".") : text.filter { $0 != decimal }
        case (0, _):
            normalized = groupsOfThree(text, by: other) ? text.filter { $0 != other }
                : others == 1 ? text.replacing(String(other), with: ".") : ""
        default:
            // Both: the last one is the decimal mark, and occurs once.
            let last = text.last { $0 == decimal || $0 == other }!
            let grouping: Character = last == decimal ? other : decimal
            guard text.filter({ $0 == last }).count == 1 else { return nil }
            let integerPart = String(text[..<text.lastIndex(of: last)!])
            guard groupsOfThree(integerPart, by: grouping) else { return nil }
            normalized = text.filter { $0 != grouping }.replacing(String(last), with: ".")
        }
        guard let number = Double(normalized), number.isFinite else { return nil }
        return negative ? -number : number
    }

    /// « 1.500 », « 12,500,000 »: a first group of one to three digits not starting with 0, then
    /// groups of exactly three.
    private func groupsOfThree(_ text: String, by separator: Character) -> Bool {
        let groups = text.split(separator: separator, omittingEmptySubsequences: false)
        guard groups.count > 1, let first = groups.first, (1...3).contains(first.count), first.first != "0" else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    // MARK: - Dates

    /// « 2023-07-28T10:15:00 » or « 2023-07-28 »: ISO 8601 without an offset, as ODS writes its
    /// dates, read as wall-clock time of the rules' zone.
    private func localISO(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "T" || $0 == ":" || $0 == "." })
        // Digits only, and few of them: a year of four, other fields of two (the fraction is not read).
        guard [3, 5, 6, 7].contains(parts.count), parts[0].count == 4,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts.dropFirst().prefix(5).allSatisfy({ $0.count <= 2 }) else { return nil }
        let numbers = parts.prefix(6).compactMap { Int($0) }
        guard numbers.count == min(parts.count, 6) else { return nil }
        var components = DateComponents(year: numbers[0], month: numbers[1], day: numbers[2])
        if numbers.count >= 5 {
            components.hour = numbers[3]
            components.minute = numbers[4]
            components.second = numbers.count == 6 ? numbers[5] : 0
        }
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == numbers[2] else { return nil }
        return date
    }

    /// The instant `date`, written in the rules' zone. `Instant(_:timeZone:)` makes an ISO 8601
    /// formatter each time, which was most of reading a spreadsheet's dates: written here with one
    /// calendar, and each date once.
    private func instant(_ date: Date) -> Instant {
        if let known = instants[date] { return known }
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = rules.timeZone.secondsFromGMT(for: date)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let zone = offset == 0 ? "Z" : (offset < 0 ? "-" : "+") + two(abs(offset) / 3_600) + ":" + two(abs(offset) % 3_600 / 60)
        let text = "\(c.year ?? 0)-\(two(c.month ?? 1))-\(two(c.day ?? 1))T\(two(c.hour ?? 0)):\(two(c.minute ?? 0)):\(two(c.second ?? 0))" + zone
        // Anything unusual (a fraction of a second, an offset in seconds) goes the long way.
        let written = Instant(text).flatMap { $0.date == date ? $0 : nil }
        let instant = written ?? Instant(date, timeZone: rules.timeZone)
        instants[date] = instant
        return instant
    }

    private func yearOf(_ date: Date) -> Int {
        calendar.component(.year, from: date)
    }
}

extension String {
    /// Without the white space around it. Foundation's `trimmingCharacters` goes through NSString
    /// on Linux and was most of an import's time.
    var trimmed: String {
        guard let first = unicodeScalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = unicodeScalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(Substring(unicodeScalars[first...last]))
    }
}
