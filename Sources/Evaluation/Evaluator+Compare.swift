import Columnar
import Diagnostics
import Semantic

extension Evaluator {
    func compare(_ op: ComparisonOperator, _ a: BoundExpr, _ b: BoundExpr, expr: BoundExpr,
                 _ relation: Relation, start: Int, count: Int) throws -> Vector {
        let x = try evaluate(a, relation, start: start, count: count)
        // A string against a constant: decide once per dictionary entry, then look codes up.
        if b.isConstant, case .string(let codes, let dictionary) = x.data, case .string(let constant)? = try? constantValue(b) {
            let table = entryPredicate(expr, dictionary, tag: 1) { entry in
                Self.holds(op, Self.compareBytes(entry, Array(constant.utf8)))
            }
            return Vector(.bool(codes.map { table[Int($0)] }), valid: x.valid, count: count)
        }
        return try compareVectors(op, x, try evaluate(b, relation, start: start, count: count))
    }

    func constantValue(_ expr: BoundExpr) throws -> Value {
        if case .constant(let value) = expr.kind { return value }
        return try constant(expr)
    }

    func compareVectors(_ op: ComparisonOperator, _ a: Vector, _ b: Vector) throws -> Vector {
        let count = a.count
        let valid = Vector.combine(a.valid, b.valid)
        func apply<T: Comparable>(_ x: [T], _ y: [T]) -> [Bool] {
            switch op {
            case .equal: return zip(x, y).map { $0 == $1 }
            case .notEqual: return zip(x, y).map { $0 != $1 }
            case .less: return zip(x, y).map { $0 < $1 }
            case .lessEqual: return zip(x, y).map { $0 <= $1 }
            case .greater: return zip(x, y).map { $0 > $1 }
            case .greaterEqual: return zip(x, y).map { $0 >= $1 }
            }
        }
        switch (a.data, b.data) {
        case (.int(let x), .int(let y)): return Vector(.bool(apply(x, y)), valid: valid, count: count)
        case (.float(let x), .float(let y)): return Vector(.bool(apply(x, y)), valid: valid, count: count)
        case (.date(let x), .date(let y)): return Vector(.bool(apply(x, y)), valid: valid, count: count)
        case (.bool(let x), .bool(let y)):
            return Vector(.bool(apply(x.map { $0 ? 1 : 0 }, y.map { $0 ? 1 : 0 })), valid: valid, count: count)
        case (.string(let xc, let xd), .string(let yc, let yd)):
            let values = (0..<count).map { row in
                Self.holds(op, xd === yd && xc[row] == yc[row] ? 0 : Self.compareBytes(xd.bytes(of: xc[row]), yd.bytes(of: yc[row])))
            }
            return Vector(.bool(values), valid: valid, count: count)
        default:
            preconditionFailure("comparison of \(a.data) and \(b.data) was not planned")
        }
    }

    func inList(_ operand: BoundExpr, _ items: [BoundExpr], negated: Bool, expr: BoundExpr,
                _ relation: Relation, start: Int, count: Int) throws -> Vector {
        let x = try evaluate(operand, relation, start: start, count: count)
        if items.allSatisfy(\.isConstant) {
            return membership(x, try items.map(constantValue), negated: negated, expr: expr)
        }
        // General case: x == item1 or x == item2 ...
        var result = Vector(.bool(Array(repeating: false, count: count)), count: count)
        for item in items {
            let equal = try compareVectors(.equal, x, try evaluate(item, relation, start: start, count: count))
            result = logical(result, equal, isAnd: false)
        }
        guard negated, case .bool(let values) = result.data else { return result }
        return Vector(.bool(values.map { !$0 }), valid: result.valid, count: count)
    }

    /// SQL membership of x in a list of values: null when x is null, or when x matches nothing
    /// and the list holds a null.
    private func membership(_ x: Vector, _ values: [Value], negated: Bool, expr: BoundExpr) -> Vector {
        let count = x.count
        let hasNull = values.contains(.null)
        // SQL: `x in [.., null]` is null rather than false where x matches nothing; and
        // nothing is in an empty list, a null x included (as with an empty pipeline).
        func finish(_ found: [Bool]) -> Vector {
            let valid = (0..<count).map { values.isEmpty || (x.isValid($0) && (found[$0] || !hasNull)) }
            return Vector(.bool(negated ? found.map { !$0 } : found), valid: valid, count: count)
        }
        switch x.data {
        case .string(let codes, let dictionary):
            let wanted = Set(values.compactMap { if case .string(let s) = $0 { return Array(s.utf8) } else { return nil } })
            let table = entryPredicate(expr, dictionary, tag: 2) { wanted.contains(Array($0)) }
            return finish(codes.map { table[Int($0)] })
        case .int(let a):
            let set = Set(values.compactMap { if case .int(let v) = $0 { return v } else { return nil } })
            return finish(a.map(set.contains))
        case .float(let a):
            let set = Set(values.compactMap { if case .float(let v) = $0 { return v } else { return nil } })
            return finish(a.map(set.contains))
        case .date(let a):
            let set = Set(values.compactMap { if case .date(let v) = $0 { return v } else { return nil } })
            return finish(a.map(set.contains))
        case .bool(let a):
            let set = Set(values.compactMap { if case .bool(let v) = $0 { return v } else { return nil } })
            return finish(a.map(set.contains))
        }
    }

    /// A predicate over a dictionary's entries, computed once per dictionary and expression.
    func entryPredicate(_ expr: BoundExpr, _ dictionary: StringDictionary, tag: Int,
                        _ predicate: (ArraySlice<UInt8>) -> Bool) -> [Bool] {
        let key = CacheKey(expr, tag: tag)
        if let key, let cached = entryPredicates[key], cached.dictionary === dictionary { return cached.table }
        let table = (0..<dictionary.count).map { predicate(dictionary.bytes(of: UInt32($0))) }
        if let key { entryPredicates[key] = (dictionary, table) }
        return table
    }

    /// Byte-wise order of UTF-8, which is the order of Unicode code points.
    public static func compareBytes<A: Collection, B: Collection>(_ a: A, _ b: B) -> Int
    where A.Element == UInt8, B.Element == UInt8 {
        var i = a.makeIterator(), j = b.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    static func holds(_ op: ComparisonOperator, _ order: Int) -> Bool {
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessEqual: return order <= 0
        case .greater: return order > 0
        case .greaterEqual: return order >= 0
        }
    }
}
