/// Which credential names an adapter reads: `required` must be present to connect, `optional` may be. `granted` are the
/// ones a seller's consent yields (see `ChannelAuthorization`): an instance may be created without them and waits,
/// `pending`, for the consent.
public struct CredentialKeys: Sendable, Equatable {
    public let required: [String]
    public let optional: [String]
    public let granted: Set<String>

    public init(required: [String], optional: [String] = [], granted: Set<String> = []) {
        self.required = required
        self.optional = optional
        self.granted = granted
    }

    public var all: Set<String> { Set(self.required + self.optional) }
}
