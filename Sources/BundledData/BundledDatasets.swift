import Columnar

/// The tables of `datasets/`, compiled into the program by the EmbedDatasets build plugin.
public enum BundledDatasets {
    /// Each bundled table's name and CSV text, in name order.
    public static var files: [(name: String, text: String)] { embeddedDatasets }

    /// Every bundled table, parsed. A file that does not parse is a build defect, reported
    /// with its name rather than hidden.
    public static func tables() throws -> [(name: String, table: Table)] {
        try embeddedDatasets.map { file in
            // The embedding adds one newline after the file's own last one.
            do {
                return (file.name, try CSVReader().read(Array(file.text.utf8)))
            } catch let error as DataFileError {
                throw DataFileError(line: error.line, column: error.column, message: "datasets/\(file.name).csv: \(error.message)")
            }
        }
    }
}
