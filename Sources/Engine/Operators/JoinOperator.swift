import Columnar
import Evaluation
import Semantic

extension Executor {
    /// A hash join on equality keys: the right side is built into a table, the left side
    /// probes it. Null keys never match. Output rows follow the left side's order, and the
    /// right side's order within each left row.
    func join(_ left: Relation, _ right: Relation, _ join: PhysicalJoin, detail: inout String?) throws -> Relation {
        let kind = join.kind
        var leftColumns = try join.leftKeys.map { try evaluator.column($0, over: left) }
        var rightColumns = try join.rightKeys.map { try evaluator.column($0, over: right) }
        // Whether the right side has a row with a null key: `not in` and `in` need to know.
        let rightHasNull = rightColumns.contains { $0.validity != nil }
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
        // Build: the first right row of each key, and each right row's next with that key.
        var next = [Int32](repeating: -1, count: right.count)
        // The first matching right row of each left row, or -1.
        let firstMatch: [Int32]
        // Matches per part of `Parallel.ranges(left.count, threads:)`, when known.
        var matchCounts: [Int]?
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
            // Each part counts its matches too, for the pairing.
            let ranges = Parallel.ranges(left.count, threads: threads)
            var counts: [Int] = []
            firstMatch = leftCodes.withUnsafeBufferPointer { codes in
                head.withUnsafeBufferPointer { head in
                    [Int32](unsafeUninitializedCapacity: codes.count) { firstMatch, initialized in
                        counts = Parallel.map(ranges) { range in
                            var matched = 0
                            for row in range {
                                let match = leftValidity?[row] == false ? -1 : head[Int(codes[row])]
                                firstMatch[row] = match
                                matched &+= match >= 0 ? 1 : 0
                            }
                            return matched
                        }
                        initialized = codes.count
                    }
                }
            }
            matchCounts = counts
        } else {
            firstMatch = try hashMatches(leftColumns, rightColumns, counts: (left.count, right.count), unmatchable: unmatchable,
                                         next: &next)
        }

        switch kind {
        case .semi, .anti, .nullAwareAnti, .mark:
            return try membership(left, firstMatch, kind, leftNull: leftColumns, rightCount: right.count,
                                  rightHasNull: rightHasNull)
        case .inner, .left, .cross:
            break
        }
        // Right keys seen once each (a lookup table, the usual case): a left row has at most
        // one match, and the pairs need no loop over chains.
        if !next.contains(where: { $0 >= 0 }) && (kind == .inner || kind == .left) {
            try checkMemory(rows: left.count, bytesPerRow: 8, what: "the join")
            return uniquePairs(left, right, firstMatch, kind, matchCounts: matchCounts)
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
        try checkMemory(rows: leftRows.count, bytesPerRow: 8, what: "the join")
        // Nothing is copied here: the columns read after the join are gathered when read.
        return Relation.joined(left, rows: leftRows, right, rows: rightRows, missing: kind == .left && rightRows.contains(-1),
                               threads: threads)
    }

    /// Semi, anti and the joins `in (pipeline)` becomes, which only ask whether a left row
    /// has a match. SQL's `in`: a null key, or no match where the right side has a null, is
    /// unknown (null), unless the right side is empty, when `in` is false.
    private func membership(_ left: Relation, _ firstMatch: [Int32], _ kind: PlanJoinKind, leftNull keys: [Column],
                            rightCount: Int, rightHasNull: Bool) throws -> Relation {
        func leftKeyIsNull(_ row: Int) -> Bool { keys.contains { $0.isNull(row) } }
        switch kind {
        case .semi:
            return left.selecting((0..<Int32(left.count)).filter { firstMatch[Int($0)] >= 0 })
        case .anti:
            return left.selecting((0..<Int32(left.count)).filter { firstMatch[Int($0)] < 0 })
        case .nullAwareAnti:
            // `x not in (...)` is true only where `x in (...)` is false.
            if rightCount == 0 { return left }
            if rightHasNull { return left.selecting([]) }
            return left.selecting((0..<Int32(left.count)).filter { firstMatch[Int($0)] < 0 && !leftKeyIsNull(Int($0)) })
        case .mark:
            var values = [Bool](repeating: false, count: left.count)
            var valid = [Bool](repeating: true, count: left.count)
            if rightCount > 0 {
                for row in 0..<left.count {
                    if firstMatch[row] >= 0 {
                        values[row] = true
                    } else if rightHasNull || leftKeyIsNull(row) {
                        valid[row] = false
                    }
                }
            }
            return left.appending(Column(.bool(values), validity: Bitmap(valid)))
        case .inner, .left, .cross:
            preconditionFailure("pairs are made by join")
        }
    }

