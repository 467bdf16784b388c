/// What reached Switchyard's callback: the query parameters, and the members of a form or JSON object body.
public struct AuthorizationCallback: Sendable, Equatable {
    public var parameters: [String: String]

    public init(parameters: [String: String]) {
        self.parameters = parameters
    }
}
