/// A `strftime`-style pattern for dates, parsed once: `strftime` writes dates with it and
/// `parse_date` reads them. Dates have no time of day, so only date directives exist:
///
/// | directive | writes | reads |
/// | --- | --- | --- |
/// | `%Y` | the year, four digits (`0987`, `2024`) | 1 to 4 digits |
/// | `%y` | the year in its century, two digits | two digits: 69-99 are 1969-1999, 00-68 are 2000-2068 |
/// | `%m`, `%d` | month, day of the month, two digits | 1 or 2 digits |
/// | `%j` | day of the year, three digits | 1 to 3 digits |
/// | `%b`, `%B` | `Jan`, `January` | the name, in any case |
/// | `%a`, `%A` | `Mon`, `Monday` | the name, in any case, which must be the date's |
/// | `%u`, `%w` | ISO weekday 1 (Monday) to 7; weekday 0 (Sunday) to 6 | not read |
/// | `%U`, `%W` | week of the year from the first Sunday / Monday, 00-53 | not read |
/// | `%V`, `%G` | ISO 8601 week 01-53 and its year | not read |
/// | `%%` | `%` | `%` |
public struct DatePattern: Sendable, Equatable {
    public enum Directive: Character, Sendable, CaseIterable {
        case year = "Y", shortYear = "y", month = "m", day = "d", dayOfYear = "j"
        case monthName = "B", shortMonthName = "b", weekdayName = "A", shortWeekdayName = "a"
        case isoWeekday = "u", weekdayFromSunday = "w", weekFromSunday = "U", weekFromMonday = "W"
        case isoWeek = "V", isoYear = "G"

        /// Whether `parse_date` can read it.
        public var isReadable: Bool {
            switch self {
            case .isoWeekday, .weekdayFromSunday, .weekFromSunday, .weekFromMonday, .isoWeek, .isoYear: return false
            default: return true
            }
        }
    }

    public enum Part: Sendable, Equatable {
        case text(String)
        case directive(Directive)
    }

