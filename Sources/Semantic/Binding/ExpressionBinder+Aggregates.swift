import Columnar
import Diagnostics
import Syntax

extension ExpressionBinder {
    /// An aggregate inside `summarize`: its arguments read the input rows; the call is
    /// collected and replaced by a reference to its result column.
    mutating func bindAggregate(_ function: AggregateFunction, _ info: FunctionInfo, _ arguments: [Expr],
                                span: Span) throws -> BoundExpr {
        guard var aggregation else {
            if isAggregateArgument {
                throw SemanticError.make("E0345", "aggregates cannot be nested: '\(info.name)' is inside another aggregate", span,
                                         help: "aggregate once per group; compute per-row values with derive before summarize")
            }
            throw SemanticError.make("E0344", "aggregate '\(info.name)' can only be used in 'summarize'", span,
                                     help: "write: summarize n = \(info.name)(...) by key")
        }
        // Arguments read the input rows, where aggregates cannot nest.
        var inner = ExpressionBinder(schema: aggregation.input, planner: planner)
        inner.isAggregateArgument = true
        var bound = try arguments.map { try inner.bind($0) }
        if function == .count, arguments.count == 1, bound[0].isUntypedNull {
            throw SemanticError.make("E0342", "count(null) counts nothing", span, help: "count() counts rows")
        }
        // A bare null condition counts nothing, like a false one.
        if function == .countIf { bound = bound.map { retyped($0, .bool) } }
        let types = bound.map { $0.type }
        guard let type = info.resultType(types) else {
            let found = bound.map { $0.isUntypedNull ? "null" : "\($0.type)" }.joined(separator: ", ")
            throw SemanticError.make("E0342", "\(info.name) cannot take (\(found))", span, help: "usage: \(info.signature)")
        }
        var call = AggregateCall(function: function, arguments: Array(bound.prefix(function.rowArguments(given: bound.count))),
                                 type: type, span: span)
        if function == .collect, bound.count == 2 {
            guard case .constant(.string(let text)) = bound[1].kind else {
                throw SemanticError.make("E0343", "collect's separator must be a string literal", bound[1].span)
            }
            call.separator = text
        }
        if function == .quantile { call.fraction = try fraction(bound[1]) }
        let column = PlanColumn(id: planner.ids.make(), name: planner.source.text(of: span), type: type)
        aggregation.calls.append(AggregateColumn(column, call))
        self.aggregation = aggregation
        return BoundExpr(.column(column.id), type: type, span: span)
    }

    /// `quantile`'s p: a number from 0 to 1, written as a constant.
    private func fraction(_ expr: BoundExpr) throws -> Double {
        let value: Double
        switch expr.constantValue {
        case .float(let v)?: value = v
        case .int(let v)?: value = Double(v)
        default:
            throw SemanticError.make("E0343", "quantile's p must be a number from 0 to 1, written as a constant", expr.span,
                                     help: "for example quantile(x, 0.9) for the 90th percentile")
        }
        guard value >= 0, value <= 1 else {
            throw SemanticError.make("E0343", "quantile's p must be from 0 to 1, not \(FloatFormat.shortest(value))", expr.span,
                                     help: "0.5 is the median, 0.9 the 90th percentile")
        }
        return value
    }
}
