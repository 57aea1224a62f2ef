import Columnar
import Diagnostics
import Syntax

/// The text `explain`, `--dump-plan` and the golden plan tests show for a step: what it does,
/// with expressions written back in the language (columns by name, constants as literals).
public struct PlanText {
    /// The query's text, to show a subquery as it was written.
    public let source: SourceFile?

    public init(source: SourceFile? = nil) {
        self.source = source
    }

    /// `scan aid: id, item, value_usd` (the columns it reads, of how many the table has).
    public func scan(_ plan: LogicalPlan, tableWidth: Int?) -> String {
        switch plan.source {
        case .singleRow:
            return "one row"
        case .table(let name, _):
            let read = plan.sourceColumns.map(\.name)
            var text = "scan \(name)"
            if let tableWidth, read.count < tableWidth { text += " (\(read.count) of \(tableWidth) columns)" }
            return read.isEmpty ? text : text + ": " + list(read, limit: 8)
        }
    }

    /// What the step does, its expressions reading `input`.
    public func step(_ operation: PlanOperation, input: [PlanColumn]) -> String {
        let names = Self.names(input)
        func expr(_ e: BoundExpr) -> String { expression(e, names: names) }
        func keys(_ keys: [PlanSortKey]) -> String {
            keys.map { expr($0.expr) + ($0.descending ? " desc" : "") }.joined(separator: ", ")
        }
        switch operation {
        case .filter(let condition):
            return "filter " + expr(condition)
        case .project(let columns):
            let computed = columns.filter { !$0.isPassThrough || names[$0.column.id] != Self.name($0.column.name) }
            let passed = columns.count - computed.count
            let shown = computed.map { item -> String in
                let value = expr(item.expr)
                return value == Self.name(item.column.name) ? value : "\(Self.name(item.column.name)) = \(value)"
            }
            if shown.isEmpty { return "project " + (columns.isEmpty ? "no columns" : list(columns.map(\.column.name), limit: 8)) }
            return "project " + list(shown, limit: 6) + (passed > 0 ? ", \(passed) more passed on" : "")
        case .sort(let sortKeys):
            return "sort " + keys(sortKeys)
        case .limit(let count):
            return "take " + expr(count)
        case .skip(let count):
            return "skip " + expr(count)
        case .sample(let sample):
            return "sample " + expr(sample.size) + (sample.isPercent ? " percent" : "")
        case .top(let count, let sortKeys):
            return "top \(expr(count)) by " + keys(sortKeys)
        case .distinct:
            return "distinct"
        case .aggregate(let groupKeys, let aggregates):
            let calls = aggregates.map { aggregate -> String in
                let call = call(aggregate.call, names: names)
                return call == aggregate.column.name ? call : "\(Self.name(aggregate.column.name)) = \(call)"
            }
            let by = groupKeys.map { key -> String in
                let value = expr(key.expr)
                return value == Self.name(key.column.name) ? value : "\(Self.name(key.column.name)) = \(value)"
            }
            return "aggregate " + (calls.isEmpty ? "nothing" : list(calls, limit: 6)) + (by.isEmpty ? "" : " by " + list(by, limit: 6))
        case .join(let join) where join.kind == .cross:
            return "cross join"
        case .join(let join):
            let rightNames = Self.names(join.right.schema)
            let pairs = zip(join.leftKeys, join.rightKeys).map { expr($0) + " == " + expression($1, names: rightNames) }
            return "\(join.kind.rawValue) join on " + pairs.joined(separator: " and ")
        case .union(let union):
            return "union (\(union.columns.count) column\(union.columns.count == 1 ? "" : "s"))"
        case .window(let window):
            let calls = window.columns.map { item -> String in
                let text: String
                switch item.call {
                case .aggregate(let aggregate): text = call(aggregate, names: names)
                case .function(let function, let arguments, _, _):
                    text = "\(function.rawValue)(" + arguments.map { expr($0) }.joined(separator: ", ") + ")"
                }
                return text == item.column.name ? text : "\(Self.name(item.column.name)) = \(text)"
            }
            return "window " + (calls.isEmpty ? "nothing" : list(calls, limit: 6))
                + (window.partition.isEmpty ? "" : " by " + window.partition.map(expr).joined(separator: ", "))
                + (window.order.isEmpty ? "" : " sort " + keys(window.order))
                + (window.rowLimit.map { ", first \($0)" + (window.partition.isEmpty ? " rows" : " of each group") } ?? "")
        case .unpivot(let unpivot):
            let values = unpivot.values.map { expr($0) }
            return "unpivot " + list(values, limit: 8) + " into " + Self.name(unpivot.name.name) + ", " + Self.name(unpivot.value.name)
        case .pivot(let pivot):
            let values = list(pivot.values.map(Self.literal), limit: 8)
            let by = pivot.keys.map { key -> String in
                let value = expr(key.expr)
                return value == Self.name(key.column.name) ? value : "\(Self.name(key.column.name)) = \(value)"
            }
            let whole = pivot.values.count * pivot.results.count
            return "pivot " + list(pivot.results.map { expr($0) }, limit: 6) + " on " + expr(pivot.column) + " in [" + values + "]"
                + (by.isEmpty ? "" : " by " + list(by, limit: 6))
                + (pivot.cells.count < whole ? " (\(pivot.cells.count) of \(whole) columns)" : "")
        }
    }

    /// Column names by id, as a query would write them: qualified where a name appears twice.
    public static func names(_ schema: [PlanColumn]) -> [Int: String] {
        var counts: [String: Int] = [:]
        for column in schema { counts[column.name, default: 0] += 1 }
        return Dictionary(schema.map { column in
            let plain = name(column.name)
            guard counts[column.name]! > 1, let qualifier = column.qualifier else { return (column.id, plain) }
            return (column.id, name(qualifier) + "." + plain)
        }, uniquingKeysWith: { first, _ in first })
    }

    private func call(_ call: AggregateCall, names: [Int: String]) -> String {
        var arguments = call.arguments.map { expression($0, names: names) }
        if call.function == .collect, call.separator != ", " { arguments.append(TreeDump.quote(call.separator)) }
        if call.function == .quantile { arguments.append(FloatFormat.shortest(call.fraction)) }
        return "\(call.function.rawValue)(\(arguments.joined(separator: ", ")))"
    }

    private func list(_ items: [String], limit: Int) -> String {
        guard items.count > limit else { return items.joined(separator: ", ") }
        return items.prefix(limit).joined(separator: ", ") + ", ... \(items.count - limit) more"
    }
}
