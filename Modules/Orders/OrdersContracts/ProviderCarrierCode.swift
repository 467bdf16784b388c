import Kernel

/// A carrier a shipment may name on a provider's channels (seed `001_…` `GET /api/v1/carrier_codes`).
public struct ProviderCarrierCode: Sendable, Equatable, Encodable {
    public let provider: Provider
    public let code: String
    public let displayName: String

    public init(provider: Provider, code: String, displayName: String) {
        self.provider = provider
        self.code = code
        self.displayName = displayName
    }
}
