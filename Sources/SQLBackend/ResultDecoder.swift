import Columnar
import SQLCompiler

/// A server's rows as a table whose columns have the types the caller expects: the compiled
/// statement's result types, or a catalog query's. Values arrive in PostgreSQL's text form,
/// which for floats is the shortest text that reads back as the same double (PostgreSQL 12
/// and later), so nothing is rounded. A value that does not fit its column is an error,
/// never a silent null.
enum ResultDecoder {
    static func table(_ result: OpaquePointer, names: [String], types: [DataType], pq: LibPQ) throws -> Table {
        let rows = Int(pq.ntuples(result)), fields = Int(pq.nfields(result))
        guard types.isEmpty || fields == types.count else {
            throw ServerError(message: "the server sent \(fields) columns where \(types.count) were expected")
        }
        var builders = types.map { ColumnBuilder($0, capacity: rows) }
        for column in builders.indices {
            for row in 0..<rows {
                guard pq.getisnull(result, Int32(row), Int32(column)) == 0 else {
                    builders[column].appendNull()
                    continue
                }
                let length = Int(pq.getlength(result, Int32(row), Int32(column)))
                let bytes = UnsafeRawPointer(pq.getvalue(result, Int32(row), Int32(column))!).assumingMemoryBound(to: UInt8.self)
                try append(UnsafeBufferPointer(start: bytes, count: length), to: &builders[column], name: names[column])
            }
        }
        return Table(names: names, columns: builders.map { $0.build() })
    }

    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, to builder: inout ColumnBuilder, name: String) throws {
        func mismatch(_ wanted: String) -> ServerError {
            ServerError(message: "column '\(name)' of the server's result is not \(wanted): '\(String(decoding: bytes, as: UTF8.self))'")
        }
        switch builder.type {
        case .int:
            guard let value = Int64(String(decoding: bytes, as: UTF8.self)) else { throw mismatch("an int") }
            builder.appendInt(value)
        case .float:
            let text = String(decoding: bytes, as: UTF8.self)
            switch text {
            case "NaN": builder.appendFloat(.nan)
            case "Infinity": builder.appendFloat(.infinity)
            case "-Infinity": builder.appendFloat(-.infinity)
            default:
                guard let value = Double(text) else { throw mismatch("a float") }
                builder.appendFloat(value)
            }
        case .bool:
            guard bytes.count == 1, bytes[0] == UInt8(ascii: "t") || bytes[0] == UInt8(ascii: "f") else { throw mismatch("a bool") }
            builder.appendBool(bytes[0] == UInt8(ascii: "t"))
        case .date:
            guard let days = SQLText.days(fromServer: bytes) else { throw mismatch("a date from 0000 to 9999") }
            builder.appendDate(days)
        case .string:
            builder.appendString(bytes: bytes)
        }
    }
}
