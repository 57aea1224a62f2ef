import Columnar
import Semantic
import Syntax

extension Executor {
    /// A hash join on equality keys: the right side is built into a table, the left side
    /// probes it. Null keys never match. Output rows follow the left side's order, and the
    /// right side's order within each left row.
    func join(_ left: Relation, _ right: Relation, _ kind: JoinKind, leftKeys: [BoundExpr], rightKeys: [BoundExpr]) throws -> Relation {
        var leftColumns = try leftKeys.map { try evaluator.column($0, over: left) }
        var rightColumns = try rightKeys.map { try evaluator.column($0, over: right) }
        // Codes of two dictionaries mean nothing to each other: put the right side's strings
        // into the left side's code space, and mark strings the left never has.
        var unmatchable = [Bool](repeating: false, count: right.count)
        for index in leftColumns.indices {
            guard case .string(let leftCodes, let leftDictionary) = leftColumns[index].values,
                  case .string(let rightCodes, let rightDictionary) = rightColumns[index].values else { continue }
            let lookup = StringDictionaryBuilder(startingWith: leftDictionary)
            let map = (0..<UInt32(rightDictionary.count)).map { code in
                rightDictionary.withBytes(of: code) { lookup.lookup(bytes: $0) }
            }
            var translated = [UInt32](repeating: 0, count: rightCodes.count)
            for (row, code) in rightCodes.enumerated() {
                if let mapped = map[Int(code)] { translated[row] = mapped } else { unmatchable[row] = true }
            }
            rightColumns[index] = Column(.string(codes: translated, dictionary: leftDictionary), validity: rightColumns[index].validity)
            leftColumns[index] = Column(.string(codes: leftCodes, dictionary: leftDictionary), validity: leftColumns[index].validity)
        }
        // NaN equals nothing, itself included, as '==' says; such rows never match.
        var leftUnmatchable = [Bool](repeating: false, count: left.count)
        for index in leftColumns.indices {
            if case .float(let values) = leftColumns[index].values {
                for (row, value) in values.enumerated() where value.isNaN { leftUnmatchable[row] = true }
            }
            if case .float(let values) = rightColumns[index].values {
                for (row, value) in values.enumerated() where value.isNaN { unmatchable[row] = true }
            }
        }
        // Build: the first right row of each key, and each right row's next with that key.
        var next = [Int32](repeating: -1, count: right.count)
        // The first matching right row of each left row, or -1.
        var firstMatch = [Int32](repeating: -1, count: left.count)
        if leftColumns.count == 1, case .string(let leftCodes, let dictionary) = leftColumns[0].values,
           case .string(let rightCodes, _) = rightColumns[0].values {
            // One string key: both sides now share the left's codes, which index the heads
            // directly, with no hashing.
            var head = [Int32](repeating: -1, count: dictionary.count)
            var tail = head
            let rightValidity = rightColumns[0].validity, leftValidity = leftColumns[0].validity
            for row in 0..<right.count where !unmatchable[row] && rightValidity?[row] != false {
                let code = Int(rightCodes[row])
                if head[code] < 0 { head[code] = Int32(row) } else { next[Int(tail[code])] = Int32(row) }
                tail[code] = Int32(row)
            }
            leftCodes.withUnsafeBufferPointer { codes in
                head.withUnsafeBufferPointer { head in
                    firstMatch.withUnsafeMutableBufferPointer { firstMatch in
                        Parallel.run(Parallel.ranges(codes.count, threads: threads)) { _, range in
                            for row in range where leftValidity?[row] != false { firstMatch[row] = head[Int(codes[row])] }
                        }
                    }
                }
            }
        } else {
            let rightWords = KeyWords(rightColumns, count: right.count)
            let leftWords = KeyWords(leftColumns, count: left.count)
            var table = GroupTable(capacity: right.count)
            var head: [Int32] = []
            var tail: [Int32] = []
            for row in 0..<right.count where rightWords.nulls[row] == 0 && !unmatchable[row] {
                let group = Int(table.group(of: row, in: rightWords))
                if group == head.count {
                    head.append(Int32(row))
                    tail.append(Int32(row))
                } else {
                    next[Int(tail[group])] = Int32(row)
                    tail[group] = Int32(row)
                }
            }
            for row in 0..<left.count where leftWords.nulls[row] == 0 && !leftUnmatchable[row] {
                if row % Evaluator.batchSize == 0 { try evaluator.checkCancelled() }
                if let group = table.find(row, of: leftWords, builtFrom: rightWords) { firstMatch[row] = head[Int(group)] }
            }
        }

        // Right keys seen once each (a lookup table, the usual case): a left row has at most
        // one match, and the pairs need no loop over chains.
        if !next.contains(where: { $0 >= 0 }) && (kind == .inner || kind == .left) {
            try checkMemory(rows: left.count, bytesPerRow: 8, what: "the join")
            if kind == .left {
                return Relation.joined(left, rows: (0..<Int32(left.count)).map { $0 }, right, rows: firstMatch)
            }
            var count = 0
            // Branch-free: every row is written, the count moves past the ones that match.
            let leftRows = [Int32](unsafeUninitializedCapacity: left.count + 1) { out, initialized in
                firstMatch.withUnsafeBufferPointer { matches in
                    for row in 0..<matches.count {
                        out[count] = Int32(row)
                        count &+= matches[row] >= 0 ? 1 : 0
                    }
                }
                initialized = count
            }
            let rightRows = leftRows.map { firstMatch[Int($0)] }
            return Relation.joined(left, rows: leftRows, right, rows: rightRows)
        }

        // Probe.
        var leftRows: [Int32] = []
        var rightRows: [Int32] = []
        if kind == .inner || kind == .left {
            leftRows.reserveCapacity(left.count)
            rightRows.reserveCapacity(left.count)
        }
        for row in 0..<left.count {
            if row % Evaluator.batchSize == 0 {
                try evaluator.checkCancelled()
                // Each output row holds a left and a right row number.
                try checkMemory(rows: leftRows.count, bytesPerRow: 8, what: "the join")
            }
            var match = firstMatch[row]
            switch kind {
            case .semi: if match >= 0 { leftRows.append(Int32(row)) }
            case .anti: if match < 0 { leftRows.append(Int32(row)) }
            case .inner, .left:
                if match < 0 {
                    if kind == .left {
                        leftRows.append(Int32(row))
                        rightRows.append(-1)
                    }
                    continue
                }
                while match >= 0 {
                    leftRows.append(Int32(row))
                    rightRows.append(match)
                    match = next[Int(match)]
                }
            }
        }
        try checkMemory(rows: leftRows.count, bytesPerRow: 8, what: "the join")
        guard kind == .inner || kind == .left else { return left.selecting(leftRows) }
        // Nothing is copied here: the columns read after the join are gathered when read.
        return Relation.joined(left, rows: leftRows, right, rows: rightRows)
    }
}
