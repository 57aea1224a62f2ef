import Columnar
import Diagnostics
import Semantic

extension Evaluator {
    /// `if(c, a, b)` and `case(c1, v1, c2, v2, ..., otherwise)`: each condition is evaluated
    /// only on the rows no earlier condition took, and each value only on the rows that take
    /// it, so `case(d == 0, null, n // d > 1, ...)` never divides by zero.
    func choose(_ arguments: [BoundExpr], type: DataType, _ relation: Relation, start: Int, count: Int) throws -> Vector {
        /// The expression on some rows of the batch; on all of them without making a subset.
        func evaluate(_ expr: BoundExpr, _ rows: [Int]) throws -> Vector {
            rows.count == count ? try self.evaluate(expr, relation, start: start, count: count)
                                : try self.evaluate(expr, on: rows, of: relation, start: start)
        }
        var remaining = Array(0..<count)
        var parts: [(rows: [Int], vector: Vector)] = []
        var index = 0
        while index + 1 < arguments.count, !remaining.isEmpty {
            let condition = try evaluate(arguments[index], remaining)
            guard case .bool(let truth) = condition.data else { preconditionFailure("a condition is bool") }
            var taken: [Int] = [], rest: [Int] = []
            for (position, row) in remaining.enumerated() {
                if condition.isValid(position) && truth[position] { taken.append(row) } else { rest.append(row) }
            }
            if !taken.isEmpty { parts.append((taken, try evaluate(arguments[index + 1], taken))) }
            remaining = rest
            index += 2
        }
        if index < arguments.count, !remaining.isEmpty { parts.append((remaining, try evaluate(arguments[index], remaining))) }
        return Self.merge(parts, type: type, count: count)
    }

    /// `greatest` and `least`, row by row in the order `sort` uses: nulls skipped, NaN above
    /// every number, strings by their bytes; among equal values the first argument's.
    func extreme(_ vectors: [Vector], largest: Bool, type: DataType) throws -> Vector {
        let count = vectors[0].count
        // Per row, which vector holds the best value so far (-1: none yet).
        var choice = [Int](repeating: -1, count: count)
        func pick<T>(_ values: (Vector) -> [T], _ isBetter: (T, T) -> Bool) {
            let arrays = vectors.map(values)
            for row in 0..<count {
                for (index, vector) in vectors.enumerated() where vector.isValid(row) {
                    if choice[row] < 0 || isBetter(arrays[index][row], arrays[choice[row]][row]) { choice[row] = index }
                }
            }
        }
        func better<T: Comparable>(_ a: T, _ b: T) -> Bool { largest ? a > b : a < b }
        switch type {
        case .int: pick({ $0.ints }, better)
        case .date: pick({ $0.dates }, better)
        case .float: pick({ $0.floats }) { a, b in
            let order = ScalarSemantics.floatOrder(a, b)
            return largest ? order > 0 : order < 0
        }
        case .string:
            for row in 0..<count {
                for (index, vector) in vectors.enumerated() where vector.isValid(row) {
                    guard choice[row] >= 0 else {
                        choice[row] = index
                        continue
                    }
                    guard case .string(let codes, let dictionary) = vector.data,
                          case .string(let bestCodes, let bestDictionary) = vectors[choice[row]].data else { preconditionFailure() }
                    let order = Self.compareBytes(dictionary.bytes(of: codes[row]), bestDictionary.bytes(of: bestCodes[row]))
                    if largest ? order > 0 : order < 0 { choice[row] = index }
                }
            }
        case .bool:
            preconditionFailure("greatest and least do not take bools")
        }
        let parts = vectors.indices.map { index in (rows: (0..<count).filter { choice[$0] == index }, vector: vectors[index]) }
        return Self.merge(parts, type: type, count: count, partsAreWhole: true)
    }

