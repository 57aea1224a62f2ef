import Columnar
import Driver
import Engine
import Foundation
import GoldenSupport
import Semantic

/// Sessions over the fixture tables.
enum Fixtures {
    static let tables = FixtureTables.tables

    /// A session over the fixture tables, with the seed fixed so that `sample` keeps the same
    /// rows in every run.
    static func session() -> Session {
        let session = Session(tables: tables)
        session.seed = 42
        return session
    }
}
