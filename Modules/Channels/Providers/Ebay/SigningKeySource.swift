/// Where a provider's public signing keys come from, by key id (eBay's notification keys).
public protocol SigningKeySource: Sendable {
    /// The PEM of key `kid`; throws when it cannot be obtained.
    func publicKey(kid: String) async throws -> String
}
