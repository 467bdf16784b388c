import Foundation
import GraphQL

/// A GraphQL-over-HTTP request: `query`, `variables`, `operationName`.
public struct QueryRequest: Sendable {
    public let query: String
    public let variables: [String: Map]
    public let operationName: String?

    public init(query: String, variables: [String: Map] = [:], operationName: String? = nil) {
        self.query = query
        self.variables = variables
        self.operationName = operationName
    }

    /// Why a request body or query string is not a GraphQL request (answered 400, nothing executed).
    public struct Malformed: Error, Sendable, Equatable {
        public let message: String

        public init(message: String) {
            self.message = message
        }
    }

    private struct Body: Decodable {
        let query: String?
        let variables: Map?
        let operationName: String?
    }

    /// Reads a JSON body.
    public init(json data: Data) throws(Malformed) {
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: data)
        } catch {
            throw Malformed(message: "The body must be a JSON object with a string \"query\".")
        }
        try self.init(query: body.query, variables: body.variables, operationName: body.operationName)
    }

    /// Reads the parameters of a GET request; `variables` is JSON text.
    public init(query: String?, variablesJSON: String?, operationName: String?) throws(Malformed) {
        var variables: Map?
        if let variablesJSON, !variablesJSON.isEmpty {
            guard let decoded = try? JSONDecoder().decode(Map.self, from: Data(variablesJSON.utf8)) else {
                throw Malformed(message: "\"variables\" must be a JSON object.")
            }
            variables = decoded
        }
        try self.init(query: query, variables: variables, operationName: operationName.flatMap { $0.isEmpty ? nil : $0 })
    }

    private init(query: String?, variables: Map?, operationName: String?) throws(Malformed) {
        guard let query, !query.isEmpty else { throw Malformed(message: "A non-empty \"query\" is required.") }
        switch variables {
        case nil, .null?, .undefined?:
            self.variables = [:]
        case .dictionary(let values)?:
            self.variables = Dictionary(values.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        default:
            throw Malformed(message: "\"variables\" must be a JSON object.")
        }
        self.query = query
        self.operationName = operationName
    }
}
