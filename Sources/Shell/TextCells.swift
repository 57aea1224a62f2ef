import Columnar
import Diagnostics

/// How a text value (a string cell or a column name) is written in each output format, in
/// UTF-8 bytes. Every character a format treats specially is ASCII, and in UTF-8 an ASCII
/// byte is never part of another character, so the rules work on bytes: a `"` before a
/// combining mark is still doubled, and `"\r\n"` in a field is still quoted.
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
        if text.allSatisfy({ $0 < 0x80 }) || String(validating: text, as: UTF8.self) != nil {
            appendBytes(text, to: &out)
            return
        }
        var repaired = String(decoding: text, as: UTF8.self)
        repaired.withUTF8 { appendBytes($0, to: &out) }
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

    /// Whether `text` has a byte this style changes or looks at (CSV also looks at spaces on
    /// the edges and the empty text).
    private func holdsSpecialByte(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .csv:
            if text.isEmpty || text.first == 0x20 || text.last == 0x20 { return true }
            return text.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        case .tsv: return text.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        case .markdown: return text.contains { $0 == 0x7C || $0 == 0x0A }
        case .json, .plain: return false
        }
    }

    /// The rules, on valid UTF-8.
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
