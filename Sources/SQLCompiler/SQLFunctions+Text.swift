import Columnar
import Semantic

/// Text functions. Searching and replacing compare code points, which in UTF-8 is comparing
/// bytes, as Amity does. Counting and case mapping agree only on some characters
/// (``SQLCharacters``): text with others is refused by the SQL where it meets it.
extension SQLExpression {
    /// The CTE of the guards' character classes, which the compiler adds when a statement
    /// reads it: written once, not in every call.
    static let charactersTable = "amity_characters"
    static func charactersCTE(_ caseMapping: SQLCompiler.CaseMapping) -> String {
        let mapped = caseMapping == .icu ? SQLCharacters.notMappedAlikeByICU : SQLCharacters.notMappedAlikeInASCII
        return "SELECT \(SQLText.string(SQLCharacters.notCountedAlike)) AS not_counted_alike, "
            + "\(SQLText.string(mapped)) AS not_mapped_alike"
    }

    /// Amity's white space (Unicode's White_Space), which `trim` removes.
    static let whiteSpace = SQLText.string(String(String.UnicodeScalarView(
        (0...0x3000).compactMap(Unicode.Scalar.init).filter(\.properties.isWhitespace))))

    /// A whole number as PostgreSQL's integer, which its text functions take: beyond it the
    /// answer is the same as at its end.
    static func clamped(_ value: String) -> String {
        "CAST(greatest(least(\(value), 2147483647), -2147483647) AS integer)"
    }

    func textCall(_ function: ScalarFunction, _ a: [String], _ arguments: [BoundExpr], _ expr: BoundExpr) throws -> String? {
        /// `value` where every text in `texts` holds only characters of the class, else an error.
        func guarded(_ texts: [String], by column: String, _ value: String, what: String) -> String {
            let test = texts.map { "\($0) ~ (SELECT \(column) FROM \(Self.charactersTable))" }.joined(separator: " OR ")
            let refusal = SQLFailure.raise("E0700", "\(function.rawValue) of \(what) runs in memory only: PostgreSQL counts "
                                           + "or maps such characters otherwise", type: expr.type, row: texts[0])
            return "CASE WHEN \(test) THEN \(refusal) ELSE \(value) END"
        }
        func counted(_ texts: [String], _ value: String) -> String {
            guarded(texts, by: "not_counted_alike", value, what: "text with combining marks, joined emoji or such scripts")
        }
        switch function {
        case .len: return counted([a[0]], "CAST(char_length(\(a[0])) AS bigint)")
        case .upper, .lower:
            if caseMapping == .icu {
                return guarded([a[0]], by: "not_mapped_alike",
                               "\(function.rawValue)(\(a[0]) COLLATE \"\(SQLCompiler.CaseMapping.icuCollation)\")",
                               what: "Greek capital sigma or letters newer than the server's Unicode")
            }
            return guarded([a[0]], by: "not_mapped_alike", "\(function.rawValue)(\(a[0]) COLLATE \"C\")",
                           what: "letters beyond ASCII (the server has no ICU)")
        case .reverse: return counted([a[0]], "reverse(\(a[0]))")
        case .strpos: return counted([a[0]], "CAST(strpos(\(a[0]), \(a[1])) AS bigint)")
        case .left, .right: return counted([a[0]], "\(function.rawValue)(\(a[0]), \(Self.clamped(a[1])))")
        case .substr where arguments.count == 2:
            return counted([a[0]], "substr(\(a[0]), \(Self.clamped("greatest(\(a[1]), 0)")))")
        case .substr:
            // SQL's rule, as Amity's: the length counts from `start`, even before the text.
            let start = "greatest(\(a[1]), 1)", end = "least(\(a[1]) + \(a[2]), 2147483647)"
            let negative = SQLFailure.raise("E0410", "substr's length cannot be negative", type: .string, row: a[2])
            return "CASE WHEN \(a[2]) < 0 THEN \(negative) ELSE "
                + counted([a[0]], "substr(\(a[0]), \(Self.clamped(start)), \(Self.clamped("greatest(\(end) - \(start), 0)")))") + " END"
        case .lpad, .rpad:
            let tooLong = SQLFailure.raise("E0410", "\(function.rawValue) makes at most \(ScalarFunction.longestPadding) characters",
                                           type: .string, row: a[1])
            return "CASE WHEN \(a[1]) > \(ScalarFunction.longestPadding) THEN \(tooLong) ELSE "
                + counted([a[0], a[2]], "\(function.rawValue)(\(a[0]), \(Self.clamped(a[1])), \(a[2]))") + " END"
        case .trim: return "btrim(\(a[0]), \(Self.whiteSpace))"
        case .replace:
            // An empty `from` is found nowhere in Amity; PostgreSQL also leaves the text as it is.
            return "replace(\(a[0]), \(a[1]), \(a[2]))"
        case .splitPart:
            // Cutting at "" cuts between characters in Amity, where PostgreSQL keeps the whole.
            let empty = SQLFailure.raise("E0700", "split_part at \"\" runs in memory only", type: .string, row: a[1])
            return "CASE WHEN \(a[2]) = 0 THEN '' WHEN \(a[1]) = '' THEN \(empty) "
                + "ELSE split_part(\(a[0]), \(a[1]), \(Self.clamped(a[2]))) END"
        case .concat:
            guard !arguments.contains(where: { $0.type == .float }) else {
                throw SQLCompileError("concat of floats is not compiled to SQL yet: PostgreSQL writes them by its own rules",
                                      expr.span)
            }
            return "concat(\(zip(a, arguments).map { Self.text($0, type: $1.type) }.joined(separator: ", ")))"
        default:
            return nil
        }
    }
}
