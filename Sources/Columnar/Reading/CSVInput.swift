import Glibc

/// The bytes a CSV reader reads: a buffer already in memory, or a regular file read a window
/// at a time (so a gigabyte file never sits in memory whole: no gigabyte buffer to fault in
/// page by page, and half the peak memory).
final class CSVInput: @unchecked Sendable {
    let size: Int
    private let memory: UnsafeBufferPointer<UInt8>?
    private let descriptor: Int32

    /// Bytes in memory, which must outlive the input.
    init(memory: UnsafeBufferPointer<UInt8>) {
        self.memory = memory
        size = memory.count
        descriptor = -1
    }

    /// An open regular file of `size` bytes (the caller closes it after the read).
    init(descriptor: Int32, size: Int) {
        memory = nil
        self.descriptor = descriptor
        self.size = size
    }

    /// The whole input as one buffer when it is in memory.
    var buffer: UnsafeBufferPointer<UInt8>? { memory }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the input.
    func read(into destination: UnsafeMutableRawPointer, count: Int, at offset: Int) throws -> Int {
        if let memory {
            let available = max(0, min(count, memory.count - offset))
            if available > 0 { destination.copyMemory(from: memory.baseAddress! + offset, byteCount: available) }
            return available
        }
        var filled = 0
        while filled < count {
            let got = pread(descriptor, destination + filled, count - filled, off_t(offset + filled))
            if got < 0 && errno == EINTR { continue }
            if got < 0 { throw FileBytes.Failure(reason: String(cString: strerror(errno))) }
            if got == 0 { break }
            filled += got
        }
        return filled
    }

    /// The 1-based line and byte column of an offset, counting from the start of the input
    /// (a byte order mark is not a column). Reads the input up to there: only for messages.
    func location(of offset: Int) -> (line: Int, column: Int) {
        let chunk = 1 << 20
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 8)
        defer { scratch.deallocate() }
        var line = 1, lineStart = 0, position = 0
        let end = min(offset, size)
        while position < end {
            guard let got = try? read(into: scratch.baseAddress!, count: min(chunk, end - position), at: position), got > 0 else { break }
            if position == 0, got >= 3, scratch[0] == 0xEF, scratch[1] == 0xBB, scratch[2] == 0xBF { lineStart = 3 }
            for index in 0..<got where scratch[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = position + index + 1
            }
            position += got
        }
        return (line, offset - lineStart + 1)
    }
}

/// One reader's window onto a ``CSVInput``: the bytes from some offset on, slid forward as
/// records are used up. Over memory it is the whole buffer at once.
final class CSVWindow {
    let input: CSVInput
    /// The input offset of `base[0]`.
    private(set) var offset: Int
    private(set) var base: UnsafePointer<UInt8>
    /// Bytes in the window.
    private(set) var count: Int
    private var storage: UnsafeMutableRawBufferPointer?

    /// Bytes read per step from a file: a few page faults once, then reused.
    static let fileWindow = 8 << 20

    init(_ input: CSVInput, at offset: Int, capacity: Int = CSVWindow.fileWindow) throws {
        self.input = input
        self.offset = offset
        if let memory = input.buffer, let address = memory.baseAddress {
            base = address + offset
            count = memory.count - offset
            return
        }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(64, capacity), alignment: 64)
        self.storage = storage
        base = UnsafePointer(storage.baseAddress!.assumingMemoryBound(to: UInt8.self))
        count = 0
        count = try input.read(into: storage.baseAddress!, count: storage.count, at: offset)
        try checkNotShortened()
    }

    /// A read that stops before the size the file had at the start means it was cut short
    /// meanwhile; going on would wait forever for the rest of a record.
    private func checkNotShortened() throws {
        if let storage, count < storage.count, offset + count < input.size {
            throw FileBytes.Failure(reason: "the file became shorter while it was being read")
        }
    }

    deinit { storage?.deallocate() }

    /// True when the window reaches the end of the input.
    var isFinal: Bool { offset + count >= input.size }

    /// Drops the bytes before `position` (relative to the window) and reads on; a window
    /// full of one unfinished record doubles.
    func advance(keepingFrom position: Int) throws {
        guard var storage, !isFinal else { return }
        let kept = count - position
        if kept == storage.count {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: storage.count * 2, alignment: 64)
            larger.baseAddress!.copyMemory(from: storage.baseAddress! + position, byteCount: kept)
            storage.deallocate()
            storage = larger
            self.storage = larger
            base = UnsafePointer(larger.baseAddress!.assumingMemoryBound(to: UInt8.self))
        } else if kept > 0 {
            storage.baseAddress!.copyMemory(from: storage.baseAddress! + position, byteCount: kept)
        }
        let start = offset + count
        offset += position
        count = kept + (try input.read(into: storage.baseAddress! + kept, count: storage.count - kept, at: start))
        try checkNotShortened()
    }
}
