/// Which credential names an adapter reads: `required` must be present to connect, `optional` may be.
public struct CredentialKeys: Sendable, Equatable {
    public let required: [String]
    public let optional: [String]

    public init(required: [String], optional: [String] = []) {
        self.required = required
        self.optional = optional
    }

    public var all: Set<String> { Set(self.required + self.optional) }
}
