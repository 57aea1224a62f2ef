import Glibc

/// Writes text to standard error or output without Foundation.
struct FileHandleOutput {
    let descriptor: Int32

    static let standardError = FileHandleOutput(descriptor: STDERR_FILENO)
    static let standardOutput = FileHandleOutput(descriptor: STDOUT_FILENO)

    /// Why writing to standard output first failed (a full disk, a closed pipe), if it did:
    /// the run then ends with an error instead of reporting success for lost results.
    nonisolated(unsafe) static var standardOutputFailure: String?

    func write(_ text: String) {
        guard !text.isEmpty else { return }
        if descriptor == STDOUT_FILENO { fflush(nil) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 {
                if descriptor == STDOUT_FILENO && Self.standardOutputFailure == nil {
                    Self.standardOutputFailure = String(cString: strerror(errno))
                }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}

/// Terminal facts that decide colours, prompts and table widths.
enum Terminal {
    /// The width of the terminal on standard output, or 100 when it cannot be read.
    static var columns: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 100
    }

    static var colorsOnStandardError: Bool {
        isatty(STDERR_FILENO) == 1 && getenv("NO_COLOR") == nil
    }
}
