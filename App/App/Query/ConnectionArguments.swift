import Kernel
import QueryLanguage

/// `first/after/last/before` plus a list's `filter` and `sort`, as every connection field takes them.
struct ConnectionArguments<Filter: Decodable & Sendable, SortField: Sendable & Equatable & Decodable>: Decodable, Sendable {
    let first: Int?
    let after: String?
    let last: Int?
    let before: String?
    let filter: Filter?
    let sort: [ListSort<SortField>]?

    func pageRequest() throws -> PageRequest {
        try PageRequest(first: self.first, after: self.after, last: self.last, before: self.before)
    }
}

extension ConnectionPage {
    /// A Kernel page as a Relay connection page.
    init(_ page: Page<Node>, totalCount: Int?) {
        self.init(
            edges: page.edges.map { Edge(cursor: $0.cursor.encoded, node: $0.node) }, hasNextPage: page.hasNextPage,
            hasPreviousPage: page.hasPreviousPage, totalCount: totalCount)
    }
}
