import Columnar
import Diagnostics
import Semantic

extension Evaluator {
    func negate(_ vector: Vector, span: Span) throws -> Vector {
        switch vector.data {
        case .int(let values):
            for row in 0..<vector.count where vector.isValid(row) && values[row] == .min {
                throw RuntimeError.make("E0401", "integer overflow: cannot negate \(values[row])", span)
            }
            return Vector(.int(values.map { 0 &- $0 }), valid: vector.valid, count: vector.count)
        case .float(let values):
            return Vector(.float(values.map { -$0 }), valid: vector.valid, count: vector.count)
        default:
            preconditionFailure("negate needs a number")
        }
    }

    func arithmetic(_ op: ArithmeticOperator, _ a: Vector, _ b: Vector, span: Span) throws -> Vector {
        let count = a.count
        let valid = Vector.combine(a.valid, b.valid)
        func isValid(_ row: Int) -> Bool { valid?[row] ?? true }
        switch (a.data, b.data) {
        case (.int(let x), .int(let y)):
            var out = [Int64](repeating: 0, count: count)
            var overflow = false
            switch op {
            case .add: for i in 0..<count { let (v, o) = x[i].addingReportingOverflow(y[i]); out[i] = v; overflow = overflow || (o && isValid(i)) }
            case .subtract: for i in 0..<count { let (v, o) = x[i].subtractingReportingOverflow(y[i]); out[i] = v; overflow = overflow || (o && isValid(i)) }
            case .multiply: for i in 0..<count { let (v, o) = x[i].multipliedReportingOverflow(by: y[i]); out[i] = v; overflow = overflow || (o && isValid(i)) }
            case .integerDivide, .remainder:
                for i in 0..<count where isValid(i) {
                    if y[i] == 0 {
                        throw RuntimeError.make("E0402", "integer division by zero", span,
                                                help: "guard the divisor, e.g. if(d == 0, null, n // d), or use '/' for a float result")
                    }
                    if y[i] == -1 {
                        // min // -1 overflows; any remainder by -1 is 0.
                        if op == .integerDivide { overflow = overflow || x[i] == .min; out[i] = 0 &- x[i] }
                        continue
                    }
                    let (q, r) = (x[i] / y[i], x[i] % y[i])
                    // Floor semantics: the quotient rounds down, the remainder has the divisor's sign.
                    let adjust = r != 0 && ((r < 0) != (y[i] < 0))
                    out[i] = op == .integerDivide ? (adjust ? q - 1 : q) : (adjust ? r + y[i] : r)
                }
            case .divide:
                preconditionFailure("int / int is planned as float division")
            }
            if overflow {
                throw RuntimeError.make("E0401", "integer overflow in '\(op.rawValue)'", span,
                                        help: "the result does not fit in a 64-bit integer; use float(...) for large values")
            }
            return Vector(.int(out), valid: valid, count: count)
        case (.float(let x), .float(let y)):
            let out: [Double]
            switch op {
            case .add: out = zip(x, y).map { $0 + $1 }
            case .subtract: out = zip(x, y).map { $0 - $1 }
            case .multiply: out = zip(x, y).map { $0 * $1 }
            case .divide: out = zip(x, y).map { $0 / $1 }
            case .integerDivide: out = zip(x, y).map { ($0 / $1).rounded(.down) }
            case .remainder: out = zip(x, y).map { $0 - ($0 / $1).rounded(.down) * $1 }
            }
            return Vector(.float(out), valid: valid, count: count)
        case (.string(let xc, let xd), .string(let yc, let yd)):
            var builder = StringDictionaryBuilder()
            var codes = [UInt32](repeating: 0, count: count)
            var joined: [UInt8] = []
            for i in 0..<count where isValid(i) {
                joined.removeAll(keepingCapacity: true)
                xd.withBytes(of: xc[i]) { joined.append(contentsOf: $0) }
                yd.withBytes(of: yc[i]) { joined.append(contentsOf: $0) }
                codes[i] = joined.withUnsafeBufferPointer { builder.code(forBytes: $0) }
            }
            return Vector(.string(codes, builder.build()), valid: valid, count: count)
        case (.date(let x), .int(let y)):
            var out = [Int32](repeating: 0, count: count)
            for i in 0..<count where isValid(i) {
                let days = op == .add ? Int64(x[i]).addingReportingOverflow(y[i]) : Int64(x[i]).subtractingReportingOverflow(y[i])
                guard !days.overflow, let value = Int32(exactly: days.partialValue), DateRange.contains(value) else {
                    throw RuntimeError.make("E0403", "date out of range in '\(op.rawValue)'", span,
                                            help: "dates run from 0000-01-01 to 9999-12-31")
                }
                out[i] = value
            }
            return Vector(.date(out), valid: valid, count: count)
        case (.date(let x), .date(let y)):
            return Vector(.int(zip(x, y).map { Int64($0) - Int64($1) }), valid: valid, count: count)
        default:
            preconditionFailure("arithmetic on \(a.data) and \(b.data) was not planned")
        }
    }
}

/// The dates Amity can print with four-digit years.
enum DateRange {
    static let first = DateFormat.days(year: 0, month: 1, day: 1)
    static let last = DateFormat.days(year: 9999, month: 12, day: 31)
    static func contains(_ days: Int32) -> Bool { days >= first && days <= last }
}
