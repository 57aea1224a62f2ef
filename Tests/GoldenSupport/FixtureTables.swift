import Columnar
import Foundation

/// The small real tables under `Tests/Fixtures/tables/` (and the synthetic edge_* ones),
/// loaded once for every test target that queries them.
public enum FixtureTables {
    public static let tables: [String: Table] = {
        let folder = GoldenFiles.testsFolder.appendingPathComponent("Fixtures/tables")
        var tables: [String: Table] = [:]
        for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where file.hasSuffix(".csv") {
            let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) ?? Data()
            do {
                tables[String(file.dropLast(4))] = try CSVReader().read(Array(data))
            } catch {
                fatalError("fixture \(file) does not load: \(error)")
            }
        }
        return tables
    }()
}