    /// The first matching right row of each left row (or -1), and the chains of right rows
    /// with equal keys in `next`, by hashing the key words of both sides.
    private func hashMatches(_ leftColumns: [Column], _ rightColumns: [Column], counts: (left: Int, right: Int),
                             unmatchable: [Bool], next: inout [Int32]) throws -> [Int32] {
        let (leftCount, rightCount) = counts
        var unmatchable = unmatchable
        // NaN equals nothing, itself included, as '==' says; such rows never match.
        var leftUnmatchable = [Bool](repeating: false, count: leftCount)
        for index in leftColumns.indices {
            if case .float(let values) = leftColumns[index].values {
                for (row, value) in values.enumerated() where value.isNaN { leftUnmatchable[row] = true }
            }
            if case .float(let values) = rightColumns[index].values {
                for (row, value) in values.enumerated() where value.isNaN { unmatchable[row] = true }
            }
        }
        let rightWords = KeyWords(rightColumns, count: rightCount)
        let leftWords = KeyWords(leftColumns, count: leftCount)
        var table = GroupTable(capacity: rightCount)
        var head: [Int32] = []
        var tail: [Int32] = []
        for row in 0..<rightCount where rightWords.nulls[row] == 0 && !unmatchable[row] {
            let group = Int(table.group(of: row, in: rightWords))
            if group == head.count {
                head.append(Int32(row))
                tail.append(Int32(row))
            } else {
                next[Int(tail[group])] = Int32(row)
                tail[group] = Int32(row)
            }
        }
        var firstMatch = [Int32](repeating: -1, count: leftCount)
        for row in 0..<leftCount where leftWords.nulls[row] == 0 && !leftUnmatchable[row] {
            if row % Evaluator.batchSize == 0 { try evaluator.checkCancelled() }
            if let group = table.find(row, of: leftWords, builtFrom: rightWords) { firstMatch[row] = head[Int(group)] }
        }
        return firstMatch
    }

    /// An inner or left join's pairs when each left row has at most one match. When every
    /// left row is kept in order (a left join, or an inner join where all match), only the
    /// right side gets a selection; otherwise each part writes its matched rows at an
    /// offset counted first.
    private func uniquePairs(_ left: Relation, _ right: Relation, _ firstMatch: [Int32], _ kind: PlanJoinKind,
                             matchCounts: [Int]?) -> Relation {
        let ranges = Parallel.ranges(firstMatch.count, threads: threads)
        let matched: [Int] = matchCounts ?? firstMatch.withUnsafeBufferPointer { matches in
            Parallel.map(ranges) { range in
                var count = 0
                for row in range { count &+= matches[row] >= 0 ? 1 : 0 }
                return count
            }
        }
        let total = matched.reduce(0, +)
        if kind == .left || total == firstMatch.count {
            return Relation.joined(left, rows: nil, right, rows: firstMatch, missing: total < firstMatch.count, threads: threads)
        }
        var offsets: [Int] = [0]
        for count in matched.dropLast() { offsets.append(offsets.last! + count) }
        // Branch-free: every row is written and the position moves past the matches only.
        // A part's write after its last match goes to a spare slot of its own past the end,
        // never into the next part's rows.
        let capacity = total + ranges.count
        var rightRows: [Int32] = []
        let leftRows = [Int32](unsafeUninitializedCapacity: capacity) { leftRows, leftInitialized in
            rightRows = [Int32](unsafeUninitializedCapacity: capacity) { rightRows, rightInitialized in
                firstMatch.withUnsafeBufferPointer { matches in
                    Parallel.run(ranges) { part, range in
                        var at = offsets[part]
                        let end = at + matched[part], spare = total + part
                        for row in range {
                            let target = at < end ? at : spare
                            leftRows[target] = Int32(row)
                            rightRows[target] = matches[row]
                            at &+= matches[row] >= 0 ? 1 : 0
                        }
                    }
                }
                // Only the matched rows: the spare slots are left out.
                rightInitialized = total
            }
            leftInitialized = total
        }
        return Relation.joined(left, rows: leftRows, right, rows: rightRows, missing: false, threads: threads)
    }
}
