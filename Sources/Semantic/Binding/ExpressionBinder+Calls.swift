import Columnar
import Diagnostics
import Syntax

extension ExpressionBinder {
    mutating func bindCall(_ name: Identifier, _ arguments: [Expr], span: Span) throws -> BoundExpr {
        guard let info = FunctionRegistry.lookup(name.name) else {
            throw SemanticError.make("E0340", "unknown function '\(name.name)'", name.span,
                                     help: Suggestions.didYouMean(name.name, among: FunctionRegistry.names)
                                         ?? "'.help functions' lists them")
        }
        guard info.arity.contains(arguments.count) else {
            let expected = info.arity.lowerBound == info.arity.upperBound
                ? "\(info.arity.lowerBound)" : "\(info.arity.lowerBound) to \(info.arity.upperBound)"
            throw SemanticError.make(
                "E0341", "\(name.name) takes \(expected) argument\(info.arity.upperBound == 1 ? "" : "s"), found \(arguments.count)",
                span, help: "usage: \(info.signature)")
        }
        switch info.kind {
        case .window(let function):
            return try bindWindowFunction(function, info, arguments, span: span)
        case .aggregate(let function) where aggregation == nil && windowing != nil && !isAggregateArgument:
            return try bindWindowAggregate(function, info, arguments, span: span)
        case .aggregate(let function):
            return try bindAggregate(function, info, arguments, span: span)
        case .scalar(.coalesce):
            return try bindCoalesce(arguments, span: span, name: "coalesce")
        case .scalar(let function):
            var bound = try arguments.map { try bind($0) }
            // An untyped null argument takes the first type the function accepts at that place.
            guard let (probe, type) = Self.typesAccepted(by: info, for: bound) else {
                let found = bound.map { $0.isUntypedNull ? "null" : "\($0.type)" }.joined(separator: ", ")
                throw SemanticError.make("E0342", "\(name.name) cannot take (\(found))", span,
                                         help: "usage: \(info.signature)")
            }
            bound = zip(bound, probe).map { retyped($0, $1) }
            bound = try checkArguments(function, bound, resultType: type)
            return BoundExpr(.call(function, bound), type: type, span: span)
        }
    }

    /// Argument types the function accepts, trying each type in place of an untyped null
    /// (the other arguments' types first, so `if(c, null, x)` takes x's type).
    static func typesAccepted(by info: FunctionInfo, for arguments: [BoundExpr]) -> ([DataType], DataType)? {
        let known = arguments.filter { !$0.isUntypedNull }.map(\.type)
        let candidates = known + DataType.allCases.filter { !known.contains($0) }
        var types = arguments.map(\.type)
        func search(_ position: Int) -> DataType? {
            guard position < arguments.count else { return info.resultType(types) }
            guard arguments[position].isUntypedNull else { return search(position + 1) }
            for candidate in candidates {
                types[position] = candidate
                if let result = search(position + 1) { return result }
            }
            return nil
        }
        return search(0).map { (types, $0) }
    }

    /// Argument rules the types alone cannot state.
    private func checkArguments(_ function: ScalarFunction, _ arguments: [BoundExpr], resultType: DataType) throws -> [BoundExpr] {
        switch function {
        case .dateTrunc:
            guard case .constant(.string(let unit)) = arguments[1].kind,
                  ["year", "quarter", "month", "week"].contains(unit) else {
                throw SemanticError.make("E0343", "date_trunc's unit must be \"year\", \"quarter\", \"month\" or \"week\"",
                                         arguments[1].span)
            }
            return arguments
        case .if:
            return [arguments[0], widenTo(arguments[1], resultType), widenTo(arguments[2], resultType)]
        case .pow, .sqrt, .ln, .log10, .exp, .distanceKm:
            return arguments.map(widen)
        case .round:
            return resultType == .float ? [widen(arguments[0])] + arguments.dropFirst() : arguments
        default:
            return arguments
        }
    }

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
        let bound = try arguments.map { try inner.bind($0) }
        if function == .count, arguments.count == 1, bound[0].isUntypedNull {
            throw SemanticError.make("E0342", "count(null) counts nothing", span, help: "count() counts rows")
        }
        let types = bound.map(\.type)
        guard let type = info.resultType(types) else {
            let found = types.map(\.description).joined(separator: ", ")
            throw SemanticError.make("E0342", "\(info.name) cannot take (\(found))", span, help: "usage: \(info.signature)")
        }
        var separator = ", "
        if function == .collect, bound.count == 2 {
            guard case .constant(.string(let text)) = bound[1].kind else {
                throw SemanticError.make("E0343", "collect's separator must be a string literal", bound[1].span)
            }
            separator = text
        }
        let call = AggregateCall(function: function, argument: bound.first, separator: separator, type: type, span: span)
        let column = PlanColumn(id: planner.ids.make(), name: planner.source.text(of: span), type: type)
        aggregation.calls.append(AggregateColumn(column, call))
        self.aggregation = aggregation
        return BoundExpr(.column(column.id), type: type, span: span)
    }
}
