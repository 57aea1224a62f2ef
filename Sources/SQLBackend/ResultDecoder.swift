import Columnar
import Foundation
import NIOCore
import PostgresNIO

/// A server's rows as a table whose columns have the types the caller expects: the compiled
/// statement's result types, or a catalog query's. Integers of any width, floats, numerics,
/// booleans, dates and text are read from PostgreSQL's binary or text form; a value that
/// does not fit its column is an error, never a silent null.
enum ResultDecoder {
    /// Days from 1970-01-01 to PostgreSQL's epoch, 2000-01-01.
    static let epochDays: Int32 = 10_957

    static func table(_ rows: [PostgresRow], names: [String], types: [DataType]) throws -> Table {
        var builders = types.map { ColumnBuilder($0, capacity: rows.count) }
        for row in rows {
            var index = 0
            for cell in row where index < builders.count {
                try append(cell, to: &builders[index])
                index += 1
            }
            guard index == builders.count else {
                throw ServerError(message: "the server sent \(index) columns where \(builders.count) were expected")
            }
        }
        return Table(names: names, columns: builders.map { $0.build() })
    }

    private static func append(_ cell: PostgresCell, to builder: inout ColumnBuilder) throws {
        guard let bytes = cell.bytes else {
            builder.appendNull()
            return
        }
        let type = cell.dataType
        switch builder.type {
        case .int:
            switch type {
            case .int8: builder.appendInt(try cell.decode(Int64.self))
            case .int4: builder.appendInt(Int64(try cell.decode(Int32.self)))
            case .int2: builder.appendInt(Int64(try cell.decode(Int16.self)))
            default:
                guard let value = Int64(try text(cell)) else { throw mismatch(cell, "an int") }
                builder.appendInt(value)
            }
        case .float:
            switch type {
            case .float8: builder.appendFloat(try cell.decode(Double.self))
            case .float4: builder.appendFloat(Double(try cell.decode(Float.self)))
            case .int8, .int4, .int2: builder.appendFloat(Double(try cell.decode(Int64.self)))
            default:
                let written = try text(cell)
                guard let value = Double(written) ?? (written == "NaN" ? .nan : nil) else { throw mismatch(cell, "a float") }
                builder.appendFloat(value)
            }
        case .bool:
            builder.appendBool(try cell.decode(Bool.self))
        case .date:
            var raw = bytes
            if type == .date, cell.format == .binary, let days = raw.readInteger(as: Int32.self) {
                builder.appendDate(days &+ epochDays)
            } else {
                let written = try text(cell)
                guard let days = DateFormat.parse(Array(written.utf8)) else { throw mismatch(cell, "a date") }
                builder.appendDate(days)
            }
        case .string:
            builder.append(.string(try text(cell)))
        }
    }

    /// The value as text: text types as they are, numerics in their decimal form.
    private static func text(_ cell: PostgresCell) throws -> String {
        if cell.dataType == .numeric { return "\(try cell.decode(Decimal.self))" }
        if let text = try? cell.decode(String.self) { return text }
        guard let bytes = cell.bytes else { return "" }
        return String(decoding: bytes.readableBytesView, as: UTF8.self)
    }

    private static func mismatch(_ cell: PostgresCell, _ wanted: String) -> ServerError {
        ServerError(message: "column '\(cell.columnName)' of the server's result is not \(wanted) (PostgreSQL type \(cell.dataType))")
    }
}
