import Columnar
import Testing

/// The calendar table gives what the calendar arithmetic gives, for every day it holds and
/// for days on either side of it.
@Suite struct CalendarTableTests {
    static let days: [Int32] = Array(DateFormat.days(year: 1899, month: 12, day: 1)...DateFormat.days(year: 2100, month: 2, day: 1))
        + [Int32.min / 2, -1_000_000, 0, 1_000_000, Int32.max / 2]

    @Test func fieldsMatchTheArithmetic() {
        let civil = Self.days.map { DateFormat.civil(fromDays: $0) }
        #expect(CalendarTable.fields(.year, of: Self.days) == civil.map { Int64($0.year) })
        #expect(CalendarTable.fields(.month, of: Self.days) == civil.map { Int64($0.month) })
        #expect(CalendarTable.fields(.day, of: Self.days) == civil.map { Int64($0.day) })
    }

    @Test func periodStartsMatchTheArithmetic() {
        let civil = Self.days.map { DateFormat.civil(fromDays: $0) }
        #expect(CalendarTable.truncated(Self.days, to: .year) == civil.map { DateFormat.days(year: $0.year, month: 1, day: 1) })
        #expect(CalendarTable.truncated(Self.days, to: .quarter)
                == civil.map { DateFormat.days(year: $0.year, month: ($0.month - 1) / 3 * 3 + 1, day: 1) })
        #expect(CalendarTable.truncated(Self.days, to: .month) == civil.map { DateFormat.days(year: $0.year, month: $0.month, day: 1) })
    }
}
