/// A response body (`errors`, `data`, `extensions`) and how the request went.
public struct QueryResponse: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// The operation ran (its data may carry field errors).
        case executed
        /// The document or variables were refused before execution (syntax, validation, coercion, limits).
        case rejected
        /// The token's bucket could not pay for the request.
        case throttled
        /// A mutation was sent over GET.
        case mutationNotAllowed
    }

    public let outcome: Outcome
    public let body: [UInt8]
    public let errors: [QueryError]

    /// The answer to a body or query string that is not a GraphQL request.
    public static func malformed(_ error: QueryRequest.Malformed) -> QueryResponse {
        let errors = [QueryError(message: error.message, code: "BAD_REQUEST")]
        return QueryResponse(outcome: .rejected, body: ResponseBody.make(errors: errors, data: nil, cost: nil), errors: errors)
    }
}
