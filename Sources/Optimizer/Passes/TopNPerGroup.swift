import Columnar
import Semantic

/// `derive r = row_number() by g sort k | filter r <= n`: the filter keeps the first n rows
/// of each group, so the window step need only find those (``WindowStep/rowLimit``) instead
/// of sorting whole groups. Part of the `top-n` pass.
///
/// The limit is set only when every call of the window gives the first n rows of a group the
/// values they would have with the whole group (``WindowFunction/readsOnlyEarlierRows``; an
/// aggregate over the group does not), and the filter comes after the window with only
/// projections between (which then run on fewer rows). The filter stays: it still does the
/// work of its other conjuncts, and costs little on the rows left.
enum TopNPerGroup {
    static func rewrite(_ plan: LogicalPlan) -> LogicalPlan {
        var copy = plan
        for (index, step) in plan.steps.enumerated() {
            guard case .filter(let condition) = step.operation else { continue }
            var windowIndex = index - 1
            while windowIndex >= 0, case .project = plan.steps[windowIndex].operation { windowIndex -= 1 }
            guard windowIndex >= 0, case .window(var window) = copy.steps[windowIndex].operation,
                  window.columns.allSatisfy(\.call.readsOnlyEarlierRows) else { continue }
            let rowNumbers = Set(window.columns.compactMap { column -> Int? in
                if case .function(.rowNumber, _, _, _) = column.call { return column.column.id }
                return nil
            })
            let limits = condition.conjuncts.compactMap { limit(of: $0, rowNumbers: rowNumbers) }
            guard let limit = limits.min(), limit < (window.rowLimit ?? .max) else { continue }
            window.rowLimit = limit
            copy.steps[windowIndex].operation = .window(window)
            copy.steps[windowIndex].notes.append(PlanNote(TopN.name, "finds only the first \(limit) rows"
                + (window.partition.isEmpty ? "" : " of each group") + ", for", stage: step.span))
        }
        return copy
    }


    /// The most rows per group a conjunct lets through when it bounds a row number from above:
    /// `r <= n`, `r < n`, `r == n`, `r in 1..n`, `r in (1, 2, n)`, either way round.
    static func limit(of conjunct: BoundExpr, rowNumbers: Set<Int>) -> Int? {
        func isRowNumber(_ expr: BoundExpr) -> Bool { expr.columnReference.map(rowNumbers.contains) ?? false }
        func bound(_ expr: BoundExpr) -> Int64? {
            if case .int(let value)? = expr.constantValue { return value }
            return nil
        }
        func clamped(_ value: Int64) -> Int { value <= 0 ? 0 : Int(value) }
        switch conjunct.kind {
        case .compare(var op, var left, var right):
            if !isRowNumber(left) {
                (left, right) = (right, left)
                op = op.mirrored
            }
            guard isRowNumber(left), let value = bound(right) else { return nil }
            switch op {
            case .lessEqual, .equal: return clamped(value)
            case .less: return value <= 0 ? 0 : clamped(value - 1)
            default: return nil
            }
        case .inRange(let value, _, let high, negated: false):
            guard isRowNumber(value), let high = bound(high) else { return nil }
            return clamped(high)
        case .inList(let value, let items, negated: false):
            guard isRowNumber(value), !items.isEmpty else { return nil }
            let bounds = items.compactMap(bound)
            guard bounds.count == items.count, let largest = bounds.max() else { return nil }
            return clamped(largest)
        default:
            return nil
        }
    }
}
