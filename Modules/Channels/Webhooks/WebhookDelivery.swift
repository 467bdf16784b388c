/// A delivery whose signature checked out: the provider's id for it (duplicates share it) and what it is about.
public struct WebhookDelivery: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A signed event to record and process.
        case event
        /// A subscription handshake (WooCommerce's unsigned ping) that is answered 200 and not recorded.
        case ping
    }

    public let kind: Kind
    public let deliveryID: String
    public let topic: String

    public init(kind: Kind = .event, deliveryID: String, topic: String) {
        self.kind = kind
        self.deliveryID = deliveryID
        self.topic = topic
    }
}
