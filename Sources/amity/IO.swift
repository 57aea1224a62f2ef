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
        var text = text
        text.withUTF8 { _ = write($0) }
    }

    /// Writes bytes; false when the stream failed (the first failure of standard output is
    /// kept for the exit). A write cut short by a signal goes on, unless `isInterrupted`
    /// says to give up the rest: Ctrl-C while a slow terminal takes a long result.
    @discardableResult
    func write(_ bytes: UnsafeBufferPointer<UInt8>, isInterrupted: () -> Bool = { false }) -> Bool {
        // What `print` left in C's buffer goes first, so output stays in order.
        if descriptor == STDOUT_FILENO { fflush(nil) }
        var rest = bytes
        while !rest.isEmpty {
            let written = Glibc.write(descriptor, rest.baseAddress, rest.count)
            if written < 0 && errno == EINTR {
                if isInterrupted() { return true }
                continue
            }
            if written <= 0 {
                if descriptor == STDOUT_FILENO && Self.standardOutputFailure == nil {
                    Self.standardOutputFailure = String(cString: strerror(written < 0 ? errno : EIO))
                }
                return false
            }
            rest = UnsafeBufferPointer(rebasing: rest[written...])
        }
        return true
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

    /// The height of the terminal on standard output, or 30 when it cannot be read.
    static var rows: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        return 30
    }

    static var colorsOnStandardError: Bool {
        isatty(STDERR_FILENO) == 1 && getenv("NO_COLOR") == nil
    }
}
