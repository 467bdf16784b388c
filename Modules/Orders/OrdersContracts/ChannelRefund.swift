import Foundation
import Kernel

/// A stored refund of a channel order, with its lines where the channel gives them and its raw payload.
public struct ChannelRefund: Sendable, Equatable {
    public let id: Int64
    public let instanceID: Int64
    public let provider: Provider
    public let refund: NormalizedRefund
    public let importedToErp: Bool
    public let importedAt: Date?
    public let createdAt: Date

    public init(id: Int64, instanceID: Int64, provider: Provider, refund: NormalizedRefund, importedToErp: Bool, importedAt: Date?, createdAt: Date) {
        self.id = id
        self.instanceID = instanceID
        self.provider = provider
        self.refund = refund
        self.importedToErp = importedToErp
        self.importedAt = importedAt
        self.createdAt = createdAt
    }
}
