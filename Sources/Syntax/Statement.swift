import Diagnostics

/// An expression with an optional output name: `total = sum(quantity)` or `expr as total`.
public struct NamedExpr: Sendable, Equatable {
    public var name: Identifier?
    public var expr: Expr

    public init(name: Identifier?, expr: Expr) {
        self.name = name
        self.expr = expr
    }

    public var span: Span { name.map { $0.span.merged(with: expr.span) } ?? expr.span }
}

/// A sort key with its direction.
public struct SortKey: Sendable, Equatable {
    public var expr: Expr
    public var descending: Bool

    public init(expr: Expr, descending: Bool) {
        self.expr = expr
        self.descending = descending
    }
}

/// `rename new = old`.
public struct Renaming: Sendable, Equatable {
    public var newName: Identifier
    public var oldName: QualifiedName

    public init(newName: Identifier, oldName: QualifiedName) {
        self.newName = newName
        self.oldName = oldName
    }
}

/// `code: string` in `load ... with (...)`: a column whose type is given, not inferred.
public struct ColumnTypeDeclaration: Sendable, Equatable {
    public var column: Identifier
    public var type: Identifier

    public init(column: Identifier, type: Identifier) {
        self.column = column
        self.type = type
    }
}

/// `pivot COLUMN [in [values]] using aggregates [by keys]`: one row per key combination, one
/// column per value of COLUMN and aggregate.
public struct PivotSpec: Sendable, Equatable {
    /// The column whose values become columns.
    public var column: QualifiedName
    /// The values written after `in`, or nil: then they come from the data, found by running
    /// the pipeline before the stage (the driver does, when planning asks for them).
    public var values: [Expr]?
    /// The items after `using`: aggregates and expressions of them, as in `summarize`.
    public var aggregates: [NamedExpr]
    /// The items after `by`, empty without it: one output row per combination.
    public var keys: [NamedExpr]

    public init(column: QualifiedName, values: [Expr]?, aggregates: [NamedExpr], keys: [NamedExpr]) {
        self.column = column
        self.values = values
        self.aggregates = aggregates
        self.keys = keys
    }
}

/// `unpivot a, b into name, value`: each row becomes one row per listed column.
public struct UnpivotSpec: Sendable, Equatable {
    /// The columns whose values become rows, in the order written.
    public var columns: [QualifiedName]
    /// The new column holding each listed column's name.
    public var nameColumn: Identifier
    /// The new column holding each listed column's value.
    public var valueColumn: Identifier

    public init(columns: [QualifiedName], nameColumn: Identifier, valueColumn: Identifier) {
        self.columns = columns
        self.nameColumn = nameColumn
        self.valueColumn = valueColumn
    }
}

/// Text written in quotes, where it was written.
public struct QuotedText: Sendable, Equatable {
    public var text: String
    public var span: Span

    public init(_ text: String, span: Span) {
        self.text = text
        self.span = span
    }
}

/// `chart KIND [columns] [by c] [label c] [bins n] [title "..."] [to "file.svg"]`, as written:
/// the planner checks the kind, the columns and which options the kind takes.
public struct ChartClause: Sendable, Equatable {
    public var kind: Identifier
    public var columns: [QualifiedName]
    public var by: QualifiedName?
    public var label: QualifiedName?
    public var bins: Expr?
    public var title: QuotedText?
    public var file: QuotedText?

    /// The words that start an option, in the order the grammar lists them.
    public static let options = ["by", "label", "bins", "title", "to"]
    /// The options a kind of chart takes, for completion.
    public static func options(of kind: String) -> [String] {
        switch kind {
        case "line", "scatter": return ["by", "title", "to"]
        case "hist": return ["bins", "title", "to"]
        case "map": return ["label", "title", "to"]
        default: return ["title", "to"]
        }
    }

    /// The kinds of chart, for completion and suggestions.
    public static let kinds = ["bar", "column", "line", "scatter", "hist", "map", "spark"]

