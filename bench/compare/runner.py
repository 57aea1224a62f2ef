"""Runs one engine in a process of its own and turns what it leaves behind into a record for the report."""

import json
import os
import re
import subprocess
import sys
import time

from .amity import amity_command, read_amity_run
from .engines import LABELS

PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIME = "/usr/bin/time"


def run_process(command, env, stdout_path, stderr_path, cwd=None):
    """Runs a command to the end (in `cwd` when given); (exit code, wall s, peak RSS KB, load average before).

    The peak comes from GNU time's %M (the command's own wait4 ru_maxrss). wait4 here would not do: a child's
    ru_maxrss starts at its parent's resident size at the fork, and this driver grows while it checks results;
    /usr/bin/time is a small parent. Without it, wait4 is used and the figure can include the driver's memory."""
    load_before = os.getloadavg()[0]
    peak_path = stderr_path + ".peak"
    wrapped = [TIME, "-f", "%M", "-o", peak_path] + command if os.path.exists(TIME) else command
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, stdout=out, stderr=err, env=env, stdin=subprocess.DEVNULL, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = code = os.waitstatus_to_exitcode(status)
    peak_kb = usage.ru_maxrss
    if wrapped is not command:
        with open(peak_path, encoding="utf-8") as file:
            text = file.read()
        # GNU time writes "Command terminated by signal N" / "Command exited with non-zero status N" first.
        numbers = re.findall(r"^(\d+)$", text, re.MULTILINE)
        peak_kb = int(numbers[-1]) if numbers else peak_kb
        signal = re.search(r"terminated by signal (\d+)", text)
        if signal:
            code = -int(signal.group(1))
        else:
            status_match = re.search(r"non-zero status (\d+)", text)
            code = int(status_match.group(1)) if status_match else code
    return code, wall, peak_kb, load_before


def run_engine(engine, args, rows, threads, data, work):
    results = os.path.join(work, f"{engine}-t{threads}")
    os.makedirs(results, exist_ok=True)
    for name in os.listdir(results):
        os.remove(os.path.join(results, name))
    record = {"engine": engine, "rows": rows, "threads": threads, "results": results, "queries": {}}
    env = dict(os.environ)
    if engine == "amity":
        if threads > 1 and not args.amity_threads:
            record["skipped"] = "n/a: amity has no --threads flag"
            return record
        command, timed = amity_command(args, threads, data, results, work)
    else:
        if engine == "sqlite" and threads > 1:
            record["skipped"] = "one thread only"
            return record
        if engine.startswith("polars"):
            env["POLARS_MAX_THREADS"] = str(threads)
        # The worker is this package run again; PYTHONPATH lets `-m` find it from any working directory.
        path = [PACKAGE_PARENT] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
        env["PYTHONPATH"] = os.pathsep.join(path)
        command = [sys.executable, "-m", __package__, "--worker", engine, "--data", data,
                   "--threads", str(threads), "--runs", str(args.runs), "--results", results, "--suite", args.suite]
    stdout_path, stderr_path = os.path.join(work, f"{engine}-t{threads}.stdout"), os.path.join(work, f"{engine}-t{threads}.stderr")
    print(f"  {LABELS[engine]:<19} {threads} thread(s) ...", end="", file=sys.stderr, flush=True)
    code, wall, peak_kb, load_avg = run_process(command, env, stdout_path, stderr_path)
    record.update(exit=code, wall_s=wall, peak_kb=peak_kb, loadavg=load_avg)
    with open(stderr_path, encoding="utf-8", errors="replace") as file:
        stderr = file.read()
    if engine == "amity":
        read_amity_run(record, stderr, timed, args.runs, code, args.queries)
    else:
        try:
            with open(stdout_path, encoding="utf-8") as file:
                report = json.load(file)
            record.update(load_ms=report["load_ms"], queries=report["queries"], version=report.get("version"),
                          base_rss_kb=report.get("base_rss_kb"), threads_used=report.get("threads_used"))
        except (ValueError, KeyError):
            tail = stderr.strip().splitlines()[-1:] or [f"exit {code}"]
            record["error"] = f"worker failed (exit {code}): {tail[0][:300]}"
    print(f" {wall:.1f} s, peak {peak_kb / 1024:.0f} MB" + (f", {record['error']}" if record.get("error") else ""),
          file=sys.stderr, flush=True)
    return record
