import Diagnostics

/// A name as written, with its place; `quoted` when it was written in backticks.
public struct Identifier: Sendable, Equatable {
    public var name: String
    public var span: Span
    public var quoted: Bool

    public init(_ name: String, span: Span, quoted: Bool = false) {
        self.name = name
        self.span = span
        self.quoted = quoted
    }
}

/// A column, table or `let` name, optionally qualified by a join alias: `r.city_id`.
public struct QualifiedName: Sendable, Equatable {
    public var qualifier: Identifier?
    public var name: Identifier

    public init(qualifier: Identifier? = nil, name: Identifier) {
        self.qualifier = qualifier
        self.name = name
    }

    public var span: Span { qualifier.map { $0.span.merged(with: name.span) } ?? name.span }
}

/// Prefix operators.
public enum UnaryOperator: String, Sendable {
    case not = "not"
    case negate = "-"
}

/// Infix operators, from the loosest binding to the tightest (see `Grammar/amity.ebnf`).
public enum BinaryOperator: String, Sendable, CaseIterable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case `in` = "in", notIn = "not in"
    case coalesce = "??"
    case add = "+", subtract = "-"
    case multiply = "*", divide = "/", integerDivide = "//", remainder = "%"
}

/// An expression of the query language: a parsed tree, nothing resolved yet.
public struct Expr: Sendable, Equatable {
    public indirect enum Kind: Sendable, Equatable {
        case integer(Int64)
        case float(Double)
        case string(String)
        /// Days since 1970-01-01.
        case date(Int32)
        case bool(Bool)
        case null
        case name(QualifiedName)
        /// `$name`, filled in from `--param` or `.param set`.
        case parameter(String)
        case list([Expr])
        /// `low..high`, both ends included.
        case range(Expr, Expr)
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        /// `x is null` (negated: `x is not null`).
        case isNull(Expr, negated: Bool)
        case call(Identifier, [Expr])
        /// A parenthesised pipeline with at least one stage, used as a source or a value.
        case pipeline(Pipeline)
        /// Stands in for an expression whose error was already reported.
        case error
    }

    public var kind: Kind
    public var span: Span
    /// The height of this tree; the parser rejects overly tall trees so that walking and
    /// freeing them can never exhaust the stack.
    public var height: Int

    public init(_ kind: Kind, span: Span, height: Int = 1) {
        self.kind = kind
        self.span = span
        self.height = height
    }
}
