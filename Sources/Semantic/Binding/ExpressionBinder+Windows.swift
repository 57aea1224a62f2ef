import Columnar
import Diagnostics
import Syntax

extension ExpressionBinder {
    /// The calls of a windowed `derive` found so far, and whether it has an order.
    struct Windowing {
        var calls: [WindowColumn] = []
        /// Whether the stage has `sort`: window functions need it.
        var hasOrder: Bool
    }

    /// An aggregate in a `derive`: computed over the row's group and given to each of its rows.
    mutating func bindWindowAggregate(_ function: AggregateFunction, _ info: FunctionInfo, _ arguments: [Expr],
                                      span: Span) throws -> BoundExpr {
        // Bound as in `summarize` (its arguments read the same rows), then moved to the window.
        aggregation = Aggregation(input: schema, keys: [])
        defer { aggregation = nil }
        let reference = try bindAggregate(function, info, arguments, span: span)
        guard let bound = aggregation?.calls.last else { preconditionFailure("the aggregate was just bound") }
        windowing?.calls.append(WindowColumn(bound.column, .aggregate(bound.call)))
        return reference
    }

    /// A window function: only in a `derive` with `sort`.
    mutating func bindWindowFunction(_ function: WindowFunction, _ info: FunctionInfo, _ arguments: [Expr],
                                     span: Span) throws -> BoundExpr {
        guard var windowing, aggregation == nil, !isAggregateArgument else {
            throw SemanticError.make("E0346", "\(info.name)() can only be used in 'derive'", span,
                                     help: "write: derive n = \(info.name)(...) by key sort column")
        }
        guard windowing.hasOrder else {
            throw SemanticError.make("E0347", "\(info.name)() needs an order: the 'derive' has no 'sort'", span,
                                     help: "add one: derive n = \(info.name)(...) by key sort column")
        }
        var inner = ExpressionBinder(schema: schema, planner: planner)
        inner.isAggregateArgument = true
        var bound = try arguments.map { try inner.bind($0) }
        guard let (probe, type) = Self.typesAccepted(by: info, for: bound) else {
            let found = bound.map { $0.isUntypedNull ? "null" : "\($0.type)" }.joined(separator: ", ")
            throw SemanticError.make("E0342", "\(info.name) cannot take (\(found))", span, help: "usage: \(info.signature)")
        }
        bound = zip(bound, probe).map { retyped($0, $1) }
        if let position = function.constantArgument, position < bound.count {
            let argument = bound[position]
            guard case .constant(.int(let value)) = argument.kind, value >= (function == .lag || function == .lead ? 0 : 1),
                  value <= Int64(Int32.max) else {
                throw SemanticError.make("E0343", "\(info.name)'s \(position == 0 ? "bucket count" : function == .lag || function == .lead ? "offset" : "window length") must be a whole number \(function == .lag || function == .lead ? "of 0 or more" : "above 0")",
                                         argument.span, help: "usage: \(info.signature)")
            }
        }
        // lag's and lead's default takes the value's type.
        if bound.count == 3 { bound[2] = widenTo(bound[2], type) }
        let column = PlanColumn(id: planner.ids.make(), name: planner.source.text(of: span), type: type)
        windowing.calls.append(WindowColumn(column, .function(function, arguments: bound, type: type, span: span)))
        self.windowing = windowing
        return BoundExpr(.column(column.id), type: type, span: span)
    }
}