    public init(kind: Identifier, columns: [QualifiedName], by: QualifiedName? = nil, label: QualifiedName? = nil,
                bins: Expr? = nil, title: QuotedText? = nil, file: QuotedText? = nil) {
        self.kind = kind
        self.columns = columns
        self.by = by
        self.label = label
        self.bins = bins
        self.title = title
        self.file = file
    }
}

/// The kinds of join.
public enum JoinKind: String, Sendable, CaseIterable {
    case inner, left, semi, anti
}

/// One `| stage` of a pipeline.
public struct Stage: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case `where`(Expr)
        case select([NamedExpr])
        /// `derive items [by keys] [sort keys]`: with `by` or `sort`, or an aggregate or
        /// window function in an item, the items are computed over each row's group.
        case derive([NamedExpr], by: [Expr], sort: [SortKey])
        case drop([QualifiedName])
        case rename([Renaming])
        case sort([SortKey])
        case take(Expr)
        /// `skip n`: every row but the first n.
        case skip(Expr)
        /// `sample n` rows, or `sample p percent` of them, chosen at random.
        case sample(Expr, percent: Bool)
        case top(Expr, by: [SortKey])
        /// Empty means "distinct over all columns".
        case distinct([NamedExpr])
        case summarize([NamedExpr], by: [NamedExpr])
        case count
        case join(JoinKind, source: Pipeline, alias: Identifier?, on: Expr)
        /// `join cross T [as a]`: every row with every row of T, with no condition.
        case crossJoin(source: Pipeline, alias: Identifier?)
        case union(Pipeline)
        case pivot(PivotSpec)
        case unpivot(UnpivotSpec)
        /// `chart KIND [columns] [options]`: draws the result; the last stage of a query.
        case chart(ChartClause)
    }

    public var kind: Kind
    /// The stage keyword, for messages about the stage as a whole.
    public var keyword: Identifier
    public var span: Span

    public init(_ kind: Kind, keyword: Identifier, span: Span) {
        self.kind = kind
        self.keyword = keyword
        self.span = span
    }

    /// Every stage keyword, for suggestions and completion.
    public static let keywords = [
        "where", "select", "derive", "drop", "rename", "sort", "take", "skip", "sample", "top",
        "distinct", "summarize", "count", "join", "union", "pivot", "unpivot", "chart",
    ]
}

/// A source followed by stages: `cities | where ... | take 5`. The head is an expression so
/// that `let cutoff = @2020-01-01` and a parenthesised pipeline share one rule; the
/// semantic checks decide whether the head names a table or computes a value.
public struct Pipeline: Sendable, Equatable {
    public var head: Expr
    public var stages: [Stage]
    public var span: Span

    public init(head: Expr, stages: [Stage], span: Span) {
        self.head = head
        self.stages = stages
        self.span = span
    }
}

/// One statement of a script or REPL entry.
public struct Statement: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `let name = pipeline`
        case `let`(Identifier, Pipeline)
        /// A bare pipeline: its result is printed.
        case pipeline(Pipeline)
        /// `load "path" as name [with (column: type, ...)]`
        case load(path: String, pathSpan: Span, as: Identifier, types: [ColumnTypeDeclaration])
        /// A dot command line such as `.mode csv`; the shell gives it meaning.
        case command(name: String, arguments: String)
        /// `explain [analyze | sql] pipeline`: the plan the pipeline runs as; with `analyze`,
        /// run it and show what each stage did; with `sql`, the PostgreSQL statement it
        /// compiles to.
        case explain(Pipeline, mode: ExplainMode)
    }

    public var kind: Kind
    public var span: Span

    public init(_ kind: Kind, span: Span) {
        self.kind = kind
        self.span = span
    }
}

/// What `explain` shows.
public enum ExplainMode: String, Sendable, Equatable {
    /// The plan, after the optimizer.
    case plan
    /// The plan, run, with what each step did.
    case analyze
    /// The SQL statement the pipeline compiles to.
    case sql
}
