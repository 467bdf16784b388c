/// What kind of failure a domain error is; the edges map each kind to one HTTP status or GraphQL error code.
public enum DomainErrorKind: String, Sendable, CaseIterable {
    /// The request is malformed or a value is invalid (HTTP 400/422, GraphQL `userErrors`).
    case invalidInput
    /// The caller is not identified (HTTP 401).
    case unauthenticated
    /// The caller is identified but may not do this (HTTP 403).
    case forbidden
    /// The thing does not exist for this tenant (HTTP 404).
    case notFound
    /// The request conflicts with the current state (HTTP 409).
    case conflict
    /// A business rule refuses the change (HTTP 422).
    case ruleViolated
    /// The caller sent too much too fast (HTTP 429).
    case rateLimited
    /// A dependency is unavailable right now (HTTP 503).
    case unavailable
}

extension DomainErrorKind {
    /// The HTTP status every REST answer (and every recorded inbound event) gives this kind of error.
    public var httpStatus: Int {
        switch self {
        case .invalidInput, .ruleViolated: 422
        case .unauthenticated: 401
        case .forbidden: 403
        case .notFound: 404
        case .conflict: 409
        case .rateLimited: 429
        case .unavailable: 503
        }
    }
}

/// An error a bounded context raises on purpose. Each context defines its own typed errors conforming to this;
/// the edges (REST, query language) translate them once, by `kind`.
public protocol DomainError: Error, Sendable {
    var kind: DomainErrorKind { get }
    /// A stable machine-readable code, e.g. `token_revoked`.
    var code: String { get }
    /// A sentence for the person reading the response.
    var message: String { get }
    /// The input field the error is about, when there is one (a path such as `["input", "scopes", "0"]`).
    var field: [String]? { get }
    /// The rows of a batch request that were refused, each with its messages; `nil` for a request that is not a batch.
    var rows: [RowError]? { get }
}

extension DomainError {
    public var field: [String]? { nil }
    public var rows: [RowError]? { nil }
}
