import Columnar
import Diagnostics
import Semantic

extension Evaluator {
    func call(_ function: ScalarFunction, _ arguments: [BoundExpr], expr: BoundExpr,
              _ relation: Relation, start: Int, count: Int) throws -> Vector {
        if function == .if { return try conditional(arguments, type: expr.type, relation, start: start, count: count) }
        let vectors = try arguments.map { try evaluate($0, relation, start: start, count: count) }
        // A string function of one column and constants runs once per dictionary entry.
        if let first = vectors.first, case .string(let codes, let dictionary) = first.data,
           function != .concat, function != .if, function != .coalesce,
           arguments.dropFirst().allSatisfy(\.isConstant) {
            let rest = try arguments.dropFirst().map(constantValue)
            return try perEntry(expr, function, codes, dictionary, valid: first.valid, rest: rest, count: count)
        }
        if function == .dateTrunc, case .date(let days) = vectors[0].data, arguments[1].isConstant,
           case .string(let unit) = try constantValue(arguments[1]) {
            // The unit is chosen once, not per row.
            let truncated: [Int32] = switch unit {
            case "year": CalendarTable.truncated(days, to: .year)
            case "quarter": CalendarTable.truncated(days, to: .quarter)
            case "month": CalendarTable.truncated(days, to: .month)
            default: days.map { $0 - Int32(ScalarSemantics.weekday($0) - 1) }
            }
            return Vector(.date(truncated), valid: vectors[0].valid, count: count)
        }
        if let fast = try kernel(function, vectors, span: expr.span) { return fast }
        return try rowwise(function, vectors, type: expr.type, span: expr.span, count: count)
    }

    /// `if(c, a, b)` evaluates a only where c is true and b only elsewhere, so a branch that
    /// would fail on the other rows (`if(d == 0, null, n // d)`) does not.
    private func conditional(_ arguments: [BoundExpr], type: DataType, _ relation: Relation, start: Int, count: Int) throws -> Vector {
        let condition = try evaluate(arguments[0], relation, start: start, count: count)
        guard case .bool(let truth) = condition.data else { preconditionFailure() }
        let thenRows = (0..<count).filter { condition.isValid($0) && truth[$0] }
        let elseRows = (0..<count).filter { !(condition.isValid($0) && truth[$0]) }
        var results = [Value](repeating: .null, count: count)
        for (rows, branch) in [(thenRows, arguments[1]), (elseRows, arguments[2])] where !rows.isEmpty {
            let part = try evaluate(branch, on: rows, of: relation, start: start)
            for (index, row) in rows.enumerated() { results[row] = part.value(index) }
        }
        return Self.vector(results, type: type)
    }

    /// Tight loops for the common numeric and date functions.
    private func kernel(_ function: ScalarFunction, _ vectors: [Vector], span: Span) throws -> Vector? {
        guard vectors.count == 1 else { return nil }
        let v = vectors[0]
        switch (function, v.data) {
        case (.year, .date(let d)): return Vector(.int(CalendarTable.fields(.year, of: d)), valid: v.valid, count: v.count)
        case (.month, .date(let d)): return Vector(.int(CalendarTable.fields(.month, of: d)), valid: v.valid, count: v.count)
        case (.day, .date(let d)): return Vector(.int(CalendarTable.fields(.day, of: d)), valid: v.valid, count: v.count)
        case (.weekday, .date(let d)): return Vector(.int(d.map { Int64(ScalarSemantics.weekday($0)) }), valid: v.valid, count: v.count)
        case (.floor, .float(let x)): return Vector(.float(x.map { $0.rounded(.down) }), valid: v.valid, count: v.count)
        case (.ceil, .float(let x)): return Vector(.float(x.map { $0.rounded(.up) }), valid: v.valid, count: v.count)
        case (.round, .float(let x)): return Vector(.float(x.map { $0.rounded(.toNearestOrAwayFromZero) }), valid: v.valid, count: v.count)
        case (.sqrt, .float(let x)): return Vector(.float(x.map { $0.squareRoot() }), valid: v.valid, count: v.count)
        case (.abs, .float(let x)): return Vector(.float(x.map { Swift.abs($0) }), valid: v.valid, count: v.count)
        default: return nil
        }
    }

    /// Applies the function once per dictionary entry that a valid row uses (cached across
    /// batches for the same dictionary), then maps each row's code to the entry's result.
    private func perEntry(_ expr: BoundExpr, _ function: ScalarFunction, _ codes: [UInt32], _ dictionary: StringDictionary,
                          valid: [Bool]?, rest: [Value], count: Int) throws -> Vector {
        if rest.contains(.null) { return Vector.broadcast(.null, type: expr.type, count: count) }
        let key = CacheKey(expr, tag: 3)
        let cache: EntryResults
        if let key, let cached = entryResults[key], cached.dictionary === dictionary {
            cache = cached
        } else {
            cache = EntryResults(dictionary)
            if let key { entryResults[key] = cache }
        }
        var results = [Value](repeating: .null, count: count)
        for row in 0..<count where valid?[row] ?? true {
            let code = Int(codes[row])
            if let known = cache.values[code] {
                results[row] = known
            } else {
                let value = try ScalarSemantics.apply(function, [.string(dictionary.string(UInt32(code)))] + rest, span: expr.span)
                cache.values[code] = value
                results[row] = value
            }
        }
        return Self.vector(results, type: expr.type)
    }

    /// The general path: one call per row on boxed values. Used only where no kernel or
    /// dictionary path applies (mixed-column string functions, casts of text, `if`).
    private func rowwise(_ function: ScalarFunction, _ vectors: [Vector], type: DataType, span: Span, count: Int) throws -> Vector {
        var results: [Value] = []
        results.reserveCapacity(count)
        for row in 0..<count {
            results.append(try ScalarSemantics.apply(function, vectors.map { $0.value(row) }, span: span))
        }
        return Self.vector(results, type: type)
    }

    /// Packs boxed values into a typed vector.
    static func vector(_ values: [Value], type: DataType) -> Vector {
        let valid = values.map { !$0.isNull }
        let count = values.count
        switch type {
        case .int: return Vector(.int(values.map { if case .int(let v) = $0 { return v } else { return 0 } }), valid: valid, count: count)
        case .float:
            return Vector(.float(values.map {
                switch $0 { case .float(let v): return v; case .int(let v): return Double(v); default: return 0 }
            }), valid: valid, count: count)
        case .bool: return Vector(.bool(values.map { $0 == .bool(true) }), valid: valid, count: count)
        case .date: return Vector(.date(values.map { if case .date(let v) = $0 { return v } else { return 0 } }), valid: valid, count: count)
        case .string:
            var builder = StringDictionaryBuilder()
            let codes = values.map { value -> UInt32 in
                if case .string(let s) = value { return builder.code(for: s) }
                return 0
            }
            return Vector(.string(codes, builder.build()), valid: valid, count: count)
        }
    }
}
