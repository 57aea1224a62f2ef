import Columnar

/// The functions that choose one of their arguments, on single values: the reference the
/// vectorised versions (``Evaluator/choose(_:type:_:start:count:)`` and others) agree with.
extension ScalarSemantics {
    /// `case(c1, v1, c2, v2, ..., otherwise)`: the value after the first true condition.
    static func firstChosen(_ arguments: [Value]) -> Value {
        var index = 0
        while index + 1 < arguments.count {
            if arguments[index] == .bool(true) { return arguments[index + 1] }
            index += 2
        }
        return index < arguments.count ? arguments[index] : .null
    }

    /// `greatest` and `least`: nulls skipped; the first of equal values.
    static func extreme(_ arguments: [Value], largest: Bool) -> Value {
        var best = Value.null
        for value in arguments where !value.isNull {
            if best.isNull || (largest ? order(value, best) > 0 : order(value, best) < 0) { best = value }
        }
        return best
    }

    /// `==` on two non-null values of one type (an int and a float compare as floats).
    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int(let x), .float(let y)): return Double(x) == y
        case (.float(let x), .int(let y)): return x == Double(y)
        default: return a == b
        }
    }

    /// -1, 0 or 1: the order `sort` uses for two non-null values of one type (NaN above every
    /// number, strings by their UTF-8 bytes).
    static func order(_ a: Value, _ b: Value) -> Int {
        func compare<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case (.int(let x), .int(let y)): return compare(x, y)
        case (.date(let x), .date(let y)): return compare(x, y)
        case (.bool(let x), .bool(let y)): return compare(x ? 1 : 0, y ? 1 : 0)
        case (.string(let x), .string(let y)): return Evaluator.compareBytes(Array(x.utf8), Array(y.utf8))
        case (.float(let x), .float(let y)): return floatOrder(x, y)
        case (.int(let x), .float(let y)): return floatOrder(Double(x), y)
        case (.float(let x), .int(let y)): return floatOrder(x, Double(y))
        default: preconditionFailure("order of \(a) and \(b)")
        }
    }

    static func floatOrder(_ x: Double, _ y: Double) -> Int {
        if x.isNaN || y.isNaN { return x.isNaN == y.isNaN ? 0 : (x.isNaN ? 1 : -1) }
        return x < y ? -1 : (x == y ? 0 : 1)
    }
}
