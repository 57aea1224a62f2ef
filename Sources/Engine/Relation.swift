import Columnar

/// Rows flowing between operators: base columns and an optional selection of their rows.
///
/// Filters, sorts and limits only change the selection; a column is copied (gathered) only
/// when an operator needs dense data, so a `where` never copies the table.
struct Relation {
    var columns: [Column]
    /// Logical row `i` is physical row `selection[i]`; nil means every row in order.
    var selection: [Int32]?
    let count: Int

    init(columns: [Column], selection: [Int32]? = nil, count: Int) {
        self.columns = columns
        self.selection = selection
        self.count = count
    }

    init(_ table: Table) {
        self.init(columns: table.columns, count: table.rowCount)
    }

    /// The physical row of logical row `row`.
    func physical(_ row: Int) -> Int { selection.map { Int($0[row]) } ?? row }

    /// The same rows in the order of `logicalRows` (positions in this relation).
    func selecting(_ logicalRows: [Int32]) -> Relation {
        guard let selection else { return Relation(columns: columns, selection: logicalRows, count: logicalRows.count) }
        return Relation(columns: columns, selection: logicalRows.map { selection[Int($0)] }, count: logicalRows.count)
    }

    /// Column `index` with the selection applied.
    func dense(_ index: Int) -> Column {
        guard let selection else { return columns[index] }
        return columns[index].gather(selection)
    }

    /// Every column dense, as a table.
    func table(names: [String]) -> Table {
        Table(names: names, columns: columns.indices.map(dense))
    }

    /// The values of column `index` for logical rows `start..<start + count`.
    func vector(_ index: Int, start: Int, count: Int) -> Vector {
        let column = columns[index]
        let valid: [Bool]? = column.validity.map { bits in
            (0..<count).map { bits[physical(start + $0)] }
        }
        func pick<T>(_ array: [T]) -> [T] {
            if let selection {
                return array.withUnsafeBufferPointer { source in
                    (start..<start + count).map { source[Int(selection[$0])] }
                }
            }
            return Array(array[start..<start + count])
        }
        switch column.values {
        case .int(let a): return Vector(.int(pick(a)), valid: valid, count: count)
        case .float(let a): return Vector(.float(pick(a)), valid: valid, count: count)
        case .bool(let a): return Vector(.bool(pick(a)), valid: valid, count: count)
        case .date(let a): return Vector(.date(pick(a)), valid: valid, count: count)
        case .string(let codes, let dictionary): return Vector(.string(pick(codes), dictionary), valid: valid, count: count)
        }
    }
}
