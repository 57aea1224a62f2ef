import Charts
import Testing

@Suite struct ChartSpecTests {
    @Test func everyKindHasItsName() {
        #expect(ChartKind.allCases.map(\.rawValue) == ["bar", "column", "line", "scatter", "hist", "map", "spark"])
        #expect(ChartSpec(kind: .bar, x: 0, y: [1], title: "t").y == [1])
    }
}
