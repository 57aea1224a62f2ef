import Columnar
import Diagnostics
import Semantic
import Testing

/// The one traversal API: every kind of node rebuilds from its children unchanged, and the
/// walks built on it (remapping, substituting, columns, conjuncts) do what they say.
@Suite struct TraversalTests {
    static func column(_ id: Int, _ type: DataType = .int) -> BoundExpr { .column(id, type) }
    static func int(_ value: Int64) -> BoundExpr { BoundExpr(.constant(.int(value)), type: .int, span: .point(0)) }
    static func node(_ kind: BoundExpr.Kind, _ type: DataType = .bool) -> BoundExpr { BoundExpr(kind, type: type, span: .point(0)) }

    /// One expression of every kind, each reading columns.
    static let everyKind: [BoundExpr] = {
        let a = column(1), b = column(2)
        let plan = LogicalPlan(source: .singleRow, sourceColumns: [], sourceSpan: .point(0))
        let subquery = Subquery(id: 9, plan: plan)
        return [
            int(4), a,
            node(.negate(a), .int), node(.not(node(.compare(.less, a, b)))),
            node(.arithmetic(.add, a, b), .int), node(.compare(.equal, a, b)),
            node(.and(node(.compare(.less, a, b)), node(.isNull(b, negated: true)))),
            node(.or(node(.compare(.less, a, b)), node(.isNull(a, negated: false)))),
            node(.inList(a, [int(1), b], negated: false)), node(.inSubquery(a, subquery, negated: true)),
            node(.scalarSubquery(subquery), .int), node(.inRange(a, low: int(0), high: b, negated: false)),
            node(.coalesce([a, b, int(0)]), .int), node(.call(.abs, [a]), .int), node(.toFloat(a), .float),
        ]
    }()

    @Test(arguments: 0..<everyKind.count)
    func aNodeRebuiltFromItsChildrenIsTheSame(_ index: Int) {
        let expr = Self.everyKind[index]
        let rebuilt = expr.replacingChildren(expr.children)
        #expect(PlanText().expression(rebuilt, names: [:]) == PlanText().expression(expr, names: [:]))
        #expect(rebuilt.children.count == expr.children.count)
    }

    @Test func remappingRenumbersEveryColumn() {
        for expr in Self.everyKind {
            let remapped = expr.remapped { $0 + 10 }
            #expect(remapped.columns == Set(expr.columns.map { $0 + 10 }))
        }
    }

    @Test func substitutingReplacesColumnsByExpressions() {
        let sum = Self.node(.arithmetic(.add, Self.column(1), Self.column(2)), .int)
        let replaced = sum.substituting([1: Self.node(.arithmetic(.multiply, Self.column(3), Self.int(2)), .int)])
        #expect(replaced.columns == [2, 3])
        #expect(PlanText().expression(replaced, names: [2: "b", 3: "c"]) == "c * 2 + b")
    }

    @Test func conjunctsSplitAndJoinBack() {
        let parts = (1...4).map { Self.node(.compare(.greater, Self.column($0), Self.int(0))) }
        let joined = BoundExpr.conjunction(parts)!
        #expect(joined.conjuncts.count == 4)
        #expect(BoundExpr.conjunction([]) == nil)
    }

    @Test func whatCanFail() {
        let a = Self.column(1), x = Self.column(2, .float)
        #expect(Self.node(.compare(.less, a, Self.int(1))).cannotFail)
        #expect(!Self.node(.arithmetic(.add, a, a), .int).cannotFail, "int overflow")
        #expect(Self.node(.arithmetic(.add, x, x), .float).cannotFail, "floats give inf")
        #expect(!Self.node(.call(.int, [Self.column(3, .string)]), .int).cannotFail, "text that is not a number")
        #expect(Self.node(.call(.lower, [Self.column(3, .string)]), .string).cannotFail)
    }

    @Test func constantsAreThoseThatReadNoRow() {
        #expect(Self.int(3).isConstant)
        #expect(Self.node(.scalarSubquery(Subquery(id: 1, plan: LogicalPlan(source: .singleRow, sourceColumns: [],
                                                                               sourceSpan: .point(0)))), .int).isConstant)
        #expect(!Self.column(1).isConstant)
        #expect(!Self.node(.call(.today, []), .date).isConstant, "today changes")
    }
}
