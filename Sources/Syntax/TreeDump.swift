import Columnar
import Diagnostics

/// A stable, readable text form of the syntax tree, used by `amity --dump-ast` and the
/// golden tests. Expressions print on one line as S-expressions; each pipeline stage gets
/// its own line, indented under its pipeline.
public enum TreeDump {
    public static func dump(_ statements: [Statement]) -> String {
        statements.map { dump($0) }.joined(separator: "\n")
    }

    public static func dump(_ statement: Statement) -> String {
        switch statement.kind {
        case .let(let name, let value):
            return "(let \(identifier(name)) \(dump(value, indent: 0)))"
        case .pipeline(let pipeline):
            return dump(pipeline, indent: 0)
        case .load(let path, _, let name, let types):
            let declared = types.map { " (\(identifier($0.column)) \(identifier($0.type)))" }.joined()
            return "(load \(quote(path)) \(identifier(name))\(types.isEmpty ? "" : " (with\(declared))"))"
        case .command(let name, let arguments):
            return arguments.isEmpty ? "(command .\(name))" : "(command .\(name) \(quote(arguments)))"
        case .explain(let pipeline, let mode):
            return "(explain\(mode == .plan ? "" : " " + mode.rawValue) \(dump(pipeline, indent: 0)))"
        }
    }

    /// A pipeline without stages prints as its head alone.
    public static func dump(_ pipeline: Pipeline, indent: Int) -> String {
        guard !pipeline.stages.isEmpty else { return dump(pipeline.head, indent: indent) }
        let pad = String(repeating: " ", count: indent + 2)
        var out = "(pipeline \(dump(pipeline.head, indent: indent + 2))"
        for stage in pipeline.stages {
            out += "\n" + pad + dump(stage, indent: indent + 2)
        }
        return out + ")"
    }

    public static func dump(_ stage: Stage, indent: Int) -> String {
        func exprs(_ items: [NamedExpr]) -> String { items.map { named($0, indent) }.joined(separator: " ") }
        func keys(_ items: [SortKey]) -> String {
            items.map { "(\($0.descending ? "desc" : "asc") \(dump($0.expr, indent: indent)))" }.joined(separator: " ")
        }
        func words(_ parts: [String]) -> String { "(" + parts.filter { !$0.isEmpty }.joined(separator: " ") + ")" }
        switch stage.kind {
        case .where(let condition): return words(["where", dump(condition, indent: indent)])
        case .select(let items): return words(["select", exprs(items)])
        case .derive(let items, let by, let sortKeys):
            return words(["derive", exprs(items), by.isEmpty ? "" : "(by " + by.map { dump($0, indent: indent) }.joined(separator: " ") + ")",
                          sortKeys.isEmpty ? "" : "(sort \(keys(sortKeys)))"])
        case .drop(let names): return words(["drop"] + names.map(qualified))
        case .rename(let pairs):
            return words(["rename"] + pairs.map { "(= \(identifier($0.newName)) \(qualified($0.oldName)))" })
        case .sort(let sortKeys): return words(["sort", keys(sortKeys)])
        case .take(let count): return words(["take", dump(count, indent: indent)])
        case .skip(let count): return words(["skip", dump(count, indent: indent)])
        case .sample(let size, let percent): return words(["sample", dump(size, indent: indent), percent ? "percent" : ""])
        case .top(let count, let sortKeys): return words(["top", dump(count, indent: indent), "(by \(keys(sortKeys)))"])
        case .distinct(let items): return words(["distinct", exprs(items)])
        case .summarize(let aggregates, let by):
            return words(["summarize", exprs(aggregates), by.isEmpty ? "" : "(by \(exprs(by)))"])
        case .count: return "(count)"
        case .join(let kind, let source, let alias, let condition):
            return words([
                "join", kind.rawValue, dump(source, indent: indent + 2),
                alias.map { "(as \(identifier($0)))" } ?? "", "(on \(dump(condition, indent: indent)))",
            ])
        case .crossJoin(let source, let alias):
            return words(["join", "cross", dump(source, indent: indent + 2), alias.map { "(as \(identifier($0)))" } ?? ""])
        case .union(let source): return words(["union", dump(source, indent: indent + 2)])
        case .pivot(let pivot):
            return words([
                "pivot", qualified(pivot.column),
                pivot.values.map { "(in" + $0.map { " " + dump($0, indent: indent) }.joined() + ")" } ?? "",
                "(using \(exprs(pivot.aggregates)))", pivot.keys.isEmpty ? "" : "(by \(exprs(pivot.keys)))",
            ])
        case .unpivot(let unpivot):
            return words(["unpivot"] + unpivot.columns.map(qualified)
                         + ["(into \(identifier(unpivot.nameColumn)) \(identifier(unpivot.valueColumn)))"])
        case .chart(let chart):
            return words(["chart", identifier(chart.kind)] + chart.columns.map(qualified) + [
                chart.by.map { "(by \(qualified($0)))" } ?? "", chart.label.map { "(label \(qualified($0)))" } ?? "",
                chart.bins.map { "(bins \(dump($0, indent: indent)))" } ?? "",
                chart.title.map { "(title \(dump(Expr(.string($0.text), span: $0.span), indent: indent)))" } ?? "",
                chart.file.map { "(to \(dump(Expr(.string($0.text), span: $0.span), indent: indent)))" } ?? "",
            ])
        }
    }

