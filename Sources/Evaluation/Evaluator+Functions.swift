import Columnar
import Diagnostics
import Semantic

extension Evaluator {
    func call(_ function: ScalarFunction, _ arguments: [BoundExpr], expr: BoundExpr,
              _ relation: Relation, start: Int, count: Int) throws -> Vector {
        // The branches of if and case are evaluated only on the rows that take them.
        if function == .if || function == .case { return try choose(arguments, type: expr.type, relation, start: start, count: count) }
        let vectors = try arguments.map { try evaluate($0, relation, start: start, count: count) }
        switch function {
        case .greatest, .least: return try extreme(vectors, largest: function == .greatest, type: expr.type)
        case .nullif: return try nullif(vectors[0], vectors[1])
        default: break
        }
        if let entries = try perEntryIfPossible(function, arguments, vectors, expr: expr) { return entries }
        if let dated = try dateKernel(function, arguments, vectors, expr: expr) { return dated }
        if let fast = try kernel(function, vectors, span: expr.span) { return fast }
        return try rowwise(function, vectors, type: expr.type, span: expr.span, argumentSpans: arguments.map(\.span), count: count)
    }

    /// A function of one string column (anywhere among its arguments) and constants runs once
    /// per dictionary entry: `lower(s)`, `matches(s, "[0-9]+")`, `format("{}!", s)`.
    private func perEntryIfPossible(_ function: ScalarFunction, _ arguments: [BoundExpr], _ vectors: [Vector],
                                    expr: BoundExpr) throws -> Vector? {
        switch function {
        case .concat, .coalesce, .if, .case, .greatest, .least, .nullif: return nil
        default: break
        }
        let varying = arguments.indices.filter { !arguments[$0].isConstant }
        // All constant: the first string argument stands for the column (one entry).
        guard let position = varying.count == 1 ? varying[0] : (varying.isEmpty ? arguments.indices.first : nil),
              case .string(let codes, let dictionary) = vectors[position].data else { return nil }
        // format writes a null value as "null": rows where the column is null go the general way.
        if function == .format, vectors[position].valid != nil { return nil }
        let constants = try arguments.indices.filter { $0 != position }.map { try constantValue(arguments[$0]) }
        return try perEntry(expr, function, argumentSpans: arguments.map(\.span), position: position, codes, dictionary,
                            valid: vectors[position].valid, constants: constants)
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

    /// The general path: one call per row on boxed values. Used only where no kernel or
    /// dictionary path applies (mixed-column string functions, casts of text).
    private func rowwise(_ function: ScalarFunction, _ vectors: [Vector], type: DataType, span: Span, argumentSpans: [Span],
                         count: Int) throws -> Vector {
        var results: [Value] = []
        results.reserveCapacity(count)
        for row in 0..<count {
            results.append(try ScalarSemantics.apply(function, vectors.map { $0.value(row) }, span: span,
                                                     argumentSpans: argumentSpans, patterns: patterns))
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
