/// One page of results with Relay's page info. Lists fetch `size + 1` rows to know whether there is more.
public struct Page<Item: Sendable>: Sendable {
    public struct Edge: Sendable {
        public let cursor: Cursor
        public let node: Item
    }

    public let edges: [Edge]
    public let hasNextPage: Bool
    public let hasPreviousPage: Bool

    public var items: [Item] { self.edges.map(\.node) }
    public var startCursor: Cursor? { self.edges.first?.cursor }
    public var endCursor: Cursor? { self.edges.last?.cursor }

    /// Builds the page from rows fetched in the request's direction (at most `size + 1` of them),
    /// returning the edges in the list's natural order.
    public init(fetched rows: [Item], request: PageRequest, cursor: (Item) -> Cursor) {
        self.init(fetched: rows.map { (node: $0, cursor: cursor($0)) }, request: request)
    }

    /// Builds the page from rows, each with its cursor, fetched in the request's direction (at most `size + 1`).
    public init(fetched rows: [(node: Item, cursor: Cursor)], request: PageRequest) {
        let hasMore = rows.count > request.size
        let kept = hasMore ? Array(rows.prefix(request.size)) : rows
        switch request.direction {
        case .forward:
            self.edges = kept.map { Edge(cursor: $0.cursor, node: $0.node) }
            self.hasNextPage = hasMore
            self.hasPreviousPage = request.cursor != nil
        case .backward:
            self.edges = kept.reversed().map { Edge(cursor: $0.cursor, node: $0.node) }
            self.hasNextPage = request.cursor != nil
            self.hasPreviousPage = hasMore
        }
    }
}
