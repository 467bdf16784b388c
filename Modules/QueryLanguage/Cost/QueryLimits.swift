/// The limits every request is held to before any resolver runs, and the throttle's bucket.
public struct QueryLimits: Sendable {
    /// The highest requested cost of one request.
    public var maximumCost: Int
    public var maximumDepth: Int
    public var maximumAliases: Int
    /// Lexical tokens in the document, counted before it is parsed.
    public var maximumTokens: Int
    /// Brackets (`{`, `[`, `(`) open at once, counted before parsing; bounds the parser's recursion.
    public var maximumNesting: Int
    /// Page size assumed for connections asked for without `first`/`last`.
    public var defaultPageSize: Int
    /// The largest `first`/`last` a connection accepts.
    public var maximumPageSize: Int
    public var bucketCapacity: Int
    /// Points restored to a bucket per second.
    public var restoreRate: Int

    public init(
        maximumCost: Int = 1000, maximumDepth: Int = 15, maximumAliases: Int = 100, maximumTokens: Int = 10_000, maximumNesting: Int = 64,
        defaultPageSize: Int = 50, maximumPageSize: Int = 250, bucketCapacity: Int = 2000, restoreRate: Int = 100
    ) {
        self.maximumCost = maximumCost
        self.maximumDepth = maximumDepth
        self.maximumAliases = maximumAliases
        self.maximumTokens = maximumTokens
        self.maximumNesting = maximumNesting
        self.defaultPageSize = defaultPageSize
        self.maximumPageSize = maximumPageSize
        self.bucketCapacity = bucketCapacity
        self.restoreRate = restoreRate
    }
}
