import Diagnostics
import Syntax

/// Decides which line breaks end a statement.
///
/// A line break separates statements unless the statement plainly goes on: inside `(...)`
/// or `[...]`, after a token that needs a right-hand side (`|`, `,`, `=`, an infix operator,
/// `not`), or before a line that starts with `|`. Lines starting with `let`, `load` or a dot
/// command always begin a new statement, even after an unclosed bracket, so one missing `)`
/// cannot swallow the rest of a script.
enum NewlineFilter {
    /// Whether a line break between `previous` and `next` (the first token of a line,
    /// `depth` brackets deep) ends a statement.
    static func separates(previous: Token, next: Token, depth: Int) -> Bool {
        if startsStatement(next) { return true }
        if depth > 0 || next.isSymbol(.pipe) { return false }
        return !needsMore(previous)
    }

    private static func startsStatement(_ token: Token) -> Bool {
        switch token.kind {
        case .dotCommand, .keyword(.let), .keyword(.load): return true
        default: return false
        }
    }

    /// Tokens that cannot end a statement: the line break after them is not a separator.
    static func needsMore(_ token: Token) -> Bool {
        switch token.kind {
        case .symbol(let symbol):
            switch symbol {
            case .rightParen, .rightBracket, .semicolon: return false
            default: return true
            }
        case .keyword(let keyword):
            switch keyword {
            case .and, .or, .not, .in, .is: return true
            default: return false
            }
        default:
            return false
        }
    }
}
