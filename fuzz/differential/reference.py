"""Functions SQLite 3.40 lacks, registered on the differential test's connection (run.py), each
as a window function (so also usable as a plain aggregate), each computed from the frame's
values as Amity documents it:

- exact_sum, exact_avg: the frame's float total by math.fsum. SQLite slides a float sum by
  subtracting the value that leaves, which loses digits after a large value passed through.
- median, quantile(x, p): with the values sorted, position (n - 1) * p, interpolated linearly
  between the values on either side (DuckDB's quantile_cont); the median of an even count is
  the mean of the two middle values. The same float steps as Amity's, so the results agree to
  the last bit or nearly.
- distinct_count: the number of distinct non-null values (0.0 and -0.0 one value), which
  SQLite's count(DISTINCT x) cannot do as a window function.
- var_samp, stddev_samp, covar_samp, corr: exact, by fractions, then rounded once: the sample
  variance, standard deviation and covariance (divided by n - 1, null below two values or
  pairs); the Pearson correlation, null below two pairs or when either side does not vary.
"""
import collections
import fractions
import math


class Frame:
    """The frame's non-null values (for two arguments, the pairs where both are non-null),
    as a multiset that values enter and leave."""

    def __init__(self):
        self.values = collections.Counter()

    def key(self, *args):
        return args[0] if len(args) == 1 else args

    def step(self, *args):
        if all(a is not None for a in args[:self.arity]):
            self.values[self.key(*args[:self.arity])] += 1
            self.extra = args[self.arity:]

    def inverse(self, *args):
        if all(a is not None for a in args[:self.arity]):
            key = self.key(*args[:self.arity])
            self.values[key] -= 1
            if not self.values[key]:
                del self.values[key]

    def listed(self):
        return [v for v, n in self.values.items() for _ in range(n)]

    def finalize(self):
        return self.value()

    arity = 1


class ExactSum(Frame):
    def value(self):
        return math.fsum(self.listed()) if self.values else None


class ExactAvg(Frame):
    def value(self):
        values = self.listed()
        return math.fsum(values) / len(values) if values else None


class DistinctCount(Frame):
    def value(self):
        return len(self.values)


def between(low, high, t):
    if low == high:
        return low
    step = high - low
    return low + step * t if math.isfinite(step) else low * (1 - t) + high * t


def quantile_of(values, p):
    values = sorted(float(v) for v in values)
    n = len(values)
    position = (n - 1) * p
    below = math.floor(position)
    low = values[below]
    high = values[below + 1] if below + 1 < n else low
    return low if position == below else between(low, high, position - below)


class Median(Frame):
    def value(self):
        values = sorted(float(v) for v in self.listed())
        n = len(values)
        if not n:
            return None
        if n % 2:
            return values[n // 2]
        a, b = values[n // 2 - 1], values[n // 2]
        total = a + b
        return total / 2 if math.isfinite(total) else a / 2 + b / 2


class Quantile(Frame):
    """quantile(x, p): p is a constant, passed with every row."""

    def value(self):
        return quantile_of(self.listed(), self.extra[0]) if self.values else None


def exact(value):
    return fractions.Fraction(value)


class Moments(Frame):
    """n, and the sums of squared deviations and of products of deviations, exactly."""

    def moments(self):
        pairs = [(exact(p[0]), exact(p[1])) if isinstance(p, tuple) else (exact(p), exact(p)) for p in self.listed()]
        n = len(pairs)
        if n < 2:
            return n, None, None, None
        mx = sum(x for x, _ in pairs) / n
        my = sum(y for _, y in pairs) / n
        m2x = sum((x - mx) ** 2 for x, _ in pairs)
        m2y = sum((y - my) ** 2 for _, y in pairs)
        c = sum((x - mx) * (y - my) for x, y in pairs)
        return n, m2x, m2y, c


class VarSamp(Moments):
    def value(self):
        n, m2x, _, _ = self.moments()
        return None if n < 2 else float(m2x / (n - 1))


class StddevSamp(Moments):
    def value(self):
        n, m2x, _, _ = self.moments()
        return None if n < 2 else math.sqrt(float(m2x / (n - 1)))


class CovarSamp(Moments):
    arity = 2

    def value(self):
        n, _, _, c = self.moments()
        return None if n < 2 else float(c / (n - 1))


class Corr(Moments):
    arity = 2

    def value(self):
        n, m2x, m2y, c = self.moments()
        if n < 2 or m2x == 0 or m2y == 0:
            return None
        square = float(c * c / (m2x * m2y))
        return math.copysign(math.sqrt(square), c)


FUNCTIONS = [
    ("exact_sum", 1, ExactSum), ("exact_avg", 1, ExactAvg), ("distinct_count", 1, DistinctCount),
    ("median", 1, Median), ("quantile", 2, Quantile),
    ("var_samp", 1, VarSamp), ("stddev_samp", 1, StddevSamp), ("covar_samp", 2, CovarSamp), ("corr", 2, Corr),
]


def register(database):
    for name, arity, implementation in FUNCTIONS:
        database.create_window_function(name, arity, implementation)
