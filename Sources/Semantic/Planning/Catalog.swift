import Columnar

/// What a statement can refer to: the tables' schemas (their data stays with whoever runs
/// the plan), `let` values and parameters.
public struct Catalog: Sendable {
    public var tables: [String: [Field]]
    public var values: [String: Value]
    public var parameters: [String: Value]

    public init(tables: [String: [Field]] = [:], values: [String: Value] = [:], parameters: [String: Value] = [:]) {
        self.tables = tables
        self.values = values
        self.parameters = parameters
    }
}
