import Foundation
import Kernel

/// A record as the provider holds it (an order, a product, a refund): the JSON exactly as received plus the few fields
/// every pull needs.
public protocol RemoteRecord: Sendable, Equatable {
    static var resource: RemoteResource { get }
    var remoteID: String { get }
    /// The provider's own status text.
    var status: String? { get }
    var createdAt: Date? { get }
    /// When the provider last changed the record; `nil` when it does not say (then the record counts as changed).
    var updatedAt: Date? { get }
    /// The record this one belongs to (a refund's order); `nil` for top-level records.
    var parentID: String? { get }
    var payload: JSONValue { get }
    /// The record's parts: an order's or refund's lines, a product's variants.
    var parts: [JSONValue] { get }

    /// One page of the records changed since `query.updatedSince`, from `adapter`.
    static func fetch(_ query: PullQuery, from adapter: any ChannelProvider) async throws(ChannelCallError) -> RemotePage<Self>
    /// The record with the parts the provider serves apart from it (Amazon's order items, WooCommerce's variations).
    func completed(by adapter: any ChannelProvider) async throws(ChannelCallError) -> Self
}

extension RemoteRecord {
    /// What identifies one version of the record: a page served twice yields the same keys.
    var contentKey: String { "\(self.remoteID)|\(self.updatedAt?.timeIntervalSince1970 ?? 0)|\(self.status ?? "")" }
}
