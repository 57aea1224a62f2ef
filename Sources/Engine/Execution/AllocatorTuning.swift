import Glibc

/// Settings of the C allocator for a process that runs one query after another.
///
/// glibc serves every block over 32 MB (a 10M-row column) with a fresh mmap and returns it
/// on free, so each query page-faults its working memory in again: that was a third to
/// a half of the time of a grouping or a join over 10M rows. Taking big blocks from the
/// heap, and keeping up to 1 GB of freed memory there, lets the next query reuse it.
public enum AllocatorTuning {
    public static func keepFreedMemory() {
        // mallopt is declared in <malloc.h>, which Swift's Glibc module leaves out.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let mmapMax: Int32 = -4, trimThreshold: Int32 = -1  // M_MMAP_MAX, M_TRIM_THRESHOLD
        _ = mallopt(mmapMax, 0)
        _ = mallopt(trimThreshold, 1 << 30)
    }
}
