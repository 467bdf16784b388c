import Kernel

/// The JSON body of every error response: `{"error": "...", "code": "...", "field": [...], "request_id": "..."}`. A
/// refused batch answers as seed `001_…` writes it, `{"error": ["Tracking number can't be blank"], …}`: every row's
/// messages in `error`, and in `rows` by the row's position.
struct ErrorBody: Encodable {
    let error: String
    let code: String
    let field: [String]?
    let requestId: String
    var rows: [RowError]? = nil

    enum CodingKeys: String, CodingKey {
        case error, code, field, requestId, rows
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let rows {
            try container.encode(rows.flatMap(\.messages), forKey: .error)
            try container.encode(rows, forKey: .rows)
        } else {
            try container.encode(self.error, forKey: .error)
        }
        try container.encode(self.code, forKey: .code)
        try container.encodeIfPresent(self.field, forKey: .field)
        try container.encode(self.requestId, forKey: .requestId)
    }
}
