import Diagnostics
import Engine
import Driver
import Foundation
@testable import Shell
import Synchronization
import Testing

/// The progress line stays silent for a quick statement and answers a Ctrl-C at once, long
/// before its two-second delay, whatever the running step is doing.
@Suite struct ProgressLineTests {
    final class Screen: Sendable {
        let text = Mutex("")
        var contents: String { text.withLock { $0 } }
    }

    func wait(until condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(5)
        while !condition() && Date() < deadline { usleep(10_000) }
    }

    @Test func aCancelIsAnsweredBeforeTheDelay() {
        let screen = Screen()
        let cancellation = Session().cancellation
        let source = SourceFile(name: "test.q", text: "cities | sort name")
        let line = ProgressLine(progress: QueryProgress(), source: source, cancellation: cancellation, delay: 3600) { text in
            screen.text.withLock { $0 += text }
        }
        usleep(300_000)
        #expect(screen.contents.isEmpty, "nothing is shown before the delay")
        cancellation.cancel()
        wait { screen.contents.contains("Ctrl-C heard") }
        line.stop()
        // Long before the hour's delay; how long exactly depends on the machine, so it is not checked.
        #expect(screen.contents.contains("\r\u{1B}[Kstopping (Ctrl-C heard), "))
        #expect(screen.contents.hasSuffix("\r\u{1B}[K"), "erased when the statement ends")
    }

    @Test func aQuickStatementShowsNothing() {
        let screen = Screen()
        let line = ProgressLine(progress: QueryProgress(), source: SourceFile(name: "t", text: "aid"), cancellation: Session().cancellation,
                                delay: 2) { text in screen.text.withLock { $0 += text } }
        usleep(200_000)
        line.stop()
        #expect(screen.contents.isEmpty)
    }
}
