import Diagnostics
import Dispatch
import Engine
import Evaluation
import Synchronization

/// One line on standard error while a long statement runs at a terminal: the stage running,
/// the rows that went into it, the time so far, and how to stop it. It appears only after
/// `delay` seconds, redraws itself in place, and is erased before the result prints. A
/// Ctrl-C is answered within a tenth of a second ("stopping ..."), however long the running
/// step takes to notice it.
final class ProgressLine {
    /// Whether the line is on the screen, and whether it may still be drawn; the timer's
    /// thread and the statement's share it.
    private final class Drawing: Sendable {
        struct State {
            var stopped = false
            var drawn = false
            var ticks = 0
        }

        let state = Mutex(State())
    }

    private let drawing = Drawing()
    private let timer: DispatchSourceTimer
    private let write: @Sendable (String) -> Void

    /// Starts watching `progress`; `write` puts text on the terminal's standard error.
    init(progress: QueryProgress, source: SourceFile, cancellation: Cancellation, delay: Double = 2,
         write: @escaping @Sendable (String) -> Void) {
        self.write = write
        let started = DispatchTime.now()
        let drawing = drawing
        timer = DispatchSource.makeTimerSource(queue: .global())
        timer.setEventHandler {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            let cancelled = cancellation.isCancelled
            drawing.state.withLock { state in
                state.ticks += 1
                // Redrawn every quarter second once shown; a cancel at once.
                guard !state.stopped, cancelled || (seconds >= delay && state.ticks % 2 == 0) else { return }
                write("\r\u{1B}[K" + Self.text(progress.snapshot, source: source, seconds: seconds, cancelled: cancelled))
                state.drawn = true
            }
        }
        timer.schedule(deadline: .now() + 0.125, repeating: 0.125)
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

    static func text(_ snapshot: QueryProgress.Snapshot, source: SourceFile, seconds: Double, cancelled: Bool = false) -> String {
        var stage = snapshot.stage.map { source.text(of: $0) } ?? "starting"
        stage = stage.split(whereSeparator: \.isNewline).joined(separator: " ")
        if stage.count > 40 { stage = String(stage.prefix(39)) + "…" }
        let time = seconds < 60 ? String(Int(seconds * 10) / 10) + "." + String(Int(seconds * 10) % 10) + " s"
            : "\(Int(seconds) / 60) min \(Int(seconds) % 60) s"
        if cancelled { return "stopping" + (snapshot.stage == nil ? "" : " " + stage) + " (Ctrl-C heard), \(time)" }
        return "running \(stage), \(BoxTable.grouped(Int64(snapshot.rowsIn))) rows in, \(time) (Ctrl-C stops it)"
    }
}
