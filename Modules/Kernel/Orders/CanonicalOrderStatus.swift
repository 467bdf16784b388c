/// Where an order stands across channels (seed `002_…`'s aggregated view), whatever the channel calls it.
public enum CanonicalOrderStatus: String, Sendable, Codable, CaseIterable {
    case pending
    case processing
    case shipped
    case delivered
    case cancelled
    case refunded
}
