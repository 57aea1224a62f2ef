"""The suites `--suite` chooses from: which queries run, and what the report says about each suite.

`tuned` is the default and the ten queries of issue 6 (`queries.py`), spelled the way Amity was tuned for;
`natural` is the spellings a new user writes (`natural.py`); `window`, `pivot` and `stats` are the shapes of
issue 13 (`window.py`, `pivot.py`, `stats.py`); `groupby` is the group-by shapes of issue 17 over a table of its own
(`groupby.py`); `all` runs every suite in the same engine processes (one load per engine, row count and thread
count, of every table the suites read) and reports each suite apart.

`targets` names the issue whose targets the report checks for the suite at the largest row count (None: none).
"""

from .groupby import GROUPBY
from .natural import NATURAL
from .pivot import PIVOT
from .queries import QUERIES
from .stats import STATS
from .window import WINDOW

SUITES = {
    "tuned": {
        "name": "tuned", "title": "Q1-Q10, the benchmark queries", "queries": QUERIES,
        # The queries a second thread should speed up, and the issue 6 targets, which hold for this suite only.
        "speedup": ["Q2", "Q3", "Q4", "Q5", "Q6"], "targets": "issue6",
        "growth_note": "n log n for Q8 about {nlogn:.1f}x",
    },
    "natural": {
        "name": "natural", "title": "N1-N8, natural spellings", "queries": NATURAL,
        "speedup": [q["id"] for q in NATURAL], "targets": None,
        "growth_note": "n log n for the whole-table sort (N4) about {nlogn:.1f}x",
    },
    "window": {
        "name": "window", "title": "W1-W7, window functions", "queries": WINDOW,
        "speedup": [q["id"] for q in WINDOW], "targets": None,
        "growth_note": "n log n, for sorting every group, about {nlogn:.1f}x",
    },
    "pivot": {
        "name": "pivot", "title": "P1-P3, pivot and unpivot", "queries": PIVOT,
        "speedup": [q["id"] for q in PIVOT], "targets": None,
        "growth_note": "n log n about {nlogn:.1f}x",
    },
    "stats": {
        "name": "stats", "title": "S1-S12, statistics", "queries": STATS,
        "speedup": [q["id"] for q in STATS], "targets": None,
        "growth_note": "n log n, for quantile and median, about {nlogn:.1f}x",
    },
    "groupby": {
        "name": "groupby", "title": "G1-G10, group-by at every cardinality", "queries": GROUPBY,
        "speedup": [q["id"] for q in GROUPBY], "targets": "issue17",
        "growth_note": "every query but G10 has as many groups at every row count (G10 about one per row)",
    },
}
SUITE_CHOICES = list(SUITES) + ["all"]
DEFAULT_SUITE = "tuned"


def selected_suites(name):
    """The suites a `--suite` value names, in report order."""
    return list(SUITES.values()) if name == "all" else [SUITES[name]]


def selected_queries(name):
    """Every query the suites of a `--suite` value run, in order."""
    return [query for suite in selected_suites(name) for query in suite["queries"]]


def query_ids(suite):
    return [query["id"] for query in suite["queries"]]
