import Driver
import Engine
import Evaluation
import Glibc

/// The cancellation flag Ctrl-C sets; the running query checks it between batches.
let interrupt = Cancellation()

/// Ctrl-C in the interactive shell: cancels a running query, clears the line at the prompt,
/// never ends the program. No SA_RESTART, so a read blocked in libedit returns EINTR.
enum Interrupts {
    static func install() {
        _ = interrupt.isCancelled  // initialise the global before a signal can touch it
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interrupt.cancel() }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A parent may have started us with SIGINT blocked (masks survive exec); Ctrl-C
        // must still reach the handler.
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGINT)
        sigprocmask(SIG_UNBLOCK, &blocked, nil)
    }
}
