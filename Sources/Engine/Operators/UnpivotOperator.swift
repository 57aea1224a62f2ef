import Columnar
import Evaluation

extension Executor {
    /// `unpivot`: each input row once per listed column, in the listed order. Nothing is
    /// copied per output row but the names: the kept columns read their input rows through a
    /// selection, and the values read, through another, one column that holds every listed
    /// column's values one after the other (so strings of several dictionaries share one).
    func unpivot(_ input: Relation, _ unpivot: PhysicalUnpivot) throws -> Relation {
        let width = unpivot.values.count
        let (total, overflow) = input.count.multipliedReportingOverflow(by: width)
        // Rows are numbered by Int32 in selections.
        guard !overflow, total <= Int(Int32.max) else {
            throw RuntimeError.make("E0451", "unpivot would make more than \(Int32.max) rows", stageSpan ?? .point(0),
                                    help: "filter the rows first, or list fewer columns")
        }
        // Three row numbers per output row (input row, name code, value row) and the values.
        try checkMemory(rows: total, bytesPerRow: 20, what: "unpivot")
        var stacked = ColumnAccumulator(unpivot.type, capacity: total)
        for value in unpivot.values {
            try evaluator.checkCancelled()
            stacked.append(try evaluator.column(value, over: input))
        }
        var dictionary = StringDictionaryBuilder(capacity: width)
        let nameCodes = unpivot.names.map { dictionary.code(for: Array($0.utf8)) }
        var inputRows = [Int32](repeating: 0, count: total)
        var names = [UInt32](repeating: 0, count: total)
        var valueRows = [Int32](repeating: 0, count: total)
        let count = input.count
        inputRows.withUnsafeMutableBufferPointer { inputRows in
            names.withUnsafeMutableBufferPointer { names in
                valueRows.withUnsafeMutableBufferPointer { valueRows in
                    Parallel.run(Parallel.ranges(count, threads: threads)) { _, range in
                        // Output row row * width + j is input row `row` with column j's value,
                        // which the stacked column holds at j * count + row.
                        for row in range {
                            for column in 0..<width {
                                let output = row * width + column
                                inputRows[output] = Int32(truncatingIfNeeded: row)
                                names[output] = nameCodes[column]
                                valueRows[output] = Int32(truncatingIfNeeded: column * count + row)
                            }
                        }
                    }
                }
            }
        }
        try evaluator.checkCancelled()
        let repeated = input.projecting(unpivot.kept).selecting(inputRows)
            .appending(Column(.string(codes: names, dictionary: dictionary.build())))
        return Relation.joined(repeated, rows: nil, Relation(columns: [stacked.build()], count: total), rows: valueRows,
                               missing: false, threads: threads)
    }
}
