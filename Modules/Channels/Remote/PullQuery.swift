import Foundation

/// Which records to fetch: those changed since `updatedSince`, continuing a walk at `continuation` when given.
public struct PullQuery: Sendable, Equatable {
    public let updatedSince: Date
    /// The provider's own continuation from the previous page (NextToken, page_info, cursor, page number, offset).
    public let continuation: String?
    public let pageSize: Int

    public init(updatedSince: Date, continuation: String? = nil, pageSize: Int = 100) {
        self.updatedSince = updatedSince
        self.continuation = continuation
        self.pageSize = pageSize
    }
}

extension PullQuery {
    /// The 1-based page the continuation names, for providers that page by number (WooCommerce, BigCommerce, Magento).
    func pageNumber() throws(ChannelCallError) -> Int {
        guard let continuation else { return 1 }
        guard let page = Int(continuation), page > 0 else { throw .malformed("'\(continuation)' is not a page number") }
        return page
    }

    /// The page size to ask for: the one asked, within 1 and the provider's `max`.
    func pageSize(max limit: Int) -> Int {
        min(limit, max(1, self.pageSize))
    }

    /// The 0-based offset the continuation names, for providers that page by offset (eBay).
    func offset() throws(ChannelCallError) -> Int {
        guard let continuation else { return 0 }
        guard let offset = Int(continuation), offset >= 0 else { throw .malformed("'\(continuation)' is not an offset") }
        return offset
    }
}
