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
        "chart": "chart bar x, y [to \"f.svg\"]   draws the result: bar, column, line, scatter, hist, map, spark",
    ]

    static func text(for topic: String?) -> String {
        guard let topic else {
            var out = stageList()
            out += "\nStatements: let NAME = ..., load \"FILE\" as NAME, explain [analyze] PIPELINE\n"
            out += "\n" + commandList()
            out += "\n" + wrapped("Functions: " + FunctionRegistry.names.joined(separator: ", "), indent: "  ")
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
        "Stages (after |):\n" + aligned(Stage.keywords.map { stages[$0] ?? $0 })
    }

    private static func commandList() -> String {
        "Commands:\n" + aligned(DotCommand.allCases.filter { $0 != .exit }.map(\.usage))
    }

    /// Lines of "syntax  description" (split at the first run of two spaces) as two aligned
    /// columns; a syntax too long for the first column gets its description on the next line.
    static func aligned(_ entries: [String], widest: Int = 30) -> String {
        let pairs = entries.map { entry -> (String, String) in
            let characters = Array(entry)
            guard let gap = characters.indices.dropLast().first(where: { characters[$0] == " " && characters[$0 + 1] == " " })
            else { return (entry, "") }
            return (String(characters[..<gap]), String(characters[gap...].drop { $0 == " " }))
        }
        let width = min(widest, pairs.map { DisplayWidth.of($0.0) }.filter { $0 <= widest }.max() ?? widest)
        return pairs.map { syntax, description in
            let padding = width - DisplayWidth.of(syntax)
            if padding < 0 { return "  \(syntax)\n  " + String(repeating: " ", count: width + 2) + description + "\n" }
            return "  " + syntax + String(repeating: " ", count: padding + 2) + description + "\n"
        }.joined()
    }

    /// Text broken between words so that no line is longer than `width` columns.
    static func wrapped(_ text: String, width: Int = 100, indent: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, DisplayWidth.of(line) + 1 + DisplayWidth.of(String(word)) > width {
                lines.append(line)
                line = indent + word
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n") + "\n"
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
