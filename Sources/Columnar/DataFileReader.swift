/// Reads a data file in whichever format it is: CSV, TSV, a JSON array of objects or NDJSON,
/// by the file's extension, or by its first character when the extension says nothing.
public enum DataFileReader {
    public enum Format: String, Sendable {
        case csv, tsv, json
    }

    public static func format(of path: String, bytes: [UInt8]) -> Format {
        let lower = path.lowercased()
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return .tsv }
        if lower.hasSuffix(".json") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") { return .json }
        if lower.hasSuffix(".csv") { return .csv }
        let first = bytes.drop(while: { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF || $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }).first
        return first == UInt8(ascii: "[") || first == UInt8(ascii: "{") ? .json : .csv
    }

    /// The table, what was decided about each column, and the format read.
    public static func read(_ bytes: [UInt8], path: String, declaredTypes: [String: DataType] = [:],
                            checkpoint: LoadCheckpoint? = nil, threads: Int = 1) throws -> (LoadedTable, Format) {
        let format = format(of: path, bytes: bytes)
        switch format {
        case .csv:
            var reader = CSVReader(declaredTypes: declaredTypes)
            reader.checkpoint = checkpoint
            reader.threads = threads
            return (try reader.readWithReport(bytes), format)
        case .tsv:
            var reader = CSVReader(separator: UInt8(ascii: "\t"), declaredTypes: declaredTypes)
            reader.checkpoint = checkpoint
            reader.threads = threads
            return (try reader.readWithReport(bytes), format)
        case .json: return (try JSONReader(declaredTypes: declaredTypes).readWithReport(bytes), format)
        }
    }
}
