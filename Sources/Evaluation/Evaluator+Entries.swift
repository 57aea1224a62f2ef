import Columnar
import Diagnostics
import Semantic

extension Evaluator {
    /// A function's results for the entries of one dictionary, computed as rows first need
    /// them (so an entry no selected row uses is never computed, and cannot fail), kept in a
    /// typed table: after the first batches a row costs one lookup by its code.
    final class EntryResults {
        let dictionary: StringDictionary
        let type: DataType
        /// Per entry: 0 not computed yet, 1 a value, 2 null.
        var state: [UInt8]
        var ints: [Int64] = []
        var floats: [Double] = []
        var bools: [Bool] = []
        var dates: [Int32] = []
        /// String results: each entry's code in `results`, a dictionary that grows as entries
        /// are computed. Snapshots of it extend one another, so batches that see no new
        /// entry share one dictionary and a column of them is never re-encoded.
        var codes: [UInt32] = []
        var results = StringDictionaryBuilder()
        var snapshot: StringDictionary?

        init(_ dictionary: StringDictionary, type: DataType) {
            self.dictionary = dictionary
            self.type = type
            let count = dictionary.count
            state = [UInt8](repeating: 0, count: count)
            switch type {
            case .int: ints = [Int64](repeating: 0, count: count)
            case .float: floats = [Double](repeating: 0, count: count)
            case .bool: bools = [Bool](repeating: false, count: count)
            case .date: dates = [Int32](repeating: 0, count: count)
            case .string: codes = [UInt32](repeating: 0, count: count)
            }
        }

        func store(_ value: Value, at entry: Int) {
            guard !value.isNull else {
                state[entry] = 2
                return
            }
            state[entry] = 1
            switch (type, value) {
            case (.int, .int(let v)): ints[entry] = v
            case (.float, .float(let v)): floats[entry] = v
            case (.float, .int(let v)): floats[entry] = Double(v)
            case (.bool, .bool(let v)): bools[entry] = v
            case (.date, .date(let v)): dates[entry] = v
            case (.string, .string(var v)):
                codes[entry] = v.withUTF8 { results.code(forBytes: $0) }
                if snapshot?.count != results.count { snapshot = nil }
            default: preconditionFailure("a \(type) function gave \(value)")
            }
        }

        /// The results of rows with these codes (valid where `valid` says and the entry's
        /// result is not null).
        func vector(_ rowCodes: [UInt32], valid: [Bool]?) -> Vector {
            let count = rowCodes.count
            let resultValid = (0..<count).map { (valid?[$0] ?? true) && state[Int(rowCodes[$0])] == 1 }
            func lookup<T>(_ table: [T]) -> [T] {
                table.withUnsafeBufferPointer { table in rowCodes.map { table[Int($0)] } }
            }
            switch type {
            case .int: return Vector(.int(lookup(ints)), valid: resultValid, count: count)
            case .float: return Vector(.float(lookup(floats)), valid: resultValid, count: count)
            case .bool: return Vector(.bool(lookup(bools)), valid: resultValid, count: count)
            case .date: return Vector(.date(lookup(dates)), valid: resultValid, count: count)
            case .string:
                if snapshot == nil { snapshot = results.build() }
                return Vector(.string(lookup(codes), snapshot!), valid: resultValid, count: count)
            }
        }
    }

    /// Applies the function once per dictionary entry of its one non-constant argument (at
    /// `position`, a string), the other arguments being `constants`; rows then look their
    /// code up. Cached across batches for the same dictionary. Only for functions whose
    /// result is null where that argument is (the caller sees to it).
    func perEntry(_ expr: BoundExpr, _ function: ScalarFunction, argumentSpans: [Span], position: Int,
                  _ codes: [UInt32], _ dictionary: StringDictionary, valid: [Bool]?, constants: [Value]) throws -> Vector {
        let count = codes.count
        if function != .format, constants.contains(.null) { return Vector.broadcast(.null, type: expr.type, count: count) }
        let key = CacheKey(expr, tag: 3)
        let cache: EntryResults
        if let key, let cached = entryResults[key], cached.dictionary === dictionary {
            cache = cached
        } else {
            cache = EntryResults(dictionary, type: expr.type)
            if let key { entryResults[key] = cache }
        }
        var arguments = constants
        arguments.insert(.null, at: position)
        for row in 0..<count where valid?[row] ?? true {
            let code = Int(codes[row])
            guard cache.state[code] == 0 else { continue }
            arguments[position] = .string(dictionary.string(UInt32(code)))
            cache.store(try ScalarSemantics.apply(function, arguments, span: expr.span, argumentSpans: argumentSpans,
                                                  patterns: patterns), at: code)
        }
        return cache.vector(codes, valid: valid)
    }
}
