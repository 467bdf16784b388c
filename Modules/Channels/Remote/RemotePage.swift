/// One page of records and the continuation of the next page (`nil` on the last page).
public struct RemotePage<Record: RemoteRecord>: Sendable, Equatable {
    public let records: [Record]
    public let continuation: String?
    /// What identifies the page's content for the pagination defences, when the page walks something other than its
    /// records (Shopify's refunds come from a walk over orders, and a page of orders may hold no refund).
    public let walkedKeys: [String]?

    public init(records: [Record], continuation: String?, walkedKeys: [String]? = nil) {
        self.records = records
        self.continuation = continuation
        self.walkedKeys = walkedKeys
    }
}

public typealias OrderPage = RemotePage<RemoteOrder>
public typealias ProductPage = RemotePage<RemoteProduct>
public typealias RefundPage = RemotePage<RemoteRefund>
