import Columnar
import Diagnostics
import Syntax

extension Planner {
    /// `unpivot a, b into name, value`: one step of its own. A union of one projection per
    /// column could compute the same rows, but not in this order (each row, then its
    /// columns), and it would run the pipeline before it once per column.
    func addUnpivot(_ spec: UnpivotSpec, stage: Span, into builder: inout PlanBuilder) throws {
        let input = builder.schema
        var listed: [Int] = []
        for name in spec.columns {
            let index = try ExpressionBinder.resolve(name, in: input, catalog: catalog)
            if listed.contains(index) {
                throw SemanticError.make("E0396", "unpivot lists '\(input[index].name)' twice", name.span)
            }
            listed.append(index)
        }
        let type = try sharedType(of: listed.map { input[$0] }, spans: spec.columns.map(\.span))
        let kept = input.indices.filter { !listed.contains($0) }.map { input[$0] }
        let nameColumn = PlanColumn(id: ids.make(), name: spec.nameColumn.name, type: .string)
        let valueColumn = PlanColumn(id: ids.make(), name: spec.valueColumn.name, type: type)
        for new in [spec.nameColumn, spec.valueColumn] where kept.contains(where: { $0.name == new.name }) {
            throw SemanticError.make("E0307", "a column named '\(new.name)' already exists", new.span,
                                     help: "choose another name, or drop that column first")
        }
        if spec.nameColumn.name == spec.valueColumn.name {
            throw SemanticError.make("E0307", "the names and the values need columns of different names", spec.valueColumn.span,
                                     help: "write: unpivot ... into measure, value")
        }
        let values = zip(listed, spec.columns).map { index, name -> BoundExpr in
            let column = input[index]
            if column.isNullOnly && column.type != type { return BoundExpr(.constant(.null), type: type, span: name.span) }
            let reference = BoundExpr.column(column.id, column.type, span: name.span)
            return column.type == type ? reference : BoundExpr(.toFloat(reference), type: .float, span: name.span)
        }
        builder.add(.unpivot(UnpivotStep(kept: kept, values: values, names: listed.map { input[$0].name },
                                         name: nameColumn, value: valueColumn)), from: stage)
    }

    /// The type the listed columns share: their own, or float for ints beside floats. A column
    /// computed as a bare `null` takes the others' type. Otherwise the odd one out is an error:
    /// the first column of a kind fewer columns have.
    private func sharedType(of columns: [PlanColumn], spans: [Span]) throws -> DataType {
        let typed = columns.indices.filter { !columns[$0].isNullOnly }
        guard let first = typed.first else { return columns[0].type }
        func kind(_ type: DataType) -> String { type.isNumeric ? "number" : type.rawValue }
        let kinds = typed.map { kind(columns[$0].type) }
        var counts: [String: Int] = [:]
        for found in kinds { counts[found, default: 0] += 1 }
        // The kind most columns have; on a tie, the one that comes first.
        let most = counts.values.max() ?? 0
        let majority = kinds.first { counts[$0] == most } ?? kind(columns[first].type)
        if let odd = typed.first(where: { kind(columns[$0].type) != majority }) {
            let other = typed.first { kind(columns[$0].type) == majority }!
            throw SemanticError.make(
                "E0395", "unpivot needs columns of one type: '\(columns[odd].name)' is \(columns[odd].type.withArticle), "
                    + "but '\(columns[other].name)' is \(columns[other].type.withArticle)", spans[odd],
                help: columns[other].type == .string
                    ? "convert it first: derive \(columns[odd].name) = string(\(columns[odd].name)), or leave it out"
                    : "leave it out, or convert the columns to one type first")
        }
        let types = Set(typed.map { columns[$0].type })
        return types.count == 1 ? types.first! : .float
    }
}
