import Glibc

/// Asks the kernel to back a large fresh allocation with 2 MB pages. Filling a gigabyte of
/// ordinary 4 KB pages costs a page fault each (a quarter of a million for a 1 GB file, a
/// third of a load's time); with huge pages it is a few hundred. Only a hint: where the
/// kernel has them off, nothing changes.
enum HugePages {
    private static let size = 2 << 20

    /// Advises the whole 2 MB pages inside `start..<start + byteCount`; memory not yet touched.
    static func request(_ start: UnsafeMutableRawPointer, byteCount: Int) {
        guard byteCount >= 4 * size else { return }
        let address = Int(bitPattern: start)
        let first = (address + size - 1) & ~(size - 1)
        let end = (address + byteCount) & ~(size - 1)
        guard end > first, let pointer = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(pointer, end - first, MADV_HUGEPAGE)
    }

    /// Advises the spare capacity of an array that is about to be filled.
    static func request<Element>(forCapacityOf array: inout [Element]) {
        let count = array.count, capacity = array.capacity
        guard (capacity - count) * MemoryLayout<Element>.stride >= 4 * size else { return }
        array.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            request(UnsafeMutableRawPointer(base + count), byteCount: (capacity - count) * MemoryLayout<Element>.stride)
        }
    }

    /// Gives the whole pages of an array's elements back to the kernel, then empties the
    /// array. For a large array about to be freed: the allocator keeps freed memory (see
    /// `AllocatorTuning`), which is right for a query's scratch but not for a load's parts.
    static func returnPages<Element>(of array: inout [Element]) {
        let byteCount = array.count * MemoryLayout<Element>.stride
        // Mutable access makes the storage unique first, so a shared buffer is never touched.
        if byteCount >= 4 * size {
            array.withUnsafeMutableBytes { bytes in
                guard let base = bytes.baseAddress else { return }
                let page = 4096
                let first = (Int(bitPattern: base) + page - 1) & ~(page - 1)
                let end = (Int(bitPattern: base) + bytes.count) & ~(page - 1)
                if end > first, let pointer = UnsafeMutableRawPointer(bitPattern: first) {
                    _ = madvise(pointer, end - first, MADV_DONTNEED)
                }
            }
        }
        array = []
    }
}
