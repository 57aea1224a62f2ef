import Diagnostics
import Parser
import Synthetic
import Syntax
import Testing

/// Nothing the user types may crash the front end or make it hang.
@Suite struct RobustnessTests {
    func parse(_ text: String) -> ParseResult { Parser.parse(text, name: "t") }

    @Test func deepNestingIsAnErrorNotAStackOverflow() {
        for opener in ["(", "[", "f("] {
            let result = parse("cities | where " + String(repeating: opener, count: 100_000) + "1")
            #expect(result.diagnostics.count == 1)
            #expect(result.diagnostics[0].message.hasPrefix("nesting too deep"))
        }
        let balanced = String(repeating: "(", count: 90) + "1" + String(repeating: ")", count: 90)
        #expect(parse("x | where " + balanced).diagnostics.isEmpty)
    }

    @Test func longOperatorChainsAreBounded() {
        for text in [
            "x | where " + Array(repeating: "1", count: 100_000).joined(separator: " + "),
            "x | where " + String(repeating: "not ", count: 100_000) + "a",
            "x | where " + String(repeating: "- ", count: 100_000) + "a",
            "x | where " + Array(repeating: "a", count: 100_000).joined(separator: " ?? "),
        ] {
            let result = parse(text)
            #expect(result.diagnostics.count == 1)
            #expect(result.diagnostics.first?.message.hasPrefix("expression too deeply nested") == true)
        }
        #expect(parse("x | where " + Array(repeating: "1", count: 5_000).joined(separator: " + ")).diagnostics.isEmpty)
    }

    @Test func hugeInputsParse() {
        let literal = String(repeating: "中", count: 1 << 20)
        let result = parse("cities | where name == \"\(literal)\"")
        #expect(result.diagnostics.isEmpty)
        let stages = parse("cities" + String(repeating: " | take 1", count: 100_000))
        #expect(stages.diagnostics.isEmpty)
        if case .pipeline(let pipeline) = stages.statements.first?.kind {
            #expect(pipeline.stages.count == 100_000)
        }
        let list = parse("x | where y in [" + Array(repeating: "1", count: 200_000).joined(separator: ",") + "]")
        #expect(list.diagnostics.isEmpty)
    }

    @Test func tenMegabyteLineOfJunkStopsAtTheErrorCap() {
        let source = SourceFile(name: "t", text: String(repeating: "x | wher ", count: 1_100_000))
        let result = Parser.parse(source)
        #expect(result.diagnostics.count == Parser.maxErrors)
        let text = DiagnosticRenderer().render(result.diagnostics, in: source)
        #expect(text.count < 20_000)
        #expect(text.contains("stopped after 20 errors"))
    }

    @Test func integersBeyondInt64AreNamed() {
        let result = parse("x | take 9223372036854775808")
        #expect(result.diagnostics.map(\.message) == ["integer literal '9223372036854775808' does not fit in a 64-bit integer"])
        let minimum = parse("let m = -9223372036854775808")
        #expect(minimum.diagnostics.isEmpty)
        #expect(TreeDump.dump(minimum.statements) == "(let m -9223372036854775808)")
    }

    @Test func incompleteInputIsRecognised() {
        for text in ["cities |", "cities | where (a", "let x =", "x | where a and", "cities\n", "f(1,", "[1, 2"] {
            let result = parse(text)
            #expect(result.isIncomplete == !result.diagnostics.isEmpty, "\(text)")
        }
        #expect(parse("cities |").isIncomplete)
        #expect(parse("x | where [1,").isIncomplete)
        #expect(!parse("cities | wher").isIncomplete)
        #expect(!parse("cities | wher x |").isIncomplete)
        #expect(!parse("\"abc").isIncomplete)
        #expect(!parse("cities").isIncomplete)
        // A stage word at the end of a line: the next line would be a statement of its own,
        // so the shell reports the error at once instead of promising a continuation.
        for text in ["aid | where", "aid | summarize n = count() by", "aid | join cities as c on", "aid | sort", "aid | top 3 by"] {
            #expect(!parse(text).isIncomplete, "\(text)")
            #expect(!parse(text).diagnostics.isEmpty, "\(text)")
        }
        #expect(parse("aid | where value_usd >").isIncomplete)
        #expect(parse("aid | where item in [\"masks\",").isIncomplete)
    }

    /// Seeded random inputs: arbitrary bytes and token soup. The parser must return, every
    /// diagnostic must lie inside the input, and rendering must succeed.
    @Test(arguments: 0..<4)
    func randomInputsNeverCrash(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let vocabulary = [
            "cities", "aid", "|", "where", "select", "derive", "sort", "take", "top", "by", "join", "left", "as",
            "on", "union", "summarize", "count", "distinct", "rename", "drop", "let", "load", "=", "==", "!=",
            "<", ">=", "(", ")", "[", "]", ",", ";", "\n", "..", "??", "+", "-", "*", "/", "//", "%", "and",
            "or", "not", "in", "is", "null", "true", "1_000", "3.5", "1e6", "\"s\"", "\"\\u{4E2D}\"", "@2020-01-01",
            "$p", "`a b`", "r.x", "f(", "desc", ".mode csv\n", "#c\n", "'x'", "&&", "\u{FF}", "\0", "\"open",
        ]
        for _ in 0..<500 {
            var bytes: [UInt8]
            if random.next() % 3 == 0 {
                bytes = (0..<Int(random.next() % 64)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            } else {
                let count = Int(random.next() % 40)
                bytes = Array((0..<count).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }
                    .joined(separator: random.next() % 4 == 0 ? "" : " ").utf8)
            }
            let source = SourceFile(name: "t", bytes: bytes)
            let result = Parser.parse(source)
            for diagnostic in result.diagnostics {
                #expect(diagnostic.span.start >= 0 && diagnostic.span.end <= bytes.count)
            }
            #expect(result.diagnostics.count <= Parser.maxErrors)
            _ = DiagnosticRenderer().render(result.diagnostics, in: source)
            _ = TreeDump.dump(result.statements)
        }
    }
}

