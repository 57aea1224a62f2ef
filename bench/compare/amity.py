"""Amity's side: the `amity` binary itself runs one generated script, timed by its own `.timer`.

There is no worker process for Amity, so the load and query times are read back from the `time: X ms` lines
its timer prints on standard error.
"""

import os
import re
import subprocess

from .queries import TABLES, tables_of


def amity_has_threads_flag(binary):
    help_text = subprocess.run([binary, "--help"], capture_output=True, text=True).stdout
    return re.search(r"--threads\b", help_text) is not None


def amity_version(binary):
    result = subprocess.run([binary, "--version"], capture_output=True, text=True)
    return (result.stdout or result.stderr).strip() or "?"


def amity_script(data, results, runs, queries):
    """The script running `queries`, and the line number of every timed statement: (line, what)."""
    lines, timed = [], []

    def add(text, what=None):
        lines.append(text)
        if what:
            timed.append((len(lines), what))

    def quote(path):
        return '"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"'

    add(".mode csv")
    add(".timer on")
    for table in tables_of(queries):  # the tables the queries read (aid and cities, or groupby)
        add(f"load {quote(os.path.join(data, TABLES[table][0]))} as {table}", ("load", table))
    for query in queries:
        add(".timer on")
        for run in range(runs + 1):
            # Dropping the previous result is timed apart (its time is ignored), as the peers drop theirs untimed.
            add("let r = 0", ("drop", query["id"], run))
            add(f"let r = {query['amity']}", ("query", query["id"], run))
        add(".timer off")
        add(f".once {quote(os.path.join(results, query['id'] + '.csv'))}")
        add("r")
    return "\n".join(lines) + "\n", timed


def parse_amity_stderr(text, timed):
    """Assigns `time: X ms` lines and `FILE:LINE:COL: error:` diagnostics to the timed statements in order.
    A statement prints exactly one of the two; errors of untimed statements (writing a failed result) are skipped."""
    timed_lines = {line for line, _ in timed}
    events = []
    for line in text.splitlines():
        match = re.match(r"^time: ([0-9.]+) ms$", line)
        if match:
            # The timer prints 0.01 ms steps: a 0.00 reading counts as half a step, so ratios stay defined.
            events.append(("time", None, max(float(match.group(1)), 0.005)))
            continue
        match = re.match(r"^.*?:(\d+):(\d+): error: (.*)$", line)
        if match:
            if int(match.group(1)) in timed_lines:
                events.append(("error", int(match.group(1)), match.group(3)))
        elif line.startswith("error:") or line.startswith("cancelled"):
            events.append(("error", None, line))
    outcome = {}
    events.reverse()
    for line_number, what in timed:
        if not events:
            outcome[what] = ("error", "no time reported (the process stopped?)")
        elif events[-1][0] == "time" or events[-1][1] in (None, line_number):
            kind, _, payload = events.pop()
            outcome[what] = (kind, payload)
        else:  # an error of a later statement: this one reported nothing
            outcome[what] = ("error", "no time reported")
    return outcome


def amity_command(args, threads, data, results, work):
    """Writes the script for one (rows, threads) run; the command that runs it, and its timed statements."""
    script, timed = amity_script(os.path.abspath(data), os.path.abspath(results), args.runs, args.queries)
    script_path = os.path.join(work, f"amity-t{threads}.q")
    with open(script_path, "w", encoding="utf-8") as file:
        file.write(script)
    command = [args.amity, "--no-data", "--keep-going"]
    if args.amity_threads:
        command += ["--threads", str(threads)]
    command.append(script_path)
    return command, timed


def read_amity_run(record, stderr, timed, runs, code, queries):
    """Fills `record` with the load time and each query's times or first error, as a worker's report would."""
    outcome = parse_amity_stderr(stderr, timed)
    loads = [outcome.get(("load", t)) for t in tables_of(queries)]
    if all(load and load[0] == "time" for load in loads):
        record["load_ms"] = sum(load[1] for load in loads)
    else:
        record["error"] = "load failed: " + "; ".join(str(load[1]) for load in loads if load and load[0] == "error")
    for query in queries:
        results = [outcome.get(("query", query["id"], run)) for run in range(runs + 1)]
        errors = [r[1] for r in results if r and r[0] == "error"]
        if errors:
            record["queries"][query["id"]] = {"error": errors[0]}
        else:
            record["queries"][query["id"]] = {"times": [r[1] for r in results[1:]]}
    if code != 0 and not any(r.get("error") for r in record["queries"].values()):
        record["error"] = f"exit {code}"
    if code < 0:
        record["error"] = f"killed by signal {-code}"
