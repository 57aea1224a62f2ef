"""The benchmark driver behind bench/compare.sh; `python3 -m compare --help` describes it."""
