import Diagnostics
import Semantic
import Syntax

/// What `.help` says: the commands and stages, or one stage or function in detail.
enum HelpText {
    static let stages: [String: String] = [
        "where": "where CONDITION             keep the rows where the condition is true",
        "select": "select a, n = expr, expr as n  keep and compute these columns only",
        "derive": "derive n = expr, ... [by k] [sort x]   add or replace columns; aggregates and window functions per group",
        "drop": "drop a, b                      remove columns",
        "rename": "rename new = old, ...         rename columns",
        "sort": "sort a, b desc                 order rows (stable; nulls last)",
        "take": "take N                         the first N rows",
        "skip": "skip N                         every row after the first N (sort | skip 20 | take 10: a page)",
        "sample": "sample N [percent]             N rows (or N percent of them) at random, in input order; see .seed",
        "top": "top N by a desc                the first N rows in that order (faster than sort + take)",
        "distinct": "distinct [a, b]            one row per distinct value (of the columns named)",
        "summarize": "summarize n = count(), s = sum(x) by k   one row per group",
        "count": "count                         the number of rows",
        "join": "join [inner|left|semi|anti] T [as a] on x == a.y   match rows of two tables; join cross T: every pair",
        "union": "union T                       append the rows of T (columns matched by name)",
        "pivot": "pivot c [in [v, ...]] using n = count() by k   one row per k, one column per value of c",
        "unpivot": "unpivot a, b into name, value   each row once per listed column: its name and value",
    ]

    static func text(for topic: String?) -> String {
        guard let topic else {
            var out = stageList()
            out += "\nStatements: let NAME = ..., load \"FILE\" as NAME, explain [analyze] PIPELINE\n"
            out += "\n" + commandList()
            out += "\nFunctions: " + FunctionRegistry.names.joined(separator: ", ") + "\n"
            out += ".help NAME shows one stage, function or command; .help stages, .help functions and .help commands\n"
            out += "list them all; docs/language.md has the whole language.\n"
            return out
        }
        switch topic {
        case "stages": return stageList()
        case "functions": return functionList()
        case "commands": return commandList()
        default: break
        }
        if let stage = stages[topic] { return stage + "\n" }
        if let function = FunctionRegistry.lookup(topic) {
            return "\(function.signature)\n  \(function.summary)\n  nulls: \(function.nulls)\n"
        }
        let commandName = topic.hasPrefix(".") ? String(topic.dropFirst()) : topic
        if let command = DotCommand(rawValue: commandName) { return command.usage + "\n" }
        let known = Array(stages.keys) + FunctionRegistry.names + DotCommand.allCases.map { "." + $0.rawValue }
            + ["stages", "functions", "commands"]
        return "no stage, function or command '\(topic)'"
            + (Suggestions.didYouMean(topic, among: known).map { "; \($0)" } ?? "; .help lists them") + "\n"
    }

    private static func stageList() -> String {
        "Stages (after |):\n" + Stage.keywords.map { "  " + (stages[$0] ?? $0) + "\n" }.joined()
    }

    private static func commandList() -> String {
        "Commands:\n" + DotCommand.allCases.filter { $0 != .exit }.map { "  " + $0.usage + "\n" }.joined()
    }

    /// Every function, family by family, one line each: its signature, then what it does.
    private static func functionList() -> String {
        var out = ""
        for (family, functions) in FunctionRegistry.families {
            out += (out.isEmpty ? "" : "\n") + "Functions, \(family):\n"
            for function in functions { out += "  \(function.signature)\n      \(function.summary)\n" }
        }
        return out + ".help NAME adds how the function treats nulls.\n"
    }
}
