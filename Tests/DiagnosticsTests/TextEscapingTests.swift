import Diagnostics
import Testing

/// The three ways text is escaped: a literal that reads back, JSON, and a table cell.
@Suite struct TextEscapingTests {
    static let text = "a\"b\\c\nd\te\rf\u{1}g\u{7F}h海"

    @Test func literal() {
        #expect(TextEscaping.escape(Self.text, .literal) == #""a\"b\\c\nd\te\u{d}f\u{1}g\u{7f}h海""#)
    }

    @Test func json() {
        #expect(TextEscaping.escape(Self.text, .json) == "\"a\\\"b\\\\c\\nd\\te\\rf\\u0001g\u{7F}h海\"")
    }

    @Test func display() {
        #expect(TextEscaping.escape(Self.text, .display) == #"a"b\c\nd\te\rf\u{1}g\u{7f}h海"#)
        #expect(TextEscaping.escape("plain \"text\"", .display) == "plain \"text\"")
    }
}
