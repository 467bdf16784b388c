import Kernel

/// How a consent's callback ended: the admin page to send the seller back to (its query says `authorization=connected`,
/// or `authorization=failed` with the `reason` code) and, when it failed, why.
public struct AuthorizationOutcome: Sendable, Equatable {
    public struct Failure: Sendable, Equatable {
        public let code: String
        public let message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    /// The instance the consent was for, when its state was known.
    public let instance: IntegrationInstanceID?
    public let failure: Failure?
    public let returnURL: String

    public init(instance: IntegrationInstanceID?, failure: Failure?, returnURL: String) {
        self.instance = instance
        self.failure = failure
        self.returnURL = returnURL
    }
}