    /// `nullif(a, b)`: a, but null where a == b (as `==` compares them: an int with a float
    /// as floats, NaN never equal).
    func nullif(_ a: Vector, _ b: Vector) throws -> Vector {
        func comparable(_ vector: Vector, to other: Vector) -> Vector {
            guard case .int(let values) = vector.data, case .float = other.data else { return vector }
            return Vector(.float(values.map(Double.init)), valid: vector.valid, count: vector.count)
        }
        let equal = try compareVectors(.equal, comparable(a, to: b), comparable(b, to: a))
        guard case .bool(let same) = equal.data else { preconditionFailure() }
        var result = a
        result.valid = Vector.combine(a.valid, (0..<a.count).map { !(equal.isValid($0) && same[$0]) })
        if result.valid?.contains(false) == false { result.valid = nil }
        return result
    }

    /// One vector from parts that each cover some rows of the batch, in row order: part
    /// `i`'s value `j` goes to row `rows[j]`, or, with `partsAreWhole`, each part is a whole
    /// batch and gives only its rows. Rows no part covers are null. Strings from different
    /// dictionaries are re-encoded once per entry, not per row.
    static func merge(_ parts: [(rows: [Int], vector: Vector)], type: DataType, count: Int, partsAreWhole: Bool = false) -> Vector {
        let used = parts.filter { !$0.rows.isEmpty }
        if used.count == 1, used[0].rows.count == count { return used[0].vector }
        var valid = [Bool](repeating: false, count: count)
        for part in used {
            for (position, row) in part.rows.enumerated() { valid[row] = part.vector.isValid(partsAreWhole ? row : position) }
        }
        func scatter<T>(_ zero: T, _ values: (Vector) -> [T]) -> [T] {
            var out = [T](repeating: zero, count: count)
            for part in used {
                let source = values(part.vector)
                for (position, row) in part.rows.enumerated() { out[row] = source[partsAreWhole ? row : position] }
            }
            return out
        }
        switch type {
        case .int: return Vector(.int(scatter(0) { $0.ints }), valid: valid, count: count)
        case .float: return Vector(.float(scatter(0) { $0.floats }), valid: valid, count: count)
        case .bool: return Vector(.bool(scatter(false) { $0.bools }), valid: valid, count: count)
        case .date: return Vector(.date(scatter(0) { $0.dates }), valid: valid, count: count)
        case .string:
            var merger = StringMerger()
            var codes = [UInt32](repeating: 0, count: count)
            for part in used {
                guard case .string(let source, let dictionary) = part.vector.data else { preconditionFailure("a string part") }
                merger.begin(dictionary)
                for (position, row) in part.rows.enumerated() where valid[row] {
                    codes[row] = merger.code(source[partsAreWhole ? row : position])
                }
            }
            return Vector(.string(codes, merger.dictionary), valid: valid, count: count)
        }
    }
}

/// Codes from several dictionaries put into one. While every part shares one dictionary
/// its codes are kept as they are; otherwise each entry is looked up once per part.
struct StringMerger {
    private var shared: StringDictionary?
    private var builder: StringDictionaryBuilder?
    private var current: StringDictionary = .empty
    /// The merged code of each entry of `current`, UInt32.max until looked up.
    private var remap: [UInt32] = []

    /// The dictionary the next codes come from.
    mutating func begin(_ dictionary: StringDictionary) {
        current = dictionary
        if builder == nil {
            if shared == nil { shared = dictionary }
            if shared === dictionary { return }
            // The shared dictionary's entries keep their codes, so codes already given stay right.
            builder = StringDictionaryBuilder(startingWith: shared!)
            shared = nil
        }
        remap = [UInt32](repeating: .max, count: dictionary.count)
    }

    mutating func code(_ code: UInt32) -> UInt32 {
        guard builder != nil else { return code }
        if remap[Int(code)] == .max { remap[Int(code)] = current.withBytes(of: code) { builder!.code(forBytes: $0) } }
        return remap[Int(code)]
    }

    var dictionary: StringDictionary { builder?.build() ?? shared ?? .empty }
}
