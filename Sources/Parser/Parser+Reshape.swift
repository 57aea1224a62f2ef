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

extension Parser {
    /// chart_stage ::= "chart" name column_list? chart_option*
    mutating func parseChartStage() throws -> Stage.Kind {
        let example = "write: chart bar item, total"
        guard case .identifier(let word, false) = current.kind else {
            throw fail(expected: "a kind of chart after 'chart' (" + ChartClause.kinds.joined(separator: ", ") + ")", help: example)
        }
        guard ChartClause.kinds.contains(word) else {
            throw fail("unknown kind of chart '\(word)'", at: current.span, code: "E0221",
                       help: Suggestions.didYouMean(word, among: ChartClause.kinds) ?? "kinds are: " + ChartClause.kinds.joined(separator: ", "))
        }
        var chart = ChartClause(kind: Identifier(word, span: consume().span), columns: [])
        if case .identifier(let next, let quoted) = current.kind, quoted || !ChartClause.options.contains(next) {
            chart.columns = try parseColumnList("a column to draw")
        }
        var seen: Set<String> = []
        while case .identifier(let option, false) = current.kind, ChartClause.options.contains(option) {
            let optionToken = consume()
            guard seen.insert(option).inserted else {
                throw fail("'\(option)' is given twice", at: optionToken.span, code: "E0222", help: "give each option of chart once")
            }
            try parseChartOption(option, into: &chart)
        }
        return .chart(chart)
    }

    /// chart_option ::= "by" column | "label" column | "bins" expression | "title" STRING | "to" STRING
    private mutating func parseChartOption(_ option: String, into chart: inout ChartClause) throws {
        switch option {
        case "by": chart.by = try parseColumn("the column whose values make the series, after 'by'")
        case "label": chart.label = try parseColumn("the column that labels each point, after 'label'")
        case "bins": chart.bins = try parseExpression()
        default:
            guard case .string(let text) = current.kind else {
                let help = option == "title" ? "write: title \"Agreements per year\"" : "write: to \"chart.svg\""
                throw fail(expected: "a quoted \(option == "title" ? "title" : "file name") after '\(option)'", help: help)
            }
            let quoted = QuotedText(text, span: consume().span)
            if option == "title" { chart.title = quoted } else { chart.file = quoted }
        }
    }
}
