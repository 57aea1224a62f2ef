import Diagnostics
import Dispatch
import Engine
import Synchronization

/// One line on standard error while a long statement runs at a terminal: the stage running,
/// the rows that went into it, the time so far, and how to stop it. It appears only after
/// `delay` seconds, redraws itself in place, and is erased before the result prints.
final class ProgressLine {
    /// Whether the line is on the screen, and whether it may still be drawn; the timer's
    /// thread and the statement's share it.
    private final class Drawing: Sendable {
        struct State {
            var stopped = false
            var drawn = false
        }

        let state = Mutex(State())
    }

    private let drawing = Drawing()
    private let timer: DispatchSourceTimer
    private let write: @Sendable (String) -> Void

    /// Starts watching `progress`; `write` puts text on the terminal's standard error.
    init(progress: QueryProgress, source: SourceFile, delay: Double = 2, write: @escaping @Sendable (String) -> Void) {
        self.write = write
        let started = DispatchTime.now()
        let drawing = drawing
        timer = DispatchSource.makeTimerSource(queue: .global())
        timer.setEventHandler {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            let text = Self.text(progress.snapshot, source: source, seconds: seconds)
            drawing.state.withLock { state in
                guard !state.stopped else { return }
                write("\r\u{1B}[K" + text)
                state.drawn = true
            }
        }
        timer.schedule(deadline: .now() + delay, repeating: 0.25)
        timer.resume()
    }

    /// Stops the line and erases it; nothing is written after this returns.
    func stop() {
        timer.cancel()
        drawing.state.withLock { state in
            if state.drawn { write("\r\u{1B}[K") }
            state.stopped = true
        }
    }

    static func text(_ snapshot: QueryProgress.Snapshot, source: SourceFile, seconds: Double) -> String {
        var stage = snapshot.stage.map { source.text(of: $0) } ?? "starting"
        stage = stage.split(whereSeparator: \.isNewline).joined(separator: " ")
        if stage.count > 40 { stage = String(stage.prefix(39)) + "…" }
        let time = seconds < 60 ? String(Int(seconds * 10) / 10) + "." + String(Int(seconds * 10) % 10) + " s"
            : "\(Int(seconds) / 60) min \(Int(seconds) % 60) s"
        return "running \(stage), \(BoxTable.grouped(Int64(snapshot.rowsIn))) rows in, \(time) (Ctrl-C stops it)"
    }
}
