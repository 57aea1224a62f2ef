import Columnar
import Diagnostics

/// A windowed `derive`'s step: the input's rows, each with one more column per call,
/// computed over the row's group (its `partition` keys; all rows without) in `order`.
public struct WindowStep: Sendable {
    public var partition: [BoundExpr]
    public var order: [PlanSortKey]
    public var columns: [WindowColumn]
    /// Set by the optimizer when a filter after the step keeps only rows whose `row_number()`
    /// is at most this: the step then gives only the first `rowLimit` rows of each group (in
    /// input order), which it finds without sorting whole groups. Every call is then one
    /// whose value depends only on the rows before it in its group (``WindowFunction/readsOnlyEarlierRows``).
    public var rowLimit: Int?

    public init(partition: [BoundExpr], order: [PlanSortKey], columns: [WindowColumn], rowLimit: Int? = nil) {
        self.partition = partition
        self.order = order
        self.columns = columns
        self.rowLimit = rowLimit
    }

    /// Every expression the step evaluates over its input.
    public var expressions: [BoundExpr] {
        partition + order.map(\.expr) + columns.flatMap(\.call.arguments)
    }

    /// The step with every expression rewritten.
    public func mappingExpressions(_ transform: (BoundExpr) throws -> BoundExpr) rethrows -> WindowStep {
        WindowStep(partition: try partition.map(transform),
                   order: try order.map { PlanSortKey(expr: try transform($0.expr), descending: $0.descending) },
                   columns: try columns.map { WindowColumn($0.column, try $0.call.mappingArguments(transform)) },
                   rowLimit: rowLimit)
    }
}

/// One computed column of a window step.
public struct WindowColumn: Sendable {
    public var column: PlanColumn
    public var call: WindowCall

    public init(_ column: PlanColumn, _ call: WindowCall) {
        self.column = column
        self.call = call
    }
}

/// What a window column computes: an aggregate over the whole group, or a window function
/// of the row's place in the group's order.
public enum WindowCall: Sendable {
    case aggregate(AggregateCall)
    case function(WindowFunction, arguments: [BoundExpr], type: DataType, span: Span)

    public var arguments: [BoundExpr] {
        switch self {
        case .aggregate(let call): return call.arguments
        case .function(_, let arguments, _, _): return arguments
        }
    }

    public var span: Span {
        switch self {
        case .aggregate(let call): return call.span
        case .function(_, _, _, let span): return span
        }
    }

    /// True for a window function that reads only the rows up to its own
    /// (``WindowFunction/readsOnlyEarlierRows``); an aggregate reads the whole group.
    public var readsOnlyEarlierRows: Bool {
        if case .function(let function, _, _, _) = self { return function.readsOnlyEarlierRows }
        return false
    }

    public func mappingArguments(_ transform: (BoundExpr) throws -> BoundExpr) rethrows -> WindowCall {
        switch self {
        case .aggregate(var call):
            call.arguments = try call.arguments.map(transform)
            return .aggregate(call)
        case .function(let function, let arguments, let type, let span):
            return .function(function, arguments: try arguments.map(transform), type: type, span: span)
        }
    }
}
