import Foundation

/// One page of records and the continuation of the next page (`nil` on the last page).
public struct RemotePage<Record: RemoteRecord>: Sendable, Equatable {
    public let records: [Record]
    public let continuation: String?
    /// What else the page walked, for the pagination defences, when its records are found among other things (Shopify's
    /// refunds within orders, Amazon's refund events among all financial events): a page of those may hold no record.
    public let walkedKeys: [String]
    /// The latest change the page walked, records or not: how far a finished walk has seen, so the cursor moves on when
    /// nothing was refunded.
    public let walkedThrough: Date?

    public init(records: [Record], continuation: String?, walkedKeys: [String] = [], walkedThrough: Date? = nil) {
        self.records = records
        self.continuation = continuation
        self.walkedKeys = walkedKeys
        self.walkedThrough = walkedThrough
    }
}

public typealias OrderPage = RemotePage<RemoteOrder>
public typealias ProductPage = RemotePage<RemoteProduct>
public typealias RefundPage = RemotePage<RemoteRefund>