    public static func dump(_ expr: Expr, indent: Int = 0) -> String {
        switch expr.kind {
        case .integer(let value): return String(value)
        case .float(let value): return String(value)
        case .string(let value): return quote(value)
        case .date(let days): return "@" + DateFormat.format(days: days)
        case .bool(let value): return String(value)
        case .null: return "null"
        case .name(let name): return qualified(name)
        case .parameter(let name): return "$" + name
        case .list(let items): return "(list" + items.map { " " + dump($0, indent: indent) }.joined() + ")"
        case .range(let low, let high): return "(.. \(dump(low, indent: indent)) \(dump(high, indent: indent)))"
        case .unary(let op, let operand):
            return "(\(op == .negate ? "neg" : "not") \(dump(operand, indent: indent)))"
        case .binary(let op, let lhs, let rhs):
            let name = op == .notIn ? "not-in" : op.rawValue
            return "(\(name) \(dump(lhs, indent: indent)) \(dump(rhs, indent: indent)))"
        case .isNull(let operand, let negated):
            return "(\(negated ? "is-not-null" : "is-null") \(dump(operand, indent: indent)))"
        case .call(let function, let arguments):
            return "(call \(identifier(function))" + arguments.map { " " + dump($0, indent: indent) }.joined() + ")"
        case .pipeline(let pipeline): return dump(pipeline, indent: indent + 2)
        case .error: return "<error>"
        }
    }

    private static func named(_ item: NamedExpr, _ indent: Int) -> String {
        guard let name = item.name else { return dump(item.expr, indent: indent) }
        return "(= \(identifier(name)) \(dump(item.expr, indent: indent)))"
    }

    private static func qualified(_ name: QualifiedName) -> String {
        (name.qualifier.map { identifier($0) + "." } ?? "") + identifier(name.name)
    }

    /// Names that would not lex back as a plain identifier are shown in backticks.
    private static func identifier(_ id: Identifier) -> String {
        id.quoted ? "`" + id.name.replacingBackticks() + "`" : id.name
    }

    /// A double-quoted string with the language's own escapes.
    public static func quote(_ text: String) -> String {
        TextEscaping.escape(text, .literal)
    }
}

extension String {
    fileprivate func replacingBackticks() -> String {
        var out = ""
        for character in self { out += character == "`" ? "``" : String(character) }
        return out
    }
}
