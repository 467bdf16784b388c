/// What a resolver reports when a field cannot be produced; becomes an `errors` entry with the field's path.
/// The application maps its own errors to these once, in the resolvers' error presenter.
public struct FieldError: Error, Sendable, Equatable {
    public let message: String
    public let code: String

    public init(message: String, code: String) {
        self.message = message
        self.code = code
    }
}
