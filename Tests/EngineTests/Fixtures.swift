import Columnar
import Driver
import Engine
import Foundation
import GoldenSupport
import Semantic

/// Sessions over the fixture tables.
enum Fixtures {
    static let tables = FixtureTables.tables

    /// A session over the fixture tables.
    static func session() -> Session {
        Session(tables: tables)
    }
}
