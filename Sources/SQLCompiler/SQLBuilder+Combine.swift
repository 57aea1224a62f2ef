import Columnar
import Semantic

/// Joins and unions: two relations into one, keeping Amity's order (left rows in their
/// order, each with its matches in the right side's order; a union's left rows, then its
/// right rows).
extension SQLBuilder {
    mutating func joined(_ left: SQLRelation, _ join: JoinStep) throws -> SQLRelation {
        let right = try relation(join.right)
        let leftScope = scope(left, alias: "l"), rightScope = scope(right, alias: "r")
        let conditions = try zip(join.leftKeys, join.rightKeys).map { "\(try leftScope.sql($0)) = \(try rightScope.sql($1))" }
        let on = conditions.isEmpty ? "TRUE" : conditions.joined(separator: " AND ")
        switch join.kind {
        case .semi, .anti:
            var output = left
            let test = "\(join.kind == .anti ? "NOT " : "")EXISTS (SELECT 1 FROM \(right.from) AS r WHERE \(on))"
            output.from = add(join.kind.rawValue, "SELECT l.*\nFROM \(left.from) AS l\nWHERE \(test)")
            return output
        case .nullAwareAnti, .mark:
            // `x in (pipeline)` with SQL's three values, as Amity's: null where x is null or
            // the pipeline holds a null and no match, false for an empty pipeline.
            guard join.leftKeys.count == 1 else { break }
            let test = "\(try leftScope.sql(join.leftKeys[0])) IN (SELECT \(try rightScope.sql(join.rightKeys[0])) FROM \(right.from) AS r)"
            var output = left
            guard join.kind == .mark, let mark = join.mark else {
                output.from = add("not_in", "SELECT l.*\nFROM \(left.from) AS l\nWHERE NOT (\(test))")
                return output
            }
            let name = SQLText.identifier(SQLNames.unique([mark.name], avoiding: Set(left.columns.map(\.name) + left.hidden))[0])
            output.from = add("mark", "SELECT l.*, (\(test)) AS \(name)\nFROM \(left.from) AS l")
            output.columns.append((mark.id, name))
            return output
        case .inner, .left, .cross:
            break
        }
        guard join.kind != .nullAwareAnti, join.kind != .mark else {
            throw SQLCompileError("'in' over a pipeline of several columns is not compiled to SQL yet", join.right.sourceSpan)
        }
        // Every column gets a fresh name: the two sides may share names.
        let added = join.addedColumns
        let leftNames = left.columns.map(\.name)
        let rightNames = SQLNames.unique(added.map(\.displayName), avoiding: Set(leftNames + left.hidden))
            .map(SQLText.identifier)
        let rightHidden = right.hidden.enumerated().map { "amity_right_\(ctes.count + 1)_\($0.offset + 1)" }
        var items = ["l.*"]
        items += zip(right.columns, rightNames).map { "r.\($0.name) AS \($1)" }
        items += zip(right.hidden, rightHidden).map { "r.\($0) AS \($1)" }
        let kind = join.kind == .inner ? "JOIN" : join.kind == .left ? "LEFT JOIN" : "CROSS JOIN"
        let condition = join.kind == .cross ? "" : " ON \(on)"
        var output = left
        output.from = add("join", "SELECT \(items.joined(separator: ", "))\nFROM \(left.from) AS l\n\(kind) \(right.from) AS r\(condition)")
        output.columns += zip(added, rightNames).map { ($0.id, $1) }
        output.hidden += rightHidden
        let renamed = Dictionary(uniqueKeysWithValues: zip(right.hidden, rightHidden))
        output.order += right.order.map { term in
            var moved = term
            moved.column = renamed[term.column] ?? term.column
            return moved
        }
        return output
    }

    mutating func united(_ left: SQLRelation, _ union: UnionStep) throws -> SQLRelation {
        let right = try relation(union.right)
        let names = SQLNames.unique(union.columns.map(\.name)).map(SQLText.identifier)
        func side(_ relation: SQLRelation, _ exprs: [BoundExpr], number: Int) throws -> String {
            let scope = scope(relation)
            var items = try zip(exprs, names).map { expr, name in
                let text = try scope.sql(expr)
                return text == name ? text : "\(text) AS \(name)"
            }
            items.append("\(number) AS amity_side")
            items.append(relation.order.isEmpty ? "0 AS amity_position" : "row_number() OVER (ORDER BY \(relation.orderBy)) AS amity_position")
            return "SELECT \(items.joined(separator: ", "))\nFROM \(relation.from)"
        }
        let body = try side(left, union.left, number: 0) + "\nUNION ALL\n" + side(right, union.rightColumns, number: 1)
        var output = SQLRelation(from: add("union", body), columns: zip(union.columns, names).map { ($0.id, $1) })
        output.order = [OrderTerm(column: "amity_side", isPosition: true), OrderTerm(column: "amity_position", isPosition: true)]
        output.hidden = ["amity_side", "amity_position"]
        return output
    }
}
