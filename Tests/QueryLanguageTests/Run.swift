import Foundation
import GraphQL
import QueryFixtures
import QueryLanguage

/// Runs a request against the in-memory shop and gives back the parsed body.
struct Run {
    let response: QueryResponse
    let body: [String: Any]
    let context: ShopContext

    init(
        _ query: String, variables: [String: Map] = [:], operationName: String? = nil, engine: QueryEngine<ShopContext>? = nil,
        throttleKey: String? = nil, allowMutations: Bool = true, context: ShopContext = ShopContext()
    ) async throws {
        let engine = try engine ?? ShopSchema.engine()
        self.context = context
        self.response = await engine.execute(
            QueryRequest(query: query, variables: variables, operationName: operationName), context: context, throttleKey: throttleKey,
            allowMutations: allowMutations)
        self.body = try JSONSerialization.jsonObject(with: Data(self.response.body)) as? [String: Any] ?? [:]
    }

    var data: [String: Any]? { self.body["data"] as? [String: Any] }
    var errors: [[String: Any]] { self.body["errors"] as? [[String: Any]] ?? [] }
    var messages: [String] { self.errors.compactMap { $0["message"] as? String } }
    var codes: [String] { self.errors.compactMap { ($0["extensions"] as? [String: Any])?["code"] as? String } }
    var text: String { String(decoding: self.response.body, as: UTF8.self) }
    var cost: [String: Any]? { (self.body["extensions"] as? [String: Any])?["cost"] as? [String: Any] }

    func value(_ path: Any...) -> Any? {
        var current: Any? = self.data
        for step in path {
            if let key = step as? String { current = (current as? [String: Any])?[key] }
            if let index = step as? Int {
                guard let list = current as? [Any], list.indices.contains(index) else { return nil }
                current = list[index]
            }
        }
        return current
    }
}
