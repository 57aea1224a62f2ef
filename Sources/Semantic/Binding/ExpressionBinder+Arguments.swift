import Columnar
import Diagnostics
import Syntax

/// Argument rules the types alone cannot state: units, patterns and templates that must be
/// string literals, checked here so that a mistake is an error at the argument before any
/// row is read.
extension ExpressionBinder {
    func checkArguments(_ function: ScalarFunction, _ arguments: [BoundExpr], resultType: DataType) throws -> [BoundExpr] {
        switch function {
        case .dateTrunc:
            try checkUnit(arguments[1], of: "date_trunc", among: ["decade", "year", "quarter", "month", "week"])
            return arguments
        case .dateAdd:
            try checkUnit(arguments[2], of: "date_add", among: ["day", "week", "month", "quarter", "year"])
            return arguments
        case .matches, .extract, .regexReplace:
            try checkPattern(function, arguments)
            return arguments
        case .strftime, .parseDate:
            try checkDatePattern(function, arguments[1])
            return arguments
        case .lpad, .rpad:
            if case .int(let length)? = arguments[1].constantValue, length > ScalarFunction.longestPadding {
                throw SemanticError.make("E0343", "\(function.rawValue) makes at most \(ScalarFunction.longestPadding) characters, not \(length)",
                                         arguments[1].span)
            }
            return arguments
        case .nullif:
            // a keeps its type (it is the result); b is compared with it as `==` would.
            _ = try unify(arguments[0], arguments[1], span: arguments[1].span, verb: "compare")
            return arguments
        case .if:
            return [arguments[0], widenTo(arguments[1], resultType), widenTo(arguments[2], resultType)]
        case .pow, .sqrt, .ln, .log10, .exp, .distanceKm:
            return arguments.map(widen)
        case .round:
            return resultType == .float ? [widen(arguments[0])] + arguments.dropFirst() : arguments
        default:
            return arguments
        }
    }

    /// A unit written as one of a few words, in a string literal.
    private func checkUnit(_ unit: BoundExpr, of function: String, among units: [String]) throws {
        guard case .constant(.string(let text)) = unit.kind, units.contains(text) else {
            let listed = units.dropLast().map { "\"\($0)\"" }.joined(separator: ", ") + " or \"\(units.last!)\""
            throw SemanticError.make("E0343", "\(function)'s unit must be \(listed)", unit.span,
                                     help: Suggestions.didYouMean(unit.constantValue?.description ?? "", among: units))
        }
    }

    /// A constant pattern compiles now, and a constant group or replacement refers only to
    /// groups the pattern has; anything else is checked when the rows come.
    private func checkPattern(_ function: ScalarFunction, _ arguments: [BoundExpr]) throws {
        guard case .constant(.string(let text)) = arguments[1].kind else { return }
        let pattern: TextPattern
        do throws(PatternError) {
            pattern = try TextPattern(text)
        } catch {
            throw SemanticError.make("E0346", "invalid regular expression: \(error.message)", arguments[1].span,
                                     help: "the syntax is that of Python's or JavaScript's regular expressions")
        }
        if function == .extract, arguments.count == 3, case .int(let group)? = arguments[2].constantValue {
            try checkGroup(Int(clamping: group), of: pattern, at: arguments[2].span)
        }
        if function == .regexReplace, case .string(let replacement)? = arguments[2].constantValue {
            do {
                let template = try ReplacementTemplate(replacement)
                try checkGroup(template.highestGroup, of: pattern, at: arguments[2].span)
            } catch let error as PatternError {
                throw SemanticError.make("E0346", "invalid replacement: \(error.message)", arguments[2].span)
            }
        }
    }

    private func checkGroup(_ group: Int, of pattern: TextPattern, at span: Span) throws {
        guard group >= 0 else { throw SemanticError.make("E0343", "a group number cannot be negative (\(group))", span) }
        if let count = pattern.groupCount, group > count {
            let has = count == 0 ? "no groups" : count == 1 ? "1 group" : "\(count) groups"
            throw SemanticError.make("E0343", "the pattern has \(has), so there is no group \(group)", span,
                                     help: "groups are the parts in ( ); 0 is the whole match")
        }
    }

    private func checkDatePattern(_ function: ScalarFunction, _ format: BoundExpr) throws {
        if format.constantValue == .null { return }
        guard case .constant(.string(let text)) = format.kind else {
            throw SemanticError.make("E0343", "\(function.rawValue)'s format must be a string literal", format.span,
                                     help: "for example \"%Y-%m-%d\"")
        }
        let pattern: DatePattern
        do throws(DatePatternError) {
            pattern = try DatePattern(text)
        } catch {
            throw SemanticError.make("E0346", "invalid date format: \(error.message)", format.span)
        }
        guard function == .parseDate else { return }
        if let directive = pattern.unreadable.first {
            throw SemanticError.make("E0346", "parse_date cannot read %\(directive.rawValue), which only strftime writes", format.span)
        }
        if !pattern.readsYear {
            throw SemanticError.make("E0346", "parse_date's format needs a year (%Y or %y)", format.span)
        }
    }

    /// `format(template, values...)`: the template a literal whose placeholders match the
    /// values in number; the values of any type.
    mutating func bindFormat(_ arguments: [Expr], span: Span) throws -> BoundExpr {
        var bound = try arguments.map { try bind($0) }
        let template = bound[0]
        guard case .constant(.string(let text)) = template.kind else {
            throw SemanticError.make("E0343", "format's template must be a string literal", template.span,
                                     help: "for example format(\"{} of {}\", a, b)")
        }
        let parsed: FormatTemplate
        do throws(PatternError) {
            parsed = try FormatTemplate(text)
        } catch {
            throw SemanticError.make("E0346", "invalid format template: \(error.message)", template.span)
        }
        let values = bound.count - 1
        guard parsed.placeholders == values else {
            let holds = parsed.placeholders == 1 ? "1 placeholder {}" : "\(parsed.placeholders) placeholders {}"
            let follow = values == 1 ? "1 value follows" : "\(values) values follow"
            throw SemanticError.make("E0347", "the template has \(holds) but \(follow)", template.span,
                                     help: "give one value per {}; write {{ and }} for braces")
        }
        // A bare null value is text like any other: it prints as null.
        bound = bound.map { retyped($0, .string) }
        return BoundExpr(.call(.format, bound), type: .string, span: span)
    }
}
