/// The little languages inside string arguments: regular expressions, `regex_replace`'s
/// replacement and `format`'s template. The binder checks constant ones before the query
/// runs (an error points at the argument); the evaluator runs them.

/// A compiled regular expression.
///
/// Swift's own `Regex` (the standard library's `_StringProcessing`), not POSIX `regcomp`:
/// glibc's regcomp sees bytes unless the process switches its global locale to UTF-8, so
/// `.` would match a third of "海" and `[é]` two bytes; it has no `\d`, no lazy
/// quantifiers and no lookahead, and it wants NUL-terminated copies of the text. Swift's
/// regex knows Unicode and takes the syntax people know from Python, JavaScript and PCRE.
/// It matches Unicode scalars (code points), not grapheme clusters: literal text then
/// matches exactly as `==` and `contains` do (a precomposed "é" does not match "e" and a
/// combining accent), as RE2 in DuckDB does, and scalar matching is the faster mode.
public struct TextPattern {
    public let regex: Regex<AnyRegexOutput>
    /// The number of capture groups, when it could be worked out without text to match.
    public let groupCount: Int?

    /// The pattern compiled, or the reason it does not compile.
    public init(_ pattern: String) throws(PatternError) {
        let spelled = Self.scalarsSpelledOut(pattern)
        do {
            regex = try Regex(spelled).matchingSemantics(.unicodeScalar)
        } catch {
            throw PatternError(message: "\(error)")
        }
        groupCount = Self.groups(in: spelled)
    }

    /// The pattern with every non-ASCII code point written as `\x{...}`. The regex parser
    /// reads its pattern as characters: it rejects a combining mark that follows a
    /// metacharacter ("[\u{301}]" is "confusable for a metacharacter"), and would join one
    /// to the letter before it. Spelled out, each code point is an atom that matches
    /// itself, as `==` compares. (`\é`, an escaped one, is spelled out without its backslash;
    /// quoted text, `\Q...\E`, where `\x{...}` would be literal, is unquoted: its letters and
    /// digits kept, every other code point spelled out.)
    static func scalarsSpelledOut(_ pattern: String) -> String {
        guard !pattern.utf8.allSatisfy({ $0 < 0x80 }) else { return pattern }
        func spelled(_ scalar: Unicode.Scalar) -> String { "\\x{" + String(scalar.value, radix: 16) + "}" }
        var out = ""
        var scalars = pattern.unicodeScalars[...]
        var quoting = false
        while let scalar = scalars.popFirst() {
            if quoting {
                if scalar == "\\", scalars.first == "E" {
                    scalars.removeFirst()
                    quoting = false
                } else if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += spelled(scalar)
                }
            } else if scalar == "\\", let next = scalars.first {
                scalars.removeFirst()
                if next == "Q" {
                    quoting = true
                } else if next.isASCII {
                    out.unicodeScalars.append(scalar)
                    out.unicodeScalars.append(next)
                } else {
                    out += spelled(next)
                }
            } else {
                if scalar.isASCII { out.unicodeScalars.append(scalar) } else { out += spelled(scalar) }
            }
        }
        return out
    }

    /// The pattern as one alternative beside an empty one matches "" and its match has a
    /// slot for every group: a count that needs no parsing of the pattern.
    private static func groups(in pattern: String) -> Int? {
        guard let probe = try? Regex("(?:" + pattern + ")|"), let match = try? probe.firstMatch(in: "") else { return nil }
        return match.output.count - 1
    }
}

/// Why a pattern or template is not valid, in words for a diagnostic.
public struct PatternError: Error, Sendable {
    public let message: String

    public init(message: String) { self.message = message }
}

/// `regex_replace`'s replacement text: literal parts and group references. `$0` is the whole
/// match, `$1` to `$9` a group, `${12}` any group, `$$` a dollar sign; any other `$` is an
/// error, so a typo is not silently kept as text.
public struct ReplacementTemplate: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        case text(String)
        case group(Int)
    }

    public let parts: [Part]

    public init(_ text: String) throws(PatternError) {
        var parts: [Part] = []
        var literal = ""
        var scalars = Substring(text).unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "$" else {
                literal.unicodeScalars.append(scalar)
                continue
            }
            var group: Int?
            if let next = scalars.first, ("0"..."9").contains(next) {
                scalars.removeFirst()
                group = Int(next.value - 0x30)
            } else if scalars.first == "$" {
                scalars.removeFirst()
                literal.append("$")
                continue
            } else if scalars.first == "{", let close = scalars.firstIndex(of: "}") {
                let digits = scalars[scalars.index(after: scalars.startIndex)..<close]
                if !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ ("0"..."9").contains($0) }) {
                    group = digits.reduce(0) { $0 * 10 + Int($1.value - 0x30) }
                    scalars = scalars[scalars.index(after: close)...]
                }
            }
            guard let group else {
                throw PatternError(message: "'$' must be followed by a group number ($1, ${12}), or be written $$")
            }
            if !literal.isEmpty { parts.append(.text(literal)) }
            literal = ""
            parts.append(.group(group))
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        self.parts = parts
    }

    /// The largest group the template refers to (0 for none).
    public var highestGroup: Int {
        parts.reduce(0) { if case .group(let n) = $1 { return max($0, n) } else { return $0 } }
    }
}

/// `format`'s template: literal text with `{}` where the next value goes; `{{` and `}}`
/// stand for the braces themselves.
public struct FormatTemplate: Sendable, Equatable {
    /// The literal pieces around the placeholders: one more than there are placeholders.
    public let pieces: [String]

    public var placeholders: Int { pieces.count - 1 }

    public init(_ text: String) throws(PatternError) {
        var pieces: [String] = []
        var current = ""
        var characters = Substring(text).unicodeScalars[...]
        while let scalar = characters.popFirst() {
            switch scalar {
            case "{":
                if characters.first == "{" {
                    characters.removeFirst()
                    current.append("{")
                } else if characters.first == "}" {
                    characters.removeFirst()
                    pieces.append(current)
                    current = ""
                } else {
                    throw PatternError(message: "a '{' must be followed by '}' (a placeholder) or be written {{")
                }
            case "}":
                guard characters.first == "}" else { throw PatternError(message: "a lone '}' must be written }}") }
                characters.removeFirst()
                current.append("}")
            default:
                current.unicodeScalars.append(scalar)
            }
        }
        pieces.append(current)
        self.pieces = pieces
    }

    /// The template with `values` in its placeholders, in order.
    public func filled(with values: [String]) -> String {
        var out = pieces[0]
        for (value, piece) in zip(values, pieces.dropFirst()) {
            out += value
            out += piece
        }
        return out
    }
}
