import Kernel

/// A bad argument: a user error in a mutation, a `BAD_USER_INPUT`-kind field error in a query.
struct UserInputError: DomainError {
    let field: [String]?
    let message: String
    let code: String
    var kind: DomainErrorKind = .invalidInput

    /// The provider an argument names, in any case.
    static func provider(_ name: String, field: [String]) throws(UserInputError) -> Provider {
        guard let provider = Provider(rawValue: name.lowercased()) else {
            throw UserInputError(field: field, message: "Unknown provider.", code: "INVALID_PROVIDER")
        }
        return provider
    }
}