    public let parts: [Part]

    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                    "September", "October", "November", "December"]
    /// Monday first, as ISO weekdays count.
    public static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Parses a pattern; the error says what is wrong, for a diagnostic at the pattern.
    public init(_ pattern: String) throws(DatePatternError) {
        var parts: [Part] = []
        var literal = ""
        var characters = Substring(pattern)
        while let character = characters.popFirst() {
            guard character == "%" else {
                literal.append(character)
                continue
            }
            guard let code = characters.popFirst() else {
                throw DatePatternError(message: "the pattern ends with a lone '%'; write %% for a percent sign")
            }
            if code == "%" {
                literal.append("%")
                continue
            }
            guard let directive = Directive(rawValue: code) else {
                let timeOfDay = "HIMSpfzZTRrclXxsekn".contains(code)
                throw DatePatternError(message: timeOfDay
                    ? "%\(code) is not a date directive: dates have no time of day"
                    : "unknown directive %\(code); the directives are %Y %y %m %d %j %b %B %a %A %u %w %U %W %V %G %%")
            }
            if !literal.isEmpty { parts.append(.text(literal)) }
            literal = ""
            parts.append(.directive(directive))
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        self.parts = parts
    }

    /// The directives `parse_date` cannot read, and whether a year is there to read.
    public var unreadable: [Directive] {
        parts.compactMap { if case .directive(let d) = $0, !d.isReadable { return d } else { return nil } }
    }

    public var readsYear: Bool { parts.contains(.directive(.year)) || parts.contains(.directive(.shortYear)) }

    // MARK: - Writing

    /// The date written in this pattern.
    public func format(_ days: Int32) -> String {
        let (year, month, day) = DateFormat.civil(fromDays: days)
        var out = ""
        for part in parts {
            switch part {
            case .text(let text): out += text
            case .directive(let directive): out += Self.field(directive, days: days, year: year, month: month, day: day)
            }
        }
        return out
    }

    private static func field(_ directive: Directive, days: Int32, year: Int, month: Int, day: Int) -> String {
        let weekday = isoWeekday(days)
        let dayOfYear = Int(days - DateFormat.days(year: year, month: 1, day: 1)) + 1
        switch directive {
        case .year: return padded(year, 4)
        case .shortYear: return padded(year % 100, 2)
        case .month: return padded(month, 2)
        case .day: return padded(day, 2)
        case .dayOfYear: return padded(dayOfYear, 3)
        case .monthName: return monthNames[month - 1]
        case .shortMonthName: return String(monthNames[month - 1].prefix(3))
        case .weekdayName: return weekdayNames[weekday - 1]
        case .shortWeekdayName: return String(weekdayNames[weekday - 1].prefix(3))
        case .isoWeekday: return String(weekday)
        case .weekdayFromSunday: return String(weekday % 7)
        // Days before the year's first Sunday (Monday) are in week 0.
        case .weekFromSunday: return padded((dayOfYear + 6 - weekday % 7) / 7, 2)
        case .weekFromMonday: return padded((dayOfYear + 6 - (weekday - 1)) / 7, 2)
        case .isoWeek: return padded(isoWeek(days).week, 2)
        case .isoYear: return padded(isoWeek(days).year, 4)
        }
    }

    /// Zero-padded to `width` digits; the ISO year of 0000-01-01 is -1, the only negative.
    private static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value.magnitude)
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// 1 = Monday ... 7 = Sunday; 1970-01-01 was a Thursday.
    static func isoWeekday(_ days: Int32) -> Int { ((Int(days) + 3) % 7 + 7) % 7 + 1 }

    /// The ISO 8601 week and the year it belongs to: week 1 holds the year's first Thursday.
    static func isoWeek(_ days: Int32) -> (year: Int, week: Int) {
        let thursday = Int(days) - isoWeekday(days) + 4
        let year = DateFormat.civil(fromDays: Int32(thursday)).year
        let firstDay = Int(DateFormat.days(year: year, month: 1, day: 1))
        return (year, (thursday - firstDay) / 7 + 1)
    }

    // MARK: - Reading

    /// The date `text` holds in this pattern, or nil when it does not match exactly or is
    /// not a real date.
    public func parse(_ text: String) -> Int32? {
        var input = Substring(text).unicodeScalars[...]
        var year: Int?, month = 1, day = 1, dayOfYear: Int?, weekday: Int?
        var sawMonth = false, sawDay = false
        func number(_ maxDigits: Int, exactly: Bool = false) -> Int? {
            var value = 0, digits = 0
            while digits < maxDigits, let next = input.first, ("0"..."9").contains(next) {
                value = value * 10 + Int(next.value - 0x30)
                digits += 1
                input.removeFirst()
            }
            return digits == 0 || (exactly && digits < maxDigits) ? nil : value
        }
        func name(_ names: [String], short: Bool) -> Int? {
            for (index, full) in names.enumerated() {
                let wanted = short ? String(full.prefix(3)) : full
                let count = wanted.unicodeScalars.count
                guard input.count >= count else { continue }
                let candidate = String(String.UnicodeScalarView(input.prefix(count)))
                if candidate.lowercased() == wanted.lowercased() {
                    input.removeFirst(count)
                    return index + 1
                }
            }
            return nil
        }
        for part in parts {
            switch part {
            case .text(let literal):
                for scalar in literal.unicodeScalars {
                    guard input.first == scalar else { return nil }
                    input.removeFirst()
                }
            case .directive(let directive):
                switch directive {
                case .year: guard let value = number(4) else { return nil }; year = value
                case .shortYear:
                    guard let value = number(2, exactly: true) else { return nil }
                    year = value < 69 ? 2000 + value : 1900 + value
                case .month: guard let value = number(2) else { return nil }; month = value; sawMonth = true
                case .day: guard let value = number(2) else { return nil }; day = value; sawDay = true
                case .dayOfYear: guard let value = number(3) else { return nil }; dayOfYear = value
                case .monthName, .shortMonthName:
                    guard let value = name(Self.monthNames, short: directive == .shortMonthName) else { return nil }
                    month = value
                    sawMonth = true
                case .weekdayName, .shortWeekdayName:
                    guard let value = name(Self.weekdayNames, short: directive == .shortWeekdayName) else { return nil }
                    weekday = value
                default:
                    return nil
                }
            }
        }
        guard input.isEmpty, let year, (0...9999).contains(year), (1...12).contains(month),
              (1...DateFormat.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        var days = DateFormat.days(year: year, month: month, day: day)
        if let dayOfYear {
            guard (1...(DateFormat.isLeapYear(year) ? 366 : 365)).contains(dayOfYear) else { return nil }
            let fromDayOfYear = DateFormat.days(year: year, month: 1, day: 1) + Int32(dayOfYear - 1)
            // A month or day given beside the day of the year must agree with it (each one
            // that is given: "%j %d" checks the day of the month only).
            let civil = DateFormat.civil(fromDays: fromDayOfYear)
            if (sawMonth && civil.month != month) || (sawDay && civil.day != day) { return nil }
            days = fromDayOfYear
        }
        if let weekday, weekday != Self.isoWeekday(days) { return nil }
        return days
    }
}

/// Why a date pattern is not valid, for a diagnostic at the pattern.
public struct DatePatternError: Error, Sendable {
    public let message: String
}
