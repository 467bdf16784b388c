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

    public let failure: Failure?
    public let returnURL: String

    public init(failure: Failure?, returnURL: String) {
        self.failure = failure
        self.returnURL = returnURL
    }
}
