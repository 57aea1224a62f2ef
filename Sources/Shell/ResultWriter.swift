import Columnar
import Diagnostics

/// The fixed text around the cells of one format: what comes before the rows, around each
/// row and cell, and after.
struct RowLayout {
    var cellForm: CellForm
    /// Written first: the header line(s) of CSV, TSV and markdown, JSON's `[`.
    var header: [UInt8] = []
    /// Written instead of everything else when there are no rows (JSON's `[]`).
    var emptyResult: [UInt8]?
    var firstRowStart: [UInt8] = []
    var rowStart: [UInt8] = []
    /// Before each cell of a row: JSON's `"name": `, the line format's `  name = `. Prefix
    /// `i` is `prefixBytes[prefixOffsets[i]..<prefixOffsets[i + 1]]`.
    var prefixBytes: [UInt8] = []
    var prefixOffsets: [Int] = [0]
    var separator: [UInt8] = []
    var rowEnd: [UInt8] = []
    var footer: [UInt8] = []
    /// The columns written per row. JSON and the line format pair names with columns and so
    /// write no more columns than there are names.
    var columnCount: Int

    init(_ format: OutputFormat, names: [String], fields: [Field]) {
        func text(_ name: String, _ style: TextStyle) -> [UInt8] {
            var out = OutputBuffer()
            var name = name
            name.withUTF8 { style.append($0, to: &out) }
            return Array(out.bytes)
        }
        func joined(_ parts: [[UInt8]], _ separator: String) -> [UInt8] {
            Array(parts.joined(separator: Array(separator.utf8)))
        }
        let paired = min(names.count, fields.count)
        columnCount = fields.count
        var cellPrefixes = Array(repeating: [UInt8](), count: fields.count)
        switch format {
        case .csv, .tsv:
            cellForm = format == .csv ? .csv : .tsv
            separator = Array((format == .csv ? "," : "\t").utf8)
            header = joined(names.map { text($0, cellForm.text) }, format == .csv ? "," : "\t") + [0x0A]
            rowEnd = [0x0A]
        case .markdown:
            cellForm = .markdown
            header = Array("| ".utf8) + joined(names.map { text($0, .markdown) }, " | ") + Array(" |\n|".utf8)
                + Array(fields.map { $0.type.isNumeric ? " ---: |" : " --- |" }.joined().utf8) + [0x0A]
            firstRowStart = Array("| ".utf8)
            rowStart = firstRowStart
            separator = Array(" | ".utf8)
            rowEnd = Array(" |\n".utf8)
        case .json, .ndjson:
            cellForm = .json
            columnCount = paired
            cellPrefixes = names.prefix(paired).map { text($0, .json) + Array(": ".utf8) }
            separator = Array(", ".utf8)
            if format == .json {
                emptyResult = Array("[]\n".utf8)
                header = Array("[\n".utf8)
                firstRowStart = Array("  {".utf8)
                rowStart = Array(",\n  {".utf8)
                rowEnd = [0x7D]
                footer = Array("\n]\n".utf8)
            } else {
                firstRowStart = [0x7B]
                rowStart = firstRowStart
                rowEnd = Array("}\n".utf8)
            }
        case .line:
            cellForm = .line
            columnCount = paired
            let width = names.map { DisplayWidth.of($0) }.max() ?? 0
            cellPrefixes = names.prefix(paired).map { name in
                Array((String(repeating: " ", count: width - DisplayWidth.of(name)) + name + " = ").utf8)
            }
            rowStart = [0x0A]
            separator = [0x0A]
            rowEnd = [0x0A]
        case .table:
            preconditionFailure("the table view is not written row by row")
        }
        for prefix in cellPrefixes {
            prefixBytes += prefix
            prefixOffsets.append(prefixBytes.count)
        }
    }
}

/// Writes a result table in one of the row formats (every format but the table view) in
/// chunks of about `chunkSize` bytes, each ending at the end of a row, so a result of any
/// size never sits in memory as text.
///
/// Work is column-wise: a batch of rows is written one column at a time from the typed
/// buffers (string cells copy their dictionary entry's text, escaped once per entry), then
/// the cells are interleaved into rows with the format's fixed text. With several threads,
/// consecutive chunks are made at once and handed on in order.
struct ResultWriter {
    let layout: RowLayout
    let columns: [ColumnCells]
    let rowCount: Int

    /// Without `headers`, CSV and TSV have no header line (as sqlite3's `.headers off`).
    init(_ format: OutputFormat, table: Table, names: [String], headers: Bool = true) {
        var layout = RowLayout(format, names: names, fields: table.fields)
        if !headers, format == .csv || format == .tsv { layout.header = [] }
        self.layout = layout
        rowCount = table.rowCount
        var cache: [ObjectIdentifier: RenderedEntries] = [:]
        var columns: [ColumnCells] = []
        for column in table.columns.prefix(layout.columnCount) {
            columns.append(ColumnCells(column, form: layout.cellForm, rowCount: table.rowCount, cache: &cache))
        }
        self.columns = columns
    }

    /// One thread's memory: the chunk it makes, and scratch for the cells of a batch.
    private final class Scratch {
        var out: OutputBuffer
        var cells = OutputBuffer(capacity: 1 << 16)
        let ends: UnsafeMutablePointer<Int>

        init(capacity: Int, cellsPerBatch: Int) {
            out = OutputBuffer(capacity: capacity)
            ends = .allocate(capacity: cellsPerBatch)
        }

        deinit { ends.deallocate() }
    }

