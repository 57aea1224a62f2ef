import Columnar
import Diagnostics
import Driver
import Engine
import Foundation
import GoldenSupport
import Semantic
import Testing

/// Every ```amity example of `docs/language.md` runs against the fixture tables without an
/// error, and where an ```output block follows it, prints exactly that.
@Suite struct ReferenceExampleTests {
    static let reference = GoldenFiles.testsFolder.deletingLastPathComponent().appendingPathComponent("docs/language.md")

    struct Example: CustomTestStringConvertible, Sendable {
        var line: Int
        var query: String
        var output: String?
        var testDescription: String { "docs/language.md:\(line)" }
    }

    static let examples: [Example] = {
        let text = (try? String(contentsOf: reference, encoding: .utf8)) ?? ""
        var examples: [Example] = []
        var tag: String?
        var body: [String] = []
        var start = 0
        for (number, line) in text.components(separatedBy: "\n").enumerated() {
            guard line.hasPrefix("```") else {
                if tag != nil { body.append(line) }
                continue
            }
            if let open = tag {
                let content = body.joined(separator: "\n")
                if open == "amity" {
                    examples.append(Example(line: start, query: content))
                } else if open == "output", var last = examples.popLast() {
                    last.output = content
                    examples.append(last)
                }
                tag = nil
            } else {
                tag = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces)
                body = []
                start = number + 2
            }
        }
        return examples
    }()

    static func run(_ example: Example) -> (text: String, errors: String) {
        let session = Fixtures.session()
        session.loadFolder = GoldenFiles.testsFolder.appendingPathComponent("Fixtures/docs").path
        session.setParameter("year", .int(2019))
        let source = SourceFile(name: "docs/language.md", text: example.query)
        let (results, diagnostics) = session.run(source)
        let tables = results.compactMap { result -> String? in
            switch result {
            case .table(let table, let names): return ResultText.render(table, columnNames: names)
            case .explanation(let text): return text
            default: return nil
            }
        }
        return (tables.joined(separator: "\n\n"), DiagnosticRenderer().render(diagnostics, in: source))
    }

    /// `AMITY_RECORD=1 swift test --filter ReferenceExampleTests` rewrites every ```output
    /// block from what its example prints now.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["AMITY_RECORD"] != nil))
    func record() throws {
        let lines = try String(contentsOf: Self.reference, encoding: .utf8).components(separatedBy: "\n")
        var out: [String] = []
        var index = 0
        var lastExample: Example?
        while index < lines.count {
            let line = lines[index]
            if line == "```amity", let example = Self.examples.first(where: { $0.line == index + 2 }) {
                lastExample = example
            }
            if line == "```output", let example = lastExample {
                out.append(line)
                out.append(Self.run(example).text)
                index += 1
                while index < lines.count, lines[index] != "```" { index += 1 }
                lastExample = nil
                continue
            }
            if line.hasPrefix("```") && line != "```amity" && line != "```" { lastExample = nil }
            out.append(line)
            index += 1
        }
        try out.joined(separator: "\n").write(to: Self.reference, atomically: true, encoding: .utf8)
    }

    /// The reference documents every built-in function by its signature.
    @Test func everyFunctionIsDocumented() throws {
        let text = try String(contentsOf: Self.reference, encoding: .utf8)
        for function in FunctionRegistry.everything {
            #expect(text.contains("`\(function.signature)`"), "docs/language.md lacks `\(function.signature)`")
        }
    }

    @Test func thereAreExamplesWithOutputs() {
        #expect(Self.examples.count >= 20)
        #expect(Self.examples.filter { $0.output != nil }.count >= 10)
    }

    @Test(arguments: examples)
    func exampleRuns(_ example: Example) {
        let (text, errors) = Self.run(example)
        #expect(errors.isEmpty, "docs/language.md:\(example.line) fails:\n\(errors)")
        if let output = example.output {
            #expect(text == output, "docs/language.md:\(example.line) prints something else:\n\(text)")
        }
    }
}
