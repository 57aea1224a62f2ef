import Columnar

/// Which physical rows of a column the logical rows read.
public struct Selection: Sendable {
    public var rows: [Int32]
    /// Some rows are -1: no row at all, read as null (the right side of a left join).
    public var hasMissing: Bool

    public init(rows: [Int32], hasMissing: Bool) {
        self.rows = rows
        self.hasMissing = hasMissing
    }
}

/// Rows flowing between operators: base columns, each with an optional selection of its rows.
///
/// Filters, sorts, limits and joins only change selections; a column is copied (gathered)
/// only when an operator needs it dense, so a `where` never copies the table and a join
/// never copies the columns nobody reads after it. Columns from one side of a join share
/// one selection array (arrays are copy-on-write), and composing selections does the work
/// once per distinct array.
public struct Relation: Sendable {
    public private(set) var columns: [Column]
    /// Per column; nil means every physical row in order.
    public private(set) var selections: [Selection?]
    public let count: Int

    public init(columns: [Column], count: Int) {
        self.columns = columns
        selections = Array(repeating: nil, count: columns.count)
        self.count = count
    }

    public init(_ table: Table) {
        self.init(columns: table.columns, count: table.rowCount)
    }

    private init(columns: [Column], selections: [Selection?], count: Int) {
        self.columns = columns
        self.selections = selections
        self.count = count
    }

    /// The same rows in the order of `logicalRows` (positions in this relation, never -1).
    public func selecting(_ logicalRows: [Int32]) -> Relation {
        Relation(columns: columns, selections: Self.compose(selections, with: logicalRows), count: logicalRows.count)
    }

    /// These rows with one more column, whose values are already in row order.
    public func appending(_ column: Column) -> Relation {
        precondition(column.count == count, "one value per row")
        return Relation(columns: columns + [column], selections: selections + [nil], count: count)
    }

    /// Only the given columns, in that order; nothing is copied.
    public func projecting(_ indices: [Int]) -> Relation {
        Relation(columns: indices.map { columns[$0] }, selections: indices.map { selections[$0] }, count: count)
    }

    /// The output of a join: `left` read at `leftRows` (nil: every left row in order)
    /// beside `right` read at `rightRows`, which holds -1 where a left join found no match
    /// when `missing` says so.
    public static func joined(_ left: Relation, rows leftRows: [Int32]?, _ right: Relation, rows rightRows: [Int32],
                       missing: Bool, threads: Int) -> Relation {
        let leftSelections = leftRows.map { compose(left.selections, with: $0, threads: threads) } ?? left.selections
        return Relation(columns: left.columns + right.columns,
                        selections: leftSelections + compose(right.selections, with: rightRows, missing: missing, threads: threads),
                        count: rightRows.count)
    }

    /// Each distinct selection composed with `rows` once; columns sharing a selection share
    /// the result. A -1 in `rows` (allowed only when `missing`) stays -1.
    private static func compose(_ selections: [Selection?], with rows: [Int32], missing: Bool = false,
                                threads: Int = 1) -> [Selection?] {
        var done: [(key: UnsafeRawPointer?, result: Selection)] = []
        return selections.map { selection in
            guard let selection else { return Selection(rows: rows, hasMissing: missing) }
            let key = selection.rows.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            if let found = done.first(where: { $0.key == key && key != nil }) { return found.result }
            let composed = Gather.values(selection.rows, at: rows, filler: missing ? -1 : nil, threads: threads)
            let result = Selection(rows: composed, hasMissing: missing || selection.hasMissing)
            done.append((key, result))
            return result
        }
    }

    /// Column `index` with its selection applied, gathered on up to `threads` threads.
    public func dense(_ index: Int, threads: Int = 1) -> Column {
        guard let selection = selections[index] else { return columns[index] }
        return columns[index].gather(selection.rows, missing: selection.hasMissing, threads: threads)
    }

    /// The values of column `index` for logical rows `start..<start + count`.
    func vector(_ index: Int, start: Int, count: Int) -> Vector {
        let column = columns[index]
        guard let selection = selections[index] else {
            let valid = column.validity.map { bits in (start..<start + count).map { bits[$0] } }
            func slice<T>(_ array: [T]) -> [T] { Array(array[start..<start + count]) }
            switch column.values {
            case .int(let a): return Vector(.int(slice(a)), valid: valid, count: count)
            case .float(let a): return Vector(.float(slice(a)), valid: valid, count: count)
            case .bool(let a): return Vector(.bool(slice(a)), valid: valid, count: count)
            case .date(let a): return Vector(.date(slice(a)), valid: valid, count: count)
            case .string(let codes, let dictionary): return Vector(.string(slice(codes), dictionary), valid: valid, count: count)
            }
        }
        return selection.rows.withUnsafeBufferPointer { all in
            let rows = UnsafeBufferPointer(rebasing: all[start..<start + count])
            var valid: [Bool]?
            if let bits = column.validity {
                valid = rows.map { $0 >= 0 && bits[Int($0)] }
            } else if selection.hasMissing {
                valid = rows.map { $0 >= 0 }
            }
            func pick<T>(_ array: [T], _ filler: T) -> [T] {
                array.withUnsafeBufferPointer { source in
                    selection.hasMissing ? rows.map { $0 < 0 ? filler : source[Int($0)] } : rows.map { source[Int($0)] }
                }
            }
            switch column.values {
            case .int(let a): return Vector(.int(pick(a, 0)), valid: valid, count: count)
            case .float(let a): return Vector(.float(pick(a, 0)), valid: valid, count: count)
            case .bool(let a): return Vector(.bool(pick(a, false)), valid: valid, count: count)
            case .date(let a): return Vector(.date(pick(a, 0)), valid: valid, count: count)
            case .string(let codes, let dictionary):
                return Vector(.string(pick(codes, 0), dictionary), valid: valid, count: count)
            }
        }
    }
}
