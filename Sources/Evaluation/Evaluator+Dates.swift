import Columnar
import Diagnostics
import Semantic

extension Evaluator {
    /// Date functions over a column of dates, with their unit or pattern chosen once per
    /// batch rather than per row.
    func dateKernel(_ function: ScalarFunction, _ arguments: [BoundExpr], _ vectors: [Vector], expr: BoundExpr) throws -> Vector? {
        guard let first = vectors.first, case .date(let days) = first.data else { return nil }
        let count = first.count
        switch function {
        case .dateTrunc:
            guard case .string(let unit) = try constantValue(arguments[1]) else { return nil }
            let truncated: [Int32] = switch unit {
            case "year": CalendarTable.truncated(days, to: .year)
            case "quarter": CalendarTable.truncated(days, to: .quarter)
            case "month": CalendarTable.truncated(days, to: .month)
            case "decade": days.map { ScalarSemantics.truncate($0, "decade") }
            default: days.map { $0 - Int32(ScalarSemantics.weekday($0) - 1) }
            }
            return Vector(.date(truncated), valid: first.valid, count: count)
        case .strftime:
            guard case .string(let text) = try constantValue(arguments[1]) else { return nil }
            let pattern = try patterns.datePattern(text, span: arguments[1].span)
            // Dates repeat (a few thousand days cover years of rows): each is written once.
            var builder = StringDictionaryBuilder()
            var written: [Int32: UInt32] = [:]
            var codes = [UInt32](repeating: 0, count: count)
            for row in 0..<count where first.isValid(row) {
                if let code = written[days[row]] {
                    codes[row] = code
                } else {
                    let code = builder.code(for: pattern.format(days[row]))
                    written[days[row]] = code
                    codes[row] = code
                }
            }
            return Vector(.string(codes, builder.build()), valid: first.valid, count: count)
        case .dateAdd:
            guard case .int(let steps) = vectors[1].data, case .string(let unit) = try constantValue(arguments[2]) else { return nil }
            let valid = Vector.combine(first.valid, vectors[1].valid)
            var out = [Int32](repeating: 0, count: count)
            for row in 0..<count where valid?[row] ?? true {
                out[row] = try DateArithmetic.add(steps[row], unit, to: days[row], span: expr.span)
            }
            return Vector(.date(out), valid: valid, count: count)
        default:
            return nil
        }
    }
}
