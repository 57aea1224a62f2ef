import Columnar
import Diagnostics
import Syntax

/// The calls that choose among their arguments: `case`, `greatest` and `least`. Each has
/// any number of arguments, so their types are worked out in one pass here rather than by
/// trying types for every untyped null.
extension ExpressionBinder {
    /// `case(c1, v1, c2, v2, ..., otherwise)`: the conditions bool, the values of one type
    /// (int and float as float). An even count has no otherwise: rows no condition takes are null.
    mutating func bindCase(_ arguments: [Expr], span: Span) throws -> BoundExpr {
        var bound = try arguments.map { try bind($0) }
        let conditionPositions = Array(stride(from: 0, to: bound.count - 1, by: 2))
        for position in conditionPositions {
            bound[position] = retyped(bound[position], .bool)
            try expect(bound[position], .bool, "case's condition must be bool")
        }
        let valuePositions = bound.indices.filter { !conditionPositions.contains($0) }
        let type = try commonType(of: valuePositions.map { bound[$0] }, in: "case")
        // Every value null: the result is a null of open type, as for coalesce(null, null).
        guard let type else { return bound[valuePositions[0]] }
        for position in valuePositions { bound[position] = widenTo(bound[position], type) }
        return BoundExpr(.call(.case, bound), type: type, span: span)
    }

    /// `greatest(a, b, ...)` and `least(...)`: one type in the order `sort` uses; not bools,
    /// which `min` and `max` do not take either.
    mutating func bindExtreme(_ function: ScalarFunction, _ arguments: [Expr], span: Span) throws -> BoundExpr {
        var bound = try arguments.map { try bind($0) }
        guard let type = try commonType(of: bound, in: function.rawValue) else { return bound[0] }
        if type == .bool {
            throw SemanticError.make("E0342", "\(function.rawValue) cannot take bools", span,
                                     help: "for bools, use 'or' (greatest) or 'and' (least)")
        }
        bound = bound.map { widenTo($0, type) }
        return BoundExpr(.call(function, bound), type: type, span: span)
    }

    /// The one type the typed values share, nil when all are untyped nulls; an error at the
    /// first value that does not fit.
    private func commonType(of values: [BoundExpr], in name: String) throws -> DataType? {
        var common: DataType?
        for value in values where !value.isUntypedNull {
            guard let current = common else {
                common = value.type
                continue
            }
            guard let next = FunctionRegistry.commonType(current, value.type) else {
                throw SemanticError.make("E0332", "cannot mix \(current) and \(value.type) in \(name)", value.span,
                                         help: "every value must have the same type (int and float mix as float)")
            }
            common = next
        }
        return common
    }
}
