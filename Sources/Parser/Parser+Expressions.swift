import Diagnostics
import Syntax

extension Parser {
    /// expression ::= or_expr
    mutating func parseExpression() throws -> Expr {
        try parseOrExpr()
    }

    /// or_expr ::= and_expr ( "or" and_expr )*
    mutating func parseOrExpr() throws -> Expr {
        try parseLeftAssociative({ $0.isKeyword(.or) ? .or : nil }, operand: { try $0.parseAndExpr() })
    }

    /// and_expr ::= not_expr ( "and" not_expr )*
    mutating func parseAndExpr() throws -> Expr {
        try parseLeftAssociative({ $0.isKeyword(.and) ? .and : nil }, operand: { try $0.parseNotExpr() })
    }

    /// `operand ( op operand )*`, folded to the left; `op` maps a token to its operator.
    private mutating func parseLeftAssociative(
        _ op: (Token) -> BinaryOperator?, operand: (inout Parser) throws -> Expr
    ) throws -> Expr {
        var lhs = try operand(&self)
        while let binary = op(current) {
            advance()
            let rhs = try operand(&self)
            lhs = try node(.binary(binary, lhs, rhs), span: lhs.span.merged(with: rhs.span), children: lhs, rhs)
        }
        return lhs
    }

    /// not_expr ::= "not" not_expr | comparison
    mutating func parseNotExpr() throws -> Expr {
        // Iterative, so a long run of `not` cannot exhaust the stack.
        var operators: [Token] = []
        while current.isKeyword(.not) { operators.append(consume()) }
        var expr = try parseComparison()
        for token in operators.reversed() {
            expr = try node(.unary(.not, expr), span: token.span.merged(with: expr.span), children: expr)
        }
        return expr
    }

    /// comparison ::= coalesce ( compare_op coalesce | "not"? "in" coalesce | "is" "not"? "null" )?
    mutating func parseComparison() throws -> Expr {
        let lhs = try parseCoalesce()
        let result: Expr
        if let op = comparisonOperator(current) {
            advance()
            let rhs = try parseCoalesce()
            result = try node(.binary(op, lhs, rhs), span: lhs.span.merged(with: rhs.span), children: lhs, rhs)
        } else if current.isKeyword(.in) || (current.isKeyword(.not) && peek().isKeyword(.in)) {
            let negated = current.isKeyword(.not)
            if negated { advance() }
            advance()
            let rhs = try parseCoalesce()
            result = try node(.binary(negated ? .notIn : .in, lhs, rhs), span: lhs.span.merged(with: rhs.span),
                              children: lhs, rhs)
        } else if current.isKeyword(.is) {
            advance()
            let negated = current.isKeyword(.not)
            if negated { advance() }
            guard current.isKeyword(.null) else {
                throw fail(expected: "'null' after 'is\(negated ? " not" : "")'",
                           help: "'is' only tests for null; compare values with '=='")
            }
            let end = consume().span
            result = try node(.isNull(lhs, negated: negated), span: lhs.span.merged(with: end), children: lhs)
        } else {
            return try checkMisusedOperator(after: lhs)
        }
        if comparisonOperator(current) != nil || current.isKeyword(.in) || current.isKeyword(.is) {
            throw fail("comparisons cannot be chained", at: current.span, code: "E0207",
                       help: "combine them with 'and': a < b and b < c")
        }
        return try checkMisusedOperator(after: result)
    }

    /// `=` where `==` was meant is the commonest slip; name it rather than "expected '|'".
    private mutating func checkMisusedOperator(after expr: Expr) throws -> Expr {
        if current.isSymbol(.assign) {
            throw fail("'=' is not a comparison", at: current.span, code: "E0208",
                       help: "use '==' to compare values; 'name = expr' only names a column in select, derive and summarize")
        }
        return expr
    }

    /// compare_op ::= "==" | "!=" | "<" | "<=" | ">" | ">="
    private func comparisonOperator(_ token: Token) -> BinaryOperator? {
        switch token.kind {
        case .symbol(.equal): return .equal
        case .symbol(.notEqual): return .notEqual
        case .symbol(.less): return .less
        case .symbol(.lessEqual): return .lessEqual
        case .symbol(.greater): return .greater
        case .symbol(.greaterEqual): return .greaterEqual
        default: return nil
        }
    }

    /// coalesce ::= range ( "??" coalesce )?
    mutating func parseCoalesce() throws -> Expr {
        // Right-associative: collect the operands, then fold from the right without recursion.
        var operands = [try parseRange()]
        while current.isSymbol(.questionQuestion) {
            advance()
            operands.append(try parseRange())
        }
        var expr = operands.removeLast()
        for lhs in operands.reversed() {
            expr = try node(.binary(.coalesce, lhs, expr), span: lhs.span.merged(with: expr.span), children: lhs, expr)
        }
        return expr
    }

    /// range ::= additive ( ".." additive )?
    mutating func parseRange() throws -> Expr {
        let low = try parseAdditive()
        guard accept(.dotDot) else { return low }
        let high = try parseAdditive()
        let range = try node(.range(low, high), span: low.span.merged(with: high.span), children: low, high)
        if current.isSymbol(.dotDot) {
            throw fail("a range has exactly two ends", at: current.span, code: "E0207")
        }
        return range
    }

    /// additive ::= multiplicative ( ( "+" | "-" ) multiplicative )*
    mutating func parseAdditive() throws -> Expr {
        try parseLeftAssociative({ token in
            switch token.kind {
            case .symbol(.plus): return .add
            case .symbol(.minus): return .subtract
            default: return nil
            }
        }, operand: { try $0.parseMultiplicative() })
    }

    /// multiplicative ::= unary ( ( "*" | "/" | "//" | "%" ) unary )*
    mutating func parseMultiplicative() throws -> Expr {
        try parseLeftAssociative({ token in
            switch token.kind {
            case .symbol(.star): return .multiply
            case .symbol(.slash): return .divide
            case .symbol(.slashSlash): return .integerDivide
            case .symbol(.percent): return .remainder
            default: return nil
            }
        }, operand: { try $0.parseUnary() })
    }

    /// unary ::= "-" unary | primary
    mutating func parseUnary() throws -> Expr {
        var minuses: [Token] = []
        while current.isSymbol(.minus) { minuses.append(consume()) }
        // `-5` and `-9223372036854775808` are literals, not negations of a literal.
        if let minus = minuses.last, case .integer(let digits) = current.kind {
            minuses.removeLast()
            let token = consume()
            let span = minus.span.merged(with: token.span)
            var expr = Expr(.integer(try integerValue("-" + digits, span: span)), span: span)
            for outer in minuses.reversed() {
                expr = try node(.unary(.negate, expr), span: outer.span.merged(with: expr.span), children: expr)
            }
            return expr
        }
        var expr = try parsePrimary()
        if let minus = minuses.last, case .float(let value) = expr.kind {
            minuses.removeLast()
            expr = Expr(.float(-value), span: minus.span.merged(with: expr.span))
        }
        for token in minuses.reversed() {
            expr = try node(.unary(.negate, expr), span: token.span.merged(with: expr.span), children: expr)
        }
        return expr
    }

    /// The value of an integer literal, or an error naming it when it does not fit in Int64.
    mutating func integerValue(_ digits: String, span: Span) throws -> Int64 {
        if let value = Int64(digits) { return value }
        throw fail("integer literal '\(source.text(of: span))' does not fit in a 64-bit integer", at: span,
                   code: "E0209", help: "integers range from -9223372036854775808 to 9223372036854775807; write a float such as 1e20 for larger values")
    }
}
