import BundledData
import Columnar
import Diagnostics
import Driver
import Engine
import Foundation
import GoldenSupport
import Semantic
import Shell
import Testing

/// Every example of `docs/language.md` runs in the shell over the bundled tables, as a user
/// who pastes it would run it: a ```amity block without an error, a ```amity-error block with
/// one. Where an ```output block follows an example, it holds exactly what the shell prints:
/// the table view 100 columns wide and without colour, and the error messages, in the order
/// the user sees them. As the page says, the seed is 42 (for `sample`), `$year` is 2019, and
/// relative `load` paths start from the repository's root.
@Suite struct ReferenceExampleTests {
    static let repository = GoldenFiles.testsFolder.deletingLastPathComponent()
    static let reference = repository.appendingPathComponent("docs/language.md")
    static let tables: [(name: String, table: Table)] = (try? BundledDatasets.tables()) ?? []

    struct Example: CustomTestStringConvertible, Sendable {
        /// The line of the example's first statement in the page (from 1).
        var line: Int
        var query: String
        /// Tagged ```amity-error: the example shows a mistake, and must fail.
        var fails: Bool
        /// The script's name in error messages: the word after the tag (```amity-error
        /// report.q), else the name the interactive shell gives what is typed at its prompt.
        var scriptName: String
        var output: String?
        /// The lines (from 0) between the fences of the ```output block, for `record`.
        var outputLines: Range<Int>?
        var testDescription: String { "docs/language.md:\(line)" }
    }

    static let lines: [String] = ((try? String(contentsOf: reference, encoding: .utf8)) ?? "").components(separatedBy: "\n")

    static let examples: [Example] = {
        var examples: [Example] = []
        // The fenced block being read: its info string's words, and where its text starts.
        var open: (words: [String], start: Int)?
        // Whether the last block closed was an example: an output block belongs to the example
        // right above it, with no other block between.
        var afterExample = false
        for (index, line) in lines.enumerated() where line.hasPrefix("```") {
            guard let block = open else {
                open = (line.dropFirst(3).split(separator: " ").map(String.init), index + 1)
                continue
            }
            open = nil
            let text = lines[block.start..<index].joined(separator: "\n")
            switch block.words.first {
            case "amity", "amity-error":
                examples.append(Example(line: block.start + 1, query: text, fails: block.words[0] == "amity-error",
                                        scriptName: block.words.count > 1 ? block.words[1] : "<repl>"))
            case "output" where afterExample:
                examples[examples.count - 1].output = text
                examples[examples.count - 1].outputLines = block.start..<index
            default:
                break
            }
            afterExample = ["amity", "amity-error"].contains(block.words.first)
        }
        return examples
    }()

    /// What the shell prints for `example`, standard output and standard error in order
    /// (without the last line break), and whether every statement succeeded.
    static func run(_ example: Example) -> (text: String, succeeded: Bool) {
        let session = Session()
        for (name, table) in tables { session.define(table: table, as: name) }
        session.seed = 42
        session.setParameter("year", .int(2019))
        // Relative `load` paths start from the repository's root, where a user who cloned it is.
        session.loadFolder = repository.path
        var out = ""
        let shell = ShellSession(engine: session, formatter: ResultFormatter(format: .table, maxRows: 40, maxWidth: 100)) { _, text in
            out += text
        }
        // As at the prompt, where a user pastes an example: `load` reports what it read, and
        // charts are drawn, on a terminal 100 columns wide and 24 rows tall.
        shell.reportsLoads = true
        shell.chartScreen = { ChartScreen(columns: 100, rows: 24) }
        let succeeded = shell.run(SourceFile(name: example.scriptName, text: example.query))
        if out.hasSuffix("\n") { out.removeLast() }
        return (out, succeeded)
    }

    /// `AMITY_RECORD=1 swift test --skip-build --filter ReferenceExampleTests/record` rewrites
    /// every ```output block from what its example prints now (then read the diff).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["AMITY_RECORD"] != nil))
    func record() throws {
        var lines = Self.lines
        // From the end, so that the line numbers of the blocks still to do stay right.
        for example in Self.examples.reversed() {
            guard let range = example.outputLines else { continue }
            lines.replaceSubrange(range, with: Self.run(example).text.components(separatedBy: "\n"))
        }
        try lines.joined(separator: "\n").write(to: Self.reference, atomically: true, encoding: .utf8)
    }

    /// The reference documents every built-in function by its signature.
    @Test func everyFunctionIsDocumented() throws {
        let text = Self.lines.joined(separator: "\n")
        for function in FunctionRegistry.everything {
            #expect(text.contains("`\(function.signature)`"), "docs/language.md lacks `\(function.signature)`")
        }
    }

    @Test func thereAreExamplesWithOutputs() {
        #expect(Self.tables.count == 7, "the bundled tables do not load")
        #expect(Self.examples.count >= 20)
        #expect(Self.examples.filter { $0.output != nil }.count >= 10)
        #expect(Self.examples.filter { $0.fails && $0.output != nil }.count >= 3)
        // An output block with anything but an example right above it would go unchecked.
        #expect(Self.examples.filter { $0.output != nil }.count == Self.lines.filter { $0 == "```output" }.count,
                "an ```output block of docs/language.md does not follow an example")
    }

    @Test(arguments: examples)
    func exampleRuns(_ example: Example) {
        let (text, succeeded) = Self.run(example)
        if example.fails {
            #expect(!succeeded, "docs/language.md:\(example.line) is tagged amity-error but runs:\n\(text)")
        } else {
            #expect(succeeded, "docs/language.md:\(example.line) fails:\n\(text)")
        }
        if let output = example.output {
            #expect(text == output, "docs/language.md:\(example.line) prints something else:\n\(text)")
        }
    }
}
