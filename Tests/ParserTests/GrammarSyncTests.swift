import Foundation
import Parser
import Testing

/// Keeps `Grammar/amity.ebnf`, the parser and `docs/language.md` in step.
@Suite struct GrammarSyncTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func read(_ path: String) throws -> String {
        try String(contentsOf: repository.appendingPathComponent(path), encoding: .utf8)
    }

    /// `name ::= body` lines of the grammar (rules are written on one line each).
    static func grammarRules() throws -> [String: String] {
        var rules: [String: String] = [:]
        for line in try read("Grammar/amity.ebnf").components(separatedBy: "\n") {
            guard let range = line.range(of: " ::= ") else { continue }
            let name = String(line[..<range.lowerBound])
            guard !name.contains(" "), !name.isEmpty else { continue }
            rules[name] = line.trimmingCharacters(in: .whitespaces)
        }
        return rules
    }

    /// `/// rule ::= body` doc comments in the parser sources.
    static func parserRules() throws -> [String: String] {
        let folder = repository.appendingPathComponent("Sources/Parser")
        var rules: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.components(separatedBy: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("/// ") else { continue }
                let rule = String(trimmed.dropFirst(4))
                guard let range = rule.range(of: " ::= ") else { continue }
                rules[String(rule[..<range.lowerBound])] = rule
            }
        }
        return rules
    }

    @Test func everySyntaxRuleHasItsParseFunction() throws {
        let grammar = try Self.grammarRules().filter { $0.key.first!.isLowercase }
        let parser = try Self.parserRules()
        #expect(grammar.count >= 40)
        for (name, rule) in grammar {
            #expect(parser[name] == rule, "grammar rule '\(name)' differs from the parser's comment (or is missing)")
        }
        for name in parser.keys {
            #expect(grammar[name] != nil, "parser documents rule '\(name)' that the grammar lacks")
        }
    }

    @Test func everyTokenUsedIsDefined() throws {
        let rules = try Self.grammarRules()
        var text = rules.values.joined(separator: " ")
        // Drop comments, quoted literals and character classes: only rule names remain.
        for pattern in [#"/\*.*?\*/"#, #""[^"]*""#, #"'[^']*'"#, #"\[[^\]]*\]"#] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        let used = text
            .split(whereSeparator: { !$0.isLetter && $0 != "_" })
            .map(String.init)
            .filter { $0.count > 1 && $0 == $0.uppercased() && $0.contains(where: \.isLetter) }
        for token in Set(used) {
            #expect(rules[token] != nil, "token \(token) is used but not defined")
        }
    }

    /// Every ```amity block of the reference parses. (A ```amity-error block may fail to parse or
    /// only when it runs; `ShellTests/ReferenceExampleTests` runs it and checks the error it prints.)
    @Test func referenceExamplesParse() throws {
        let blocks = Self.codeBlocks(try Self.read("docs/language.md"))
        #expect(blocks.filter { $0.tag == "amity" }.count >= 20)
        for block in blocks where block.tag == "amity" {
            let result = Parser.parse(block.text, name: "docs/language.md")
            #expect(result.diagnostics.isEmpty, "example does not parse:\n\(block.text)")
        }
    }

    static func codeBlocks(_ markdown: String) -> [(tag: String, text: String)] {
        var blocks: [(String, String)] = []
        var tag: String?
        var lines: [String] = []
        for line in markdown.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if let open = tag {
                    blocks.append((open, lines.joined(separator: "\n")))
                    tag = nil
                } else {
                    // The first word: ```amity-error report.q names the script as well.
                    tag = String(line.dropFirst(3).split(separator: " ").first ?? "")
                    lines = []
                }
            } else if tag != nil {
                lines.append(line)
            }
        }
        return blocks
    }
}
