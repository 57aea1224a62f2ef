/// A named column of a table's schema.
public struct Field: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var type: DataType

    public init(_ name: String, _ type: DataType) {
        self.name = name
        self.type = type
    }

    public var description: String { "\(name): \(type)" }
}

/// An immutable table: named columns of equal length.
public struct Table: Sendable {
    public let fields: [Field]
    public let columns: [Column]
    public let rowCount: Int

    public init(fields: [Field], columns: [Column]) {
        precondition(fields.count == columns.count, "one field per column")
        let rowCount = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rowCount }, "columns must have equal length")
        precondition(zip(fields, columns).allSatisfy { $0.type == $1.type }, "field types must match columns")
        self.fields = fields
        self.columns = columns
        self.rowCount = rowCount
    }

    /// A table with `columns` named `names`; the types come from the columns.
    public init(names: [String], columns: [Column]) {
        self.init(fields: zip(names, columns).map { Field($0, $1.type) }, columns: columns)
    }

    public static let empty = Table(fields: [], columns: [])

    public var names: [String] { fields.map(\.name) }

    public func column(named name: String) -> Column? {
        fields.firstIndex { $0.name == name }.map { columns[$0] }
    }

    /// One row's values, for output and tests.
    public func row(_ index: Int) -> [Value] { columns.map { $0[index] } }
}
