import Columnar
import Diagnostics

/// How a text value (a string cell or a column name) is written in each output format, in
/// UTF-8 bytes.
///
/// The rules were first written over Swift `Character`s, and the output must not change. A
/// `Character` is a grapheme cluster, so two byte-level surprises are part of the format:
/// `"\r\n"` is one `Character`, equal to neither `"\r"` nor `"\n"` (CSV does not quote it, TSV
/// and markdown do not escape it), and a combining mark joins the character before it (a `"`
/// followed by U+0301 is not doubled). Text that is ASCII without a carriage return has one
/// `Character` per byte, so the byte rules below are exactly the `Character` rules; any other
/// text that holds a byte the format treats specially goes through ``graphemeText(_:_:)``,
/// the original rules, once per distinct string.
enum TextStyle: Sendable {
    /// RFC 4180: quoted when it holds a comma, a quote or a line break, is empty, or starts
    /// or ends with a space.
    case csv
    /// Tabs, newlines and carriage returns as `\t`, `\n`, `\r`.
    case tsv
    /// `|` as `\|`, a newline as `<br>`.
    case markdown
    /// A quoted JSON string.
    case json
    /// The text as it is (the line format).
    case plain

    /// Appends `text` as this style writes it. Bytes that are not UTF-8 are first repaired
    /// as `String(decoding:as:)` does, which is what the text always went through.
    func append(_ text: UnsafeBufferPointer<UInt8>, to out: inout OutputBuffer) {
        var isASCII = true, hasCarriageReturn = false
        for byte in text {
            if byte >= 0x80 { isASCII = false }
            if byte == 0x0D { hasCarriageReturn = true }
        }
        if isASCII && !(hasCarriageReturn && needsGraphemes) {
            appendBytes(text, to: &out)
            return
        }
        let string = String(decoding: text, as: UTF8.self)
        var repairedString = string
        repairedString.withUTF8 { repaired in
            if needsGraphemes && holdsSpecialByte(repaired) {
                out.append(graphemeText(string, self))
            } else {
                appendBytes(repaired, to: &out)
            }
        }
    }

    /// Whether `append` writes `text` byte for byte, so its bytes can be used as they are.
    func isVerbatim(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .json: return false
        case .csv where text.isEmpty: return false
        case .plain: break
        case .csv, .tsv, .markdown: if holdsSpecialByte(text) { return false }
        }
        // Anything beyond ASCII must already be valid UTF-8.
        return text.allSatisfy { $0 < 0x80 } || String(validating: text, as: UTF8.self) != nil
    }

    /// Whether this style's rules look at characters that a grapheme cluster could hide.
    private var needsGraphemes: Bool {
        switch self {
        case .csv, .tsv, .markdown: return true
        case .json, .plain: return false
        }
    }

    /// Whether `text` has a byte this style changes or looks at (a carriage return counts: it
    /// may pair with a newline; CSV also looks at spaces on the edges and the empty text).
    private func holdsSpecialByte(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .csv:
            if text.isEmpty || text.first == 0x20 || text.last == 0x20 { return true }
            return text.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        case .tsv: return text.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        case .markdown: return text.contains { $0 == 0x7C || $0 == 0x0A || $0 == 0x0D }
        case .json, .plain: return false
        }
    }

    /// The byte rules, exact for valid UTF-8 in JSON and plain text, and for ASCII without
    /// carriage returns in the others.
    private func appendBytes(_ text: UnsafeBufferPointer<UInt8>, to out: inout OutputBuffer) {
        switch self {
        case .plain:
            out.append(text)
        case .csv:
            let needsQuotes = text.isEmpty || text.first == 0x20 || text.last == 0x20
                || text.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            guard needsQuotes else { return out.append(text) }
            out.append(0x22)
            for byte in text {
                if byte == 0x22 { out.append(0x22) }
                out.append(byte)
            }
            out.append(0x22)
        case .tsv:
            for byte in text {
                switch byte {
                case 0x09: out.append("\\t" as StaticString)
                case 0x0A: out.append("\\n" as StaticString)
                case 0x0D: out.append("\\r" as StaticString)
                default: out.append(byte)
                }
            }
        case .markdown:
            for byte in text {
                switch byte {
                case 0x7C: out.append("\\|" as StaticString)
                case 0x0A: out.append("<br>" as StaticString)
                default: out.append(byte)
                }
            }
        case .json:
            appendJSONString(text, to: &out)
        }
    }

    /// What `TextEscaping.escape(_, .json)` writes, byte for byte: every byte of a multi-byte
    /// character is 0x80 or above, so escaping ASCII bytes is escaping scalars.
    private func appendJSONString(_ text: UnsafeBufferPointer<UInt8>, to out: inout OutputBuffer) {
        out.append(0x22)
        var start = 0
        for index in text.indices {
            let byte = text[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            out.append(UnsafeBufferPointer(rebasing: text[start..<index]))
            start = index + 1
            switch byte {
            case 0x22: out.append("\\\"" as StaticString)
            case 0x5C: out.append("\\\\" as StaticString)
            case 0x0A: out.append("\\n" as StaticString)
            case 0x09: out.append("\\t" as StaticString)
            case 0x0D: out.append("\\r" as StaticString)
            default:
                let hex: StaticString = "0123456789abcdef"
                out.append("\\u00" as StaticString)
                out.append(hex.utf8Start[Int(byte >> 4)])
                out.append(hex.utf8Start[Int(byte & 0xF)])
            }
        }
        out.append(UnsafeBufferPointer(rebasing: text[start...]))
        out.append(0x22)
    }
}

/// The original rules, over `Character`s, for the text whose bytes cannot tell (see
/// ``TextStyle``).
func graphemeText(_ text: String, _ style: TextStyle) -> String {
    func replacing(_ replacement: (Character) -> String?) -> String {
        var out = ""
        for character in text { out += replacement(character) ?? String(character) }
        return out
    }
    switch style {
    case .csv:
        let needsQuotes = text.isEmpty || text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.first == " " || text.last == " "
        return needsQuotes ? "\"" + replacing { $0 == "\"" ? "\"\"" : nil } + "\"" : text
    case .tsv:
        return replacing { $0 == "\t" ? "\\t" : ($0 == "\n" ? "\\n" : ($0 == "\r" ? "\\r" : nil)) }
    case .markdown:
        return replacing { $0 == "|" ? "\\|" : ($0 == "\n" ? "<br>" : nil) }
    case .json:
        return TextEscaping.escape(text, .json)
    case .plain:
        return text
    }
}
