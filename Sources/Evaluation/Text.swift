import Diagnostics
import Semantic

/// The text functions that count characters: positions and lengths are in characters as
/// they are displayed (grapheme clusters), as `len` and `substr` count them, while searching
/// compares UTF-8 bytes exactly, as `==` and `contains` do.
enum Text {
    /// `split_part`: part `index` of `text` cut at every `separator` (1-based; -1 is the last
    /// part); "" when there is no such part. An empty separator cuts between characters.
    static func splitPart(_ text: String, separator: String, index: Int64) -> String {
        guard index != 0 else { return "" }
        let parts: [String]
        if separator.isEmpty {
            parts = text.map(String.init)
        } else {
            let haystack = Array(text.utf8), needle = Array(separator.utf8)
            var found: [String] = []
            var start = 0
            while let next = Bytes.find(needle, in: haystack, from: start) {
                found.append(String(decoding: haystack[start..<next], as: UTF8.self))
                start = next + needle.count
            }
            found.append(String(decoding: haystack[start...], as: UTF8.self))
            parts = found
        }
        let position = index > 0 ? index - 1 : Int64(parts.count) + index
        guard position >= 0, position < Int64(parts.count) else { return "" }
        return parts[Int(position)]
    }

    /// `strpos`: where `part` first starts in `text`, counting characters from 1; 0 when it
    /// is not there, 1 for "".
    static func position(of part: String, in text: String) -> Int64 {
        let haystack = Array(text.utf8)
        guard let offset = Bytes.find(Array(part.utf8), in: haystack, from: 0) else { return 0 }
        return Int64(String(decoding: haystack[..<offset], as: UTF8.self).count) + 1
    }

    /// `left`: the first n characters; a negative n drops the last -n instead.
    static func left(_ text: String, _ n: Int64) -> String {
        n >= 0 ? String(text.prefix(Int(clamping: n))) : String(text.dropLast(Int(clamping: n.magnitude)))
    }

    /// `right`: the last n characters; a negative n drops the first -n instead.
    static func right(_ text: String, _ n: Int64) -> String {
        n >= 0 ? String(text.suffix(Int(clamping: n))) : String(text.dropFirst(Int(clamping: n.magnitude)))
    }

    /// `lpad` and `rpad`: exactly `length` characters: `text` cut to its first `length`, or
    /// filled out with `fill` repeated (and cut) on one side. An empty fill cannot fill:
    /// the text is returned as it is. Past ``ScalarFunction/longestPadding`` an error.
    static func pad(_ text: String, to length: Int64, with fill: String, onLeft: Bool,
                    function: ScalarFunction, span: Span) throws -> String {
        guard length <= ScalarFunction.longestPadding else {
            throw RuntimeError.make("E0410", "\(function.rawValue) makes at most \(ScalarFunction.longestPadding) characters, not \(length)", span)
        }
        guard length > 0 else { return "" }
        let wanted = Int(length)
        let count = text.count
        if count >= wanted { return String(text.prefix(wanted)) }
        guard !fill.isEmpty else { return text }
        let fillCharacters = Array(fill)
        var padding = ""
        for index in 0..<(wanted - count) { padding.append(fillCharacters[index % fillCharacters.count]) }
        return onLeft ? padding + text : text + padding
    }
}
