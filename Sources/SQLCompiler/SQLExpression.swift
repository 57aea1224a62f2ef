import Columnar
import Diagnostics
import Semantic

/// Writes bound expressions as PostgreSQL expressions that give Amity's answers: `/` is
/// float division with IEEE results for a zero divisor, `//` and `%` round toward minus
/// infinity, text compares by code point, a right side of `and`/`or` that can fail runs only
/// where Amity would run it. What PostgreSQL cannot match is an error at the expression.
struct SQLExpression {
    /// The SQL name of each plan column in scope, by id.
    let columns: [Int: String]
    /// Each pipeline used as a value, by its id, as a scalar subquery.
    var subqueries: [Int: String] = [:]
    /// How `upper` and `lower` map case.
    var caseMapping = SQLCompiler.CaseMapping.icu

    func sql(_ expr: BoundExpr) throws -> String {
        switch expr.kind {
        case .constant(let value): return literal(value, type: expr.type)
        case .column(let id):
            guard let name = columns[id] else { throw SQLCompileError("a column this expression reads is not in scope", expr.span) }
            return name
        case .negate(let operand): return deferredIfFailing(expr, "(- \(try sql(operand)))")
        case .not(let operand): return "(NOT \(try sql(operand)))"
        case .toFloat(let operand): return "CAST(\(try sql(operand)) AS double precision)"
        case .arithmetic(let op, let left, let right): return deferredIfFailing(expr, try arithmetic(op, left, right, type: expr.type))
        case .compare(let op, let left, let right):
            if op == .equal || op == .notEqual { return "(\(try sql(left)) \(op == .equal ? "=" : "<>") \(try sql(right)))" }
            return "(\(try ordered(left)) \(op.rawValue) \(try sql(right)))"
        case .and(let left, let right):
            // Amity runs the right side only where the left is not false; SQL may run both.
            guard Self.canFail(right) else { return "(\(try sql(left)) AND \(try sql(right)))" }
            return "CASE WHEN \(try sql(left)) IS FALSE THEN FALSE ELSE (\(try sql(left)) AND \(try sql(right))) END"
        case .or(let left, let right):
            guard Self.canFail(right) else { return "(\(try sql(left)) OR \(try sql(right)))" }
            return "CASE WHEN \(try sql(left)) IS TRUE THEN TRUE ELSE (\(try sql(left)) OR \(try sql(right))) END"
        case .inList(_, let items, let negated) where items.isEmpty:
            // Nothing is in an empty list, not even null.
            return negated ? "TRUE" : "FALSE"
        case .inList(let operand, let items, let negated):
            return "(\(try sql(operand)) \(negated ? "NOT IN" : "IN") (\(try items.map(sql).joined(separator: ", "))))"
        case .inRange(let operand, let low, let high, let negated):
            return "(\(try ordered(operand)) \(negated ? "NOT BETWEEN" : "BETWEEN") \(try sql(low)) AND \(try sql(high)))"
        case .isNull(let operand, let negated): return "(\(try sql(operand)) IS \(negated ? "NOT " : "")NULL)"
        case .coalesce(let items): return "COALESCE(\(try items.map(sql).joined(separator: ", ")))"
        case .call(let function, let arguments): return try call(function, arguments, expr)
        case .scalarSubquery(let subquery):
            guard let text = subqueries[subquery.id] else {
                throw SQLCompileError("a pipeline used as a value here is not compiled to SQL yet", expr.span)
            }
            return text
        case .inSubquery:
            // The planner turns each membership test into a join before the step.
            throw SQLCompileError("'in' over a pipeline here is not compiled to SQL yet", expr.span)
        }
    }

    /// An operand of an ordering comparison: text compares by code point, as Amity's does.
    func ordered(_ expr: BoundExpr) throws -> String {
        let text = try sql(expr)
        return expr.type == .string ? "\(text) COLLATE \"C\"" : text
    }

