/// The kinds of record pulled from a channel.
public enum RemoteResource: String, Sendable, Codable, CaseIterable {
    case orders
    case products
    case refunds
}
