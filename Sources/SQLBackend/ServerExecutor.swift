import Dispatch
import Foundation
import Synchronization

/// The one thread the server client's async code runs on. The shell waits for the server
/// synchronously, by blocking its thread; if that thread were one of Swift's cooperative
/// pool (as in tests, which run there), the awaited work could find no free thread left
/// and never run. Work given this executor as its preference never needs the pool.
final class ServerExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = ServerExecutor()

    private let jobs = Mutex<[UnownedJob]>([])
    private let ready = DispatchSemaphore(value: 0)

    private init() {
        let thread = Thread { [self] in run() }
        thread.name = "amity-postgres"
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        jobs.withLock { $0.append(unowned) }
        ready.signal()
    }

    private func run() -> Never {
        while true {
            ready.wait()
            guard let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
