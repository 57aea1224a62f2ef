import Columnar
import Diagnostics
import Syntax

extension Planner {
    /// The most values a `pivot` turns into columns.
    public static let pivotValueLimit = 1_000

    /// `pivot COLUMN [in [values]] using items [by keys]`, in three steps:
    /// 1. an aggregate by the keys and COLUMN, computing each aggregate once per key and value
    ///    (as `summarize items by keys, COLUMN` would);
    /// 2. a pivot step (``PivotStep``): one row per key combination, and each aggregate's
    ///    result for each value in a column of its own, null where a group lacks the value;
    /// 3. a project computing each item per value from those results; a count of a value a
    ///    group lacks is 0 (`?? 0`), every other aggregate null.
    ///
    /// This costs about one `summarize` over the rows, however many values there are. Filtered
    /// aggregates (`sum(if(year == 2015, x, null))` per value, which the engine could run with
    /// nothing new) evaluate a condition and an argument per row and value: 5.9 s against
    /// 0.17 s for ten values over ten million rows (amity-bench P4 and P1). Step 2 reads one
    /// row per key and value; done as filtered aggregates over those rows, it still took 6 s
    /// for a thousand values, where the pivot step takes milliseconds.
    func addPivot(_ pivot: PivotSpec, stage: Span, into builder: inout PlanBuilder) throws {
        let input = builder.schema
        let pivoted = input[try ExpressionBinder.resolve(pivot.column, in: input, catalog: catalog)]
        if pivoted.type == .float {
            throw SemanticError.make("E0390", "pivot needs a column of ints, strings, dates or bools; '\(pivoted.name)' is float",
                                     pivot.column.span, help: "floats make poor column names: round them first, e.g. derive \(pivoted.name) = int(\(pivoted.name))")
        }
        let values = try pivotValues(pivot, pivoted, stage: stage, prefix: builder.plan)

        var keyBinder = binder(input)
        let keyExprs = try pivot.keys.map { try keyBinder.bind($0.expr) }
        let keyNames = pivot.keys.map(outputName)
        let keyColumns = zip(keyNames, keyExprs).map { PlanColumn(id: ids.make(), name: $0, type: $1.type) }
        let (items, bound) = try bindPivotItems(pivot.aggregates, input: input, keys: keyColumns)
        let itemNames = pivot.aggregates.map(outputName)

        // 1. Each aggregate per key and value; an item that is one aggregate names it.
        var calls = bound
        let valueKey = PlanColumn(id: ids.make(), name: pivoted.name, type: pivoted.type)
        for (name, item) in zip(itemNames, items) {
            if let id = item.columnReference, let index = calls.firstIndex(where: { $0.column.id == id }) {
                calls[index].column.name = name
            }
        }
        let groupExprs = keyExprs + [pivoted.reference]
        try addLifting(groupExprs + calls.flatMap(\.call.arguments), at: stage, into: &builder) { lifted in
            .aggregate(keys: zip(keyColumns + [valueKey], lifted).map { ComputedColumn($0, $1) },
                       aggregates: Self.withArguments(calls, from: lifted.dropFirst(groupExprs.count)))
        }

        // 2. Per key, the result of each value.
        let pickedKeys = keyColumns.map { PlanColumn(id: ids.make(), name: $0.name, type: $0.type) }
        let picks = values.indices.map { value in
            calls.indices.map { result in
                let name = calls.count == 1 ? values[value].name : values[value].name + "_" + calls[result].column.name
                return PivotCell(column: PlanColumn(id: ids.make(), name: name, type: calls[result].column.type), value: value, result: result)
            }
        }
        builder.add(.pivot(PivotStep(keys: zip(pickedKeys, keyColumns).map { ComputedColumn($0, $1.reference) },
                                     column: valueKey.reference, values: values.map(\.value),
                                     results: calls.map(\.column.reference), cells: picks.flatMap { $0 })), from: stage)

        // 3. Each item per value.
        var keyReplacements: [Int: BoundExpr] = [:]
        for (old, new) in zip(keyColumns, pickedKeys) { keyReplacements[old.id] = new.reference }
        var finals: [ComputedColumn] = []
        for (value, picked) in zip(values, picks) {
            var replacements = keyReplacements
            for (call, pick) in zip(calls, picked) {
                replacements[call.column.id] = Self.countsRows(call.call.function)
                    ? BoundExpr(.coalesce([pick.column.reference, BoundExpr(.constant(.int(0)), type: .int, span: value.span)]),
                                type: .int, span: value.span)
                    : pick.column.reference
            }
            for (item, itemName) in zip(items, itemNames) {
                let expr = item.substituting(replacements)
                let name = items.count == 1 ? value.name : value.name + "_" + itemName
                finals.append(ComputedColumn(PlanColumn(id: expr.columnReference ?? ids.make(), name: name, type: expr.type), expr))
            }
        }
        try checkPivotNames(keys: Array(zip(keyNames, pivot.keys.map(\.span))),
                            items: Array(zip(itemNames, pivot.aggregates.map(\.span))), values: values)
        try addLifting(finals.map(\.expr), at: stage, into: &builder) { lifted in
            .project(pickedKeys.map { ComputedColumn($0, $0.reference) } + zip(finals, lifted).map { ComputedColumn($0.column, $1) })
        }
    }

