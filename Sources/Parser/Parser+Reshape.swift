import Diagnostics
import Syntax

/// The stages that turn values into columns and columns into rows.
extension Parser {
    /// pivot_stage ::= "pivot" column ( "in" list )? "using" named_list ( "by" named_list )?
    mutating func parsePivotStage() throws -> Stage.Kind {
        let example = "write: pivot year using n = count() by country"
        if current.isWord("using") {
            throw fail(expected: "the column whose values become columns, before 'using'", help: example)
        }
        let column = try parseColumn("the column whose values become columns, after 'pivot'")
        var values: [Expr]?
        if current.kind == .keyword(.in) {
            advance()
            guard current.isSymbol(.leftBracket) else {
                throw fail(expected: "a list of values after 'in'", help: "write: pivot kind in [\"mou\", \"partnership\"] using count()")
            }
            let list = try parseList()
            guard case .list(let items) = list.kind else { preconditionFailure("parseList gives a list") }
            // The grammar's list may be empty; a pivot of no values would make no columns.
            if items.isEmpty {
                throw fail("pivot needs at least one value in its list", at: list.span, code: "E0212",
                           help: "leave out 'in [...]' to take the values from the data")
            }
            values = items
        }
        guard acceptWord("using") else {
            throw fail(expected: "'using' and the aggregates of each column", help: example)
        }
        if current.isWord("by") {
            throw fail("expected an aggregate before 'by'", at: current.span, code: "E0212", help: example)
        }
        let aggregates = try parseNamedList()
        let keys = acceptWord("by") ? try parseNamedList() : []
        return .pivot(PivotSpec(column: column, values: values, aggregates: aggregates, keys: keys))
    }

    /// unpivot_stage ::= "unpivot" column_list "into" name "," name
    mutating func parseUnpivotStage() throws -> Stage.Kind {
        let example = "write: unpivot population, area_km2 into measure, value"
        if current.isWord("into") {
            throw fail(expected: "the columns to turn into rows, before 'into'", help: example)
        }
        let columns = try parseColumnList("a column to turn into rows, after 'unpivot'")
        guard acceptWord("into") else {
            throw fail(expected: "'into' and the names of the two new columns", help: example)
        }
        let name = try parseName("the name of the column that will hold the column names", help: example)
        guard accept(.comma) else {
            throw fail(expected: "',' and the name of the column that will hold the values", help: example)
        }
        let value = try parseName("the name of the column that will hold the values", help: example)
        return .unpivot(UnpivotSpec(columns: columns, nameColumn: name, valueColumn: value))
    }
}