    func literal(_ value: Value, type: DataType) -> String {
        switch value {
        case .null: return "CAST(NULL AS \(SQLText.type(type)))"
        // A negative number in brackets: after a minus, "--1" would start a comment.
        // -9223372036854775808 would be read as a numeric (its digits are past bigint), so
        // negating it would not overflow as Amity's does.
        case .int(let number) where number == .min: return "CAST('\(number)' AS bigint)"
        case .int(let number): return number < 0 ? "(\(number))" : String(number)
        case .float(let number):
            if number.isNaN { return "CAST('NaN' AS double precision)" }
            if number.isInfinite { return "CAST('\(number < 0 ? "-" : "")Infinity' AS double precision)" }
            return "CAST(\(number < 0 || (number == 0 && number.sign == .minus) ? "'\(number)'" : "\(number)") AS double precision)"
        case .bool(let flag): return flag ? "TRUE" : "FALSE"
        case .date(let days): return "DATE '\(SQLText.date(days))'"
        case .string(let text): return SQLText.string(text)
        }
    }

    private func arithmetic(_ op: ArithmeticOperator, _ left: BoundExpr, _ right: BoundExpr, type: DataType) throws -> String {
        var a = try sql(left), b = try sql(right)
        // Two int constants would meet as PostgreSQL's 32-bit integers and overflow early.
        if left.type == .int, left.constantValue != nil, right.constantValue != nil { a = "CAST(\(a) AS bigint)" }
        switch op {
        case .add where type == .string: return "(\(a) || \(b))"
        case .subtract where left.type == .date && right.type == .date: return "CAST(\(a) - \(b) AS bigint)"
        case .add where left.type == .date || right.type == .date, .subtract where left.type == .date || right.type == .date:
            // PostgreSQL adds days as an integer, not a bigint; a count past it fails in both.
            if left.type == .int { a = "CAST(\(a) AS integer)" }
            if right.type == .int { b = "CAST(\(b) AS integer)" }
            return Self.inCalendar("(\(a) \(op.rawValue) \(b))", "'\(op.rawValue)'")
        case .add, .subtract, .multiply: return "(\(a) \(op.rawValue) \(b))"
        case .divide:
            let x = left.type == .float ? a : "CAST(\(a) AS double precision)"
            let y = right.type == .float ? b : "CAST(\(b) AS double precision)"
            return Self.floatDivision(x, y, divisor: right.constantValue)
        case .integerDivide where type == .int:
            // bigint `/` truncates toward zero: one less where the remainder's sign is not
            // the divisor's.
            return "(\(a) / \(b) - CASE WHEN \(Self.remainderAgainstDivisor(a, b, right.constantValue)) THEN 1 ELSE 0 END)"
        case .integerDivide:
            return "floor(\(Self.floatDivision(a, b, divisor: right.constantValue)))"
        case .remainder where type == .int:
            return "(\(a) % \(b) + CASE WHEN \(Self.remainderAgainstDivisor(a, b, right.constantValue)) THEN \(b) ELSE 0 END)"
        case .remainder:
            return "(\(a) - \(b) * floor(\(Self.floatDivision(a, b, divisor: right.constantValue))))"
        }
    }

    /// Whether PostgreSQL's remainder `a % b` (which takes the dividend's sign) is non-zero
    /// with the other sign than the divisor: where rounding toward zero and rounding down
    /// differ. Shorter when the divisor is a constant.
    static func remainderAgainstDivisor(_ a: String, _ b: String, _ divisor: Value?) -> String {
        if case .int(let d)? = divisor, d != 0 { return "\(a) % \(b) \(d > 0 ? "<" : ">") 0" }
        return "\(a) % \(b) <> 0 AND (\(a) % \(b) < 0) <> (\(b) < 0)"
    }