    /// One value of the pivoted column: the constant, the name its columns take, and where it
    /// is written (the column, for values found in the data).
    struct PivotValue {
        var value: Value
        var name: String
        var span: Span
    }

    /// The output's names must be distinct: the keys', the items' (when there are several), and
    /// the columns made of them, which may not take a key's name nor one another's (values
    /// that print alike, or value and item names that join alike, as `a_b` + `c` and `a` + `b_c`).
    private func checkPivotNames(keys: [(name: String, span: Span)], items: [(name: String, span: Span)],
                                 values: [PivotValue]) throws {
        try checkDistinct(keys.map(\.name), keys.map(\.span))
        if items.count > 1 { try checkDistinct(items.map(\.name), items.map(\.span)) }
        let keyNames = Set(keys.map(\.name))
        var made: [String: (value: Int, item: Int)] = [:]
        for (valueIndex, value) in values.enumerated() {
            for (itemIndex, item) in items.enumerated() {
                let name = items.count == 1 ? value.name : value.name + "_" + item.name
                if keyNames.contains(name) {
                    throw SemanticError.make("E0307", "pivot would make a column '\(name)' beside the key of that name", value.span,
                                             help: "name the key otherwise: by other_name = \(name)")
                }
                guard let first = made[name] else {
                    made[name] = (valueIndex, itemIndex)
                    continue
                }
                let earlier = values[first.value]
                if first.item == itemIndex {
                    // Distinct values print alike only when they are strings that differ in their
                    // bytes but not as text, such as an accent precomposed and combined.
                    throw SemanticError.make(
                        "E0307", "pivot values \(PlanText.literal(earlier.value)) and \(PlanText.literal(value.value)) would both make the column '\(name)'",
                        value.span, help: "they are different strings that look the same (a character written in two ways in Unicode); make them one before the pivot, or list the values you want with in [...]")
                }
                throw SemanticError.make(
                    "E0307", "pivot would make two columns '\(name)': value \(PlanText.literal(earlier.value)) with '\(items[first.item].name)', "
                        + "and value \(PlanText.literal(value.value)) with '\(item.name)'",
                    items[itemIndex].span, help: "give '\(item.name)' another name: other_name = ...")
            }
        }
    }

    /// Aggregates whose result over no rows is 0 rather than null.
    static func countsRows(_ function: AggregateFunction) -> Bool {
        function == .count || function == .countDistinct || function == .countIf
    }

    /// The items after `using`, bound as `summarize` binds its items: each item over the
    /// aggregates it calls (collected in `calls`) and the keys.
    private func bindPivotItems(_ items: [NamedExpr], input: [PlanColumn],
                                keys: [PlanColumn]) throws -> (items: [BoundExpr], calls: [AggregateColumn]) {
        var binder = ExpressionBinder(schema: keys, planner: self, aggregation: ExpressionBinder.Aggregation(input: input, keys: keys))
        var bound: [BoundExpr] = []
        for item in items {
            let before = binder.aggregation?.calls.count ?? 0
            do {
                bound.append(try binder.bind(item.expr))
            } catch var diagnostic as Diagnostic where diagnostic.code == "E0320" {
                diagnostic.message = "'\(source.text(of: diagnostic.span))' is neither aggregated nor a key of pivot"
                throw diagnostic
            }
            if binder.aggregation?.calls.count == before, !bound[bound.count - 1].isConstant {
                throw SemanticError.make("E0321", "each item after 'using' needs an aggregate", item.expr.span,
                                         help: "for example count(), sum(x) or first(x); group keys go after 'by'")
            }
        }
        return (bound, binder.aggregation?.calls ?? [])
    }
}
