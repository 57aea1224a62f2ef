/// One value, for the edges of the system: literals, parameters, single cells in output and
/// tests. Kernels never use it per row.
public enum Value: Sendable, Hashable, CustomStringConvertible {
    case null
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case date(Int32)
    case string(String)

    /// The type of a non-null value.
    public var type: DataType? {
        switch self {
        case .null: return nil
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .date: return .date
        case .string: return .string
        }
    }

    public var isNull: Bool { self == .null }

    /// Plain text: no quotes, `null` for null, dates as YYYY-MM-DD, floats in shortest form.
    public var description: String {
        switch self {
        case .null: return "null"
        case .int(let value): return String(value)
        case .float(let value): return FloatFormat.shortest(value)
        case .bool(let value): return String(value)
        case .date(let days): return DateFormat.format(days: days)
        case .string(let value): return value
        }
    }
}

/// Float text that round-trips and never shows a trailing `.0` noise beyond one digit.
public enum FloatFormat {
    public static func shortest(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value)) + ".0"
        }
        return String(value)
    }
}
