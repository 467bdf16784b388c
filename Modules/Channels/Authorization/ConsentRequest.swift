/// What a consent URL is built from: the `state` that comes back with the answer, Switchyard's callback for the provider
/// (registered with the provider's app as its redirect URL), and the admin page the seller returns to where the provider
/// sends the browser somewhere other than the callback.
public struct ConsentRequest: Sendable, Equatable {
    public var state: String
    public var callbackURL: String
    public var returnURL: String

    public init(state: String, callbackURL: String, returnURL: String) {
        self.state = state
        self.callbackURL = callbackURL
        self.returnURL = returnURL
    }
}
