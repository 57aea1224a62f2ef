/// `sample`: rows chosen at random, every set of that many rows equally likely, kept in the
/// order they came in.
public struct SampleStep: Sendable {
    /// How many rows: a constant int, or with ``isPercent`` a constant number from 0 to 100,
    /// the share of the rows flowing in (rounded to a whole row).
    public var size: BoundExpr
    public var isPercent: Bool
    /// Which `sample` of the statement this is (1, 2, ... in the order they are planned).
    /// With the session's seed it picks the random numbers the step draws, so two samples of
    /// one query draw apart, and the same query draws alike each time it runs.
    public var stream: Int

    public init(size: BoundExpr, isPercent: Bool, stream: Int) {
        self.size = size
        self.isPercent = isPercent
        self.stream = stream
    }
}