    /// IEEE division: PostgreSQL raises an error for a float divided by zero, where Amity
    /// gives ±inf (the signs of both sides, -0.0 included) or NaN.
    static func floatDivision(_ a: String, _ b: String, divisor: Value?) -> String {
        switch divisor {
        case .int(let d)? where d != 0: return "(\(a) / \(b))"
        case .float(let d)? where d != 0 && !d.isNaN: return "(\(a) / \(b))"
        default: break
        }
        return "CASE WHEN \(b) = 0 THEN CASE WHEN \(a) IS NULL THEN NULL "
            + "WHEN \(a) = 0 OR \(a) = CAST('NaN' AS double precision) THEN CAST('NaN' AS double precision) "
            + "WHEN (\(a) > 0) = (CAST(\(b) AS text) NOT LIKE '-%') THEN CAST('Infinity' AS double precision) "
            + "ELSE CAST('-Infinity' AS double precision) END ELSE \(a) / \(b) END"
    }

    /// `text`, or where the expression is int arithmetic on constants that fails (overflow,
    /// division by zero), Amity's error raised by the SQL when a row reads it. PostgreSQL folds
    /// constants while planning, and would fail a query whose rows never need the value
    /// (`top 0 by -(-9223372036854775808)`); Amity raises the error only for a row that
    /// needs it. The raised error reads a column of the row, so that it is not folded.
    func deferredIfFailing(_ expr: BoundExpr, _ text: String) -> String {
        guard case .failed(let code, let message) = Self.constantInt(expr), let row = columns.values.min() else { return text }
        return SQLFailure.raise(code, message, type: .int, row: row)
    }

    private enum ConstantInt { case value(Int64), failed(code: String, message: String), unknown }

    /// The value of int arithmetic on constants, computed as Amity does.
    private static func constantInt(_ expr: BoundExpr) -> ConstantInt {
        let overflow = ConstantInt.failed(code: "E0401", message: "integer overflow")
        switch expr.kind {
        case .constant(.int(let value)): return .value(value)
        case .negate(let operand) where expr.type == .int:
            guard case .value(let value) = constantInt(operand) else { return constantInt(operand) }
            return value == .min ? overflow : .value(-value)
        case .arithmetic(let op, let left, let right) where expr.type == .int:
            let a = constantInt(left), b = constantInt(right)
            if case .failed = a { return a }
            if case .failed = b { return b }
            guard case .value(let x) = a, case .value(let y) = b else { return .unknown }
            let result: (Int64, Bool)
            switch op {
            case .add: result = x.addingReportingOverflow(y)
            case .subtract: result = x.subtractingReportingOverflow(y)
            case .multiply: result = x.multipliedReportingOverflow(by: y)
            case .integerDivide, .remainder:
                if y == 0 { return .failed(code: "E0402", message: "integer division by zero") }
                if x == .min && y == -1 { return op == .remainder ? .value(0) : overflow }
                let quotient = x / y, rest = x % y
                let down = rest != 0 && (rest < 0) != (y < 0)
                result = op == .remainder ? (down ? rest + y : rest, false) : (down ? quotient - 1 : quotient, false)
            case .divide: return .unknown
            }
            return result.1 ? overflow : .value(result.0)
        default:
            return .unknown
        }
    }

    /// Whether evaluating the expression can raise an error on some row.
    static func canFail(_ expr: BoundExpr) -> Bool {
        switch expr.kind {
        case .arithmetic(let op, _, let right) where (op == .integerDivide || op == .remainder) && expr.type == .int:
            return right.constantValue.map { $0 == .int(0) } ?? true
        case .arithmetic(let op, _, _) where op != .divide && expr.type == .int: return true
        case .negate where expr.type == .int: return true
        case .call(let function, let arguments) where function.canFail(arguments): return true
        default: return expr.children.contains(where: canFail)
        }
    }
}

/// A plan or expression PostgreSQL cannot run with Amity's meaning, at the place it is written.
public struct SQLCompileError: Error, Sendable {
    public var message: String
    public var span: Span

    init(_ message: String, _ span: Span) {
        self.message = message
        self.span = span
    }

    /// The error as a diagnostic, for the shell to show with a caret.
    public var diagnostic: Diagnostic {
        Diagnostic(code: "E0700", message: message, span: span,
                   help: "this part runs in memory only; run the query without --engine, or rewrite it")
    }
}
