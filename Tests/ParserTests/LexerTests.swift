import Columnar
import Diagnostics
@testable import Parser
import Syntax
import Testing

@Suite struct LexerTests {
    func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokenize(SourceFile(name: "t", text: text)).tokens.map(\.kind)
    }

    func errors(_ text: String) -> [String] {
        Lexer.tokenize(SourceFile(name: "t", text: text)).diagnostics.map(\.message)
    }

    @Test func everyTokenCarriesItsByteSpan() {
        let source = SourceFile(name: "t", text: "城市 | where x >= 1_000")
        let tokens = Lexer.tokenize(source).tokens
        #expect(tokens.map { source.text(of: $0.span) } == ["城市", "|", "where", "x", ">=", "1_000", ""])
        #expect(tokens[0].span == Span(start: 0, end: 6))
    }

    @Test func numbers() {
        #expect(kinds("1_000 2.5 1e6 1.5e-3 3") == [
            .integer(digits: "1000"), .float(2.5), .float(1e6), .float(1.5e-3), .integer(digits: "3"), .endOfInput,
        ])
        #expect(kinds("1..5") == [.integer(digits: "1"), .symbol(.dotDot), .integer(digits: "5"), .endOfInput])
        #expect(errors("1__0").count == 1)
        #expect(errors("1_").count == 1)
        #expect(errors("1e999") == ["float literal '1e999' is out of range"])
        #expect(errors("0x1F") == ["invalid number '0x1F'"])
    }

    @Test func stringsAndEscapes() {
        #expect(kinds(#""a\"b\\c\n\t\u{4E2D}""#) == [.string("a\"b\\c\n\t中"), .endOfInput])
        #expect(errors(#""\q""#) == [#"unknown escape '\q'"#])
        #expect(errors(#""\u{D800}""#).count == 1)
        #expect(errors(#""\u{110000}""#).count == 1)
        #expect(errors("\"abc\nx").first?.hasPrefix("unterminated string: the string opened on line 1") == true)
    }

    @Test func dates() {
        #expect(kinds("@1970-01-02") == [.date(1), .endOfInput])
        #expect(kinds("@2020-02-29") == [.date(DateFormat.days(year: 2020, month: 2, day: 29)), .endOfInput])
        #expect(errors("@2021-02-29") == ["invalid date '@2021-02-29': February 2021 has 28 days"])
        #expect(errors("@2021-13-01") == ["invalid date '@2021-13-01': there is no month 13"])
        #expect(errors("@21-1-1").count == 1)
        #expect(errors("@").count == 1)
    }

    @Test func civilDatesRoundTrip() {
        for days in stride(from: Int32(-800_000), through: 2_900_000, by: 997) {
            let (y, m, d) = DateFormat.civil(fromDays: days)
            #expect(DateFormat.days(year: y, month: m, day: d) == days)
        }
        #expect(DateFormat.format(days: 0) == "1970-01-01")
        #expect(DateFormat.format(days: DateFormat.days(year: 2024, month: 12, day: 31)) == "2024-12-31")
    }

    @Test func namesKeywordsAndParameters() {
        #expect(kinds("`partner city` $year and count desc") == [
            .identifier("partner city", quoted: true), .parameter("year"), .keyword(.and),
            .identifier("count", quoted: false), .identifier("desc", quoted: false), .endOfInput,
        ])
        #expect(kinds("`a``b`") == [.identifier("a`b", quoted: true), .endOfInput])
        #expect(kinds("café 北京市") == [.identifier("café", quoted: false), .identifier("北京市", quoted: false), .endOfInput])
    }

    @Test func newlinesSeparateOnlyWhereAStatementCanEnd() {
        let separators = { (text: String) in self.kinds(text).filter { $0 == .newline }.count }
        #expect(separators("a\nb") == 1)
        #expect(separators("a\n| b") == 0)
        #expect(separators("a |\nb") == 0)
        #expect(separators("f(a,\nb)") == 0)
        #expect(separators("[1\n,2]") == 0)
        #expect(separators("a and\nb") == 0)
        #expect(separators("(a\nlet x = 1") == 1)  // a statement keyword always starts a statement
        #expect(separators("a # note | b\nc") == 1)
    }

    @Test func dotCommandsAreWholeLines() {
        #expect(kinds(".mode csv\ncities") == [
            .dotCommand(name: "mode", arguments: "csv"), .newline, .identifier("cities", quoted: false), .endOfInput,
        ])
        #expect(kinds(".output \"a b#1.csv\"  # comment") == [
            .dotCommand(name: "output", arguments: "\"a b#1.csv\""), .endOfInput,
        ])
        #expect(kinds("x | take 1\n.tables").contains(.dotCommand(name: "tables", arguments: "")))
    }

    @Test func junkIsReportedOnceAndLexingGoesOn() {
        let bytes: [UInt8] = Array("a ".utf8) + [0xFF, 0xFE, 0xFD] + Array(" b".utf8) + [0, 0] + Array(" c".utf8)
        let (tokens, diagnostics) = Lexer.tokenize(SourceFile(name: "t", bytes: bytes))
        #expect(diagnostics.count == 2)
        #expect(tokens.filter { if case .identifier = $0.kind { true } else { false } }.count == 3)
    }
}
