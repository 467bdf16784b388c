import Foundation
import Kernel

/// A refund (or return with money back) as the provider holds it, with its lines where the provider gives them.
public struct RemoteRefund: RemoteRecord {
    public static let resource = RemoteResource.refunds
    public let remoteID: String
    /// The provider's id of the refunded order.
    public let remoteOrderID: String
    public let status: String?
    public let createdAt: Date?
    /// When the refund last changed; its creation where the provider keeps no other time.
    public let updatedAt: Date?
    public let payload: JSONValue
    /// Per-line detail; empty where the provider reports totals only (Amazon and eBay finances).
    public let lines: [JSONValue]

    public init(
        remoteID: String, remoteOrderID: String, status: String?, createdAt: Date?, updatedAt: Date?, payload: JSONValue, lines: [JSONValue]
    ) {
        self.remoteID = remoteID
        self.remoteOrderID = remoteOrderID
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.payload = payload
        self.lines = lines
    }

    public var parentID: String? { self.remoteOrderID }

    public static func fetch(_ query: PullQuery, from adapter: any ChannelProvider) async throws(ChannelCallError) -> RefundPage {
        try await adapter.fetchRefunds(query)
    }

    public func completed(by adapter: any ChannelProvider) async throws(ChannelCallError) -> RemoteRefund { self }
    public var parts: [JSONValue] { self.lines }
}
