/// The calendar fields of every day from 1900 to 2099, for turning whole columns of dates
/// into years, months or period starts by table lookup rather than calendar arithmetic per
/// row (a few divisions each). Days outside the table take the arithmetic.
public enum CalendarTable {
    /// The calendar field a column of dates is turned into.
    public enum Field: Sendable {
        case year, month, day
    }

    /// The period a date is truncated to (the first day of it).
    public enum Period: Sendable {
        case year, quarter, month
    }

    private static let first = DateFormat.days(year: 1900, month: 1, day: 1)
    private static let end = DateFormat.days(year: 2100, month: 1, day: 1)

    /// Per day: bits 0-4 the day, 5-8 the month, 9-17 the day of the year (from 0), 18-25
    /// the year after 1900.
    private static let entries: [UInt32] = {
        var entries: [UInt32] = []
        entries.reserveCapacity(Int(end - first))
        for year in 1900..<2100 {
            var dayOfYear = 0
            for month in 1...12 {
                for day in 1...DateFormat.daysInMonth(year: year, month: month) {
                    entries.append(UInt32(day) | UInt32(month) << 5 | UInt32(dayOfYear) << 9 | UInt32(year - 1900) << 18)
                    dayOfYear += 1
                }
            }
        }
        return entries
    }()

    /// `field` of each date.
    public static func fields(_ field: Field, of days: [Int32]) -> [Int64] {
        let table = entries
        return table.withUnsafeBufferPointer { table in
            days.map { day in
                let index = Int(day) - Int(first)
                guard index >= 0, index < table.count else {
                    let civil = DateFormat.civil(fromDays: day)
                    return Int64(field == .year ? civil.year : field == .month ? civil.month : civil.day)
                }
                let entry = table[index]
                switch field {
                case .year: return Int64(entry >> 18) + 1900
                case .month: return Int64(entry >> 5 & 0xF)
                case .day: return Int64(entry & 0x1F)
                }
            }
        }
    }

    /// The first day of the `period` of each date.
    public static func truncated(_ days: [Int32], to period: Period) -> [Int32] {
        let table = entries
        return table.withUnsafeBufferPointer { table in
            days.map { day in
                let index = Int(day) - Int(first)
                guard index >= 0, index < table.count, period != .quarter else { return arithmetic(day, period) }
                let entry = table[index]
                switch period {
                case .year: return day - Int32(entry >> 9 & 0x1FF)
                default: return day - Int32(entry & 0x1F) + 1
                }
            }
        }
    }

    private static func arithmetic(_ day: Int32, _ period: Period) -> Int32 {
        let (year, month, _) = DateFormat.civil(fromDays: day)
        switch period {
        case .year: return DateFormat.days(year: year, month: 1, day: 1)
        case .quarter: return DateFormat.days(year: year, month: (month - 1) / 3 * 3 + 1, day: 1)
        case .month: return DateFormat.days(year: year, month: month, day: 1)
        }
    }
}
