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
        case .scalar(.case):
            return try bindCase(arguments, span: span)
        case .scalar(.greatest), .scalar(.least):
            guard case .scalar(let function) = info.kind else { preconditionFailure() }
            return try bindExtreme(function, arguments, span: span)
        case .scalar(.format):
            return try bindFormat(arguments, span: span)
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
}
