"""Runs every engine at each row count and thread count, checks the results and writes the report."""

import datetime
import json
import os
import sys

from .amity import amity_has_threads_flag, amity_version
from .checks import compare_results
from .engines import ENGINES, LABELS, REFERENCE
from .report import write_report
from .runner import run_engine


def driver_main(args):
    args.engines = [e for e in ENGINES if e in args.engines]
    if REFERENCE not in args.engines:
        print(f"note: {REFERENCE} always runs: it is the reference for the result checks", file=sys.stderr)
        args.engines.insert(1 if "amity" in args.engines else 0, REFERENCE)
    args.amity_threads = "amity" in args.engines and amity_has_threads_flag(args.amity)
    if "amity" in args.engines and not args.amity_threads:
        print("note: amity has no --threads flag: its runs with more than one thread are n/a", file=sys.stderr)
    started = datetime.datetime.now()
    versions = {"amity": amity_version(args.amity) if "amity" in args.engines else "?"}
    records = {}
    order = [REFERENCE] + [e for e in args.engines if e != REFERENCE]
    for rows in args.rows:
        data = os.path.join(args.data_root, f"data-{rows}")
        work = os.path.join(args.out, "compare-work", f"rows-{rows}")
        os.makedirs(work, exist_ok=True)
        for threads in args.threads:
            print(f"{rows:,} rows, {threads} thread(s):", file=sys.stderr)
            for engine in order:
                record = run_engine(engine, args, rows, threads, data, work)
                records[(rows, threads, engine)] = record
                if record.get("version"):
                    versions[engine] = record["version"]
            reference = records.get((rows, threads, REFERENCE))
            for engine in args.engines:
                record = records[(rows, threads, engine)]
                if engine == REFERENCE or record.get("skipped") or not reference:
                    continue
                for query in args.queries:
                    entry = record["queries"].get(query["id"])
                    ref_entry = reference["queries"].get(query["id"], {})
                    if not entry or not entry.get("times") or not ref_entry.get("times"):
                        continue
                    problem = compare_results(query, os.path.join(reference["results"], query["id"] + ".csv"),
                                              os.path.join(record["results"], query["id"] + ".csv"))
                    if problem:
                        entry["mismatch"] = problem
                        print(f"  MISMATCH {LABELS[engine]} {query['id']}: {problem}", file=sys.stderr)
    report = write_report(args, records, started, versions)
    os.makedirs(args.out, exist_ok=True)
    # The default suite keeps the report's historical name; another suite is named in the file name.
    stem = f"compare-{started:%Y-%m-%d-%H%M}" if args.suite == "tuned" else f"compare-{args.suite}-{started:%Y-%m-%d-%H%M}"
    path = os.path.join(args.out, stem + ".md")
    with open(path, "w", encoding="utf-8") as file:
        file.write(report)
    with open(os.path.join(args.out, "compare-work", "raw" + stem[len("compare"):] + ".json"), "w", encoding="utf-8") as file:
        json.dump([dict(v, key=list(k)) for k, v in records.items()], file, indent=1, default=str)
    print(report)
    print(f"report written to {path}", file=sys.stderr)
