import Columnar
import Diagnostics
import Syntax

extension PlanText {
    /// The expression written in the language, with only the brackets precedence needs.
    public func expression(_ expr: BoundExpr, names: [Int: String]) -> String {
        render(expr, names).text
    }

    /// Binding strength, loosest first, as in `Grammar/amity.ebnf`.
    private enum Level: Int, Comparable {
        case or = 1, and, not, comparison, coalesce, additive = 7, multiplicative, unary, primary

        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    private func render(_ expr: BoundExpr, _ names: [Int: String]) -> (text: String, level: Level) {
        func at(_ child: BoundExpr, _ least: Level) -> String {
            let (text, level) = render(child, names)
            return level < least ? "(\(text))" : text
        }
        func above(_ child: BoundExpr, _ level: Level) -> String {
            at(child, Level(rawValue: level.rawValue + 1) ?? .primary)
        }
        switch expr.kind {
        case .constant(let value):
            return (Self.literal(value), Self.isNegative(value) ? .unary : .primary)
        case .column(let id):
            return (names[id] ?? "#\(id)", .primary)
        case .negate(let operand):
            return ("-" + at(operand, .unary), .unary)
        case .not(let operand):
            return ("not " + at(operand, .not), .not)
        case .arithmetic(let op, let a, let b):
            let level: Level = op == .add || op == .subtract ? .additive : .multiplicative
            return ("\(at(a, level)) \(op.rawValue) \(above(b, level))", level)
        case .compare(let op, let a, let b):
            return ("\(above(a, .comparison)) \(op.rawValue) \(above(b, .comparison))", .comparison)
        case .and(let a, let b):
            return ("\(at(a, .and)) and \(above(b, .and))", .and)
        case .or(let a, let b):
            return ("\(at(a, .or)) or \(above(b, .or))", .or)
        case .inList(let operand, let items, let negated):
            let list = "[" + items.map { render($0, names).text }.joined(separator: ", ") + "]"
            return ("\(above(operand, .comparison)) \(negated ? "not in" : "in") \(list)", .comparison)
        case .inRange(let operand, let low, let high, let negated):
            let range = "\(at(low, .additive))..\(at(high, .additive))"
            return ("\(above(operand, .comparison)) \(negated ? "not in" : "in") \(range)", .comparison)
        case .inSubquery(let operand, _, let negated):
            return ("\(above(operand, .comparison)) \(negated ? "not in" : "in") (pipeline)", .comparison)
        case .scalarSubquery:
            return (source.map { $0.text(of: expr.span) } ?? "(pipeline)", .primary)
        case .isNull(let operand, let negated):
            return ("\(above(operand, .comparison)) is \(negated ? "not " : "")null", .comparison)
        case .coalesce(let items):
            return (items.map { above($0, .coalesce) }.joined(separator: " ?? "), .coalesce)
        case .call(let function, let arguments):
            return ("\(function.rawValue)(" + arguments.map { render($0, names).text }.joined(separator: ", ") + ")", .primary)
        case .toFloat(let operand):
            return ("float(\(render(operand, names).text))", .primary)
        }
    }

    /// A value as a literal that reads back: strings quoted, dates with `@`.
    static func literal(_ value: Value) -> String {
        switch value {
        case .string(let text): return TreeDump.quote(text)
        case .date(let days): return "@" + DateFormat.format(days: days)
        default: return value.description
        }
    }

    private static func isNegative(_ value: Value) -> Bool {
        switch value {
        case .int(let v): return v < 0
        case .float(let v): return v.sign == .minus
        default: return false
        }
    }

    /// A column name, in backticks when it is not a plain name.
    static func name(_ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.enumerated().allSatisfy { index, scalar in
            scalar == "_" || (index > 0 ? scalar.properties.isXIDContinue : scalar.properties.isXIDStart)
        }
        let reserved = Keyword(rawValue: name) != nil
        return plain && !reserved ? name : "`" + name.split(separator: "`", omittingEmptySubsequences: false).joined(separator: "``") + "`"
    }
}
