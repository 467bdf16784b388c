import Kernel
import QueryLanguage
import Storage

/// The arguments of a connection field: at least the page.
protocol PagedArguments: Decodable, Sendable {
    func pageRequest() throws -> PageRequest
}

/// Arguments paged by Relay's `first/after/last/before`, which make the page request.
protocol RelayPagedArguments: PagedArguments {
    var first: Int? { get }
    var after: String? { get }
    var last: Int? { get }
    var before: String? { get }
}

extension RelayPagedArguments {
    func pageRequest() throws -> PageRequest {
        try PageRequest(first: self.first, after: self.after, last: self.last, before: self.before)
    }
}

/// `first/after/last/before` plus a list's `filter` and `sort`, as every connection field takes them.
struct ConnectionArguments<Filter: Decodable & Sendable, SortField: Sendable & Equatable & Decodable>: RelayPagedArguments {
    let first: Int?
    let after: String?
    let last: Int?
    let before: String?
    let filter: Filter?
    let sort: [ListSort<SortField>]?
}

extension ConnectionPage {
    /// A Kernel page as a Relay connection page.
    init(_ page: Page<Node>, totalCount: Int?) {
        self.init(
            edges: page.edges.map { Edge(cursor: $0.cursor.encoded, node: $0.node) }, hasNextPage: page.hasNextPage,
            hasPreviousPage: page.hasPreviousPage, totalCount: totalCount)
    }
}

extension ObjectBinding where Parent == RootValue, Context == QueryContext {
    /// A root connection field read in one transaction of the caller's tenant: the page, and the total only when the
    /// query selects `totalCount`.
    mutating func connection<Node: Sendable, Filter: Decodable & Sendable, SortField: Sendable & Equatable & Decodable>(
        _ name: String, _ node: Node.Type, filter: Filter.Type, sort: SortField.Type,
        page: @escaping @Sendable (ConnectionArguments<Filter, SortField>, PageRequest, Transaction) async throws -> Page<Node>,
        count: @escaping @Sendable (Filter?, Transaction) async throws -> Int
    ) {
        self.connection(name, node, arguments: ConnectionArguments<Filter, SortField>.self, page: page) { arguments, transaction in
            try await count(arguments.filter, transaction)
        }
    }

    /// A root connection field whose arguments go beyond the page, filter and sort (e.g. a scoping id).
    mutating func connection<Node: Sendable, Arguments: PagedArguments>(
        _ name: String, _ node: Node.Type, arguments: Arguments.Type,
        page: @escaping @Sendable (Arguments, PageRequest, Transaction) async throws -> Page<Node>,
        count: @escaping @Sendable (Arguments, Transaction) async throws -> Int
    ) {
        self.object(name, ConnectionPage<Node>.self, arguments: Arguments.self) { parents, arguments, context in
            let request = try arguments.pageRequest()
            let counted = context.selects("totalCount")
            let connection = try await context.context.read { transaction in
                ConnectionPage(try await page(arguments, request, transaction), totalCount: counted ? try await count(arguments, transaction) : nil)
            }
            return parents.map { _ in connection }
        }
    }
}
