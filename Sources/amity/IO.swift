import Glibc

/// Writes text to standard error or output without Foundation.
struct FileHandleOutput {
    let descriptor: Int32

    static let standardError = FileHandleOutput(descriptor: STDERR_FILENO)
    static let standardOutput = FileHandleOutput(descriptor: STDOUT_FILENO)

    func write(_ text: String) {
        guard !text.isEmpty else { return }
        if descriptor == STDOUT_FILENO { fflush(nil) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            bytes = bytes.dropFirst(written)
        }
    }
}

/// Terminal facts that decide colours and prompts.
enum Terminal {
    static var colorsOnStandardError: Bool {
        isatty(STDERR_FILENO) == 1 && getenv("NO_COLOR") == nil
    }
}
