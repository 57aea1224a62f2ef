import Glibc

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

    /// A data file by its path. A regular CSV or TSV file is read a window at a time, never
    /// whole; anything else (JSON, a pipe) is read into memory first. Throws
    /// ``FileBytes/Failure`` when the file cannot be read, ``DataFileError`` when its contents
    /// are wrong.
    public static func read(path: String, shownAs name: String? = nil, declaredTypes: [String: DataType] = [:],
                            checkpoint: LoadCheckpoint? = nil, threads: Int = 1) throws -> (LoadedTable, Format) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw FileBytes.Failure(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileBytes.Failure(reason: String(cString: strerror(errno))) }
        let name = name ?? path
        if info.st_mode & S_IFMT == S_IFREG {
            // The first bytes say the format when the extension does not.
            var head = [UInt8](repeating: 0, count: min(4096, Int(info.st_size)))
            let got = head.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
            head = Array(head.prefix(max(0, got)))
            let format = format(of: name, bytes: head)
            if format != .json {
                var reader = CSVReader(separator: UInt8(ascii: format == .tsv ? "\t" : ","), declaredTypes: declaredTypes)
                reader.checkpoint = checkpoint
                reader.threads = threads
                return (try reader.readWithReport(descriptor: descriptor, size: Int(info.st_size)), format)
            }
        }
        // The descriptor already open: a named pipe opened twice would lose its writer.
        let bytes = try FileBytes.read(descriptor: descriptor, checkpoint: checkpoint)
        return try read(bytes, path: name, declaredTypes: declaredTypes, checkpoint: checkpoint, threads: threads)
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
