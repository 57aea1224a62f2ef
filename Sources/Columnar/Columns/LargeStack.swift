import Glibc

/// Runs work on a thread with a large stack, so that the recursion over a tall expression
/// tree (a chain of thousands of `+` terms is that tall) has room at every stage: parsing,
/// binding, optimizing, evaluating, printing plans. The main thread's stack is whatever the
/// shell's `ulimit -s` gave (often 8 MiB), and a debug build's frames are large.
public enum LargeStack {
    /// The stack reserved: address space only, pages are used as the recursion reaches them.
    public static let bytes = 1 << 30

    /// Runs `body` on a new thread with a ``bytes`` stack and waits for it. While it waits,
    /// the calling thread blocks signals, so that a Ctrl-C reaches the thread doing the work
    /// (and interrupts a read it is blocked in). When no such thread can be made, `body`
    /// runs on the calling thread.
    public static func run(_ body: () -> Void) {
        withoutActuallyEscaping(body) { body in
            let work = Unmanaged.passRetained(Work(body))
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, bytes)
            var thread = pthread_t()
            let created = pthread_create(&thread, &attributes, { context in
                Unmanaged<Work>.fromOpaque(context!).takeRetainedValue().body()
                return nil
            }, work.toOpaque())
            guard created == 0 else {
                work.release()
                body()
                return
            }
            var every = sigset_t(), previous = sigset_t()
            sigfillset(&every)
            pthread_sigmask(SIG_BLOCK, &every, &previous)
            pthread_join(thread, nil)
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
    }

    private final class Work {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
}
