"""The figures the report picks from a record (best, median, valid times) and how its cells print them."""

import math
import statistics

def best(times):
    return min(times) if times else None


def median(times):
    return statistics.median(times) if times else None


def geomean(values):
    values = [v for v in values if v and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def ms(value):
    if value is None:
        return "n/a"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def ratio(value):
    if value is None:
        return "n/a"
    return f"{value:.2f}" if value >= 0.1 else f"{value:.2g}"


def query_time(record, qid, which=best):
    if not record or record.get("skipped"):
        return None
    entry = record["queries"].get(qid, {})
    return which(entry["times"]) if entry.get("times") else None


def cell(record, qid):
    if not record:
        return "not run"
    if record.get("skipped"):
        return record["skipped"].split(":")[0]
    entry = record["queries"].get(qid, {})
    if entry.get("unsupported"):
        return "n/a"
    if entry.get("error"):
        return "**error**"
    if not entry.get("times"):
        return "**error**" if record.get("error") else "n/a"
    text = f"{ms(best(entry['times']))} / {ms(median(entry['times']))}"
    if entry.get("mismatch"):
        text += " **MISMATCH**"
    return text


def valid_time(record, qid):
    """A peer's best time, counted only when its result agrees with DuckDB's."""
    entry = record["queries"].get(qid, {}) if record and not record.get("skipped") else {}
    return best(entry["times"]) if entry.get("times") and not entry.get("mismatch") else None
