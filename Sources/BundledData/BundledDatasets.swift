import Columnar
import Dispatch
import FoundationEssentials
import Synchronization

/// The tables of `datasets/`, compiled into the program by the EmbedDatasets build plugin
/// already parsed, as table images: start-up copies their columns and parses no CSV.
public enum BundledDatasets {
    /// Every bundled table, in name order. An image that does not decode is a build defect,
    /// reported with the table's name rather than hidden. After ``startDecoding()``, waits for
    /// that decoding instead of doing it again.
    public static func tables() throws -> [(name: String, table: Table)] {
        if let early = early.withLock({ $0 }) {
            early.done.wait()
            return try early.result.withLock { $0 }!.get()
        }
        return try decode()
    }

    /// Decodes the tables on another thread, so that it overlaps reading the command line
    /// (about half of start-up each, on a machine with two cores).
    public static func startDecoding() {
        let started = Early()
        early.withLock { $0 = started }
        DispatchQueue.global().async(group: started.done) {
            started.result.withLock { $0 = Result { try decode() } }
        }
    }

    private final class Early: Sendable {
        /// Waited on by every caller of ``tables()``, however many.
        let done = DispatchGroup()
        let result = Mutex<Result<[(name: String, table: Table)], Error>?>(nil)
    }

    private static let early = Mutex<Early?>(nil)

    /// The borders `chart map` draws: every country's rings, each point in order, in degrees.
    /// Decoded when the first map is drawn, not at start-up, and kept.
    public static func worldOutline() throws -> [[(lon: Double, lat: Double)]] {
        try outline.get()
    }

    /// The borders, decoded once, when the first map is drawn.
    private static let outline = Result { try decodeOutline() }

    private static func decodeOutline() throws -> [[(lon: Double, lat: Double)]] {
        guard let embedded = embeddedImages.first(where: { $0.name == outlineName })?.image else {
            throw DataFileError(line: 1, column: 1, message: "datasets/\(outlineName).csv is not in the program; rebuild")
        }
        let table: Table
        do {
            table = try embedded.image().table()
        } catch {
            throw DataFileError(line: 1, column: 1, message: "datasets/\(outlineName).csv: the embedded image does not decode; rebuild")
        }
        let names = table.fields.map(\.name)
        guard let iso3 = names.firstIndex(of: "iso3"), let ring = names.firstIndex(of: "ring"),
              let lon = names.firstIndex(of: "lon"), let lat = names.firstIndex(of: "lat") else {
            throw DataFileError(line: 1, column: 1, message: "datasets/\(outlineName).csv lacks iso3, ring, lon or lat")
        }
        var rings: [[(lon: Double, lat: Double)]] = []
        var current: (Value, Value)?
        for row in 0..<table.rowCount {
            let key = (table.columns[iso3][row], table.columns[ring][row])
            guard case .float(let x) = table.columns[lon][row], case .float(let y) = table.columns[lat][row] else { continue }
            if current.map({ $0.0 != key.0 || $0.1 != key.1 }) ?? true {
                rings.append([])
                current = key
            }
            rings[rings.count - 1].append((x, y))
        }
        return rings
    }

    /// The embedded table that holds the borders.
    static let outlineName = "world_outline"

    private static func decode() throws -> [(name: String, table: Table)] {
        try embeddedImages.filter { $0.name != outlineName }.map { name, embedded in
            do {
                return (name, try embedded.image().table())
            } catch {
                throw DataFileError(line: 1, column: 1, message: "datasets/\(name).csv: the embedded image does not decode; rebuild")
            }
        }
    }
}

/// One table image as the generated source spells it.
struct EmbeddedImage {
    struct Mismatch: Error {}

    let rowCount: Int
    let columns: [(name: String, type: DataType, hasNulls: Bool, entries: Int)]
    let text: String
    /// The image's binary part, in base64: a string literal must be valid UTF-8.
    let binary: String

    func image() throws -> TableImage {
        guard let binary = Data(base64Encoded: binary) else { throw Mismatch() }
        let layout = columns.map { TableImage.ColumnLayout(name: $0.name, type: $0.type, hasNulls: $0.hasNulls, entries: $0.entries) }
        return TableImage(rowCount: rowCount, layout: layout, text: Array(text.utf8), binary: [UInt8](binary))
    }
}
