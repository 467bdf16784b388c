import Foundation

/// Which orders to fetch: those changed since `updatedSince`, continuing a walk at `continuation` when given.
public struct OrderQuery: Sendable, Equatable {
    public let updatedSince: Date
    /// The provider's own continuation from the previous page (NextToken, page_info, cursor, page number).
    public let continuation: String?
    public let pageSize: Int

    public init(updatedSince: Date, continuation: String? = nil, pageSize: Int = 100) {
        self.updatedSince = updatedSince
        self.continuation = continuation
        self.pageSize = pageSize
    }
}

/// One page of orders and the continuation of the next page (`nil` on the last page).
public struct OrderPage: Sendable, Equatable {
    public let orders: [RemoteOrder]
    public let continuation: String?

    public init(orders: [RemoteOrder], continuation: String?) {
        self.orders = orders
        self.continuation = continuation
    }
}

extension OrderQuery {
    /// The 1-based page the continuation names, for providers that page by number (WooCommerce, BigCommerce).
    func pageNumber() throws(ChannelCallError) -> Int {
        guard let continuation else { return 1 }
        guard let page = Int(continuation), page > 0 else { throw .malformed("'\(continuation)' is not a page number") }
        return page
    }
}
