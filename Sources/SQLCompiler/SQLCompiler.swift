import Columnar
import Diagnostics
import Semantic

/// Compiles a logical plan to one PostgreSQL statement that gives the rows Amity gives, in
/// Amity's order: a common table expression per step, then one SELECT of the result.
///
/// Row order is carried explicitly, because SQL keeps none between queries: a table pushed
/// by Amity has its row number in `amity_row`, each step passes on the columns its order
/// depends on (hidden from the result), `sort` puts its keys before the order so far (a
/// stable sort), `summarize` and `distinct` order groups by their first row, and the final
/// SELECT sorts by it all, nulls last as in Amity.
public struct SQLCompiler {
    /// The column of a pushed table that holds each row's position.
    public static let rowColumn = "amity_row"

    /// Tables without ``rowColumn`` (made on the server, not pushed): their rows have no
    /// order until a `sort` gives one.
    public var unorderedTables: Set<String> = []
    /// How `upper` and `lower` match Amity's Unicode case mapping on the server.
    public var caseMapping: CaseMapping

    /// How the compiled SQL maps letters' case.
    public enum CaseMapping: Sendable {
        /// By ICU's root collation, which maps case by Unicode's full rules, as Amity does:
        /// every character ICU's Unicode knows, but Greek capital sigma, which lowers by its place.
        case icu
        /// Under the "C" collation, which maps ASCII letters only: ASCII and characters without case.
        case asciiOnly

        /// The name of ICU's root collation in PostgreSQL built with ICU.
        public static let icuCollation = "und-x-icu"
    }

    public init(unorderedTables: Set<String> = [], caseMapping: CaseMapping = .icu) {
        self.unorderedTables = unorderedTables
        self.caseMapping = caseMapping
    }

    /// The statement, formatted for reading, its result columns named `columnNames`. Throws
    /// ``SQLCompileError`` at the first step or expression PostgreSQL cannot run with Amity's
    /// meaning.
    ///
    /// With `keepingRowOrder`, the result also has `amity_row`, each row's position: what a
    /// view made by `let` needs for the queries on it to keep Amity's order.
    public func compile(_ plan: LogicalPlan, columnNames: [String], keepingRowOrder: Bool = false) throws -> CompiledSQL {
        var builder = SQLBuilder(unorderedTables: unorderedTables, caseMapping: caseMapping)
        let relation = try builder.relation(plan)
        let names = SQLNames.unique(columnNames)
        var items = zip(relation.columns, names).map { column, name in
            column.name == SQLText.identifier(name) ? column.name : "\(column.name) AS \(SQLText.identifier(name))"
        }
        if keepingRowOrder {
            items.append(relation.order.isEmpty ? "row_number() OVER () AS \(Self.rowColumn)"
                         : "row_number() OVER (ORDER BY \(relation.orderBy)) AS \(Self.rowColumn)")
        }
        var compiled = CompiledSQL(text: "", stages: [])
        if !builder.ctes.isEmpty {
            compiled.text = "WITH\n"
            // The character classes of the text functions' guards, once for the statement.
            if builder.ctes.contains(where: { $0.body.contains("FROM \(SQLExpression.charactersTable))") }) {
                compiled.text += "\(SQLExpression.charactersTable) AS (\n    \(SQLExpression.charactersCTE(caseMapping))\n),\n"
            }
            for (index, cte) in builder.ctes.enumerated() {
                let start = compiled.text.count
                compiled.text += "\(cte.name) AS (\n    " + cte.body.split(separator: "\n").joined(separator: "\n    ") + "\n)"
                compiled.stages.append((start..<compiled.text.count, cte.span))
                compiled.text += index == builder.ctes.count - 1 ? "\n" : ",\n"
            }
        }
        compiled.text += "SELECT " + items.joined(separator: ", ") + "\nFROM \(relation.from)"
        if !relation.order.isEmpty { compiled.text += "\nORDER BY " + relation.orderBy }
        compiled.text += ";"
        return compiled
    }
}

/// A compiled statement and where each of its parts came from, so that a server's error
/// at a character of the statement can point at the stage that part was made for.
public struct CompiledSQL: Sendable {
    public var text: String
    /// Each CTE's characters in `text`, and the stage it was made for.
    public var stages: [(characters: Range<Int>, span: Span)]

    /// The stage whose part holds the 1-based character `position`; nil for the final SELECT.
    public func stage(atCharacter position: Int) -> Span? {
        stages.first { $0.characters.contains(position - 1) }?.span
    }
}

/// One term of a relation's row order: a column of it, the direction, and whether it is text
/// (compared by code point).
struct OrderTerm {
    var column: String
    var descending = false
    var isText = false
    /// A bigint from 0 that only says where a row stands (a table's row number, a union's
    /// side), never a value of the data.
    var isPosition = false

    var sql: String {
        column + (isText ? " COLLATE \"C\"" : "") + (descending ? " DESC" : "") + " NULLS LAST"
    }
}

/// What a step reads: where its rows come from, the SQL name of each plan column there,
/// and the columns that carry the row order without being part of the result.
struct SQLRelation {
    var from: String
    /// The plan's columns, in schema order, with their SQL names in `from`.
    var columns: [(id: Int, name: String)]
    var order: [OrderTerm] = []
    /// Columns of `from` that are not the plan's (row positions, sort keys).
    var hidden: [String] = []

    var orderBy: String { order.map(\.sql).joined(separator: ", ") }

    /// Expressions over this relation, optionally through an alias (`l.name`).
    func expressions(alias: String? = nil) -> SQLExpression {
        let prefix = alias.map { $0 + "." } ?? ""
        return SQLExpression(columns: Dictionary(columns.map { column in (column.id, prefix + column.name) }) { first, _ in first })
    }
}

/// Names made unique and short enough for PostgreSQL (63 bytes, longer ones are cut).
enum SQLNames {
    /// `names` made distinct from each other and from `taken`, which holds identifiers as
    /// they are written in the SQL (quoted where they must be).
    static func unique(_ names: [String], avoiding taken: Set<String> = []) -> [String] {
        var used = taken
        return names.map { name in
            var base = name.hasPrefix("amity_") ? "_" + name : name
            while base.utf8.count > 55 { base.removeLast() }
            var candidate = base
            var suffix = 2
            while used.contains(SQLText.identifier(candidate)) {
                candidate = "\(base)_\(suffix)"
                suffix += 1
            }
            used.insert(SQLText.identifier(candidate))
            return candidate
        }
    }
}
