import App
import AsyncHTTPClient
import Foundation
import Identity
import IdentityContracts
import Inventory
import InventoryContracts
import Kernel
import Logging
import NIOCore
import NIOHTTP1
import Storage

/// 64 concurrent clients reserving one hot SKU over HTTP (`POST /sales-channel/inventory/reserve`, admin JWT) until its
/// 10,000 units run out: reservations granted per second and p50/p99 latency, and the exact units granted, which must
/// equal the stock. Every fourth client sends carts whose two lines name the same SKU (1 + 1 units).
/// Target (issue 6): at least 1,000 reservations/s, p99 under 100 ms, never more units than the stock.
enum ReservationBenchmark {
    static let clients = 64
    static let stock: Int64 = 10_000
    static let sku = "HOT-SKU"

    struct ClientRun: Sendable {
        var latencies: [Double] = []
        var granted = 0
        var units = 0
        var refused = 0
        var failed = 0
    }

    static func run(_ database: BenchmarkDatabase, logger: Logger) async throws {
        for poolSize in [16, 64] {
            try await Self.run(database, poolSize: poolSize, logger: logger)
        }
        try await database.printTopStatements(limit: 10)
    }

    static func run(_ database: BenchmarkDatabase, poolSize: Int, logger: Logger) async throws {
        try await BenchmarkServer.run(
            database, portBase: 44000, poolSize: poolSize, logger: logger,
            prepare: { services, _, identity in
                let tenant = try await identity.ensureTenant(
                    id: TenantID(UUID()), name: "Reservation bench", slug: "reservation-bench-\(UUID().uuidString.lowercased().prefix(8))")
                let user = try await identity.ensureUser(id: UserID(UUID()), email: "bench-\(UUID())@example.com", name: "Bench")
                try await identity.setMembership(tenant: tenant.id, user: user.id, role: .staff)
                _ = try await services.inventory.setQuantities(
                    [StockChange(sku: Self.sku, quantity: Self.stock)], by: StockActor(name: "bench", source: .seed), tenant: tenant.id)
                return (tenant.id, try await services.adminTokens.sign(user: user.id), services.database)
            }
        ) { root, prepared in
            let (tenant, token, db) = prepared
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(connectionPool: .init(idleTimeout: .seconds(60))))
            defer { _ = client.shutdown() }
            let started = ContinuousClock.now
            let runs = try await withThrowingTaskGroup(of: ClientRun.self) { group in
                for index in 0..<Self.clients {
                    group.addTask {
                        try await Self.reserveUntilOut(client, root: root, token: token, tenant: tenant, pairs: index % 4 == 3)
                    }
                }
                return try await group.reduce(into: [ClientRun]()) { $0.append($1) }
            }
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let latencies = runs.flatMap(\.latencies).sorted()
            let granted = runs.reduce(0) { $0 + $1.granted }
            let units = runs.reduce(0) { $0 + $1.units }
            let stock = try await db.withTenant(tenant) { try await InventoryReads.stock(of: [Self.sku], in: $0) }.first
            let percentile = { (p: Double) in latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
            print(
                "reservations (\(Self.clients) clients over HTTP, pool \(poolSize), one SKU of \(Self.stock) units until it ran out):"
                    + " \(granted) granted in \(String(format: "%.2f", seconds)) s = \(Int(Double(granted) / seconds)) reservations/s,"
                    + " p50 \(String(format: "%.1f", percentile(0.5))) ms, p99 \(String(format: "%.1f", percentile(0.99))) ms;"
                    + " units granted \(units) (stock \(Self.stock)), reserved in the database \(stock?.reserved ?? -1),"
                    + " refused \(runs.reduce(0) { $0 + $1.refused }), failed \(runs.reduce(0) { $0 + $1.failed })")
        }
    }

    /// Reserves until the SKU is out (409): a request of 1 unit, or a cart of two 1-unit lines of the SKU.
    static func reserveUntilOut(_ client: HTTPClient, root: String, token: String, tenant: TenantID, pairs: Bool) async throws -> ClientRun {
        let line = #"{"sku": "\#(Self.sku)", "quantity": 1}"#
        let body = #"{"items": [\#(pairs ? "\(line), \(line)" : line)], "orderId": "bench"}"#
        var run = ClientRun()
        while true {
            var request = HTTPClientRequest(url: "\(root)/sales-channel/inventory/reserve")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.headers.add(name: "orgid", value: tenant.description)
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
            let started = ContinuousClock.now
            let response = try await client.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            let elapsed = ContinuousClock.now - started
            run.latencies.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            switch response.status.code {
            case 201:
                run.granted += 1
                run.units += pairs ? 2 : 1
            case 409:
                run.refused += 1
                return run
            default:
                run.failed += 1
                if run.failed > 100 { return run }
            }
        }
    }
}
