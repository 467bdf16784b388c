/// One page of a Relay connection as resolvers return it: edges with opaque cursors, page info, and the total when
/// the query selected `totalCount` (see `ResolverContext.selects`).
public struct ConnectionPage<Node: Sendable>: Sendable {
    public struct Edge: Sendable {
        public let cursor: String
        public let node: Node

        public init(cursor: String, node: Node) {
            self.cursor = cursor
            self.node = node
        }
    }

    public let edges: [Edge]
    public let pageInfo: PageInfo
    public let totalCount: Int?

    public init(edges: [Edge], hasNextPage: Bool, hasPreviousPage: Bool, totalCount: Int?) {
        self.edges = edges
        self.pageInfo = PageInfo(
            hasNextPage: hasNextPage, hasPreviousPage: hasPreviousPage, startCursor: edges.first?.cursor, endCursor: edges.last?.cursor)
        self.totalCount = totalCount
    }
}

/// Relay's `PageInfo`.
public struct PageInfo: Sendable {
    public let hasNextPage: Bool
    public let hasPreviousPage: Bool
    public let startCursor: String?
    public let endCursor: String?
}

extension SchemaBindings {
    /// Binds Relay's `PageInfo` type; once per schema.
    public mutating func pageInfo(_ typeName: String = "PageInfo") {
        self.object(typeName, PageInfo.self) { type in
            type.field("hasNextPage") { .bool($0.hasNextPage) }
            type.field("hasPreviousPage") { .bool($0.hasPreviousPage) }
            type.field("startCursor") { .optional($0.startCursor) }
            type.field("endCursor") { .optional($0.endCursor) }
        }
    }

    /// Binds a connection type (`edges`, `nodes`, `pageInfo`, `totalCount`) and its edge type (`cursor`, `node`).
    public mutating func connection<Node: Sendable>(_ connectionType: String, edgeType: String, node: Node.Type) {
        self.object(connectionType, ConnectionPage<Node>.self) { type in
            type.list("edges", ConnectionPage<Node>.Edge.self) { $0.edges }
            type.list("nodes", Node.self) { $0.edges.map(\.node) }
            type.object("pageInfo", PageInfo.self) { $0.pageInfo }
            type.field("totalCount") { .optional($0.totalCount) }
        }
        self.object(edgeType, ConnectionPage<Node>.Edge.self) { type in
            type.field("cursor") { .string($0.cursor) }
            type.object("node", Node.self) { $0.node }
        }
    }
}
