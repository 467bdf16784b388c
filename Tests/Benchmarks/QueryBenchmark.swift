import Foundation
import GraphQL
import QueryFixtures
import QueryLanguage

/// The query language's engine on the typical admin query (100 orders × 5 lines, a fragment, 4 variables) over
/// in-memory data: each step in microseconds, then execute + serialize beside GraphQLSwift's own executor and
/// `JSONEncoder` over Codable structs holding the same data. Medians of many runs.
enum QueryBenchmark {
    struct Root: Encodable, Sendable {
        struct Data: Encodable, Sendable {
            let orders: Connection
        }
        let data: Data
    }

    struct Connection: Encodable, Sendable {
        let totalCount: Int
        let pageInfo: PageInfo
        let edges: [Edge]
    }

    struct PageInfo: Encodable, Sendable {
        let hasNextPage: Bool
        let endCursor: String?
    }

    struct Edge: Encodable, Sendable {
        let cursor: String
        let node: Order
    }

    struct Order: Encodable, Sendable {
        let id: String
        let number: String
        let status: String
        let total: String
        let placedAt: String
        let note: String?
        let tags: [String]
        let lines: [Line]
        let customer: Customer?
    }

    struct Line: Encodable, Sendable {
        let id: String
        let sku: String
        let quantity: Int
        let price: String
    }

    struct Customer: Encodable, Sendable {
        let id: String
        let name: String
        let email: String?
    }

    static func codable(_ orders: [ShopOrder]) -> Root {
        let edges = orders.map { order in
            Edge(
                cursor: String(order.id),
                node: Order(
                    id: "Order/\(order.id)", number: order.number, status: order.status, total: order.total.description, placedAt: order.placedAt,
                    note: order.note, tags: order.tags,
                    lines: order.lines.map { Line(id: "Line/\($0.id)", sku: $0.sku, quantity: $0.quantity, price: $0.price.description) },
                    customer: order.customer.map { Customer(id: "Customer/\($0.id)", name: $0.name, email: $0.email) }))
        }
        return Root(
            data: Root.Data(
                orders: Connection(totalCount: orders.count, pageInfo: PageInfo(hasNextPage: false, endCursor: edges.last?.cursor), edges: edges)))
    }

    static func median(_ runs: Int, _ body: () async throws -> Void) async rethrows -> Double {
        let clock = ContinuousClock()
        var samples: [Double] = []
        for _ in 0..<runs {
            let start = clock.now
            try await body()
            samples.append(microseconds(start.duration(to: clock.now)))
        }
        return samples.sorted()[samples.count / 2]
    }

    static func microseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
    }

    static func run() async throws {
        let orders = ShopData.orders(count: 100, linesPerOrder: 5)
        let context = ShopContext(orders: orders)
        let engine = try ShopSchema.engine(limits: QueryLimits(bucketCapacity: 1_000_000_000, restoreRate: 1_000_000_000))
        let request = QueryRequest(query: ShopSchema.typicalQuery, variables: ShopSchema.typicalVariables)
        let runs = 300

        for _ in 0..<20 { _ = await engine.execute(request, context: context, throttleKey: nil) }
        var phases: [PhaseDurations] = []
        for _ in 0..<runs {
            if let measured = await engine.measurePhases(request, context: context) { phases.append(measured) }
        }
        func phase(_ value: (PhaseDurations) -> Duration) -> Double {
            phases.map { microseconds(value($0)) }.sorted()[phases.count / 2]
        }
        let cached = await median(runs) { _ = await engine.execute(request, context: context, throttleKey: "benchmark") }

        let schema = try buildSchema(source: ShopSchema.sdl)
        let document = try parse(source: Source(body: ShopSchema.typicalQuery))
        let root = codable(orders)
        let graphQLSwift = try await median(max(runs / 10, 10)) {
            let result = try await GraphQL.execute(
                schema: schema, documentAST: document, rootValue: root.data, context: (), variableValues: ShopSchema.typicalVariables)
            _ = try JSONEncoder().encode(result)
        }
        let encoder = JSONEncoder()
        let jsonEncoder = try await median(runs) { _ = try encoder.encode(root) }
        let ours = phase(\.executeAndWrite)

        print("query language — typical admin query (100 orders × 5 lines, fragment, 4 variables), \(phases.first?.bytes ?? 0) bytes of data")
        print(String(format: "  parse (GraphQLSwift)            %9.1f µs", phase(\.parse)))
        print(String(format: "  validate (all spec rules)       %9.1f µs", phase(\.validate)))
        print(String(format: "  plan                            %9.1f µs", phase(\.plan)))
        print(String(format: "  execute + serialize             %9.1f µs", ours))
        print(String(format: "  cached request, end to end      %9.1f µs  (parse/validate/plan skipped; cost, throttle, execute, write)", cached))
        print(String(format: "  GraphQLSwift execute + encode   %9.1f µs  (%.0fx ours)", graphQLSwift, graphQLSwift / ours))
        print(String(format: "  JSONEncoder on Codable structs  %9.1f µs  (%.2fx ours)", jsonEncoder, jsonEncoder / ours))
    }
}
