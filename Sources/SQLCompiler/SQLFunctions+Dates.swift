import Columnar
import Semantic

/// Date functions and date arithmetic. Amity's calendar runs from 0000-01-01 to 9999-12-31,
/// year 0 being PostgreSQL's 1 BC; PostgreSQL's runs further, so a result outside Amity's is
/// an error raised by the SQL, as in memory.
extension SQLExpression {
    /// Amity's first and last days, in PostgreSQL's spelling.
    static let firstDay = "DATE '0001-01-01 BC'", lastDay = "DATE '9999-12-31'"

    /// `date` (SQL) where it is inside Amity's calendar, else Amity's error for `operation`.
    static func inCalendar(_ date: String, _ operation: String) -> String {
        let failure = SQLFailure.raise("E0403", "date out of range in \(operation)", type: .date, row: date)
        return "CASE WHEN \(date) < \(firstDay) OR \(date) > \(lastDay) THEN \(failure) ELSE \(date) END"
    }

    /// A date's year as Amity counts it: PostgreSQL has no year 0, and calls it -1 (1 BC).
    static func year(_ date: String) -> String {
        "CAST(CASE WHEN \(date) < DATE '0001-01-01' THEN extract(year FROM \(date)) + 1 ELSE extract(year FROM \(date)) END AS bigint)"
    }

    func dateCall(_ function: ScalarFunction, _ a: [String], _ arguments: [BoundExpr], _ expr: BoundExpr) throws -> String? {
        switch function {
        case .year: return Self.year(a[0])
        case .month, .day: return "CAST(extract(\(function.rawValue) FROM \(a[0])) AS bigint)"
        case .weekday: return "CAST(extract(isodow FROM \(a[0])) AS bigint)"
        case .daysBetween: return "CAST(\(a[1]) - \(a[0]) AS bigint)"
        case .today:
            // Amity's today is the day in UTC, whatever the server's time zone.
            return "CAST(timezone('UTC', now()) AS date)"
        case .dateTrunc:
            guard case .string(let unit)? = arguments[1].constantValue else { return nil }
            let truncated = "CAST(date_trunc('\(unit)', CAST(\(a[0]) AS timestamp)) AS date)"
            // Years 0 to 9 make decade 0, which PostgreSQL calls 1 BC.
            return unit == "decade" ? "CASE WHEN \(a[0]) < DATE '0010-01-01' THEN \(Self.firstDay) ELSE \(truncated) END" : truncated
        case .dateAdd:
            guard case .string(let unit)? = arguments[2].constantValue else { return nil }
            let moved: String
            switch unit {
            case "day": moved = "(\(a[0]) + CAST(\(a[1]) AS integer))"
            case "week": moved = "(\(a[0]) + CAST(\(a[1]) * 7 AS integer))"
            default:
                // PostgreSQL's months keep the day, or take the last day of a shorter month, as Amity's.
                let months = unit == "month" ? a[1] : "\(a[1]) * \(unit == "quarter" ? 3 : 12)"
                moved = "CAST(\(a[0]) + CAST(\(months) AS integer) * interval '1 month' AS date)"
            }
            return Self.inCalendar(moved, "date_add")
        case .date:
            // Amity reads exactly YYYY-MM-DD; PostgreSQL would read other spellings too.
            let failure = SQLFailure.raise("E0411", "cannot convert text to a date (dates are written YYYY-MM-DD)", type: .date, row: a[0])
            return "CASE WHEN \(a[0]) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN CAST(\(a[0]) AS date) ELSE \(failure) END"
        default:
            return nil
        }
    }
}
