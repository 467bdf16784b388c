import GraphQL

/// One entry of a response's `errors` list.
public struct QueryError: Error, Sendable, Equatable {
    public enum PathElement: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    public struct SourcePoint: Sendable, Hashable {
        public let line: Int
        public let column: Int
    }

    public var message: String
    public var locations: [SourcePoint]
    public var path: [PathElement]
    /// `extensions.code`, e.g. `THROTTLED`, `MAX_COST_EXCEEDED`, `GRAPHQL_VALIDATION_FAILED`.
    public var code: String?
    /// Further `extensions` entries, pre-serialized as JSON values.
    public var extensions: [(String, String)]

    public init(message: String, locations: [SourcePoint] = [], path: [PathElement] = [], code: String? = nil, extensions: [(String, String)] = []) {
        self.message = message
        self.locations = locations
        self.path = path
        self.code = code
        self.extensions = extensions
    }

    init(_ error: GraphQLError, code: String) {
        self.init(
            message: error.message, locations: error.locations.map { SourcePoint(line: $0.line, column: $0.column) }, code: code)
    }

    public static func == (lhs: QueryError, rhs: QueryError) -> Bool {
        lhs.message == rhs.message && lhs.locations == rhs.locations && lhs.path == rhs.path && lhs.code == rhs.code
            && lhs.extensions.map(\.0) == rhs.extensions.map(\.0) && lhs.extensions.map(\.1) == rhs.extensions.map(\.1)
    }
}

extension QueryError.SourcePoint {
    /// The start of an AST node, when the document was parsed with locations.
    init?(_ location: Location?) {
        guard let token = location?.startToken else { return nil }
        self.init(line: token.line, column: token.column)
    }
}
