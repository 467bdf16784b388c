/// The JSON body of every error response: `{"error": "...", "code": "...", "field": [...], "request_id": "..."}`.
struct ErrorBody: Encodable {
    let error: String
    let code: String
    let field: [String]?
    let requestId: String
}
