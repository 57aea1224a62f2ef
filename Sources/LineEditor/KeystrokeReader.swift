import Glibc

/// Reads one keystroke for libedit, so that Ctrl-C at the prompt is never lost.
///
/// libedit's own reader only notices Ctrl-C when the signal interrupts its `read`; a
/// signal that lands while it is redrawing the line is handled and forgotten, and the
/// next `read` blocks with the half-typed line still there. Here SIGINT stays blocked
/// except inside `pselect`, which unblocks it atomically while it waits: the flag is
/// checked before every wait, and a signal can only arrive during one.
enum KeystrokeReader {
    /// The next character from standard input, or nil with errno EINTR once `interrupted`
    /// says so, or nil at the end of input.
    static func next(interrupted: () -> Bool) -> Int32? {
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &interrupt, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        var waiting = previous
        sigdelset(&waiting, SIGINT)

        guard let first = nextByte(interrupted: interrupted, waitMask: &waiting) else { return nil }
        let length = first < 0x80 ? 1 : first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
        guard length > 1 else { return first < 0x80 ? Int32(first) : 0xFFFD }
        var scalar = UInt32(first) & (0xFF >> UInt32(length + 1))
        for _ in 1..<length {
            guard let byte = nextByte(interrupted: interrupted, waitMask: &waiting) else { return nil }
            guard byte & 0xC0 == 0x80 else { return 0xFFFD }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        return Unicode.Scalar(scalar) != nil ? Int32(scalar) : 0xFFFD
    }

    private static func nextByte(interrupted: () -> Bool, waitMask: inout sigset_t) -> UInt8? {
        while true {
            if interrupted() {
                errno = EINTR
                return nil
            }
            var readable = fd_set()
            readable.__fds_bits.0 = 1 << STDIN_FILENO  // FD_SET is a macro Swift cannot import
            let ready = pselect(STDIN_FILENO + 1, &readable, nil, nil, nil, &waitMask)
            if ready < 0 {
                if errno == EINTR { continue }
                return nil
            }
            var byte: UInt8 = 0
            let count = read(STDIN_FILENO, &byte, 1)
            if count == 1 { return byte }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            return nil
        }
    }
}
