/// What a consent yields: credentials to add to the app's (by the provider's names) and non-secret connection settings
/// (the seller's id, the shop's domain…).
public struct AuthorizationGrant: Sendable, Equatable {
    public var credentials: [String: String]
    public var settings: [String: String]

    public init(credentials: [String: String], settings: [String: String] = [:]) {
        self.credentials = credentials
        self.settings = settings
    }
}
