import Diagnostics
import Testing

@Suite struct RendererTests {
    let renderer = DiagnosticRenderer()

    @Test func underlinesTheWholeToken() {
        let source = SourceFile(name: "report.q", text: "cities\naid | where | take 5\n")
        let start = 7 + 12
        let diagnostic = Diagnostic(code: "E0", message: "expected an expression", span: Span(start: start, end: start + 1))
        #expect(renderer.render(diagnostic, in: source) == """
            report.q:2:13: error: expected an expression
              2 | aid | where | take 5
                |             ^

            """)
        let word = Diagnostic(code: "E0", message: "unknown stage", span: Span(start: 13, end: 18))
        #expect(renderer.render(word, in: source).contains("  |       ^^^^^\n"))
    }

    @Test func alignsCaretsUnderWideCharacters() {
        let source = SourceFile(name: "q", text: "cities | where name_zh == \"上海\" x")
        let offset = Array("cities | where name_zh == \"上海\" ".utf8).count
        let text = renderer.render(Diagnostic(code: "E0", message: "m", span: Span(start: offset, end: offset + 1)), in: source)
        // 上海 is four terminal columns wide but two columns in the location.
        #expect(text.hasPrefix("q:1:32: error: m"))
        #expect(text.contains("\n    | " + String(repeating: " ", count: 33) + "^\n"))
    }

    @Test func showsLabelsNotesAndHelp() {
        let source = SourceFile(name: "q", text: "(a\nb")
        let diagnostic = Diagnostic(
            code: "E0", message: "expected ')'", span: .point(4),
            labels: [Label(span: Span(start: 0, end: 1), message: "'(' opened here")],
            notes: ["a note"], help: "close it")
        #expect(renderer.render(diagnostic, in: source) == """
            q:2:2: error: expected ')'
              2 | b
                |  ^
            q:1:1: note: '(' opened here
              1 | (a
                | ^
                = note: a note
                = help: close it

            """)
    }

    @Test func cutsVeryLongLinesAroundTheSpan() {
        let line = String(repeating: "a", count: 100_000) + " bad " + String(repeating: "b", count: 100_000)
        let source = SourceFile(name: "q", text: line)
        let text = renderer.render(Diagnostic(code: "E0", message: "m", span: Span(start: 100_001, end: 100_004)), in: source)
        #expect(text.count < 400)
        #expect(text.contains("… ") || text.contains("…a"))
        #expect(text.contains("^^^"))
    }

    @Test func replacesInvalidBytesAndControlCharacters() {
        let source = SourceFile(name: "q", bytes: [0x61, 0xFF, 0x00, 0x62])
        let text = renderer.render(Diagnostic(code: "E0", message: "m", span: Span(start: 1, end: 2)), in: source)
        #expect(text.contains("a\u{FFFD}\u{FFFD}b"))
        #expect(!text.unicodeScalars.contains { $0.value == 0 })
    }

    @Test func colorsOnlyWhenAsked() {
        let source = SourceFile(name: "q", text: "x")
        let coloured = DiagnosticRenderer(useColor: true).render(Diagnostic(code: "E0", message: "m", span: .point(0)), in: source)
        #expect(coloured.contains("\u{1B}["))
        #expect(!renderer.render(Diagnostic(code: "E0", message: "m", span: .point(0)), in: source).contains("\u{1B}"))
    }
}

@Suite struct SourceFileTests {
    @Test func locationsCountScalarsNotBytes() {
        let source = SourceFile(name: "q", text: "北京 x\r\ny")
        #expect(source.location(of: 7) == (1, 4))
        #expect(source.location(of: 10) == (2, 1))
        #expect(source.lineRange(0) == 0..<8)
        #expect(source.location(of: 1_000) == (2, 2))
    }

    @Test func decodingRejectsMalformedUTF8() {
        #expect(UTF8Decoding.decode([0xC0, 0x80], at: 0) == nil)  // overlong
        #expect(UTF8Decoding.decode([0xED, 0xA0, 0x80], at: 0) == nil)  // surrogate
        #expect(UTF8Decoding.decode([0xE4, 0xB8], at: 0) == nil)  // truncated
        #expect(UTF8Decoding.decode(Array("中".utf8), at: 0)?.length == 3)
    }
}

@Suite struct SuggestionTests {
    @Test func findsCloseNames() {
        #expect(Suggestions.closest(to: "wher", among: ["where", "select", "sort"]) == ["where"])
        #expect(Suggestions.closest(to: "contry", among: ["country", "continent", "city_id"]) == ["country"])
        #expect(Suggestions.closest(to: "sumarize", among: ["summarize", "sort"]) == ["summarize"])
        #expect(Suggestions.closest(to: "slect", among: ["select"]) == ["select"])
        #expect(Suggestions.closest(to: "xyz", among: ["where", "select"]).isEmpty)
        #expect(Suggestions.closest(to: "a", among: ["b"]).isEmpty)
    }

    @Test func transpositionsCountOnce() {
        #expect(Suggestions.editDistance(Array("wehre".unicodeScalars), Array("where".unicodeScalars)) == 1)
    }

    @Test func displayWidths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("上海") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
    }
}
