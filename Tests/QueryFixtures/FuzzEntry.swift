import Foundation
import QueryLanguage

/// The whole path from request bytes to response bytes, for the fuzz target and its regression corpus.
public enum FuzzEntry {
    static let engine: QueryEngine<ShopContext>? = try? ShopSchema.engine(limits: QueryLimits(bucketCapacity: 1_000_000_000, restoreRate: 1_000_000))
    static let context = ShopContext(orders: ShopData.orders(count: 20, linesPerOrder: 3))

    public enum Outcome: Equatable, Sendable {
        case malformedRequest
        case answered(QueryResponse.Outcome)
    }

    /// Runs one request body; traps if the response is not a JSON object, which the fuzzer reports as a crash.
    public static func run(_ bytes: [UInt8]) async -> Outcome {
        guard let engine = self.engine else { preconditionFailure("the shop schema does not build") }
        let request: QueryRequest
        do {
            request = try QueryRequest(json: Data(bytes))
        } catch {
            return .malformedRequest
        }
        let response = await engine.execute(request, context: self.context, throttleKey: "fuzz")
        guard (try? JSONSerialization.jsonObject(with: Data(response.body))) is [String: Any] else {
            preconditionFailure("the response is not a JSON object: \(String(decoding: response.body, as: UTF8.self).prefix(500))")
        }
        return .answered(response.outcome)
    }
}