    /// The most rows written as one batch, column by column.
    private static let maxBatch = 1_024

    /// Hands the output to `sink` a chunk at a time; an error thrown by `sink` (a failed
    /// write, a cancellation) stops the writing.
    func write(chunkSize: Int, threads: Int, to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        let cellsPerBatch = Self.maxBatch * max(1, columns.count)
        // A small result (most at the prompt) gets a small buffer; a chunk may pass its size by a row.
        let guess = layout.header.count + min(rowCount, 1 << 20) * 16 * min(columns.count + 1, 1 << 16)
        let capacity = min(chunkSize + chunkSize / 4, max(4_096, guess))
        let first = Scratch(capacity: capacity, cellsPerBatch: cellsPerBatch)
        if rowCount == 0, let empty = layout.emptyResult {
            first.out.append(empty)
            return try sink(first.out.bytes)
        }
        first.out.append(layout.header)
        // The first rows, alone and in growing batches, tell how long a row is and so how many
        // rows make a chunk, without making a huge first chunk when rows are huge.
        let headerSize = first.out.count
        var start = 0
        while start < min(rowCount, 64) && first.out.count < chunkSize {
            appendRows(start..<min(rowCount, 2 * start + 1), to: first, batch: Self.maxBatch)
            start = min(rowCount, 2 * start + 1)
        }
        var bytesPerRow = max(1, (first.out.count - headerSize) / max(1, start))
        var scratch = [first]
        // More threads than this would only hold more chunks: the writing itself is serial.
        let threads = min(max(1, threads), 8)
        while start < rowCount {
            let rowsPerChunk = max(1, chunkSize / bytesPerRow)
            let parts = min(threads, (rowCount - start + rowsPerChunk - 1) / rowsPerChunk)
            while scratch.count < parts { scratch.append(Scratch(capacity: capacity, cellsPerBatch: cellsPerBatch)) }
            let ranges = (0..<parts).map { part in
                start + part * rowsPerChunk..<min(rowCount, start + (part + 1) * rowsPerChunk)
            }
            // Batches of about an eighth of a chunk keep a chunk near its size however wide a row is.
            let batch = min(Self.maxBatch, max(1, chunkSize / 8 / bytesPerRow))
            let before = scratch.prefix(parts).map { $0.out.count }
            Parallel.run(ranges) { part, rows in appendRows(rows, to: scratch[part], batch: batch) }
            var written = 0
            for part in 0..<parts {
                written += scratch[part].out.count - before[part]
                try sink(scratch[part].out.bytes)
                scratch[part].out.removeAll()
            }
            start = ranges[parts - 1].upperBound
            bytesPerRow = max(1, written / (start - ranges[0].lowerBound))
        }
        first.out.append(layout.footer)
        if first.out.count > 0 { try sink(first.out.bytes) }
    }

    /// `rows` in batches of at most `batch` rows.
    private func appendRows(_ rows: Range<Int>, to scratch: Scratch, batch: Int) {
        var start = rows.lowerBound
        while start < rows.upperBound {
            let end = min(rows.upperBound, start + batch)
            appendBatch(start..<end, to: &scratch.out, cells: &scratch.cells, ends: scratch.ends)
            start = end
        }
    }

    /// The rows, whole: their cells column by column into `cells`, then interleaved.
    private func appendBatch(_ rows: Range<Int>, to out: inout OutputBuffer, cells: inout OutputBuffer,
                             ends: UnsafeMutablePointer<Int>) {
        cells.removeAll()
        for (index, column) in columns.enumerated() {
            column.append(rows: rows, to: &cells, ends: ends + index * rows.count)
        }
        let columnCount = columns.count
        let cellBase = UnsafePointer(cells.base)
        // The batch's size is known, so room is made once and rows are copied with no checks.
        let fixedPerRow = max(layout.firstRowStart.count, layout.rowStart.count) + layout.rowEnd.count
            + layout.separator.count * max(0, columnCount - 1) + layout.prefixBytes.count
        let start = out.reserve(cells.count + rows.count * fixedPerRow)
        var cursor = start
        @inline(__always) func copy(_ piece: UnsafeBufferPointer<UInt8>) {
            if let base = piece.baseAddress { OutputBuffer.copy(base, count: piece.count, to: &cursor) }
        }
        layout.firstRowStart.withUnsafeBufferPointer { firstRowStart in
        layout.rowStart.withUnsafeBufferPointer { rowStart in
        layout.separator.withUnsafeBufferPointer { separator in
        layout.rowEnd.withUnsafeBufferPointer { rowEnd in
        layout.prefixBytes.withUnsafeBufferPointer { prefixBytes in
        layout.prefixOffsets.withUnsafeBufferPointer { prefixOffsets in
            let hasPrefixes = !prefixBytes.isEmpty
            for position in 0..<rows.count {
                copy(rows.lowerBound + position == 0 ? firstRowStart : rowStart)
                for column in 0..<columnCount {
                    if column > 0 { copy(separator) }
                    if hasPrefixes {
                        copy(UnsafeBufferPointer(rebasing: prefixBytes[prefixOffsets[column]..<prefixOffsets[column + 1]]))
                    }
                    let cell = column &* rows.count &+ position
                    let cellStart = cell == 0 ? 0 : ends[cell &- 1]
                    OutputBuffer.copy(cellBase + cellStart, count: ends[cell] &- cellStart, to: &cursor)
                }
                copy(rowEnd)
            }
        }
        }
        }
        }
        }
        }
        out.advance(cursor - start)
    }
}
