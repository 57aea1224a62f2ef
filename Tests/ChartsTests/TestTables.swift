import Columnar

/// Small tables for the chart tests, built column by column.
enum TestTables {
    static func column(_ type: DataType, _ values: [Value]) -> Column {
        var builder = ColumnBuilder(type, capacity: values.count)
        for value in values { builder.append(value) }
        return builder.build()
    }

    static func ints(_ values: [Int64?]) -> Column { column(.int, values.map { $0.map(Value.int) ?? .null }) }
    static func floats(_ values: [Double?]) -> Column { column(.float, values.map { $0.map(Value.float) ?? .null }) }
    static func strings(_ values: [String?]) -> Column { column(.string, values.map { $0.map(Value.string) ?? .null }) }
    static func dates(_ values: [Int32?]) -> Column { column(.date, values.map { $0.map(Value.date) ?? .null }) }

    static func table(_ columns: KeyValuePairs<String, Column>) -> Table {
        Table(names: columns.map(\.key), columns: columns.map(\.value))
    }

    /// Deterministic pseudo-random numbers in 0..<1 (a 64-bit LCG), so pictures never change.
    struct Numbers {
        private var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        /// Roughly normal: the mean of four uniform numbers, centred and scaled.
        mutating func normal(mean: Double, spread: Double) -> Double {
            let sum = next() + next() + next() + next()
            return mean + (sum - 2) * spread
        }
    }
}
