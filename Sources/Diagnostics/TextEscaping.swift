/// Text with its invisible characters written as escapes: the one place that decides how a
/// tab, a newline or a control character is shown, in the three forms the program prints.
public enum TextEscaping {
    public enum Style: Sendable {
        /// A double-quoted string literal of the language (`"a\tb\u{1}"`): what reads back.
        case literal
        /// A JSON string (`"a\tb\u0001"`).
        case json
        /// A value in a result table, unquoted: only what would break the layout.
        case display
    }

    public static func escape(_ text: String, _ style: Style) -> String {
        let quoted = style != .display
        // The common case, nothing to escape, costs one scan and no copy.
        if !quoted, !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return text }
        var out = quoted ? "\"" : ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"" where quoted: out += "\\\""
            case "\\" where quoted: out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r" where style != .literal: out += "\\r"
            default:
                if style == .json, scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else if style != .json, scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted ? out + "\"" : out
    }
}
