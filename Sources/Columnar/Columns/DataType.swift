/// The types a column can have. Every column is nullable.
public enum DataType: String, Sendable, CaseIterable, CustomStringConvertible {
    /// 64-bit signed integers.
    case int
    /// IEEE 754 doubles.
    case float
    case bool
    /// Days since 1970-01-01, stored as Int32.
    case date
    /// UTF-8 text, dictionary-encoded.
    case string

    public var description: String { rawValue }

    public var isNumeric: Bool { self == .int || self == .float }

    /// "an int", "a string": for messages.
    public var withArticle: String { self == .int ? "an int" : "a \(rawValue)" }
}
