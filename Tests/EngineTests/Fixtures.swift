import Columnar
import Engine
import Foundation
import GoldenSupport
import Semantic

/// The small real tables under `Tests/Fixtures/tables/`, loaded once.
enum Fixtures {
    static let tables: [String: Table] = {
        let folder = GoldenFiles.testsFolder.appendingPathComponent("Fixtures/tables")
        var tables: [String: Table] = [:]
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for file in files where file.hasSuffix(".csv") {
            let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) ?? Data()
            do {
                tables[String(file.dropLast(4))] = try CSVReader().read(Array(data))
            } catch {
                fatalError("fixture \(file) does not load: \(error)")
            }
        }
        return tables
    }()

    /// A session over the fixture tables.
    static func session() -> Session {
        Session(catalog: Catalog(tables: tables))
    }
}
