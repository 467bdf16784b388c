/// An integration instance as the APIs name it (the ERP feeds, shipments, the catalog): by the tenant's channel code,
/// with its provider.
public struct ChannelReference: Sendable, Equatable {
    public let instanceID: Int64
    public let code: String
    public let provider: Provider

    public init(instanceID: Int64, code: String, provider: Provider) {
        self.instanceID = instanceID
        self.code = code
        self.provider = provider
    }
}
